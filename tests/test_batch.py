"""Batch cleaning: inputs, mirrored outputs, chunks over workers, resume, time limit, failures."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import classifier.batch as batch
from classifier.batch import (
    FileOutcome,
    InputFile,
    JobSettings,
    Summary,
    check_out_dir,
    iter_files,
    output_path,
    process_one,
    run_batch,
    summarize,
    time_limit,
)
from classifier.clean import CleanConfig, clean_file
from classifier.document import ClassifierError
from classifier.predictor import default_model_path

from helpers import ARTICLE_HTML, SEEDS, outputs, snapshot


def outcomes(paths, **kwargs) -> list[FileOutcome]:
    return list(run_batch([str(p) for p in paths], **kwargs))


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in outputs(folder)}


@pytest.fixture
def nested(seed_dir: Path) -> Path:
    """The seeds plus a sub-folder with a page, a gzipped page, a gzipped text and a hidden file."""
    sub = seed_dir / "sub" / "deeper"
    sub.mkdir(parents=True)
    (sub / "page.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (sub / "page2.html.gz").write_bytes(gzip.compress(ARTICLE_HTML.encode("utf-8")))
    (sub / "story.txt.gz").write_bytes(gzip.compress(SEEDS[0].read_bytes()))
    (seed_dir / ".hidden.txt").write_text("not an input")
    (seed_dir / ".git").mkdir()
    (seed_dir / ".git" / "config").write_text("not an input")
    return seed_dir


# --------------------------------------------------------------------------- inputs and outputs


def test_iter_files_walks_sorted_and_skips_hidden(nested: Path, tmp_path: Path):
    found = list(iter_files([str(nested), str(SEEDS[0]), str(tmp_path / "missing.txt"), "-"]))
    files = [f for f, _, _ in found]
    assert files[:5] == [str(nested / s.name) for s in SEEDS]
    assert files[5:8] == [str(nested / "sub" / "deeper" / n) for n in ("page.html", "page2.html.gz", "story.txt.gz")]
    assert found[8] == (str(SEEDS[0]), SEEDS[0].parent.absolute(), "")  # a lone file: named by itself
    assert found[9] == (str(tmp_path / "missing.txt"), None, "no such file or folder")
    assert found[10] == ("-", None, "")
    assert all(root == nested for _, root, _ in found[:8])
    assert not any(".hidden" in f or ".git" in f for f in files)


@pytest.mark.parametrize(
    "file, root, fmt, expected",
    [
        ("in/a.txt", "in", "txt", "out/a.txt.txt"),
        ("in/x/y/b.html", "in", "jsonl", "out/x/y/b.html.jsonl"),
        ("in/x/c.html.gz", "in", "txt", "out/x/c.html.txt"),
        ("elsewhere/d.txt.gz", None, "txt", "out/d.txt.txt"),
    ],
)
def test_output_path_mirrors_the_tree(file, root, fmt, expected):
    assert output_path(file, Path(root) if root else None, Path("out"), fmt) == Path(expected)


def test_check_out_dir(tmp_path: Path):
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "a.txt").write_text("x")
    for bad in (inputs, inputs / "sub", inputs / "new" / "folder", inputs / "a.txt"):
        with pytest.raises(ClassifierError, match="outputs would mix with inputs"):
            check_out_dir([str(inputs)], bad)
    with pytest.raises(ClassifierError, match="inside the input"):
        check_out_dir([str(inputs / "a.txt")], inputs / "a.txt")
    check_out_dir([str(inputs), "-"], tmp_path / "out")
    check_out_dir([str(inputs / "a.txt")], tmp_path / "out")


def test_an_input_file_inside_the_output_folder_is_refused(tmp_path: Path):
    # Its output name could be another input's: cleaning must never write over an input.
    out = tmp_path / "out"
    out.mkdir()
    victim = out / "a.txt.txt"
    victim.write_text("an input that happens to live in the output folder")
    (tmp_path / "a.txt").write_text("Some text.")
    with pytest.raises(ClassifierError, match="outputs would mix with inputs"):
        check_out_dir([str(victim), str(tmp_path / "a.txt")], out)


# --------------------------------------------------------------------------- run_batch


def test_run_batch_writes_one_output_per_input(model, nested: Path, tmp_path: Path):
    out = tmp_path / "out"
    before = snapshot(nested)
    results = outcomes([nested], out=out)  # txt by default with an output folder, as in the CLI
    assert [r.ok for r in results] == [True] * 8
    assert sorted(tree(out)) == sorted(
        [f"{s.name}.txt" for s in SEEDS] + ["sub/deeper/page.html.txt", "sub/deeper/page2.html.txt", "sub/deeper/story.txt.txt"])
    assert all(r.payload is None and r.output for r in results)
    for result in results:
        expected = clean_file(result.path, model).text
        assert Path(result.output).read_text(encoding="utf-8") == expected + ("\n" if expected else "")
        assert result.blocks == sum(result.labels.values()) and 0 < result.kept <= result.blocks
    assert snapshot(nested) == before
    assert not list(out.rglob("*.part")) and [p.name for p in out.rglob(".*")] == [batch.MANIFEST]


def test_run_batch_without_out_returns_payloads_in_input_order(model, seed_dir: Path):
    results = outcomes([seed_dir])  # JSONL records by default without one
    assert [Path(r.path).name for r in results] == [s.name for s in SEEDS]
    for result in results:
        record = json.loads(result.payload)
        assert record["path"] == result.path and record["kind"] == "text"
        assert len(record["blocks"]) == result.blocks


def test_unknown_format_is_refused(seed_dir: Path):
    with pytest.raises(ClassifierError, match="unknown format 'csv'"):
        outcomes([seed_dir], fmt="csv")


def test_a_bad_or_missing_model_fails_fast(seed_dir: Path, tmp_path: Path):
    bad = tmp_path / "bad.skops"
    bad.write_bytes(b"not a model")
    with pytest.raises(ClassifierError, match="not a classifier model file"):
        outcomes([seed_dir], model_path=bad)
    with pytest.raises(ClassifierError, match="no model file"):
        outcomes([seed_dir], model_path=tmp_path / "missing.skops")


def test_a_relative_model_path_is_loaded_once(seed_dir: Path, monkeypatch):
    from classifier.predictor import Predictor, default_model_path

    loads = []
    real = Predictor.load.__func__

    def counted(cls, path):
        loads.append(str(path))
        return real(cls, path)

    monkeypatch.setattr(Predictor, "load", classmethod(counted))
    monkeypatch.setattr(batch, "_WORKER_MODELS", {})
    monkeypatch.chdir(default_model_path().parent)
    results = list(batch.run_batch([str(seed_dir)], model_path=default_model_path().name, jobs=1))
    assert results and all(r.ok for r in results)
    assert len(loads) == 1, loads


def test_two_inputs_with_the_same_output_name_do_not_overwrite_each_other(model, tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copyfile(SEEDS[0], tmp_path / "a" / "story.txt")
    shutil.copyfile(SEEDS[1], tmp_path / "b" / "story.txt")
    (tmp_path / "b" / "x.txt").write_text("Some text.")
    (tmp_path / "b" / "x.txt.gz").write_bytes(gzip.compress(b"Other text."))
    out = tmp_path / "out"
    results = outcomes([tmp_path / "b", tmp_path / "b" / "x.txt"], out=out, fmt="txt")
    failed = {r.path: r.error for r in results if not r.ok}
    assert set(failed) == {str(tmp_path / "b" / "x.txt"), str(tmp_path / "b" / "x.txt.gz")}
    assert all("same output" in error for error in failed.values())
    assert (out / "x.txt.txt").read_text(encoding="utf-8") == clean_file(tmp_path / "b" / "x.txt", model).text + "\n"


def test_files_given_one_by_one_mirror_below_the_folder_they_share(model, tmp_path: Path):
    """``pages/*/source.html`` as arguments: one output per page, not one name for them all."""
    for name, seed in (("a", SEEDS[0]), ("b", SEEDS[1])):
        (tmp_path / "pages" / name).mkdir(parents=True)
        shutil.copyfile(seed, tmp_path / "pages" / name / "story.txt")
    out = tmp_path / "out"
    results = outcomes(sorted(tmp_path.glob("pages/*/story.txt")), out=out, fmt="txt")
    assert all(r.ok for r in results), results
    for name, seed in (("a", SEEDS[0]), ("b", SEEDS[1])):
        assert (out / name / "story.txt.txt").read_text(encoding="utf-8") == clean_file(seed, model).text + "\n"


