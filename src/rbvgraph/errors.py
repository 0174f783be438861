"""The exceptions rbvgraph raises; the CLI turns each into one line on stderr and a non-zero exit."""


class RbvError(Exception):
    """Base class of every error rbvgraph reports to its user."""

    exit_code = 1


class InputError(RbvError):
    """An input file (Turtle, query, parameter) is malformed; the message names the file and line."""

    exit_code = 2


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
