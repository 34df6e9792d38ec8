"""The Dask backend gives byte-identical results to a plain local run.

A local Dask cluster (two worker processes, one thread each, loopback only, no dashboard) cleans
the same small folder (the five seed text files, a few HTML pages written here, one gzipped, one
in Windows-1252, and one empty file that must fail the same way everywhere) through the Python
API (``run_batch(..., backend="dask")`` inside a ``Client``) and through the CLI
(``--backend dask --scheduler ADDRESS``).  Every output must equal the ``--jobs 1`` run's, byte
for byte.  The runs use paths relative to a folder that is not the workers' working folder, so
they also check that workers resolve paths against the caller's folder.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

distributed = pytest.importorskip("dask.distributed")

from classifier import batch  # noqa: E402
from classifier.batch import run_batch  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"
SHARED_SEEDS = Path("/work/shared/seeds")

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Council approves new bridge | City Times</title>
<meta property="og:title" content="Council approves new bridge">
<meta property="article:published_time" content="2023-05-04T09:30:00Z">
<script>var tracker = "do not keep me";</script><style>p {{ color: red }}</style></head>
<body>
<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article class="story-body">
<h1>Council approves new bridge{suffix}</h1>
<p class="byline">By Jane Smith, City Reporter</p>
<p>The city council voted on Tuesday to approve a new pedestrian bridge across the river, ending
a debate that had lasted for more than three years.</p>
<p>Construction is expected to begin next spring and to take about eighteen months, officials
said, with most of the cost covered by a regional transport grant.</p>
<p>"This bridge will connect two neighbourhoods that have been cut off from each other for far
too long," the mayor told reporters after the vote.</p>
<figure><img src="bridge.jpg"><figcaption>An artist's impression of the bridge. Photo: City Council</figcaption></figure>
</article>
<aside class="newsletter"><p>Sign up for our free newsletter to get the latest news in your inbox.</p></aside>
<footer><p>&copy; 2023 City Times. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""

LATIN = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Fête de la musique</title></head><body>
<div id="menu"><a href="/">Accueil</a> | <a href="/culture">Culture</a></div>
<div class="contenu">
<h2>La fête de la musique attire des milliers de personnes à Montréal</h2>
<p>Des milliers de résidents se sont rassemblés samedi dans le centre-ville pour célébrer la fête
de la musique, un événement gratuit qui a réuni plus de cinquante groupes.</p>
<p>Les organisateurs ont déclaré que la météo clémente avait contribué au succès de l’édition de
cette année, la plus fréquentée depuis sa création.</p>
</div>
<div class="pied">Abonnez-vous à notre infolettre · Tous droits réservés</div>
</body></html>
"""


def _seed_files() -> list[Path]:
    """The five seed files, copied into tests/data/seeds/ if they are not there yet."""
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        if not SHARED_SEEDS.is_dir():
            pytest.skip("no seed files in tests/data/seeds/ or /work/shared/seeds/")
        SEEDS.mkdir(parents=True, exist_ok=True)
        for source in sorted(SHARED_SEEDS.glob("*.txt")):
            target = SEEDS / source.name
            if not target.exists():
                shutil.copyfile(source, target)
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """tmp/in/: seeds, HTML pages (one gzipped, one in cp1252, in subfolders) and an empty file."""
    base = tmp_path_factory.mktemp("dask")
    inputs = base / "in"
    (inputs / "pages" / "more").mkdir(parents=True)
    for seed in _seed_files():
        shutil.copyfile(seed, inputs / seed.name)
    (inputs / "pages" / "bridge.html").write_text(ARTICLE.format(suffix=""), encoding="utf-8")
    (inputs / "pages" / "fete.htm").write_bytes(LATIN.encode("cp1252"))
    (inputs / "pages" / "more" / "bridge-update.html.gz").write_bytes(
        gzip.compress(ARTICLE.format(suffix=": work starts in May").encode("utf-8"), mtime=0))
    (inputs / "empty.txt").write_bytes(b"")
    return base


def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "classifier", "clean", *args], cwd=cwd, env=env,
                          capture_output=True, timeout=120)


