"""The browser page of ``/sparql``: YASGUI, served from ``api/static/yasgui/``, with the
competency queries of ``queries/`` as examples (each named by its ``# title:`` line).

>>> from mea_graph.layout import Layout
>>> examples = load_examples(Layout.discover().queries_dir)
>>> len(examples) >= 20, examples[0].title.startswith("Which")
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

__all__ = ["Example", "assets_dir", "load_examples", "render_page"]


@dataclass(frozen=True)
class Example:
    name: str  # the file name
    title: str
    query: str


def load_examples(folder: Path) -> list[Example]:
    """Every ``*.rq`` in ``folder``, titled by its ``# title:`` line (else its name)."""
    examples = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        titles = [
            line[len("# title:") :].strip()
            for line in text.splitlines()
            if line.startswith("# title:")
        ]
        examples.append(Example(path.name, titles[0] if titles else path.stem, text))
    return examples


def render_page(templates: Path, *, endpoint: str, static: str, examples: list[Example]) -> str:
    """The HTML page, from ``templates/sparql.html``."""
    environment = Environment(
        loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(["html"])
    )
    page = environment.get_template("sparql.html")
    return page.render(
        endpoint=endpoint,
        static=static,
        examples=[{"title": e.title, "query": e.query, "name": e.name} for e in examples],
    )


def assets_dir() -> Path | None:
    """The project's ``api/`` folder (templates and static files), if there is one."""
    from ..errors import MeaGraphError
    from ..layout import Layout

    try:
        folder = Layout.discover().root / "api"
    except MeaGraphError:
        return None
    return folder if (folder / "templates" / "sparql.html").is_file() else None
