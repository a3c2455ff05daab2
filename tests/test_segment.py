"""Segmentation: paragraphs, sentences, and splitting long sentences under a token limit."""

from __future__ import annotations

import io
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translate.text.segment import split_long, split_paragraphs, split_sentences

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEED = SAMPLES / "beijing-youth-daily-2023-08-20.txt"


def chars(text: str) -> int:
    """A fine tokenizer: one token per character plus end-of-sentence."""
    return len(text) + 1


def coarse(text: str) -> int:
    """A coarse tokenizer: two characters per token plus end-of-sentence."""
    return len(text) // 2 + 1


class Counting:
    """Wraps a token counter and records how often and on how much text it was called."""

    def __init__(self, count: Callable[[str], int]) -> None:
        self.count = count
        self.calls = 0
        self.chars = 0

    def __call__(self, text: str) -> int:
        self.calls += 1
        self.chars += len(text)
        return self.count(text)


@pytest.fixture(scope="module")
def sentencepiece_count() -> Callable[[str], int]:
    """A real (tiny) SentencePiece tokenizer trained on the seed article: not monotone."""
    import sentencepiece as spm

    text = SEED.read_text(encoding="utf-8")
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(text.splitlines() * 3),
        model_writer=model,
        vocab_size=800,
        character_coverage=0.98,
        model_type="unigram",
        minloglevel=2,
        hard_vocab_limit=False,
    )
    processor = spm.SentencePieceProcessor(model_proto=model.getvalue())

    def count(piece: str) -> int:
        return len(processor.encode(piece)) + 1  # + </s>

    return count


# ---------------------------------------------------------------------------------------------
# Paragraphs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("标题\n正文一。\n正文二。", ["标题", "正文一。", "正文二。"]),
        ("标题\n\n\n正文一。\n\n", ["标题", "正文一。"]),
        ("标题\r\n正文一。\r\n正文二。\r\n", ["标题", "正文一。", "正文二。"]),
        ("旧式\r换行\r", ["旧式", "换行"]),
        (
            "\u3000\u3000首行缩进的段落。\u3000\n  空格缩进。\t\n",
            ["首行缩进的段落。", "空格缩进。"],
        ),
        ("\ufeff标题\n正文", ["标题", "正文"]),
        ("第一段\u2028第二段\u2029第三段", ["第一段", "第二段", "第三段"]),
        ("  内部  空格　保留  ", ["内部  空格　保留"]),
        ("", []),
        ("\n \n\u3000\n\t\n", []),
        ("\u200b\n\ufeff\u3000\n", []),
    ],
)
def test_split_paragraphs(text: str, expected: list[str]) -> None:
    assert split_paragraphs(text) == expected


def test_seed_paragraphs() -> None:
    paragraphs = split_paragraphs(SEED.read_text(encoding="utf-8"))
    assert paragraphs[:3] == [
        "北京青年报",
        "严厉打击!王毅、陈文清接连提到这一问题,公安部已出手",
        "北京青年报客户端 2023-08-20 20:54",
    ]
    assert paragraphs[-1] == "最新评论"
    assert all(p == p.strip() and "\n" not in p for p in paragraphs)


# ---------------------------------------------------------------------------------------------
# Sentences

