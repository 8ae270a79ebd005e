"""The package's exceptions: one base class, specific subclasses.

Every message names what went wrong and where (file and line, IRI, shape), so that a
user can fix the input without reading a traceback.

>>> str(DataFileError("data/x.ttl", 3, 9, "'.' is not a valid RDF object"))
"data/x.ttl:3:9: '.' is not a valid RDF object"
>>> str(QuerySyntaxError("expected one of LATERAL, SERVICE", line=1, column=25))
'SPARQL syntax error at line 1, column 25: expected one of LATERAL, SERVICE'
"""

from __future__ import annotations


class MeaGraphError(Exception):
    """Base class of every error that mea-graph raises on purpose."""


class DataFileError(MeaGraphError):
    """An RDF source file that cannot be parsed."""

    def __init__(self, path: str, line: int | None, column: int | None, message: str):
        self.path, self.line, self.column, self.message = path, line, column, message
        where = path if line is None else f"{path}:{line}" + (f":{column}" if column else "")
        super().__init__(f"{where}: {message}")


class QuerySyntaxError(MeaGraphError):
    """A SPARQL query or update that does not parse."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None):
        self.message, self.line, self.column = message, line, column
        where = f" at line {line}, column {column}" if line is not None else ""
        super().__init__(f"SPARQL syntax error{where}: {message}")


class ValidationFailed(MeaGraphError):
    """The data violates the SHACL shapes; ``report`` holds every result."""

    def __init__(self, report):  # report: mea_graph.validation.ValidationReport
        self.report = report
        count = len(report.violations)
        super().__init__(f"SHACL validation failed with {count} violation(s)")


class StoreNotFound(MeaGraphError):
    """No built store where one was expected."""


class UnknownEntity(MeaGraphError):
    """An IRI or identifier that the graph does not contain."""


class QueryRefused(MeaGraphError):
    """A query or update the server will not run: it would fetch a URL, read a file or
    reach a graph outside the store (SERVICE, LOAD, FROM/USING a foreign graph)."""


class QueryTimeout(MeaGraphError):
    """A query or update that ran over its time limit and was stopped."""


class ServiceBusy(MeaGraphError):
    """Every query slot is taken; the client should retry later."""


class InvalidArgument(MeaGraphError):
    """A parameter that names an existing thing of the wrong kind, or names several things.

    For example ``convention=orgn:unep`` (UNEP is not a convention) or a label that more
    than one entity carries.
    """


class EmptyNetwork(MeaGraphError):
    """A network projection or analysis input with no nodes (or no edges where some are
    needed); the message names the projection and the options that emptied it."""


class UnknownChoice(MeaGraphError, ValueError):
    """An option value outside its accepted choices (export format, network kind, method);
    the message names the value and lists the choices."""

    def __init__(self, what: str, value: str, choices):
        self.what, self.value, self.choices = what, value, tuple(choices)
        super().__init__(f"unknown {what} {value!r}: choose one of {', '.join(self.choices)}")


class IngestError(MeaGraphError):
    """A document that cannot be ingested: empty, binary, undecodable, unknown convention
    or meeting, or with no numbered paragraphs. Nothing is written when it is raised."""
