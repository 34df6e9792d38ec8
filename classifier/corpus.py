"""The hand-labeled corpus in ``labels/``: its file format, loader, validation and statistics.

Layout::

    labels/index.tsv          one row per document (see INDEX_COLUMNS)
    labels/docs/<id>.tsv      one row per block, in document order (see BLOCK_COLUMNS)
    labels/sources/<id>.*     the original input, so labels can be re-aligned when the
                              segmenter changes (``classifier labels realign``)

Block files are tab-separated with a header row.  Block text is whitespace-normalised by the
segmenter, so it never holds a tab or a newline and needs no escaping: a diff shows one changed
line per relabeled block.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .document import Block, ClassifierError
from .labels import LABEL_NAMES, Label
from .segment import normalize_space

INDEX_COLUMNS = ("id", "origin", "site", "language", "kind", "authorship", "source")
BLOCK_COLUMNS = ("n", "label", "text", "path", "attrs", "links", "line")
KINDS = ("text", "html")
AUTHORSHIPS = ("real", "written")
_DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass
class DocumentInfo:
    """A row of the document index."""

    id: str
    origin: str
    site: str
    language: str
    kind: str
    authorship: str
    source: str

    def as_row(self) -> list[str]:
        return [getattr(self, name) for name in INDEX_COLUMNS]


@dataclass
class LabeledDocument:
    """A document of the corpus: its index row, its blocks and their labels (same order)."""

    info: DocumentInfo
    blocks: list[Block]
    labels: list[Label]

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def kind(self) -> str:
        return self.info.kind

    @property
    def site(self) -> str:
        return self.info.site


@dataclass
class Corpus:
    root: Path
    documents: list[LabeledDocument] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.documents)

    def fingerprint(self) -> str:
        """SHA-256 over the index and every block file: the model card's training-data hash."""
        digest = hashlib.sha256()
        digest.update((self.root / "index.tsv").read_bytes())
        for doc in sorted(self.documents, key=lambda d: d.id):
            digest.update(doc_path(self.root, doc.id).read_bytes())
        return digest.hexdigest()


def doc_path(root: Path, doc_id: str) -> Path:
    return Path(root) / "docs" / f"{doc_id}.tsv"


def _tsv_rows(text: str) -> list[list[str]]:
    """Rows of a tab-separated file whose fields never hold a tab or a newline (nothing to unquote).

    Plain splitting, not the csv module, whose 128 KiB field limit a long line of text exceeds.
    """
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line.split("\t") if line else [] for line in lines]


