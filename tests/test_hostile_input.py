"""Issue 22, the readers: each class of hostile input found by the probe, in several variants.

Names that are not UTF-8 or carry control/bidi characters, digits that are not decimal near a date,
errors that would keep their input's bytes alive, archives that expand without bound, JSON Lines
with one bad line, files mixing encodings, TREC fields never closed, WARCs cut short, links out of
the input folder, and reports that would carry raw HTML or bidi overrides."""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tarfile
import textwrap
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riwaya.errors import InputError
from riwaya.escape import printable_name, visible
from riwaya.ingest import Limits, read
from riwaya.model import Document

GOOD = ("أعلنت هيئة الأرصاد في مدينة السهل أمس عن موجة حر تستمر ثلاثة أيام.\n\n"
        "وقالت الهيئة إن درجات الحرارة ستتجاوز الأربعين درجة في المناطق الداخلية.")


def _split(items):
    docs = [x for x in items if isinstance(x, Document)]
    errs = [x for x in items if isinstance(x, InputError)]
    assert len(docs) + len(errs) == len(items)
    return docs, errs


def _encodable(s: str | None) -> None:
    if s is not None:
        s.encode("utf-8")


# -- 1. names that are not UTF-8 --------------------------------------------------------------

@pytest.mark.parametrize("raw", [b"nom\xff.txt", b"\xc3\x28bad.txt", b"\xed\xa0\x80x.txt", b"a\x80\x81b.txt"])
def test_file_names_that_are_not_utf8_are_read_and_named_in_escaped_form(tmp_path, raw):
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(os.path.join(folder, raw), "wb") as fh:
        fh.write(GOOD.encode("utf-8"))
    with open(os.path.join(folder, b"bad-" + raw), "wb") as fh:
        fh.write(b"\x00\x01\x02" * 100)
    (tmp_path / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
    docs, errs = _split(list(read([str(tmp_path / "in")])))
    assert len(docs) == 2 and len(errs) == 1
    for d in docs:
        _encodable(d.source.path)
    assert "\\x" in errs[0].line()
    errs[0].line().encode("utf-8")
    assert any("\\x" in d.source.path for d in docs)


def test_tar_member_names_that_are_not_utf8(tmp_path):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT, encoding="utf-8",
                      errors="surrogateescape") as tf:
        for name in ("nom\udcff.txt", "ok.txt", "x\udc80\udc81.bin"):
            data = GOOD.encode() if name.endswith(".txt") else b"\x00" * 50
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    (tmp_path / "a.tar").write_bytes(buf.getvalue())
    docs, errs = _split(list(read([str(tmp_path / "a.tar")])))
    assert len(docs) == 2 and len(errs) == 1
    assert {d.source.member for d in docs} == {"nom\\xff.txt", "ok.txt"}
    assert errs[0].member == "x\\x80\\x81.bin"


@pytest.mark.parametrize("name", ["nom\xff.txt", "caf\xe9\u0301.txt", "\u202eevil.txt", "a\nerror: forged.txt"])
def test_zip_member_names_odd_or_hostile(tmp_path, name):
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as zf:
        zf.writestr(zipfile.ZipInfo(name), GOOD)
        zf.writestr(zipfile.ZipInfo(name + ".bin"), b"\x00" * 64)
    docs, errs = _split(list(read([str(tmp_path / "a.zip")])))
    assert len(docs) == 1 and len(errs) == 1
    line = errs[0].line()
    assert "\n" not in line and "\u202e" not in line


@given(st.text())
def test_printable_name_always_encodes_and_visible_is_one_line(name):
    printable_name(name).encode("utf-8")
    shown = visible(name)
    shown.encode("utf-8")
    assert "\n" not in shown and "\r" not in shown and "\u2028" not in shown
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in shown)


@pytest.mark.parametrize("name,shown", [
    ("a\nerror: x.txt", "a\\nerror: x.txt"), ("r\rx", "r\\rx"), ("\x1b[31mred", "\\x1b[31mred"),
    ("\u202etxt.exe", "\\u202etxt.exe"), ("\u2067x\u2069", "\\u2067x\\u2069"), ("nom\udcff", "nom\\xff"),
])
def test_error_line_escapes_controls_and_bidi(name, shown):
    err = InputError(name, "reason\nsecond line", member=name)
    line = err.line()
    assert line.count(shown) == 2 and "\\n" in line
    assert len(line.splitlines()) == 1


# -- digits that are not decimal, near dates -----------------------------------------------------