def test_resume_skips_up_to_date_outputs_and_redoes_stale_ones(model, seed_dir: Path, tmp_path: Path):
    out = tmp_path / "out"
    first = outcomes([seed_dir], out=out, fmt="txt")
    assert not any(r.skipped for r in first)
    # An output older than its input is stale; a missing one is redone too.
    stale, missing = Path(first[1].output), Path(first[2].output)
    stale.write_text("stale")
    old = time.time() - 1000
    os.utime(stale, (old, old))
    missing.unlink()
    second = outcomes([seed_dir], out=out, fmt="txt", resume=True)
    assert [r.skipped for r in second] == [True, False, False, True, True]
    assert stale.read_text(encoding="utf-8") == clean_file(first[1].path, model).text + "\n"
    assert missing.exists()
    # An input edited after its output was written is redone.
    seed = Path(first[3].path)
    seed.write_text("Fresh text in an edited input, long enough to be an article paragraph of its own.\n")
    newer = time.time() + 5
    os.utime(seed, (newer, newer))
    third = outcomes([seed_dir], out=out, fmt="txt", resume=True)
    assert [r.skipped for r in third] == [True, True, True, False, True]
    summary = Summary()
    for r in third:
        summary.add(r)
    assert (summary.files, summary.skipped, summary.cleaned) == (5, 4, 1)


