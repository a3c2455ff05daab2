"""Extractive summaries: the article's own best sentences.

Body sentences are ranked with TextRank over jieba tokens plus a lead bias suited to news; the
best ones are kept in article order and their translations reused: no second model, no extra
translation.

Size: an article of up to ``DENSE_LIMIT`` (200) candidate sentences is ranked on the exact
graph (every two sentences that share a word are linked), as before. A longer one (a digest, a
report, a 5 MB file) would make that graph quadratic in time and memory (8,000 sentences took
68 s and 3.8 GB), so above the limit each occurrence of a word links its sentence only to the
sentences of that word's next ``NEIGHBOURS`` (10) occurrences: words shared by at most 11
sentences link them all, as in the exact graph; a word in many sentences links each to its
nearest ones, not to all of them. The graph then has at most 10 edges per (sentence, word)
pair, and PageRank runs over its sparse edges with numpy: time and memory grow linearly with
the article. Scores above the limit are therefore close to, not exactly, the exact graph's.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from translate.document import BODY, Document
from translate.progress import StepProgress
from translate.text.furniture import is_furniture_sentence

if TYPE_CHECKING:
    import jieba


__all__ = [
    "DEFAULT_SENTENCES",
    "DENSE_LIMIT",
    "NEIGHBOURS",
    "estimate_words",
    "english_words",
    "extractive",
    "rank_sentences",
    "select_sentences",
]

DEFAULT_SENTENCES = 3
DENSE_LIMIT = 200  # up to this many candidate sentences, the exact graph (see the docstring)
NEIGHBOURS = 10  # above it, each word occurrence links to that word's next 10 occurrences
_PROGRESS_EVERY = 200  # sentences tokenized between two progress reports
_DAMPING = 0.85
_LEAD_DECAY = 1.0  # lead bias: the i-th eligible sentence gets teleport weight 1 / (1 + i) ** decay
_REDUNDANT = 0.6  # a candidate this similar (Jaccard of tokens) to a chosen sentence is skipped
_MIN_TOKENS = 2
_WORDS_PER_HAN = 0.65  # English words per Chinese character, for budgeting before translation

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_OR_NUMBER = re.compile(r"[A-Za-z0-9]+(?:[.'\-][A-Za-z0-9]+)*")
_CONTENT = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z]")
_QUOTE_END = re.compile(r"[”」』\"]$")
_STOPWORD_TEXT = """
    的 了 是 在 和 与 及 以及 等 也 将 对 为 就 都 而 并 被 把 从 向 到 以 之 其 这 那 有 中 上 下
    不 要 会 于 个 着 过 给 让 还 又 或 但 则 即 该 此 其中 一个 一些 这些 那些 这个 那个 我们 你们
    他们 她们 它们 我 你 他 她 它 自己 已经 已 曾 正在 可以 可能 能 能够 应 应该 因为 所以 如果
    虽然 但是 而且 并且 以及 通过 进行 表示 认为 指出 提到 称 说 据 据悉 目前 当时 同时 今年 去年
    年 月 日 时 分 多 更 最 很 较 仍 再 又 均 各 每 地 得 所 者 们 之一 方面 情况 问题
    a an the of to in on at for and or but is are was were be been by with as from that this
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())

Key = tuple[int, int]  # (paragraph index into doc.paragraphs, sentence index)


@functools.lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    """The shared jieba tokenizer (translate.text.wordseg), only read from here."""
    from translate.text.wordseg import base_tokenizer

    return base_tokenizer()


def _tokens(text: str) -> list[str]:
    """Content words of a sentence: jieba tokens without stopwords, numbers and punctuation."""
    from translate.text.script import to_simplified

    out = []
    for token in _tokenizer().cut(to_simplified(text)):
        token = token.strip().lower()
        if token and token not in _STOPWORDS and _CONTENT.search(token):
            out.append(token)
    return out


def _is_attribution(doc: Document, key: tuple[int, int]) -> bool:
    """True for a short "X said." sentence that completes the quotation before it.

    “……。”中国航天科技集团有关负责人说。 is segmented as two sentences; the second means
    nothing alone and the first is unattributed without it, so they go into a summary together.
    """
    p, s = key
    if s == 0:
        return False
    from translate.text.segment import is_attribution

    sentences = doc.paragraphs[p].sentences
    return _QUOTE_END.search(sentences[s - 1].source.strip()) is not None and is_attribution(
        sentences[s].source.strip()
    )