_ODD_DIGITS = "¹²³⁴⁰₁₂②③❹➎⓻⑴⒈🄂٣٤۵߁०১௧໒༣၄០᠑๑𝟏１２"


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["14 مارس 2018", "2018-03-14", "14/03/2018", "الخميس 14 مارس", "March 14, 2018",
                        "الساعة 3:18", "13-15 يوليو", "في 1440 هـ", "منذ 3 أيام"]),
       st.lists(st.tuples(st.integers(0, 30), st.text(alphabet=_ODD_DIGITS, min_size=1, max_size=4)), max_size=5),
       st.integers(0, 6000))
def test_date_parser_never_raises_on_odd_digits(base, inserts, long_run):
    from riwaya.dates.find import expressions, find_dates
    from riwaya.dates.published import line_day

    text = base
    for pos, digits in inserts:
        pos = min(pos, len(text))
        text = text[:pos] + digits + text[pos:]
    if long_run > 4300:
        text += " " + "7" * long_run  # past Python's int() digit limit
    find_dates(text, bound=date(2020, 1, 1))
    list(expressions(text))
    line_day(text, date(2020, 1, 1))


def test_decimal_digits_of_other_scripts_still_read():
    from riwaya.dates.find import find_dates

    found = find_dates("وقع الحادث في ١٤ مارس ٢٠١٨ في المدينة", bound=date(2020, 1, 1))
    assert any("2018-03-14" in (m.value or "") for m in found)


# -- 2. bounded memory ---------------------------------------------------------------------------

