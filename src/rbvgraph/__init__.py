"""rbvgraph: a knowledge graph of who does what in public safety in Noord-Nederland."""


def __getattr__(name: str):
    # the version is looked up when first asked for, not on import: importing the package stays quick, so Ctrl-C
    # right after 'rbvgraph' starts already falls where the command line turns it into one line
    if name != "__version__":
        raise AttributeError(f"module 'rbvgraph' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("rbvgraph")
    except PackageNotFoundError:  # running from a checkout that was never installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found
