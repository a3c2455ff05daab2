"""Chinese persons from bylines, speech verbs, name lists and jieba's person tag."""

from __future__ import annotations

import re

from translate.names import cedict, romanize
from translate.names.article import HANZI, SPEECH_VERBS, Article, Token
from translate.names.candidates import Candidate, candidate, foreign_person, person
from translate.names.scan import occurrences

# fmt: off
_BYLINE = re.compile(
    r"(?:(?:^|(?<=[\s/／|｜(（【\[]))(?:文|图)|"
    r"(?:记者|特约记者|实习记者|见习记者|通讯员|编辑|责任编辑|责编|编审|审核|审校|校对|终审|"
    r"监制|主编|作者|撰文|摄影|摄|图片|视频|制作|策划|出品))"
    r"\s*[/／:：|｜]?\s*"
    r"(?P<names>[\u4e00-\u9fff]{2,4}(?:[ \t、，,/／]+[\u4e00-\u9fff]{2,4})*)"
    r"(?=$|[\s)）】\]|｜])",
    re.MULTILINE,
)
_NAME_LIST = re.compile(
    r"(?P<names>[\u4e00-\u9fff]{2,6}(?:、[\u4e00-\u9fff]{2,4})*)等(?=[0-9一二三四五六七八九十两几多数\u4e00-\u9fff])"
)
_COUNT = re.compile(r"[0-9一二三四五六七八九十两几多数]*[名位个]?")
_LIST_ROLES = frozenset(("专家", "学者", "官员", "人士", "代表", "领导", "嘉宾", "负责人", "同志",
                         "委员", "同学", "艺术家", "企业家", "运动员"))
# A jieba person tag followed by these is the start of a place or company name (玉堂街道).
_PLACE_AFTER = ("街道", "街", "路", "镇", "乡", "村", "县", "区", "市", "省", "州", "山", "河", "湖",
                "江", "岛", "桥", "港", "站", "社区", "小区", "大道", "公司", "集团", "日报", "报",
                "律师", "事务所", "科技", "股份", "控股", "证券", "银行", "实验室")
# fmt: on


def find_bylines(article: Article) -> list[Candidate]:
    """Reporters and editors in bylines (记者 孟亚旭, 编辑/赵红信, 文/图 张三)."""
    found: list[Candidate] = []
    for m in _BYLINE.finditer(article.text):
        pos = m.start("names")
        for part in re.split(r"([ \t、，,/／]+)", m.group("names")):
            if part and not re.fullmatch(r"[ \t、，,/／]+", part):
                tok = Token(part, pos, pos + len(part), "nr")
                name = article.chinese_name(tok, strong=True)
                if name is not None and name.text == part:
                    found += person(article, pos, pos + len(part), 1, "byline")
            pos += len(part)
    return found


def find_speech(article: Article) -> list[Candidate]:
    """Persons jieba tags right before a speech verb (王毅表示, 李强说)."""
    found: list[Candidate] = []
    verbs = re.compile("|".join(map(re.escape, sorted(SPEECH_VERBS, key=len, reverse=True))))
    for m in verbs.finditer(article.text):
        if m.start() not in article.ends:
            continue
        tok = article.tokens[article.ends[m.start()]]
        if not 2 <= len(tok.text) <= 4 or not tok.pos.startswith("nr"):
            continue
        name = article.chinese_name(tok, strong=False)
        if name is not None and name.text == tok.text:
            found += person(article, tok.start, tok.end, 3, "speech verb")
    return found


