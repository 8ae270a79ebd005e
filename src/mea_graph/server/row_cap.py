"""Put the server's row cap into a SELECT query's own ``LIMIT``.

Why: pyoxigraph serialises a whole answer in Rust several times faster than Python can
walk it, but it cannot stop after ``max_rows`` solutions. With ``LIMIT max_rows + 1``
at the top level of the query, the engine stops evaluating there, the Rust serialiser
writes at most one row too many, and the caller knows the answer was cut if (and only
if) that extra row is present.

:func:`cap_rows` returns the capped text, or ``None`` when it cannot cap safely (not a
SELECT, or a shape it does not recognise), in which case the caller walks the solutions
in Python as before.

>>> cap_rows("SELECT * WHERE { ?s ?p ?o }", 10)
'SELECT * WHERE { ?s ?p ?o }\\nLIMIT 11\\n'
>>> cap_rows("SELECT * { ?s ?p ?o } LIMIT 5", 10)  # already within the cap
'SELECT * { ?s ?p ?o } LIMIT 5'
>>> cap_rows("SELECT * { ?s ?p ?o } ORDER BY ?s LIMIT 500 OFFSET 2", 10)
'SELECT * { ?s ?p ?o } ORDER BY ?s LIMIT 11 OFFSET 2'
>>> cap_rows("SELECT ?x { ?x ?p ?o } VALUES ?x { <http://e/a> }", 10)
'SELECT ?x { ?x ?p ?o } \\nLIMIT 11\\nVALUES ?x { <http://e/a> }'
>>> cap_rows("SELECT * { { SELECT * { ?s ?p ?o } LIMIT 99 } } # LIMIT 3", 10)
'SELECT * { { SELECT * { ?s ?p ?o } LIMIT 99 } } # LIMIT 3\\nLIMIT 11\\n'
>>> cap_rows("CONSTRUCT WHERE { ?s ?p ?o }", 10) is None
True
"""

from __future__ import annotations

from ._tokens import Token, tokens

__all__ = ["cap_rows"]

_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def cap_rows(text: str, max_rows: int) -> str | None:
    """``text`` with a top-level ``LIMIT`` of at most ``max_rows + 1`` (see the module)."""
    top, depth, form = [], 0, None
    for token in tokens(text):
        if token.text == "{":
            depth += 1
        elif token.text == "}":
            depth -= 1
            if depth == 0:
                top.append(token)
        elif depth == 0:
            word = token.text.upper()
            if form is None and word in _FORMS:
                form = word
            top.append(token)
    if form != "SELECT" or depth != 0:
        return None
    modifiers, values_at = _modifiers(top)
    for i, token in enumerate(modifiers[:-1]):
        if token.text.upper() == "LIMIT":
            number = modifiers[i + 1]
            if not number.text.isdigit():
                return None
            if int(number.text) <= max_rows + 1:
                return text
            end = number.start + len(number.text)
            return f"{text[: number.start]}{max_rows + 1}{text[end:]}"
    at = len(text) if values_at is None else values_at
    return f"{text[:at]}\nLIMIT {max_rows + 1}\n{text[at:]}"


def _modifiers(top: list[Token]) -> tuple[list[Token], int | None]:
    """The top-level tokens after the WHERE group, and where a trailing ``VALUES`` starts."""
    closes = [i for i, t in enumerate(top) if t.text == "}"]
    values = [i for i, t in enumerate(top) if t.text.upper() == "VALUES"]
    if values and closes and values[-1] > closes[0] and len(closes) >= 2:
        where_end = max(c for c in closes if c < values[-1])
        return top[where_end + 1 : values[-1]], top[values[-1]].start
    return (top[closes[-1] + 1 :] if closes else []), None
