"""Near-duplicate detection: a lightly edited copy is found, a different report is not."""
from __future__ import annotations

from riwaya.model import Article, Source
from riwaya.story.dedup import copies

BASE = ("أعلنت وزارة الدفاع الروسية اليوم الخميس أن الوحدات الأولى من قوات الإنزال الروسية ضمن قوات "
        "منظمة معاهدة الأمن الجماعي غادرت كازاخستان وانطلقت من مطار ألما آتا إلى نقطة الانتشار الدائم "
        "بحسب ما نقلته وكالة سبوتنيك الروسية وأكدت أن أربع طائرات نقل عسكري ستنقل وحدات من المظليين")


def a(i: str, text: str) -> Article:
    return Article(id=i, text=text, sources=(Source(i),), title="القوات الروسية تغادر كازاخستان")


def test_edited_copy_is_found_and_other_report_is_not():
    arts = [a("orig", BASE), a("copy", BASE.replace("اليوم الخميس", "الخميس") + " إلى منطقة إيفانوفو"),
            a("other", "فرض الرئيس الأمريكي رسوما جمركية على واردات الصلب والألمنيوم بنسبة خمسة وعشرين في المئة "
                       "ما أثار ردود فعل غاضبة من الاتحاد الأوروبي والصين وكندا التي هددت بالرد بالمثل")]
    assert copies(arts) == {"copy": "orig"}
