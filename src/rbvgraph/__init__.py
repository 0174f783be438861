"""rbvgraph: a knowledge graph of who does what in public safety in Noord-Nederland."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rbvgraph")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"
