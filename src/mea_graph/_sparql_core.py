"""SHACL core constraints compiled to SPARQL and run on pyoxigraph, checked against rdflib.

pyshacl walks every focus node in Python; at a million triples that takes tens of
seconds. Here each node shape becomes one grouped SPARQL SELECT over the shape's target
that returns the *candidate* focus nodes, a superset of the focus nodes that can fail,
with one flag per constraint saying which of them to check. Each flagged constraint is
then checked exactly, in Python, with pyshacl's own rules (ill-typed literals,
``re.search``, the class hierarchy of the data graph), so the findings are pyshacl's. The
exact checks read the data through the few ``rdflib.Graph`` methods they need: an rdflib
graph, or a :class:`StoreView` of the store itself, so that large data never has to
become an rdflib graph.

One query per node shape: the target is evaluated once, and the property shapes become
branches of one ``OPTIONAL { … UNION … }`` (one branch per path, shared by the property
shapes on that path), with one aggregate condition per property shape. ``sh:class``
tests list the class and its subclasses, read from the data
(:func:`class_closure`), instead of walking ``rdf:type/rdfs:subClassOf*`` for each value.

Why the SPARQL part never misses a failing focus node: every per-value test written in
SPARQL is a *sure-conforms* test that implies pyshacl's test (for example an
``xsd:integer`` only counts as sure when its lexical form is ``[+-]?[0-9]{1,18}``, a
``sh:pattern`` only when the value is an IRI or a string without a newline that the regex
matches), and counts are exact because the store holds exactly the terms rdflib holds:
:func:`load_store` refuses a store in which pyoxigraph merged two rdflib terms (canonical
literals such as ``"01"`` and ``"1"``), and callers that load files directly check the
literals first (:func:`mea_graph.validation.validate_triples`).

Supported, per node shape (anything else leaves the whole node shape to pyshacl, see
:func:`compile_core`): ``sh:targetClass`` and ``sh:target`` with a ``sh:SPARQLTarget``;
a node-level ``sh:pattern``; property shapes with an IRI ``sh:path`` and ``sh:minCount``,
``sh:maxCount``, ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:pattern``,
``sh:uniqueLang``, ``sh:in``, ``sh:hasValue``, ``sh:qualifiedValueShape`` (a shape with
only ``sh:languageIn``) with ``sh:qualifiedMinCount``, ``sh:node`` (a shape whose only
constraint is a property with an IRI ``sh:path`` and an IRI ``sh:hasValue``) and
``sh:or`` of shapes with a single ``sh:class`` or ``sh:datatype``. Every shape that
reports must carry its own ``sh:message`` (pyshacl's generic messages are not copied).

>>> from mea_graph.validation import parse_turtle
>>> shapes = parse_turtle('''
... @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
... ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:S-n .
... ex:S-n sh:path ex:n ; sh:maxCount 1 ; sh:message "one n" .''')
>>> compiled, rest = compile_core(shapes)
>>> [shape.shape for shape in compiled], len(rest)
(['http://example.org/S'], 0)
>>> data = parse_turtle('@prefix ex: <http://example.org/> . ex:a a ex:C ; ex:n 1, 2 .')
>>> findings = evaluate_core(load_store(data), data, compiled)
>>> [(f.focus, f.path, f.value, f.messages) for f in findings]
[('http://example.org/a', 'http://example.org/n', None, ('one n',))]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Union

import pyoxigraph as ox
import rdflib
from pyshacl.rdfutil import stringify_node
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, XSD

from ._sparql_constraints import _prefixes
from .errors import MeaGraphError
from .namespaces import SH

__all__ = [
    "CompiledShape",
    "CoreFinding",
    "StoreView",
    "candidates",
    "check_candidates",
    "class_closure",
    "compile_core",
    "evaluate_core",
    "load_store",
]

Node = rdflib.term.Node


class Unsupported(Exception):
    """A construct this compiler does not handle; the node shape goes to pyshacl."""


@dataclass(frozen=True)
class CoreFinding:
    """One validation result, as pyshacl reports it (IRIs and values as strings)."""

    focus: str
    path: str | None
    value: str | None
    shape: str
    severity: str  # the IRI of sh:Violation, sh:Warning or sh:Info
    messages: tuple[str, ...]


# ------------------------------------------------------------------ reading the data


class StoreView:
    """A pyoxigraph store read through the ``rdflib.Graph`` methods the exact checks use
    (``objects``, ``transitive_objects``, ``in`` and ``namespace_manager``).

    The data is the store's default graph. Terms come back as rdflib would have parsed
    them (a plain ``"x"`` has no datatype), so the checks give what they give on rdflib.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x")))
    >>> view = StoreView(store)
    >>> list(view.objects(rdflib.URIRef("http://e/a"), rdflib.URIRef("http://e/p")))
    [rdflib.term.Literal('x')]
    >>> (rdflib.URIRef("http://e/a"), rdflib.URIRef("http://e/p"), rdflib.Literal("x")) in view
    True
    """

    def __init__(self, store: ox.Store):
        self.store = store
        self.namespace_manager = rdflib.Graph().namespace_manager  # what a parsed graph has

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        for quad in self._quads(subject, predicate, None):
            yield _to_rdflib(quad.object)

    def transitive_objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        """``subject``, then every node reachable through ``predicate``, each once."""
        seen: set[Node] = set()
        todo = [subject]
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            yield node
            todo.extend(self.objects(node, predicate))

    def __contains__(self, triple: tuple[Node, Node, Node]) -> bool:
        return any(True for _ in self._quads(*triple))

    def _quads(self, subject, predicate, obj) -> Iterator[ox.Quad]:
        s = None if subject is None else _to_ox(subject)
        p = None if predicate is None else _to_ox(predicate)
        o = None if obj is None else _to_ox(obj)
        if isinstance(s, ox.Literal) or isinstance(p, (ox.Literal, ox.BlankNode)):
            return iter(())  # no such triple can exist
        return self.store.quads_for_pattern(s, p, o, ox.DefaultGraph())


Data = Union[rdflib.Graph, StoreView]  # noqa: UP007 (a runtime alias)
"""Where the exact checks read the data."""


def load_store(data: rdflib.Graph) -> ox.Store:
    """An in-memory store of ``data`` that keeps rdflib's blank node ids.

    Raises ``MeaGraphError`` when pyoxigraph merges terms that rdflib keeps apart
    (``"1.0"^^xsd:decimal`` and ``"1"^^xsd:decimal``, for example): counts
    in SPARQL would then differ from pyshacl's, and the caller must use pyshacl.

    >>> text = '<a:> <p:> "1.0"^^<http://www.w3.org/2001/XMLSchema#decimal>, 1.0, 1.00 .'
    >>> load_store(rdflib.Graph().parse(data=text, format="turtle"))
    Traceback (most recent call last):
    ...
    mea_graph.errors.MeaGraphError: pyoxigraph merged 1 of 2 triples (non-canonical literals)
    """
    store = ox.Store()
    text = data.serialize(format="nt", encoding="utf-8")
    if text.strip():
        store.extend(ox.parse(text, format=ox.RdfFormat.N_TRIPLES, rename_blank_nodes=False))
    if len(store) != len(data):
        merged = len(data) - len(store)
        raise MeaGraphError(
            f"pyoxigraph merged {merged} of {len(data)} triples (non-canonical literals)"
        )
    return store


Classes = Callable[[str], "tuple[str, ...] | None"]
"""A class IRI -> that class and all its subclasses in the data (``None``: not known)."""


def class_closure(store: ox.Store) -> Classes:
    """The ``rdfs:subClassOf`` hierarchy of the store's default graph, as :data:`Classes`.

    A class with a blank node among its subclasses gives ``None`` (SPARQL text cannot
    name it), and its ``sh:class`` tests then walk ``rdf:type/rdfs:subClassOf*``.

    >>> store = ox.Store()
    >>> e = lambda name: ox.NamedNode("http://e/" + name)
    >>> store.add(ox.Quad(e("B"), ox.NamedNode(str(RDFS.subClassOf)), e("A")))
    >>> store.add(ox.Quad(e("C"), ox.NamedNode(str(RDFS.subClassOf)), e("B")))
    >>> class_closure(store)("http://e/A")
    ('http://e/A', 'http://e/B', 'http://e/C')
    """
    children: dict[ox.NamedNode | ox.BlankNode, list] = {}
    subclass_of = ox.NamedNode(str(RDFS.subClassOf))
    for quad in store.quads_for_pattern(None, subclass_of, None, ox.DefaultGraph()):
        children.setdefault(quad.object, []).append(quad.subject)  # type: ignore[arg-type]

    def closure(cls: str) -> tuple[str, ...] | None:
        found: set = set()
        todo: list = [ox.NamedNode(cls)]
        while todo:
            node = todo.pop()
            if node not in found:
                found.add(node)
                todo.extend(children.get(node, ()))
        if any(not isinstance(node, ox.NamedNode) for node in found):
            return None
        return tuple(sorted(node.value for node in found))

    return closure


# ------------------------------------------------------------------------- compiling

Hit = Union[Node, None, CoreFinding]  # noqa: UP007 (a runtime alias)
Check = Callable[[Data, Node, list[Node]], Iterator[Hit]]
"""An exact check: (data, focus, value nodes) -> the sh:value of each result (or None),
or a whole finding for a result pyshacl nests under another (``sh:detail``)."""


@dataclass(frozen=True)
class _Compiled:
    """One shape (node or property): the aggregate condition that flags a candidate
    focus node in the node shape's query, and the exact checks of a flagged one."""

    shape: str
    path: str | None
    severity: str
    messages: tuple[str, ...]
    condition: str
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class CompiledShape:
    """A node shape with a target, compiled: one query for the candidates of its own
    constraints and its property shapes', whose ``?f<i>`` flag ``parts[i]``."""

    shape: str
    target: str  # a group graph pattern binding ?this
    prefixes: dict[str, str]
    parts: tuple[_Compiled, ...] = ()
    query: str = ""  # empty when the shape checks nothing


