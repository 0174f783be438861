"""Collaboration networks: who works with whom according to the graph, as a networkx graph with metrics,
shown as an offline page or written for Gephi."""
