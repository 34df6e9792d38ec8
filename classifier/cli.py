"""The ``classifier`` command line: thin wrappers over the library."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .document import ClassifierError

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Clean scraped news text and score how reliable each source looks.")
labels_app = typer.Typer(no_args_is_help=True, help="Build, review and check the hand-labeled corpus in labels/.")
app.add_typer(labels_app, name="labels")

err = Console(stderr=True)
out = Console()

LabelsDir = Annotated[Path, typer.Option("--labels", help="The labeled corpus folder.")]


def _fail(exc: ClassifierError, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {exc}", highlight=False)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        out.print(f"classifier {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = None,
) -> None:
    """Clean scraped news text and score how reliable each source looks."""


@labels_app.command("add")
def labels_add(
    source: Annotated[Path, typer.Argument(help="A text file or HTML page to add.")],
    doc_id: Annotated[str, typer.Option("--id", help="Document id (file name of its block file).")],
    site: Annotated[str, typer.Option(help="Site or domain, the group for cross-validation.")],
    origin: Annotated[str, typer.Option(help="Where the document comes from.")] = "user",
    language: Annotated[str, typer.Option(help="Language code.")] = "en",
    authorship: Annotated[str, typer.Option(help="real, or written for the corpus.")] = "real",
    expected: Annotated[Optional[Path], typer.Option(help="Expected article text, to pre-annotate content.")] = None,
    labels: LabelsDir = Path("labels"),
    overwrite: bool = False,
) -> None:
    """Add a document: store its source, segment it and pre-annotate every block for review."""
    from .annotate import add_document
    from .corpus import DocumentInfo

    try:
        text = expected.read_text(encoding="utf-8") if expected else None
        kind = "html" if source.suffix.lower() in {".html", ".htm"} or source.name.endswith(".html.gz") else "text"
        info = DocumentInfo(doc_id, origin, site, language, kind, authorship, "")
        count = add_document(labels, info, source, expected=text, overwrite=overwrite)
    except ClassifierError as exc:
        _fail(exc)
    out.print(f"{doc_id}: {count} blocks pre-annotated; review with `classifier labels show {doc_id}`")


@labels_app.command("show")
def labels_show(
    doc_id: str,
    start: Annotated[int, typer.Option(help="First block.")] = 0,
    end: Annotated[Optional[int], typer.Option(help="Last block.")] = None,
    width: Annotated[int, typer.Option(help="Characters of text per block.")] = 400,
    labels: LabelsDir = Path("labels"),
) -> None:
    """List a document's blocks with their labels and DOM context, for review."""
    from .annotate import show

    try:
        print(show(labels, doc_id, start, end, width))
    except ClassifierError as exc:
        _fail(exc)


@labels_app.command("set")
def labels_set(
    doc_id: str,
    edits: Annotated[list[str], typer.Argument(help="Edits like 12-40=navigation or 7=content.")],
    labels: LabelsDir = Path("labels"),
) -> None:
    """Relabel blocks of a document."""
    from .annotate import set_labels

    try:
        changed = set_labels(labels, doc_id, edits)
    except (ClassifierError, ValueError) as exc:
        _fail(ClassifierError(str(exc)))
    out.print(f"{doc_id}: {changed} blocks changed")


@labels_app.command("realign")
def labels_realign(
    doc_ids: Annotated[Optional[list[str]], typer.Argument(help="Documents to realign (default: all).")] = None,
    labels: LabelsDir = Path("labels"),
) -> None:
    """Re-segment stored sources with the current segmenter and carry the labels over."""
    from .annotate import realign
    from .corpus import read_index

    try:
        ids = doc_ids or [info.id for info in read_index(labels)]
        for doc_id in ids:
            count, unmatched = realign(labels, doc_id)
            if unmatched:
                out.print(f"{doc_id}: {count} blocks, {unmatched} new or changed: review them")
    except ClassifierError as exc:
        _fail(exc)


@labels_app.command("check")
def labels_check(labels: LabelsDir = Path("labels")) -> None:
    """Validate the index and every block file."""
    from .corpus import load_corpus

    try:
        corpus = load_corpus(labels)
    except ClassifierError as exc:
        _fail(exc)
    out.print(f"ok: {len(corpus)} documents, {sum(len(d.blocks) for d in corpus.documents)} blocks")


@labels_app.command("stats")
def labels_stats(
    labels: LabelsDir = Path("labels"),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Documents, blocks and per-label counts by origin, kind and real|written."""
    from .corpus import load_corpus, statistics
    from .labels import LABEL_NAMES

    try:
        stats = statistics(load_corpus(labels))
    except ClassifierError as exc:
        _fail(exc)
    if as_json:
        print(json.dumps(stats, indent=2, default=dict))
        return
    groups = sorted(stats["by_group"])
    table = Table(title=f"labels/: {stats['documents']} documents, {stats['blocks']} blocks")
    table.add_column("label")
    for group in groups:
        table.add_column(group.split(":", 1)[1], justify="right")
    table.add_column("all", justify="right")
    table.add_column("docs", justify="right")
    table.add_row("documents", *[str(stats["by_group"][g]["documents"]) for g in groups], str(stats["documents"]), "")
    table.add_row("blocks", *[str(stats["by_group"][g]["blocks"]) for g in groups], str(stats["blocks"]), "", end_section=True)
    for name in LABEL_NAMES:
        table.add_row(name, *[str(stats["by_group"][g]["labels"].get(name, 0)) for g in groups],
                      str(stats["labels"].get(name, 0)), str(stats["label_documents"].get(name, 0)))
    out.print(table)
