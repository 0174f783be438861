"""rbvgraph build: the steps that write build/ (the graph, the query results, the network pages, the index)."""