SENTENCE_CASES = [
    # Chinese terminators, closers kept with the sentence they close
    ("他说：“我们走吧。”然后离开了。", ["他说：“我们走吧。”", "然后离开了。"]),
    ("他问：“真的吗？！”我说：“真的。”", ["他问：“真的吗？！”", "我说：“真的。”"]),
    ("“你好！”他说。「是嗎？」她問。", ["“你好！”他说。", "「是嗎？」她問。"]),
    ("（注：资料来源于网络。）下一句。", ["（注：资料来源于网络。）", "下一句。"]),
    ("后来呢？！真的……好吧", ["后来呢？！", "真的……", "好吧"]),
    ("他说……我们走。", ["他说……", "我们走。"]),
    ("第一；第二；第三。", ["第一；", "第二；", "第三。"]),
    ("等等⋯⋯然后。", ["等等⋯⋯", "然后。"]),
    ("。。。", ["。。。"]),
    ("？！", ["？！"]),
    # ASCII punctuation in Chinese text (as in the seed article)
    (
        "严厉打击!王毅、陈文清接连提到这一问题,公安部已出手",
        ["严厉打击!", "王毅、陈文清接连提到这一问题,公安部已出手"],
    ),
    ("已抓获5.3万余人!时间线回顾", ["已抓获5.3万余人!", "时间线回顾"]),
    (
        "我国持续打击跨境电信网络诈骗犯罪 传递出哪些信息?",
        ["我国持续打击跨境电信网络诈骗犯罪 传递出哪些信息?"],
    ),
    ('他说:"好的。"然后走了。', ['他说:"好的。"', "然后走了。"]),
    ('第一句。"第二句。"', ["第一句。", '"第二句。"']),
    ("他说:'好的!' 然后走了", ["他说:'好的!' ", "然后走了"]),
    # numbers, versions, URLs, e-mail, book titles are never split
    ("增长了1.5%，达到5.3万人。", ["增长了1.5%，达到5.3万人。"]),
    ("圆周率约为3.14。版本v2.0.1已发布。", ["圆周率约为3.14。", "版本v2.0.1已发布。"]),
    ("价格为 12,345.67 元。下降0.5个百分点。", ["价格为 12,345.67 元。", "下降0.5个百分点。"]),
    (
        "访问 http://www.example.com/a?b=1 了解更多。谢谢！",
        ["访问 http://www.example.com/a?b=1 了解更多。", "谢谢！"],
    ),
    ("详见https://example.org/faq?q=1!然后", ["详见https://example.org/faq?q=1!", "然后"]),
    ("See www.example.com. Then go.", ["See www.example.com. ", "Then go."]),
    ("邮箱 news@example.com 欢迎来信。谢谢", ["邮箱 news@example.com 欢迎来信。", "谢谢"]),
    ("他写了《为什么？》一书。后来呢", ["他写了《为什么？》一书。", "后来呢"]),
    ("《你好！》", ["《你好！》"]),
    ("一个《没有闭合的标题。后面还有。", ["一个《没有闭合的标题。", "后面还有。"]),
    # Latin text: ". " ends a sentence unless it ends an abbreviation or an initial
    ("The U.S. military said so. Then he left.", ["The U.S. military said so. ", "Then he left."]),
    ("Talks with the U.S. Next week, more.", ["Talks with the U.S. Next week, more."]),
    (
        'Mr. Smith went to Washington. He said "Hi!" Then left.',
        ["Mr. Smith went to Washington. ", 'He said "Hi!" ', "Then left."],
    ),
    ("J. K. Rowling wrote it. Done.", ["J. K. Rowling wrote it. ", "Done."]),
    ("e.g. apples and i.e. pears. Fine.", ["e.g. apples and i.e. pears. ", "Fine."]),
    ("Ph.D. students attended. OK.", ["Ph.D. students attended. ", "OK."]),
    (
        "He earned $3.5 million in 2023. Next year, more.",
        ["He earned $3.5 million in 2023. ", "Next year, more."],
    ),
    ("Wait... what? Yes!", ["Wait... what? ", "Yes!"]),
    ("It ended... Then it began.", ["It ended... ", "Then it began."]),
    ("Is it? Yes. No!", ["Is it? ", "Yes. ", "No!"]),
    ('He said "stop." She left.', ['He said "stop." ', "She left."]),
    ("1. 第一条。2. 第二条。", ["1. 第一条。", "2. 第二条。"]),
    ("他来了. 然后走了.", ["他来了. ", "然后走了."]),
    # whitespace stays with the sentence before it; nothing is empty
    ("Trailing spaces.   Next one.", ["Trailing spaces.   ", "Next one."]),
    ("  leading space. Next.", ["  leading space. ", "Next."]),
    ("这是最后一句。   ", ["这是最后一句。   "]),
    ("第一句。\u3000第二句。", ["第一句。\u3000", "第二句。"]),
    ("   ", ["   "]),
    ("", []),
    ("没有标点的一句话", ["没有标点的一句话"]),
    # a closing quote after stray whitespace stays with its sentence; a lone “ joins the one before
    ("他说：“我们走吧。 ”然后离开了。", ["他说：“我们走吧。 ”", "然后离开了。"]),
    ("（注：来源于网络。 ）下一句。", ["（注：来源于网络。 ）", "下一句。"]),
    ('他说。 "下一句。"', ["他说。 ", '"下一句。"']),
    ("他说。“", ["他说。“"]),
    # an ASCII period directly before Hanzi ends a sentence after a non-digit or %
    ("上涨0.2%.下一句", ["上涨0.2%.", "下一句"]),
    ("他来了.然后走了.", ["他来了.", "然后走了."]),
    ("他来了...然后走了", ["他来了...", "然后走了"]),
    ('他说:"好的."然后走了', ['他说:"好的."', "然后走了"]),
    ("他来了.“我们走吧。”", ["他来了.", "“我们走吧。”"]),
    ("圆周率3.14.下一句", ["圆周率3.14.下一句"]),
    ("U.S.军方和Mr.王", ["U.S.军方和Mr.王"]),
    ("访问www.example.cn.然后", ["访问www.example.cn.", "然后"]),
    ("文件report.pdf已发布", ["文件report.pdf已发布"]),
]

