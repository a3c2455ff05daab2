"""Summaries: extractive ranking and selection, and the model path (tiny BART, chunking)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from fakes import FakeTranslator
from test_furniture import SEED, make_doc
from typer.testing import CliRunner

import translate.summarize.abstractive as abstractive
import translate.summarize.extractive as summarize
from translate.cli import app
from translate.document import BODY, Document, Paragraph, Sentence
from translate.errors import ConfigError, ModelNotFoundError
from translate.summarize.abstractive import Summarizer, chunk_sentences, split_english_sentences
from translate.summarize.extractive import extractive, rank_sentences, select_sentences
from translate.text.furniture import mark_furniture


def doc_of(*paragraphs: Sequence[str], title: str = "标题") -> Document:
    """A document whose paragraphs are given as lists of sentences; targets say where they are."""
    paras = [
        Paragraph([Sentence(s, target=f"P{p}S{i}.") for i, s in enumerate(sentences)])
        for p, sentences in enumerate(paragraphs)
    ]
    return Document(title=Paragraph([Sentence(title)], role="title"), paragraphs=paras)


# A central sentence shares words with every other; the others share nothing with each other.
CENTRAL = [
    ["今天北京天气晴朗。"],
    ["泰国警方抓获嫌疑人。"],
    ["中国泰国缅甸警方联合打击电信诈骗，抓获嫌疑人，解救被困人员。"],
    ["缅甸警方解救被困人员。"],
    ["中国警方打击电信诈骗。"],
    ["演唱会门票售罄。"],
]


def test_central_sentence_ranks_first() -> None:
    doc = doc_of(*CENTRAL)
    ranked = rank_sentences(doc)
    assert ranked[0] == (2, 0)
    # Outliers (no shared words) come last, the earlier one first (lead bias).
    assert ranked[-2:] == [(0, 0), (5, 0)]


def test_lead_bias_breaks_ties() -> None:
    doc = doc_of(["国际合作已经展开。"], ["专家认为形势严峻。"], ["气温下降明显。"])
    assert rank_sentences(doc) == [(0, 0), (1, 0), (2, 0)]
    symmetric = doc_of(["警方打击诈骗。"], ["警方打击赌博。"], ["打击诈骗赌博。"])
    ranked = rank_sentences(symmetric)
    assert ranked.index((0, 0)) < ranked.index((1, 0))


def test_summary_sentences_in_article_order_and_mapped_to_source() -> None:
    doc = doc_of(*CENTRAL)
    summary = extractive(doc, sentences=3)
    keys = [(item["paragraph"], item["sentence"]) for item in summary["sentences"]]
    assert keys == sorted(keys) and len(keys) == 3
    assert (2, 0) in keys
    for item in summary["sentences"]:
        sentence = doc.paragraphs[item["paragraph"]].sentences[item["sentence"]]
        assert item["source"] == sentence.source
        assert item["target"] == sentence.target
    assert summary["text"] == " ".join(item["target"] for item in summary["sentences"])
    assert summary["method"] == "extractive"
    assert json.loads(json.dumps(summary)) == summary


def test_select_sentences_matches_extractive() -> None:
    doc = doc_of(*CENTRAL)
    summary = extractive(doc, sentences=2)
    assert select_sentences(doc, sentences=2) == [
        (item["paragraph"], item["sentence"]) for item in summary["sentences"]
    ]


def test_furniture_is_never_ranked() -> None:
    # The editor line and the related headlines share every word with the body; still excluded.
    doc = make_doc(
        "\n".join(
            [
                "标题",
                "中国警方打击电信诈骗。",
                "编辑/中国警方打击电信诈骗",
                "相关阅读",
                "中国警方打击电信诈骗 缅甸警方打击电信诈骗",
                "央视新闻 2024-03-14",
                "【版权声明】中国警方打击电信诈骗,未经授权,不得转载。",
            ]
        )
    )
    mark_furniture(doc)
    assert rank_sentences(doc) == [(0, 0)]


def test_dateline_sentence_is_not_a_summary_sentence() -> None:
    doc = doc_of(
        ["新华社北京8月20日电（记者 张三）", "外交部长王毅20日在北京会见泰国外长。"],
        ["双方同意加强合作。"],
    )
    assert doc.paragraphs[0].role == BODY
    ranked = rank_sentences(doc)
    assert (0, 0) not in ranked
    assert ranked[0] == (0, 1)


def test_words_budget_uses_translations_when_present() -> None:
    doc = doc_of(*CENTRAL)
    for p in doc.paragraphs:
        p.sentences[0].target = "one two three four five six seven eight nine ten"
    summary = extractive(doc, words=25)
    assert summary["words"] <= 25
    assert len(summary["sentences"]) == 2
    # Always at least one sentence, even over the budget.
    assert len(extractive(doc, words=3)["sentences"]) == 1


def test_words_budget_before_translation_is_estimated() -> None:
    doc = doc_of(*CENTRAL)
    for p in doc.paragraphs:
        p.sentences[0].target = ""
    chosen = select_sentences(doc, words=20)
    estimated = sum(
        summarize.estimate_words(doc.paragraphs[p].sentences[s].source) for p, s in chosen
    )
    assert chosen and (estimated <= 20 or len(chosen) == 1)


def test_near_duplicates_are_not_both_chosen() -> None:
    doc = doc_of(
        ["中国警方打击电信诈骗犯罪。"], ["中国警方打击电信诈骗犯罪。"], ["泰国警方解救被困人员。"]
    )
    keys = select_sentences(doc, sentences=2)
    assert keys == [(0, 0), (2, 0)]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [({"sentences": 2, "words": 10}, ValueError), ({"sentences": 0}, ValueError),
     ({"words": 0}, ValueError)],
)  # fmt: skip
def test_bad_limits(kwargs: dict[str, int], error: type[Exception]) -> None:
    with pytest.raises(error):
        extractive(doc_of(*CENTRAL), **kwargs)


def test_document_without_body_gives_empty_summary() -> None:
    doc = make_doc("标题\n编辑/赵红信\n相关阅读")
    mark_furniture(doc)
    summary = extractive(doc)
    assert summary["text"] == "" and summary["sentences"] == []


def test_seed_article_summary_is_never_furniture() -> None:
    from translate.pipeline.plan import load_document

    doc = load_document(SEED)
    ranked = rank_sentences(doc)
    assert ranked, "the seed article has body sentences"
    assert all(doc.paragraphs[p].role == BODY for p, _ in ranked)
    summary = extractive(doc, sentences=3)
    assert len(summary["sentences"]) == 3
    for item in summary["sentences"]:
        assert doc.paragraphs[item["paragraph"]].role == BODY
        assert "孟亚旭" not in item["source"] and "版权" not in item["source"]
    # The lead sentence (王毅 meets the Thai foreign minister) opens the summary.
    assert (
        "王毅在北京同来华进行工作访问的泰国副总理兼外长敦会谈" in summary["sentences"][0]["source"]
    )


# Held-out articles in three house styles (written for these tests, not tuned on): a Xinhua wire
# story with its dateline inline, a 澎湃新闻 piece with 原标题 and editor lines, and a Taiwan piece
# in traditional script with an inline byline, photo captions and a 延伸閱讀 list.
XINHUA = """我国成功发射遥感四十号卫星
新华社酒泉9月17日电（记者 李国利 张汨汨）9月17日12时13分，我国在酒泉卫星发射中心使用长征二号丁运载火箭，成功将遥感四十号卫星发射升空，卫星顺利进入预定轨道，发射任务获得圆满成功。
该卫星主要用于开展电磁环境探测及相关技术试验。
“这次任务的圆满成功，为后续高密度发射积累了经验。”中国航天科技集团有关负责人说。
国防科工局有关负责人表示，今年以来我国航天发射保持高密度，全年计划实施发射任务60余次。
据新华社此前报道，长征二号丁运载火箭是一型常温液体二级运载火箭，具有多种整流罩构型。
（完）
【纠错】
责任编辑：王萌
"""
THEPAPER = """上海地铁将迎来新线路，沿线居民出行更便捷
原标题：上海轨交18号线二期年底前通车，新增车站7座
澎湃新闻记者 陈悦
上海市交通委员会9月20日发布消息称，轨道交通18号线二期工程将于今年年底前建成通车。
18号线二期全长约8.4公里，共设车站7座，北起长江南路站，南接已运营的18号线一期。
据上海申通地铁集团介绍，二期工程目前已进入设备联调阶段。
“我每天上班要换乘两次，新线开通后能省不少时间。”家住长江南路附近的市民张女士说。
据悉，18号线二期采用全自动运行系统，最高运行速度每小时80公里。
责任编辑：钟煜豪
校对：施鋆
澎湃新闻报料：021-962866
澎湃新闻，未经授权不得转载
"""
TAIWAN = """北市公車將全面電動化 2030年前汰換3500輛
〔記者林佳慧／台北報導〕台北市政府昨天宣布，將在2030年前把全市約3500輛公車全面汰換為電動公車，預計投入經費超過新台幣200億元。
北市交通局長表示，目前全市電動公車約有800輛，占比約兩成三。
（圖／記者林佳慧攝）
交通局指出，電動公車每公里碳排放量比柴油公車少約七成，對改善空氣品質有明顯幫助。
「我們希望讓市民搭得更舒服，也讓城市更乾淨。」市長在記者會上說。
不過，也有業者擔心充電站不足、電池成本高等問題。
圖為台北市街頭行駛的電動公車。（圖／聯合報系資料照）
記者林佳慧／台北報導
【延伸閱讀】
新北電動公車再添100輛 明年上路
高雄輕軌環狀線全線通車 首週運量破10萬
"""


@pytest.mark.parametrize(
    ("text", "lead", "furniture"),
    [
        (XINHUA, "9月17日12时13分，我国在酒泉卫星发射中心",
         {"（完）": "other", "【纠错】": "other", "责任编辑：王萌": "editor"}),
        (THEPAPER, "上海市交通委员会9月20日发布消息称",
         {"原标题：上海轨交18号线二期年底前通车，新增车站7座": "source",
          "澎湃新闻记者 陈悦": "byline", "责任编辑：钟煜豪": "editor", "校对：施鋆": "editor",
          "澎湃新闻报料：021-962866": "other", "澎湃新闻，未经授权不得转载": "copyright"}),
        (TAIWAN, "台北市政府昨天宣布",
         {"（圖／記者林佳慧攝）": "source", "圖為台北市街頭行駛的電動公車。（圖／聯合報系資料照）": "other",
          "記者林佳慧／台北報導": "byline", "【延伸閱讀】": "related",
          "新北電動公車再添100輛 明年上路": "related",
          "高雄輕軌環狀線全線通車 首週運量破10萬": "related"}),
    ],
)  # fmt: skip
def test_held_out_articles(text: str, lead: str, furniture: dict[str, str]) -> None:
    from translate.pipeline.plan import build_document
    from translate.text.furniture import is_furniture_sentence

    doc = build_document(text)
    roles = {p.source: p.role for p in doc.paragraphs}
    for line, role in furniture.items():
        assert roles[line] == role, line
    body = [p for p in doc.paragraphs if p.role == BODY]
    assert len(body) == len(doc.paragraphs) - len(furniture)
    for n in (1, 3, 5):
        summary = extractive(doc, sentences=n)
        keys = [(s["paragraph"], s["sentence"]) for s in summary["sentences"]]
        assert keys == sorted(keys) and len(set(keys)) == len(keys)
        if n > 1:  # the lead, with its dateline split off, opens the summary
            assert summary["sentences"][0]["source"].startswith(lead)
        for item in summary["sentences"]:
            assert doc.paragraphs[item["paragraph"]].role == BODY
            assert not is_furniture_sentence(item["source"])
            names = ("李国利", "王萌", "陈悦", "钟煜豪", "施鋆", "林佳慧", "報導", "電動公車再添")
            assert not any(name in item["source"] for name in names)


def quote_doc() -> Document:
    doc = doc_of(
        ["中国泰国缅甸警方联合打击电信诈骗，抓获嫌疑人。"],
        ["“中国警方将继续联合打击电信诈骗，保护群众财产安全。”", "公安部有关负责人说。"],
        ["演唱会门票售罄。"],
        ["“好。”", "他说。", "今天北京天气晴朗。"],
    )
    mark_furniture(doc)
    return doc


def test_quotation_comes_with_its_attribution() -> None:
    doc = quote_doc()
    ranked = rank_sentences(doc)
    assert (1, 1) not in ranked and (3, 1) not in ranked  # "X said." alone means nothing
    assert select_sentences(doc, sentences=2) == [(0, 0), (1, 0), (1, 1)]
    summary = extractive(doc, sentences=2)
    items = summary["sentences"]
    assert [(i["paragraph"], i["sentence"]) for i in items] == [(0, 0), (1, 0), (1, 1)]
    assert items[2]["attribution"] is True and "attribution" not in items[1]
    assert summary["text"] == "P0S0. P1S0. P1S1."


def test_attribution_needs_a_quotation_before_it() -> None:
    doc = doc_of(["警方抓获嫌疑人。", "公安部有关负责人说。"], ["泰国警方抓获嫌疑人。"])
    mark_furniture(doc)
    assert (0, 1) in rank_sentences(doc)
    assert select_sentences(doc, sentences=1) == [(0, 0)]


def test_body_english_leaves_out_furniture() -> None:
    from translate.pipeline.plan import build_document

    doc = build_document(XINHUA)
    for p, paragraph in enumerate(doc.paragraphs):
        for s, sentence in enumerate(paragraph.sentences):
            sentence.target = f"P{p}S{s}."
    english = abstractive.body_english(doc).splitlines()
    assert english[0] == "P0S1."  # not the dateline P0S0
    # Paragraph 2 is a quote with its "X said." attribution: one sentence since the segmenter
    # keeps them together.
    assert english[1:] == ["P1S0.", "P2S0.", "P3S0.", "P4S0."]  # not (完), 纠错, editor


# --- model path --------------------------------------------------------------------------------


@pytest.fixture
def one_thread() -> Iterator[None]:
    """Run torch on one thread: tiny models gain nothing from more, and a busy box loses a lot."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


