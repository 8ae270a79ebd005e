"""The extraction rules: TOML files under ``rules/`` that a domain expert can extend.

Rules name graph entities with the project's prefixes (``sec:{convention}``); they are
expanded to full IRIs here, and ``{convention}`` is filled in by the caller.

>>> rules = Rules.load()
>>> "declaratory" in rules.verbs and "welcomes" in rules.verbs["declaratory"]
True
>>> rules.expand("sec:{convention}", convention="cms")
'https://w3id.org/mea-graph/id/secretariat/cms'
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import MeaGraphError
from ..namespaces import PREFIXES

__all__ = ["RULES_DIR", "Rules", "expand_curie"]

RULES_DIR = Path(__file__).parent / "rules"
_FILES = ("verbs", "addressees", "mentions", "themes")


def expand_curie(curie: str) -> str:
    """``orgn:unep`` -> its full IRI; full IRIs pass through.

    >>> expand_curie("orgn:unep")
    'https://w3id.org/mea-graph/id/org/unep'
    """
    if curie.startswith(("http://", "https://")):
        return curie
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in PREFIXES:
        raise MeaGraphError(f"unknown prefix in {curie!r}: use one of {', '.join(PREFIXES)}")
    return PREFIXES[prefix] + local


@dataclass(frozen=True)
class Rules:
    """The four rule files, parsed."""

    verbs: dict[str, Any]
    addressees: dict[str, Any]
    mentions: dict[str, Any]
    themes: dict[str, Any]
    digests: dict[str, str]  # file name -> sha256, for provenance

    @classmethod
    def load(cls, folder: Path = RULES_DIR) -> Rules:
        parsed, digests = {}, {}
        for name in _FILES:
            path = folder / f"{name}.toml"
            try:
                data = path.read_bytes()
                parsed[name] = tomllib.loads(data.decode("utf-8"))
            except OSError as error:
                raise MeaGraphError(f"cannot read rules file {path}: {error}") from None
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
                raise MeaGraphError(f"malformed rules file {path}: {error}") from None
            digests[path.name] = hashlib.sha256(data).hexdigest()
        return cls(**parsed, digests=digests)

    @staticmethod
    def expand(curie: str, *, convention: str) -> str:
        return expand_curie(curie.replace("{convention}", convention))