# A quotation and the short attribution after it are one sentence ("We must persist," he said.);
# the quotation must open the sentence, and the clause must be short and end in a speech verb.
ATTRIBUTION_CASES = [
    ("“要坚持。”他说。", ["“要坚持。”他说。"]),
    ("“要坚持。”她表示。", ["“要坚持。”她表示。"]),
    ("“要坚持！”王毅强调。", ["“要坚持！”王毅强调。"]),
    (
        "“这次任务的圆满成功，为后续高密度发射积累了经验。”中国航天科技集团有关负责人说。",
        ["“这次任务的圆满成功，为后续高密度发射积累了经验。”中国航天科技集团有关负责人说。"],
    ),
    ("“真的吗？”她问道。", ["“真的吗？”她问道。"]),
    ("“形势严峻。”专家指出。下一句。", ["“形势严峻。”专家指出。", "下一句。"]),
    ("“形势严峻。” 专家认为。 下一句。", ["“形势严峻。” 专家认为。 ", "下一句。"]),
    (
        "「我們希望讓市民搭得更舒服。」市長在記者會上說。",
        ["「我們希望讓市民搭得更舒服。」市長在記者會上說。"],
    ),
    ('"要坚持。"他说。', ['"要坚持。"他说。']),
    ("“要坚持。”他说", ["“要坚持。”他说"]),
    ("“要坚持。”他告诉记者。", ["“要坚持。”他告诉记者。"]),
    # 他说，… : a quotation continues, or a short clause follows
    (
        "“要坚持。”他说，“只有这样才能成功。”下一句。",
        ["“要坚持。”他说，“只有这样才能成功。”", "下一句。"],
    ),
    ("“要坚持。”他说，这很关键。", ["“要坚持。”他说，这很关键。"]),
    ("“要坚持。”他说：“不能放弃。”", ["“要坚持。”他说：“不能放弃。”"]),
    # a quotation of several sentences: “ with the first, ” and the attribution with the last
    ("“第一句。第二句。”他说。", ["“第一句。", "第二句。”他说。"]),
    ("他说：“第一句。第二句。”", ["他说：“第一句。", "第二句。”"]),
    # 他说：“……。” stays one sentence
    ("他说：“要坚持。”", ["他说：“要坚持。”"]),
    ("王毅强调：“要坚持。”下一句。", ["王毅强调：“要坚持。”", "下一句。"]),
    # not attributions: no quotation before, a long clause, not ending in a speech verb, a noun
    ("他说的话很重要。他说。", ["他说的话很重要。", "他说。"]),
    ("今天天气很好。他说的话很重要。", ["今天天气很好。", "他说的话很重要。"]),
    ("“好。”他说的话很重要。", ["“好。”", "他说的话很重要。"]),
    (
        "“要坚持。”他表示，中国将继续推进改革开放，扩大高水平对外开放，为世界经济注入更多动力。",
        [
            "“要坚持。”",
            "他表示，中国将继续推进改革开放，扩大高水平对外开放，为世界经济注入更多动力。",
        ],
    ),
    (
        "“要坚持。”国务院新闻办公室副主任、新闻发言人、外交部部长助理在当天的新闻发布会上表示。",
        [
            "“要坚持。”",
            "国务院新闻办公室副主任、新闻发言人、外交部部长助理在当天的新闻发布会上表示。",
        ],
    ),
    ("“好。”这是一部小说。", ["“好。”", "这是一部小说。"]),
    ("“好。”这一名称。", ["“好。”", "这一名称。"]),
    ("“好。”这是他的介绍。", ["“好。”", "这是他的介绍。"]),
    ("“好。”他说完就走了。", ["“好。”", "他说完就走了。"]),
    # the quotation does not open its sentence: the clause is a sentence of its own
    ("他说：“好。”她说。", ["他说：“好。”", "她说。"]),
]


