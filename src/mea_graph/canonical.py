"""Canonical layout of the hand-curated Turtle files, so that diffs stay readable.

A canonical file has its ``@prefix`` lines sorted, then sections (a comment line at the
start of a paragraph opens a section), and in each section one block per subject, the
blocks sorted by subject. :func:`canonical_text` only moves blocks and prefix lines; it
never rewrites a block, so comments and hand layout survive, and
:func:`write_canonical` checks the result parses to the same graph before writing.

>>> text = '''@prefix ex: <http://e/> .
... @prefix a: <http://a/> .
...
... # Things
... ex:b a ex:T .
...
... ex:a a ex:T .
... '''
>>> print(canonical_text(text))
@prefix a: <http://a/> .
@prefix ex: <http://e/> .
<BLANKLINE>
# Things
ex:a a ex:T .
<BLANKLINE>
ex:b a ex:T .
<BLANKLINE>
"""

from __future__ import annotations

import re
from pathlib import Path

import rdflib
from rdflib.compare import isomorphic

from .errors import DataFileError

__all__ = ["canonical_text", "is_canonical", "write_canonical"]

_PREFIX = re.compile(r"^@prefix\s")


def _paragraphs(text: str) -> list[list[str]]:
    paragraphs: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def _subject(block: list[str]) -> str:
    return next((line.split()[0] for line in block if not line.startswith("#")), "")


def canonical_text(text: str) -> str:
    """The canonical layout of a Turtle text (see the module docstring)."""
    header: list[str] = []  # comments before the prefixes
    prefixes: list[str] = []
    sections: list[tuple[list[str], list[list[str]]]] = []
    for paragraph in _paragraphs(text):
        lines = list(paragraph)
        while (
            lines
            and _PREFIX.match(lines[0]) is None
            and lines[0].startswith("#")
            and (not sections and not prefixes)
        ):
            header.append(lines.pop(0))
        prefixes += [line for line in lines if _PREFIX.match(line)]
        lines = [line for line in lines if not _PREFIX.match(line)]
        if not lines:
            continue
        comments = []
        while lines and lines[0].startswith("#"):
            comments.append(lines.pop(0))
        if comments or not sections:
            sections.append((comments, []))
        if lines:
            sections[-1][1].append(lines)
    out = [*header, *sorted(set(prefixes), key=str.lower)] if header or prefixes else []
    for comments, blocks in sections:
        body = ["\n".join(block) for block in sorted(blocks, key=_subject)]
        chunk = "\n".join(comments + ([body[0]] if body else []))
        out_parts = [chunk, *body[1:]] if body else [chunk]
        out.append("")
        out.append("\n\n".join(part for part in out_parts if part))
    return "\n".join(out).lstrip("\n") + "\n"


def is_canonical(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    return canonical_text(text) == text


def write_canonical(path: Path) -> bool:
    """Rewrite ``path`` canonically; True if it changed. Refuses (DataFileError) if the
    canonical text would not parse to the same graph."""
    text = path.read_text(encoding="utf-8")
    new = canonical_text(text)
    if new == text:
        return False
    before = rdflib.Graph().parse(data=text, format="turtle")
    after = rdflib.Graph().parse(data=new, format="turtle")
    if not isomorphic(before, after):
        raise DataFileError(str(path), None, None, "reordering would change the graph; not written")
    path.write_text(new, encoding="utf-8")
    return True
