"""The extraction as RDF, in a named graph of its own, with PROV provenance.

- The run is a ``prov:Activity`` that used the source file (a ``prov:Entity`` named by
  its SHA-256) and was associated with the ``mea-graph ingest`` software agent following
  a ``prov:Plan`` (the method: the rule files, each with its SHA-256).
- New paragraphs, annexes, the document (when ``data/`` does not describe them) and new
  mandates are ``prov:wasGeneratedBy`` the run, with ``itsrdf:taConfidence``.
- Mentions are W3C Web Annotations: ``oa:hasBody`` the entity, ``oa:hasTarget`` the
  paragraph with a text-position and a text-quote selector.

Curated paragraphs and mandates are not restated (curated data wins, see :mod:`.review`).
Run-specific nodes live under ``https://w3id.org/mea-graph/extraction/``, outside the
``id/`` namespace of domain entities.
"""

from __future__ import annotations

import hashlib

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from .. import __version__
from ..namespaces import DCTERMS, ELI, GRAPH_BASE, ID_BASE, MEA, PREFIXES, PROV, SKOS
from .knowledge import Knowledge
from .pipeline import ExtractedParagraph, Extraction
from .review import Review, document_slug

__all__ = ["EXTRACTION_BASE", "graph_iri", "to_graph", "OA", "ITSRDF"]

EXTRACTION_BASE = "https://w3id.org/mea-graph/extraction/"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_DATETIME, _DOUBLE = URIRef(_XSD + "dateTime"), URIRef(_XSD + "double")
OA = Namespace("http://www.w3.org/ns/oa#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")


def graph_iri(symbol: str) -> str:
    """The named graph of a document's extraction.

    >>> graph_iri("UNEP/CMS/COP14/Doc.18.1")
    'https://w3id.org/mea-graph/graph/extracted/unep-cms-cop14-doc.18.1'
    """
    return f"{GRAPH_BASE}extracted/{document_slug(symbol)}"


def to_graph(extraction: Extraction, result: Review, knowledge: Knowledge) -> Graph:
    """The RDF of ``extraction`` as planned by ``result``."""
    graph = Graph()
    for name, iri in PREFIXES.items():
        graph.bind(name, iri)
    graph.bind("oa", OA)
    graph.bind("itsrdf", ITSRDF)
    symbol = extraction.symbol or "unknown"
    slug = document_slug(symbol)
    stamp = extraction.started.replace(":", "").replace("-", "").replace("+0000", "Z")
    run = URIRef(f"{EXTRACTION_BASE}run/{slug}/{stamp}")
    language = extraction.language
    _run(graph, run, extraction)
    document = URIRef(result.document)
    if not result.document_is_curated:
        graph.add((document, RDF.type, MEA.MeetingDocument))
        graph.add((document, SKOS.prefLabel, Literal(symbol, lang="en")))
        graph.add((document, SKOS.prefLabel, Literal(symbol, lang="fr")))
        graph.add((document, MEA.symbol, Literal(symbol)))
        title = extraction.title or symbol
        graph.add((document, DCTERMS.title, Literal(title, lang=language)))
        graph.add((document, MEA.presentedTo, URIRef(knowledge.meeting_iri)))
        graph.add((document, PROV.wasGeneratedBy, run))
    for section, annex in result.annexes.items():
        if annex in knowledge.existing:
            continue
        number = section.split(" ", 1)[1] if " " in section else "1"
        graph.add((URIRef(annex), RDF.type, MEA.Annex))
        graph.add((URIRef(annex), SKOS.prefLabel, Literal(f"{symbol}, Annex {number}", lang="en")))
        graph.add((URIRef(annex), SKOS.prefLabel, Literal(f"{symbol}, annexe {number}", lang="fr")))
        graph.add((URIRef(annex), ELI.number, Literal(number)))
        graph.add((URIRef(annex), ELI.is_annex_of, document))
        graph.add((URIRef(annex), PROV.wasGeneratedBy, run))
    for paragraph in extraction.paragraphs:
        key = (paragraph.section, paragraph.number)
        node = URIRef(result.paragraph_iris[key])
        if key not in result.curated_paragraphs:
            _paragraph(graph, node, paragraph, result, symbol, language, run)
        for index, mention in enumerate(m for m in paragraph.mentions if m.iri):
            _annotation(graph, run, node, paragraph, index, mention)
    used: set[str] = set()
    for plan in result.new_mandates:
        local = plan.source.removeprefix(ID_BASE).split("/", 1)[-1].replace("/", "-")
        iri = f"{ID_BASE}mandate/{local}-{plan.verb.code}"
        suffix = 2
        while iri in used or iri in knowledge.existing:
            iri = f"{ID_BASE}mandate/{local}-{plan.verb.code}-{suffix}"
            suffix += 1
        used.add(iri)
        _mandate(graph, URIRef(iri), plan, knowledge, language, run)
    return graph


