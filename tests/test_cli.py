"""The command line, driven with typer's CliRunner: `clean` end to end, `labels`, `--version`."""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import classifier.batch as batch
import classifier.io as cio
from classifier import __version__
from classifier.clean import CleanConfig, clean_file
from classifier.labels import Label

from helpers import ARTICLE_HTML, LABELS, SEEDS, outputs, snapshot

runner = CliRunner()
GOOD = SEEDS[0]


def cli(*args: str, input: bytes | str | None = None, code: int | None = 0):
    """Run ``classifier *args``; check the exit code and that nothing crashed."""
    from classifier.cli import app

    result = runner.invoke(app, [str(a) for a in args], input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    if code is not None:
        assert result.exit_code == code, (result.stdout, result.stderr)
    return result


def summary_count(stderr: str, row: str) -> int:
    match = re.search(rf"{re.escape(row)}\s*│\s*(\d+)", stderr)
    assert match, stderr
    return int(match.group(1))


def error_lines(stderr: str) -> list[str]:
    """The one-line failure messages (the summary table is drawn with box characters)."""
    return [line for line in stderr.splitlines() if line and line[0] not in "┏┃┡│└┌├╭╰ " and "summary" not in line]


def expected_txt(path: Path, config: CleanConfig | None = None) -> str:
    from classifier.predictor import default_model_path

    text = clean_file(path, batch._worker_model(str(default_model_path())), config).text
    return text + ("\n" if text else "")


# --------------------------------------------------------------------------- robustness, end to end


def _binary(folder: Path, monkeypatch) -> Path:
    path = folder / "image.jpg"
    rng = random.Random(1)
    path.write_bytes(bytes(rng.randrange(256) for _ in range(5000)))
    return path


def _empty(folder: Path, monkeypatch) -> Path:
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return path


def _undecodable(folder: Path, monkeypatch) -> Path:
    path = folder / "garbled.txt"
    rng = random.Random(7)
    path.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(4000)))
    return path


def _truncated_gz(folder: Path, monkeypatch) -> Path:
    path = folder / "cut.txt.gz"
    path.write_bytes(gzip.compress(GOOD.read_bytes())[:200])
    return path


def _too_big(folder: Path, monkeypatch) -> Path:
    path = folder / "big.txt"
    path.write_bytes(GOOD.read_bytes() * 5)  # 12 KB, over the --max-size below
    return path


def _sparse_200mb(folder: Path, monkeypatch) -> Path:
    path = folder / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(200 * 2**20)
    return path


def _deep(folder: Path, monkeypatch) -> Path:
    path = folder / "deep.html"
    path.write_text("<html><body>" + "<div>" * 100_000 + "deep text" + "</div>" * 100_000 + "</body></html>")
    return path


def _vanishing(folder: Path, monkeypatch) -> Path:
    path = folder / "vanishing.txt"
    shutil.copyfile(SEEDS[1], path)
    real = batch.read_document

    def delete_first(name, **kwargs):
        if name == str(path):
            path.unlink()
        return real(name, **kwargs)

    monkeypatch.setattr(batch, "read_document", delete_first)
    return path


def _unreadable(folder: Path, monkeypatch) -> Path:
    path = folder / "secret.txt"
    shutil.copyfile(SEEDS[1], path)
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: simulate the refusal
        real_open = open

        def guarded(name, *args, **kwargs):
            if str(name) == str(path):
                raise PermissionError(13, "Permission denied", str(name))
            return real_open(name, *args, **kwargs)

        monkeypatch.setattr(cio, "open", guarded, raising=False)
    return path


def _fifo(folder: Path, monkeypatch) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)  # opening it would block until a writer comes
    return path


def _slow(folder: Path, monkeypatch) -> Path:
    path = folder / "pathological.html"
    path.write_text(ARTICLE_HTML)
    real = batch.clean_document

    def slow(document, *args, **kwargs):
        if document.path == str(path):
            while True:
                time.sleep(0.01)
        return real(document, *args, **kwargs)

    monkeypatch.setattr(batch, "clean_document", slow)
    return path


