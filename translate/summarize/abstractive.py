"""Model summaries: a seq2seq summarization model (BART) over the English translation.

Long text is cut into chunks under the model's input limit on sentence boundaries and
summarized map-reduce style, never truncated.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from translate.document import BODY, Document
from translate.errors import ConfigError, ModelNotFoundError
from translate.summarize.extractive import english_words
from translate.text.furniture import is_furniture_sentence
from translate.text.segment import split_long

if TYPE_CHECKING:
    from translate.registry import Registry


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


def chunk_sentences(
    sentences: Sequence[str], count_tokens: Callable[[str], int], limit: int
) -> list[str]:
    """Pack sentences, in order, into as few chunks as fit the model's input limit.

    A sentence that alone exceeds the limit is split by `text.segment.split_long` (at clause
    boundaries, then between words), so nothing is dropped
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
            else [p.strip() for p in split_long(sentence, count_tokens, limit) if p.strip()]
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
            "words": english_words(text),
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
    from translate.backends.marian import WEIGHT_ERRORS, resolve_device
    from translate.backends.marian_text import quiet_transformers
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
    except WEIGHT_ERRORS as exc:
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
