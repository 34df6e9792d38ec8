"""Constants and small builders shared by the test files (fixtures live in conftest.py)."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SEEDS = sorted((DATA / "seeds").glob("*.txt"))
LABELS = ROOT / "labels"


def outputs(folder: Path) -> list[Path]:
    """The files ``classifier clean --out`` wrote under ``folder``, sorted, without its run record."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != ".classifier-clean.json")


def snapshot(folder: Path) -> dict[str, tuple[str, int, int, int]]:
    """Every entry under ``folder``: a digest of its bytes, size, modification time (ns) and mode.

    Enough to prove inputs untouched; files over 16 MB (the sparse 200 MB one) are not read.
    """
    entries = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        digest = ""
        if stat.S_ISREG(info.st_mode) and info.st_size <= 16 * 2**20 and os.access(path, os.R_OK):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        entries[str(path.relative_to(folder))] = (digest, info.st_size, info.st_mtime_ns, info.st_mode)
    return entries


ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbour reopens after storm | Coastal Times</title>
<meta property="og:title" content="Harbour reopens after storm">
<meta property="og:site_name" content="Coastal Times">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2023-06-03T10:00:00Z">
<link rel="canonical" href="https://coastal.example/news/harbour-reopens">
<script>var tracking = "not text";</script>
<style>p { color: red; }</style>
</head>
<body>
<nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article class="story">
<h1>Harbour reopens after storm</h1>
<p class="byline">By Jane Doe | June 3, 2023</p>
<p>The harbour reopened on Saturday after a week of repairs to the sea wall that was damaged when the storm struck the coast, the port authority said.</p>
<p>Fishermen who had been unable to leave port for eight days said they were relieved to return to sea, although several boats were still being repaired.</p>
<p>The authority said the repairs had cost about two million pounds and that the wall would be inspected again before the winter season begins in October.</p>
<figure><img src="a.jpg"><figcaption>Boats return to the harbour on Saturday. Photo: John Smith</figcaption></figure>
</article>
<div class="newsletter-signup"><p>Sign up for our free weekly newsletter</p></div>
<footer><p>&copy; 2023 Coastal Times. All rights reserved.</p></footer>
</body>
</html>
"""