def find_tagged_persons(article: Article) -> list[Candidate]:
    """Words jieba tags as persons that CC-CEDICT, the known-names list or the surnames confirm."""
    found: list[Candidate] = []
    for tok in article.tokens:
        if not tok.pos.startswith("nr") or not 2 <= len(tok.text) <= 4:
            continue
        if cedict.is_common_word(tok.text):
            continue
        known = cedict.lookup(tok.text, "person")
        if known is not None and known.kind == "person":
            found += person(article, tok.start, tok.end, 4, "jieba")
            continue
        if tok.text in article.data.foreign:
            found += foreign_person(article, tok.start, tok.end, 4, None)
            continue
        name = article.chinese_name(tok, strong=False)
        if name is None or name.text != tok.text or cedict.is_proper_noun(tok.text):
            continue
        given = romanize.split_surname(tok.text)[1]
        if len(given) > 1 and cedict.is_common_word(given) and not _cue_after(article, tok.end):
            continue  # 强降雨: surname-like first character + an ordinary word
        if article.text[tok.end : tok.end + 2].startswith(_PLACE_AFTER):
            continue  # 玉堂街道: part of a place name
        if tok.text[0] in "和与同及跟并" and not _cue_after(article, tok.end):
            continue  # 绿色发展和小微企业: a conjunction, not the surname 和
        if len(tok.text) == 3 and cedict.is_common_word(tok.text[:2]):
            continue  # 许可费: an ordinary word + a suffix
        if article.tagger_denies(tok.start, tok.end, "PER"):
            continue  # jieba's tag alone, against the trained tagger (玉雕, 富春山, 任新)
        found += person(article, tok.start, tok.end, 6, "jieba person tag")
    return found


def _cue_after(article: Article, end: int) -> bool:
    """Whether a speech verb or a name-ending word follows position ``end``."""
    rest = article.text[end : end + 4]
    return any(rest.startswith(v) for v in SPEECH_VERBS) or rest[:1] in "在说称等和与、，,"


def find_lists(article: Article) -> list[Candidate]:
    """Names listed before 等 and a role noun: 欧阳文华、司马健等专家认为, 王明等3名代表."""
    found: list[Candidate] = []
    text = article.text
    for m in _NAME_LIST.finditer(text):
        after = m.end()
        skip = _COUNT.match(text, after)  # matched in place: text[after:] copies the rest
        pos = skip.end() if skip else after
        index = article.starts.get(pos)
        tok = article.tokens[index] if index is not None else None
        if not (
            text[pos : pos + 1] == "人"
            or (tok is not None and (tok.text in _LIST_ROLES or article.is_role(tok)))
        ):
            continue
        pos = m.start("names")
        for part in re.split(r"(、)", m.group("names")):
            if part != "、":
                found += _listed_name(article, pos, pos + len(part))
            pos += len(part)
    return found


def _listed_name(article: Article, start: int, end: int) -> list[Candidate]:
    """The longest Chinese name ending at ``end`` and starting on a word boundary."""
    for size in (4, 3, 2):
        begin = end - size
        if begin < start or (begin != start and begin not in article.starts):
            continue
        text = article.text[begin:end]
        tok = Token(text, begin, end, "nr")
        name = article.chinese_name(tok, strong=True)
        if name is None or name.text != text or cedict.is_common_word(text):
            continue
        return person(article, begin, end, 2, "listed before 等 and a role")
    return []


def spread_persons(article: Article) -> list[Candidate]:
    """Other occurrences of a Chinese name that an earlier rule found with good evidence.

    Reads every person candidate found so far (rank 4 or better, 2-4 Chinese characters).
    """
    # Where a person candidate as strong as a spread one already stands, nothing is added; a
    # weaker one (the tagger's, rank 5) would lose to a place inside it (郑|建华).
    covered = {(c.start, c.end) for c in article.cands if c.type == "person" and c.rank <= 3}
    best: dict[str, Candidate] = {}
    for cand in article.cands:
        if cand.type != "person" or cand.rank > 4 or not 2 <= len(cand.text) <= 4:
            continue
        if not all(HANZI.match(ch) for ch in cand.text):
            continue
        if cand.text not in best or cand.rank < best[cand.text].rank:
            best[cand.text] = cand
    found: list[Candidate] = []
    where = occurrences(article.text, best)  # one pass over the text for all the names
    for text, cand in best.items():
        for start in where[text]:
            end = start + len(text)
            if (start, end) not in covered:
                found += candidate(
                    article, start, end, "person", cand.target, cand.status, cand.note, 3
                )
    return found