_TARGETS = {SH.targetClass, SH.target, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf}
_NOTES = {RDF.type, RDFS.comment, RDFS.label, SH.name, SH.description, SH.order, SH.group}
_NODE_KEYS = _NOTES | {SH.targetClass, SH.target, SH.property, SH.pattern, SH.message, SH.severity}
_PROPERTY_KEYS = _NOTES | {
    SH.path, SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH.nodeKind, SH.pattern,
    SH.uniqueLang, SH["in"], SH.hasValue, SH.qualifiedValueShape, SH.qualifiedMinCount,
    SH.node, SH["or"], SH.message, SH.severity,
}  # fmt: skip
_SEVERITIES = {SH.Violation, SH.Warning, SH.Info}
_SAFE_PATTERN = re.compile(r"(?:[^\\]|\\[^A-Za-z0-9])*")  # no \d, \b, \p{..}, back-references
_UNSAFE_PIECES = ("(?", "[[", "&&", "--", "~~", "[:")  # look-arounds, flags, set operations


def compile_core(
    shapes: rdflib.Graph, *, classes: Classes | None = None
) -> tuple[list[CompiledShape], rdflib.Graph]:
    """The node shapes this module can run, and the shapes left for pyshacl.

    ``shapes`` should have no SPARQL constraints left (see
    :func:`mea_graph._sparql_constraints.split_sparql_constraints`). The graph returned
    holds every shape, with the targets of the compiled node shapes removed: pyshacl
    still sees the shapes they reference but never validates a compiled shape itself.
    ``classes`` (see :func:`class_closure`) lets ``sh:class`` tests list the subclasses
    of the data to validate; without it they walk ``rdf:type/rdfs:subClassOf*``.
    """
    rest = rdflib.Graph()
    rest += shapes
    compiled = []
    for shape in sorted({s for t in _TARGETS for s in shapes.subjects(t, None)}, key=str):
        try:
            compiled.append(_compile_node_shape(shapes, shape, classes))
        except Unsupported:
            continue
        for target in _TARGETS:
            rest.remove((shape, target, None))
    has_targets = any(True for t in _TARGETS for _ in rest.triples((None, t, None)))
    return compiled, rest if has_targets else rdflib.Graph()