ROBUSTNESS = {
    "binary": (_binary, [], "binary data"),
    "empty": (_empty, [], "empty file"),
    "undecodable": (_undecodable, [], "undecodable bytes"),
    "truncated-gz": (_truncated_gz, [], "truncated gzip data"),
    "too-big": (_too_big, ["--max-size", "0.003"], "file too large"),
    "sparse-200mb": (_sparse_200mb, [], "file too large (200.0 MB > 64 MB limit)"),
    "deep": (_deep, [], "nested too deeply"),
    "vanishing": (_vanishing, [], "file not found"),
    "unreadable": (_unreadable, [], "permission denied"),
    "timeout": (_slow, ["--timeout", "0.3"], "took longer than 0.3 s (per-file time limit)"),
    "fifo": (_fifo, [], "not a regular file"),
}


@pytest.mark.parametrize("case", list(ROBUSTNESS))
def test_one_bad_file_among_good_ones(model, tmp_path: Path, monkeypatch, case: str):
    make, options, reason = ROBUSTNESS[case]
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(GOOD, folder / "good.txt")
    bad = make(folder, monkeypatch)
    before = snapshot(folder)
    reads = []
    if case == "sparse-200mb":
        monkeypatch.setattr(cio, "open", lambda name, *a, **k: reads.append(str(name)) or open(name, *a, **k), raising=False)
    out = tmp_path / "out"

    start = time.perf_counter()
    result = cli("clean", folder, "--out", out, *options, code=1)
    elapsed = time.perf_counter() - start

    lines = error_lines(result.stderr)
    assert lines == [f"{bad}: {lines[0].split(': ', 1)[1]}"], result.stderr  # one line, naming the file
    assert reason in lines[0]
    assert summary_count(result.stderr, "files") == 2
    assert summary_count(result.stderr, "cleaned") == 1
    assert summary_count(result.stderr, "failed") == 1
    assert (out / "good.txt.txt").read_text(encoding="utf-8") == expected_txt(folder / "good.txt")
    assert [p.name for p in outputs(out)] == ["good.txt.txt"]
    after = snapshot(folder)
    if case == "vanishing":
        before.pop(bad.name)
    assert after == before  # inputs unmodified: bytes, mtimes and modes
    if case == "sparse-200mb":
        assert str(bad) not in reads and elapsed < 10
    if case in ("timeout", "fifo"):
        assert elapsed < 10


def test_all_bad_files_at_once(model, tmp_path: Path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(GOOD, folder / "good.txt")
    bad = [ROBUSTNESS[case][0](folder, monkeypatch) for case in ROBUSTNESS if case not in ("too-big", "timeout")]
    missing = tmp_path / "missing.txt"
    before = snapshot(folder)
    result = cli("clean", folder, missing, "--out", tmp_path / "out", code=1)
    lines = error_lines(result.stderr)
    assert sorted(line.split(": ", 1)[0] for line in lines) == sorted(str(p) for p in [*bad, missing])
    assert f"{missing}: no such file or folder" in lines
    assert summary_count(result.stderr, "failed") == len(bad) + 1 and summary_count(result.stderr, "cleaned") == 1
    # The summary repeats the failures (the one-line messages scroll away on a long run).
    table = result.stderr[result.stderr.index("summary"):]
    assert "no such file or folder" in table and table.count("│   ") >= min(len(bad) + 1, 10)
    after = snapshot(folder)
    before.pop("vanishing.txt")
    assert after == before
    assert [p.name for p in outputs(tmp_path / "out")] == ["good.txt.txt"]


def test_unreadable_file_for_real_when_not_root(model, tmp_path: Path):
    if os.geteuid() == 0:
        pytest.skip("root reads a chmod 000 file; the simulated case covers it")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "secret.txt").write_text("text")
    (folder / "secret.txt").chmod(0)
    result = cli("clean", folder, "--out", tmp_path / "out", code=1)
    assert f"{folder / 'secret.txt'}: permission denied" in result.stderr