def read_index(root: str | Path) -> list[DocumentInfo]:
    """Read and validate ``index.tsv``: known columns, kinds and authorships, unique ids."""
    path = Path(root) / "index.tsv"
    if not path.is_file():
        raise ClassifierError(f"{path}: no document index (expected {', '.join(INDEX_COLUMNS)})")
    try:
        rows = _tsv_rows(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ClassifierError(f"{path}: not UTF-8 ({exc.reason})") from None
    if not rows or tuple(rows[0]) != INDEX_COLUMNS:
        raise ClassifierError(f"{path}:1: header must be {chr(9).join(INDEX_COLUMNS)!r}")
    infos: list[DocumentInfo] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if len(row) != len(INDEX_COLUMNS):
            raise ClassifierError(f"{path}:{number}: expected {len(INDEX_COLUMNS)} columns, got {len(row)}")
        info = DocumentInfo(*row)
        if info.id in seen:
            raise ClassifierError(f"{path}:{number}: duplicate document id {info.id!r} (first on line {seen[info.id]})")
        problem = info_problem(info)
        if problem:
            raise ClassifierError(f"{path}:{number}: {problem}")
        seen[info.id] = number
        infos.append(info)
    return infos


def info_problem(info: DocumentInfo) -> str | None:
    """What is wrong with an index row (None when nothing): checked on reading and on adding."""
    if not _DOC_ID.fullmatch(info.id):
        return f"bad document id {info.id!r}: it names a file, so letters, digits, '.', '_' and '-' only"
    if info.kind not in KINDS:
        return f"kind must be one of {KINDS}, not {info.kind!r}"
    if info.authorship not in AUTHORSHIPS:
        return f"authorship must be one of {AUTHORSHIPS}, not {info.authorship!r}"
    if not info.site:
        return f"empty site for {info.id!r}"
    return None


def read_blocks(path: str | Path) -> tuple[list[Block], list[Label]]:
    """Read and validate one block file; errors name the file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ClassifierError(f"{path}: block file missing") from None
    except UnicodeDecodeError as exc:
        raise ClassifierError(f"{path}: not UTF-8 ({exc.reason})") from None
    rows = _tsv_rows(text)
    if not rows or tuple(rows[0]) != BLOCK_COLUMNS:
        raise ClassifierError(f"{path}:1: header must be {chr(9).join(BLOCK_COLUMNS)!r}")
    blocks: list[Block] = []
    labels: list[Label] = []
    for number, row in enumerate(rows[1:], start=2):
        where = f"{path}:{number}"
        if len(row) != len(BLOCK_COLUMNS):
            raise ClassifierError(f"{where}: expected {len(BLOCK_COLUMNS)} tab-separated columns, got {len(row)}")
        n, label, block_text, dom_path, attrs, links, line = row
        if n != str(len(blocks)):
            raise ClassifierError(f"{where}: block number {n!r} out of order (expected {len(blocks)})")
        if label not in LABEL_NAMES:
            raise ClassifierError(f"{where}: unknown label {label!r} (valid: {', '.join(LABEL_NAMES)})")
        if not block_text.strip():
            raise ClassifierError(f"{where}: empty block text")
        if block_text != normalize_space(block_text):
            raise ClassifierError(f"{where}: block text is not whitespace-normalised")
        try:
            density = float(links) if links else 0.0
            line_number = int(line) if line else 0
        except ValueError:
            raise ClassifierError(f"{where}: bad number in links {links!r} or line {line!r}") from None
        if not 0.0 <= density <= 1.0:
            raise ClassifierError(f"{where}: link density {density} outside 0..1")
        blocks.append(Block(text=block_text, path=dom_path, attrs=attrs, link_density=density, line=line_number))
        labels.append(Label(label))
    if not blocks:
        raise ClassifierError(f"{path}: no blocks")
    return blocks, labels


def format_blocks(blocks: list[Block], labels: list[Label | str]) -> str:
    """The block file text for a document (inverse of :func:`read_blocks`)."""
    lines = ["\t".join(BLOCK_COLUMNS)]
    for n, (block, label) in enumerate(zip(blocks, labels)):
        density = f"{block.link_density:.3f}".rstrip("0").rstrip(".") if block.link_density else "0"
        lines.append("\t".join([str(n), str(label), block.text, block.path, block.attrs, density, str(block.line)]))
    return "\n".join(lines) + "\n"


def format_index(infos: list[DocumentInfo]) -> str:
    rows = ["\t".join(INDEX_COLUMNS)] + ["\t".join(info.as_row()) for info in infos]
    return "\n".join(rows) + "\n"


def load_corpus(root: str | Path = "labels") -> Corpus:
    """Load every document of the index with its labeled blocks.

    Every row of the index must have a block file and every block file a row.
    """
    root = Path(root)
    infos = read_index(root)
    corpus = Corpus(root=root)
    for info in infos:
        blocks, labels = read_blocks(doc_path(root, info.id))
        corpus.documents.append(LabeledDocument(info=info, blocks=blocks, labels=labels))
    indexed = {info.id for info in infos}
    strays = sorted(p.stem for p in (root / "docs").glob("*.tsv") if p.stem not in indexed)
    if strays:
        raise ClassifierError(f"{root / 'docs'}: block files with no index row: {', '.join(strays)}")
    return corpus


def statistics(corpus: Corpus) -> dict:
    """Documents, blocks and per-label counts, split by origin and by real|written."""
    stats: dict = {"documents": len(corpus), "blocks": 0, "by_group": {}, "labels": Counter(), "label_documents": Counter()}
    for doc in corpus.documents:
        origin = doc.info.origin.split("/")[0]
        for key in (f"origin:{origin}", f"authorship:{doc.info.authorship}", f"kind:{doc.kind}"):
            group = stats["by_group"].setdefault(key, {"documents": 0, "blocks": 0, "labels": Counter()})
            group["documents"] += 1
            group["blocks"] += len(doc.blocks)
            group["labels"].update(label.value for label in doc.labels)
        stats["blocks"] += len(doc.blocks)
        stats["labels"].update(label.value for label in doc.labels)
        stats["label_documents"].update({label.value for label in doc.labels})
    return stats