def _compile_node_shape(g: rdflib.Graph, shape: Node, classes: Classes | None) -> CompiledShape:
    _only(g, shape, _NODE_KEYS)
    if (shape, SH.deactivated, None) in g or isinstance(shape, rdflib.Literal):
        raise Unsupported(shape)
    if {RDFS.Class, rdflib.OWL.Class} & set(g.objects(shape, RDF.type)):
        raise Unsupported(f"{shape} is also a class (implicit target)")
    target, prefixes = _target(g, shape)
    parts: list[_Compiled] = []
    node_binds: list[str] = []
    branches: dict[rdflib.URIRef, list[str]] = {}  # path -> its BINDs, in path order
    pattern = _one(g, shape, SH.pattern)
    if pattern is not None:
        check, sure = _pattern(g, shape, pattern)
        bad = f"?b{len(parts)}"
        node_binds.append(f"BIND(COALESCE(IF({sure('?this')}, 0, 1), 1) AS {bad})")
        condition = f"SUM(COALESCE({bad}, 0)) > 0"
        parts.append(_part(g, shape, None, condition, (_on_focus(check),)))
    for prop in sorted(g.objects(shape, SH.property), key=str):
        path = _property_path(g, prop)
        binds = branches.setdefault(path, [])
        value = f"?v{list(branches).index(path)}"
        part = _compile_property(g, prop, path, value, f"?b{len(parts)}_", binds, classes)
        if part.condition:
            parts.append(part)
    query = _node_query(target, node_binds, branches, parts) if parts else ""
    return CompiledShape(str(shape), target, prefixes, tuple(parts), query)