def _with_attribution(doc: Document, key: tuple[int, int]) -> list[tuple[int, int]]:
    """`key`, and the attribution sentence after it when there is one."""
    after = (key[0], key[1] + 1)
    if after[1] < len(doc.paragraphs[key[0]].sentences) and _is_attribution(doc, after):
        return [key, after]
    return [key]


def _eligible(doc: Document) -> list[tuple[int, int]]:
    """Summary candidates: sentences of body paragraphs that are not furniture themselves."""
    found = []
    for p, paragraph in enumerate(doc.paragraphs):
        if paragraph.role != BODY:
            continue
        for s, sentence in enumerate(paragraph.sentences):
            text = sentence.source.strip()
            if (
                text
                and _CONTENT.search(text)
                and not is_furniture_sentence(text)
                and not _is_attribution(doc, (p, s))
            ):
                found.append((p, s))
    return found


def _pagerank(
    edges: dict[int, dict[int, float]], personal: Sequence[float], *, iterations: int = 100
) -> list[float]:
    """Weighted PageRank with a personalization vector (sums to 1), by power iteration."""
    n = len(personal)
    out_weight = [sum(edges[i].values()) for i in range(n)]
    score = list(personal)
    for _ in range(iterations):
        dangling = sum(score[i] for i in range(n) if out_weight[i] == 0.0)
        new = [(1 - _DAMPING + _DAMPING * dangling) * personal[i] for i in range(n)]
        for i in range(n):
            if out_weight[i] == 0.0:
                continue
            share = _DAMPING * score[i] / out_weight[i]
            for j, weight in edges[i].items():
                new[j] += share * weight
        delta = sum(abs(a - b) for a, b in zip(new, score, strict=True))
        score = new
        if delta < 1e-9:
            break
    return score


def _scores(token_lists: Sequence[list[str]]) -> list[float]:
    """TextRank scores (with lead bias) for sentences given as token lists, in article order:
    the exact graph up to DENSE_LIMIT sentences, the sparse one above (module docstring)."""
    if len(token_lists) > DENSE_LIMIT:
        return _sparse_scores(token_lists)
    return _dense_scores(token_lists)


def _lead(n: int) -> list[float]:
    """The personalization vector: lead bias, summing to 1."""
    lead = [1.0 / (1 + i) ** _LEAD_DECAY for i in range(n)]
    total = sum(lead)
    return [w / total for w in lead]


def _dense_scores(token_lists: Sequence[list[str]]) -> list[float]:
    """Scores on the exact graph: every two sentences sharing a word are linked."""
    n = len(token_lists)
    sets = [set(tokens) for tokens in token_lists]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, tokens in enumerate(sets):
        for token in tokens:
            postings[token].append(i)
    overlap: dict[tuple[int, int], int] = defaultdict(int)
    for members in postings.values():
        for a_index, a in enumerate(members):
            for b in members[a_index + 1 :]:
                overlap[(a, b)] += 1
    edges: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    for (a, b), common in overlap.items():
        if len(sets[a]) < _MIN_TOKENS or len(sets[b]) < _MIN_TOKENS:
            continue
        weight = common / (math.log(1 + len(sets[a])) + math.log(1 + len(sets[b])))
        edges[a][b] = edges[b][a] = weight
    return _pagerank(edges, _lead(n))


def _sparse_edges(
    token_lists: Sequence[list[str]], neighbours: int = NEIGHBOURS
) -> tuple[Any, Any, Any]:
    """The sparse sentence graph: (a, b, weight) numpy arrays, a < b, each pair once.

    Each occurrence of a word links its sentence to the sentences of the word's next
    ``neighbours`` occurrences; the pair's weight is the number of words linking it over
    log(1 + |a|) + log(1 + |b|) (|x|: distinct words of x), as in the exact graph. Sentences of
    fewer than 2 distinct words have no edges. At most ``neighbours`` pairs per (sentence, word)
    are made, so time and memory grow linearly with the article.
    """
    import numpy as np

    n = len(token_lists)
    ids: dict[str, int] = {}
    words: list[int] = []  # (word, sentence) postings, in sentence order
    sentences: list[int] = []
    sizes = np.zeros(n, dtype=np.int64)
    for i, tokens in enumerate(token_lists):
        distinct = set(tokens)
        sizes[i] = len(distinct)
        for token in distinct:
            words.append(ids.setdefault(token, len(ids)))
            sentences.append(i)
    word = np.asarray(words, dtype=np.int64)
    order = np.argsort(word, kind="stable")  # by word, then sentence (already in order)
    word, sent = word[order], np.asarray(sentences, dtype=np.int64)[order]
    keys = []
    for d in range(1, neighbours + 1):
        same = word[:-d] == word[d:]
        keys.append(sent[:-d][same] * n + sent[d:][same])  # a < b: a pair key
    pairs, common = np.unique(
        np.concatenate(keys) if keys else np.zeros(0, np.int64), return_counts=True
    )
    a, b = pairs // n, pairs % n
    keep = (sizes[a] >= _MIN_TOKENS) & (sizes[b] >= _MIN_TOKENS)
    a, b, common = a[keep], b[keep], common[keep]
    logs = np.log1p(sizes.astype(np.float64))
    return a, b, common / (logs[a] + logs[b])


