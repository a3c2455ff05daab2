"""Reading article files: encoding detection, newline handling, and one-line errors for bad input."""

from __future__ import annotations

import codecs
import os
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate.errors import InputError
from translate.text.readers import ArticleText, chinese_score, read_article, read_text_bytes
from translate.text.script import detect_script

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SHARED_SEED = Path("/work/shared/seed/beijing-youth-daily-2023-08-20.txt")

SIMPLIFIED = (
    "中国外交部长王毅在北京会见泰国副总理兼外长敦。\n"
    "双方同意加强合作，共同打击电信诈骗等跨国犯罪，维护地区安全稳定。\n"
    "据报道，截至8月18日，警方已抓获5.3万余名犯罪嫌疑人。\n"
)
TRADITIONAL = (
    "臺北市政府捷運工程局今天宣布，環狀線北環段正式動工。\n"
    "局長表示，工程總經費約新臺幣1,180億元，預計2031年通車。\n"
    "沿線居民對施工噪音仍有疑慮，希望市府提前公布改道計畫。\n"
)

# file name -> (reported encoding, codec that wrote it, script, title)
SAMPLE_FILES = {
    "beijing-youth-daily-2023-08-20.txt": (
        "utf-8",
        "utf-8",
        "simplified",
        "北京青年报",
    ),
    "chengdu-flood-response.gbk.txt": (
        "gbk",
        "gbk",
        "simplified",
        "成都遭遇入汛以来最强降雨 多部门联合转移群众1.2万人",
    ),
    "taipei-metro-expansion.big5.txt": (
        "big5",
        "cp950",  # Big5 as Windows writes it; these bytes decode the same as plain Big5
        "traditional",
        "臺北捷運環狀線北環段動工\u3000新北五股至臺北大直預計2031年通車",
    ),
    "hong-kong-airport-runway.utf16.txt": (
        "utf-16-le",
        "utf-16",
        "traditional",
        "香港國際機場三跑道系統全面啟用\u3000機管局料2035年客運量達1.2億人次",
    ),
}


def _write(tmp_path: Path, data: bytes, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------------------------
# Samples


def test_every_sample_is_listed_and_documented() -> None:
    on_disk = {p.name for p in SAMPLES.glob("*.txt")}
    assert on_disk == set(SAMPLE_FILES)
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    for name in on_disk:
        assert f"`{name}`" in readme


@pytest.mark.parametrize(
    ("name", "encoding", "codec", "script", "title"),
    [(name, *spec) for name, spec in SAMPLE_FILES.items()],
)
def test_sample(name: str, encoding: str, codec: str, script: str, title: str) -> None:
    path = SAMPLES / name
    raw = path.read_bytes()
    article = read_article(path)
    assert article.encoding == encoding
    assert article.path == path
    expected = raw.decode(codec).replace("\r\n", "\n")
    assert article.text == expected
    assert "\r" not in article.text and "\ufeff" not in article.text
    # Round trip: encoding the text the way the file was written gives the file back.
    newline = "\r\n" if "\r\n" in raw.decode(codec) else "\n"
    assert article.text.replace("\n", newline).encode(codec) == raw
    assert article.text.splitlines()[0] == title
    assert detect_script(article.text) == script
    assert len([line for line in article.text.splitlines() if line.strip()]) >= 8


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="shared seed directory not present")
def test_seed_sample_is_an_unchanged_copy() -> None:
    assert (SAMPLES / SHARED_SEED.name).read_bytes() == SHARED_SEED.read_bytes()


def test_legacy_samples_are_not_valid_utf8_or_the_other_codec() -> None:
    gbk = (SAMPLES / "chengdu-flood-response.gbk.txt").read_bytes()
    big5 = (SAMPLES / "taipei-metro-expansion.big5.txt").read_bytes()
    for data in (gbk, big5):
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    # The Big5 file also decodes as GB18030 (into nonsense): detection must not be fooled.
    assert chinese_score(big5.decode("gb18030")) < 0.2
    assert chinese_score(big5.decode("big5")) > 0.6


# ---------------------------------------------------------------------------------------------
# Encodings


def _bom_utf16_be(text: str) -> bytes:
    return codecs.BOM_UTF16_BE + text.encode("utf-16-be")