def _node_query(
    target: str, node_binds: list[str], branches: dict[rdflib.URIRef, list[str]], parts
) -> str:
    """One SELECT: each focus node of ``target`` that some part flags, with the flags."""
    values = [
        f"{{ ?this {_iri(path)} ?v{index} . {' '.join(binds)} }}"
        for index, (path, binds) in enumerate(branches.items())
    ]
    optional = f"OPTIONAL {{ {' UNION '.join(values)} }}" if values else ""
    flags = " ".join(f"(({p.condition}) AS ?f{i})" for i, p in enumerate(parts))
    having = " || ".join(f"({p.condition})" for p in parts)
    return (
        f"SELECT ?this {flags} WHERE {{ {target} {' '.join(node_binds)} {optional} }}"
        f" GROUP BY ?this HAVING ({having})"
    )


def _target(g: rdflib.Graph, shape: Node) -> tuple[str, dict[str, str]]:
    branches, prefixes = [], {}
    for cls in g.objects(shape, SH.targetClass):
        branches.append(f"{{ ?this a/<{RDFS.subClassOf}>* {_iri(cls)} }}")
    for target in g.objects(shape, SH.target):
        _only(g, target, {RDF.type, SH.select, SH.prefixes})
        select = _one(g, target, SH.select)
        if (target, RDF.type, SH.SPARQLTarget) not in g or select is None:
            raise Unsupported(f"target {target}")
        branches.append(f"{{ {select} }}")
        prefixes.update(_prefixes(g, target))
    if not branches:
        raise Unsupported(f"{shape} has no supported target")
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(branches) + " } }", prefixes


def _property_path(g: rdflib.Graph, prop: Node) -> rdflib.URIRef:
    _only(g, prop, _PROPERTY_KEYS)
    if any(True for t in _TARGETS for _ in g.triples((prop, t, None))):
        raise Unsupported(f"{prop} has its own target")
    path = _one(g, prop, SH.path)
    if not isinstance(path, rdflib.URIRef):
        raise Unsupported(f"{prop}: sh:path is not an IRI")
    return path


