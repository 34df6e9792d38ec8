"""Tooling that produces, shows, edits and re-aligns the label files of ``labels/``.

Pre-annotation is only a starting point for a person's reading: blocks found in an extractor's
expected article text become ``content``, and a few plain rules guess the rest.  Every label is
then reviewed by hand (``classifier labels show`` / ``classifier labels set``).
"""

from __future__ import annotations

import difflib
import gzip
import re
from pathlib import Path

from .corpus import (
    DocumentInfo,
    doc_path,
    format_blocks,
    format_index,
    info_problem,
    read_blocks,
    read_index,
)
from .document import Block, ClassifierError, Document
from .io import decode, read_bytes, sniff_kind
from .labels import Label
from .segment import make_document
from .shingles import shingles, words


# Pre-annotation rules: (label, pattern on the block text, pattern on its class/id words).
_RULES: list[tuple[Label, str, str]] = [
    (Label.ADVERTISING, r"^(advertisement|advertising|sponsored|ad)$|sponsored (content|by)|paid (post|content)", r"\b(ad|ads|advert\w*|sponsor\w*|dfp|banner|promo)\b"),
    (Label.DONATION, r"\bdonat|support (us|our|the)\b|contribut(e|ion)\b|^(once|monthly|annual|annually|yearly)$|become a (member|patron)", r"\b(donat\w*|contribut\w*|support)\b"),
    (Label.SUBSCRIPTION, r"newsletter|subscri|sign (up|in)|log ?in|register|download (the|our) app|paywall", r"\b(newsletter|subscri\w*|signup|login|paywall|register)\b"),
    (Label.COMMENTS, r"\bcomments?\b|leave a reply|post a comment|your (name|email)", r"\b(comment\w*|disqus|respond|reply|replies)\b"),
    (Label.LEGAL, r"©|copyright|all rights reserved|cookie|privacy (policy|notice)|terms (of|and) (use|service|conditions)", r"\b(copyright|legal|cookie\w*|privacy|terms)\b"),
    (Label.CAPTION, r"\b(photograph|photo|image|picture|credit)\s*:|getty images|/ ?(afp|ap|reuters)$", r"\b(caption|figcaption|credit|photo)\b"),
    (Label.METADATA, r"^(by\s|published|updated|posted)\b|^\d+ min(ute)?s? read$|^\d{1,2}:\d\d", r"\b(byline|author|date|time|timestamp|dateline|meta)\b"),
    (Label.PUBLISHER, r"\b(about us|contact us|our (team|mission))\b", r"\b(bio|about)\b"),
    (Label.NAVIGATION, r"^(read more|related|more from|latest|home|menu|share|tweet|next|previous)\b", r"\b(nav\w*|menu|breadcrumb\w*|related|share|social|tags?|pagination|footer|header|sidebar)\b"),
]


def _norm(text: str) -> str:
    return " ".join(words(text))


def preannotate(document: Document, expected: str | None = None, title: str | None = None) -> list[Label]:
    """Guess a label per block, for a person to review."""
    expected_norm = _norm(expected or "")
    expected_shingles = shingles([expected_norm], 3)
    title_norm = _norm(title or document.metadata.title or "")
    guesses: list[Label] = []
    for block in document.blocks:
        norm = _norm(block.text)
        tokens = norm.split()
        in_expected = False
        if expected_norm and tokens:
            if len(tokens) >= 4 and norm in expected_norm:
                in_expected = True
            elif len(tokens) >= 6:
                own = shingles([norm], 3)
                in_expected = len(own & expected_shingles) >= 0.6 * len(own)
        if in_expected and block.link_density < 0.7:
            guesses.append(Label.CONTENT)
        elif title_norm and norm and (norm == title_norm or (len(tokens) >= 3 and norm in title_norm)):
            guesses.append(Label.HEADLINE)
        elif block.tag == "h1":
            guesses.append(Label.HEADLINE)
        else:
            guesses.append(_rule_guess(block))
    return guesses


def _rule_guess(block: Block) -> Label:
    text, attrs = block.text.lower(), block.attrs
    for label, text_pattern, attr_pattern in _RULES:
        if re.search(text_pattern, text):
            return label
    for label, _, attr_pattern in _RULES:
        if attrs and re.search(attr_pattern, attrs):
            return label
    if block.link_density >= 0.5:
        return Label.NAVIGATION
    if not re.search(r"\w", text):
        return Label.OTHER
    return Label.CONTENT if len(text.split()) >= 15 and text.rstrip()[-1:] in ".!?\"”'" else Label.OTHER


def load_source(path: Path) -> Document:
    """Decode and segment a source file, as the cleaner would; errors name the file."""
    try:
        text, encoding = decode(read_bytes(path))
        return make_document(text, sniff_kind(str(path), text), path=str(path), encoding=encoding)
    except ClassifierError as exc:
        raise ClassifierError(f"{path}: {exc}") from None