LONG_TEXT = "\n".join(
    f"Police in Thailand, Myanmar and Laos held meeting number {i} with officials from China. "
    f"They agreed to fight telecom fraud and rescue {i + 3} people held by gangs."
    for i in range(30)
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Wang met Dr. Don in Beijing. They talked.", ["Mr. Wang met Dr. Don in Beijing.", "They talked."]),
        ("He said: \"We agree.\" Then he left!", ["He said: \"We agree.\"", "Then he left!"]),
        ("Line one\nLine two. Three?", ["Line one", "Line two.", "Three?"]),
        ("U.S. officials arrived. J. Smith spoke.", ["U.S. officials arrived.", "J. Smith spoke."]),
        ("", []),
    ],
)  # fmt: skip
def test_split_english_sentences(text: str, expected: list[str]) -> None:
    assert split_english_sentences(text) == expected


def _words(text: str) -> int:
    return len(text.split())


@pytest.mark.parametrize("limit", [5, 12, 40])
def test_chunk_sentences_fit_and_cover(limit: int) -> None:
    sentences = split_english_sentences(LONG_TEXT) + ["x " * 50]  # one sentence over any limit
    chunks = chunk_sentences(sentences, _words, limit)
    assert all(_words(chunk) <= limit for chunk in chunks)
    assert " ".join(chunks).split() == " ".join(sentences).split()  # nothing dropped, in order