def _compile_property(
    g: rdflib.Graph,
    prop: Node,
    path: rdflib.URIRef,
    v: str,
    prefix: str,
    binds: list[str],
    classes: Classes | None,
) -> _Compiled:
    """A property shape on the path's value variable ``v``; adds its BINDs (variables
    named ``prefix<n>``) to the path's branch in ``binds``."""
    having, checks = [], []

    def per_value(index: int, check: Callable[[Data, Node], bool], sure: Sure) -> None:
        binds.append(f"BIND(COALESCE(IF({sure(v)}, 0, 1), 1) AS {prefix}{index})")
        having.append(f"SUM(COALESCE({prefix}{index}, 0)) > 0")
        detail = _node_details(g, value) if key == SH.node else None
        checks.append(_each_value(check, detail))

    for index, (key, value) in enumerate(sorted(g.predicate_objects(prop), key=str)):
        if key in _NOTES or key in {SH.path, SH.message, SH.severity, SH.qualifiedMinCount}:
            continue
        _one(g, prop, key)  # several values of one parameter: leave the shape to pyshacl
        if key in (SH.minCount, SH.maxCount):
            count = _integer(value)
            below = key == SH.minCount
            having.append(f"COUNT(DISTINCT {v}) {'<' if below else '>'} {count}")
            checks.append(_count(count, below=below))
        elif key == SH.uniqueLang:
            if not isinstance(value, rdflib.Literal) or not isinstance(value.value, bool):
                raise Unsupported(f"{prop}: sh:uniqueLang {value}")
            if value.value:
                tagged = f'isLiteral({v}) && LANG({v}) != ""'
                binds.append(f"BIND(IF({tagged}, 1, 0) AS {prefix}{index}t)")
                binds.append(f"BIND(IF({tagged}, LCASE(LANG({v})), ?none) AS {prefix}{index}l)")
                having.append(
                    f"SUM(COALESCE({prefix}{index}t, 0)) > COUNT(DISTINCT {prefix}{index}l)"
                )
                checks.append(_unique_lang)
        elif key == SH.hasValue:
            if not isinstance(value, rdflib.URIRef):
                raise Unsupported(f"{prop}: sh:hasValue {value}")
            having.append(f"SUM(COALESCE(IF(sameTerm({v}, {_iri(value)}), 1, 0), 0)) = 0")
            checks.append(_has_value(value))
        elif key == SH.qualifiedValueShape:
            minimum = _integer(_one(g, prop, SH.qualifiedMinCount))
            check, sure = _language_in(g, value)
            binds.append(f"BIND(COALESCE(IF({sure(v)}, 1, 0), 0) AS {prefix}{index})")
            having.append(f"SUM(COALESCE({prefix}{index}, 0)) < {minimum}")
            checks.append(_qualified(check, minimum))
        else:
            per_value(index, *_value_test(g, prop, key, value, classes))
    if (prop, SH.qualifiedMinCount, None) in g and (prop, SH.qualifiedValueShape, None) not in g:
        raise Unsupported(f"{prop}: sh:qualifiedMinCount without a value shape")
    return _part(g, prop, path, " || ".join(having), tuple(checks))


# A "sure" test: SPARQL text for a variable that, when true, implies pyshacl accepts it.
Sure = Callable[[str], str]
Test = tuple[Callable[[Data, Node], bool], Sure]


def _value_test(
    g: rdflib.Graph, shape: Node, key: Node, value: Node, classes: Classes | None
) -> Test:
    """The exact test and the SPARQL sure test of one per-value constraint."""
    if key == SH["class"]:
        return _class(value, classes)
    if key == SH.datatype:
        return _datatype(value)
    if key == SH.nodeKind:
        return _node_kind(value)
    if key == SH.pattern:
        return _pattern(g, shape, value)
    if key == SH["in"]:
        members = list(Collection(g, value))
        if not all(isinstance(m, rdflib.URIRef) for m in members):
            raise Unsupported(f"{shape}: sh:in with literals or blank nodes")
        listed = ", ".join(_iri(m) for m in members) or "<urn:none>"
        return (lambda data, v: v in members), (lambda var: f"({var} IN ({listed}))")
    if key == SH.node:
        return _node(g, value)
    if key == SH["or"]:
        return _or(g, value, classes)
    raise Unsupported(f"{shape}: {key}")


def _class(cls: Node, classes: Classes | None) -> Test:
    if not isinstance(cls, rdflib.URIRef):
        raise Unsupported(f"sh:class {cls}")

    def exact(data: Data, v: Node) -> bool:  # pyshacl's _evaluate_class_rules_rdflib
        if isinstance(v, rdflib.Literal):
            return False
        return any(
            t == cls or cls in data.transitive_objects(t, RDFS.subClassOf)
            for t in data.objects(v, RDF.type)
        )

    members = classes(str(cls)) if classes is not None else None
    if members is None:
        return exact, lambda var: f"EXISTS {{ {var} a/<{RDFS.subClassOf}>* {_iri(cls)} }}"
    listed = ", ".join(f"<{member}>" for member in members)
    return (
        exact,
        lambda var: f"EXISTS {{ {var} a ?shClassType . FILTER(?shClassType IN ({listed})) }}",
    )


_SURE_LEXICAL = {  # lexical forms that rdflib always parses, for datatypes it converts
    XSD.integer: "^[+-]?[0-9]{1,18}$",
    XSD.date: (  # any real day but 29 February (leap years are left to the exact check)
        "^[1-9][0-9]{3}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
        "|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)$"
    ),
}