@pytest.mark.parametrize(
    ("text", "encode", "expected"),
    [
        (SIMPLIFIED, lambda t: t.encode("utf-8"), "utf-8"),
        (SIMPLIFIED, lambda t: t.encode("utf-8-sig"), "utf-8-sig"),
        (SIMPLIFIED, lambda t: t.encode("gb18030"), "gbk"),  # GBK-range text: same bytes
        (SIMPLIFIED, lambda t: t.encode("gbk"), "gbk"),
        (SIMPLIFIED + "䶮龘𠀀\n", lambda t: t.encode("gb18030"), "gb18030"),  # beyond GBK
        (SIMPLIFIED, lambda t: t.encode("utf-16"), "utf-16-le"),  # BOM, native little-endian
        (SIMPLIFIED, _bom_utf16_be, "utf-16-be"),
        (SIMPLIFIED, lambda t: t.encode("utf-16-le"), "utf-16-le"),  # no BOM: NULs tell
        (SIMPLIFIED, lambda t: t.encode("utf-16-be"), "utf-16-be"),
        (SIMPLIFIED, lambda t: t.encode("utf-32"), "utf-32-le"),
        (SIMPLIFIED, lambda t: codecs.BOM_UTF32_BE + t.encode("utf-32-be"), "utf-32-be"),
        (TRADITIONAL, lambda t: t.encode("utf-8"), "utf-8"),
        (TRADITIONAL, lambda t: t.encode("big5"), "big5"),
        (TRADITIONAL + "皮耶‧杜邦\n", lambda t: t.encode("cp950"), "cp950"),  # ‧ is A145
        (TRADITIONAL, lambda t: t.encode("gb18030"), "gbk"),  # traditional Hanzi in GBK
        (TRADITIONAL, lambda t: t.encode("utf-16"), "utf-16-le"),
        (TRADITIONAL, lambda t: t.encode("utf-16-le"), "utf-16-le"),
        (
            "中国外交部长王毅会见泰国外长敦，双方同意加强合作。",
            lambda t: t.encode("utf-16-le"),
            "utf-16-le",
        ),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "gb18030-gbk-range",
        "gbk",
        "gb18030-beyond-gbk",
        "utf16-bom-le",
        "utf16-bom-be",
        "utf16le-no-bom",
        "utf16be-no-bom",
        "utf32-bom-le",
        "utf32-bom-be",
        "trad-utf8",
        "trad-big5",
        "trad-cp950",
        "trad-gb18030",
        "trad-utf16-bom",
        "trad-utf16le-no-bom",
        "utf16le-no-bom-no-ascii",
    ],
)
def test_encoding_detected(tmp_path: Path, text: str, encode, expected: str) -> None:
    path = _write(tmp_path, encode(text))
    article = read_article(path)
    assert isinstance(article, ArticleText)
    assert (article.encoding, article.text) == (expected, text)


# Short strings are where GB18030 and Big5 are easiest to confuse.
SHORT_SIMPLIFIED = [
    "王毅会见敦",
    "公安部已出手",
    "成都暴雨",
    "国家反诈中心",
    "中缅警方联合行动",
    "新闻",
]
SHORT_TRADITIONAL = ["臺北捷運", "環狀線動工", "國泰航空", "香港機場管理局", "議會審查預算", "新聞"]


@pytest.mark.parametrize("text", SHORT_SIMPLIFIED)
def test_short_simplified_gbk(text: str) -> None:
    assert read_text_bytes(text.encode("gbk"), "s").text == text


@pytest.mark.parametrize("text", SHORT_TRADITIONAL)
def test_short_traditional_big5(text: str) -> None:
    assert read_text_bytes(text.encode("big5"), "t").text == text


def test_every_sample_line_alone_is_detected() -> None:
    """Each line of the legacy samples, read on its own, still decodes to the right text."""
    for name, codec in (
        ("chengdu-flood-response.gbk.txt", "gbk"),
        ("taipei-metro-expansion.big5.txt", "big5"),
    ):
        for line in (SAMPLES / name).read_bytes().split(b"\n"):
            if line.strip():
                assert read_text_bytes(line, name).text == line.decode(codec)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"line one\r\nline two\r\n", "line one\nline two\n"),
        (b"old mac\rline\r", "old mac\nline\n"),
        (b"mixed\r\nends\rhere\n", "mixed\nends\nhere\n"),
        ("标题\r\n正文。\r\n".encode("gbk"), "标题\n正文。\n"),
        ("標題\r\n內文。\r\n".encode("utf-16"), "標題\n內文。\n"),
    ],
)
def test_newlines_normalised(tmp_path: Path, data: bytes, text: str) -> None:
    assert read_article(_write(tmp_path, data)).text == text


def test_characters_preserved_exactly(tmp_path: Path) -> None:
    # Full-width letters/digits, ideographic space, ligatures, circled digits: NFKC would change
    # every one of these; the reader must not.
    text = "ＡＢＣ　２０２３年①\ufb01 ｶﾀｶﾅ e\u0301 \u00a0x\t末尾  \n"
    assert read_article(_write(tmp_path, text.encode("utf-8"))).text == text