def test_a_file_name_that_is_not_utf8(model, tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 file name: lone surrogates in Python
    shutil.copyfile(GOOD, folder / name)
    cli("clean", folder, "--out", tmp_path / "out", "--format", "jsonl", "--quiet")
    (output,) = outputs(tmp_path / "out")
    assert os.fsencode(output.name) == b"caf\xe9.txt.jsonl"
    record = json.loads(output.read_bytes().decode("utf-8"))  # valid UTF-8, the name escaped
    assert os.fsencode(record["path"]) == os.fsencode(folder) + b"/caf\xe9.txt"
    assert record["text"] == expected_txt(GOOD).rstrip("\n")


def test_mixed_utf8_and_cp1252_is_repaired_not_failed(model, tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    paragraph = ("The mayor said the caf\u00e9 on the corner of the main square would reopen next week, "
                 "after a month of repairs paid for by the city.")
    pasted = "\u201cWe are delighted to see it open again,\u201d said a neighbour who has lived there for years."
    (folder / "mixed.txt").write_bytes(paragraph.encode("utf-8") + b"\n" + pasted.encode("cp1252") + b"\n")
    shutil.copyfile(GOOD, folder / "good.txt")
    result = cli("clean", folder, "--format", "jsonl", "--quiet")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    mixed = next(r for r in records if r["path"].endswith("mixed.txt"))
    assert mixed["encoding"] == "utf-8+cp1252"
    assert [b["text"] for b in mixed["blocks"]] == [paragraph, pasted]
    assert result.stderr == ""


# --------------------------------------------------------------------------- outputs


def test_out_inside_or_equal_to_an_input_is_refused(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(GOOD, folder / "good.txt")
    before = snapshot(folder)
    for out in (folder / "out", folder, folder / "good.txt"):
        result = cli("clean", folder, "--out", out, code=2)
        assert "outputs would mix with inputs" in result.stderr and str(out) in result.stderr
    result = cli("clean", folder / "good.txt", "--out", folder / "good.txt", code=2)
    assert "outputs would mix with inputs" in result.stderr
    assert snapshot(folder) == before


def test_score_csv_names_the_signals_and_their_explanations(model):
    import csv
    import io

    text = cli("score", *SEEDS, "--format", "csv", "--explain", "8").stdout
    rows = {Path(r["path"]).name[:3]: r for r in csv.DictReader(io.StringIO(text))}
    assert sorted(rows) == ["000", "001", "002", "003", "004"]
    assert len(rows["002"]["top_signals"].split("; ")) == 6  # all it has
    assert "'Russian Secretary of State Antony Blinken'" in rows["002"]["explanations"]
    assert "Berbock/Burbock" in rows["003"]["explanations"]
    short = cli("score", *SEEDS, "--format", "csv").stdout
    assert all(len(r["top_signals"].split("; ")) <= 3 for r in csv.DictReader(io.StringIO(short)))


def test_an_out_that_cannot_be_a_folder_is_one_usage_error(tmp_path: Path):
    in_the_way = tmp_path / "afile"
    in_the_way.write_text("x", encoding="utf-8")
    result = cli("clean", SEEDS[0], SEEDS[1], "--out", in_the_way, code=2)
    assert result.stderr.count("cannot make the output folder") == 1 and "afile" in result.stderr


def test_txt_on_standard_output_separates_documents_by_a_blank_line(model):
    both = cli("clean", SEEDS[0], SEEDS[4], "--format", "txt", "-q").stdout
    first = cli("clean", SEEDS[0], "--format", "txt", "-q").stdout
    second = cli("clean", SEEDS[4], "--format", "txt", "-q").stdout
    assert both == first + "\n" + second and "" not in first.splitlines()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_failed_write_to_standard_output_is_one_line_not_a_traceback():
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "classifier", "clean", str(SEEDS[0]), "-q", "--format", "txt"],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip() == "error: cannot write the results to standard output (No space left on device)"


def test_txt_output_is_the_kept_lines_and_mirrors_the_tree(model, seed_dir: Path, tmp_path: Path):
    sub = seed_dir / "pages"
    sub.mkdir()
    (sub / "story.html.gz").write_bytes(gzip.compress(ARTICLE_HTML.encode("utf-8")))
    (sub / "story.txt.gz").write_bytes(gzip.compress(SEEDS[3].read_bytes()))
    out = tmp_path / "out"
    result = cli("clean", seed_dir, "--out", out)
    assert summary_count(result.stderr, "cleaned") == 7 and summary_count(result.stderr, "failed") == 0
    for seed in SEEDS:
        assert (out / f"{seed.name}.txt").read_text(encoding="utf-8") == expected_txt(seed_dir / seed.name)
    page = (out / "pages" / "story.html.txt").read_text(encoding="utf-8")
    assert page == expected_txt(sub / "story.html.gz")
    assert "The harbour reopened on Saturday" in page
    assert (out / "pages" / "story.txt.txt").read_text(encoding="utf-8") == expected_txt(SEEDS[3])
    assert not [p for p in out.rglob("*") if p.name.endswith(".part") or p.name.startswith(".")
                and p.name != ".classifier-clean.json"]
    assert result.stdout == ""


def test_jsonl_output_records(model, seed_dir: Path):
    result = cli("clean", seed_dir / SEEDS[0].name, seed_dir / SEEDS[1].name, "--quiet")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["path"] for r in records] == [str(seed_dir / SEEDS[0].name), str(seed_dir / SEEDS[1].name)]
    first = records[0]
    assert first["metadata"] == {
        "title": "Ukraine requests more military aid from West amid concerns of Russian buildup on borders",
        "date": "2021-11-18",
        "url": "https://www.telegraph.co.uk/world-news/2021/11/18/ukraine-requests-military-aid-west-amid-russia-buildup-concerns/",
        "header_lines": {"title": 1, "date": 2, "url": 3},
    }
    assert first["text"] == expected_txt(SEEDS[0]).rstrip("\n")
    for block in first["blocks"]:
        assert set(block) >= {"text", "label", "probability", "kept", "line", "index"}
        assert block["label"] in {label.value for label in Label}
        assert 0.0 < block["probability"] <= 1.0
    assert first["text"] == "\n".join(b["text"] for b in first["blocks"] if b["kept"])
    assert result.stderr == ""


def test_jsonl_files_with_out(model, seed_dir: Path, tmp_path: Path):
    cli("clean", seed_dir, "--out", tmp_path / "out", "--format", "jsonl", "--quiet")
    record = json.loads((tmp_path / "out" / f"{SEEDS[2].name}.jsonl").read_text(encoding="utf-8"))
    assert record["path"] == str(seed_dir / SEEDS[2].name) and record["kind"] == "text"


def test_standard_input(model):
    data = GOOD.read_bytes()
    result = cli("clean", "-", "--quiet", input=data)
    record = json.loads(result.stdout)
    assert record["path"] == "<stdin>" and record["text"] == expected_txt(GOOD).rstrip("\n")
    result = cli("clean", "-", "--format", "txt", "--quiet", input=gzip.compress(ARTICLE_HTML.encode("cp1252")))
    assert "The harbour reopened on Saturday" in result.stdout


def test_standard_input_with_out_still_prints_its_result(model, seed_dir: Path, tmp_path: Path):
    result = cli("clean", "-", seed_dir / SEEDS[1].name, "--out", tmp_path / "out", "--quiet", input=GOOD.read_bytes())
    assert result.stdout == expected_txt(GOOD)
    assert (tmp_path / "out" / f"{SEEDS[1].name}.txt").exists()


def test_an_empty_standard_input_fails_with_a_message(model):
    result = cli("clean", "-", "--quiet", input=b"", code=1)
    assert "<stdin>: empty file" in result.stderr


def test_keep_more_labels_keeps_more_lines(model, seed_dir: Path, tmp_path: Path):
    cli("clean", seed_dir, "--out", tmp_path / "default", "--quiet")
    cli("clean", seed_dir, "--out", tmp_path / "rich", "--keep", "content,headline,metadata", "--quiet")
    for seed in SEEDS:
        default = (tmp_path / "default" / f"{seed.name}.txt").read_text(encoding="utf-8").splitlines()
        rich = (tmp_path / "rich" / f"{seed.name}.txt").read_text(encoding="utf-8").splitlines()
        assert set(default) <= set(rich)
    rich = (tmp_path / "rich" / f"{SEEDS[0].name}.txt").read_text(encoding="utf-8").splitlines()
    assert rich[1] == "20211118" and len(rich) > len(
        (tmp_path / "default" / f"{SEEDS[0].name}.txt").read_text(encoding="utf-8").splitlines())


def test_a_higher_threshold_keeps_no_more(model, seed_dir: Path):
    kept = {}
    for threshold in ("0.1", "0.5", "0.9"):
        result = cli("clean", seed_dir, "--threshold", threshold, "--quiet")
        kept[threshold] = [{b["index"] for b in json.loads(line)["blocks"] if b["kept"]} for line in result.stdout.splitlines()]
    for low, high in (("0.1", "0.5"), ("0.5", "0.9")):
        assert all(h <= l for h, l in zip(kept[high], kept[low]))
    assert sum(map(len, kept["0.9"])) < sum(map(len, kept["0.1"]))


def test_no_fallback_lets_a_document_keep_nothing(model, seed_dir: Path):
    """At threshold 1.0 no block is sure enough: each document keeps its likeliest block, or none
    with --no-fallback."""
    def kept(*options: str) -> list[int]:
        result = cli("clean", seed_dir, "--threshold", "1.0", "--quiet", *options)
        return [sum(b["kept"] for b in json.loads(line)["blocks"]) for line in result.stdout.splitlines()]

    assert kept() == [1] * len(SEEDS)
    assert kept("--no-fallback") == [0] * len(SEEDS)


def test_same_input_gives_byte_identical_output(model, seed_dir: Path, tmp_path: Path):
    (seed_dir / "page.html").write_text(ARTICLE_HTML)
    for name in ("a", "b"):
        cli("clean", seed_dir, "--out", tmp_path / name, "--format", "jsonl", "--quiet")
    one, two = outputs(tmp_path / "a"), outputs(tmp_path / "b")
    assert [p.name for p in one] == [p.name for p in two] and len(one) == 6
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(one, two))


