"""Bad input: each bad file (or archive member) gets exactly one error line naming it and the
reason, the rest of the batch is ingested, and the exit status says some inputs failed."""
from __future__ import annotations

import gzip
import io
import json
import os
import tarfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riwaya.cli import main
from riwaya.errors import InputError
from riwaya.ingest import read
from riwaya.ingest.archive import Blob
from riwaya.ingest.formats import parse_blob
from riwaya.model import Document, Source

GOOD = ("أعلنت هيئة الأرصاد في مدينة السهل أمس عن موجة حر تستمر ثلاثة أيام.\n\n"
        "وقالت الهيئة إن درجات الحرارة ستتجاوز الأربعين درجة في المناطق الداخلية.")


def _tar(path: Path, members: dict[str, bytes], mode: str = "w:gz") -> Path:
    with tarfile.open(path, mode) as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return path


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name), data)  # ZipInfo keeps the name as given
    return path


def _bad_batch(d: Path) -> tuple[list[str], dict[str, str | tuple[str, ...]], int]:
    """A folder of good and bad inputs. Returns (paths to pass, {bad name: expected reason word},
    number of good articles)."""
    good = 0
    for i in range(3):
        (d / f"good{i}.txt").write_text(f"خبر رقم {i}\n\n{GOOD} ({i})\n", encoding="utf-8")
        good += 1
    bad: dict[str, str | tuple[str, ...]] = {}
    (d / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    bad["image.png"] = "binary"
    (d / "noise.bin").write_bytes(bytes((i * 37 + 11) % 256 for i in range(1, 5000) if (i * 37 + 11) % 256))
    bad["noise.bin"] = "binary"
    (d / "empty.txt").write_bytes(b"")
    bad["empty.txt"] = "empty"
    (d / "blank.txt").write_bytes(b"  \n\t\n")
    bad["blank.txt"] = "empty"
    (d / "big.txt").write_text(GOOD * 2000, encoding="utf-8")  # over the 0.2 MB limit used below
    bad["big.txt"] = "too large"
    (d / "unknown.xml").write_text('<?xml version="1.0"?><catalog><book>كتاب</book></catalog>', encoding="utf-8")
    bad["unknown.xml"] = "malformed"
    (d / "broken.rss").write_text('<?xml version="1.0"?><rss><channel><title>x</title><item><title>خبر',
                                  encoding="utf-8")
    bad["broken.rss"] = "malformed"
    (d / "unclosed-ant.txt").write_text("<DOC>\n<DOCNO>XX-1</DOCNO>\n<TITLE>عنوان</TITLE>\n<TEXT>\nنص", encoding="utf-8")
    bad["unclosed-ant.txt"] = "malformed"
    (d / "bodiless.html").write_text("<html><head><title>x</title></head><body><div><span></span></div>"
                                     "</body></html>", encoding="utf-8")
    bad["bodiless.html"] = ("empty:", "malformed:")
    (d / "no-markup.html").write_text("plain words in a file named .html " * 3, encoding="utf-8")
    bad["no-markup.html"] = ("empty:", "malformed:")
    (d / "damaged.txt").write_bytes(f"{GOOD}\n".encode("utf-8")[:40] + b"\xff\xfe\xfa" +
                                    f"{GOOD}\n".encode("utf-8")[40:])
    good += 1  # a few bad bytes in UTF-8: read, with U+FFFD in their place and a warning (issue 22)
    (d / "lines.jsonl").write_text(json.dumps({"text": GOOD}, ensure_ascii=False) + "\n{not json\n",
                                   encoding="utf-8")
    good += 1
    bad["lines.jsonl!line 2"] = "malformed"
    # a lone surrogate is valid JSON but not text: that line fails alone, the batch goes on
    (d / "surrogate.jsonl").write_text(json.dumps({"text": f"{GOOD} (jsonl)"}, ensure_ascii=False) + "\n"
                                       + json.dumps({"title": "\ud800", "text": GOOD}) + "\n", encoding="utf-8")
    good += 1
    bad["surrogate.jsonl!line 2"] = "lone surrogate"
    (d / "furniture.txt").write_text("جميع الحقوق محفوظة © 2022\n\nاقرأ أيضا\n\nتابعونا على تويتر\n", encoding="utf-8")
    bad["furniture.txt"] = "all text was page furniture"
    full = _tar(d / "full.tar.gz", {f"m{i}.txt": f"{GOOD} [{i}] {'x' * 3000}".encode("utf-8") for i in range(40)})
    blob = full.read_bytes()
    (d / "truncated.tar.gz").write_bytes(blob[: len(blob) // 2])
    full.unlink()
    bad["truncated.tar.gz"] = "truncated"
    good += 0  # members before the cut may or may not be read; counted separately below
    zblob = _zip(d / "z.zip", {"a.txt": GOOD.encode("utf-8")}).read_bytes()
    (d / "z.zip").unlink()
    (d / "truncated.zip").write_bytes(zblob[: len(zblob) - 30])
    bad["truncated.zip"] = "zip"
    (d / "truncated.txt.gz").write_bytes(gzip.compress((GOOD * 50).encode("utf-8"))[:200])
    bad["truncated.txt.gz"] = "gzip"
    _tar(d / "evil.tar.gz", {"/etc/evil.txt": GOOD.encode(), "../../up.txt": GOOD.encode(),
                              "ok/fine.txt": f"{GOOD} (tar)".encode("utf-8")})
    bad["evil.tar.gz!/etc/evil.txt"] = "unsafe"
    bad["evil.tar.gz!../../up.txt"] = "unsafe"
    good += 1
    _zip(d / "evil.zip", {"/abs.txt": GOOD.encode(), "a/../../b.txt": GOOD.encode(),
                          "ok.txt": f"{GOOD} (zip)".encode("utf-8")})
    bad["evil.zip!/abs.txt"] = "unsafe"
    bad["evil.zip!a/../../b.txt"] = "unsafe"
    good += 1
    with zipfile.ZipFile(d / "link.zip", "w") as zf:
        info = zipfile.ZipInfo("link.txt")
        info.external_attr = (0o120777 << 16)  # a symbolic link to /etc/passwd
        zf.writestr(info, "/etc/passwd")
    bad["link.zip!link.txt"] = "links inside archives are not followed"
    plain = _tar(d / "p.tar", {f"p{i}.txt": f"{GOOD} <{i}>".encode("utf-8") for i in range(4)}, "w")
    pblob = plain.read_bytes()
    plain.unlink()
    (d / "cut.tar").write_bytes(pblob[: 2 * 1024])  # cut exactly after two members: no end marker
    bad["cut.tar"] = "truncated"
    good += 2
    inner = _zip(d / "inner.zip", {"x.txt": GOOD.encode("utf-8")})
    _tar(d / "nested.tar.gz", {"inner.zip": inner.read_bytes(), "story.txt.gz":
                               gzip.compress(f"{GOOD} (gz member)".encode("utf-8"))})
    inner.unlink()
    bad["nested.tar.gz!inner.zip"] = "archive inside an archive"
    good += 1
    os.mkfifo(d / "pipe.txt")
    bad["pipe.txt"] = "not a regular file"
    missing = str(d.parent / "does-not-exist.txt")
    bad["does-not-exist.txt"] = "no such file"
    return [str(d), missing], bad, good


@pytest.mark.parametrize("command", ["ingest", "run"])
def test_each_bad_input_gets_one_line_and_the_rest_is_ingested(tmp_path, command):
    d = tmp_path / "in"
    d.mkdir()
    paths, bad, good = _bad_batch(d)
    args = [command, *paths, "--db", str(tmp_path / "r.db"), "--max-mb", "0.2", "--json"]
    if command == "run":
        args += ["--out", str(tmp_path / "out")]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 1, res.output
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("error: ")]
    for name, reason in bad.items():
        hits = [ln for ln in lines if f"/{name}:" in ln]
        assert len(hits) == 1, (name, lines)
        reasons = reason if isinstance(reason, tuple) else (reason,)
        assert any(r in hits[0].lower().split(f"/{name}:", 1)[1] for r in reasons), hits[0]
    assert len(lines) == len(bad), "\n".join(lines)
    report = json.loads(res.stdout)
    ingest = report["ingest"] if command == "run" else report
    assert ingest["failed"] == len(bad)
    # the good inputs are all there (plus whatever members preceded the cut in the truncated tar)
    assert good <= ingest["new"] <= good + 40
    assert ingest["new"] == ingest["documents"]  # no two inputs here share a text
    if command == "run":
        rows = (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(rows) == ingest["new"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text(GOOD, encoding="utf-8")
    p.chmod(0)
    items = list(read([str(p)]))
    assert len(items) == 1 and isinstance(items[0], InputError) and "permission denied" in items[0].line()


def test_hostile_text_does_not_crash(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "huge-line.txt").write_text("كلمة " * 400_000, encoding="utf-8")  # one 2 MB line
    (d / "rtl.txt").write_text("\u202eخبر معكوس\u202c\n\n\u2067" + GOOD + "\u2069\u200f\u200b\ufeff", encoding="utf-8")
    (d / "controls.txt").write_text(GOOD * 20 + "\x1b[31m\x07\x08", encoding="utf-8")
    (d / "combining.txt").write_text("ب" + "\u0651" * 5000 + "\n\n" + GOOD, encoding="utf-8")
    (d / "deep.html").write_text("<div>" * 5000 + f"<p>{GOOD}</p>" + "</div>" * 5000, encoding="utf-8")
    res = CliRunner().invoke(main, ["run", str(d), "--db", str(tmp_path / "r.db"), "--out", str(tmp_path / "out"),
                                    "--json"])
    assert res.exit_code in (0, 1), res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    report = json.loads(res.stdout)
    assert report["ingest"]["documents"] + report["ingest"]["failed"] == 5  # each input read or reported
    assert report["ingest"]["documents"] >= 4  # only the 5000-deep HTML may be refused


_NAMES = ["a.txt", "a.html", "a.xml", "a.rss", "a.jsonl", "a.warc", "a"]
_PREFIXES = [b"", b"<DOC>", b"<?xml version='1.0'?><rss><channel><item>", b"<html><body><p>", b'{"text": ',
             b"\xff\xfe", b"\xef\xbb\xbf", b"WARC/1.0\r\n"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(_NAMES), prefix=st.sampled_from(_PREFIXES),
       data=st.binary(max_size=600) | st.text(max_size=300).map(lambda s: s.encode("utf-8")))
def test_any_bytes_become_documents_or_input_errors(name, prefix, data):
    """Whatever the bytes, the readers yield Documents or InputErrors naming the input and raise
    nothing else (read() has a safety net for library errors; this checks it is not needed)."""
    blob = Blob(Source("fuzz/" + name), prefix + data, name)
    try:
        items = list(parse_blob(blob))
    except InputError as err:
        items = [err]
    for it in items:
        assert isinstance(it, (Document, InputError))
        if isinstance(it, InputError):
            assert it.path == "fuzz/" + name and it.reason


def test_max_mb_must_be_a_positive_number(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    for value in ("nan", "inf", "-1", "0"):
        r = CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "r.db"),
                                      "--max-mb", value])
        assert r.exit_code == 2 and "--max-mb" in r.output, (value, r.output)
