"""Reading (gzip, size limit, errors), decoding (BOMs, declared charsets, cp1252, mixed) and atomic writes."""

from __future__ import annotations

import codecs
import gzip
import os
import stat
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import classifier.io as cio
from classifier.document import ClassifierError
from classifier.io import decode, maybe_gunzip, read_bytes, sniff_kind, write_atomic

FRENCH = "Le café est très bon, à côté du théâtre où l'on joue « Phèdre » cet été."
SMART = "He said \u201cyes\u201d \u2014 then left\u2026 It cost \u20ac5 and that\u2019s all."


# --------------------------------------------------------------------------- read_bytes


def test_read_plain_file(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"hello\n")
    assert read_bytes(path) == b"hello\n"


def test_read_gzip_by_suffix_and_by_magic(tmp_path: Path):
    payload = "Caf\u00e9 news\n".encode()
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(payload))
    (tmp_path / "no-suffix").write_bytes(gzip.compress(payload))
    assert read_bytes(tmp_path / "a.txt.gz") == payload
    assert read_bytes(tmp_path / "no-suffix") == payload


def test_truncated_gzip_is_a_clear_error(tmp_path: Path):
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(b"some text " * 200)[:40])
    with pytest.raises(ClassifierError, match="truncated gzip"):
        read_bytes(path)


def test_corrupt_gzip_is_a_clear_error():
    data = bytearray(gzip.compress(b"some text " * 200))
    data[-8] ^= 0xFF  # break the CRC
    with pytest.raises(ClassifierError, match="bad gzip data"):
        maybe_gunzip(bytes(data))


def test_file_over_the_limit_is_refused(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(ClassifierError, match="too large"):
        read_bytes(path, max_bytes=4096)
    assert read_bytes(path, max_bytes=5000) == b"x" * 5000


def test_sparse_200_mb_file_is_refused_without_reading_it(tmp_path: Path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(200 * 2**20)
    opened = []
    monkeypatch.setattr(cio, "open", lambda *a, **k: opened.append(a) or open(*a, **k), raising=False)
    start = time.perf_counter()
    with pytest.raises(ClassifierError, match=r"too large \(200\.0 MB > 64 MB limit\)"):
        read_bytes(path)
    assert time.perf_counter() - start < 0.5
    assert opened == []


def test_gzip_bomb_is_refused_after_decompressing_only_up_to_the_limit(tmp_path: Path):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * (3 * 2**20)))
    assert path.stat().st_size < 2**16
    with pytest.raises(ClassifierError, match="decompressed file too large"):
        read_bytes(path, max_bytes=2**20)


def test_missing_file_and_directory(tmp_path: Path):
    with pytest.raises(ClassifierError, match="file not found"):
        read_bytes(tmp_path / "gone.txt")
    with pytest.raises(ClassifierError, match="is a directory"):
        read_bytes(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a Unix thing")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    start = time.perf_counter()
    with pytest.raises(ClassifierError, match="not a regular file"):
        read_bytes(fifo)
    assert time.perf_counter() - start < 1


def test_unreadable_file(tmp_path: Path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("text")
    path.chmod(0)
    if os.geteuid() != 0:  # root reads anything: simulate the refusal instead
        with pytest.raises(ClassifierError, match="permission denied"):
            read_bytes(path)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cio, "open", refuse, raising=False)
    with pytest.raises(ClassifierError, match="permission denied"):
        read_bytes(path)


# --------------------------------------------------------------------------- decode


@pytest.mark.parametrize(
    "data, text, encoding",
    [
        (codecs.BOM_UTF8 + FRENCH.encode(), FRENCH, "utf-8-sig"),
        (codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le"), FRENCH, "utf-16-le"),
        (codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"), FRENCH, "utf-16-be"),
        (FRENCH.encode("utf-16"), FRENCH, None),  # Python's own BOM-prefixed UTF-16
        (codecs.BOM_UTF32_LE + FRENCH.encode("utf-32-le"), FRENCH, "utf-32-le"),
        (FRENCH.encode(), FRENCH, "utf-8"),
        (b"plain ascii", "plain ascii", "utf-8"),
    ],
)
def test_bom_and_utf8(data: bytes, text: str, encoding: str | None):
    decoded, used = decode(data)
    assert decoded == text
    if encoding:
        assert used == encoding


@pytest.mark.parametrize("text", ["caf\u00e9", FRENCH, SMART, "Gr\u00f6\u00dfe \u00dcbung sch\u00f6n"])
def test_cp1252_without_declaration(text: str):
    assert decode(text.encode("cp1252")) == (text, "cp1252")


@pytest.mark.parametrize("text", ["na\u00efve r\u00e9sum\u00e9", FRENCH])
def test_latin1_is_read_as_its_superset_cp1252(text: str):
    assert decode(text.encode("latin-1"))[0] == text


@pytest.mark.parametrize(
    "charset, codec, text",
    [
        ("iso-8859-1", "latin-1", FRENCH),
        ("windows-1252", "cp1252", SMART),
        ("windows-1251", "cp1251", "\u0420\u043e\u0441\u0441\u0438\u0439\u0441\u043a\u0438\u0435 \u0432\u043e\u0439\u0441\u043a\u0430"),
        ("ISO-8859-7", "iso8859-7", "\u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1 \u03ba\u03cc\u03c3\u03bc\u03b5"),
        ("shift_jis", "shift_jis", "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8"),
    ],
)
def test_declared_charset_in_html(charset: str, codec: str, text: str):
    for meta in (f'<meta charset="{charset}">', f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'):
        page = f"<html><head>{meta}</head><body><p>{text}</p></body></html>"
        decoded, _ = decode(page.encode(codec))
        assert text in decoded


def test_xml_declaration_charset():
    page = f'<?xml version="1.0" encoding="ISO-8859-1"?><html><body><p>{FRENCH}</p></body></html>'
    assert FRENCH in decode(page.encode("latin-1"))[0]


def test_a_page_that_lies_about_its_charset_is_read_by_its_bytes():
    # Scrapers often save pages as UTF-8 but keep the original <meta charset>.
    page = f'<html><head><meta charset="iso-8859-1"></head><body><p>{FRENCH}</p></body></html>'
    decoded, encoding = decode(page.encode("utf-8"))
    assert FRENCH in decoded
    assert encoding == "utf-8"


@pytest.mark.parametrize("charset", ["x-no-such-codec", "undefined", "utf-16", "utf-32be", "base64", "rot13", "idna"])
def test_a_declared_charset_that_cannot_apply_is_ignored(charset: str):
    page = f'<html><head><meta charset="{charset}"></head><body><p>{FRENCH}</p></body></html>'
    for codec in ("cp1252", "utf-8"):
        assert FRENCH in decode(page.encode(codec))[0]


@pytest.mark.parametrize(
    "parts",
    [
        [("Caf\u00e9 na\u00efve \u2014 ", "utf-8"), ("r\u00e9sum\u00e9 \u00e9t\u00e9", "cp1252")],
        [(SMART, "cp1252"), (" and then \u00e9l\u00e8ve \u2019quoted\u2019", "utf-8")],
        [("Stra\u00dfe \u00fcber Br\u00fccke. ", "utf-8"), ("\u201cZitat\u201d", "cp1252"), (" \u2014 Ende", "utf-8")],
    ],
)
def test_mixed_utf8_and_cp1252_is_repaired(parts):
    data = b"".join(text.encode(codec) for text, codec in parts)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    decoded, encoding = decode(data)
    assert decoded == "".join(text for text, _ in parts)
    assert encoding == "utf-8+cp1252"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"  \n\t\r\n ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary data"),
        (bytes(range(1, 32)) * 50 + b"text", "binary data"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfd bad", "bad utf-8 data after"),
    ],
)
def test_refused_inputs_say_why(data: bytes, reason: str):
    with pytest.raises(ClassifierError, match=reason):
        decode(data)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(codec: str):
    text = "Ukraine Receives Defensive Military Aid from U.K.\nBritain has sent weapons, officials said.\n"
    assert decode(text.encode(codec)) == (text, codec)
    # NULs scattered, not every other byte on one side: binary data
    with pytest.raises(ClassifierError, match="binary data"):
        decode(b"".join(bytes([65 + i % 26, 0, 0, 66]) for i in range(100)))


def test_undecodable_bytes_are_a_clear_error():
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(4000))
    with pytest.raises(ClassifierError, match="undecodable|binary"):
        decode(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_decode_raises_nothing_but_classifier_error(data: bytes):
    try:
        text, encoding = decode(data)
    except ClassifierError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(text, str) and text.strip()
        assert codecs.lookup(encoding.split("+")[0])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=400).filter(str.strip))
