"""A document's key terms, ranked: TF-IDF with jieba's own dictionary as the background.

jieba's dictionary counts how often each word occurs in a large general corpus; a word the
document uses far more than that corpus does is a key term of it (机关党建, 中心工作, 接诉即办).
The weight is ``tf * log(total / (freq + 1))``, over words of two characters or more that
are not function words; words jieba does not know get the rarest weight.  No data file is
added: the dictionary is the one search already loads.  Also the segmenter the formulations
finder uses (``segment``).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import NamedTuple

from desktop_app.search.tokenizer import jieba_tokenizer, tokenize

# common words that jieba's frequencies rank too rare for speeches and reports
_STOP = set(
    [
        "我们",
        "你们",
        "他们",
        "这个",
        "那个",
        "这些",
        "那些",
        "一个",
        "一些",
        "以及",
        "并且",
        "同时",
        "进一步",
        "不断",
        "更加",
        "坚持",
        "推动",
        "加强",
        "推进",
        "工作",
        "发展",
        "建设",
        "提高",
        "实现",
        "全面",
        "积极",
        "有效",
        "重要",
        "各级",
        "方面",
        "问题",
        "通过",
        "作为",
        "围绕",
        "深入",
        "切实",
        "就是",
        "还是",
        "没有",
        "已经",
        "可以",
        "需要",
        "必须",
        "应当",
        "其中",
        "之间",
        "之一",
        "目前",
        "当前",
        "今年",
        "去年",
        "年度",
        "主要",
        "一是",
        "二是",
        "三是",
        "四是",
        "五是",
        "一要",
        "二要",
        "三要",
        "四要",
        "第一",
        "第二",
        "第三",
        "第四",
        "第五",
        "同志",
        "部门",
        "单位",
        "有关",
        "相关",
        "进行",
        "开展",
    ]
)
CHUNK = 20_000  # characters tokenised per call (a worker never holds the lock long)


class KeyTerm(NamedTuple):
    term: str
    count: int
    weight: float


def segment(text: str) -> list[str]:
    """jieba's words of ``text`` (the formulations finder's segmenter)."""
    return [w for w, _s, _e in tokenize(text)]


def key_terms(text: str, limit: int = 30) -> list[KeyTerm]:
    """The ``limit`` words of ``text`` weighted highest, best first."""
    tk = jieba_tokenizer()
    freq, total = tk.FREQ, max(tk.total, 1)
    counts: Counter[str] = Counter()
    for i in range(0, len(text), CHUNK):
        for w, _s, _e in tokenize(text[i : i + CHUNK]):
            if len(w) >= 2 and w not in _STOP and all("\u4e00" <= c <= "\u9fff" for c in w):
                counts[w] += 1
    if not counts:
        return []
    rarest = math.log(total)
    scored = [
        KeyTerm(w, n, round(n * (math.log(total / (freq.get(w, 0) + 1)) if w in freq else rarest), 3))
        for w, n in counts.items()
        if n >= 2
    ]
    scored.sort(key=lambda k: (-k.weight, k.term))
    return scored[:limit]
