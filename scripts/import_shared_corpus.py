"""One-off import of ../shared/seeds and ../shared/corpus/pages into labels/ (pre-annotated).

Sites group documents for cross-validation, so pages of one outlet (all its subdomains, and
the synthetic readability test pages together) never sit on both sides of a split.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import urlparse

from classifier.annotate import add_document
from classifier.corpus import DocumentInfo
from classifier.io import decode, read_bytes
from classifier.segment import make_document

SHARED = Path(__file__).resolve().parents[2] / "shared"
LABELS = Path(__file__).resolve().parents[1] / "labels"

# Near-duplicates of another page (same expected text) and pages that are not articles.
SKIP = {
    "goose3-gizmodo2", "goose3-gizmodo3", "readability-rtl-2", "readability-rtl-3", "readability-rtl-4",
    "goose3-businessWeek4", "newspaper4k-video_article_01", "newspaper4k-arabic_article",
    "newspaper4k-chinese_article", "goose3-marketplace", "readability-wikipedia-2",
    "readability-wikipedia-4", "readability-lwn-1", "readability-pixnet",
}
# Outlets that span several hosts.
SITE_ALIASES = {
    "guardian.co.uk": "theguardian.com", "bbc.co.uk": "bbc.com", "cbslocal.com": "cbslocal.com",
    "wikia.com": "fandom.com", "espn.go.com": "espn.com",
}
SITE_OVERRIDES = {
    "newspaper4k-chinese_article": "bbc.com", "readability-yahoo-2": "yahoo.com",
    "readability-wikipedia-4": "wikipedia.org", "readability-webmd-1": "webmd.com",
    "readability-webmd-2": "webmd.com", "readability-lazy-image-1": "medium.com",
    "readability-msn": "msn.com", "goose3-okaymarketing": "okaymarketing.com",
    "readability-keep-tabular-data": "factorio.com", "readability-v8-blog": "v8.dev",
    "readability-google-sre-book-1": "sre.google", "readability-daringfireball-1": "daringfireball.net",
    "readability-ietf-1": "ietf.org", "readability-archive-of-our-own": "archiveofourown.org",
    "readability-ebb-org": "ebb.org", "readability-mercurial": "mercurial-scm.org",
    "readability-gmw": "gmw.cn", "readability-qq": "qq.com", "readability-youth": "youth.cn",
    "readability-hukumusume": "hukumusume.com", "readability-001": "blog-001.example",
    "readability-lwn-1": "lwn.net", "readability-clean-links": "bartleby.example",
    "readability-mathjax": "mathjax-demo.example",
}
SECOND_LEVEL = {"co.uk", "com.au", "co.jp", "com.br", "com.ar", "com.cn", "co.kr"}


def registered_domain(url: str) -> str:
    host = urlparse(url).netloc.lower().split(":")[0].removeprefix("www.")
    parts = host.split(".")
    keep = 3 if ".".join(parts[-2:]) in SECOND_LEVEL else 2
    domain = ".".join(parts[-keep:])
    return SITE_ALIASES.get(domain, domain)


def main() -> int:
    count = 0
    for seed in sorted((SHARED / "seeds").glob("*.txt")):
        doc_id = "seed-" + seed.stem
        text, _ = decode(read_bytes(seed))
        document = make_document(text, "text")
        site = registered_domain(document.metadata.url) if document.metadata.url else f"seed-{seed.stem[:3]}"
        info = DocumentInfo(doc_id, "shared/seeds", site, "en", "text", "real", "")
        count += add_document(LABELS, info, seed, overwrite=True)
    for page in sorted((SHARED / "corpus" / "pages").iterdir()):
        if page.name in SKIP:
            continue
        meta = json.loads((page / "meta.json").read_text())
        text, _ = decode(read_bytes(page / "source.html"))
        document = make_document(text, "html")
        url = meta.get("url") or document.metadata.url or ""
        site = SITE_OVERRIDES.get(page.name) or (registered_domain(url) if url.startswith("http") else "")
        if not site:
            site = "readability-synthetic" if page.name.startswith("readability-") else page.name
        language = (meta.get("lang") or meta.get("language") or document.metadata.language or "und").split("-")[0].lower()
        origin = page.name.split("-", 1)[0] + "/" + page.name
        info = DocumentInfo(page.name, origin, site, language, "html", "real", "")
        expected = (page / "expected.txt").read_text(encoding="utf-8")
        count += add_document(LABELS, info, page / "source.html", expected=expected, title=meta.get("title"), overwrite=True)
    print(f"{count} blocks imported", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
