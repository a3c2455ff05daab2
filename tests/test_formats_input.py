"""Saved news pages and Markdown articles are read as articles (run, summarize and batch)."""

from __future__ import annotations

import json
from pathlib import Path

from fakes import FakeTranslator
from typer.testing import CliRunner

from translate.cli import app
from translate.pipeline.plan import load_document
from translate.text.readers import read_article

PAGE = """<!DOCTYPE html>
<html><head><meta charset="gbk"><title>成都遭遇强降雨 - 某某新闻网</title>
<meta property="article:published_time" content="2024-07-12"></head><body>
<nav><a href="/">首页</a> | <a href="/news">新闻</a> | <a href="/login">登录</a></nav>
<div class="ad">广告：买房就找我们！限时优惠，立即拨打电话。</div>
<article><h1>成都遭遇强降雨 多部门联合应对</h1>
<p>新华社成都7月12日电 7月11日夜间至12日凌晨，四川省成都市遭遇今年入汛以来最强降雨。</p>
<p>成都市应急管理局表示，全市已转移群众1200余人，暂无人员伤亡报告。</p>
<h2>交通受影响</h2>
<p>受降雨影响，成都双流国际机场部分航班延误，多条地铁线路临时停运。</p>
</article>
<div class="comments"><h3>网友评论</h3><p>太可怕了，大家注意安全！</p><p>支持！楼上说得对。</p></div>
<aside><h3>热门推荐</h3><ul><li>明星八卦：某某离婚</li><li>股市大涨</li></ul></aside>
<footer>版权所有 某某新闻网 京ICP备12345678号</footer></body></html>
"""


def test_saved_page_gives_title_date_and_article_text_only(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.encode("gbk"))
    article = read_article(path)
    assert article.format == "html" and article.date == "2024-07-12"
    lines = article.text.split("\n")
    assert lines[0] == "成都遭遇强降雨 多部门联合应对"
    assert "成都市应急管理局表示，全市已转移群众1200余人，暂无人员伤亡报告。" in lines
    assert "交通受影响" in lines
    for noise in ("首页", "广告", "网友评论", "太可怕了", "热门推荐", "八卦", "版权所有", "ICP"):
        assert noise not in article.text, noise


def test_page_without_article_text_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>var a = 1;</script></body></html>", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(path), "--model", "x"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"translate: error: {path}: no article text found in the page"
    ]


def test_markdown_keeps_headings_and_list_items_as_lines(tmp_path: Path) -> None:
    path = tmp_path / "news.md"
    path.write_text(
        "# 标题：**重要**新闻\n\n正文第一段，见[链接](http://x.cn)。\n\n## 小标题\n\n"
        "- 第一项内容。\n- 第二项内容。\n\n---\n\n1. 编号项。\n",
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.format == "markdown"
    assert article.text.split("\n") == [
        "标题：重要新闻",
        "正文第一段，见链接。",
        "小标题",
        "第一项内容。",
        "第二项内容。",
        "编号项。",
    ]
    doc = load_document(path)
    assert doc.title.source == "标题：重要新闻"
    assert [p.source for p in doc.paragraphs][-2:] == ["第二项内容。", "编号项。"]


def test_run_translates_a_saved_page(fake: FakeTranslator, tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(PAGE.replace('charset="gbk"', 'charset="utf-8"'), encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(path), "--format", "json", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "page.en.json").read_text(encoding="utf-8"))
    assert data["title"]["source"] == "成都遭遇强降雨 多部门联合应对"
    sources = [s["source"] for p in data["paragraphs"] for s in p["sentences"]]
    assert not any("评论" in s or "广告" in s for s in sources)