def _run(graph: Graph, run: URIRef, extraction: Extraction) -> None:
    agent = URIRef(f"{EXTRACTION_BASE}agent/mea-graph-ingest-{__version__}")
    digest = hashlib.sha256("".join(sorted(extraction.rules.values())).encode()).hexdigest()
    plan = URIRef(f"{EXTRACTION_BASE}plan/rules-{digest[:16]}")
    source = URIRef(f"{EXTRACTION_BASE}source/sha256-{extraction.sha256 or 'unknown'}")
    graph.add((run, RDF.type, PROV.Activity))
    graph.add((run, RDFS.label, Literal(f"mea-graph ingest of {extraction.symbol}", lang="en")))
    graph.add((run, PROV.startedAtTime, Literal(extraction.started, datatype=_DATETIME)))
    graph.add((run, PROV.endedAtTime, Literal(extraction.ended, datatype=_DATETIME)))
    graph.add((run, PROV.used, source))
    graph.add((run, PROV.wasAssociatedWith, agent))
    association = BNode()
    graph.add((run, PROV.qualifiedAssociation, association))
    graph.add((association, RDF.type, PROV.Association))
    graph.add((association, PROV.agent, agent))
    graph.add((association, PROV.hadPlan, plan))
    graph.add((agent, RDF.type, PROV.SoftwareAgent))
    graph.add((agent, RDFS.label, Literal(f"mea-graph ingest {__version__}", lang="en")))
    graph.add((plan, RDF.type, PROV.Plan))
    graph.add(
        (
            plan,
            RDFS.label,
            Literal(
                "Rule-based extraction: PDF-text segmentation, SKOS verb lexicon, "
                "addressee phrases, graph-label gazetteer and theme keywords",
                lang="en",
            ),
        )
    )
    for name, sha in sorted(extraction.rules.items()):
        graph.add((plan, DCTERMS.hasPart, Literal(f"rules/{name} sha256:{sha}")))
    graph.add((source, RDF.type, PROV.Entity))
    if extraction.source:
        graph.add((source, DCTERMS.title, Literal(extraction.source)))
    graph.add((source, DCTERMS.language, Literal(extraction.language)))