def _datatype(datatype: Node) -> Test:
    if not isinstance(datatype, rdflib.URIRef) or datatype in (RDFS.Literal, RDFS.Datatype):
        raise Unsupported(f"sh:datatype {datatype}")

    def exact(data: Data, v: Node) -> bool:  # pyshacl's DatatypeConstraintComponent
        if not isinstance(v, rdflib.Literal):
            return False
        if v.datatype == datatype:
            if getattr(v, "ill_typed", None) is True:
                return False
            return _actual_datatype(v, datatype)
        if v.datatype is None and v.language is None and datatype == XSD.string:
            return True
        return datatype == RDF.langString and bool(v.language)

    def sure(var: str) -> str:
        if datatype == RDF.langString:
            return f'(isLiteral({var}) && LANG({var}) != "")'
        if datatype == XSD.string:
            return f"(isLiteral({var}) && DATATYPE({var}) = {_iri(XSD.string)})"
        if datatype in _SURE_LEXICAL:
            return (
                f"(isLiteral({var}) && DATATYPE({var}) = {_iri(datatype)}"
                f" && REGEX(STR({var}), {_string(_SURE_LEXICAL[datatype])}))"
            )
        return "false"  # check every value in Python

    return exact, sure


def _actual_datatype(v: rdflib.Literal, datatype: Node) -> bool:
    """pyshacl's ``_assert_actual_datatype`` for the datatypes it knows."""
    known: dict[Node, type | tuple[type, ...]] = {
        XSD.string: (str, bytes),
        RDF.langString: (str, bytes),
        XSD.integer: int,
        XSD.float: float,
        XSD.decimal: Decimal,
        XSD.boolean: bool,
        XSD.date: date,
        XSD.time: time,
        XSD.dateTime: datetime,
    }
    return isinstance(v.value, known[datatype]) if datatype in known else True


_KINDS = {
    SH.IRI: ("isIRI", (rdflib.URIRef,)),
    SH.BlankNode: ("isBlank", (rdflib.BNode,)),
    SH.Literal: ("isLiteral", (rdflib.Literal,)),
    SH.BlankNodeOrIRI: ("!isLiteral", (rdflib.URIRef, rdflib.BNode)),
    SH.BlankNodeOrLiteral: ("!isIRI", (rdflib.BNode, rdflib.Literal)),
    SH.IRIOrLiteral: ("!isBlank", (rdflib.URIRef, rdflib.Literal)),
}


def _node_kind(kind: Node) -> Test:
    if not isinstance(kind, rdflib.URIRef) or kind not in _KINDS:
        raise Unsupported(f"sh:nodeKind {kind}")
    function, types = _KINDS[kind]
    return (lambda data, v: isinstance(v, types)), (lambda var: f"{function}({var})")


def _pattern(g: rdflib.Graph, shape: Node, pattern: Node) -> Test:
    text = str(pattern)
    if (
        (shape, SH.flags, None) in g
        or not _SAFE_PATTERN.fullmatch(text)
        or any(piece in text for piece in _UNSAFE_PIECES)
    ):
        raise Unsupported(f"{shape}: sh:pattern {text!r}")
    compiled = re.compile(text)

    def exact(data: Data, v: Node) -> bool:  # pyshacl: match, then search
        return not isinstance(v, rdflib.BNode) and compiled.search(str(v)) is not None

    def sure(var: str) -> str:  # Rust and Python regexes agree on strings without "\n"
        return (
            f"((isIRI({var}) || (isLiteral({var}) && (DATATYPE({var}) = {_iri(XSD.string)}"
            f' || LANG({var}) != ""))) && !CONTAINS(STR({var}), "\\n")'
            f" && REGEX(STR({var}), {_string(text)}))"
        )

    return exact, sure


def _language_in(g: rdflib.Graph, value_shape: Node) -> Test:
    _only(g, value_shape, {SH.languageIn, RDF.type})
    holder = _one(g, value_shape, SH.languageIn)
    if holder is None:
        raise Unsupported(f"qualified value shape {value_shape}")
    ranges = [str(r).lower() for r in Collection(g, holder)]
    if not ranges or any("-" in r or "*" in r or not r for r in ranges):
        raise Unsupported(f"sh:languageIn {ranges}")

    def exact(data: Data, v: Node) -> bool:  # pyshacl's LanguageInConstraintComponent
        if not isinstance(v, rdflib.Literal) or not v.language:
            return False
        lang = str(v.language).lower()
        return lang in ranges or lang.split("-")[0] in ranges

    def sure(var: str) -> str:
        tests = " || ".join(
            f"LCASE(LANG({var})) = {_string(r)}"
            f" || STRSTARTS(LCASE(LANG({var})), {_string(r + '-')})"
            for r in ranges
        )
        return f"(isLiteral({var}) && ({tests}))"

    return exact, sure