@pytest.mark.parametrize(("paragraph", "expected"), SENTENCE_CASES)
def test_split_sentences(paragraph: str, expected: list[str]) -> None:
    result = split_sentences(paragraph)
    assert result == expected
    assert "".join(result) == paragraph


@pytest.mark.parametrize(("paragraph", "expected"), ATTRIBUTION_CASES)
def test_quotation_keeps_its_attribution(paragraph: str, expected: list[str]) -> None:
    result = split_sentences(paragraph)
    assert result == expected
    assert "".join(result) == paragraph


def test_seed_sentences() -> None:
    text = SEED.read_text(encoding="utf-8")
    sentences = [s for p in split_paragraphs(text) for s in split_sentences(p)]
    assert "一年前(2022年7月5日),在泰国曼谷,王毅同泰国副总理兼外长敦举行会谈。" in sentences
    assert "当时,双方一致同意,加强网络安全合作,共同打击电信诈骗。" in sentences
    # A quote with two sentences inside: the closing ” stays with the second one.
    assert "中国政府对此高度重视,中国民众对此深恶痛绝。”" in sentences
    assert "已抓获5.3万余人!" in sentences
    for paragraph in split_paragraphs(text):
        assert "".join(split_sentences(paragraph)) == paragraph


ALPHABET = st.sampled_from(
    list("中国王毅外长。！？；…，、：“”「」（）《》 \u3000")
    + list("abcXYZ019.!?;,:'\"() \t")
    + ["e\u0301", "http://x.cn/a?b=1", "U.S.", "5.3", "……", "？！", "。”", "ab@cd.com"]
)


SENTENCE_ALPHABET = st.one_of(
    ALPHABET,
    st.sampled_from(
        ["他说", "王毅表示", "说", "的", "”他说。", "%.", ".", "小说", "0.2%.下", "“好。”"]
    ),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(SENTENCE_ALPHABET, max_size=60).map("".join))
def test_split_sentences_never_drops_text(paragraph: str) -> None:
    result = split_sentences(paragraph)
    assert "".join(result) == paragraph
    assert all(result)
    assert (result == []) == (paragraph == "")
    # no sentence after the first is punctuation alone (a lone “ or ”)
    assert all(any(c.isalnum() for c in sentence) for sentence in result[1:])


# ---------------------------------------------------------------------------------------------
# Long sentences

LONG = "中国外交部长王毅在北京会见泰国副总理兼外长敦，双方就深化合作、打击电信诈骗等问题交换了意见；他表示，中方愿意加强合作。"