def _sparse_scores(token_lists: Sequence[list[str]], neighbours: int = NEIGHBOURS) -> list[float]:
    """Scores on the sparse graph (_sparse_edges), by the same power iteration as _pagerank."""
    import numpy as np

    n = len(token_lists)
    a, b, weight = _sparse_edges(token_lists, neighbours)
    src = np.concatenate([a, b])  # both directions
    dst = np.concatenate([b, a])
    w = np.concatenate([weight, weight])
    out_weight = np.bincount(src, weights=w, minlength=n)
    dangling = out_weight == 0.0
    safe = np.where(dangling, 1.0, out_weight)
    personal = np.asarray(_lead(n))
    score = personal.copy()
    for _ in range(100):
        share = np.where(dangling, 0.0, _DAMPING * score / safe)
        new = (1 - _DAMPING + _DAMPING * score[dangling].sum()) * personal
        new += np.bincount(dst, weights=share[src] * w, minlength=n)
        delta = np.abs(new - score).sum()
        score = new
        if delta < 1e-9:
            break
    return [float(x) for x in score]


def _ranked(
    doc: Document, progress: StepProgress | None = None
) -> tuple[list[Key], dict[Key, float], dict[Key, set[str]]]:
    """Candidates best first, their scores, and their token sets (for _choose)."""
    candidates = _eligible(doc)
    if not candidates:
        return [], {}, {}
    n = len(candidates)
    token_lists = []
    for i, (p, s) in enumerate(candidates):
        if progress is not None and i % _PROGRESS_EVERY == 0:
            progress("summary", i, n)
        token_lists.append(_tokens(doc.paragraphs[p].sentences[s].source))
    scores = _scores(token_lists)
    if progress is not None:
        progress("summary", n, n)
    order = sorted(range(n), key=lambda i: (-scores[i], i))
    return (
        [candidates[i] for i in order],
        {candidates[i]: scores[i] for i in order},
        {candidates[i]: set(token_lists[i]) for i in range(n)},
    )


def rank_sentences(doc: Document, *, progress: StepProgress | None = None) -> list[tuple[int, int]]:
    """Rank the body sentences of `doc` for a summary, best first.

    Furniture paragraphs (Paragraph.role) and furniture sentences (a dateline opening a
    paragraph) are left out. Ties go to the earlier sentence. Above DENSE_LIMIT candidate
    sentences the ranking uses the sparse graph (module docstring).

    Args:
        doc: a segmented document whose paragraph roles are set (furniture.mark_furniture).
        progress: called now and then as ("summary", sentences done, sentences in all).

    Returns:
        (paragraph index into doc.paragraphs, sentence index) pairs, best first.
    """
    return _ranked(doc, progress)[0]


def estimate_words(source: str) -> int:
    """Estimate how many English words the translation of a Chinese sentence has."""
    han = len(_HAN.findall(source))
    return max(1, round(han * _WORDS_PER_HAN) + len(_LATIN_OR_NUMBER.findall(source)))


def english_words(text: str) -> int:
    return len(text.split())


