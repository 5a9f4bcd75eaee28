"""Fuzzing the readers: hostile inputs for every format, mixed with good ones, through
``riwaya.ingest.read``. Whatever the bytes and names, nothing escapes: every item is a ``Document``
or an ``InputError`` (one line, encodable), and every good input of the batch still comes out.

The CI profile keeps this under a minute; ``make fuzz`` runs the ``fuzz`` profile (many more
examples) and, when atheris is installed, ``tests/fuzz_atheris.py`` on the parsers."""
from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import tarfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riwaya.errors import InputError


def _fuzz_bytes(err: UnicodeEncodeError):
    """Encode any lone surrogate: U+DC80..U+DCFF as the byte it stands for (surrogateescape), any
    other as its three UTF-8-style bytes (surrogatepass): hostile bytes either way."""
    out = b""
    for ch in err.object[err.start:err.end]:
        c = ord(ch)
        out += bytes([c - 0xDC00]) if 0xDC80 <= c <= 0xDCFF else ch.encode("utf-8", "surrogatepass")
    return out, err.end


codecs.register_error("fuzzbytes", _fuzz_bytes)
from riwaya.ingest import read
from riwaya.model import Document

settings.register_profile("ci", max_examples=50, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

GOOD = ("أعلنت هيئة الأرصاد في مدينة السهل أمس عن موجة حر تستمر ثلاثة أيام.\n\n"
        "وقالت الهيئة إن درجات الحرارة ستتجاوز الأربعين درجة في المناطق الداخلية.")

_ODD = "\x00\x01\x1b\x7f\x85\u200b\u200f\u202e\u2066\u2069\u2028\ufeff\ufffd\ud800\udcff¹②❹١٢"
texts = st.text(alphabet=st.characters(codec=None) | st.sampled_from(_ODD), max_size=300)
words = st.text(alphabet=st.sampled_from("كتب الرئيس في مدينة 14 مارس 2018 News très ²①"), max_size=200)


def _enc(text: str, codec: str) -> bytes:
    return text.encode(codec, "fuzzbytes" if codec == "utf-8" else "replace")


encoded = st.builds(_enc, texts | words, st.sampled_from(["utf-8", "cp1256", "latin-1", "utf-16", "cp1250", "koi8-r"]))
raw = st.binary(max_size=600) | encoded


def _cut(data: bytes, at: float) -> bytes:
    return data[: int(len(data) * at)]


cut = st.floats(0, 1)


def _trec(fields: list[tuple[str, str]], close: list[bool]) -> bytes:
    body = "".join(f"<{k}>{v}" + (f"</{k}>" if c else "") for (k, v), c in zip(fields, close + [True] * 9))
    return f"<DOC>\n{body}\n</DOC>\n".encode("utf-8", "fuzzbytes")


trec = st.builds(_trec, st.lists(st.tuples(st.sampled_from(["DOCNO", "TITLE", "TEXT", "TIME", "SRC", "URL"]),
                                           texts | words), max_size=6),
                 st.lists(st.booleans(), max_size=6))
trec = st.builds(_cut, trec, cut) | trec


def _html(tags: list[str], text: str, depth: int) -> bytes:
    open_ = "".join(f"<{t}>" for t in tags) * depth
    return f"<html><body>{open_}{text}<p>{GOOD}</p></body></html>".encode("utf-8", "fuzzbytes")


html = st.builds(_html, st.lists(st.sampled_from(["div", "font", "p", "a", "table", "b", "script", "!--"]),
                                 max_size=4), texts | words, st.integers(0, 3000))
html = st.builds(_cut, html, cut) | html

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | texts,
                           lambda c: st.lists(c, max_size=3) | st.dictionaries(texts, c, max_size=3), max_leaves=10)


def _jsonl(values: list, deep: int) -> bytes:
    lines = [json.dumps(v) for v in values] + ["[" * deep, json.dumps({"text": GOOD})]
    return "\n".join(lines).encode("utf-8", "fuzzbytes")


jsonl = st.builds(_jsonl, st.lists(json_values | st.dictionaries(st.sampled_from(["text", "title", "date", "id", "html"]),
                                                                  json_values, max_size=4), max_size=5),
                  st.sampled_from([0, 10, 100_000]))
jsonl = st.builds(_cut, jsonl, cut) | jsonl


def _feed(title: str, items: list[str], atom: bool) -> bytes:
    if atom:
        entries = "".join(f"<entry><title>{t}</title><content type='html'>{t}</content></entry>" for t in items)
        doc = f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>{title}</title>{entries}</feed>"
    else:
        entries = "".join(f"<item><title>{t}</title><description>{t}</description></item>" for t in items)
        doc = f"<?xml version='1.0'?><rss><channel><title>{title}</title>{entries}</channel></rss>"
    return doc.encode("utf-8", "fuzzbytes")


feed = st.builds(_feed, texts, st.lists(texts | words, max_size=4), st.booleans())
feed = st.builds(_cut, feed, cut) | feed


