"""Bytes in, text out: reading files safely (gzip, size limits) and decoding any common encoding.

Decoding order: BOM, then strict UTF-8 (bytes that are valid UTF-8 are UTF-8, whatever a page
declares: scrapers often save pages as UTF-8 and keep the original ``<meta charset>``), then the
charset a page declares, then UTF-8 mixed with stray Windows-1252 bytes, then detection (which
prefers Windows-1252, as browsers do for undeclared Western pages).  Inputs that are binary,
empty or undecodable raise :class:`ClassifierError` with the reason.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import re
import stat
import tempfile
import zlib
from pathlib import Path

from charset_normalizer import from_bytes

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
_WIDE_CODECS = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]
#: How much of an undeclared legacy file the encoding detection looks at.
_DETECT_SAMPLE = 262144


def read_bytes(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file (decompressing ``.gz`` or gzip magic) with a size cap, never modifying it.

    Only regular files are read: opening a named pipe would block until the time limit.
    """
    name = os.fspath(path)
    try:
        status = os.stat(name)
        if stat.S_ISDIR(status.st_mode):
            raise ClassifierError("is a directory")
        if not stat.S_ISREG(status.st_mode):
            raise ClassifierError("not a regular file (a pipe, socket or device)")
        size = status.st_size
        if size > max_bytes:
            raise ClassifierError(_too_large(size, max_bytes))
        with open(name, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise ClassifierError("file not found (it may have been removed during the run)") from None
    except PermissionError:
        raise ClassifierError("permission denied") from None
    except OSError as exc:
        raise ClassifierError(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ClassifierError(_too_large(size, max_bytes))
    return maybe_gunzip(data, max_bytes=max_bytes)


def check_size(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Refuse data over the limit: for standard input, whose size is only known once read."""
    if len(data) > max_bytes:  # read up to the limit and one byte
        raise ClassifierError(f"input too large (over the {_mb(max_bytes)} MB limit)")
    return data


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
    if len(out) > max_bytes:  # read up to the limit and one byte: the whole size is unknown
        raise ClassifierError(f"decompressed file too large (over the {_mb(max_bytes)} MB limit)")
    return out


def _too_large(size: int, limit: int) -> str:
    return f"file too large ({size / 2**20:.1f} MB > {_mb(limit)} MB limit)"


def _mb(size: int) -> str:
    """A size in MB as a person would write it: "64", "0.003"."""
    return f"{size / 2**20:.3f}".rstrip("0").rstrip(".")


def decode(data: bytes, *, html: bool | None = None) -> tuple[str, str]:
    """Decode bytes to text; return ``(text, encoding)``.

    >>> decode("caf\\u00e9".encode("cp1252"))
    ('café', 'cp1252')
    >>> decode(b"\\xef\\xbb\\xbfhello")
    ('hello', 'utf-8-sig')
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data[len(bom):].decode(codec)), codec + ("-sig" if codec == "utf-8" else "")
            except UnicodeDecodeError:
                raise ClassifierError(f"bad {codec} data after a {codec} byte-order mark") from None
    if b"\x00" in data[:8192]:
        wide = _bomless_utf16(data)
        if wide:
            return wide
        raise ClassifierError("binary data (NUL bytes), not text or HTML")
    try:
        return _check_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data) if html is not False else None
    if declared:
        try:
            return _check_text(data.decode(declared)), declared
        except (LookupError, UnicodeError):
            pass  # a page that lies about its charset: fall through to the byte evidence
    if _mostly_utf8(data):
        return _check_text(data.decode("utf-8", errors=_CP1252_FOR_STRAY_BYTES)), "utf-8+cp1252"
    return _detect(data)


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a byte-order mark (Windows tools do): text in a Latin script has a
    NUL as every other byte, on the same side; binary data has them anywhere.

    >>> _bomless_utf16("Caf\u00e9 news".encode("utf-16-le"))
    ('Café news', 'utf-16-le')
    """
    sample = data[:8192]
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 4 or len(sample) % 2:
        return None
    for codec, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.05 * len(other):
            try:
                return _check_text(data.decode(codec)), codec
            except UnicodeDecodeError:
                return None
    return None


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few stray Windows-1252 bytes, as when files from two sources are pasted together.

    Plain Windows-1252 text seldom holds a valid multi-byte UTF-8 sequence, and legacy CJK
    encodings form them by chance at most about once per four stray bytes; so the data counts
    as mixed when such sequences are at least half as many as the stray bytes.
    """
    replaced = data.decode("utf-8", "replace")  # one U+FFFD per stray byte (or cut sequence)
    stray = replaced.count("\ufffd") - data.count("\ufffd".encode())
    sequences = len(replaced) - len(replaced.encode("ascii", "ignore")) - stray
    return sequences > 0 and 2 * sequences >= stray


def _read_stray_bytes_as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: the bytes that are not UTF-8 are read as Windows-1252."""
    return exc.object[exc.start:exc.end].decode("cp1252", "replace"), exc.end


_CP1252_FOR_STRAY_BYTES = "classifier.cp1252-for-stray-bytes"
codecs.register_error(_CP1252_FOR_STRAY_BYTES, _read_stray_bytes_as_cp1252)


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
    if name.startswith(("utf-16", "utf-32")):
        return None  # a page without a byte-order mark is not UTF-16 (browsers ignore this too)
    # Pages declaring latin-1 or ascii are nearly always cp1252 in practice (as browsers treat them).
    return "cp1252" if name in {"iso8859-1", "ascii", "latin-1"} else name


def _detect(data: bytes) -> tuple[str, str]:
    """Undeclared legacy bytes: Windows-1252 when it reads as clean text, else the best guess.

    Detection alone is unreliable on short Western text (it reads "café" as UTF-16 and French
    as cp775), so Windows-1252, the browsers' default, goes first; a Cyrillic or Greek text
    read as Windows-1252 is full of accented letter salad, which the mess check rejects.
    """
    sample = data[:_DETECT_SAMPLE]
    if from_bytes(sample, cp_isolation=["cp1252"]).best() is not None:
        try:
            return _check_text(data.decode("cp1252")), "cp1252"
        except UnicodeDecodeError:
            pass
    # Without a byte-order mark or NUL bytes the data cannot be UTF-16 or UTF-32.
    best = from_bytes(sample, cp_exclusion=_WIDE_CODECS).best()
    for encoding in ([best.encoding] if best is not None else []) + ["cp1252"]:
        try:
            return _check_text(data.decode(encoding)), encoding
        except (LookupError, UnicodeError):
            pass
    raise ClassifierError("undecodable bytes: not UTF-8 and no known encoding fits")


def _check_text(text: str) -> str:
    """Refuse decoded text that is blank, or mostly control characters: binary that happened to decode."""
    if not text.strip():
        raise ClassifierError("empty file")
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > 0.01 * len(sample) + 2:
        raise ClassifierError("binary data (control characters), not text or HTML")
    return text


def sniff_kind(path: str | None, text: str) -> InputKind:
    """HTML by extension (``.html``, ``.htm``, also under ``.gz``) or by its first kilobytes.

    A ``.txt`` file is HTML only if it starts with markup (a page saved under the wrong name): a
    text that mentions ``<html>`` or ``<body>`` (a tutorial, a forum post) stays text.
    """
    head = text[:4096]
    if path:
        name = path[:-3] if path.endswith(".gz") else path
        suffix = Path(name).suffix.lower()
        if suffix in HTML_SUFFIXES:
            return "html"
        if suffix == ".txt" and not head.lstrip().startswith("<"):
            return "text"
    return "html" if _HTML_SNIFF.search(head) else "text"


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: The process's file-creation mask, read once (reading it means briefly changing it).
_UMASK = _current_umask()


def write_atomic(path: str | os.PathLike, data: str | bytes) -> None:
    """Write to a temporary file in the target folder, then rename: no half-written output.

    The output gets the permissions a plain ``open()`` would give it, not mkstemp's owner-only ones.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
