"""SPARQL: reading query text, running queries on a graph or at an endpoint, the named queries, results."""