def test_resume_never_keeps_outputs_of_other_settings(model, seed_dir: Path, tmp_path: Path):
    out = tmp_path / "out"
    strict = CleanConfig(threshold=0.9)
    # A plain run records its settings too: resuming it with others is refused.
    outcomes([seed_dir], out=out, fmt="txt")
    with pytest.raises(ClassifierError, match="another threshold"):
        outcomes([seed_dir], out=out, fmt="txt", resume=True, config=strict)
    # A run with new settings that stopped after one file: the other outputs are the old
    # settings' and are redone, though the record now names the new ones.
    time.sleep(0.01)
    seeds = sorted(seed_dir.iterdir())
    outcomes([seeds[0]], out=out, fmt="txt", config=strict)
    resumed = outcomes([seed_dir], out=out, fmt="txt", resume=True, config=strict)
    assert [r.skipped for r in resumed] == [True, False, False, False, False]
    assert all(Path(r.output).read_text(encoding="utf-8") == clean_file(r.path, model, strict).text + "\n"
               for r in resumed)
    # Settings unchanged since: nothing to redo.  No record (a folder from elsewhere): everything.
    assert all(r.skipped for r in outcomes([seed_dir], out=out, fmt="txt", resume=True, config=strict))
    (out / batch.MANIFEST).unlink()
    assert not any(r.skipped for r in outcomes([seed_dir], out=out, fmt="txt", resume=True, config=strict))
    assert (out / batch.MANIFEST).exists()


def test_without_resume_everything_is_redone(model, seed_dir: Path, tmp_path: Path):
    out = tmp_path / "out"
    outcomes([seed_dir], out=out, fmt="txt")
    assert not any(r.skipped for r in outcomes([seed_dir], out=out, fmt="txt"))


@pytest.mark.parametrize("backend", ["local", "loky"])
def test_parallel_output_is_identical_to_serial(model, nested: Path, tmp_path: Path, backend: str):
    serial = outcomes([nested], out=tmp_path / "one", fmt="jsonl", chunk_size=2)
    parallel = outcomes([nested], out=tmp_path / "two", fmt="jsonl", jobs=2, chunk_size=2, backend=backend)
    assert [r.path for r in serial] == [r.path for r in parallel]
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert len(tree(tmp_path / "one")) == 8