@dataclass
class ScriptedSummarizer(Summarizer):
    """A Summarizer whose 'model' keeps the first `keep` words of each input (counts words)."""

    keep: int = 6
    calls: list[tuple[int, int, int]] | None = None

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + 2

    def generate(self, texts: Sequence[str], *, max_new: int, min_new: int) -> list[str]:
        if self.calls is None:
            self.calls = []
        assert all(self.count_tokens(t) <= self.max_input_tokens for t in texts)
        self.calls += [(len(texts), max_new, min_new)]
        return [" ".join(t.split()[: self.keep]).rstrip(".") + "." for t in texts]


def scripted(keep: int = 6, limit: int = 40) -> ScriptedSummarizer:
    return ScriptedSummarizer(
        model=None, tokenizer=None, model_id="scripted", repo=None, revision="r1", device="cpu",
        max_input_tokens=limit, max_output_tokens=100,
        decoding={"max_length": 30, "min_length": 5}, keep=keep,
    )  # fmt: skip


def test_map_reduce_until_it_fits() -> None:
    fake = scripted()
    result = fake.summarize(LONG_TEXT)
    assert result["chunks"] > 1 and result["rounds"] >= 2
    assert result["text"] and fake.calls is not None
    assert fake.calls[-1][0] == 1  # the final pass summarizes one chunk