def _paragraph(graph, node, paragraph: ExtractedParagraph, result, symbol, language, run):
    seg = paragraph.segment
    section_en = "" if seg.section == "body" else f"{seg.section.capitalize()}, "
    section_fr = "" if seg.section == "body" else f"{seg.section.replace('annex', 'annexe')}, "
    if seg.role == "preamble":
        en, fr = f"preambular paragraph {seg.number[2:]}", f"alinéa {seg.number[2:]} du préambule"
    else:
        en, fr = f"paragraph {seg.label}", f"paragraphe {seg.label}"
    graph.add((node, RDF.type, MEA.Paragraph))
    graph.add((node, SKOS.prefLabel, Literal(f"{symbol}, {section_en}{en}", lang="en")))
    graph.add((node, SKOS.prefLabel, Literal(f"{symbol}, {section_fr}{fr}", lang="fr")))
    graph.add((node, ELI.number, Literal(seg.number)))
    graph.add((node, MEA.order, Literal(seg.order)))
    graph.add((node, MEA.paragraphKind, URIRef(f"{ID_BASE}paragraph-kind/{paragraph.kind}")))
    if seg.role == "item":
        container = result.paragraph_iris[(seg.section, seg.parent)]
    else:
        container = result.annexes.get(seg.section, result.document)
    graph.add((node, ELI.is_part_of, URIRef(container)))
    graph.add((node, MEA.inDocument, URIRef(result.document)))
    graph.add((node, MEA.text, Literal(seg.text, lang=language)))
    if seg.heading:
        graph.add((node, MEA.heading, Literal(seg.heading, lang=language)))
    for theme in paragraph.themes:
        graph.add((node, DCTERMS.subject, URIRef(theme)))
    graph.add((node, PROV.wasGeneratedBy, run))
    graph.add((node, ITSRDF.taConfidence, Literal(paragraph.confidence, datatype=_DOUBLE)))


def _annotation(graph, run, node, paragraph, index, mention) -> None:
    local = node.removeprefix(ID_BASE).replace("/", "-")
    annotation = URIRef(f"{run}/mention/{local}-{index + 1}")
    target, position, quote = BNode(), BNode(), BNode()
    graph.add((annotation, RDF.type, OA.Annotation))
    graph.add((annotation, OA.motivatedBy, OA.identifying))
    graph.add((annotation, OA.hasBody, URIRef(mention.iri)))
    graph.add((annotation, OA.hasTarget, target))
    graph.add((target, OA.hasSource, node))
    graph.add((target, OA.hasSelector, position))
    graph.add((target, OA.hasSelector, quote))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(mention.start)))
    graph.add((position, OA.end, Literal(mention.end)))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(mention.label)))
    graph.add((annotation, DCTERMS.type, Literal(mention.kind)))
    graph.add((annotation, DCTERMS.description, Literal(f"rule: {mention.rule}")))
    graph.add((annotation, PROV.wasGeneratedBy, run))
    graph.add((annotation, ITSRDF.taConfidence, Literal(mention.confidence, datatype=_DOUBLE)))


def _mandate(graph, node, plan, knowledge: Knowledge, language, run) -> None:
    verb = knowledge.verbs[plan.verb.code]
    paragraph = plan.paragraph
    where = (
        f"{paragraph.section}, {paragraph.number}"
        if paragraph.section != "body"
        else paragraph.number
    )
    graph.add((node, RDF.type, MEA.Mandate))
    graph.add(
        (
            node,
            SKOS.prefLabel,
            Literal(f"Extracted mandate ({where}): {verb.labels.get('en', verb.code)}", lang="en"),
        )
    )
    graph.add(
        (
            node,
            SKOS.prefLabel,
            Literal(
                f"Mandat extrait ({where.replace('annex', 'annexe')}) : "
                f"{verb.labels.get('fr', verb.code)}",
                lang="fr",
            ),
        )
    )
    graph.add((node, MEA.operativeVerb, URIRef(verb.iri)))
    for addressee in plan.addressees:
        graph.add((node, MEA.addressee, URIRef(addressee)))
    for theme in plan.themes:
        graph.add((node, DCTERMS.subject, URIRef(theme)))
    if plan.verb.action_text:
        graph.add((node, MEA.actionText, Literal(plan.verb.action_text, lang=language)))
    graph.add((node, MEA.relatedAgreement, URIRef(knowledge.agreement_iri)))
    graph.add((node, MEA.sourceParagraph, URIRef(plan.source)))
    graph.add((node, PROV.wasGeneratedBy, run))
    graph.add((node, ITSRDF.taConfidence, Literal(paragraph.confidence, datatype=_DOUBLE)))
