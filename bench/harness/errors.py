"""The harness's own error, a :class:`mea_graph.errors.MeaGraphError`.

>>> str(HarnessError("the oxigraph binary is missing"))
'the oxigraph binary is missing'
"""

from __future__ import annotations

from mea_graph.errors import MeaGraphError

__all__ = ["HarnessError"]


class HarnessError(MeaGraphError):
    """A benchmark that cannot run: a missing engine, a peer that never answered, bad
    options. The message names the engine, file or option."""