def test_map_reduce_is_bounded_and_keeps_text_whole() -> None:
    fake = scripted(keep=10_000)  # a "model" that never shortens anything
    result = fake.summarize(LONG_TEXT)
    assert result["rounds"] == abstractive._MAX_ROUNDS + 1
    assert result["text"].split() == " ".join(split_english_sentences(LONG_TEXT)).split()


def test_words_map_to_new_tokens_and_sentences_trim() -> None:
    fake = scripted(keep=100, limit=1000)
    fake.summarize("One two three. Four five six.", words=10)
    assert fake.calls == [(1, 16, 7)]
    result = fake.summarize("One two three. Four five six. Seven.", sentences=2)
    assert result["text"] == "One two three. Four five six."
    assert result["trimmed_to_sentences"] is True
    with pytest.raises(ValueError):
        fake.summarize("x", words=3, sentences=1)


@pytest.mark.usefixtures("one_thread")
def test_tiny_bart_long_text_is_chunked_without_truncation(
    tiny_bart_dir: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    loaded = abstractive.load_summarizer(str(tiny_bart_dir), device="cpu")
    assert loaded.max_input_tokens == 128
    parts = split_english_sentences(LONG_TEXT)
    assert loaded.count_tokens(" ".join(parts)) > 128
    chunks = chunk_sentences(parts, loaded.count_tokens, loaded.max_input_tokens)
    assert len(chunks) > 1
    assert all(loaded.count_tokens(chunk) <= 128 for chunk in chunks)
    assert all(any(p in chunk for chunk in chunks) for p in parts)

    result = abstractive.model_summary(LONG_TEXT, summarizer=loaded, words=12)
    assert result["method"] == "model"
    assert result["model"] == str(tiny_bart_dir)
    assert result["revision"] and result["revision"].startswith("local:")
    assert result["chunks"] == len(chunks) > 1
    assert isinstance(result["text"], str) and result["text"]
    assert json.loads(json.dumps(result)) == result
    err = capfd.readouterr().err.lower()
    assert "truncat" not in err and "longer than the specified maximum" not in err


@pytest.mark.usefixtures("one_thread")
def test_model_summary_loads_by_directory(tiny_bart_dir: Path) -> None:
    result = abstractive.model_summary(
        "Wang Yi met the Thai foreign minister.", model=str(tiny_bart_dir), device="cpu"
    )
    assert result["chunks"] == 1 and result["rounds"] == 1


def test_default_summarizer_missing_says_how_to_pull() -> None:
    with pytest.raises(ModelNotFoundError, match="translate models pull distilbart-cnn-12-6"):
        abstractive.load_summarizer(None, device="cpu")


@pytest.mark.usefixtures("one_thread")
def test_non_bart_directory_is_rejected(tmp_path: Path, tiny_bart_dir: Path) -> None:
    import shutil

    other = tmp_path / "not-bart"
    shutil.copytree(tiny_bart_dir, other)
    config = json.loads((other / "config.json").read_text())
    config["model_type"] = "marian"
    (other / "config.json").write_text(json.dumps(config))
    with pytest.raises(ConfigError, match="not a BART"):
        abstractive.load_summarizer(str(other), device="cpu")


def test_build_tiny_bart_is_reproducible(tmp_path: Path, tiny_bart_dir: Path) -> None:
    from translate.devmodels.bart import build_tiny_bart

    again = build_tiny_bart(tmp_path / "again", seed=0)
    assert (again / "model.safetensors").read_bytes() == (
        tiny_bart_dir / "model.safetensors"
    ).read_bytes()
    for name in ("vocab.json", "merges.txt", "tokenizer_config.json", "config.json"):
        assert (again / name).is_file()


# --- the summarize command ---------------------------------------------------------------------

runner = CliRunner()
ARTICLE_A = "\n".join(
    [
        "警方打击电信诈骗",
        "新京报 2024-03-18 10:32",
        "中国泰国缅甸警方联合打击电信诈骗，抓获嫌疑人，解救被困人员。今天北京天气晴朗。",
        "泰国警方抓获嫌疑人。缅甸警方解救被困人员。",
        "中国警方打击电信诈骗。演唱会门票售罄。",
        "编辑/赵红信",
    ]
)
ARTICLE_B = "港珠澳大桥通车\n\n大桥今天正式通车。游客可以乘坐巴士前往澳门。\n\n责任编辑：陈家乐\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two good articles, an empty one, and files that are not articles."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="gb18030")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "notes.md").write_text("# not an article\n", encoding="utf-8")
    (folder / "old.summary.txt").write_text("an earlier summary\n", encoding="utf-8")
    return folder


