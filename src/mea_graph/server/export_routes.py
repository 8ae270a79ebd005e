"""Downloads: network exports, RDF dumps and JSON node-link networks.

- ``GET /api/export/rdf.{format}``: the dataset as ``turtle`` (or ``ttl``), ``ntriples``
  (``nt``), ``jsonld`` or ``trig`` (with the named graphs);
- ``GET /api/export/{network}.{format}``: a projection as ``graphml``, ``gexf``, ``json``
  or ``csv`` (a zip holding the nodes file, the edges file and the provenance sidecar);

Downloads are streamed in chunks with their media type and a ``Content-Disposition``
file name; the provenance (dataset version, date, query hash) is in the file and in
``X-Dataset-Version``, ``X-Export-Created`` and ``X-Query-SHA256`` headers. An unknown
network is 404 and an unknown format 400, both naming the value. (``GET /api/network``,
the node-link JSON of a projection with its evidence in full, is served by
:mod:`mea_graph.server.api_routes` on top of :func:`mea_graph.network.project`.) Handlers are plain
``def``: FastAPI runs them in its thread pool, so a long export blocks no one.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from fastapi import APIRouter, HTTPException
from fastapi.responses import StreamingResponse

from ..errors import EmptyNetwork, UnknownChoice
from ..export import MEDIA_TYPES, NETWORK_FORMATS, RDF_FORMATS, dataset_version, rdf_bytes
from ..export.network import network_files
from ..export.provenance import ExportInfo
from ..layout import Layout
from ..network import KINDS, project
from .deps import BackendDep, SettingsDep

__all__ = ["router"]

router = APIRouter(tags=["export"])

CHUNK = 64 * 1024
_RDF_ALIASES = {"ttl": "turtle", "nt": "ntriples", "json-ld": "jsonld"}


def _chunks(data: bytes) -> Iterator[bytes]:
    view = memoryview(data)
    for start in range(0, len(view), CHUNK):
        yield bytes(view[start : start + CHUNK])


def _download(data: bytes, media_type: str, filename: str, info: ExportInfo | None):
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    headers.update(info.headers() if info else {})
    return StreamingResponse(_chunks(data), media_type=media_type, headers=headers)


def _version(settings) -> str:
    if settings.endpoint:
        return "unknown"
    try:
        return dataset_version(settings.store_path or Layout.discover().store_dir)
    except (OSError, RuntimeError, ValueError):
        return "unknown"


def _projection(backend, kind: str):
    if kind not in KINDS:
        raise HTTPException(404, f"unknown network {kind!r}: choose one of {', '.join(KINDS)}")
    try:
        return project(backend, kind)
    except EmptyNetwork as error:
        raise HTTPException(404, str(error)) from None


@router.get("/api/export/rdf.{fmt}", summary="Dump the dataset as RDF")
def export_rdf(fmt: str, backend: BackendDep, settings: SettingsDep):
    name = _RDF_ALIASES.get(fmt, fmt)
    if name not in RDF_FORMATS:
        choices = ", ".join([*RDF_FORMATS, *_RDF_ALIASES])
        raise HTTPException(400, f"unknown RDF format {fmt!r}: choose one of {choices}")
    try:
        data, info = rdf_bytes(backend, name, dataset_version=_version(settings))
    except EmptyNetwork as error:
        raise HTTPException(404, str(error)) from None
    _, extension, media_type = RDF_FORMATS[name]
    return _download(data, media_type, f"mea-graph.{extension}", info)


@router.get("/api/export/{network}.{fmt}", summary="Export a network projection")
def export_network(network: str, fmt: str, backend: BackendDep, settings: SettingsDep):
    if fmt not in NETWORK_FORMATS:
        choices = ", ".join(NETWORK_FORMATS)
        raise HTTPException(400, f"unknown network format {fmt!r}: choose one of {choices}")
    graph = _projection(backend, network)
    try:
        files = network_files(graph, fmt, dataset_version=_version(settings), stem=network)
    except (EmptyNetwork, UnknownChoice) as error:
        raise HTTPException(400, str(error)) from None
    meta = ExportInfo.now(_version(settings), graph.graph["query_sha256"], source=network)
    if fmt != "csv":
        ((name, data),) = files.items()
        return _download(data, MEDIA_TYPES[fmt], name, meta)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return _download(buffer.getvalue(), "application/zip", f"{network}-csv.zip", meta)
