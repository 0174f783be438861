"""Several reports side by side: what changed from one report to the next (``rbvgraph diff``)."""
