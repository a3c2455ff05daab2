"""Short English summaries: extractive (rank the article's own sentences) and model-based.

Extractive (the default) ranks body sentences with TextRank over jieba tokens plus a lead bias
suited to news, keeps the best ones in article order and reuses their translations: no second
model, no extra translation. Model-based summarizes the English translation with a seq2seq
summarization model (BART), in chunks under the model's input limit, map-reduce style.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from translate.document import BODY, Document
from translate.errors import ConfigError, ModelNotFoundError
from translate.text.furniture import is_furniture_sentence

if TYPE_CHECKING:
    import jieba

    from translate.registry import Registry

__all__ = [
    "DEFAULT_SENTENCES",
    "Summarizer",
    "body_english",
    "chunk_sentences",
    "estimate_words",
    "extractive",
    "load_summarizer",
    "model_summary",
    "rank_sentences",
    "render_summary",
    "select_sentences",
    "split_english_sentences",
    "summary_record",
]

DEFAULT_SENTENCES = 3
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
    """TextRank scores (with lead bias) for sentences given as token lists, in article order."""
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
    lead = [1.0 / (1 + i) ** _LEAD_DECAY for i in range(n)]
    total = sum(lead)
    return _pagerank(edges, [w / total for w in lead])


def _ranked(doc: Document) -> tuple[list[tuple[int, int]], dict[tuple[int, int], float]]:
    candidates = _eligible(doc)
    if not candidates:
        return [], {}
    token_lists = [_tokens(doc.paragraphs[p].sentences[s].source) for p, s in candidates]
    scores = _scores(token_lists)
    order = sorted(range(len(candidates)), key=lambda i: (-scores[i], i))
    return [candidates[i] for i in order], {candidates[i]: scores[i] for i in order}


def rank_sentences(doc: Document) -> list[tuple[int, int]]:
    """Rank the body sentences of `doc` for a summary, best first.

    Furniture paragraphs (Paragraph.role) and furniture sentences (a dateline opening a
    paragraph) are left out. Ties go to the earlier sentence.

    Args:
        doc: a segmented document whose paragraph roles are set (furniture.mark_furniture).

    Returns:
        (paragraph index into doc.paragraphs, sentence index) pairs, best first.
    """
    return _ranked(doc)[0]


def estimate_words(source: str) -> int:
    """Estimate how many English words the translation of a Chinese sentence has."""
    han = len(_HAN.findall(source))
    return max(1, round(han * _WORDS_PER_HAN) + len(_LATIN_OR_NUMBER.findall(source)))


def _english_words(text: str) -> int:
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
    doc: Document, ranked: Sequence[tuple[int, int]], sentences: int | None, words: int | None
) -> list[tuple[int, int]]:
    """Best-first greedy choice under the limit, skipping near-duplicates; best-first order."""
    chosen: list[tuple[int, int]] = []
    chosen_tokens: list[set[str]] = []
    used = 0
    for key in ranked:
        if sentences is not None and len(chosen) >= sentences:
            break
        source = doc.paragraphs[key[0]].sentences[key[1]].source
        tokens = set(_tokens(source))
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
    doc: Document, *, sentences: int | None = None, words: int | None = None
) -> list[tuple[int, int]]:
    """The sentences an extractive summary of `doc` is made of, in article order.

    Call it before translating to translate only these (the word budget is estimated from the
    Chinese source, so the choice does not depend on translations).

    Args:
        doc: a segmented document with paragraph roles set.
        sentences: keep at most this many sentences (default 3 when `words` is not given).
        words: keep about this many English words (at least one sentence).

    Returns:
        (paragraph, sentence) pairs in article order, with the attribution sentence ("X said.")
        of a chosen quotation.
    """
    sentences, words = _check_limits(sentences, words)
    chosen = _choose(doc, rank_sentences(doc), sentences, words)
    return sorted(k for key in chosen for k in _with_attribution(doc, key))


def extractive(
    doc: Document, *, sentences: int | None = None, words: int | None = None
) -> dict[str, Any]:
    """Summarize `doc` with its own best sentences, reusing their translations.

    With `words`, the choice is made on estimated lengths; when the chosen sentences are
    translated and run over the budget, the lowest-ranked are dropped (one always stays).

    Args:
        doc: a segmented (ideally translated) document with paragraph roles set.
        sentences: keep at most this many sentences (default 3 when `words` is not given).
        words: keep about this many English words.

    Returns:
        JSON-ready dict: method, ranker, limit, text (the English summary), words, and
        sentences [{paragraph, sentence, source, target, score}] in article order; a short
        "X said." sentence that completes a chosen quotation comes with it (marked
        "attribution": true, not counted against `sentences`).
    """
    sentences, words = _check_limits(sentences, words)
    ranked, scores = _ranked(doc)
    chosen = _choose(doc, ranked, sentences, words)

    def target(key: tuple[int, int]) -> str:
        return doc.paragraphs[key[0]].sentences[key[1]].target.strip()

    def length(key: tuple[int, int]) -> int:
        return sum(_english_words(target(k)) for k in _with_attribution(doc, key))

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
        "words": _english_words(text),
        "sentences": items,
    }


# --- model-based summaries -------------------------------------------------------------------


def body_english(doc: Document) -> str:
    """The English of the article's body, one paragraph a line: what a summarization model reads.

    Furniture paragraphs and furniture sentences (a dateline opening the first paragraph) are
    left out, as they are from extractive summaries.

    Args:
        doc: a translated document with paragraph roles set.

    Returns:
        The translated body text.
    """
    lines = []
    for paragraph in doc.paragraphs:
        if paragraph.role != BODY:
            continue
        line = " ".join(
            s.target.strip()
            for s in paragraph.sentences
            if s.target.strip() and not is_furniture_sentence(s.source.strip())
        )
        if line:
            lines.append(line)
    return "\n".join(lines)


_MAX_ROUNDS = 6  # map-reduce rounds before giving up on reducing (the text is then kept whole)
_TOKENS_PER_WORD = 1.4  # BPE tokens per English word, to turn a word budget into new tokens
_ABBREVIATION_TEXT = (
    "mr mrs ms dr prof st jr sr no vs etc gen sen rep gov col lt sgt capt inc ltd co corp jan feb"
    " mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
_SENTENCE_END_EN = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+|$)")


def split_english_sentences(text: str) -> list[str]:
    """Split English text into sentences (line breaks always end one); whitespace is dropped.

    Args:
        text: English prose, e.g. a translation with one paragraph a line.

    Returns:
        The sentences, stripped, in order; joined with spaces they give back the words of `text`.
    """
    out: list[str] = []
    for line in text.splitlines():
        start = 0
        for match in _SENTENCE_END_EN.finditer(line):
            before = line[start : match.start()].rsplit(None, 1)
            last = before[-1].lower() if before else ""
            if match.group().startswith(".") and (
                last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())
            ):
                continue  # "Mr." or an initial, not the end of a sentence
            piece = line[start : match.end()].strip()
            if piece:
                out.append(piece)
            start = match.end()
        rest = line[start:].strip()
        if rest:
            out.append(rest)
    return out


def _split_to_fit(text: str, count_tokens: Callable[[str], int], limit: int) -> list[str]:
    """Split one over-long sentence on word (or, failing that, character) boundaries."""
    words = text.split()
    if len(words) <= 1:
        pieces, current = [], ""
        for char in text:
            if current and count_tokens(current + char) > limit:
                pieces.append(current)
                current = ""
            current += char
        return [*pieces, current] if current else pieces
    pieces = []
    current_words: list[str] = []
    for word in words:
        candidate = " ".join([*current_words, word])
        if current_words and count_tokens(candidate) > limit:
            pieces.append(" ".join(current_words))
            current_words = [word]
        else:
            current_words.append(word)
    if current_words:
        pieces.append(" ".join(current_words))
    return [
        q
        for p in pieces
        for q in (_split_to_fit(p, count_tokens, limit) if count_tokens(p) > limit else [p])
    ]


def chunk_sentences(
    sentences: Sequence[str], count_tokens: Callable[[str], int], limit: int
) -> list[str]:
    """Pack sentences, in order, into as few chunks as fit the model's input limit.

    A sentence that alone exceeds the limit is split on word boundaries, so nothing is dropped
    and no chunk is ever truncated.

    Args:
        sentences: the text's sentences in order.
        count_tokens: tokens a text takes as model input (special tokens included).
        limit: the most tokens a chunk may take.

    Returns:
        Chunks (sentences joined with single spaces), each with count_tokens(chunk) <= limit.
    """
    chunks: list[str] = []
    current = ""
    for sentence in sentences:
        pieces = (
            [sentence]
            if count_tokens(sentence) <= limit
            else _split_to_fit(sentence, count_tokens, limit)
        )
        for piece in pieces:
            candidate = f"{current} {piece}" if current else piece
            if current and count_tokens(candidate) > limit:
                chunks.append(current)
                current = piece
            else:
                current = candidate
    if current:
        chunks.append(current)
    return chunks


@dataclass
class Summarizer:
    """A loaded seq2seq summarization model (BART) and its tokenizer; reuse it across texts."""

    model: Any
    tokenizer: Any
    model_id: str
    repo: str | None
    revision: str | None
    device: str
    max_input_tokens: int
    max_output_tokens: int
    decoding: dict[str, Any]

    def count_tokens(self, text: str) -> int:
        """Tokens `text` takes as model input, special tokens included."""
        return len(self.tokenizer(text, add_special_tokens=True)["input_ids"])

    def generate(self, texts: Sequence[str], *, max_new: int, min_new: int) -> list[str]:
        """Summarize each text (each must fit the input limit) with the model's decoding settings."""
        import torch

        out: list[str] = []
        batch_size = max(1, int(self.decoding.get("batch_size", 4)))
        max_new = max(1, min(max_new, self.max_output_tokens))
        min_new = max(0, min(min_new, max_new - 1))
        for start in range(0, len(texts), batch_size):
            batch = list(texts[start : start + batch_size])
            for text in batch:
                if self.count_tokens(text) > self.max_input_tokens:
                    raise AssertionError("chunk over the input limit")  # chunk_sentences bug
            encoded = self.tokenizer(batch, return_tensors="pt", padding=True)
            encoded = {k: v.to(self.device) for k, v in encoded.items()}
            kwargs: dict[str, Any] = {
                "num_beams": int(self.decoding.get("beam", 4)),
                # Lengths count the decoder start token; the model's own settings are overridden.
                "max_length": max_new + 1,
                "min_length": min_new + 1,
                "no_repeat_ngram_size": int(self.decoding.get("no_repeat_ngram_size", 3)),
                "length_penalty": float(self.decoding.get("length_penalty", 1.0)),
                "early_stopping": bool(self.decoding.get("early_stopping", True)),
            }
            with torch.inference_mode():
                generated = self.model.generate(**encoded, **kwargs)
            decoded = self.tokenizer.batch_decode(generated, skip_special_tokens=True)
            out.extend(" ".join(text.split()) for text in decoded)
        return out

    def summarize(
        self, english_text: str, *, words: int | None = None, sentences: int | None = None
    ) -> dict[str, Any]:
        """Summarize English text, in chunks under the input limit (map-reduce); see model_summary."""
        if sentences is not None and words is not None:
            raise ValueError("give sentences or words, not both")
        default_max = int(self.decoding.get("max_length", 142))
        default_min = int(self.decoding.get("min_length", 0))
        if words is not None:
            final_max = max(4, math.ceil(words * _TOKENS_PER_WORD) + 2)
            final_min = max(1, int(words * 0.7))
        else:
            final_max, final_min = default_max, default_min
        parts = split_english_sentences(english_text)
        input_tokens = self.count_tokens(" ".join(parts)) if parts else 0
        chunk_count = 0
        rounds = 0
        text = " ".join(parts)
        while parts:
            chunks = chunk_sentences(parts, self.count_tokens, self.max_input_tokens)
            rounds += 1
            if chunk_count == 0:
                chunk_count = len(chunks)
            if len(chunks) == 1:
                text = self.generate(chunks, max_new=final_max, min_new=final_min)[0]
                break
            if rounds > _MAX_ROUNDS:
                break  # keep the combined chunk summaries whole rather than cut them
            # Map: each chunk summary gets at most half the chunk's tokens, so every round shrinks.
            caps = [max(8, min(default_max, self.count_tokens(c) // 2)) for c in chunks]
            summaries = [""] * len(chunks)
            for cap in sorted(set(caps)):
                index = [i for i, c in enumerate(caps) if c == cap]
                outputs = self.generate(
                    [chunks[i] for i in index], max_new=cap, min_new=min(default_min, cap // 2)
                )
                for i, output in zip(index, outputs, strict=True):
                    summaries[i] = output
            text = " ".join(s for s in summaries if s)
            parts = split_english_sentences(text)
        trimmed = False
        if sentences is not None:
            kept = split_english_sentences(text)
            trimmed = len(kept) > sentences
            text = " ".join(kept[:sentences])
        limit: dict[str, int] = {}
        if words is not None:
            limit["words"] = words
        if sentences is not None:
            limit["sentences"] = sentences
        return {
            "method": "model",
            "model": self.model_id,
            "repo": self.repo,
            "revision": self.revision,
            "device": self.device,
            "limit": limit,
            "text": text,
            "words": _english_words(text),
            "chunks": chunk_count,
            "rounds": rounds,
            "input_tokens": input_tokens,
            "max_input_tokens": self.max_input_tokens,
            "trimmed_to_sentences": trimmed,
        }


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def load_summarizer(
    model: str | None = None, *, device: str = "auto", registry: Registry | None = None
) -> Summarizer:
    """Load a summarization model by models.yaml name or directory (default: the registry's).

    Args:
        model: registry name or model directory; None takes the default summarization model.
        device: "auto" (CUDA when available), "cpu" or "cuda[:N]".
        registry: the models registry; None loads models.yaml.

    Returns:
        A Summarizer ready to use.

    Raises:
        ModelNotFoundError: the model is not available locally (the message says how to fetch it).
        ConfigError: the model is not a BART summarization model, or the device is unavailable.
    """
    from translate.backends.marian import quiet_transformers, resolve_device
    from translate.hub import locate
    from translate.registry import load_registry

    registry = registry if registry is not None else load_registry()
    if model is None:
        model = registry.default("summarization").name
    located = locate(model, task="summarization", registry=registry)
    path = located.path
    resolved = resolve_device(device)
    try:
        from transformers import AutoConfig, AutoTokenizer, BartForConditionalGeneration

        config = AutoConfig.from_pretrained(str(path))
        if config.model_type != "bart":
            raise ConfigError(
                f"{located.model_id}: a '{config.model_type}' model, not a BART summarization model"
            )
        tokenizer = AutoTokenizer.from_pretrained(str(path))
        use_safetensors = True if (path / "model.safetensors").is_file() else None
        with quiet_transformers():
            net: Any = BartForConditionalGeneration.from_pretrained(
                str(path), use_safetensors=use_safetensors
            )
    except (OSError, ValueError) as exc:
        raise ModelNotFoundError(
            f"{located.model_id}: cannot load summarization model: {_first_line(exc)}"
        ) from exc
    net.to(resolved)
    net.eval()
    # Inputs are counted and chunked here, never truncated: lift the tokenizer's own cap so it
    # does not warn about texts we measure before splitting.
    positions = int(getattr(config, "max_position_embeddings", 1024))
    limit = positions
    if located.spec is not None:
        limit = min(limit, located.spec.max_input_tokens)
    tokenizer.model_max_length = 10**9
    decoding: dict[str, Any] = {}
    gen = getattr(net, "generation_config", None)
    if gen is not None:
        for key, attr in (("beam", "num_beams"), ("min_length", "min_length"),
                          ("max_length", "max_length"), ("no_repeat_ngram_size", "no_repeat_ngram_size"),
                          ("length_penalty", "length_penalty"), ("early_stopping", "early_stopping")):  # fmt: skip
            value = getattr(gen, attr, None)
            if value is not None:
                decoding[key] = value
    if located.spec is not None:
        decoding.update(located.spec.decoding)
    return Summarizer(
        model=net,
        tokenizer=tokenizer,
        model_id=located.model_id,
        repo=located.repo,
        revision=located.revision,
        device=resolved,
        max_input_tokens=limit,
        max_output_tokens=max(1, positions - 2),
        decoding=decoding,
    )


def model_summary(
    english_text: str,
    *,
    model: str | None = None,
    words: int | None = None,
    sentences: int | None = None,
    device: str = "auto",
    summarizer: Summarizer | None = None,
) -> dict[str, Any]:
    """Summarize an English text (a translation) with a summarization model.

    Text longer than the model's input limit is split on sentence boundaries into chunks that
    fit; the chunk summaries are combined and summarized again until they fit (map-reduce,
    bounded). Nothing is truncated.

    Args:
        english_text: the text to summarize.
        model: registry name or directory (ignored when `summarizer` is given).
        words: about this many words (maps to the new-token limits).
        sentences: keep the first this many sentences of the summary.
        device: "auto", "cpu" or "cuda[:N]".
        summarizer: an already loaded model, to reuse across many texts.

    Returns:
        JSON-ready dict: method "model", model, repo, revision, device, limit, text, words,
        chunks (chunks of the input), rounds, input_tokens, max_input_tokens.
    """
    loaded = summarizer if summarizer is not None else load_summarizer(model, device=device)
    return loaded.summarize(english_text, words=words, sentences=sentences)


# --- summary-only outputs --------------------------------------------------------------------


def summary_record(doc: Document, summary: dict[str, Any]) -> dict[str, Any]:
    """The JSON record of a summary-only output: path, title, summary and provenance.

    Args:
        doc: the (partly) translated document the summary is of.
        summary: what `extractive` or `model_summary` returned.

    Returns:
        JSON-ready dict.
    """
    return {
        "path": doc.path,
        "title": {"source": doc.title.source, "target": doc.title.target},
        "summary": summary,
        "provenance": doc.provenance,
    }


def render_summary(doc: Document, summary: dict[str, Any], fmt: str) -> str:
    """Render a summary-only output as "md", "json" or "txt".

    Args:
        doc: the document the summary is of (its title and provenance are shown).
        summary: what `extractive` or `model_summary` returned.
        fmt: "md", "json" or "txt".

    Returns:
        The text to write, ending with a newline.
    """
    import json

    if fmt == "json":
        return json.dumps(summary_record(doc, summary), ensure_ascii=False, indent=2) + "\n"
    title = " ".join((doc.title.target or doc.title.source).split())
    text = " ".join(str(summary.get("text", "")).split())
    if fmt == "txt":
        return f"{title}\n\n{text}\n"
    if fmt != "md":
        raise ValueError(f"unknown summary format {fmt!r}")
    return f"# {title}\n\n{text}\n\n{_how_made(doc, summary)}\n"


def _how_made(doc: Document, summary: dict[str, Any]) -> str:
    """One Markdown comment saying how the summary was made."""
    prov = doc.provenance or {}
    translation = f"translation {prov.get('model', '?')}"
    if prov.get("revision"):
        translation += f"@{str(prov['revision'])[:12]}"
    if summary.get("method") == "model":
        how = f"model {summary.get('model')}"
        if summary.get("revision"):
            how += f"@{str(summary['revision'])[:12]}"
        how += f", {summary.get('chunks', 1)} chunk(s)"
    else:
        how = f"extractive ({summary.get('ranker', 'textrank+lead')}), "
        how += f"{len(summary.get('sentences', []))} sentence(s)"
    return f"<!-- translate {prov.get('version', '?')}; summary: {how}; {translation} -->"