def _warc(pages: list[bytes], gz: bool) -> bytes:
    out = []
    for i, page in enumerate(pages):
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
        rec = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.test/{i}\r\n"
               f"WARC-Record-ID: <urn:uuid:{i:032x}>\r\nContent-Length: {len(http)}\r\n\r\n").encode() + http + b"\r\n\r\n"
        out.append(gzip.compress(rec) if gz else rec)
    return b"".join(out)


warc = st.builds(lambda p, gz, c: (_cut(_warc(p, gz), c), gz), st.lists(html | raw, max_size=3), st.booleans(), cut)

names = st.text(st.characters(blacklist_characters="/\x00", codec=None) | st.sampled_from("\n\r\u202e\udcff"),
                min_size=1, max_size=40).filter(lambda s: s not in (".", ".."))
member_blobs = st.tuples(names, raw | trec | html | jsonl)


def _archive(kind: str, members: list[tuple[str, bytes]], at: float) -> bytes:
    buf = io.BytesIO()
    if kind == "zip":
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for i, (name, data) in enumerate(members):
                safe = name.encode("utf-8", "fuzzbytes").decode("utf-8", "replace")
                zf.writestr(zipfile.ZipInfo(f"{i}-{safe}"), data)
    else:
        with tarfile.open(fileobj=buf, mode="w:gz" if kind == "tgz" else "w", encoding="utf-8",
                          errors="fuzzbytes", format=tarfile.PAX_FORMAT) as tf:
            for name, data in members:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tf.addfile(info, io.BytesIO(data))
    data = buf.getvalue()
    return data if at > 0.7 else _cut(data, at / 0.7)


archive = st.builds(lambda k, m, a: (k, _archive(k, m, a)), st.sampled_from(["zip", "tar", "tgz"]),
                    st.lists(member_blobs, max_size=4), cut)

SUFFIX = {"raw": ".txt", "trec": ".xml", "html": ".html", "jsonl": ".jsonl", "feed": ".rss"}
hostile = st.one_of(
    *(st.tuples(st.just(SUFFIX[k]), s) for k, s in
      (("raw", raw), ("trec", trec), ("html", html), ("jsonl", jsonl), ("feed", feed))),
    st.tuples(st.just(".txt.gz"), st.builds(lambda b, c: _cut(gzip.compress(b), c), raw | trec, cut)),
    warc.map(lambda w: (".warc.gz" if w[1] else ".warc", w[0])),
    archive.map(lambda a: ({"zip": ".zip", "tar": ".tar", "tgz": ".tar.gz"}[a[0]], a[1])),
)


def _check(items: list, marks: list[str]) -> None:
    for item in items:
        assert isinstance(item, (Document, InputError)), type(item)
        if isinstance(item, InputError):
            line = item.line()
            line.encode("utf-8")
            assert "\n" not in line and "\r" not in line and item.__traceback__ is None
        else:
            item.source.path.encode("utf-8")
            if item.source.member:
                item.source.member.encode("utf-8")
    bodies = [i.body for i in items if isinstance(i, Document)]
    for mark in marks:
        assert any(mark in b for b in bodies), f"good input {mark} lost"


def write_batch(d, bad, n_good: int, tag: str = "") -> list[str]:
    """``n_good`` good articles and the hostile files ``bad`` (name, (suffix, bytes)) in folder ``d``;
    returns the good articles' marks."""
    marks = []
    for i in range(n_good):
        mark = f"[{tag}good {i}]"
        (d / f"{tag}good-{i}.txt").write_text(f"{GOOD} {mark}", encoding="utf-8")
        marks.append(mark)
    for i, (name, (suffix, data)) in enumerate(bad):
        path = os.path.join(os.fsencode(d), f"{tag}h{i}-".encode() + name.encode("utf-8", "fuzzbytes")[:80]
                            + suffix.encode())
        with open(path, "wb") as fh:
            fh.write(data)
    return marks


@given(st.lists(st.tuples(names, hostile), min_size=1, max_size=4), st.integers(1, 3))
def test_hostile_batch_never_raises_and_keeps_the_good_inputs(tmp_path_factory, bad, n_good):
    d = tmp_path_factory.mktemp("batch")
    marks = write_batch(d, bad, n_good)
    _check(list(read([str(d)])), marks)


@given(hostile)
def test_each_reader_alone_never_raises(tmp_path_factory, item):
    suffix, data = item
    d = tmp_path_factory.mktemp("one")
    (d / f"x{suffix}").write_bytes(data)
    _check(list(read([str(d / f"x{suffix}")])), [])


@given(st.lists(st.tuples(names, raw | trec | html | jsonl), min_size=1, max_size=5))
def test_archive_of_hostile_members_keeps_a_good_member(tmp_path_factory, members):
    d = tmp_path_factory.mktemp("arc")
    members = [*members, ("good.txt", f"{GOOD} [good member]".encode())]
    for kind in ("zip", "tar", "tgz"):
        path = Path(d) / f"a.{kind}"
        path.write_bytes(_archive(kind, members, 1.0))
        _check(list(read([str(path)])), ["[good member]"])