def _node(g: rdflib.Graph, node_shape: Node) -> Test:
    """``sh:node`` with a shape whose one property has an IRI ``sh:hasValue``."""
    _only(g, node_shape, {SH.property, RDF.type})
    inner = _one(g, node_shape, SH.property)
    if inner is None:
        raise Unsupported(f"sh:node {node_shape}")
    _only(g, inner, {SH.path, SH.hasValue, RDF.type})
    path, value = _one(g, inner, SH.path), _one(g, inner, SH.hasValue)
    if not isinstance(path, rdflib.URIRef) or not isinstance(value, rdflib.URIRef):
        raise Unsupported(f"sh:node {node_shape}")
    return (
        lambda data, v: (v, path, value) in data,
        lambda var: f"EXISTS {{ {var} {_iri(path)} {_iri(value)} }}",
    )


def _node_details(g: rdflib.Graph, node_shape: Node) -> Callable[[Data, Node], CoreFinding]:
    """pyshacl nests the failure of the ``sh:node`` shape's property under the result
    (``sh:detail``); that nested result, on the value node, with its generic message."""
    inner = g.value(node_shape, SH.property)
    path, value = g.value(inner, SH.path), g.value(inner, SH.hasValue)
    assert path is not None and value is not None  # checked by _node
    the_set = [stringify_node(g, value)]
    shown_path = stringify_node(g, path)

    def detail(data: Data, v: Node) -> CoreFinding:
        shown = stringify_node(_graph_of(data), v, ns_manager=data.namespace_manager)
        message = f"Node {shown}->{shown_path} does not contain a value in the set: {the_set}"
        return CoreFinding(str(v), str(path), None, str(inner), str(SH.Violation), (message,))

    return detail


def _or(g: rdflib.Graph, holder: Node, classes: Classes | None) -> Test:
    tests = []
    for alternative in Collection(g, holder):
        _only(g, alternative, {SH["class"], SH.datatype, RDF.type})
        keys = [k for k in g.predicates(alternative) if k != RDF.type]
        parameter = _one(g, alternative, keys[0]) if len(keys) == 1 else None
        if parameter is None:
            raise Unsupported(f"sh:or alternative {alternative}")
        tests.append(_class(parameter, classes) if keys[0] == SH["class"] else _datatype(parameter))
    if not tests:
        raise Unsupported("empty sh:or")
    return (
        lambda data, v: any(exact(data, v) for exact, _ in tests),
        lambda var: "(" + " || ".join(f"COALESCE({sure(var)}, false)" for _, sure in tests) + ")",
    )


# ------------------------------------------------------------------- exact checks


def _each_value(
    test: Callable[[Data, Node], bool],
    detail: Callable[[Data, Node], CoreFinding] | None = None,
) -> Check:
    def check(data: Data, focus: Node, values: list[Node]) -> Iterator[Hit]:
        for v in values:
            if not test(data, v):
                yield v
                if detail is not None:
                    yield detail(data, v)

    return check


def _on_focus(test: Callable[[Data, Node], bool]) -> Check:
    def check(data: Data, focus: Node, values: list[Node]) -> Iterator[Hit]:
        return iter([] if test(data, focus) else [focus])

    return check


def _count(limit: int, *, below: bool) -> Check:
    def check(data: Data, focus: Node, values: list[Node]) -> Iterator[Hit]:
        failed = len(values) < limit if below else len(values) > limit
        return iter([None] if failed else [])

    return check


def _qualified(test: Callable[[Data, Node], bool], minimum: int) -> Check:
    def check(data: Data, focus: Node, values: list[Node]) -> Iterator[Hit]:
        return iter([None] if sum(1 for v in values if test(data, v)) < minimum else [])

    return check


def _has_value(expected: Node) -> Check:
    def check(data: Data, focus: Node, values: list[Node]) -> Iterator[Hit]:
        return iter([] if expected in values else [None])

    return check


def _unique_lang(data: Data, focus: Node, values: list[Node]) -> Iterator[Hit]:
    seen: set[str] = set()
    duplicated: set[str] = set()
    for v in values:
        if isinstance(v, rdflib.Literal) and v.language:
            lang = str(v.language).lower()
            (duplicated if lang in seen else seen).add(lang)
    return iter([None] * len(duplicated))