def store_source(root: Path, doc_id: str, source: Path) -> str:
    """Store a source in ``labels/sources`` (HTML gzip-compressed, text as plain text).

    The bytes are read first and then written, so a ``.txt.gz`` source is stored readable and
    re-adding a document from its own stored source works.  Returns the relative path.
    """
    sources = root / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    data = read_bytes(source)
    kind = sniff_kind(str(source), decode(data)[0])
    if kind == "html":
        target = sources / f"{doc_id}.html.gz"
        data = gzip.compress(data, mtime=0)
    else:
        target = sources / f"{doc_id}.txt"
    target.write_bytes(data)
    return str(target.relative_to(root))


def add_document(root: Path, info: DocumentInfo, source: Path, expected: str | None = None,
                 title: str | None = None, overwrite: bool = False) -> int:
    """Store the source, pre-annotate its blocks, write the block file and the index row.

    The row and the source are checked first, so a bad one leaves the folder as it was.
    """
    root = Path(root)
    infos = read_index(root) if (root / "index.tsv").exists() else []
    existing = {i.id: n for n, i in enumerate(infos)}
    if info.id in existing and not overwrite:
        raise ClassifierError(f"document {info.id!r} is already in {root / 'index.tsv'}")
    document = load_source(Path(source))
    if not document.blocks:
        raise ClassifierError(f"{source}: no text blocks to label")
    info.kind = document.kind  # what the segmenter made of it, whatever the file name suggested
    problem = info_problem(info)
    if problem:
        raise ClassifierError(problem)
    info.source = store_source(root, info.id, source)
    labels = preannotate(document, expected=expected, title=title)
    path = doc_path(root, info.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(format_blocks(document.blocks, labels), encoding="utf-8")
    if info.id in existing:
        infos[existing[info.id]] = info
    else:
        infos.append(info)
    (root / "index.tsv").write_text(format_index(infos), encoding="utf-8")
    return len(document.blocks)


def realign(root: Path, doc_id: str) -> tuple[int, int]:
    """Re-segment a stored source and carry labels over by matching block texts.

    Returns ``(blocks, unmatched)``.  Unmatched blocks get a pre-annotated guess; the file is
    rewritten, and the caller is told how many need a person's look.
    """
    root = Path(root)
    info = next((i for i in read_index(root) if i.id == doc_id), None)
    if info is None:
        raise ClassifierError(f"no document {doc_id!r} in {root / 'index.tsv'}")
    old_blocks, old_labels = read_blocks(doc_path(root, doc_id))
    document = load_source(root / info.source)
    guesses = preannotate(document)
    matcher = difflib.SequenceMatcher(a=[b.text for b in old_blocks], b=document.texts, autojunk=False)
    new_labels: list[Label | None] = [None] * len(document.blocks)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                new_labels[j1 + offset] = old_labels[i1 + offset]
        elif tag == "replace":
            # A block split or merged by the segmenter: take the label of the most similar old block.
            for j in range(j1, j2):
                best = max(range(i1, i2), key=lambda i: difflib.SequenceMatcher(
                    a=old_blocks[i].text, b=document.blocks[j].text).quick_ratio())
                if difflib.SequenceMatcher(a=old_blocks[best].text, b=document.blocks[j].text).ratio() > 0.6:
                    new_labels[j] = old_labels[best]
    unmatched = sum(label is None for label in new_labels)
    final = [label if label is not None else guess for label, guess in zip(new_labels, guesses)]
    doc_path(root, doc_id).write_text(format_blocks(document.blocks, final), encoding="utf-8")
    return len(document.blocks), unmatched


def set_labels(root: Path, doc_id: str, specs: list[str]) -> int:
    """Apply edits like ``12-40=navigation`` or ``7=content`` to a block file; return blocks changed."""
    path = doc_path(Path(root), doc_id)
    blocks, labels = read_blocks(path)
    changed = 0
    for spec in specs:
        try:
            span, name = spec.split("=", 1)
            first, _, last = span.partition("-")
            start, end = int(first), int(last or first)
        except ValueError:
            raise ClassifierError(f"bad edit {spec!r}: use N=label or N-M=label") from None
        try:
            label = Label.parse(name)
        except ValueError as exc:
            raise ClassifierError(f"bad edit {spec!r}: {exc}") from None
        if not 0 <= start <= end < len(blocks):
            raise ClassifierError(f"bad edit {spec!r}: {doc_id} has blocks 0-{len(blocks) - 1}")
        for n in range(start, end + 1):
            changed += labels[n] != label
            labels[n] = label
    path.write_text(format_blocks(blocks, labels), encoding="utf-8")
    return changed


def show(root: Path, doc_id: str, start: int = 0, end: int | None = None, width: int = 400) -> str:
    """A compact listing for review: number, label, link density, tag, class words and text."""
    blocks, labels = read_blocks(doc_path(Path(root), doc_id))
    lines = []
    for n, (block, label) in enumerate(zip(blocks, labels)):
        if n < start or (end is not None and n > end):
            continue
        context = f"{block.tag or '-'} ld={block.link_density:g} [{' '.join(block.attrs.split()[:6])}]"
        lines.append(f"{n:>4} {label.value:<12} {context} | {block.text[:width]}")
    return "\n".join(lines)