def test_any_utf8_text_round_trips(text: str):
    assert decode(text.encode("utf-8")) == (text, "utf-8")


# --------------------------------------------------------------------------- sniff_kind


@pytest.mark.parametrize(
    "path, text, kind",
    [
        ("a.html", "no tags", "html"),
        ("a.HTM", "no tags", "html"),
        ("a.html.gz", "no tags", "html"),
        ("a.txt", "plain text", "text"),
        ("a.txt", "<!DOCTYPE html><p>x", "html"),
        ("a.txt.gz", "\n  <html><body>x", "html"),
        ("a.txt", "To start a page, write <html>, then <body>.", "text"),
        ("a.dat", "To start a page, write <html>, then <body>.", "html"),
        (None, "  <html><body>x", "html"),
        (None, "A line mentioning <body> later" + " " * 5000 + "<html>", "html"),
        (None, "Plain text with a < sign", "text"),
    ],
)
def test_sniff_kind(path, text, kind):
    assert sniff_kind(path, text) == kind


# --------------------------------------------------------------------------- write_atomic


def test_write_atomic_writes_and_replaces(tmp_path: Path):
    target = tmp_path / "sub" / "out.txt"
    write_atomic(target, "caf\u00e9\n")
    assert target.read_bytes() == "caf\u00e9\n".encode()
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.txt"]


def test_write_atomic_gives_ordinary_permissions(tmp_path: Path):
    target = tmp_path / "out.txt"
    write_atomic(target, "x")
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    assert stat.S_IMODE(target.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode)


@pytest.mark.parametrize("where", ["write", "replace"])
def test_a_failed_write_leaves_no_output_and_no_part_file(tmp_path: Path, monkeypatch, where: str):
    target = tmp_path / "out.txt"
    write_atomic(target, "old")

    class Boom(Exception):
        pass

    def boom(*args, **kwargs):
        raise Boom()

    if where == "replace":
        monkeypatch.setattr(cio.os, "replace", boom)
    else:
        monkeypatch.setattr(cio.os, "fdopen", lambda fd, mode: _FailingFile(fd, Boom))
    payload = "new"
    with pytest.raises(Boom):
        write_atomic(target, payload)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
    with pytest.raises(Boom):
        write_atomic(tmp_path / "new.txt", payload)
    assert not (tmp_path / "new.txt").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


class _FailingFile:
    """A file object whose write fails half way, closing its descriptor like a real one."""

    def __init__(self, fd: int, error: type[Exception]):
        self.fd, self.error = fd, error

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        os.close(self.fd)

    def write(self, data):
        os.write(self.fd, data[:1])
        raise self.error()
