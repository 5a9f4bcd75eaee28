"""Ingestion of each supported format and encoding, from files, folders and archives.

Fixtures are written here, in the test, from invented text (nothing copied from ../shared)."""
from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from riwaya.cli import main
from riwaya.errors import InputError
from riwaya.ingest import read
from riwaya.job import analyse, ingest_paths
from riwaya.model import Document

AR_TITLE = "افتتاح جسر الوادي الجديد في مدينة السهل"
AR_BODY = ("افتتحت بلدية مدينة السهل اليوم الخميس جسر الوادي الجديد بعد عامين من العمل.\n\n"
           "وقال رئيس البلدية إن الجسر سيختصر زمن الرحلة بين الضفتين إلى عشر دقائق.")


def docs_and_errors(*paths, **kw):
    items = list(read([str(p) for p in paths], **kw))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputError)]


# -- encodings ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""),
    ("utf-8", b"\xef\xbb\xbf"),        # UTF-8 with BOM
    ("utf-16-le", b"\xff\xfe"),       # UTF-16 with BOM, both byte orders
    ("utf-16-be", b"\xfe\xff"),
    ("cp1256", b""),                  # windows-1256, common on Arabic sites
])
def test_text_encodings(tmp_path, encoding, prefix):
    p = tmp_path / "a.txt"
    p.write_bytes(prefix + f"{AR_TITLE}\n\n{AR_BODY}\n".encode(encoding))
    docs, errs = docs_and_errors(p)
    assert errs == []
    assert len(docs) == 1
    assert AR_TITLE in docs[0].body and "عشر دقائق" in docs[0].body
    assert "\ufeff" not in docs[0].body
    assert docs[0].source.path == str(p) and docs[0].source.member is None


def test_windows_1256_html_page_with_declared_charset(tmp_path):
    page = (f'<html><head><meta charset="windows-1256"><title>{AR_TITLE}</title></head><body>'
            f'<article><h1>{AR_TITLE}</h1>' + "".join(f"<p>{p}</p>" for p in AR_BODY.split("\n\n")) * 3
            + '</article></body></html>')
    p = tmp_path / "page.html"
    p.write_bytes(page.encode("cp1256"))
    docs, errs = docs_and_errors(p)
    assert errs == [] and len(docs) == 1
    assert "جسر الوادي" in docs[0].body


def test_latin_text_is_not_read_as_arabic(tmp_path):
    """windows-1256 maps every byte: a Latin-1 page must not come out as Arabic mojibake."""
    p = tmp_path / "fr.txt"
    text = "Le pont de la vallée a été inauguré jeudi à Sahl. Les élus ont salué un ouvrage très attendu.\n" * 3
    p.write_bytes(text.encode("latin-1"))
    docs, errs = docs_and_errors(p)
    assert errs == []
    assert "vallée" in docs[0].body and "été" in docs[0].body