# ---------------------------------------------------------------------- evaluating


def evaluate_core(
    store: ox.Store, data: Data | None, compiled: Iterable[CompiledShape]
) -> Iterator[CoreFinding]:
    """Run the compiled shapes: one SPARQL query per node shape for the candidates, then
    the exact checks of each flagged part, reading ``data`` (the store itself when
    ``data`` is ``None``, see :class:`StoreView`)."""
    view: Data = StoreView(store) if data is None else data
    for node_shape in compiled:
        yield from check_candidates(node_shape, candidates(store, node_shape), view)


def candidates(store: ox.Store, node_shape: CompiledShape) -> list[ox.QuerySolution]:
    """The rows of the node shape's query: its candidate focus nodes and their flags.
    pyoxigraph lets other threads run meanwhile, so queries can run side by side."""
    if not node_shape.query:
        return []
    solutions = store.query(node_shape.query, prefixes=node_shape.prefixes)
    assert isinstance(solutions, ox.QuerySolutions)
    return list(solutions)


def check_candidates(
    node_shape: CompiledShape, rows: Iterable[ox.QuerySolution], data: Data
) -> Iterator[CoreFinding]:
    """The exact checks of each part that flags a candidate, on ``data``."""
    for row in rows:
        focus = _to_rdflib(row["this"])
        for index, part in enumerate(node_shape.parts):
            flag = row[f"f{index}"]
            if flag is not None and flag.value == "true":
                yield from _check(part, data, focus)


def _check(part: _Compiled, data: Data, focus: Node) -> Iterator[CoreFinding]:
    """The exact checks of one flagged part on one focus node."""
    values = list(data.objects(focus, rdflib.URIRef(part.path))) if part.path else []
    for check in part.checks:
        for value in check(data, focus, values):
            if isinstance(value, CoreFinding):
                yield value
                continue
            yield CoreFinding(
                focus=str(focus),
                path=part.path,
                value=None if value is None else str(value),
                shape=part.shape,
                severity=part.severity,
                messages=part.messages,
            )


def _to_rdflib(term) -> Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    datatype = term.datatype.value
    if term.language or datatype == _XSD_STRING:  # what rdflib's parsers give
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype))


_XSD_STRING = str(XSD.string)


def _to_ox(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term of an rdflib term (the inverse of :func:`_to_rdflib`)."""
    if isinstance(node, rdflib.URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, rdflib.BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, rdflib.Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        datatype = ox.NamedNode(str(node.datatype)) if node.datatype else None
        return ox.Literal(str(node), datatype=datatype)
    raise TypeError(f"not an RDF term: {node!r}")


def _graph_of(data: Data) -> rdflib.Graph:
    """An rdflib graph for pyshacl's ``stringify_node`` (it describes blank nodes)."""
    return data if isinstance(data, rdflib.Graph) else rdflib.Graph()


# ------------------------------------------------------------------------ helpers


def _part(g: rdflib.Graph, shape: Node, path: Node | None, condition: str, checks) -> _Compiled:
    severity = _one(g, shape, SH.severity) or SH.Violation
    messages = tuple(sorted(str(m) for m in g.objects(shape, SH.message)))
    if checks and (severity not in _SEVERITIES or not messages):
        raise Unsupported(f"{shape}: no sh:message or an unknown severity")
    if any("{" in m for m in messages):
        raise Unsupported(f"{shape}: message template")
    return _Compiled(
        str(shape), None if path is None else str(path), str(severity), messages, condition, checks
    )


def _only(g: rdflib.Graph, node: Node, allowed: set) -> None:
    unknown = set(g.predicates(node)) - allowed
    if unknown:
        raise Unsupported(f"{node}: {sorted(map(str, unknown))}")


def _one(g: rdflib.Graph, node: Node, key: Node) -> Node | None:
    """The single value of ``key``; ``None`` when absent; Unsupported when several."""
    values = list(g.objects(node, key))
    if len(values) > 1:
        raise Unsupported(f"{node}: several {key}")
    return values[0] if values else None


def _integer(value: Node | None) -> int:
    if not isinstance(value, rdflib.Literal) or not isinstance(value.value, int):
        raise Unsupported(f"count {value}")
    return value.value


def _iri(node: Node) -> str:
    if not isinstance(node, rdflib.URIRef):
        raise Unsupported(f"{node} is not an IRI")
    return f"<{node}>"


def _string(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"'
