"""Batch cleaning: many files in, one output per file, in parallel, never losing anything.

Files are grouped into chunks and mapped over joblib workers: by default processes forked from
this one (joblib's multiprocessing backend), which start with the model already loaded instead
of spending 1.5 s importing scikit-learn and reading the model each; fresh loky processes
where forking is not available or on request; a Dask cluster through joblib's dask backend.
Results stream back in input order, so memory holds no more than a few chunks, and one bad
file only ever produces a one-line error for that file.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from .clean import CleanConfig, CleanResult, clean_document, read_document
from .document import ClassifierError
from .io import DEFAULT_MAX_BYTES, check_size, decode, maybe_gunzip, sniff_kind, write_atomic
from .predictor import Predictor, default_model_path
from .segment import make_document

FORMATS = ("txt", "jsonl")
#: Where ``--jobs`` runs: "local" (forked processes, loky where fork is unavailable), "loky"
#: (fresh processes), "dask" (the cluster of the active dask.distributed Client).
BACKENDS = ("local", "loky", "dask")
#: Chunks handed to forked workers at a time (per worker): bounds memory while keeping them busy.
WINDOW_PER_JOB = 32
#: Files per task sent to a worker: big enough to amortise dispatch, small enough to stream.
CHUNK_SIZE = 16
#: Seconds one file may take before it is given up as pathological (0 = no limit).
DEFAULT_TIMEOUT = 60.0
#: A chunk's documents are labelled together, up to this many blocks per model call: a call
#: costs about 5 ms besides its blocks (as much as labelling 100 blocks), so a whole chunk of
#: pages (16 x ~160 blocks) goes in one call, and its features stay a few tens of MB.
BATCH_BLOCKS = 4000
STDIN = "-"


@dataclass(frozen=True)
class InputFile:
    """An input and where its output goes (None: standard output)."""

    path: str
    output: str | None = None


@dataclass
class FileOutcome:
    """What happened to one input."""

    path: str
    output: str | None = None
    error: str | None = None
    skipped: bool = False
    blocks: int = 0
    kept: int = 0
    labels: Counter = field(default_factory=Counter)
    payload: str | None = None  # the formatted result, when writing to standard output

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class Summary:
    """Totals of a batch run."""

    files: int = 0
    cleaned: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    blocks: int = 0
    kept: int = 0
    labels: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, outcome: FileOutcome) -> None:
        self.files += 1
        if outcome.error is not None:
            self.failed.append((outcome.path, outcome.error))
        elif outcome.skipped:
            self.skipped += 1
        else:
            self.cleaned += 1
            self.blocks += outcome.blocks
            self.kept += outcome.kept
            self.labels.update(outcome.labels)

    def to_dict(self) -> dict:
        return {"files": self.files, "cleaned": self.cleaned, "skipped": self.skipped,
                "failed": [{"path": p, "error": e} for p, e in self.failed], "blocks": self.blocks,
                "kept": self.kept, "kept_share": self.kept / self.blocks if self.blocks else 0.0,
                "labels": dict(sorted(self.labels.items())), "seconds": round(self.seconds, 3)}


def iter_files(paths: Iterable[str]) -> Iterator[tuple[str, Path | None, str]]:
    """Yield ``(file, root, error)`` for files and folders (recursively, sorted); ``-`` is stdin.

    ``root`` is the folder argument a file was found under; for file arguments, the deepest
    folder that holds them all (``pages/*/page.html`` mirrors as ``<page>/page.html``, not as
    one name many times over).  A path that does not exist yields an error instead of stopping
    the walk.
    """
    paths = list(paths)
    files = [os.path.dirname(os.path.abspath(raw)) for raw in paths if raw != STDIN and os.path.isfile(raw)]
    common = Path(os.path.commonpath(files)) if files else None
    for raw in paths:
        if raw == STDIN:
            yield STDIN, None, ""
            continue
        path = Path(raw)
        if path.is_dir():
            for folder, dirs, files in os.walk(path, onerror=None):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield os.path.join(folder, name), path, ""
        elif path.exists():
            yield str(path), common, ""
        else:
            yield str(path), None, "no such file or folder"


def output_path(file: str, root: Path | None, out: Path, fmt: str) -> Path:
    """Mirror the input tree under ``out``: ``root/a/b.html`` -> ``out/a/b.html.<fmt>``.

    The full input name is kept so that ``x.html`` and ``x.txt`` never collide.
    """
    relative = Path(os.path.relpath(os.path.abspath(file), os.path.abspath(root))) if root is not None \
        else Path(Path(file).name)
    name = relative.name[:-3] if relative.name.endswith(".gz") else relative.name
    return out / relative.parent / f"{name}.{fmt}"


def check_out_dir(paths: list[str], out: Path) -> None:
    """Refuse an output folder that is an input, inside an input folder, or holds an input file;
    then make it, so that one that cannot be a writable folder is one error, not one per file.

    An input file inside the output folder could share its name with another input's output.
    """
    resolved = out.resolve()
    for raw in paths:
        if raw == STDIN:
            continue
        source = Path(raw).resolve()
        if resolved == source or (source.is_dir() and source in resolved.parents):
            raise ClassifierError(f"--out {out} is inside the input {raw}: outputs would mix with inputs; choose another folder")
        if source.is_file() and resolved in source.parents:
            raise ClassifierError(f"--out {out} holds the input {raw}: outputs would mix with inputs; choose another folder")
    # Once, up front: a file in the way or a read-only place fails every output alike.
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ClassifierError(f"--out {out}: cannot make the output folder ({exc.strerror or exc})") from None
    if not os.access(out, os.W_OK):
        raise ClassifierError(f"--out {out}: the output folder is not writable")


def format_result(result: CleanResult, fmt: str) -> str:
    """The kept lines (txt) or one JSON record (jsonl).

    A file name that is not UTF-8 reaches Python as lone surrogates, which no UTF-8 output can
    hold: they are written as JSON escapes, from which ``os.fsencode`` gives the name back.
    """
    if fmt == "txt":
        return result.text + ("\n" if result.text else "")
    line = json.dumps(result.to_dict(), ensure_ascii=False)
    return line.encode("utf-8", "backslashreplace").decode("utf-8") + "\n"


class _Timeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float):
    """Stop a pathological file after ``seconds`` (Unix main thread only; elsewhere no limit)."""
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return

    def handler(signum, frame):
        raise _Timeout()

    try:
        previous = signal.signal(signal.SIGALRM, handler)
    except ValueError:  # not the main thread (e.g. a Dask worker thread): no limit
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


#: In an --out folder: the settings its outputs are made with; its mtime says since when (see _check_manifest).
MANIFEST = ".classifier-clean.json"


def _manifest(settings: "JobSettings") -> dict:
    """What decides an output's content besides its input: format, keep policy, model file."""
    with open(settings.model_path, "rb") as handle:
        model = hashlib.sha256(handle.read()).hexdigest()
    config = settings.config
    return {"format": settings.fmt, "keep": sorted(label.value for label in config.keep),
            "threshold": config.threshold, "fallback": config.fallback, "model_sha256": model}


def _check_manifest(out: Path, settings: "JobSettings") -> float:
    """Record this run's settings in ``out`` and return since when outputs made with them are
    trustworthy: a --resume run keeps only outputs written after that (and after their input).

    Every run into ``out`` records its settings before it writes a file.  The record's own
    modification time says since when they hold: a run with the same settings leaves it alone,
    so a resumed run skips what earlier runs did; new settings rewrite it, so outputs of the old
    ones count as stale even when a run with the new ones was interrupted.  A --resume run with
    other settings than the record is refused (it would mix two kinds of outputs); a folder
    without a record has no trustworthy output.
    """
    current = _manifest(settings)
    path = out / MANIFEST
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        since = path.stat().st_mtime
    except (OSError, ValueError):
        stored, since = {}, None
    if stored == current and since is not None:
        return since
    if settings.resume and isinstance(stored, dict) and stored:
        changed = [key for key in current if stored.get(key) != current[key]]
        raise ClassifierError(
            f"--out {out} holds outputs made with another {', '.join(changed) or 'record'}; "
            "run without --resume to redo them, or choose another --out")
    try:
        write_atomic(path, json.dumps(current, indent=1) + "\n")
        return path.stat().st_mtime
    except OSError as exc:
        raise ClassifierError(f"--out {out}: cannot record the run's settings ({exc.strerror or exc})") from None


def _is_up_to_date(file: str, output: str, since: float) -> bool:
    """Whether ``output`` was written after its input changed and since the run's settings hold."""
    try:
        written = os.stat(output).st_mtime
        return written >= os.stat(file).st_mtime and written >= since
    except OSError:
        return False


@dataclass(frozen=True)
class JobSettings:
    """Everything a worker needs besides the files: small, picklable, shipped with each chunk."""

    model_path: str
    config: CleanConfig
    fmt: str = "jsonl"
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    resume: bool = False
    #: The caller's working folder: relative paths are resolved against it, not the worker's
    #: (a Dask worker, or a reused loky worker, may run in another folder).
    cwd: str = ""
    #: With --resume: outputs written before this time (the run's settings took effect) are redone.
    fresh_since: float = float("inf")


# One model per worker process, keyed by path and modification time (loaded on first use).
_WORKER_MODELS: dict[tuple[str, float], Predictor] = {}


def _worker_model(path: str) -> Predictor:
    """The model at ``path``, loaded once per process (a missing or bad file is a ClassifierError)."""
    key = (path, os.path.getmtime(path) if os.path.exists(path) else 0.0)
    if key not in _WORKER_MODELS:
        predictor = Predictor.load(path)
        _WORKER_MODELS.clear()
        _WORKER_MODELS[key] = predictor
    return _WORKER_MODELS[key]


def process_one(item: InputFile, settings: JobSettings, predictor: Predictor, data: bytes | None = None,
                prepared: list | BaseException | None = None) -> FileOutcome:
    """Clean one input into its output (or payload); any failure becomes the outcome's error.

    ``prepared`` is what :func:`_prepare` made of the file: ``[document, probabilities or None,
    seconds spent]``, or the exception that stopped it (reported here like any other).
    """
    outcome = FileOutcome(path=item.path, output=item.output)
    source = os.path.join(settings.cwd, item.path)
    target = os.path.join(settings.cwd, item.output) if item.output else None
    if settings.resume and target and _is_up_to_date(source, target, settings.fresh_since):
        outcome.skipped = True
        return outcome
    limit = settings.timeout
    try:
        if isinstance(prepared, BaseException):
            raise prepared
        if prepared is not None and limit:
            limit = max(limit - prepared[2], 1e-3)  # the time limit covers the whole file
        with time_limit(limit):
            proba = None
            if prepared is not None:
                document, proba, _ = prepared
            elif data is not None:
                text, encoding = decode(maybe_gunzip(check_size(data, settings.max_bytes), max_bytes=settings.max_bytes))
                document = make_document(text, sniff_kind(None, text), path=item.path, encoding=encoding)
            else:
                document = read_document(source, max_bytes=settings.max_bytes)
                document.path = item.path
            result = clean_document(document, predictor, settings.config, proba=proba)
            payload = format_result(result, settings.fmt)
        if target:
            write_atomic(target, payload)
        else:
            outcome.payload = payload
    except ClassifierError as exc:
        outcome.error = str(exc)
        return outcome
    except _Timeout:
        outcome.error = f"took longer than {settings.timeout:g} s (per-file time limit)"
        return outcome
    except RecursionError:
        outcome.error = "document nested too deeply to process"
        return outcome
    except MemoryError:
        outcome.error = "out of memory while processing"
        return outcome
    except OSError as exc:
        outcome.error = f"cannot write output: {exc.strerror or exc}"
        return outcome
    except Exception as exc:  # a bug met on one file must not stop the thousands of others
        outcome.error = " ".join(f"unexpected error ({type(exc).__name__}: {exc}); please report it".split())
        return outcome
    outcome.blocks = len(result.blocks)
    outcome.kept = sum(b.kept for b in result.blocks)
    outcome.labels = Counter(b.label.value for b in result.blocks)
    return outcome


def _prepare(item: InputFile, settings: JobSettings) -> list | BaseException | None:
    """Read and segment one file: ``[document, None, seconds]``, the exception, or None if skipped."""
    source = os.path.join(settings.cwd, item.path)
    if settings.resume and item.output and _is_up_to_date(source, os.path.join(settings.cwd, item.output),
                                                        settings.fresh_since):
        return None
    start = time.perf_counter()
    try:
        with time_limit(settings.timeout):
            document = read_document(source, max_bytes=settings.max_bytes)
    except Exception as exc:  # process_one re-raises it, so it is reported like any failure
        return exc
    document.path = item.path
    return [document, None, time.perf_counter() - start]


def _label_together(group: list[list], settings: JobSettings, predictor: Predictor) -> None:
    """Label several prepared documents in one model call (same probabilities as one by one).

    On any failure the documents are left unlabelled: process_one then labels each on its own,
    within its own time limit, and reports what goes wrong with that file.
    """
    if len(group) < 2:
        return
    try:
        with time_limit(settings.timeout):
            probas = predictor.predict_proba([entry[0] for entry in group])
    except Exception:
        return
    for entry, proba in zip(group, probas):
        entry[1] = proba


def process_chunk(items: list[InputFile], settings: JobSettings) -> list[FileOutcome]:
    """A worker's task: clean a chunk of files with the worker's (cached) model.

    Files are read and segmented one by one; runs of small documents (up to BATCH_BLOCKS blocks
    together) are labelled in one model call, then each file is finished and written in order.
    """
    predictor = _worker_model(os.path.join(settings.cwd, settings.model_path))
    outcomes: list[FileOutcome] = []
    waiting: list[tuple[InputFile, list | BaseException | None]] = []
    blocks = 0

    def finish() -> None:
        _label_together([p for _, p in waiting if isinstance(p, list)], settings, predictor)
        outcomes.extend(process_one(item, settings, predictor, prepared=p) for item, p in waiting)
        waiting.clear()

    for item in items:
        prepared = _prepare(item, settings)
        size = len(prepared[0].blocks) if isinstance(prepared, list) else 0
        if blocks and blocks + size > BATCH_BLOCKS:
            finish()
            blocks = 0
        waiting.append((item, prepared))
        blocks += size
        if blocks >= BATCH_BLOCKS:  # a big document goes alone, and at once: memory stays flat
            finish()
            blocks = 0
    finish()
    return outcomes


def _chunks(items: Iterable[InputFile], size: int) -> Iterator[list[InputFile]]:
    chunk: list[InputFile] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_batch(paths: list[str], *, out: str | os.PathLike | None = None, fmt: str | None = None,
              config: CleanConfig | None = None, model_path: str | os.PathLike | None = None,
              jobs: int = 1, backend: str = "local", resume: bool = False,
              timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
              chunk_size: int = CHUNK_SIZE, stdin: bytes | None = None) -> Iterator[FileOutcome]:
    """Clean every input; yield one outcome per file, in input order.

    With ``out``, outputs are written atomically under it (mirroring the input tree) and the
    outcomes carry no payload; without it, each outcome carries the formatted result.  ``fmt``
    defaults as ``classifier clean --format`` does: txt files with ``out``, else JSONL records.
    """
    if fmt is None:
        fmt = "txt" if out is not None else "jsonl"
    if fmt not in FORMATS:
        raise ClassifierError(f"unknown format {fmt!r} (choose {' or '.join(FORMATS)})")
    out_dir = Path(out) if out is not None else None
    if out_dir is not None:
        check_out_dir(paths, out_dir)
    settings = JobSettings(
        # Absolute, so that the workers (which join it to the run's folder) find the model this
        # process loaded, and reuse it instead of loading it again.
        model_path=str(Path(model_path or default_model_path()).absolute()),
        config=config or CleanConfig(), fmt=fmt, max_bytes=max_bytes, timeout=timeout, resume=resume,
        cwd=os.getcwd(),
    )
    predictor = _worker_model(settings.model_path)  # fail fast, once, on a bad model
    if out_dir is not None:
        settings = replace(settings, fresh_since=_check_manifest(out_dir, settings))

    pending: list[FileOutcome] = []
    # Outputs given out so far: two inputs can map to one output (a/x.txt and b/x.txt as
    # arguments, x.txt beside x.txt.gz), and the second must not overwrite the first.
    outputs: set[str] = set()

    def items() -> Iterator[InputFile]:
        for file, root, error in iter_files(paths):
            if error:
                pending.append(FileOutcome(path=file, error=error))
                continue
            if file == STDIN:
                continue
            output = str(output_path(file, root, out_dir, fmt)) if out_dir is not None else None
            if output is not None:
                if output in outputs:
                    pending.append(FileOutcome(path=file, error=f"same output {output} as an earlier input; not overwriting it"))
                    continue
                outputs.add(output)
            yield InputFile(file, output)

    if STDIN in paths:
        data = stdin if stdin is not None else sys.stdin.buffer.read(max_bytes + 1)
        yield process_one(InputFile("<stdin>", None), settings, predictor, data=data)

    if backend not in BACKENDS:
        raise ClassifierError(f"unknown backend {backend!r} (choose {', '.join(BACKENDS)})")
    if backend == "local" and "fork" not in multiprocessing.get_all_start_methods():
        backend = "loky"
    for outcomes in _run_chunks(_chunks(items(), chunk_size), settings, jobs, backend):
        yield from outcomes
        while pending:
            yield pending.pop(0)
    while pending:
        yield pending.pop(0)


def _run_chunks(chunks: Iterator[list[InputFile]], settings: JobSettings, jobs: int,
                backend: str) -> Iterator[list[FileOutcome]]:
    """Each chunk's outcomes, in order, computed here or by ``jobs`` workers of ``backend``."""
    if jobs == 1 and backend != "dask":
        for chunk in chunks:
            yield process_chunk(chunk, settings)
    elif backend == "local":
        from joblib import Parallel, delayed

        # Forked workers inherit this process's loaded model (the cache above), so none has to
        # import scikit-learn and read the model again.  The multiprocessing backend returns
        # lists, so chunks go out in windows: in order, and never more than a few at a time.
        with Parallel(n_jobs=jobs, backend="multiprocessing") as parallel:
            for window in _chunks(chunks, WINDOW_PER_JOB * jobs):
                yield from parallel(delayed(process_chunk)(chunk, settings) for chunk in window)
    else:
        from joblib import Parallel, delayed, parallel_config

        with parallel_config(backend=backend, n_jobs=jobs):
            tasks = (delayed(process_chunk)(chunk, settings) for chunk in chunks)
            yield from Parallel(return_as="generator", pre_dispatch="2*n_jobs")(tasks)


def summarize(outcomes: Iterable[FileOutcome]) -> Iterator[tuple[FileOutcome, Summary]]:
    """Pass outcomes through while keeping the running summary."""
    summary = Summary()
    start = time.perf_counter()
    for outcome in outcomes:
        summary.add(outcome)
        summary.seconds = time.perf_counter() - start
        yield outcome, summary