def test_failures_are_outcomes_and_the_rest_is_cleaned(model, seed_dir: Path, tmp_path: Path):
    (seed_dir / "empty.txt").write_bytes(b"")
    (seed_dir / "binary.bin").write_bytes(b"\x00\x01\x02" * 100)
    (seed_dir / "cut.txt.gz").write_bytes(gzip.compress(b"text " * 1000)[:30])
    results = outcomes([seed_dir, tmp_path / "missing.txt"], out=tmp_path / "out", fmt="txt")
    errors = {Path(r.path).name: r.error for r in results if not r.ok}
    assert errors == {"empty.txt": "empty file", "binary.bin": "binary data (NUL bytes), not text or HTML",
                      "cut.txt.gz": "truncated gzip data", "missing.txt": "no such file or folder"}
    assert sum(r.ok for r in results) == 5
    assert len(outputs(tmp_path / "out")) == 5
    summary = Summary()
    for result, summary in summarize(results):
        pass
    assert summary.files == 9 and summary.cleaned == 5 and len(summary.failed) == 4
    record = summary.to_dict()
    assert {"path": str(seed_dir / "empty.txt"), "error": "empty file"} in record["failed"]
    assert record["kept"] <= record["blocks"] and 0 < record["kept_share"] <= 1


def test_an_unexpected_error_stays_with_its_file(model, seed_dir: Path, tmp_path: Path, monkeypatch):
    real = batch.clean_document

    def flaky(document, *args, **kwargs):
        if document.path.endswith("002_82a298d765422ea0.txt"):
            raise RuntimeError("something broke\nbadly")
        return real(document, *args, **kwargs)

    monkeypatch.setattr(batch, "clean_document", flaky)
    results = outcomes([seed_dir], out=tmp_path / "out", fmt="txt")
    assert [r.ok for r in results] == [True, True, False, True, True]
    assert "RuntimeError" in results[2].error and "\n" not in results[2].error


def test_a_file_that_vanishes_mid_run(model, seed_dir: Path, tmp_path: Path, monkeypatch):
    real = batch.read_document
    victim = seed_dir / SEEDS[2].name

    def delete_first(path, **kwargs):
        if path == str(victim):
            victim.unlink()
        return real(path, **kwargs)

    monkeypatch.setattr(batch, "read_document", delete_first)
    results = outcomes([seed_dir], out=tmp_path / "out", fmt="txt")
    assert [r.ok for r in results] == [True, True, False, True, True]
    assert "file not found" in results[2].error


def test_write_failure_leaves_no_output(model, seed_dir: Path, tmp_path: Path, monkeypatch):
    real = os.replace

    def refuse(source, target, **kwargs):
        if os.fspath(target).endswith(batch.MANIFEST):  # the run's record, written first
            return real(source, target, **kwargs)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("classifier.io.os.replace", refuse)
    results = outcomes([seed_dir], out=tmp_path / "out", fmt="txt")
    assert all(r.error == "cannot write output: No space left on device" for r in results)
    assert outputs(tmp_path / "out") == []


# --------------------------------------------------------------------------- standard input


def test_standard_input(model):
    data = SEEDS[0].read_bytes()
    (result,) = outcomes(["-"], fmt="txt", stdin=data)
    assert result.path == "<stdin>" and result.ok
    assert result.payload == clean_file(SEEDS[0], model).text + "\n"
    (result,) = outcomes(["-"], fmt="jsonl", stdin=gzip.compress(ARTICLE_HTML.encode()))
    assert json.loads(result.payload)["kind"] == "html"


def test_standard_input_respects_the_size_limit(model):
    (result,) = outcomes(["-"], fmt="txt", stdin=b"word " * 1000, max_bytes=1000)
    assert "too large" in result.error


def test_empty_standard_input(model):
    (result,) = outcomes(["-"], stdin=b"")
    assert result.error == "empty file"


# --------------------------------------------------------------------------- time limit


def test_time_limit_stops_a_slow_call():
    start = time.perf_counter()
    with pytest.raises(batch._Timeout):
        with time_limit(0.1):
            time.sleep(5)
    assert time.perf_counter() - start < 2
    with time_limit(0):  # no limit
        time.sleep(0.01)


def _stall_on_seed_001(monkeypatch) -> None:
    """Make cleaning seed 001 never finish (forked workers inherit the patch)."""
    real = batch.clean_document

    def slow(document, *args, **kwargs):
        if document.path.endswith("001_70d18d04582d512c.txt"):
            while True:
                time.sleep(0.01)
        return real(document, *args, **kwargs)

    monkeypatch.setattr(batch, "clean_document", slow)


