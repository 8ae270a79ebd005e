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
