"""The records the article engine works on.

`Document` (title, paragraphs, sentences) is what an article becomes and what outputs render.
`Unit` and `UnitResult` are the plain, picklable records of the translate stage: a unit holds
everything needed to translate it (no reference back to the document), so it can be stored in
a translation memory, batched with other articles' units, or sent to another process.
`Provenance` says how an output was made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Roles a paragraph can have. "body" is article text; the rest is furniture that is translated
# (nothing is dropped) but never ranked for the summary.
BODY = "body"
TITLE = "title"
FURNITURE_ROLES = (
    "publication",  # masthead line such as 北京青年报
    "dateline",  # source + date/time line such as 北京青年报客户端 2023-08-20 20:54
    "byline",  # 文/北京青年报记者 孟亚旭
    "editor",  # 编辑/赵红信
    "copyright",  # 【版权声明】...
    "source",  # 资料 | 新华社 ... / 来源：...
    "related",  # 相关阅读 and the headline list after it
    "heading",  # a short section heading inside the body (共同打击)
    "other",  # comment prompts such as 最新评论
)


@dataclass
class TermReport:
    """One occurrence of a pinned glossary term in a source sentence, and what became of it."""

    source: str
    target: str
    status: str  # "enforced" | "retried" | "spliced" | "missed" | "skipped" (not the term here)
    start: int = 0  # character offset in the sentence source
    detail: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "status": self.status,
            "start": self.start,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class UnitTerm:
    """A pinned glossary term inside a unit: [start, end) in `Unit.text`, as written, and its
    English ("" when the pinned entry has none; enforcement then reports it missed)."""

    source: str
    target: str
    start: int
    end: int


@dataclass(frozen=True)
class Unit:
    """One piece of work for the model: a whole sentence, or a piece of a long one.

    `paragraph` indexes `Document.all_paragraphs()` (0 is the title), `sentence` the sentence in
    it, `piece` the piece in `Sentence.units`; `offset` is where `text` starts in the sentence
    source. `text` is what the model reads (stripped; simplified when the article is in
    traditional script, with the same length so term offsets hold).
    """

    id: str
    text: str
    terms: tuple[UnitTerm, ...] = ()
    tokens: int = 0
    paragraph: int = 0
    sentence: int = 0
    piece: int = 0
    offset: int = 0

    @property
    def key(self) -> tuple[str, tuple[UnitTerm, ...]]:
        """Units with equal keys translate identically (same text, same pinned terms)."""
        return (self.text, self.terms)


@dataclass(frozen=True)
class UnitResult:
    """What became of a unit: its English and a report per pinned term (offsets in `Unit.text`)."""

    id: str
    target: str
    terms: tuple[TermReport, ...] = ()


@dataclass
class Sentence:
    """A source sentence and its translation.

    `units` are the pieces actually sent to the model: one piece normally, several when the
    sentence is longer than the model's input limit. "".join(units) == source, always.
    """

    source: str
    target: str = ""
    units: list[str] = field(default_factory=list)
    unit_targets: list[str] = field(default_factory=list)
    terms: list[TermReport] = field(default_factory=list)
    # Occurrences of a pinned term's characters not taken as the term (王 inside 王国): status
    # "skipped", with the reason; set when the sentence is planned.
    skipped: list[TermReport] = field(default_factory=list)
    # A furniture role for one sentence inside a body paragraph (a dateline opening the lead).
    role: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"source": self.source, "target": self.target}
        if self.role is not None:
            data["role"] = self.role
        if len(self.units) > 1:
            data["units"] = [
                {"source": s, "target": t}
                for s, t in zip(self.units, self.unit_targets, strict=False)
            ]
        if self.terms or self.skipped:
            data["terms"] = [t.to_json() for t in self.all_terms()]
        return data

    def all_terms(self) -> list[TermReport]:
        """Every occurrence of a pinned term's characters: `terms` and `skipped`, by offset."""
        if not self.skipped:
            return list(self.terms)
        return sorted([*self.terms, *self.skipped], key=lambda t: t.start)


@dataclass
class Paragraph:
    """A paragraph of the article: its sentences in order, and its role (body or furniture)."""

    sentences: list[Sentence]
    role: str = BODY

    @property
    def source(self) -> str:
        return "".join(s.source for s in self.sentences)

    @property
    def target(self) -> str:
        return " ".join(s.target for s in self.sentences if s.target)


@dataclass
class Document:
    """An article: title (its first line), then paragraphs, then what later stages add."""

    title: Paragraph
    paragraphs: list[Paragraph]
    path: str | None = None
    encoding: str = "utf-8"
    script: str = "simplified"  # or "traditional"
    summary: dict[str, Any] | None = None
    glossary: list[dict[str, Any]] = field(default_factory=list)
    provenance: Provenance | None = None

    def all_paragraphs(self) -> list[Paragraph]:
        """Title first, then the body paragraphs."""
        return [self.title, *self.paragraphs]

    def all_sentences(self) -> list[Sentence]:
        return [s for p in self.all_paragraphs() for s in p.sentences]

    def terms(self) -> list[TermReport]:
        """The reports of the pinned term occurrences that were enforced (or missed)."""
        return [t for s in self.all_sentences() for t in s.terms]

    def all_terms(self) -> list[TermReport]:
        """Every occurrence of a pinned term's characters: `terms()` and the skipped ones."""
        return [t for s in self.all_sentences() for t in s.all_terms()]


@dataclass
class Provenance:
    """How an output was made (in the spirit of sacrebleu's signature); filled in one place,
    `translate.pipeline.article`, and written into every output."""

    version: str
    backend: str
    model: str
    repo: str | None = None
    revision: str | None = None
    device: str = "cpu"
    decoding: dict[str, Any] = field(default_factory=dict)
    input: dict[str, Any] = field(default_factory=dict)
    units: int = 0
    unique_units: int = 0
    glossary: dict[str, Any] = field(default_factory=dict)
    libraries: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    # Where a translation memory served units: {"path", "units_from_memory", "units_human"}.
    memory: dict[str, Any] = field(default_factory=dict)
    tool: str = "translate"

    def to_json(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "version": self.version,
            "backend": self.backend,
            "model": self.model,
            "repo": self.repo,
            "revision": self.revision,
            "device": self.device,
            "decoding": self.decoding,
            "input": self.input,
            "units": self.units,
            "unique_units": self.unique_units,
            "glossary": self.glossary,
            "libraries": self.libraries,
            "timings": self.timings,
            **({"memory": self.memory} if self.memory else {}),
        }
