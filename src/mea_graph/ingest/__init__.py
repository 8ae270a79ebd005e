"""Ingest new documents: segment COP texts, extract mandates (operative verb, addressees,
themes) and entity mentions in French and English, with provenance and a review report.

Modules, one job each:

- :mod:`.reader` reads a file as text (refusing empty, binary and undecodable files);
- :mod:`.segment` splits PDF text into sections and numbered paragraphs;
- :mod:`.knowledge` reads the lexicon and gazetteer from the graph (through a backend);
- :mod:`.rules` loads the rule files in ``rules/`` (data a domain expert can extend);
- :mod:`.verbs`, :mod:`.addressees`, :mod:`.mentions`, :mod:`.themes` extract;
- :mod:`.pipeline` runs them over a document; :mod:`.scoring` scores against gold files;
- :mod:`.review` aligns the extraction with ``data/`` (curated data wins, conflicts are
  reported); :mod:`.rdf` builds the named graph with PROV; :mod:`.publish` validates it
  with SHACL and swaps it into a new store build; :mod:`.report` writes the JSON report
  and the terminal summary; :mod:`.service` does one ingest end to end; :mod:`.cli` is
  ``mea-graph ingest``.

Extracted graphs are not part of the shipped build: they live in the store (one named
graph per document, ``…/graph/extracted/<symbol-slug>``) with a Turtle copy in
``var/store/extracted/``, so ``mea-graph build`` never includes unreviewed extractions.
To ship reviewed facts, curate them into ``data/``; curated data always wins.
"""
