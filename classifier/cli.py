"""The ``classifier`` command line: thin wrappers over the library."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import __version__
from .document import ClassifierError
from .labels import DEFAULT_THRESHOLD

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Clean scraped news text and score how reliable each source looks.")
labels_app = typer.Typer(no_args_is_help=True, help="Build, review and check the hand-labeled corpus in labels/.")
app.add_typer(labels_app, name="labels")

#: Width used when output is not a terminal (a pipe, a file, CI), so tables stay readable.
PIPE_WIDTH = 160
err = Console(stderr=True)
out = Console()
if not out.is_terminal:
    out = Console(width=PIPE_WIDTH)
if not err.is_terminal:
    err = Console(stderr=True, width=PIPE_WIDTH)

LabelsDir = Annotated[Path, typer.Option("--labels", help="The labeled corpus folder.")]


def _quiet_convergence() -> None:
    """SGD runs a fixed number of epochs by design (deterministic, fast): its warning is noise."""
    import warnings

    from sklearn.exceptions import ConvergenceWarning

    warnings.filterwarnings("ignore", category=ConvergenceWarning)


def _fail(exc: Exception | str, code: int = 1) -> NoReturn:
    """Print ``error: <message>`` and exit; the message is escaped, as paths may hold [brackets]."""
    err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _check_model_options(variant: str, folds: int | None, threshold: float | None, outputs: list[Path]) -> None:
    """Refuse bad ``train`` / ``evaluate`` options as usage errors (exit 2), before any work."""
    from .evaluate import check_cv_options
    from .model import build_model

    try:
        build_model(variant)
        check_cv_options(folds, threshold)
        for path in outputs:
            _check_writable(path)
    except (ClassifierError, ValueError) as exc:
        _fail(exc, 2)


def _check_writable(path: Path) -> None:
    """Refuse, before hours of work, an output file that cannot be written: a folder, or a file
    in a folder that cannot be made or written to.  A missing folder is made."""
    if path.is_dir():
        raise ClassifierError(f"{path}: is a folder, not a file to write")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ClassifierError(f"{path}: cannot make its folder ({exc.strerror or exc})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ClassifierError(f"{path}: folder {folder} is not writable")


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
        # The kind and the stored source's path are filled in by add_document.
        info = DocumentInfo(doc_id, origin, site, language, "", authorship, "")
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
    table = Table(title=f"{labels}: {stats['documents']} documents, {stats['blocks']} blocks")
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


# --------------------------------------------------------------------------- model


@app.command()
def train(
    labels: LabelsDir = Path("labels"),
    model: Annotated[Path, typer.Option("--model", help="Where to write the model (its card goes beside it).")] = Path("models/default.skops"),
    variant: Annotated[str, typer.Option(help="Model variant: stacked (default), linear or sequence.")] = "stacked",
    evaluate: Annotated[bool, typer.Option("--evaluate/--no-evaluate", help="Cross-validate first and record the metrics in the model card.")] = True,
    folds: Annotated[int, typer.Option(help="Cross-validation folds (grouped by site).")] = 5,
) -> None:
    """Train the block classifier on labels/ and write the model with its card."""
    _quiet_convergence()
    from .corpus import load_corpus
    from .evaluate import cross_validate
    from .model import build_model
    from .training import train as train_model

    _check_model_options(variant, folds if evaluate else None, None, [model])
    try:
        corpus = load_corpus(labels)
        metrics = None
        if evaluate:
            sites = len({d.site for d in corpus.documents})
            err.print(f"cross-validating on {len(corpus)} documents from {sites} sites "
                      f"({min(folds, sites)} folds grouped by site)...")
            metrics = cross_validate(corpus, lambda: build_model(variant), n_splits=folds).to_dict()
        err.print("training on the whole corpus...")
        predictor = train_model(corpus, variant=variant, evaluation=metrics)
        predictor.save(model)
    except ClassifierError as exc:
        _fail(exc)
    except ValueError as exc:  # what the estimators refuse to fit on ("needs blocks labeled 'content'")
        _fail(f"{labels}: cannot train on this corpus: {exc}")
    out.print(f"wrote {model} ({model.stat().st_size / 2**20:.1f} MB) and its card")
    if metrics:
        _print_evaluation(metrics)


@app.command()
def evaluate(
    labels: LabelsDir = Path("labels"),
    variant: Annotated[str, typer.Option(help="Model variant: stacked (default), linear or sequence.")] = "stacked",
    folds: Annotated[int, typer.Option(help="Cross-validation folds (grouped by site).")] = 5,
    threshold: Annotated[float, typer.Option(help="Keep threshold used for the cleaning score.")] = DEFAULT_THRESHOLD,
    fallback: Annotated[bool, typer.Option(help="Score cleaning as clean does by default: a document where no block reaches the threshold keeps its likeliest one.")] = True,
    as_json: Annotated[Optional[Path], typer.Option("--json", help="Also write the full report as JSON to this file ('-': print only the JSON, to stdout).")] = None,
) -> None:
    """Grouped-by-site cross-validation with baselines: per-label scores and cleaning F1."""
    _quiet_convergence()
    from .corpus import load_corpus
    from .evaluate import cross_validate
    from .model import build_model

    _check_model_options(variant, folds, threshold, [as_json] if as_json is not None and str(as_json) != "-" else [])
    try:
        corpus = load_corpus(labels)
        report = cross_validate(corpus, lambda: build_model(variant), n_splits=folds, threshold=threshold,
                                fallback=fallback).to_dict()
    except ClassifierError as exc:
        _fail(exc)
    except ValueError as exc:  # what the estimators refuse to fit on (a fold with one page)
        _fail(f"{labels}: cannot cross-validate on this corpus: {exc}")
    if as_json is not None and str(as_json) == "-":
        print(json.dumps(report, indent=2))
        return
    _print_evaluation(report)
    if as_json is not None:
        from .io import write_atomic

        write_atomic(as_json, json.dumps(report, indent=2) + "\n")


def _print_evaluation(report: dict) -> None:
    from .labels import LABEL_NAMES

    blocks = report["blocks"]
    groups = list(blocks)
    table = Table(title=f"Per-block scores ({report['folds']}-fold CV grouped by site): F1 per label")
    table.add_column("label")
    for group in groups:
        table.add_column(group, justify="right")
    for name in LABEL_NAMES:
        table.add_row(name, *[f"{blocks[g]['per_label'][name]['f1']:.3f}" if name in blocks[g]["per_label"] else "-" for g in groups])
    table.add_row("macro F1", *[f"{blocks[g]['macro_f1']:.3f}" for g in groups], style="bold")
    table.add_row("content vs rest F1", *[f"{blocks[g]['content_f1']:.3f}" for g in groups], style="bold")
    table.add_row("blocks", *[str(blocks[g]["blocks"]) for g in groups])
    out.print(table)
    cleaning = report["cleaning"]
    # Snippets are scored per block only: a column of them would hold nothing.
    scored = [g for g in groups if any(g in by_group for by_group in cleaning.values())]
    table = Table(title="Cleaning score per document (word 4-gram shingles vs gold content): P / R / F1")
    table.add_column("method")
    for group in scored:
        table.add_column(group, justify="right")
    for method in cleaning:
        row = []
        for group in scored:
            s = cleaning[method].get(group, {})
            row.append(f"{s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}" if s.get("documents") else "-")
        table.add_row(method, *row)
    out.print(table)
    for group in groups:
        names = blocks[group]["labels"]
        matrix = Table(title=f"Confusion matrix, {group} (rows: gold, columns: predicted)")
        matrix.add_column("")
        for name in names:
            matrix.add_column(name[:5], justify="right")
        for name, row in zip(names, blocks[group]["confusion"]):
            matrix.add_row(name, *[str(v) for v in row])
        out.print(matrix)


# --------------------------------------------------------------------------- cleaning


@app.command()
def clean(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for standard input (its output goes to standard output, even with --out).")],
    out_dir: Annotated[Optional[Path], typer.Option("--out", help="Write one output per input here, mirroring the input tree (default: standard output).")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="txt (kept lines) or jsonl (metadata, text and every block's label). Default: jsonl on standard output, txt with --out.")] = None,
    keep: Annotated[str, typer.Option(help="Labels to keep, comma-separated (e.g. content,headline,metadata).")] = "content",
    threshold: Annotated[float, typer.Option(help="Keep a block when its kept labels' probability reaches this: higher = less junk, more article lost.")] = DEFAULT_THRESHOLD,
    fallback: Annotated[bool, typer.Option(help="Where no block of a document reaches the threshold, keep the likeliest one (--no-fallback: keep none).")] = True,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (or Dask tasks at once).")] = 1,
    backend: Annotated[str, typer.Option(help="local (processes forked from this one, the model already loaded), loky (fresh processes) or dask (the cluster at --scheduler; without it, a local Dask cluster of --jobs workers).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")] = None,
    resume: Annotated[bool, typer.Option(help="Skip inputs whose output is newer than the input and than the settings recorded in --out (other settings are refused).")] = False,
    model: Annotated[Optional[Path], typer.Option(help="Model file (default: the shipped model).")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds one file may take (0 = no limit).")] = 60.0,
    max_size: Annotated[float, typer.Option(help="Largest input in MB (after decompression).")] = 64.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
) -> None:
    """Clean text files and HTML pages: keep the article, drop the boilerplate."""
    import sys

    from .batch import run_batch
    from .clean import CleanConfig
    from .labels import parse_keep

    if fmt not in (None, "txt", "jsonl"):
        _fail(f"--format must be txt or jsonl, not {fmt!r}", 2)
    if backend not in ("local", "loky", "dask"):
        _fail(f"--backend must be local, loky or dask, not {backend!r}", 2)
    if jobs < 1:
        _fail("--jobs must be at least 1", 2)
    if resume and out_dir is None:
        _fail("--resume needs --out: it skips inputs whose output file is up to date", 2)
    if scheduler and backend != "dask":
        _fail("--scheduler needs --backend dask", 2)
    if not (math.isfinite(timeout) and timeout >= 0):
        _fail(f"--timeout must be 0 (no limit) or a number of seconds, not {timeout}", 2)
    if not (math.isfinite(max_size) and max_size > 0):
        _fail(f"--max-size must be a positive number of MB, not {max_size}", 2)
    try:
        config = CleanConfig(keep=parse_keep(keep), threshold=threshold, fallback=fallback)
    except (ClassifierError, ValueError) as exc:
        _fail(exc, 2)
    client = None
    if backend == "dask":
        try:
            from dask.distributed import Client
        except ImportError:
            _fail("--backend dask needs dask[distributed]: pip install 'classifier[dask]'", 2)
        try:
            client = Client(scheduler) if scheduler else Client(processes=True, n_workers=jobs, threads_per_worker=1)
        except OSError as exc:
            _fail(f"cannot start or reach the Dask cluster{f' at {scheduler}' if scheduler else ''}: {exc}", 2)
    try:
        outcomes = run_batch(paths, out=out_dir, fmt=fmt, config=config, model_path=model, jobs=jobs,
                             backend=backend, resume=resume, timeout=timeout, max_bytes=int(max_size * 2**20))
        summary = _drain(outcomes, quiet=quiet, separate=fmt == "txt", paths=paths)
        sys.stdout.flush()
    except ClassifierError as exc:  # raised before any file is cleaned: a bad model, --out or --resume
        _fail(exc, 2)
    except BrokenPipeError:
        raise  # "| head": the reader has what it wanted
    except OSError as exc:  # a full disk or a closed stream under standard output
        _fail(f"cannot write the results to standard output ({exc.strerror or exc})", 1)
    finally:
        if client is not None:
            client.close()
    if not summary.files:
        err.print("warning: no input files (folders are searched for files, hidden ones skipped)", highlight=False)
    if not quiet:
        _print_summary(summary)
    raise typer.Exit(1 if summary.failed else 0)


def _drain(outcomes, *, quiet: bool, separate: bool = False, paths: list[str] = ()):
    """Print each failure as one line and each payload (results without an output file) on stdout;
    ``separate``: a blank line between two documents' payloads (kept lines are never blank).

    In a terminal a progress bar shows files done of the inputs under ``paths`` (counted first:
    a walk of the folders costs little beside cleaning), with the time left.
    """
    import sys

    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                               TimeRemainingColumn)

    from .batch import Summary, iter_files, summarize

    summary = Summary()
    show_progress = not quiet and err.is_terminal
    total = sum(1 for _ in iter_files(paths)) if show_progress else None  # "-" and missing paths are outcomes too
    progress = Progress(TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
                        TimeElapsedColumn(), TimeRemainingColumn(), console=err, transient=True,
                        disable=not show_progress)
    written = 0
    with progress:
        task = progress.add_task("clean", total=total)
        for outcome, summary in summarize(outcomes):
            if outcome.error:
                err.print(f"{outcome.path}: {outcome.error}", highlight=False, markup=False, soft_wrap=True)
            elif outcome.payload is not None:
                if separate and written:
                    sys.stdout.write("\n")
                sys.stdout.write(outcome.payload)
                written += 1
            progress.advance(task)
    return summary


#: Failed files the closing summary of ``clean`` names.
SUMMARY_FAILURES = 10


def _print_summary(summary) -> None:
    share = summary.kept / summary.blocks if summary.blocks else 0.0
    table = Table(title="classifier clean: summary", show_header=False)
    table.add_row("files", str(summary.files))
    table.add_row("cleaned", str(summary.cleaned))
    if summary.skipped:
        table.add_row("skipped (up to date)", str(summary.skipped))
    table.add_row("failed", str(len(summary.failed)), style="red" if summary.failed else None)
    # The one-line messages scroll away on a long run: the first failures are repeated here.
    for path, reason in summary.failed[:SUMMARY_FAILURES]:
        table.add_row(escape(f"  {path}"), escape(reason), style="red")
    if len(summary.failed) > SUMMARY_FAILURES:
        table.add_row(f"  ... and {len(summary.failed) - SUMMARY_FAILURES} more", "", style="red")
    table.add_row("blocks", str(summary.blocks))
    table.add_row("kept", f"{summary.kept} ({share:.1%})")
    for name, count in sorted(summary.labels.items(), key=lambda kv: -kv[1]):
        table.add_row(f"  {name}", str(count))
    table.add_row("seconds", f"{summary.seconds:.1f}")
    err.print(table)


# --------------------------------------------------------------------------- reliability


@app.command()
def score(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (recursive), scored as one run.")],
    by: Annotated[str, typer.Option(help="document or source.")] = "document",
    fmt: Annotated[Optional[str], typer.Option("--format", help="table, jsonl or csv (default: table in a terminal, jsonl otherwise).")] = None,
    model: Annotated[Optional[Path], typer.Option(help="Model file (default: the shipped model).")] = None,
    today: Annotated[Optional[str], typer.Option(help="Run date (YYYY-MM-DD) that page dates must not exceed; default: today.")] = None,
    explain: Annotated[int, typer.Option(min=0, help="Signals shown per row in the table and the CSV.")] = 3,
) -> None:
    """Score how reliable each document and source looks, with the signals behind each score."""
    import sys
    from datetime import date

    from .predictor import load_model
    from .reliability import score_sources
    from .scoring import format_scores, score_files

    if by not in ("document", "source"):
        err.print(f"[red]error:[/red] --by must be document or source, not {escape(repr(by))}")
        raise typer.Exit(2)
    fmt = fmt or ("table" if out.is_terminal else "jsonl")
    if fmt not in ("table", "jsonl", "csv"):
        err.print(f"[red]error:[/red] --format must be table, jsonl or csv, not {escape(repr(fmt))}")
        raise typer.Exit(2)
    try:
        run_date = date.fromisoformat(today) if today else None
    except ValueError:
        err.print(f"[red]error:[/red] --today must be a date like 2024-01-31, not {escape(repr(today))}")
        raise typer.Exit(2)
    try:
        predictor = load_model(model)
    except ClassifierError as exc:
        _fail(exc, 2)
    try:
        scores, failures = score_files(paths, predictor, today=run_date)
    except ClassifierError as exc:
        _fail(exc)
    for path, reason in failures:
        err.print(f"{path}: {reason}", highlight=False, markup=False, soft_wrap=True)
    if not scores and not failures:
        err.print("warning: no input files (folders are searched for files, hidden ones skipped)", highlight=False)
    rows = score_sources(scores) if by == "source" else scores
    if fmt != "table":
        sys.stdout.write(format_scores(rows, fmt, explain))
    elif by == "source":
        table = Table(title=f"Reliability by source ({len(scores)} document{'' if len(scores) == 1 else 's'})")
        for column in ("source", "score", "band", "docs", "recurring signals"):
            table.add_column(column, justify="right" if column in ("score", "docs") else "left")
        for s in rows:
            table.add_row(escape(s.source), f"{s.score:.1f}", s.band, str(s.documents), ", ".join(s.recurring[:explain]))
        out.print(table)
    else:
        table = Table(title=f"Reliability by document ({len(scores)} document{'' if len(scores) == 1 else 's'})")
        for column in ("document", "source", "score", "band", "signals that moved it (strongest first)"):
            table.add_column(column, justify="right" if column == "score" else "left")
        for s in rows:
            moved = "\n".join(f"{sig.contribution:+.1f} {sig.name}: {sig.explanation}" for sig in s.signals[:explain])
            table.add_row(escape(Path(s.path).name) if s.path else "-", escape(s.source), f"{s.score:.1f}", s.band, escape(moved))
        out.print(table)
    raise typer.Exit(1 if failures else 0)