def _binary_folder(d: Path, n: int) -> None:
    d.mkdir()
    for i in range(n):
        (d / f"f{i}.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 800 + bytes([i % 256]))


def test_errors_hold_no_traceback_and_no_bytes(tmp_path):
    _binary_folder(tmp_path / "in", 5)
    (tmp_path / "in" / "deep.html").write_text("<div>" * 50 + "x", encoding="utf-8")
    (tmp_path / "in" / "x.jsonl").write_text("[" * 100_000 + "\n", encoding="utf-8")
    errs = [x for x in read([str(tmp_path / "in")]) if isinstance(x, InputError)]
    assert len(errs) >= 6
    for e in errs:
        assert e.__traceback__ is None and e.__context__ is None and e.__cause__ is None
        assert all(isinstance(v, (str, type(None))) for v in vars(e).values())


@pytest.mark.parametrize("kind", ["zip", "tar"])
def test_archive_member_count_and_expanded_size_limits(tmp_path, kind):
    members = {f"m{i}.txt": f"{GOOD} {i}".encode() for i in range(12)}
    path = tmp_path / f"a.{kind}"
    if kind == "zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for k, v in members.items():
                zf.writestr(k, v)
    else:
        with tarfile.open(path, "w") as tf:
            for k, v in members.items():
                info = tarfile.TarInfo(k)
                info.size = len(v)
                tf.addfile(info, io.BytesIO(v))
    docs, errs = _split(list(read([str(path)], Limits(max_members=5))))
    assert len(docs) == 5 and len(errs) == 1 and "max_members" in errs[0].reason and errs[0].path == str(path)
    size = len(members["m0.txt"])
    docs, errs = _split(list(read([str(path)], Limits(max_archive_bytes=size * 3 + 1))))
    assert len(docs) == 3 and len(errs) == 1 and "max_archive_bytes" in errs[0].reason
    docs, errs = _split(list(read([str(path)])))
    assert len(docs) == 12 and not errs


_PEAK = textwrap.dedent(r"""
    import re, sys
    from riwaya.ingest import Limits, read
    items = list(read(sys.argv[2:], Limits(max_archive_bytes=int(sys.argv[1]))))  # all kept, as a caller may
    # VmHWM: this program's own peak (ru_maxrss would also count the forked parent before exec)
    hwm = re.search(r"VmHWM:\s+(\d+) kB", open("/proc/self/status").read()).group(1)
    print(len(items), int(hwm) // 1024)
""")


def peak_mb(paths: list[str], max_archive_bytes: int = Limits().max_archive_bytes) -> tuple[int, int]:
    """(items read, peak resident MB) of ``riwaya.ingest.read`` over ``paths`` in a child process that
    keeps every item it reads."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    out = subprocess.run([sys.executable, "-c", _PEAK, str(max_archive_bytes), *paths], capture_output=True,
                         text=True, env=env, check=True).stdout.split()
    return int(out[0]), int(out[1])


def zeros_zip(path: Path, members: int = 150, size: int = 19 * 1024 * 1024) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for i in range(members):
            with zf.open(f"z{i}.txt", "w") as fh:
                chunk = b"\0" * (1 << 20)
                for _ in range(size >> 20):
                    fh.write(chunk)
    return path


@pytest.mark.slow
def test_peak_memory_of_failing_inputs_is_bounded(tmp_path):
    z = zeros_zip(tmp_path / "zeros.zip")
    n, mb = peak_mb([str(z)])  # the default limit on expanded size stops it: 1 GiB of 2.8 GiB
    assert n < 150 and mb < 300, (n, mb)
    n, mb = peak_mb([str(z)], max_archive_bytes=1 << 40)  # every member read, every one failing
    assert n == 150 and mb < 300, (n, mb)
    _binary_folder(tmp_path / "bin", 100)
    n, mb = peak_mb([str(tmp_path / "bin")])
    assert n == 100 and mb < 300, (n, mb)


# -- 3. JSON Lines recover after a bad line --------------------------------------------------------

@pytest.mark.parametrize("bad", ["[" * 100_000, '{"a":' * 100_000, "{not json", '{"text": 1' + "0" * 5000 + "}",
                                 '{"text": "x"', "\x00", "[1, 2]", '"just a string"'])
def test_jsonl_bad_line_fails_alone_and_names_its_line(tmp_path, bad):
    lines = [json.dumps({"text": f"{GOOD} {i}"}, ensure_ascii=False) for i in range(6)]
    lines.insert(2, bad)
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errs = _split(list(read([str(tmp_path / "a.jsonl")])))
    assert len(docs) == 6 and len(errs) == 1
    assert errs[0].member == "line 3" and errs[0].path == str(tmp_path / "a.jsonl")


@pytest.mark.parametrize("damage", [b"\xef\xbf\xbd", b"\xff", b"\xe9", b"\xc3", b"\xff\xfe\xfa"])
def test_one_bad_byte_or_fffd_in_a_long_jsonl_is_not_binary(tmp_path, damage):
    lines = [json.dumps({"text": f"{GOOD} {i}"}, ensure_ascii=False).encode() for i in range(501)]
    lines[250] = lines[250][:30] + damage + lines[250][30:]
    (tmp_path / "a.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    docs, errs = _split(list(read([str(tmp_path / "a.jsonl")])))
    assert len(docs) == 501 and not errs
    if damage != b"\xef\xbf\xbd":
        assert all(d.extra.get("warnings") for d in docs)


# -- 4. silent changes: encodings, TREC fields, WARC cuts ------------------------------------------

@pytest.mark.parametrize("text", ["Le prix a très fortement augmenté à Paris cette année, déclare le ministère.",
                                  "Où est passé l'élève? Ça dépend: «naïveté» et cœur.",
                                  "Señor Muñoz llegó a la reunión en Córdoba ayer por la mañana."])
def test_latin1_western_text_is_not_read_as_another_code_page(tmp_path, text):
    enc = "cp1252" if "œ" in text else "latin-1"
    (tmp_path / "fr.txt").write_bytes((text + "\n").encode(enc) * 5)
    (doc,) = read([str(tmp_path / "fr.txt")])
    assert isinstance(doc, Document) and text in doc.body


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 0, 1), (1, 2, 0, 0)])
def test_mixed_encodings_are_decoded_line_by_line_with_a_warning(tmp_path, order):
    lines = [("هذا سطر عربي مكتوب بترميز يونيكود", "utf-8"), ("وهذا سطر عربي آخر بترميز ويندوز", "cp1256"),
             ("Et voilà une ligne française très simple", "latin-1")]
    data = b"\n".join(lines[i][0].encode(lines[i][1]) for i in order) + b"\n"
    (tmp_path / "mixed.txt").write_bytes(data)
    (doc,) = read([str(tmp_path / "mixed.txt")])
    assert isinstance(doc, Document)
    for i in order:
        assert lines[i][0] in doc.body
    assert doc.extra["warnings"] and "line" in doc.extra["warnings"][0]


@pytest.mark.parametrize("field", ["TEXT", "TITLE", "DOCNO", "ABSTRACT"])
def test_trec_field_never_closed_is_an_error_naming_the_document(tmp_path, field):
    docs = []
    for i in range(3):
        parts = {"DOCNO": f"D-{i}", "TITLE": f"عنوان {i}", "ABSTRACT": "ملخص", "TEXT": f"{GOOD} {i}"}
        body = "".join(f"<{k}>{v}" + ("" if i == 1 and k == field else f"</{k}>") + "\n" for k, v in parts.items())
        docs.append(f"<DOC>\n{body}</DOC>\n")
    (tmp_path / "ant.xml").write_text("".join(docs), encoding="utf-8")
    got, errs = _split(list(read([str(tmp_path / "ant.xml")])))
    assert len(got) == 2 and len(errs) == 1 and f"<{field}> never closed" in errs[0].reason
    if field != "DOCNO":
        assert "D-1" in errs[0].reason


def warc_record(uri: str, page: bytes, content_type: str = "text/html; charset=utf-8") -> bytes:
    """One WARC response record, as bytes (warcio's writer leaves temporary files open)."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode() + b"\r\n\r\n" + page
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
    return head.encode() + http + b"\r\n\r\n"


def _warc(gz: bool, n: int = 3) -> bytes:
    import gzip

    out = []
    for i in range(n):
        page = f"<html><body><article><p>{GOOD} {i} {'كلمة ' * 40}</p></article></body></html>".encode()
        rec = warc_record(f"http://x.test/{i}", page)
        out.append(gzip.compress(rec) if gz else rec)
    return b"".join(out)


@pytest.mark.parametrize("gz", [True, False])
def test_warc_cut_short_is_an_error_never_a_silent_loss(tmp_path, gz):
    data = _warc(gz)
    path = tmp_path / ("a.warc.gz" if gz else "a.warc")
    path.write_bytes(data)
    docs, errs = _split(list(read([str(path)])))
    assert len(docs) == 3 and not errs
    full = {d.source.member: d.body for d in docs}
    silent = []
    for cut in range(len(data) - 5, 100, -max(1, len(data) // 60)):
        path.write_bytes(data[:cut])
        docs, errs = _split(list(read([str(path)])))
        for d in docs:
            assert d.body == full[d.source.member]  # never part of a record's text
        if len(docs) < 3 and not errs:
            silent.append(cut)
        for e in errs:
            assert "record" in (e.member or "")
    # a cut leaving one stray byte after a whole record is all warcio hides; nothing is lost there
    assert len(silent) <= 1, silent


# -- 5. links out of the input folder ------------------------------------------------------------

def test_links_are_followed_only_inside_the_input_folder(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text(f"{GOOD} secret", encoding="utf-8")
    (tmp_path / "secretdir").mkdir()
    (tmp_path / "secretdir" / "s.txt").write_text(f"{GOOD} secret dir", encoding="utf-8")
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "sub" / "real.txt").write_text(GOOD, encoding="utf-8")
    (d / "out.txt").symlink_to(outside)
    (d / "rel-out.txt").symlink_to("../secret.txt")
    (d / "in.txt").symlink_to(d / "sub" / "real.txt")
    (d / "outdir").symlink_to(tmp_path / "secretdir", target_is_directory=True)
    (d / "loop").symlink_to(d, target_is_directory=True)
    docs, errs = _split(list(read([str(d)])))
    assert all("secret" not in doc.body for doc in docs)
    assert len(docs) == 2  # sub/real.txt, and in.txt pointing at it
    assert sorted(Path(e.path).name for e in errs) == ["out.txt", "outdir", "rel-out.txt"]
    assert all(e.kind == "unsafe link" and "follow_links" in e.reason for e in errs)
    docs, errs = _split(list(read([str(d)], Limits(follow_links=True))))
    assert not errs and sum("secret" in doc.body for doc in docs) == 3


# -- 5. reports escape and isolate what came from the input ----------------------------------------

@pytest.mark.parametrize("hostile", ['"><svg onload=alert(1)>', "<script>alert(1)</script>",
                                     "\u202egnp.exe", "x\n# forged heading", "[click](javascript:alert(1))",
                                     "\u2066<img src=x onerror=alert(1)>\u2069"])
def test_reports_escape_html_and_isolate_bidi(tmp_path, hostile):
    from riwaya.model import Article, Event, Paragraph, Source, Story
    from riwaya.report.pages import write_reports

    text = f"{hostile} {GOOD}"
    article = Article(id="a1", text=text, sources=(Source(f"in/{hostile}.txt"),), title=hostile, outlet=hostile,
                      paragraphs=(Paragraph(0, len(text)),))
    story = Story(id="s1", title=hostile, events=(Event(id="e1", title=hostile, articles=("a1",)),))
    write_reports(tmp_path, [story], {"a1": article})
    for name in ("index.html", "story-s1.html", "story-s1.md"):
        page = (tmp_path / name).read_text(encoding="utf-8")
        assert "<svg" not in page and "<script" not in page and "<img" not in page
        assert not any(ch in page for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067")
    md = (tmp_path / "story-s1.md").read_text(encoding="utf-8")
    assert "\n# forged" not in md and not re.search(r"(?<!\\)\]\(javascript", md)  # only an escaped \]
    assert "\u2068" in md and "<bdi>" in (tmp_path / "story-s1.html").read_text(encoding="utf-8")
