"""HTTP problems, and the one place that maps the package's exceptions onto statuses.

Every error answer is JSON: ``{"detail": message, ...}`` (FastAPI's own shape), with the
line and column of a syntax error, or the SHACL report of a rejected update.

>>> status_of(QueryTimeout("too slow")), status_of(QuerySyntaxError("x", line=1, column=2))
(503, 400)
>>> status_of(HttpProblem(415, "wrong Content-Type"))
415
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ..errors import (
    InvalidArgument,
    MeaGraphError,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    ServiceBusy,
    StoreNotFound,
    UnknownEntity,
    ValidationFailed,
)
from .negotiation import NotAcceptable

__all__ = ["ErrorBody", "HttpProblem", "install_handlers", "status_of"]

RETRY_AFTER_SECONDS = 1


class HttpProblem(MeaGraphError):
    """A request that breaks the protocol (wrong method, media type, parameters...)."""

    def __init__(self, status: int, message: str):
        self.status = status
        super().__init__(message)


class ShapeFinding(BaseModel):
    severity: str
    focus_node: str
    path: str | None = None
    value: str | None = None
    message: str


class ErrorBody(BaseModel):
    """The JSON body of every error answer."""

    detail: str
    line: int | None = None
    column: int | None = None
    report: list[ShapeFinding] | None = None


_STATUS: tuple[tuple[type[MeaGraphError], int], ...] = (
    (QuerySyntaxError, 400),
    (QueryRefused, 400),
    (InvalidArgument, 400),
    (UnknownEntity, 404),
    (NotAcceptable, 406),
    (ValidationFailed, 422),
    (QueryTimeout, 503),
    (ServiceBusy, 503),
    (StoreNotFound, 503),
)


def status_of(error: MeaGraphError) -> int:
    """The HTTP status for one of the package's exceptions (500 if unknown)."""
    if isinstance(error, HttpProblem):
        return error.status
    return next((status for kind, status in _STATUS if isinstance(error, kind)), 500)


def error_response(error: MeaGraphError) -> JSONResponse:
    status = status_of(error)
    body = ErrorBody(detail=str(error))
    if isinstance(error, QuerySyntaxError):
        body.line, body.column = error.line, error.column
    if isinstance(error, ValidationFailed):
        body.report = [
            ShapeFinding(
                severity=r.severity.value,
                focus_node=r.focus_node,
                path=r.path,
                value=r.value,
                message=r.message,
            )
            for r in error.report.violations
        ]
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if status == 503 else None
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


def install_handlers(app: FastAPI) -> None:
    """Answer every :class:`~mea_graph.errors.MeaGraphError` with its status, no traceback."""

    async def handle(_request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, MeaGraphError)
        return error_response(error)

    app.add_exception_handler(MeaGraphError, handle)