LONG_CASES = [
    ("短句。", chars, 10, (), ["短句。"]),
    ("", chars, 1, (), [""]),
    (LONG, chars, 100, (), [LONG]),
    (
        LONG,
        chars,
        30,
        (),
        [
            "中国外交部长王毅在北京会见泰国副总理兼外长敦，",
            "双方就深化合作、打击电信诈骗等问题交换了意见；",
            "他表示，中方愿意加强合作。",
        ],
    ),
    (
        LONG,
        chars,
        20,
        (),
        [
            "中国外交部长王毅在北京会见泰国副总理兼",
            "外长敦，",
            "双方就深化合作、",
            "打击电信诈骗等问题交换了意见；",
            "他表示，中方愿意加强合作。",
        ],
    ),
    (
        LONG,
        coarse,
        12,
        (),
        [
            "中国外交部长王毅在北京会见泰国副总理兼外长敦，",
            "双方就深化合作、打击电信诈骗等问题交换了意见；",
            "他表示，中方愿意加强合作。",
        ],
    ),
    # a sentence end inside the text is the best boundary, then a clause boundary
    ("第一句话。第二句话，第三部分", chars, 12, (), ["第一句话。", "第二句话，第三部分"]),
    # protected strings are not split ...
    (
        "中国外交部长王毅在北京会见泰国副总理兼外长敦",
        chars,
        16,
        (),
        ["中国外交部长王毅在北京会见泰国", "副总理兼外长敦"],
    ),
    (
        "中国外交部长王毅在北京会见泰国副总理兼外长敦",
        chars,
        16,
        ("泰国副总理",),
        ["中国外交部长王毅在北京会见", "泰国副总理兼外长敦"],
    ),
    (
        "中国外交部长王毅在北京会见泰国副总理兼外长敦",
        chars,
        16,
        ("泰国副总理", "副总理兼外长"),  # overlapping terms: keep both whole
        ["中国外交部长王毅在北京会见", "泰国副总理兼外长敦"],
    ),
    # ... unless the protected string alone exceeds the limit
    (
        "中国外交部长王毅在北京会见泰国副总理兼外长敦",
        chars,
        10,
        ("中国外交部长王毅在北京会见泰国副总理",),
        ["中国外交部长王毅在", "北京会见泰国副总理", "兼外长敦"],
    ),
    # Latin text: spaces, keeping a clause mark's space with it; words and numbers stay whole
    (
        "The quick brown fox jumps over the lazy dog, and then runs away.",
        chars,
        20,
        (),
        ["The quick brown ", "fox jumps over the ", "lazy dog, ", "and then runs away."],
    ),
    ("alpha, beta, gamma, delta", chars, 14, (), ["alpha, beta, ", "gamma, delta"]),
    ("价格为1234567元的商品已经售出", chars, 10, (), ["价格为", "1234567元的", "商品已经售出"]),
    ("共计12,345,678人次参加", chars, 11, (), ["共计", "12,345,678", "人次参加"]),
    ("共计12,345,678人次参加", chars, 14, (), ["共计12,345,678人", "次参加"]),
    ("时间为14:30:00整点出发", chars, 10, (), ["时间为", "14:30:00整", "点出发"]),
    # last resort: inside a word that alone is too long
    ("abcdefghijklmnopqrstuvwxyz", chars, 11, (), ["abcdefghij", "klmnopqrst", "uvwxyz"]),
    # never between a letter and its combining accent
    ("e\u0301" * 6, chars, 6, (), ["e\u0301e\u0301", "e\u0301e\u0301", "e\u0301e\u0301"]),
]


@pytest.mark.parametrize(("sentence", "count", "limit", "protected", "expected"), LONG_CASES)
def test_split_long(
    sentence: str,
    count: Callable[[str], int],
    limit: int,
    protected: tuple[str, ...],
    expected: list[str],
) -> None:
    pieces = split_long(sentence, count, limit, protected=protected)
    assert pieces == expected
    assert "".join(pieces) == sentence
    assert all(count(p) <= limit for p in pieces)


def test_split_long_limit_too_small() -> None:
    with pytest.raises(ValueError, match="too small"):
        split_long("abc", chars, 1)


def test_split_long_emoji_sequence_kept_whole() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one grapheme, 5 code points
    sentence = "新闻" + family + "发布会现场"
    pieces = split_long(sentence, chars, 7)
    assert "".join(pieces) == sentence
    assert any(family in p for p in pieces)


