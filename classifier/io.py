"""Bytes in, text out: reading files safely (gzip, size limits) and decoding any common encoding.

Decoding order: BOM, then the charset a page declares, then strict UTF-8, then UTF-8 mixed with
Windows-1252 (repaired with bs4's ``UnicodeDammit.detwingle``), then detection.  Inputs that are
binary, empty or undecodable raise :class:`ClassifierError` with the reason.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import re
import tempfile
import zlib
from pathlib import Path

from .document import ClassifierError, InputKind

#: Inputs larger than this (after decompression) are refused rather than read into memory.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_bytes(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file (decompressing ``.gz`` or gzip magic) with a size cap, never modifying it."""
    name = os.fspath(path)
    try:
        size = os.stat(name).st_size
        if size > max_bytes and not name.endswith(".gz"):
            raise ClassifierError(_too_large(size, max_bytes))
        with open(name, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise ClassifierError("file not found (it may have been removed during the run)") from None
    except IsADirectoryError:
        raise ClassifierError("is a directory") from None
    except PermissionError:
        raise ClassifierError("permission denied") from None
    except OSError as exc:
        raise ClassifierError(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ClassifierError(_too_large(size, max_bytes))
    return maybe_gunzip(data, max_bytes=max_bytes)


def maybe_gunzip(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Decompress gzip data (detected by its magic bytes) without ever exceeding ``max_bytes``."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(max_bytes + 1)
    except (EOFError, OSError, zlib.error) as exc:
        reason = "truncated gzip data" if isinstance(exc, EOFError) else f"bad gzip data ({exc})"
        raise ClassifierError(reason) from None
    if len(out) > max_bytes:
        raise ClassifierError(_too_large(len(out), max_bytes, "decompressed "))
    return out


def _too_large(size: int, limit: int, what: str = "") -> str:
    return f"{what}file too large ({size / 2**20:.1f} MB > {limit / 2**20:.0f} MB limit)"


def decode(data: bytes, *, html: bool | None = None) -> tuple[str, str]:
    """Decode bytes to text; return ``(text, encoding)``.

    >>> decode("caf\\u00e9".encode("cp1252"))
    ('café', 'cp1252')
    >>> decode(b"\\xef\\xbb\\xbfhello")
    ('hello', 'utf-8-sig')
    """
    if not data.strip():
        raise ClassifierError("empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), codec + ("-sig" if codec == "utf-8" else "")
            except UnicodeDecodeError:
                raise ClassifierError(f"bad {codec} data after a {codec} byte-order mark") from None
    if b"\x00" in data[:8192]:
        raise ClassifierError("binary data (NUL bytes), not text or HTML")
    declared = _declared_charset(data) if html is not False else None
    if declared:
        try:
            return _check_text(data.decode(declared)), declared
        except (LookupError, UnicodeDecodeError):
            pass  # a page that lies about its charset: fall through to the byte evidence
    try:
        return _check_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        from bs4 import UnicodeDammit

        repaired = UnicodeDammit.detwingle(data)
        if repaired != data:
            return _check_text(repaired.decode("utf-8")), "utf-8+cp1252"
    except UnicodeDecodeError:
        pass
    return _detect(data)


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    match = _DECLARED_CHARSET.search(head) or _XML_DECL.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    # Pages declaring latin-1 or ascii are nearly always cp1252 in practice (as browsers treat them).
    return "cp1252" if name in {"iso8859-1", "ascii", "latin-1"} else name


def _detect(data: bytes) -> tuple[str, str]:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:262144]).best()
        if best is not None:
            return _check_text(data.decode(best.encoding)), best.encoding
    except (ImportError, LookupError, UnicodeDecodeError):
        pass
    try:
        return _check_text(data.decode("cp1252")), "cp1252"
    except UnicodeDecodeError:
        raise ClassifierError("undecodable bytes: not UTF-8 and no known encoding fits") from None


def _check_text(text: str) -> str:
    """Refuse decoded text that is mostly control characters: binary that happened to decode."""
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > 0.01 * len(sample) + 2:
        raise ClassifierError("binary data (control characters), not text or HTML")
    return text


def sniff_kind(path: str | None, text: str) -> InputKind:
    """HTML by extension (``.html``, ``.htm``, also under ``.gz``) or by its first kilobytes."""
    if path:
        name = path[:-3] if path.endswith(".gz") else path
        if Path(name).suffix.lower() in HTML_SUFFIXES:
            return "html"
    return "html" if _HTML_SNIFF.search(text[:4096]) else "text"


def write_atomic(path: str | os.PathLike, data: str | bytes) -> None:
    """Write to a temporary file in the target folder, then rename: no half-written output."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
