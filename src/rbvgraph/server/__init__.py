"""rbvgraph serve: the read-only SPARQL endpoint, its query workers and the query page."""