def _tree(root: Path) -> dict[str, bytes]:
    """Every file under root (hidden ones too: a leftover .part file would show), by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _outcomes(outcomes) -> list[tuple]:
    """What a run reports per file (the output folder aside, which differs between runs)."""
    return [(o.path, o.error, o.skipped, o.blocks, o.kept, dict(o.labels)) for o in outcomes]


@pytest.fixture(scope="module")
def reference(workdir: Path) -> dict:
    """The local single-process run (``--jobs 1``): txt tree, jsonl on standard output, stderr."""
    txt = _cli(["in", "--out", "ref-txt", "--format", "txt", "--jobs", "1", "-q"], workdir)
    jsonl = _cli(["in", "--format", "jsonl", "--jobs", "1", "-q"], workdir)
    assert txt.returncode == jsonl.returncode == 1, (txt.stderr, jsonl.stderr)  # empty.txt fails
    tree = _tree(workdir / "ref-txt")
    assert len(tree) == 9 and batch.MANIFEST in tree and "pages/more/bridge-update.html.txt" in tree and "empty.txt.txt" not in tree
    assert all(tree.values()), "every reference output should keep some text"
    assert b"empty.txt: empty file" in txt.stderr
    assert jsonl.stdout.count(b"\n") == 8
    return {"txt": tree, "jsonl": jsonl.stdout, "stderr": txt.stderr}


@pytest.fixture(scope="module")
def cluster():
    # Loopback only, no dashboard.  The scheduler still serves its small HTTP API on 127.0.0.1,
    # on 8787 if free, else on another port with a warning that means nothing here.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
        local = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                         dashboard_address=None, worker_dashboard_address=None)
    with local:
        yield local


def test_api_dask_matches_local_run(workdir, reference, cluster, monkeypatch):
    # The cluster's workers run in pytest's folder; the inputs are given relative to workdir.
    monkeypatch.chdir(workdir)
    local = _outcomes(run_batch(["in"], out="local-txt", fmt="txt", jobs=1))
    assert _tree(workdir / "local-txt") == reference["txt"]
    with distributed.Client(cluster) as client:
        client.run(lambda: batch._WORKER_MODELS.clear())
        # Small chunks so that several tasks go out to the two workers.
        outcomes = _outcomes(run_batch(["in"], out="dask-txt", fmt="txt", backend="dask", jobs=2, chunk_size=2))
        payloads = list(run_batch(["in"], fmt="jsonl", backend="dask", jobs=2, chunk_size=3))
        loaded = client.run(lambda: len(batch._WORKER_MODELS))
    assert sum(loaded.values()) >= 1, "the cleaning should have run on the cluster's workers"
    assert outcomes == local
    assert [o[1] for o in outcomes if o[1]] == ["empty file"]
    assert _tree(workdir / "dask-txt") == reference["txt"]
    assert "".join(o.payload for o in payloads if o.payload).encode("utf-8") == reference["jsonl"]
    assert [o.path for o in payloads] == [o[0] for o in local]


def test_cli_dask_matches_local_run(workdir, reference, cluster):
    address = cluster.scheduler_address
    assert address.startswith("tcp://127.0.0.1:")
    txt = _cli(["in", "--out", "cli-txt", "--format", "txt", "--backend", "dask", "--scheduler", address,
                "--jobs", "2", "-q"], workdir)
    assert txt.returncode == 1, txt.stderr.decode()  # only empty.txt fails, as in the local run
    assert b"empty.txt: empty file" in txt.stderr
    assert b"file not found" not in txt.stderr
    assert _tree(workdir / "cli-txt") == reference["txt"]
    jsonl = _cli(["in", "--format", "jsonl", "--backend", "dask", "--scheduler", address, "--jobs", "2", "-q"],
                 workdir)
    assert jsonl.returncode == 1, jsonl.stderr.decode()
    assert jsonl.stdout == reference["jsonl"]


def test_an_unreachable_scheduler_is_a_usage_error_with_nothing_cleaned(tmp_path):
    """Nothing was cleaned: exit 2 ("usage error"), not 1 ("some failed, the others are done")."""
    import dask
    from typer.testing import CliRunner

    from classifier.cli import app

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(app, ["clean", str(SEEDS), "--out", str(tmp_path / "out"), "--backend", "dask",
                                          "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2, result.output
    assert "cannot start or reach the Dask cluster at tcp://127.0.0.1:9" in result.stderr
    assert not (tmp_path / "out").exists()