def test_two_jobs_give_byte_identical_outputs(model, seed_dir: Path, tmp_path: Path):
    (seed_dir / "page.html").write_text(ARTICLE_HTML)
    cli("clean", seed_dir, "--out", tmp_path / "one", "--format", "jsonl", "--quiet")
    cli("clean", seed_dir, "--out", tmp_path / "two", "--format", "jsonl", "--quiet", "--jobs", "2")
    one, two = outputs(tmp_path / "one"), outputs(tmp_path / "two")
    assert [p.name for p in one] == [p.name for p in two] and len(one) == 6
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(one, two))
    result = cli("clean", seed_dir, "--quiet", "--jobs", "2")  # on standard output, in input order
    assert [json.loads(line)["path"] for line in result.stdout.splitlines()] == sorted(
        str(p) for p in seed_dir.iterdir())


def test_resume(model, seed_dir: Path, tmp_path: Path):
    out = tmp_path / "out"
    cli("clean", seed_dir, "--out", out)
    stale = out / f"{SEEDS[0].name}.txt"
    stale.write_text("stale output")
    os.utime(stale, (time.time() - 1000,) * 2)
    result = cli("clean", seed_dir, "--out", out, "--resume")
    assert summary_count(result.stderr, "skipped (up to date)") == 4
    assert summary_count(result.stderr, "cleaned") == 1
    assert stale.read_text(encoding="utf-8") == expected_txt(SEEDS[0])
    result = cli("clean", seed_dir, "--out", out, "--resume")
    assert summary_count(result.stderr, "skipped (up to date)") == 5
    # Outputs of other settings are not "up to date": resuming with them is refused.
    before = snapshot(out)
    for other in (["--threshold", "0.9"], ["--keep", "content,headline"], ["--no-fallback"]):
        result = cli("clean", seed_dir, "--out", out, "--resume", *other, code=2)
        assert "holds outputs made with another" in result.stderr
    assert snapshot(out) == before
    cli("clean", seed_dir, "--out", out, "--threshold", "0.9")  # a full rerun redoes them ...
    result = cli("clean", seed_dir, "--out", out, "--resume", "--threshold", "0.9")  # ... and records them
    assert summary_count(result.stderr, "skipped (up to date)") == 5


