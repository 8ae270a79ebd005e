"""A small SPARQL lexer: enough to find keywords and braces outside strings, IRIs and
comments. It is not a parser; the safety screen uses it only as a fallback and to add
``USING`` clauses to updates.

>>> [t.text for t in tokens('SELECT * { ?s <http://e/p> "a { b" } # SERVICE')]
['SELECT', '*', '{', '?s', '<http://e/p>', '"a { b"', '}']
>>> sorted(keywords('ASK FROM <http://g> { ?s ?p "LOAD" }'))
['ASK', 'FROM']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Token", "insert_before_where", "keywords", "tokens"]

_LEXER = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u00c0-\uffff]+)
  | (?P<punct>[{}()\[\];,.])
  | (?P<word>[^\s{}()\[\];,<>"'\#.?$]+(?:\.[^\s{}()\[\];,<>"'\#.?$]+)*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str  # string, iri, var, punct, word or other
    text: str
    start: int


def tokens(text: str) -> Iterator[Token]:
    """The significant tokens of ``text`` (whitespace and comments dropped)."""
    for match in _LEXER.finditer(text):
        kind = match.lastgroup or "other"
        if kind not in ("ws", "comment"):
            yield Token(kind, match.group(), match.start())


def keywords(text: str) -> set[str]:
    """Bare words (no prefix colon) in upper case: the keywords a query uses."""
    return {t.text.upper() for t in tokens(text) if t.kind == "word" and ":" not in t.text}


def insert_before_where(text: str, clause: str) -> str:
    """Insert ``clause`` before the ``WHERE`` of every ``INSERT``/``DELETE`` template of an
    update (not ``DELETE WHERE``, which takes no ``USING``).

    >>> insert_before_where("CLEAR ALL ; INSERT { ?s a ?t } WHERE { ?s a ?t }", "USING <g>")
    'CLEAR ALL ; INSERT { ?s a ?t } USING <g> WHERE { ?s a ?t }'
    >>> insert_before_where("DELETE WHERE { ?s ?p ?o }", "USING <g>")
    'DELETE WHERE { ?s ?p ?o }'
    """
    depth, previous, points = 0, None, []
    for token in tokens(text):
        if token.text == "{":
            depth += 1
        elif token.text == "}":
            depth -= 1
        elif depth == 0 and token.text.upper() == "WHERE" and previous == "}":
            points.append(token.start)
        previous = token.text
    for point in reversed(points):
        text = f"{text[:point]}{clause} {text[point:]}"
    return text