def test_cli_folder_to_outdir_json(fake: FakeTranslator, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["summarize", str(folder), "-o", str(out), "-f", "json", "-n", "2"])
    assert result.exit_code == 1  # the empty file failed; the others were still summarized
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "empty.txt" in errors[0]
    # Written through the batch-job engine: the summaries, and a manifest line for every file.
    summaries = [p.name for p in out.iterdir() if p.name.endswith(".summary.json")]
    assert sorted(summaries) == ["a.summary.json", "b.summary.json"]
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert sorted(r["status"] for r in records) == ["done", "done", "failed"]

    data = json.loads((out / "a.summary.json").read_text(encoding="utf-8"))
    summary = data["summary"]
    assert data["path"].endswith("a.txt") and summary["method"] == "extractive"
    keys = [(s["paragraph"], s["sentence"]) for s in summary["sentences"]]
    assert len(keys) == 2 and keys == sorted(keys)
    assert keys[0] == (1, 0)  # the central lead sentence; never the dateline or the editor line
    assert all(s["target"] for s in summary["sentences"])
    # Only the title and the chosen sentences went to the translator.
    sent = {text for call in fake.calls for text in call}
    chosen = {s["source"] for s in summary["sentences"]}
    sent_a = {t for t in sent if t in ARTICLE_A}
    assert sent_a == chosen | {"警方打击电信诈骗"}