def test_atomic_writes_leave_nothing_behind_on_failure(model, seed_dir: Path, tmp_path: Path, monkeypatch):
    real = os.replace
    full = []

    def full_disk(source, target, **kwargs):
        if full or not os.fspath(target).endswith(".classifier-clean.json"):
            raise OSError(28, "No space left on device")
        return real(source, target, **kwargs)

    monkeypatch.setattr(cio.os, "replace", full_disk)
    out = tmp_path / "out"
    result = cli("clean", seed_dir, "--out", out, code=1)  # the disk fills after the run's record
    assert len(error_lines(result.stderr)) == 5
    assert all(line.endswith(": cannot write output: No space left on device") for line in error_lines(result.stderr))
    assert outputs(out) == [] and not list(out.rglob("*.part"))
    full.append(True)  # full from the start: not even the record fits, nothing is tried
    result = cli("clean", seed_dir, "--out", tmp_path / "out2", code=2)
    assert "cannot record the run's settings (No space left on device)" in result.stderr
    assert [p for p in (tmp_path / "out2").rglob("*") if p.is_file()] == []


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("bom.txt", b"\xef\xbb\xbf" + "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e is on the menu again this summer, the owner said on Monday.".encode(), "Caf\u00e9 cr\u00e8me"),
        ("utf16.txt", "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e is on the menu again this summer, the owner said on Monday.".encode("utf-16"), "Caf\u00e9 cr\u00e8me"),
        ("cp1252.txt", "\u201cCaf\u00e9\u201d \u2014 cr\u00e8me br\u00fbl\u00e9e is on the menu again this summer, the owner said.".encode("cp1252"), "\u201cCaf\u00e9\u201d \u2014 cr\u00e8me"),
        ("latin1.txt", "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e is on the menu again this summer, the owner said on Monday.".encode("latin-1"), "Caf\u00e9 cr\u00e8me"),
        ("meta.html", ('<html><head><meta charset="windows-1251"></head><body><p>\u0420\u043e\u0441\u0441\u0438\u0439\u0441\u043a\u0438\u0435 '
                       '\u0432\u043e\u0439\u0441\u043a\u0430 \u043e\u0442\u043e\u0448\u043b\u0438 \u043e\u0442 \u0433\u0440\u0430\u043d\u0438\u0446\u044b.</p></body></html>').encode("cp1251"),
         "\u0420\u043e\u0441\u0441\u0438\u0439\u0441\u043a\u0438\u0435 \u0432\u043e\u0439\u0441\u043a\u0430"),
    ],
)
def test_text_encodings_decode_right(model, tmp_path: Path, name: str, data: bytes, expected: str):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(data)
    result = cli("clean", folder, "--quiet")
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["blocks"][0]["text"].startswith(expected)