# -- plain text and folders ----------------------------------------------------------------------------
def test_folder_is_walked_in_order_skipping_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text(AR_BODY + " ٢", encoding="utf-8")
    (tmp_path / "1.txt").write_text(AR_BODY + " ١", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main", encoding="utf-8")
    docs, errs = docs_and_errors(tmp_path)
    assert errs == []
    assert [Path(d.source.path).relative_to(tmp_path).as_posix() for d in docs] == ["1.txt", "b/2.txt"]


def test_crlf_text_keeps_its_body(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(f"{AR_TITLE}\r\n\r\n{AR_BODY}\r\n".encode("utf-8"))
    docs, _ = docs_and_errors(p)
    assert "\r" not in docs[0].body and "عشر دقائق" in docs[0].body


# -- ANT / TREC XML ------------------------------------------------------------------------------------
ANT = """<DOC>
<DOCNO>XX-local-1-20180301</DOCNO>
<URL>http://example.invalid/ar/2018/03/01/bridge.html</URL>
<SRC>outletone</SRC>
<CAT>local</CAT>
<TITLE>{title}</TITLE>
<TIME>{time}</TIME>
<AUTHOR>مراسل السهل</AUTHOR>
<ABSTRACT>
ملخص الخبر &amp; مقدمته
</ABSTRACT>
<TEXT>
{body}
</TEXT>
</DOC>
"""


def test_ant_fields_are_kept(tmp_path):
    p = tmp_path / "XX-local-1-20180301.txt"
    p.write_text(ANT.format(title=AR_TITLE, time="Thu, 01 Mar 2018 14:05:09 +0400", body=AR_BODY), encoding="utf-8")
    docs, errs = docs_and_errors(p)
    assert errs == [] and len(docs) == 1
    d = docs[0]
    assert d.format == "ant"
    assert d.source.external_id == "XX-local-1-20180301"
    assert d.url == "http://example.invalid/ar/2018/03/01/bridge.html"
    assert d.outlet == "outletone" and d.category == "local" and d.title == AR_TITLE
    assert d.abstract == "ملخص الخبر & مقدمته"
    assert datetime.fromisoformat(d.published) == parsedate_to_datetime("Thu, 01 Mar 2018 14:05:09 +0400")
    assert d.published_evidence == "metadata:TIME"
    assert d.body.strip() == AR_BODY


def test_ant_same_text_under_two_docnos_keeps_each(tmp_path, store):
    """One article, both sources, each DOCNO with its own title and time."""
    a = ANT.format(title=AR_TITLE, time="Thu, 01 Mar 2018 10:00:00 +0000", body=AR_BODY)
    b = a.replace("XX-local-1-20180301", "XX-world-7-20180301").replace(AR_TITLE, "عنوان آخر للخبر نفسه") \
         .replace("10:00:00", "12:30:00")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(a, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(b, encoding="utf-8")
    rep = ingest_paths(store, [str(tmp_path / "in")])
    assert rep.new == 1 and rep.merged == 1 and not rep.errors
    analyse(store)
    art = store.get("XX-world-7-20180301")
    assert art is not None and art.id == store.get("XX-local-1-20180301").id
    by_docno = {s.external_id: s for s in art.sources}
    assert set(by_docno) == {"XX-local-1-20180301", "XX-world-7-20180301"}
    assert by_docno["XX-world-7-20180301"].title == "عنوان آخر للخبر نفسه"
    assert datetime.fromisoformat(by_docno["XX-world-7-20180301"].published) == \
        parsedate_to_datetime("Thu, 01 Mar 2018 12:30:00 +0000")


# -- HTML ----------------------------------------------------------------------------------------------
def test_html_page(tmp_path):
    paras = "".join(f"<p>{p} {i}</p>" for i in range(3) for p in AR_BODY.split("\n\n"))
    page = (f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{AR_TITLE}</title>'
            f'</head><body><nav><a href="/">الرئيسية</a></nav><article><h1>{AR_TITLE}</h1>{paras}</article>'
            f'<footer>جميع الحقوق محفوظة</footer></body></html>')
    p = tmp_path / "page.htm"
    p.write_text(page, encoding="utf-8")
    docs, errs = docs_and_errors(p)
    assert errs == [] and len(docs) == 1
    assert docs[0].format == "html" and "عشر دقائق" in docs[0].body


# -- JSON Lines ----------------------------------------------------------------------------------------
def test_jsonl_with_field_mapping_via_cli(tmp_path):
    rows = [
        {"headline": AR_TITLE, "body": AR_BODY, "when": "Thu, 01 Mar 2018 10:00:00 +0000", "key": "k1"},
        {"headline": "خبر ثان", "body": ["الفقرة الأولى من الخبر الثاني.", "الفقرة الثانية."],
         "when": 1519900000, "key": "k2"},
        {"headline": "خبر ثالث", "body": "نص الخبر الثالث\u2028 مع فاصل سطر يونيكود.", "when": "2018-03-01T09:00:00Z"},
    ]
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    db = tmp_path / "r.db"
    res = CliRunner().invoke(main, ["ingest", str(p), "--db", str(db), "--json", "--field", "text=body",
                                    "--field", "title=headline", "--field", "published=when",
                                    "--field", "id=key"])
    assert res.exit_code == 0, res.output
    from riwaya.store import SqliteStore

    st = SqliteStore(str(db))
    arts = list(st.articles())
    assert len(arts) == 3
    first = st.get("k1")
    assert first.title == AR_TITLE and "عشر دقائق" in first.text
    assert datetime.fromisoformat(first.published.value) == parsedate_to_datetime("Thu, 01 Mar 2018 10:00:00 +0000")
    second = st.get("k2")
    assert "الفقرة الثانية" in second.text
    assert second.published.value.startswith("2018-03-01T10:26:40")
    assert {a.sources[0].member for a in arts} == {"line 1", "line 2", "line 3"}
    st.close()


def test_jsonl_text_of_the_wrong_type_says_so(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text(json.dumps({"title": AR_TITLE, "text": 12345}) + "\n"
                 + json.dumps({"title": AR_TITLE}) + "\n", encoding="utf-8")
    docs, errs = docs_and_errors(p)
    assert not docs and len(errs) == 2
    assert "text field holds int, not text" in errs[0].line() and "no text field" in errs[1].line()


def test_jsonl_unknown_field_is_a_usage_error(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text('{"text": "نص"}\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["ingest", str(p), "--db", str(tmp_path / "r.db"), "--field", "body=text"])
    assert res.exit_code == 2 and "unknown field body" in res.output


# -- feeds ---------------------------------------------------------------------------------------------
RSS = """<?xml version="1.0" encoding="{enc}"?>
<rss version="2.0"><channel><title>صحيفة السهل</title><link>http://example.invalid/</link>
<item><title>{title}</title><link>http://example.invalid/a1</link><guid>a1</guid>
<pubDate>Thu, 01 Mar 2018 10:00:00 +0300</pubDate>
<description><![CDATA[<p>{p1}</p><p>{p2}</p>]]></description></item>
<item><title>خبر قصير</title><link>http://example.invalid/a2</link>
<description>نص الخبر القصير الثاني في الموجز.</description></item>
</channel></rss>
"""


@pytest.mark.parametrize("enc", ["utf-8", "windows-1256"])
def test_rss_feed(tmp_path, enc):
    p1, p2 = AR_BODY.split("\n\n")
    p = tmp_path / "news.xml"
    p.write_bytes(RSS.format(enc=enc, title=AR_TITLE, p1=p1, p2=p2).encode(enc))
    docs, errs = docs_and_errors(p)
    assert errs == [] and len(docs) == 2
    d = docs[0]
    assert d.format == "feed" and d.title == AR_TITLE and d.outlet == "صحيفة السهل"
    assert d.url == "http://example.invalid/a1" and d.source.external_id == "a1"
    assert d.source.member == "entry 1"
    assert datetime.fromisoformat(d.published) == parsedate_to_datetime("Thu, 01 Mar 2018 10:00:00 +0300")
    assert p1 in d.body and p2 in d.body and "<p>" not in d.body
    assert docs[1].published is None


def test_atom_feed(tmp_path):
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Sahl Daily</title><id>urn:x</id>
<updated>2018-03-01T10:00:00Z</updated>
<entry><title>{AR_TITLE}</title><id>urn:x:1</id><link href="http://example.invalid/e1"/>
<published>2018-03-01T09:30:00+02:00</published><updated>2018-03-01T09:30:00+02:00</updated>
<content type="html">&lt;p&gt;{AR_BODY.split(chr(10))[0]}&lt;/p&gt;</content></entry></feed>"""
    p = tmp_path / "sahl.atom"
    p.write_text(atom, encoding="utf-8")
    docs, errs = docs_and_errors(p)
    assert errs == [] and len(docs) == 1
    assert docs[0].outlet == "Sahl Daily" and "جسر الوادي" in docs[0].body
    assert datetime.fromisoformat(docs[0].published) == datetime.fromisoformat("2018-03-01T09:30:00+02:00")


def test_feed_text_is_never_taken_for_a_location(tmp_path):
    """feedparser opens a str that names a file or URL: ours must parse the bytes, not follow them."""
    real = tmp_path / "real.xml"
    p1, p2 = AR_BODY.split("\n\n")
    real.write_text(RSS.format(enc="utf-8", title=AR_TITLE, p1=p1, p2=p2), encoding="utf-8")
    pointer = tmp_path / "pointer.rss"
    pointer.write_text(str(real), encoding="utf-8")
    docs, errs = docs_and_errors(pointer)
    assert docs == [] and len(errs) == 1 and errs[0].path == str(pointer)


# -- WARC ----------------------------------------------------------------------------------------------
def _warc(path_or_buf, gz: bool):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    paras = "".join(f"<p>{p} ({i})</p>" for i in range(3) for p in AR_BODY.split("\n\n"))
    page = f"<html><head><title>{AR_TITLE}</title></head><body><article>{paras}</article></body></html>"
    w = WARCWriter(path_or_buf, gzip=gz)

    def write(*args, **kw):
        rec = w.create_warc_record(*args, **kw)
        w.write_record(rec)
        rec.raw_stream.close()  # warcio spools the payload to a temporary file and leaves it open

    write("http://example.invalid/", "warcinfo", payload=io.BytesIO(b"software: test"))
    write("http://example.invalid/bridge", "request", payload=io.BytesIO(b"GET /bridge HTTP/1.1\r\n\r\n"))

    def response(uri, status, body, ctype):
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        write(uri, "response", payload=io.BytesIO(body), http_headers=headers)

    response("http://example.invalid/bridge", "200 OK", page.encode("cp1256"), "text/html; charset=windows-1256")
    response("http://example.invalid/missing", "404 Not Found", b"<html><body><p>not found</p></body></html>",
             "text/html")
    response("http://example.invalid/logo.png", "200 OK", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")


@pytest.mark.parametrize("gz", [False, True])
def test_warc(tmp_path, gz):
    p = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    with open(p, "wb") as fh:
        _warc(fh, gz)
    docs, errs = docs_and_errors(p)
    assert errs == [] and len(docs) == 1
    d = docs[0]
    assert d.format == "html" and d.url == "http://example.invalid/bridge"
    assert d.source.external_id == "http://example.invalid/bridge" and d.source.member.startswith("record ")
    assert "جسر الوادي" in d.body


def test_warc_inside_zip(tmp_path):
    buf = io.BytesIO()
    _warc(buf, True)
    z = tmp_path / "crawls.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("2018/crawl.warc.gz", buf.getvalue())
    docs, errs = docs_and_errors(z)
    assert errs == [] and len(docs) == 1
    assert docs[0].source.path == str(z) and docs[0].source.member.startswith("2018/crawl.warc.gz:record ")


# -- archives ------------------------------------------------------------------------------------------
def _members():
    return {
        "outlet1/a.txt": f"{AR_TITLE}\n\n{AR_BODY}\n".encode("utf-8"),
        "outlet2/b.txt": f"{AR_TITLE}\n\n{AR_BODY} (نسخة ثانية)\n".encode("cp1256"),
        "outlet3/c.jsonl": json.dumps({"title": "ثالث", "text": "نص ثالث للخبر."}, ensure_ascii=False).encode("utf-8"),
    }


def test_tar_gz_members_keep_their_names(tmp_path):
    p = tmp_path / "batch.tar.gz"
    with tarfile.open(p, "w:gz") as tf:
        for name, data in _members().items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    docs, errs = docs_and_errors(p)
    assert errs == []
    assert [(d.source.path, d.source.member) for d in docs] == [
        (str(p), "outlet1/a.txt"), (str(p), "outlet2/b.txt"), (str(p), "outlet3/c.jsonl:line 1")]
    assert "نسخة ثانية" in docs[1].body


def test_zip_members(tmp_path):
    p = tmp_path / "batch.zip"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in _members().items():
            zf.writestr(name, data)
        zf.writestr("outlet1/", b"")  # a folder entry
    docs, errs = docs_and_errors(p)
    assert errs == [] and len(docs) == 3
    assert docs[0].source.member == "outlet1/a.txt"


def test_gz_single_file(tmp_path):
    p = tmp_path / "story.txt.gz"
    p.write_bytes(gzip.compress(f"{AR_TITLE}\n\n{AR_BODY}\n".encode("utf-8")))
    docs, errs = docs_and_errors(p)
    assert errs == [] and len(docs) == 1 and "عشر دقائق" in docs[0].body


def test_warc_size_limit_applies_per_record_not_per_file(tmp_path):
    from riwaya.ingest import Limits

    p = tmp_path / "big.warc"
    with open(p, "wb") as fh:
        _warc(fh, False)
    size = p.stat().st_size
    docs, errs = docs_and_errors(p, limits=Limits(max_bytes=size - 100))  # the file is over, each record under
    assert errs == [] and len(docs) == 1
    docs, errs = docs_and_errors(p, limits=Limits(max_bytes=500))  # the page record itself is over
    assert docs == [] and len(errs) == 1 and errs[0].kind == "too large" and errs[0].member.startswith("record ")


def test_gz_member_inside_tar(tmp_path):
    p = tmp_path / "daily.tar"
    data = gzip.compress(f"{AR_TITLE}\n\n{AR_BODY}\n".encode("utf-8"))
    with tarfile.open(p, "w") as tf:
        info = tarfile.TarInfo("2024/03/story.txt.gz")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    docs, errs = docs_and_errors(p)
    assert errs == [] and len(docs) == 1
    assert docs[0].source.member == "2024/03/story.txt.gz" and "عشر دقائق" in docs[0].body