def test_cli_stdout_has_a_header_per_file(fake: FakeTranslator, folder: Path) -> None:
    result = runner.invoke(
        app, ["summarize", str(folder / "a.txt"), str(folder / "b.txt"), "--words", "10"]
    )
    assert result.exit_code == 0, result.output
    assert f"==> {folder / 'a.txt'} <==" in result.stdout
    assert f"==> {folder / 'b.txt'} <==" in result.stdout
    assert result.stdout.count("<!-- translate") == 2


def test_cli_stdout_json_lines(fake: FakeTranslator, folder: Path) -> None:
    result = runner.invoke(
        app, ["summarize", str(folder / "a.txt"), str(folder / "b.txt"), "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["path"]).name for r in records] == ["a.txt", "b.txt"]
    assert records[1]["summary"]["sentences"][0]["source"] == "大桥今天正式通车。"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-n", "2", "-w", "10"], "mutually exclusive"),
        (["--summarizer", "x"], "--method model"),
    ],
)
def test_cli_bad_option_combinations(
    fake: FakeTranslator, folder: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["summarize", str(folder / "a.txt"), *args])
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_cli_keeps_existing_outputs_unless_forced(
    fake: FakeTranslator, folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    article = str(folder / "b.txt")
    assert runner.invoke(app, ["summarize", article, "-o", str(out)]).exit_code == 0
    target = out / "b.summary.md"
    target.write_text("edited\n", encoding="utf-8")
    result = runner.invoke(app, ["summarize", article, "-o", str(out)])
    assert result.exit_code == 0 and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "edited\n"
    assert runner.invoke(app, ["summarize", article, "-o", str(out), "--force"]).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# zh")


def test_cli_only_bad_files_exits_with_their_code(fake: FakeTranslator, tmp_path: Path) -> None:
    result = runner.invoke(app, ["summarize", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "missing.txt" in result.stderr and not fake.calls  # no model work for nothing


@pytest.mark.usefixtures("one_thread")
def test_cli_model_method_with_tiny_models(
    tiny_marian_dir: Path, tiny_bart_dir: Path, folder: Path
) -> None:
    result = runner.invoke(
        app,
        ["summarize", str(folder / "b.txt"), "--method", "model", "--model", str(tiny_marian_dir),
         "--summarizer", str(tiny_bart_dir), "--device", "cpu", "-f", "json", "-n", "1"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["summary"]["method"] == "model"
    assert record["summary"]["model"] == str(tiny_bart_dir)
    assert record["summary"]["chunks"] >= 1
    assert record["provenance"]["model"] == str(tiny_marian_dir)