# --------------------------------------------------------------------------- usage errors


def test_the_progress_bar_in_a_terminal_counts_the_inputs_first(model, seed_dir: Path, monkeypatch):
    import io

    from rich.console import Console

    import classifier.cli as cli_module

    screen = io.StringIO()
    monkeypatch.setattr(cli_module, "err", Console(file=screen, force_terminal=True, width=120))
    cli_module._drain(batch.run_batch([str(seed_dir)], fmt="txt", out=seed_dir.parent / "progress-out"),
                      quiet=False, paths=[str(seed_dir)])
    assert "0/5" in screen.getvalue() and "5/5" in screen.getvalue()


def test_an_empty_folder_is_no_error_but_a_warning(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / ".hidden.txt").write_text("Hidden text.", encoding="utf-8")
    result = cli("clean", tmp_path / "empty", "-q")
    assert "warning: no input files" in result.stderr and result.stdout == ""
    result = cli("score", tmp_path / "empty", "--format", "jsonl", code=0)
    assert "warning: no input files" in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    "args, message",
    [
        (["clean"], "Missing argument"),
        (["clean", "x", "--format", "csv"], "--format must be txt or jsonl"),
        (["clean", "x", "--threshold", "1.5"], "threshold must be between 0 and 1"),
        (["clean", "x", "--threshold", "abc"], "Invalid value"),
        (["clean", "x", "--keep", "content,boilerplate"], "unknown label 'boilerplate'"),
        (["clean", "x", "--jobs", "0"], "--jobs must be at least 1"),
        (["clean", "x", "--resume"], "--resume needs --out"),
        (["clean", "x", "--scheduler", "tcp://10.0.0.5:8786"], "--scheduler needs --backend dask"),
        (["clean", "x", "--backend", "spark"], "--backend must be local, loky or dask"),
        (["clean", "x", "--timeout", "-1"], "--timeout"),
        (["clean", "x", "--max-size", "0"], "--max-size"),
        (["clean", "x", "--no-such-option"], "No such option"),
        (["no-such-command"], "No such command"),
        (["labels", "stats", "--bogus"], "No such option"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str):
    result = cli(*args, code=2)
    assert message in result.stderr


def test_messages_with_brackets_are_printed_as_they_are(tmp_path: Path):
    # Rich reads [words] as markup: a path like "runs[/old]" crashed the error message.
    for name in ("runs[old]", "runs[/old]"):
        folder = tmp_path / name
        result = cli("labels", "check", "--labels", folder, code=1)
        assert f"error: {folder / 'index.tsv'}: no document index" in result.stderr
        result = cli("clean", GOOD, "--model", folder / "m.skops", code=2)
        assert f"error: {folder / 'm.skops'}: no model file" in result.stderr
    result = cli("clean", GOOD, "--format", "[/txt]", code=2)
    assert "--format must be txt or jsonl, not '[/txt]'" in result.stderr


def test_version():
    result = cli("--version")
    assert result.stdout.strip() == f"classifier {__version__}"


def test_help_lists_the_commands():
    result = cli("--help")
    for command in ("clean", "labels", "train", "evaluate", "score"):
        assert command in result.stdout


def test_a_missing_model_is_a_clear_error(tmp_path: Path):
    # Nothing was cleaned: a usage error, not "some files failed".
    result = cli("clean", GOOD, "--model", tmp_path / "none.skops", code=2)
    assert "no model file" in result.stderr
    result = cli("score", GOOD, "--model", tmp_path / "none.skops", code=2)
    assert "no model file" in result.stderr


# --------------------------------------------------------------------------- labels


def test_labels_check_on_the_real_corpus():
    result = cli("labels", "check", "--labels", LABELS)
    match = re.fullmatch(r"ok: (\d+) documents, (\d+) blocks\n", result.stdout)
    assert match and int(match.group(1)) >= 200


def test_labels_check_names_file_and_line_of_a_broken_corpus(tmp_path: Path):
    root = tmp_path / "labels"
    shutil.copytree(LABELS / "docs", root / "docs", ignore=lambda d, names: [n for n in names if not n.startswith("seed-")])
    rows = [line for line in (LABELS / "index.tsv").read_text(encoding="utf-8").splitlines()
            if line.startswith(("id\t", "seed-"))]
    (root / "index.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert cli("labels", "check", "--labels", root).stdout == (
        f"ok: 5 documents, {sum(len(p.read_text().splitlines()) - 1 for p in (root / 'docs').iterdir())} blocks\n")
    doc = root / "docs" / "seed-002_82a298d765422ea0.tsv"
    lines = doc.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("\theadline\t", "\tbanner\t")
    doc.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("labels", "check", "--labels", root, code=1)
    assert f"{doc}:4: unknown label 'banner'" in " ".join(result.stderr.split())


def test_labels_stats():
    table = cli("labels", "stats", "--labels", LABELS).stdout
    for name in ("content", "navigation", "documents", "blocks"):
        assert name in table
    # The title names the folder read, not always "labels/".
    assert f"{LABELS}: " in " ".join(table.split()) and "labels/:" not in table
    stats = json.loads(cli("labels", "stats", "--labels", LABELS, "--json").stdout)
    assert stats["documents"] >= 200 and stats["blocks"] == sum(stats["labels"].values())
    assert set(stats["labels"]) == {label.value for label in Label}


def test_labels_stats_of_a_missing_folder(tmp_path: Path):
    result = cli("labels", "stats", "--labels", tmp_path / "none", code=1)
    assert "no document index" in result.stderr


def test_labels_add_show_set_realign(tmp_path: Path):
    root = tmp_path / "labels"
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(ARTICLE_HTML.encode("utf-8")))
    result = cli("labels", "add", page, "--id", "p1", "--site", "coastal.example", "--labels", root)
    assert result.stdout.startswith("p1: 11 blocks pre-annotated")
    assert "html" in (root / "index.tsv").read_text(encoding="utf-8")
    shown = cli("labels", "show", "p1", "--labels", root, "--start", "3", "--end", "3").stdout
    assert shown.strip().endswith("| Harbour reopens after storm")
    assert cli("labels", "set", "p1", "3=content", "--labels", root).stdout.strip() == "p1: 1 blocks changed"
    result = cli("labels", "set", "p1", "3=banner", "--labels", root, code=1)
    assert "unknown label 'banner'" in result.stderr
    assert cli("labels", "realign", "--labels", root).stdout == ""  # nothing changed
    assert "content" in cli("labels", "show", "p1", "--labels", root, "--start", "3", "--end", "3").stdout
    result = cli("labels", "add", page, "--id", "p1", "--site", "x", "--labels", root, code=1)
    assert "already in" in result.stderr
    result = cli("labels", "show", "nope", "--labels", root, code=1)
    assert "block file missing" in result.stderr


def test_clean_defaults_are_the_library_defaults():
    # The CLI spells its defaults out (importing the library at start-up would slow --help), so
    # this guards them against drifting apart.
    import inspect

    from classifier.batch import DEFAULT_TIMEOUT
    from classifier.clean import DEFAULT_THRESHOLD
    from classifier.cli import clean
    from classifier.io import DEFAULT_MAX_BYTES
    from classifier.labels import DEFAULT_KEEP, parse_keep

    defaults = {name: p.default for name, p in inspect.signature(clean).parameters.items()}
    assert defaults["threshold"] == DEFAULT_THRESHOLD
    assert defaults["timeout"] == DEFAULT_TIMEOUT
    assert defaults["max_size"] * 2**20 == DEFAULT_MAX_BYTES
    assert parse_keep(defaults["keep"]) == DEFAULT_KEEP