def test_read_text_bytes_for_stdin() -> None:
    article = read_text_bytes("标题\n正文。".encode("gb18030"), "<stdin>")
    assert (article.text, article.encoding, article.path) == (
        "标题\n正文。",
        "gbk",
        Path("<stdin>"),
    )


def test_accepts_path_as_string(tmp_path: Path) -> None:
    path = _write(tmp_path, "你好，世界。".encode())
    assert read_article(str(path)).text == "你好，世界。"  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Errors


def _random_binary() -> bytes:
    rng = random.Random(7)
    return bytes(rng.randrange(256) for _ in range(4096))


PNG_HEADER = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t\r\n  ", "whitespace"),
        ("\u3000\u3000\n\u3000".encode(), "whitespace"),
        (codecs.BOM_UTF8, "whitespace"),
        (codecs.BOM_UTF8 + b"\n\n", "whitespace"),
        ("\r\n\u3000".encode("utf-16"), "whitespace"),
        (PNG_HEADER, "binary"),
        (_random_binary(), "binary"),
        (b"text\x00with a NUL\n", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),  # control characters, no NULs
        (b"\x80\x81\xff\xfe\xfd\x80" * 3 + b"!", "cannot decode"),  # odd length: no UTF-16
        (bytes(range(0x80, 0x100)) * 4, "cannot decode"),  # even length, no NULs
        ("Café crème brûlée, déjà vu, naïve façade.\n".encode("latin-1"), "cannot decode"),
        (("新华社北京电" * 20).encode()[:-1], "truncated"),  # UTF-8 cut mid-character
        (codecs.BOM_UTF8 + b"\xff\xfe bad", "byte-order mark"),
    ],
    ids=[
        "empty",
        "whitespace",
        "ideographic-space",
        "bom-only",
        "bom-newlines",
        "utf16-whitespace",
        "png",
        "random-binary",
        "nul-in-text",
        "control-chars",
        "undecodable",
        "undecodable-even",
        "latin1",
        "truncated-utf8",
        "bad-after-bom",
    ],
)
def test_bad_input_rejected(tmp_path: Path, data: bytes, reason: str) -> None:
    path = _write(tmp_path, data, "bad input.txt")
    with pytest.raises(InputError) as info:
        read_article(path)
    message = str(info.value)
    assert reason in message
    assert str(path) in message
    assert "\n" not in message
    assert info.value.exit_code == 2


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(InputError, match="file not found") as info:
        read_article(path)
    assert str(path) in str(info.value)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory") as info:
        read_article(tmp_path)
    assert str(tmp_path) in str(info.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    with pytest.raises(InputError, match="not a regular file"):
        read_article(path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable(tmp_path: Path) -> None:
    path = _write(tmp_path, "秘密".encode())
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied") as info:
            read_article(path)
        assert str(path) in str(info.value)
    finally:
        path.chmod(0o644)


def test_error_message_is_one_line_even_for_odd_names(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines.txt"
    with pytest.raises(InputError) as info:
        read_article(path)
    assert "\n" not in str(info.value)
    assert "two\\nlines.txt" in str(info.value)


def test_stray_control_character_is_tolerated(tmp_path: Path) -> None:
    text = "正文一段。\n" * 10 + "第二段\x07提示音。\n" + "\x1a"
    assert read_article(_write(tmp_path, text.encode())).text == text


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        (SIMPLIFIED, 0.6, 1.0),
        (TRADITIONAL, 0.6, 1.0),
        ("plain ASCII only", 0.0, 0.0),
        (TRADITIONAL.encode("big5").decode("gb18030"), 0.0, 0.2),
    ],
)
def test_chinese_score(text: str, low: float, high: float) -> None:
    assert low <= chinese_score(text) <= high


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_give_text_or_input_error(data: bytes) -> None:
    try:
        article = read_text_bytes(data, "fuzz")
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("fuzz: ")
    else:
        assert article.text.strip() and "\r" not in article.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1))
def test_any_utf8_text_round_trips(text: str) -> None:
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text or not expected.strip().strip("\ufeff\u200b\u200c\u200d\u2060"):
        return
    try:
        article = read_text_bytes(text.encode("utf-8"), "t")
    except InputError as exc:
        assert "binary" in str(exc)  # many control characters
    else:
        assert article.text == (expected[1:] if expected.startswith("\ufeff") else expected)
        assert article.encoding in ("utf-8", "utf-8-sig")