def _run_on(length: int, seed: int = 0, extra: str = "") -> str:
    rng = random.Random(seed)
    alphabet = (
        "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下"
        + extra
    )
    return "".join(rng.choice(alphabet) for _ in range(length))


@pytest.mark.parametrize(
    ("length", "extra", "count", "limit"),
    [
        (3_000, "", chars, 512),
        (3_000, "", coarse, 100),
        (50_000, "", chars, 512),
        (50_000, "，。 、", chars, 200),
        (50_000, "，。 、", coarse, 60),
    ],
)
def test_split_long_is_efficient(
    length: int, extra: str, count: Callable[[str], int], limit: int
) -> None:
    """The tokenizer is called a few times per piece, on piece-sized texts, not O(n^2)."""
    text = _run_on(length, extra=extra)
    counter = Counting(count)
    started = time.perf_counter()
    pieces = split_long(text, counter, limit)
    elapsed = time.perf_counter() - started
    assert "".join(pieces) == text
    assert all(count(p) <= limit for p in pieces)
    # one whole-text call, then about log2(piece length) probes per piece
    assert counter.calls <= 2 + 16 * len(pieces)
    assert counter.chars <= 2 * length + 40 * len(pieces) * (length // len(pieces))
    assert elapsed < 2.0
    # pieces are nearly as large as they may be
    assert sum(count(p) for p in pieces) >= 0.6 * limit * (len(pieces) - 1)


def test_split_long_with_sentencepiece(sentencepiece_count: Callable[[str], int]) -> None:
    text = SEED.read_text(encoding="utf-8").replace("\n", "")
    text = text * 8  # about 50,000 characters of real prose
    counter = Counting(sentencepiece_count)
    started = time.perf_counter()
    pieces = split_long(text, counter, 64)
    elapsed = time.perf_counter() - started
    assert "".join(pieces) == text
    assert all(sentencepiece_count(p) <= 64 for p in pieces)
    assert counter.calls <= 2 + 16 * len(pieces)
    assert elapsed < 5.0
    # most pieces end at a sentence or clause boundary
    good_ends = sum(1 for p in pieces[:-1] if p[-1] in "。！？!?；;，,：:、”")
    assert good_ends >= 0.8 * (len(pieces) - 1)


TEXT = st.lists(ALPHABET, min_size=1, max_size=80).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=TEXT,
    limit=st.integers(min_value=2, max_value=40),
    coarse_counter=st.booleans(),
    data=st.data(),
)
def test_split_long_never_drops_text(
    text: str, limit: int, coarse_counter: bool, data: st.DataObject
) -> None:
    count = coarse if coarse_counter else chars
    # protected strings: a few substrings of the text
    protected = []
    for _ in range(data.draw(st.integers(min_value=0, max_value=3))):
        i = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
        j = data.draw(st.integers(min_value=i + 1, max_value=min(len(text), i + 12)))
        protected.append(text[i:j])
    pieces = split_long(text, count, limit, protected=protected)
    assert "".join(pieces) == text
    assert all(pieces)
    assert all(count(p) <= limit for p in pieces)
    # An occurrence of a protected string that fits alone and overlaps no other occurrence is
    # never cut.
    cuts = set()
    position = 0
    for piece in pieces[:-1]:
        position += len(piece)
        cuts.add(position)
    spans = []
    for term in set(protected):
        index = text.find(term)
        while index >= 0:
            spans.append((index, index + len(term), count(term) <= limit))
            index = text.find(term, index + 1)
    for start, end, fits in spans:
        overlaps = any(s < end and start < e and (s, e) != (start, end) for s, e, _ in spans)
        if fits and not overlaps:
            assert not any(start < cut < end for cut in cuts), (start, end, cuts)


@settings(max_examples=100, deadline=None)
@given(text=TEXT, limit=st.integers(min_value=8, max_value=40))
def test_split_long_sentencepiece_property(
    sentencepiece_count: Callable[[str], int], text: str, limit: int
) -> None:
    pieces = split_long(text, sentencepiece_count, limit)
    assert "".join(pieces) == text
    assert all(sentencepiece_count(p) <= limit for p in pieces)