def test_a_pathological_file_hits_the_per_file_time_limit(model, seed_dir: Path, tmp_path: Path, monkeypatch):
    _stall_on_seed_001(monkeypatch)
    start = time.perf_counter()
    results = outcomes([seed_dir], out=tmp_path / "out", fmt="txt", timeout=0.3)
    assert time.perf_counter() - start < 10
    assert [r.ok for r in results] == [True, False, True, True, True]
    assert results[1].error == "took longer than 0.3 s (per-file time limit)"
    assert not (tmp_path / "out" / "001_70d18d04582d512c.txt.txt").exists()


def test_the_time_limit_holds_in_forked_workers(model, seed_dir: Path, tmp_path: Path, monkeypatch):
    _stall_on_seed_001(monkeypatch)
    results = outcomes([seed_dir], out=tmp_path / "out", fmt="txt", timeout=0.3, jobs=2, chunk_size=1)
    assert [r.ok for r in results] == [True, False, True, True, True]
    assert results[1].error == "took longer than 0.3 s (per-file time limit)"


_FORK_AFTER_OPENMP = """
import sys
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from classifier.batch import run_batch
from classifier.predictor import load_model

X = np.random.RandomState(0).rand(2000, 8)
HistGradientBoostingClassifier(max_iter=5).fit(X, X[:, 0] > 0.5).predict_proba(X)  # a 2-thread pool
load_model().label_lines(["Support us!", "The minister said on Monday that talks would resume."])
outcomes = list(run_batch(sys.argv[1:], jobs=2, backend="local", fmt="txt"))
print(sum(o.ok for o in outcomes))
"""


def test_forked_workers_do_not_hang_after_the_parent_ran_openmp(seed_dir: Path):
    """libgomp is not fork-safe: a worker forked after its parent ran a multi-threaded OpenMP
    region hangs in its first one, unless the model's trees predict on one thread."""
    import subprocess
    import sys

    env = {**os.environ, "OMP_NUM_THREADS": "2"}
    done = subprocess.run([sys.executable, "-c", _FORK_AFTER_OPENMP, *map(str, sorted(seed_dir.iterdir()))],
                          capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[-1] == "5"


def test_an_unknown_backend_is_a_clear_error(tmp_path: Path):
    with pytest.raises(ClassifierError, match="unknown backend 'spark'"):
        list(run_batch([str(tmp_path)], backend="spark"))


def test_process_one_with_a_deep_page(model, tmp_path: Path):
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 100_000 + "deep" + "</div>" * 100_000 + "</body></html>")
    settings = JobSettings(model_path=str(default_model_path()), config=CleanConfig())
    outcome = process_one(InputFile(str(page), str(tmp_path / "out.txt")), settings, model)
    assert outcome.error and "nested too deeply" in outcome.error
    assert not (tmp_path / "out.txt").exists()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([b"<p>", b"</p>", b"<div class='nav'>", b"</div>", b"<br><br>", b"<a href=x>", b"</a>",
                                 b"Some words of text. ", b"\xe9t\xe9 ", b"\xc3\xa9t\xc3\xa9 ", b"\x00", b"\x1f\x8b", b"\n"])
                | st.binary(max_size=30), max_size=30).map(b"".join),
       st.sampled_from(["a.txt", "a.html", "a.txt.gz"]))
def test_process_one_never_raises(model, tmp_path_factory, data: bytes, name: str):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / name).write_bytes(data)
    settings_ = JobSettings(model_path=str(default_model_path()), config=CleanConfig(), fmt="jsonl")
    outcome = process_one(InputFile(str(folder / name), str(folder / "out.jsonl")), settings_, model)
    assert outcome.ok == (folder / "out.jsonl").exists()
    if outcome.ok:
        record = json.loads((folder / "out.jsonl").read_text(encoding="utf-8"))
        assert len(record["blocks"]) == outcome.blocks
    else:
        assert outcome.error and "\n" not in outcome.error and "unexpected" not in outcome.error
