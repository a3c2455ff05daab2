"""Find the names (persons, organisations, places) in a Chinese article and propose English.

Pipeline: convert to simplified (same length, so spans map back to the text as written), tokenize
with a private jieba POS tokenizer, let each rule below add candidate spans with an evidence rank,
resolve overlaps (longest strong span wins; nested names are kept when they also occur alone),
then keep one entry per source string in order of first occurrence.

- English in brackets after a name wins: 蔡崇信(Joe Tsai) / 蔡崇信（Joe Tsai） -> "Joe Tsai".
- Persons: a title or role noun before the name (外交部长王毅, 秘书长訚柏, 村民王德福), a title
  after it (陈海大使), a speech verb after it (王毅表示), bylines (记者 孟亚旭, 编辑/赵红信),
  jieba's person tag checked against the surname table and CC-CEDICT's ordinary words
  (高薪, 高达 are not names), and names with a middle dot (唐纳德·特朗普). Chinese names are
  romanized by romanize.person. When the title belongs to a foreign country or body
  (泰国副总理兼外长敦, 缅甸外长丹穗, 联合国秘书长…), or the name is made of transliteration
  characters, it is a foreign name: status "review", target from CC-CEDICT or
  data/foreign_names.tsv when listed, otherwise empty with the would-be pinyin in the note.
  Hong Kong/Macao/Taiwan names (and every pinyin name in a traditional-script article from
  there) are flagged for review too: they are rarely spelled in Hanyu Pinyin.
- Places: data/countries.tsv, CC-CEDICT place names (also 3+ characters jieba cut apart,
  内比都), abbreviation + direction (缅北 -> northern Myanmar), place + facility compounds
  (成都双流国际机场), and jieba's place tag when the word is not ordinary (pinyin, "review").
- Organisations: CC-CEDICT and data/orgs.tsv, anchor + parts + head compounds (泰国国家警察总署,
  老挝公安部, 中国驻缅甸大使馆: English composed right to left from data/org_parts.tsv,
  CC-CEDICT names and glosses, status "review"), jieba's organisation tag when the word ends
  like an organisation, and news furniture (据X报道, 《X日报》, 资料|X Y Z, 著作权归X所有,
  mastheads "X 2024-07-12", 【X记者…】).
- Not reported: abbreviations (中泰, 中缅泰, 缅方), one-character forms, anonymised names (孙某).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.glossary.entry import Entry
from translate.names import cedict, romanize

DATA_DIR = Path(__file__).parent / "data"
ORIGIN = "extract"

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
_STOP_WORDS = frozenset(SPEECH_VERBS + (
    "在", "同", "和", "与", "及", "跟", "向", "对", "于", "为", "是", "的", "到", "就", "也", "又",
    "还", "将", "已", "曾", "等", "时", "兼", "率", "并", "则", "后", "前", "以", "从", "被", "把", "让",
    "给", "来", "去", "会谈", "举行", "召开", "前往", "抵达", "接受", "今天", "昨天", "日前",
    "近日", "周一", "周二", "周三", "周四", "周五", "周六", "周日", "当天", "同日", "此前",
))
# A Chinese given name does not end with these function characters (王毅同 -> 王毅).
_NOT_NAME_END = frozenset("在和与同的了是说对将到等从向就也又还已曾被把让给称为于及并出席见会兼")
_STOP_POS = ("v", "p", "c", "u", "d", "m", "q", "r", "f", "y", "e", "o", "w", "ad", "t", "b", "i", "l")
_PUNCT = re.compile(r"[\s\W_]", re.UNICODE)
_HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NUMERAL_START = tuple("一二三四五六七八九十两几多各诸某本该此")
_DIRECTIONS = {"北": "northern", "南": "southern", "东": "eastern", "西": "western", "中": "central"}
_INTERNATIONAL = (
    "联合国", "欧盟", "东盟", "北约", "世卫组织", "世贸组织", "国际刑警组织", "非盟",
    "世界卫生组织", "世界贸易组织", "国际货币基金组织", "世界银行", "国际原子能机构",
    "国际奥委会", "红十字国际委员会", "欧洲联盟", "欧洲委员会", "欧委会", "北大西洋公约组织",
    "东南亚国家联盟", "非洲联盟", "阿拉伯国家联盟", "阿盟", "石油输出国组织", "欧佩克",
    "国际劳工组织", "联合国教科文组织", "世界经济论坛", "国际足联",
)
_NONPINYIN_REGIONS = ("香港", "澳门", "台湾")
# Second halves of CC-CEDICT definitions such as "Dundee, Scotland" that name a region.
_REGIONS_EN = frozenset((
    "England", "Scotland", "Wales", "Northern Ireland", "Sicily", "Bavaria", "Siberia",
    "California", "Texas", "Florida", "New York", "Pennsylvania", "Louisiana", "Ohio",
    "Ontario", "Quebec", "British Columbia", "Queensland", "New South Wales", "Victoria",
))
_LOCATIVES = ("在", "赴", "到", "抵达", "前往", "飞往", "驶往", "途经", "位于", "来自", "从", "于")
# Characters typical of transliterated foreign names (not of Chinese given names).
_TRANSLIT = frozenset(
    "阿埃艾爱安昂奥澳巴拜班邦鲍贝本比彼毕波伯勃博布查达戴黛丹道德登迪蒂丁东杜顿多厄恩尔法菲费"
    "芬弗福盖甘冈高戈哥格贡古圭哈海汉豪赫亨胡霍基吉加贾杰捷金卡凯坎康考柯科克肯库夸奎拉莱赖兰"
    "朗劳勒雷蕾里利莉列林琳隆卢鲁路伦罗洛马玛迈麦曼芒梅蒙米密明缪摩莫默姆穆纳娜奈南内尼宁纽努"
    "诺帕潘庞佩彭皮珀普奇齐恰乔切钦琼丘萨塞桑瑟森沙莎尚舍什施史斯松苏索塔泰坦汤唐特提廷图托瓦"
    "万旺威韦维温沃乌伍西希锡夏肖谢辛休雅亚扬耶伊因英尤约泽扎詹兹佐"
)
_BYLINE = re.compile(
    r"(?:(?:^|(?<=[\s/／|｜(（【\[]))(?:文|图)|"
    r"(?:记者|特约记者|实习记者|见习记者|通讯员|编辑|责任编辑|责编|编审|审核|审校|校对|终审|"
    r"监制|主编|作者|撰文|摄影|摄|图片|视频|制作|策划|出品))"
    r"\s*[/／:：|｜]?\s*"
    r"(?P<names>[\u4e00-\u9fff]{2,4}(?:[ \t、，,/／]+[\u4e00-\u9fff]{2,4})*)"
    r"(?=$|[\s)）】\]|｜])",
    re.MULTILINE,
)
_BRACKET_EN = re.compile(r"[(（]\s*(?P<en>[A-Za-z][A-Za-z0-9 .,'’&\-]*[A-Za-z0-9.])\s*[)）]")
_DOTTED = re.compile(r"[\u4e00-\u9fff]+(?:[·・•‧][\u4e00-\u9fff]+)+")
_REPORTED_BY = re.compile(
    r"据(?P<x>[^，。,、；;：:\s“”\"《》（）()]{2,14}?)"
    r"(?:网站|官网|客户端|微信公众号|官方微博|微博)?(?:报道|消息|援引|通报|披露|发布)"
)
_BOOK = re.compile(r"《(?P<x>[^《》]{2,14})》")
_SOURCES = re.compile(
    r"^[ \t]*(?:资料|来源|综合|素材来源|信息来源|资料来源)[ \t]*[|｜:：/][ \t]*(?P<x>.+)$",
    re.MULTILINE,
)
_MASTHEAD = re.compile(
    r"^[ \t]*(?P<x>[\u4e00-\u9fff]{2,12}?)(?:客户端|APP|网站|官网|微信公众号)?[ \t]+"
    r"\d{4}[-/.年]\d{1,2}",
    re.MULTILINE,
)
_DATELINE = re.compile(r"(?:【|^|\n)(?P<x>[\u4e00-\u9fff]{2,10}?)(?:记者|讯|消息)")
_PLACE_DATELINE = re.compile(
    r"(?:^|\n)[ \t]*(?P<x>[\u4e00-\u9fff]{1,8}?(?:日报|晚报|时报|早报|报|社|网|新闻))"
    r"[\u4e00-\u9fff]{2,5}\d{1,2}月\d{1,2}日(?:电|讯)"
)
_COPYRIGHT = re.compile(r"(?:著作权|版权)(?:均)?归(?P<x>[^，。,、\s]{2,14}?)(?:独家)?所有")
_MEDIA_SUFFIXES = (
    "日报", "晚报", "时报", "早报", "周刊", "报", "新闻", "新媒体", "卫视", "电视台", "广播电台",
    "通讯社", "社", "网", "杂志", "客户端",
)
_GENERIC_SOURCES = frozenset((
    "媒体", "官方", "外媒", "当地媒体", "报道", "知情人士", "消息人士", "统计", "了解", "悉", "介绍",
    "调查", "新闻", "网络", "网友", "记者", "本报", "本网", "公开资料", "有关报道", "相关报道",
))
# Organisation head words: a token equal to one of these ends an organisation compound.
_ORG_HEADS = (
    "部", "委", "委员会", "中心", "总署", "总局", "警察局", "公安局", "公安厅", "总部", "局", "署",
    "厅", "办", "办公室", "办公厅", "政府", "人民政府", "法院", "人民法院", "检察院", "大使馆",
    "使馆", "领事馆", "总领事馆", "银行", "集团", "公司", "有限公司", "大学", "学院", "研究院",
    "研究所", "协会", "基金会", "联合会", "日报", "报", "社", "通讯社", "电视台", "卫视", "新媒体",
    "移民局", "海关", "军", "军队", "警察总署", "政法委", "理事会", "安理会", "大会", "事务所",
    "律师事务所", "实验室", "股份有限公司", "控股有限公司", "有限责任公司",
)
_PLACE_AFTER = ("街道", "街", "路", "镇", "乡", "村", "县", "区", "市", "省", "州", "山", "河", "湖",
                "江", "岛", "桥", "港", "站", "社区", "小区", "大道", "公司", "集团", "日报", "报",
                "律师", "事务所", "科技", "股份", "控股", "证券", "银行", "实验室")
_ORG_END_CHARS = ("部", "委", "局", "署", "厅", "院", "会", "社", "报", "网", "台", "党", "军", "行",
                  "司", "团", "所", "校", "处", "办", "组织", "中心", "联盟", "政府", "总部", "卫视",
                  "新闻", "大学", "学院", "银行", "集团", "公司", "协会", "基金会", "队", "馆")
# Role nouns that introduce a name like a title (村民王德福, 首席预报员李静).
_ROLE_ENDINGS = ("员", "长", "官", "师", "家", "手", "生", "民", "警", "工")
_NOT_ROLES = frozenset(("国家", "大家", "人家", "全家", "自家", "专家组", "人民", "国民", "全民", "先生",
                        "成员", "人员", "官员", "部长", "首长", "增长", "成长", "延长", "家长", "学生会"))
_NAME_LIST = re.compile(
    r"(?P<names>[\u4e00-\u9fff]{2,6}(?:、[\u4e00-\u9fff]{2,4})*)等(?=[0-9一二三四五六七八九十两几多数\u4e00-\u9fff])"
)
_LIST_ROLES = frozenset(("专家", "学者", "官员", "人士", "代表", "领导", "嘉宾", "负责人", "同志",
                         "委员", "同学", "艺术家", "企业家", "运动员"))
_COMPANY_HEADS = ("有限公司", "有限责任公司", "集团", "公司", "科技", "律师事务所", "事务所")
_COMPANY_TAILS = ("集团控股有限公司", "控股有限公司", "股份有限公司", "有限责任公司", "技术有限公司",
                  "有限公司", "控股集团")
_GROUP_OF = re.compile(r"(?<![0-9一二三四五六七八九十])(?P<n>[二三四五六七八九十]{1,3})国集团")
_NUMBERS = {"二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_PLACE_HEADS = ("机场", "国际机场", "大桥", "火车站", "高铁站", "车站", "口岸", "港口", "港", "广场", "公园",
                "街道", "开发区", "新区", "高新区", "自贸区", "工业园", "大坝", "水库")
_ORG_ANCHORS = ("国家", "中央", "全国", "国务院", "中共中央", "最高")
# fmt: on


@dataclass(frozen=True)
class Country:
    """One row of data/countries.tsv."""

    name: str
    english: str
    adjective: str
    abbreviations: tuple[str, ...]
    domestic: bool


@dataclass(frozen=True)
class _Data:
    countries: dict[str, Country]
    abbreviations: dict[str, Country]
    curated: dict[str, tuple[str, str]]  # chinese -> (english, type)
    parts: dict[str, str]
    foreign: dict[str, str]
    max_country: int
    country_names: frozenset[str] = frozenset()  # English names of countries and big regions
    central: dict[str, str] = dataclasses.field(default_factory=dict)  # central bodies -> English
    places: dict[str, str] = dataclasses.field(default_factory=dict)  # provinces, capitals


def _tsv(name: str) -> Iterable[list[str]]:
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@functools.lru_cache(maxsize=1)
def _data() -> _Data:
    countries: dict[str, Country] = {}
    abbreviations: dict[str, Country] = {}
    for row in _tsv("countries.tsv"):
        row += [""] * (5 - len(row))
        country = Country(
            row[0],
            row[1],
            row[2] or row[1],
            tuple(row[3].split(",")) if row[3] else (),
            row[4] == "1",
        )
        countries[country.name] = country
        for abbr in country.abbreviations:
            for ch in abbr if len(abbr) > 1 and abbr == "中华" else [abbr]:
                abbreviations.setdefault(ch, country)
    curated = {row[0]: (row[1], row[2] if len(row) > 2 else "org") for row in _tsv("orgs.tsv")}
    parts = {row[0]: row[1] for row in _tsv("org_parts.tsv")}
    foreign = {row[0]: row[1] for row in _tsv("foreign_names.tsv")}
    english = frozenset(c.english for c in countries.values()) | _REGIONS_EN
    central = {row[0]: row[1] for row in _tsv("central_bodies.tsv")}
    places: dict[str, str] = {}
    for row in _tsv("provinces.tsv"):
        row += [""] * (5 - len(row))
        places[row[0]] = row[1]
        if row[2] == "province":
            places[row[0] + "省"] = row[1] + " Province"
        elif row[2] == "municipality":
            places[row[0] + "市"] = row[1]
        if row[3]:
            places[row[3]] = places[row[3] + "市"] = row[4]
    return _Data(
        countries,
        abbreviations,
        curated,
        parts,
        foreign,
        max(map(len, countries)),
        english,
        central,
        places,
    )


@functools.lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """A private jieba POS tokenizer (not jieba's global one), created on first use (~1 s)."""
    import jieba.posseg

    from translate.text.wordseg import private_tokenizer

    base = private_tokenizer()  # its own copy: titles and central bodies are added below
    tokenizer = jieba.posseg.POSTokenizer(base)
    tokenizer.initialize()
    for word in TITLES:
        base.add_word(word, freq=2000, tag="n")
    for word in _data().central:  # 国家金融监督管理总局|局长, not 总局局长
        base.add_word(word, freq=5000, tag="nt")
    return tokenizer


@dataclass
class _Token:
    text: str
    start: int
    end: int
    pos: str


@dataclass
class _Cand:
    start: int
    end: int
    type: str
    target: str
    status: str
    note: str
    rank: int  # lower is stronger evidence
    text: str = ""


def _simplify(text: str) -> str:
    """Simplified text with the same length as the input, so spans map back to the original."""
    from translate.text.script import to_simplified

    simple = to_simplified(text)
    if len(simple) == len(text):
        return simple
    return "".join(s if len(s := to_simplified(ch)) == 1 else ch for ch in text)


def _tokens(simple: str) -> list[_Token]:
    out: list[_Token] = []
    pos = 0
    for pair in _tokenizer().cut(simple):
        word, flag = pair.word, pair.flag
        out.append(_Token(word, pos, pos + len(word), flag))
        pos += len(word)
    return out


def _is_punct(text: str) -> bool:
    return not text or bool(_PUNCT.fullmatch(text[:1]))


class _Article:
    """One article being analysed: simplified text, tokens, and the candidates found."""

    def __init__(self, text: str, *, curated: bool) -> None:
        self.original = text
        self.text = _simplify(text)
        self.tokens = _tokens(self.text)
        self.starts = {t.start: i for i, t in enumerate(self.tokens)}
        self.ends = {t.end: i for i, t in enumerate(self.tokens)}
        self.data = _data()
        self.use_curated = curated
        self.cands: list[_Cand] = []
        self.dotted_parts: set[str] = set()  # parts of dotted foreign names (西里尔, 拉马福萨)
        self.short_forms: dict[str, str] = {}  # last part -> full dotted name

    # -- helpers -------------------------------------------------------------------------------

    def add(
        self, start: int, end: int, type_: str, target: str, status: str, note: str, rank: int
    ) -> None:
        if end - start < 1:
            return
        if start > 0 and self.text[start - 1].isdigit() and self.text[start] in "年月日时号":
            return  # a date fragment (3月5日电), not a name
        if (
            type_ == "org"
            and self.text[end : end + 1] == "长"
            and self.text[end - 1] in "部局厅署委"
        ):
            return  # 外交部长, 公安局长: a title, not a mention of the ministry
        self.cands.append(
            _Cand(start, end, type_, target, status, note, rank, self.text[start:end])
        )

    def pieces_from(self, pos: int) -> list[_Token]:
        """Tokens from char position ``pos`` on, the first one cut to start at ``pos``."""
        out: list[_Token] = []
        for tok in self.tokens:
            if tok.end <= pos:
                continue
            if tok.start < pos:
                out.append(_Token(tok.text[pos - tok.start :], pos, tok.end, tok.pos))
            else:
                out.append(tok)
            if len(out) > 8:
                break
        return out

    def pieces_before(self, pos: int) -> list[_Token]:
        """Tokens ending at or before ``pos`` (the last one cut to end at ``pos``), nearest first."""
        out: list[_Token] = []
        for tok in reversed(self.tokens):
            if tok.start >= pos:
                continue
            if tok.end > pos:
                out.append(_Token(tok.text[: pos - tok.start], tok.start, pos, tok.pos))
            else:
                out.append(tok)
            if len(out) > 8:
                break
        return out

    # -- persons -------------------------------------------------------------------------------

    def owner_of_title(self, start: int) -> Country | str | None:
        """The country (or international body) a title at ``start`` belongs to, if stated.

        Looks back over the words before the title up to a verb, preposition, name or punctuation
        (会见缅甸外长 -> Myanmar); in X驻Y大使 the owner is X.
        """
        window = ""
        for piece in self.pieces_before(start):
            word = piece.text
            if _is_punct(word) or len(window) + len(word) > 16:
                break
            is_country = any(word.endswith(c) or word.startswith(c) for c in self.data.countries)
            if (
                word != "驻"
                and not is_country
                and piece.pos.startswith(("v", "nr", "p", "c", "u", "r", "m"))
            ):
                break
            window = word + window
        if "驻" in window:
            window = window[: window.index("驻")]
        best: Country | str | None = None
        best_pos = -1
        for i in range(len(window)):
            for size in range(min(self.data.max_country, len(window) - i), 1, -1):
                country = self.data.countries.get(window[i : i + size])
                if country is not None and window[i + size : i + size + 1] == "族":
                    break  # 延边朝鲜族自治州: an ethnic group in a Chinese place name
                if country is not None:
                    if i > best_pos:
                        best, best_pos = country, i
                    break
        for body in _INTERNATIONAL:
            pos = window.rfind(body)
            if pos > best_pos:
                best, best_pos = body, pos
        return best

    def name_run(self, pos: int, max_len: int) -> _Token | None:
        """A foreign name's token run from ``pos``: stops at punctuation, verbs and particles.

        One-character pieces are kept (transliterations are often cut into single characters)
        unless they are function words.
        """
        text = ""
        end = pos
        for piece in self.pieces_from(pos):
            word = piece.text
            if _is_punct(word) or word in _STOP_WORDS or not _HANZI.match(word):
                break
            if any(word.startswith(t) for t in TITLES):
                break
            if len(word) > 1 and text and piece.pos.startswith(_STOP_POS):
                break
            if len(word) > 1 and piece.pos.startswith(("v", "p", "c", "u", "d", "r", "i", "l")):
                break
            if len(text) + len(word) > max_len:
                break
            if len(text) >= 2 and len(word) >= 2 and word[0] in _NOT_NAME_END | {"时"}:
                break  # 蒂尔克|时说
            if text and (
                (len(text) >= 2 and self.known_person(text))
                or (len(word) >= 3 and cedict.is_common_word(word))
                or (len(text) >= 2 and len(word) >= 2 and cedict.is_common_word(word))
            ):
                break  # 普京|当地时间
            text += word
            end = piece.end
        return _Token(text, pos, end, "nr") if text else None

    def known_person(self, name: str) -> bool:
        """Whether CC-CEDICT or the known-names list has ``name`` as a person."""
        noun = cedict.lookup(name, "person")
        return name in self.data.foreign or bool(noun and noun.kind == "person")

    def name_after(self, pos: int) -> _Token | None:
        """A Chinese name starting at ``pos`` (after a title): surname + 1-2 characters.

        The longer reading wins when it ends on a word boundary and not on a function character
        (书记陈文清主持 -> 陈文清; 秘书长訚柏到 -> 訚柏; 大使陈海在 -> 陈海).
        """
        table = romanize.surnames()
        text = self.text
        for sur_len in (2, 1):
            surname = text[pos : pos + sur_len]
            if len(surname) < sur_len or surname not in table.reading:
                continue
            if sur_len == 2 and surname not in table.compound:
                continue
            for given_len in (2, 1):
                end = pos + sur_len + given_len
                name = text[pos:end]
                if end > len(text) or not all(_HANZI.match(ch) for ch in name):
                    continue
                if name[sur_len:] in _STOP_WORDS or "某" in name[sur_len:]:
                    continue  # 孙某: an anonymised name, not one to put in a glossary
                if given_len == 2 and self.starts_word(end - 1):
                    continue  # 宗良认为: 认 starts the verb 认为
                if name[-1] in _NOT_NAME_END and not self.strong_boundary(end):
                    continue  # 王毅同泰国: 同 is a preposition here; 王大同议员: part of the name
                if cedict.is_common_word(name) or not self.boundary_after(end):
                    continue
                if self.not_a_person(name):
                    continue
                if surname not in table.common and (
                    pos not in self.starts or end not in self.starts
                ):
                    continue  # a rare surname needs jieba to agree on both boundaries
                return _Token(name, pos, end, "nr")
        return None

    def starts_word(self, pos: int) -> bool:
        """Whether a speech verb or another stop word of 2+ characters starts at ``pos``."""
        rest = self.text[pos : pos + 4]
        return any(rest.startswith(w) for w in _STOP_WORDS if len(w) >= 2)

    def strong_boundary(self, end: int) -> bool:
        """Punctuation, a title, a role noun or a speech verb follows ``end``."""
        text = self.text
        if end >= len(text) or _is_punct(text[end]):
            return True
        rest = text[end : end + 6]
        if any(rest.startswith(w) for w in SPEECH_VERBS) or any(rest.startswith(t) for t in TITLES):
            return True
        index = self.starts.get(end)
        tok = self.tokens[index] if index is not None else None
        return bool(tok and self.is_role(tok))

    def is_role(self, tok: _Token) -> bool:
        """A role noun that introduces a name like a title (村民, 首席预报员, 议员, 专家)."""
        text = tok.text
        if len(text) < 2 or not tok.pos.startswith("n") or text in _NOT_ROLES:
            return False
        return text.endswith(_ROLE_ENDINGS) or (len(text) >= 3 and text.endswith("人"))

    def boundary_after(self, end: int) -> bool:
        """Whether a name may end at ``end``: punctuation, a stop word, or a real word follows."""
        text = self.text
        if end >= len(text) or _is_punct(text[end]) or not _HANZI.match(text[end]):
            return True
        rest = text[end : end + 6]
        if any(rest.startswith(w) for w in _STOP_WORDS) or any(rest.startswith(t) for t in TITLES):
            return True
        index = self.starts.get(end)
        if index is None:
            return False
        tok = self.tokens[index]
        return len(tok.text) >= 2 or tok.pos.startswith(_STOP_POS)

    def not_a_person(self, name: str) -> bool:
        """CC-CEDICT or the country table knows ``name`` as a place or organisation (莫斯科)."""
        if name in self.data.countries:
            return True
        found = cedict.lookup_all(name)
        return bool(found) and not any(n.kind == "person" for n in found)

    def chinese_name(self, run: _Token, *, strong: bool) -> _Token | None:
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
            return _Token(cand, run.start, run.start + size, run.pos)
        return None

    def add_person(self, start: int, end: int, rank: int, why: str) -> None:
        """Add a person found by rule ``why``: pinyin, CC-CEDICT, or the foreign-name path."""
        name = self.text[start:end]
        known = cedict.lookup(name, "person")
        if self.looks_foreign(name) and not known:
            self.add_foreign(start, end, rank, None)
            return
        if known is not None and known.kind == "person" and known.english:
            pinyin = romanize.person(name)
            if known.english.replace(" ", "").lower() == pinyin.replace(" ", "").lower():
                self.add(start, end, "person", pinyin, "suggested", "CC-CEDICT", rank)
                return
            # CC-CEDICT knows this spelling as someone else (a foreign or Hong Kong name).
            self.add(
                start,
                end,
                "person",
                known.english,
                "review",
                "CC-CEDICT; check it is this person",
                rank,
            )
            return
        self.add(
            start,
            end,
            "person",
            romanize.person(name),
            "suggested" if rank <= 4 else "review",
            f"pinyin ({why})",
            rank,
        )

    def looks_foreign(self, name: str) -> bool:
        """A middle dot, a known foreign name, or only transliteration characters (3+)."""
        if "·" in name or "・" in name or name in self.data.foreign:
            return True
        table = romanize.surnames()
        if len(name) >= 3 and name[:2] not in table.compound and not cedict.is_common_word(name):
            return all(ch in _TRANSLIT for ch in name) and (
                len(name) >= 4 or name[0] not in table.common
            )
        return False

    def add_foreign(self, start: int, end: int, rank: int, owner: Country | str | None) -> None:
        name = self.text[start:end]
        if len(name) >= 2:
            self.dotted_parts.update(re.split(r"[·・•‧]", name))
        known = cedict.lookup(name, "person")
        whose = ""
        if isinstance(owner, Country):
            whose = f" ({owner.adjective})"
        if isinstance(owner, Country) and owner.domestic:
            target = known.english if known and known.kind == "person" else romanize.person(name)
            note = f"{owner.english} name: usually not romanized in Hanyu Pinyin; check"
            self.add(start, end, "person", target, "review", note, rank)
            return
        if known is not None and known.kind == "person" and known.english:
            self.add(
                start,
                end,
                "person",
                known.english,
                "review",
                f"foreign name{whose}; CC-CEDICT: check",
                rank,
            )
            return
        if name in self.data.foreign:
            self.add(
                start,
                end,
                "person",
                self.data.foreign[name],
                "review",
                f"foreign name{whose}; known-names list: check",
                rank,
            )
            return
        last = re.split(r"[·・•‧]", name)[-1]
        part = cedict.lookup(last, "person")
        if last != name and part is not None and part.kind == "person" and part.english:
            self.add(
                start,
                end,
                "person",
                part.english,
                "review",
                f"foreign name{whose}; CC-CEDICT ({last}): check",
                rank,
            )
            return
        note = f"foreign name{whose} in Chinese transliteration: check (pinyin would read {romanize.person(name)!r})"
        self.add(start, end, "person", "", "review", note, rank)

    def find_titles(self) -> None:
        titles = sorted(TITLES, key=len, reverse=True)
        pattern = re.compile("|".join(map(re.escape, titles)))
        for m in pattern.finditer(self.text):
            if m.end() not in self.starts and m.end() < len(self.text):
                continue  # the title is part of a longer word (委员会, 主任务)
            self.name_around_title(m.start(), m.end(), 1)
        for tok in self.tokens:  # role nouns: 村民王德福, 首席预报员李静, 议员邓嘉欣
            text = tok.text
            if text not in TITLES and self.is_role(tok):
                self.name_around_title(tok.start, tok.end, 2, before=False)

    def name_around_title(self, start: int, end: int, rank: int, *, before: bool = True) -> None:
        """Add the person named right after (or before) a title occupying start..end."""
        owner = self.owner_of_title(start)
        nonpinyin = isinstance(owner, Country) and owner.name in _NONPINYIN_REGIONS
        foreign = owner is not None and not (isinstance(owner, Country) and owner.domestic)
        if foreign:
            run = self.name_run(end, 8)
            if run is not None and not (len(run.text) > 1 and cedict.is_common_word(run.text)):
                self.add_foreign(run.start, run.end, rank, owner)
        else:
            name = self.name_after(end)
            if name is None:  # no Chinese name here; a transliterated one (总统泽连斯基)?
                run = self.name_run(end, 8)
                if run is not None and len(run.text) >= 3 and self.looks_foreign(run.text):
                    self.add_foreign(run.start, run.end, rank, None)
                return
            if nonpinyin:
                self.add_foreign(name.start, name.end, rank, owner)
            elif name is not None:
                self.add_person(name.start, name.end, rank, "title")
        if not before:
            return
        # Name before the title (陈海大使, 丹穗外长).
        pieces = self.pieces_before(start)
        if pieces and not _is_punct(pieces[0].text):
            tok = pieces[0]
            if 2 <= len(tok.text) <= 3 and tok.pos.startswith("nr"):
                name = self.chinese_name(tok, strong=False)
                if name is not None and name.end == start:
                    self.add_person(name.start, name.end, 3, "title")

    def find_lists(self) -> None:
        """Names listed before 等 and a role noun: 欧阳文华、司马健等专家认为, 王明等3名代表."""
        for m in _NAME_LIST.finditer(self.text):
            after = m.end()
            rest = self.text[after:]
            skip = re.match(r"[0-9一二三四五六七八九十两几多数]*[名位个]?", rest)
            pos = after + (skip.end() if skip else 0)
            index = self.starts.get(pos)
            tok = self.tokens[index] if index is not None else None
            if not (
                self.text[pos : pos + 1] == "人"
                or (tok is not None and (tok.text in _LIST_ROLES or self.is_role(tok)))
            ):
                continue
            pos = m.start("names")
            for part in re.split(r"(、)", m.group("names")):
                if part != "、":
                    self.listed_name(pos, pos + len(part))
                pos += len(part)

    def listed_name(self, start: int, end: int) -> None:
        """The longest Chinese name ending at ``end`` and starting on a word boundary."""
        for size in (4, 3, 2):
            begin = end - size
            if begin < start or (begin != start and begin not in self.starts):
                continue
            text = self.text[begin:end]
            tok = _Token(text, begin, end, "nr")
            name = self.chinese_name(tok, strong=True)
            if name is None or name.text != text or cedict.is_common_word(text):
                continue
            self.add_person(begin, end, 2, "listed before 等 and a role")
            return

    def spread_persons(self) -> None:
        """A Chinese name found with good evidence is the same name at its other occurrences."""
        covered = {(c.start, c.end) for c in self.cands if c.type == "person"}
        found: dict[str, _Cand] = {}
        for cand in self.cands:
            if cand.type != "person" or cand.rank > 4 or not 2 <= len(cand.text) <= 4:
                continue
            if not all(_HANZI.match(ch) for ch in cand.text):
                continue
            if cand.text not in found or cand.rank < found[cand.text].rank:
                found[cand.text] = cand
        for text, cand in found.items():
            for m in re.finditer(re.escape(text), self.text):
                if (m.start(), m.end()) not in covered:
                    self.add(m.start(), m.end(), "person", cand.target, cand.status, cand.note, 3)

    def find_speech(self) -> None:
        verbs = re.compile("|".join(map(re.escape, sorted(SPEECH_VERBS, key=len, reverse=True))))
        for m in verbs.finditer(self.text):
            if m.start() not in self.ends:
                continue
            tok = self.tokens[self.ends[m.start()]]
            if not 2 <= len(tok.text) <= 4 or not tok.pos.startswith("nr"):
                continue
            name = self.chinese_name(tok, strong=False)
            if name is not None and name.text == tok.text:
                self.add_person(tok.start, tok.end, 3, "speech verb")

    def find_bylines(self) -> None:
        for m in _BYLINE.finditer(self.text):
            pos = m.start("names")
            for part in re.split(r"([ \t、，,/／]+)", m.group("names")):
                if part and not re.fullmatch(r"[ \t、，,/／]+", part):
                    tok = _Token(part, pos, pos + len(part), "nr")
                    name = self.chinese_name(tok, strong=True)
                    if name is not None and name.text == part:
                        self.add_person(pos, pos + len(part), 1, "byline")
                pos += len(part)

    def find_dotted(self) -> None:
        """Transliterated names with a middle dot (美国总统唐纳德·特朗普表示 -> 唐纳德·特朗普)."""
        for m in _DOTTED.finditer(self.text):
            start, end = m.start(), m.end()
            first_dot = next(i for i in range(start, end) if self.text[i] in "·・•‧")
            last_dot = max(i for i in range(start, end) if self.text[i] in "·・•‧")
            while start < first_dot and not all(
                ch in _TRANSLIT for ch in self.text[start:first_dot]
            ):
                start += 1  # trim the title or place in front (美国总统)
            stop = last_dot + 1
            while stop < end and self.text[stop] in _TRANSLIT:
                stop += 1
            stop = max(stop, self.surname_run(last_dot + 1, end))
            if start < first_dot and stop > last_dot + 1:
                self.add_foreign(start, stop, 1, None)
                self.dotted_parts.update(re.split(r"[·・•‧]", self.text[start:stop]))
                last = re.split(r"[·・•‧]", self.text[start:stop])[-1]
                if len(last) >= 2:
                    self.short_forms[last] = self.text[start:stop]

    def surname_run(self, pos: int, end: int) -> int:
        """End of the last part of a dotted name from ``pos``: whole jieba words up to a stop
        (涅边贾说 -> 涅边贾, even with characters outside the transliteration table)."""
        stop = pos
        for piece in self.pieces_from(pos):
            word = piece.text
            if piece.start != stop or piece.end > end or not _HANZI.match(word):
                break
            if word in _STOP_WORDS or any(word.startswith(t) for t in TITLES):
                break
            if len(word) > 1 and (cedict.is_common_word(word) or piece.pos.startswith(_STOP_POS)):
                break
            if len(word) == 1 and word in _NOT_NAME_END:
                break
            if piece.end - pos > 6:
                break
            stop = piece.end
        return stop

    def find_short_forms(self) -> None:
        """The last part of a dotted name standing alone later (拉马福萨表示): the same person."""
        for last, full in self.short_forms.items():
            for m in re.finditer(re.escape(last), self.text):
                before = self.text[m.start() - 1] if m.start() else ""
                if before in "·・•‧" or (before and _HANZI.match(before) and before in _TRANSLIT):
                    continue
                note = f"foreign name: short form of {full}; check"
                self.add(m.start(), m.end(), "person", "", "review", note, 2)

    def inside_person_name(self, text: str) -> bool:
        """Whether ``text`` is a piece of a dotted foreign name found in this article."""
        return any(text in part for part in self.dotted_parts)

    def find_tagged_persons(self) -> None:
        for tok in self.tokens:
            if not tok.pos.startswith("nr") or not 2 <= len(tok.text) <= 4:
                continue
            if cedict.is_common_word(tok.text):
                continue
            known = cedict.lookup(tok.text, "person")
            if known is not None and known.kind == "person":
                self.add_person(tok.start, tok.end, 4, "jieba")
                continue
            if tok.text in self.data.foreign:
                self.add_foreign(tok.start, tok.end, 4, None)
                continue
            name = self.chinese_name(tok, strong=False)
            if name is None or name.text != tok.text or cedict.is_proper_noun(tok.text):
                continue
            given = romanize.split_surname(tok.text)[1]
            if len(given) > 1 and cedict.is_common_word(given) and not self.cue_after(tok.end):
                continue  # 强降雨: surname-like first character + an ordinary word
            if self.text[tok.end : tok.end + 2].startswith(_PLACE_AFTER):
                continue  # 玉堂街道: part of a place name
            if tok.text[0] in "和与同及跟并" and not self.cue_after(tok.end):
                continue  # 绿色发展和小微企业: a conjunction, not the surname 和
            if len(tok.text) == 3 and cedict.is_common_word(tok.text[:2]):
                continue  # 许可费: an ordinary word + a suffix
            self.add_person(tok.start, tok.end, 6, "jieba person tag")

    def cue_after(self, end: int) -> bool:
        """Whether a speech verb or a name-ending word follows position ``end``."""
        rest = self.text[end : end + 4]
        return any(rest.startswith(v) for v in SPEECH_VERBS) or rest[:1] in "在说称等和与、，,"

    # -- places and organisations --------------------------------------------------------------

    def find_known(self) -> None:
        """Countries, curated names and CC-CEDICT proper nouns on token boundaries (1-4 tokens)."""
        toks = self.tokens
        for i, first in enumerate(toks):
            if _is_punct(first.text):
                continue
            text = ""
            for j in range(i, min(i + 5, len(toks))):
                if _is_punct(toks[j].text) and toks[j].text not in "·":
                    break
                text += toks[j].text
                if len(text) > 16:
                    break
                self.classify_known(first.start, toks[j].end, text, toks[i : j + 1])
            # Country names at the start of a longer token (中国公安部, 缅甸联邦).
            for size in range(min(self.data.max_country, len(first.text) - 1), 1, -1):
                if first.text[:size] in self.data.countries:
                    self.classify_known(first.start, first.start + size, first.text[:size], [first])
                    break

    def find_long_known(self) -> None:
        """CC-CEDICT places/organisations of 3+ characters anywhere (jieba may cut 内比都 apart)."""
        text = self.text
        for i in range(len(text)):
            if not _HANZI.match(text[i]):
                continue
            for size in range(min(12, len(text) - i), 2, -1):
                word = text[i : i + size]
                if not cedict.is_proper_noun(word):
                    continue
                noun = cedict.lookup(word)
                if noun and noun.kind in ("place", "org") and noun.english and not noun.descriptive:
                    self.add(i, i + size, noun.kind, noun.english, "suggested", "CC-CEDICT", 3)
                    break

    def classify_known(self, start: int, end: int, text: str, toks: Sequence[_Token]) -> None:
        if len(text) < 2 or self.is_abbreviation(text):
            return
        if text.startswith(_NUMERAL_START) and text not in self.data.places:
            return  # 四川 is a province; 一二 is not a name
        country = self.data.countries.get(text)
        if country is not None:
            self.add(start, end, "place", country.english, "suggested", "country", 3)
            return
        if text in self.data.central:
            self.add(start, end, "org", self.data.central[text], "suggested", "central body", 2)
            return
        if text in self.data.places:
            self.add(start, end, "place", self.data.places[text], "suggested", "province list", 3)
            return
        if self.use_curated and text in self.data.curated:
            english, type_ = self.data.curated[text]
            self.add(start, end, type_, english, "suggested", "curated list", 2)
            return
        noun = cedict.lookup(text)
        if noun is None or not noun.english or noun.descriptive:
            return
        if text.endswith("市") and len(text) >= 3:  # 臺北市 -> "Taipei" like 臺北, not "Taibei"
            base = cedict.lookup(text[:-1], "place")
            if base is not None and base.kind == "place" and base.english and not base.descriptive:
                noun = base
        if noun.english.startswith("Sino-"):
            return  # 中欧 (in 中欧班列): an adjective, not a place
        kind = noun.kind
        if kind == "other" and (
            self.other_place(noun) or (self.after_locative(start) and not noun.english.isupper())
        ):
            kind = "place"
        if kind == "other" and len(toks) == 1:
            kind = {"ns": "place", "nt": "org", "j": "org"}.get(toks[0].pos, "other")
            if kind == "other" and toks[0].pos == "nz" and cedict.lookup(text, "org"):
                kind = "org"
        if kind == "person":
            if len(toks) == 1 and toks[0].pos.startswith("nr") and not cedict.is_common_word(text):
                self.add_person(start, end, 4, "CC-CEDICT")
            return
        if kind not in ("org", "place"):
            return
        if cedict.is_common_word(text) and not toks[0].pos.startswith(("ns", "nt", "j")):
            return
        self.add(start, end, kind, noun.english, "suggested", "CC-CEDICT", 3)

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

    def after_locative(self, start: int) -> bool:
        """Whether a locative word (在, 前往, 抵达 ...) stands right before ``start``."""
        before = self.text[max(0, start - 2) : start]
        return before.endswith(_LOCATIVES) and not before.endswith(("现在", "正在", "存在"))

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

    def find_tagged_places(self) -> None:
        for tok in self.tokens:
            if tok.pos != "ns" or len(tok.text) < 2 or tok.text.startswith(_NUMERAL_START):
                continue
            text = tok.text
            if self.is_abbreviation(text) or text in self.data.countries:
                continue
            if len(text) == 2 and text[1] in _DIRECTIONS and text[0] in self.data.abbreviations:
                country = self.data.abbreviations[text[0]]
                if not cedict.lookup(text) and not cedict.is_common_word(text):
                    target = f"{_DIRECTIONS[text[1]]} {country.english}"
                    self.add(
                        tok.start,
                        tok.end,
                        "place",
                        target,
                        "suggested",
                        f"{text[0]} = {country.english} + direction",
                        4,
                    )
                    continue
            if cedict.lookup(text) is not None or cedict.is_common_word(text) or len(text) > 4:
                continue
            if self.made_of_words(text) or text[0] in _NOT_NAME_END:
                continue
            if self.inside_person_name(text):
                continue  # 拉马 in 西里尔·拉马福萨: jieba's place guess inside a person's name
            if self.text[tok.end : tok.end + 2].startswith(_MEDIA_SUFFIXES):
                continue  # 北城日报: the name of a newspaper, found elsewhere
            self.add(
                tok.start,
                tok.end,
                "place",
                self.compose_org(text)[0],
                "review",
                "pinyin; not in CC-CEDICT",
                6,
            )

    def made_of_words(self, text: str) -> bool:
        """Whether text splits into ordinary words or function characters (周边地区, 的北)."""
        for i in range(1, len(text)):
            left, right = text[:i], text[i:]
            ok_left = cedict.is_common_word(left) or left in _NOT_NAME_END
            ok_right = cedict.is_common_word(right) or right in _NOT_NAME_END
            if ok_left and ok_right and (len(left) > 1 or len(right) > 1):
                return True
        return False

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

    def add_org(self, start: int, end: int, rank: int, why: str) -> None:
        text = self.text[start:end]
        if text in self.data.central:
            self.add(start, end, "org", self.data.central[text], "suggested", "central body", rank)
            return
        if self.use_curated and text in self.data.curated:
            english, type_ = self.data.curated[text]
            self.add(start, end, type_, english, "suggested", "curated list", rank)
            return
        noun = cedict.lookup(text, "org")
        if noun is not None and noun.english and not noun.descriptive:
            self.add(start, end, "org", noun.english, "suggested", "CC-CEDICT", rank)
            return
        english, used_pinyin = self.compose_org(text)
        note = f"{why}; composed from parts" + (" and pinyin" if used_pinyin else "") + ": check"
        self.add(start, end, "org", english, "review", note, rank)

    def find_org_compounds(self) -> None:
        """Anchor (country, place, 国家, 中央, ...) + up to 3 parts + an organisation head."""
        toks = self.tokens
        for j, head in enumerate(toks):
            is_head = (
                head.text in _ORG_HEADS
                or self.generic_head(head)
                or (
                    len(head.text) >= 2
                    and (
                        cedict.lookup(head.text, "org") is not None or head.text in self.data.parts
                    )
                    and head.text.endswith(
                        ("部", "委", "局", "署", "厅", "院", "办", "中心", "委员会", "总部", "省")
                    )
                )
            )
            if not is_head:
                continue
            best = -1
            for i in range(j - 1, max(-1, j - 6), -1):
                tok = toks[i]
                if (
                    _is_punct(tok.text)
                    or tok.text in _STOP_WORDS
                    or tok.pos.startswith(("p", "c", "u", "m", "r", "d", "t", "f"))
                    or (
                        not tok.text.startswith("驻")
                        and tok.pos.startswith("v")
                        and tok.pos != "vn"
                        and tok.text not in self.data.parts
                    )
                ):
                    break
                if self.is_anchor(tok) or (
                    head.text in ("实验室", "研究院", "研究所", "大学", "学院")
                    and self.is_proper(tok)
                ):
                    best = i
            if best < 0 and head.text.endswith(_COMPANY_HEADS):
                best = self.brand_before(j)
            if best == j - 1 and toks[best].text == "全国" and head.text in _ORG_HEADS:
                continue  # 全国法院: the courts nationwide, not a named body
            if best >= 0:
                self.add_org(toks[best].start, head.end, 2, "organisation compound")

    def brand_before(self, j: int) -> int:
        """Index of a brand or company name before a company head (阿里巴巴|集团, 快数|科技|有限公司)."""
        best = -1
        for i in range(j - 1, max(-1, j - 5), -1):
            tok = self.tokens[i]
            if tok.text in self.data.parts or tok.text in ("股份", "控股", "技术", "网络", "信息"):
                continue
            noun = cedict.lookup(tok.text, "org")
            proper = tok.pos in ("nr", "nrt", "nz", "nt", "ns", "nrfg") or (
                noun is not None and noun.english[:1].isupper()
            )
            if len(tok.text) >= 2 and _HANZI.match(tok.text) and proper:
                best = i
            break
        if best > 0 and self.is_region(self.tokens[best - 1].text.removesuffix("市")):
            best -= 1  # 深圳市快数科技有限公司
        return best

    def find_company_short_forms(self) -> None:
        """Shorter forms of a full company name found here: 阿里巴巴集团控股有限公司 ->
        阿里巴巴集团, 阿里巴巴; 深圳市快数科技有限公司 -> 快数科技."""
        forms: dict[str, str] = {}
        for cand in self.cands:
            if cand.type != "org" or not cand.text.endswith(_COMPANY_TAILS):
                continue
            stem = cand.text
            size = self.leading_place(stem.removesuffix("有限公司"), strict=True)
            if size and stem[size : size + 1] == "市":
                size += 1
            stem = stem[size:]
            for tail in _COMPANY_TAILS:
                if stem.endswith(tail):
                    stem = stem[: -len(tail)]
                    break
            for form in (stem, stem + "集团", stem.removesuffix("技术"), stem.removesuffix("集团")):
                if len(form) >= 2 and form != cand.text and not cedict.is_common_word(form):
                    forms[form] = cand.text
        for form, full in forms.items():
            for m in re.finditer(re.escape(form), self.text):
                if self.text[m.end() : m.end() + 1] in ("有", "控", "股"):
                    continue
                self.add_org(m.start(), m.end(), 3, f"short form of {full}")

    def generic_head(self, tok: _Token) -> bool:
        """An unlisted organisation head word such as 体育局 or 组委会 (not 格局, 南部)."""
        text = tok.text
        if not 2 <= len(text) <= 4 or not tok.pos.startswith(("n", "j")):
            return False
        if not text.endswith(("局", "厅", "署", "委", "部", "院", "办", "委会", "中心", "集团")):
            return False
        return text in self.data.parts or not cedict.is_common_word(text)

    def find_place_compounds(self) -> None:
        """Place + parts + a facility head: 成都双流国际机场, 港珠澳大桥香港口岸."""
        toks = self.tokens
        for j, head in enumerate(toks):
            if head.text not in _PLACE_HEADS:
                continue
            best = -1
            for i in range(j - 1, max(-1, j - 5), -1):
                tok = toks[i]
                if (
                    _is_punct(tok.text)
                    or tok.text in _STOP_WORDS
                    or not tok.pos.startswith(("n", "j", "b"))
                ):
                    break
                if (self.is_anchor(tok) or self.is_proper(tok)) and tok.text not in _ORG_ANCHORS:
                    best = i
            if best >= 0 and best < j - 1 and self.is_region(toks[best].text):
                best += 1  # 柬埔寨|西哈努克港: the country is not part of the port's name
            if best >= 0:
                start, end = toks[best].start, head.end
                english, used_pinyin = self.compose_org(self.text[start:end])
                note = (
                    "place compound; composed from parts"
                    + (" and pinyin" if used_pinyin else "")
                    + ": check"
                )
                self.add(start, end, "place", english, "review", note, 2)

    def is_region(self, text: str) -> bool:
        """A country or a Chinese province-level name (新疆, 柬埔寨)."""
        return text in self.data.countries or text in self.data.places

    def is_proper(self, tok: _Token) -> bool:
        """A name-like token jieba tags as a place or foreign name (霍尔果斯, 西哈努克)."""
        return (
            tok.pos in ("ns", "nrt", "nz")
            and len(tok.text) >= 2
            and bool(_HANZI.match(tok.text))
            and not cedict.is_common_word(tok.text)
        )

    def leading_place(self, text: str, *, strict: bool = False) -> int:
        """Length of a known place at the start of ``text`` (纽约 in 纽约联合国总部), or 0.

        ``strict``: only countries, provinces and CC-CEDICT places (not names of unknown kind
        such as 华为).
        """
        for size in range(min(6, len(text) - 2), 1, -1):
            head = text[:size]
            if self.is_region(head):
                return size
            if strict:
                noun = cedict.lookup(head, "place")
                if noun is not None and noun.kind == "place":
                    return size
                continue
            noun = cedict.lookup(head, "place")
            if (
                noun is not None
                and noun.english
                and not noun.descriptive
                and (noun.kind == "place" or (noun.kind == "other" and noun.english[:1].isupper()))
            ):
                return size
        return 0

    def is_anchor(self, tok: _Token) -> bool:
        text = tok.text
        if text in _ORG_ANCHORS or text in self.data.countries or text in _INTERNATIONAL:
            return True
        if self.is_region(text):
            return True
        if any(
            text.startswith(c) for c in self.data.countries if len(c) >= 2 and len(text) > len(c)
        ) and tok.pos in ("nt", "ns"):
            return True
        noun = cedict.lookup(text)
        return bool(noun and noun.kind == "place" and tok.pos == "ns")

    def find_tagged_orgs(self) -> None:
        for tok in self.tokens:
            if tok.pos != "nt" or len(tok.text) < 2:
                continue
            noun = cedict.lookup(tok.text)
            if noun is not None and noun.kind == "place" and noun.english and not noun.descriptive:
                self.add(tok.start, tok.end, "place", noun.english, "suggested", "CC-CEDICT", 3)
                continue
            known = noun is not None and noun.english and not noun.descriptive
            curated = self.use_curated and tok.text in self.data.curated
            ends_known = any(tok.text.endswith(k) for k in self.data.parts if len(k) >= 2)
            if not (known or curated or ends_known or tok.text.endswith(_ORG_END_CHARS)):
                continue  # 国际航空 (in 国际航空枢纽): jieba's tag alone is not enough
            if cedict.is_common_word(tok.text) and not (curated or tok.text in self.data.central):
                continue  # 商业银行: an ordinary word
            index = self.starts[tok.start]
            prev = self.tokens[index - 1] if index > 0 else None
            if (
                prev is not None
                and self.is_region(prev.text)
                and not tok.text.startswith(_INTERNATIONAL)
            ):
                self.add_org(
                    prev.start, tok.end, 3, "place + organisation"
                )  # 浙江省|杭州市中级人民法院
            size = self.leading_place(tok.text)
            if size and tok.text[size:].startswith(_INTERNATIONAL):
                # 纽约联合国总部: a place + an international body located there, not one name.
                place = tok.text[:size]
                noun = cedict.lookup(place, "place")
                english = self.data.places.get(place) or (noun.english if noun else "")
                if place in self.data.countries:
                    english = self.data.countries[place].english
                self.add(tok.start, tok.start + size, "place", english, "suggested", "CC-CEDICT", 3)
                self.add_org(tok.start + size, tok.end, 3, "organisation after a place")
                continue
            self.add_org(tok.start, tok.end, 4, "jieba organisation tag")

    def find_international_organs(self) -> None:
        """联合国|安理会常任理事国 -> 联合国安理会: a body + an organ jieba joined to more words."""
        for i, tok in enumerate(self.tokens[:-1]):
            if tok.text not in _INTERNATIONAL:
                continue
            nxt = self.tokens[i + 1]
            for size in range(min(8, len(nxt.text) - 1), 1, -1):
                part = nxt.text[:size]
                noun = cedict.lookup(part, "org")
                if part in self.data.parts or (noun is not None and noun.kind == "org"):
                    self.add_org(tok.start, nxt.start + size, 2, "international body + organ")
                    break

    def find_groups(self) -> None:
        """二十国集团 -> "Group of 20", 七国集团 -> "Group of Seven" (jieba cuts 二|十国集团)."""
        for m in _GROUP_OF.finditer(self.text):
            digits = m.group("n")
            if len(digits) == 1:
                n = _NUMBERS[digits]
            elif digits[0] == "十":
                n = 10 + _NUMBERS.get(digits[1], 0)
            else:
                n = _NUMBERS[digits[0]] * 10 + _NUMBERS.get(digits[2:3] or "x", 0)
            self.add(m.start(), m.end(), "org", f"Group of {n}", "suggested", "N国集团", 1)

    def find_media(self) -> None:
        spans: list[tuple[int, int]] = []
        for m in _PLACE_DATELINE.finditer(self.text):  # 浙江日报杭州12月20日讯
            if m.group("x").endswith(_MEDIA_SUFFIXES) and not m.group("x").startswith("本"):
                spans.append(m.span("x"))
        for m in _REPORTED_BY.finditer(self.text):
            spans.append(m.span("x"))
        for m in _BOOK.finditer(self.text):
            if m.group("x").endswith(_MEDIA_SUFFIXES):
                spans.append(m.span("x"))
        for m in _COPYRIGHT.finditer(self.text):
            spans.append(m.span("x"))
        for m in _MASTHEAD.finditer(self.text):
            spans.append(m.span("x"))
        for m in _DATELINE.finditer(self.text):
            if m.group("x").endswith(_MEDIA_SUFFIXES) and not m.group("x").startswith("本"):
                spans.append(m.span("x"))
        for m in _SOURCES.finditer(self.text):
            pos = m.start("x")
            for part in re.split(r"([\s、，,；;/|｜]+)", m.group("x")):
                item = part
                if item.endswith("等"):
                    item = item[:-1]
                if item and not re.fullmatch(r"[\s、，,；;/|｜]+", item):
                    spans.append((pos, pos + len(item)))
                pos += len(part)
        for start, end in spans:
            text = self.text[start:end]
            if text in _GENERIC_SOURCES or not 2 <= len(text) <= 14 or not _HANZI.match(text):
                continue
            stem = text[:-2]
            if text.endswith(("媒体", "方面", "人士")) and (
                self.is_region(stem) or cedict.lookup(stem, "place") is not None
            ):  # 香港媒体: the media there, not the name of one
                continue
            if self.is_abbreviation(text):
                continue
            self.add_org(start, end, 2, "news source")

    def find_brackets(self) -> None:
        for m in _BRACKET_EN.finditer(self.text):
            english = m.group("en").strip()
            pos = m.start()
            if re.fullmatch(r"[A-Z]{2,6}", english):  # 国际货币基金组织（IMF）: an acronym
                ending = [c for c in self.cands if c.end == pos and c.type == "org"]
                if ending:
                    at = m.start("en")
                    self.add(at, at + len(english), "org", english, "suggested", "acronym", 2)
                continue
            while pos > 0 and self.text[pos - 1] in " \t":
                pos -= 1
            ending = [c for c in self.cands if c.end == pos and c.rank <= 6]
            if ending:
                best = min(ending, key=lambda c: (-(c.end - c.start), c.rank))
                self.add(
                    best.start,
                    best.end,
                    best.type,
                    english,
                    "suggested",
                    "English given in text",
                    0,
                )
                continue
            run = ""
            start = pos
            for piece in self.pieces_before(pos):
                if (
                    _is_punct(piece.text)
                    or piece.text in _STOP_WORDS
                    or any(piece.text.endswith(t) for t in TITLES)
                ):
                    break
                if piece.pos.startswith(
                    ("v", "p", "c", "u", "d", "m", "q", "r")
                ) and not piece.pos.startswith("vn"):
                    break
                if len(run) + len(piece.text) > 10:
                    break
                run = piece.text + run
                start = piece.start
            if len(run) < 2 or (cedict.is_common_word(run) and not cedict.is_proper_noun(run)):
                continue
            type_ = "person"
            if run.endswith(_ORG_HEADS) or re.search(
                r"\b(Ministry|Agency|Group|Bank|University|Company|News|Daily|Times|Police|Office|Bureau|Commission|Committee|Council|Association|Inc|Ltd|Corp)\b",
                english,
            ):
                type_ = "org"
            elif run in self.data.countries or getattr(cedict.lookup(run), "kind", "") == "place":
                type_ = "place"
            self.add(start, pos, type_, english, "suggested", "English given in text", 0)

    # -- resolution ----------------------------------------------------------------------------

    def resolve(self) -> list[Entry]:
        """Resolve overlapping candidates, then keep the best evidence per source string.

        Longer spans win over spans inside them (中央政法委员会 over 中央政法委 at the same place),
        except that a weak jieba-only span loses to strong evidence inside it (同丹穗 vs 丹穗);
        crossing spans are decided by evidence rank. A name is reported when at least one of
        its occurrences survives.
        """

        def strength(c: _Cand) -> tuple[int, int]:
            return (c.rank, -(c.end - c.start))

        def beats(cand: _Cand, other: _Cand) -> bool:  # other is at least as long as cand
            if other.start <= cand.start and cand.end <= other.end:
                return other.rank >= 5 and cand.rank <= 3
            return strength(cand) < strength(other)

        accepted: list[_Cand] = []
        for cand in sorted(self.cands, key=lambda c: (-(c.end - c.start), c.rank)):
            clashes = [o for o in accepted if o.start < cand.end and cand.start < o.end]
            if all(beats(cand, o) for o in clashes):
                accepted = [o for o in accepted if o not in clashes]
                accepted.append(cand)
        best: dict[str, _Cand] = {}
        for cand in accepted:
            source = self.original[cand.start : cand.end]
            if source not in best or strength(cand) < strength(best[source]):
                best[source] = cand
        # The strongest evidence for a name may sit at an occurrence that lost an overlap.
        for cand in self.cands:
            source = self.original[cand.start : cand.end]
            chosen = best.get(source)
            if chosen is not None and cand.type == chosen.type and cand.rank < chosen.rank:
                best[source] = cand
        return [
            Entry(source, c.target, c.type, c.status, c.note, ORIGIN)
            for source, c in sorted(best.items(), key=lambda item: self.original.find(item[0]))
        ]


def extract_names(text: str, *, curated: bool = True) -> list[Entry]:
    """Find persons, organisations and places in a Chinese article and propose English for each.

    Args:
        text: the article (simplified or traditional script).
        curated: also use the small curated list of well-known organisations (data/orgs.tsv);
            False measures what the rules alone find.

    Returns:
        Deduplicated entries in order of first occurrence: type person/org/place, status
        "suggested" or "review", target the proposed English ("" when only a person can tell),
        note saying why, origin "extract".
    """
    if not text.strip():
        return []
    article = _Article(text, curated=curated)
    article.find_titles()
    article.find_bylines()
    article.find_dotted()
    article.find_short_forms()
    article.find_speech()
    article.find_tagged_persons()
    article.find_lists()
    article.find_known()
    article.find_long_known()
    article.find_tagged_places()
    article.find_tagged_orgs()
    article.find_org_compounds()
    article.find_place_compounds()
    article.find_groups()
    article.find_international_organs()
    article.find_company_short_forms()
    article.find_media()
    article.find_brackets()
    article.spread_persons()
    return _mark_region(article.resolve(), article.text, text)


_REGION_MARKERS = {
    "Hong Kong": ("香港", "九龙", "新界", "港岛"),
    "Macao": ("澳门", "氹仔"),
    "Taiwan": ("台湾", "台北", "新北", "高雄", "台中", "台南", "桃园"),
}


def _mark_region(entries: list[Entry], simple: str, original: str) -> list[Entry]:
    """In a traditional-script Hong Kong/Macao/Taiwan article, flag pinyin person names.

    Names there are usually spelled in Cantonese or Wade-Giles-style romanization (陳家樂 Chan
    Ka-lok, 陳俊宏 Chen Chun-hung), so a pinyin rendering is only a placeholder to review.
    """
    from translate.text.script import detect_script

    if detect_script(original) != "traditional":
        return entries
    counts = {
        region: sum(simple.count(m) for m in marks) for region, marks in _REGION_MARKERS.items()
    }
    if not any(counts.values()):
        return entries
    for entry in entries:
        if entry.type != "person" or not entry.note.startswith("pinyin"):
            continue
        region = _region_context(simple, to_simplified_same(entry.source, original, simple))
        if region:
            entry.status = "review"
            entry.note += f"; {region} context: names there are usually not spelled in Hanyu Pinyin"
    return entries


# Words in the same clause before a name that tie the person to Hong Kong, Macao or Taiwan.
_REGION_CONTEXT = {
    "Hong Kong": ("香港", "港府", "特区政府", "立法会", "行政会议", "港区", "九龙", "新界"),
    "Macao": ("澳门", "澳府"),
    "Taiwan": (
        "台湾",
        "台北",
        "新北",
        "高雄",
        "台中",
        "台南",
        "桃园",
        "行政院",
        "立法院",
        "民进党",
        "国民党",
        "民众党",
        "陆委会",
    ),
}


def to_simplified_same(source: str, original: str, simple: str) -> str:
    """The simplified form of ``source`` as it stands in the article (same span)."""
    at = original.find(source)
    return simple[at : at + len(source)] if at >= 0 else source


def _region_context(simple: str, name: str) -> str:
    """The region named in the clause before some occurrence of ``name``, or ""."""
    for m in re.finditer(re.escape(name), simple):
        window = re.split(r"[。！？!?；;，,\n]", simple[max(0, m.start() - 20) : m.start()])[-1]
        for region, marks in _REGION_CONTEXT.items():
            if any(mark in window for mark in marks):
                return region
    return ""