def _check_limits(sentences: int | None, words: int | None) -> tuple[int | None, int | None]:
    if sentences is not None and words is not None:
        raise ValueError("give sentences or words, not both")
    if sentences is not None and sentences < 1:
        raise ValueError("sentences must be at least 1")
    if words is not None and words < 1:
        raise ValueError("words must be at least 1")
    if sentences is None and words is None:
        sentences = DEFAULT_SENTENCES
    return sentences, words


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _choose(
    doc: Document,
    ranked: Sequence[Key],
    token_sets: dict[Key, set[str]],
    sentences: int | None,
    words: int | None,
) -> list[tuple[int, int]]:
    """Best-first greedy choice under the limit, skipping near-duplicates; best-first order."""
    chosen: list[tuple[int, int]] = []
    chosen_tokens: list[set[str]] = []
    used = 0
    for key in ranked:
        if sentences is not None and len(chosen) >= sentences:
            break
        tokens = token_sets[key]
        if any(_jaccard(tokens, other) >= _REDUNDANT for other in chosen_tokens):
            continue
        if words is not None:
            cost = sum(
                estimate_words(doc.paragraphs[p].sentences[s].source)
                for p, s in _with_attribution(doc, key)
            )
            if chosen and used + cost > words:
                continue
            used += cost
        chosen.append(key)
        chosen_tokens.append(tokens)
    return chosen


def select_sentences(
    doc: Document,
    *,
    sentences: int | None = None,
    words: int | None = None,
    progress: StepProgress | None = None,
) -> list[tuple[int, int]]:
    """The sentences an extractive summary of `doc` is made of, in article order.

    Call it before translating to translate only these (the word budget is estimated from the
    Chinese source, so the choice does not depend on translations).

    Args:
        doc: a segmented document with paragraph roles set.
        sentences: keep at most this many sentences (default 3 when `words` is not given).
        words: keep about this many English words (at least one sentence).
        progress: called now and then as ("summary", sentences done, sentences in all).

    Returns:
        (paragraph, sentence) pairs in article order, with the attribution sentence ("X said.")
        of a chosen quotation.
    """
    sentences, words = _check_limits(sentences, words)
    ranked, _, token_sets = _ranked(doc, progress)
    chosen = _choose(doc, ranked, token_sets, sentences, words)
    return sorted(k for key in chosen for k in _with_attribution(doc, key))


def extractive(
    doc: Document,
    *,
    sentences: int | None = None,
    words: int | None = None,
    progress: StepProgress | None = None,
) -> dict[str, Any]:
    """Summarize `doc` with its own best sentences, reusing their translations.

    With `words`, the choice is made on estimated lengths; when the chosen sentences are
    translated and run over the budget, the lowest-ranked are dropped (one always stays).

    Args:
        doc: a segmented (ideally translated) document with paragraph roles set.
        sentences: keep at most this many sentences (default 3 when `words` is not given).
        words: keep about this many English words.
        progress: called now and then as ("summary", sentences done, sentences in all), for a
            long article (the library prints nothing itself).

    Returns:
        JSON-ready dict: method, ranker, limit, text (the English summary), words, and
        sentences [{paragraph, sentence, source, target, score}] in article order; a short
        "X said." sentence that completes a chosen quotation comes with it (marked
        "attribution": true, not counted against `sentences`).
    """
    sentences, words = _check_limits(sentences, words)
    ranked, scores, token_sets = _ranked(doc, progress)
    chosen = _choose(doc, ranked, token_sets, sentences, words)

    def target(key: tuple[int, int]) -> str:
        return doc.paragraphs[key[0]].sentences[key[1]].target.strip()

    def length(key: tuple[int, int]) -> int:
        return sum(english_words(target(k)) for k in _with_attribution(doc, key))

    if words is not None and chosen and all(target(k) for k in chosen):
        while len(chosen) > 1 and sum(length(k) for k in chosen) > words:
            chosen.pop()  # lowest-ranked
    items: list[dict[str, Any]] = []
    for key in sorted(chosen):
        for p, s in _with_attribution(doc, key):
            sentence = doc.paragraphs[p].sentences[s]
            item: dict[str, Any] = {
                "paragraph": p,
                "sentence": s,
                "source": sentence.source,
                "target": sentence.target.strip(),
                "score": round(scores[key], 6),
            }
            if (p, s) != key:
                item["attribution"] = True  # completes the quotation before it
            items.append(item)
    text = " ".join(str(item["target"]) for item in items if item["target"])
    limit: dict[str, int] = {"words": words} if words is not None else {"sentences": sentences or 0}
    return {
        "method": "extractive",
        "ranker": "textrank+lead",
        "limit": limit,
        "text": text,
        "words": english_words(text),
        "sentences": items,
    }
