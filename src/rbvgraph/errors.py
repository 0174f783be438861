"""The exceptions rbvgraph raises; the CLI turns each into one line on stderr and a non-zero exit."""


class RbvError(Exception):
    """Base class of every error rbvgraph reports to its user."""

    exit_code = 1


class InputError(RbvError):
    """An input file (Turtle, query, parameter) is malformed; the message names the file and line."""

    exit_code = 2


class OutputError(RbvError):
    """A file or folder could not be written (disk full, no permission, a file in the way); the message names it.
    Whatever was there before is left as it was."""

    exit_code = 1


class QueryNotFound(RbvError):
    """No named query or .rq file has that name."""

    exit_code = 2


class ParameterError(RbvError):
    """A query parameter is missing, unknown or has a value of the wrong kind."""

    exit_code = 2


class EndpointError(RbvError):
    """A remote SPARQL endpoint or graph store could not be reached or refused the request."""

    exit_code = 3


class NotConforming(RbvError):
    """The graph breaks a rule of ontology/shapes.ttl or contradicts the ontology; nothing was written."""

    exit_code = 1


class RefusedQuery(InputError):
    """A query the read-only server will not run: an update, LOAD, SERVICE (an outgoing request), or a text it
    will not parse; ``status`` is the HTTP status it is answered with (403 for what is forbidden, else 400)."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason
        self.status = 403 if reason in ("service", "update") else 400


class NetworkError(RbvError):
    """A theme, programme or organisation for the network could not be found, or the options do not fit."""

    exit_code = 2


class ServerError(RbvError):
    """The server could not start: the address is taken or wrong, or the query workers did not start."""


class PoolError(ServerError):
    """The query workers could not be started."""
