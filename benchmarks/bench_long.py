"""Long articles: time and peak memory of the extractive summary and of name extraction by size.

Builds synthetic articles of 1k, 4k and 16k sentences (by default) from the paragraphs of
samples/*.txt, their digits varied copy by copy, interleaved with generated paragraphs that name
new persons, organisations, places and foreign persons as the article goes on (a long article or
a digest of many names more than a repeated one), and measures, each in a fresh child process:

- summary: ``extractive(doc, sentences=3)`` on the segmented document (segmenting not counted);
- names: ``extract_names(text)`` with the default (LAC) tagger, as ``translate run`` does.

Time is wall-clock; memory is the growth of the child's peak RSS over what it held after a
warm-up call on a short article (jieba, CC-CEDICT and the tagger loaded), so it is what the call
itself needed at its peak, native memory (onnxruntime) included. The growth ratio is each size's
time (and memory) over the previous size's, for a size ratio of 4: about 4 means linear.

Run:
    .venv/bin/python benchmarks/bench_long.py                      # 1k, 4k, 16k sentences
    .venv/bin/python benchmarks/bench_long.py --sizes 1000 4000    # a quicker look
    .venv/bin/python benchmarks/bench_long.py --stages summary     # one stage
    .venv/bin/python benchmarks/bench_long.py --write long.txt --sizes 16000   # the article only
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # after PYTHONPATH: another checkout can be measured

# fmt: off
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
             "苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵")
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉兰萍建志红晓东海波宁辉鹏飞斌宇浩凯健俊帆欣怡佳雪琳晨阳"
_TRANSLIT = "阿巴达德尔菲格哈基卡拉马纳帕萨塔瓦扎艾安奥贝布多恩弗古霍杰科罗米尼诺佩萨斯图韦"
_CITIES = ("成都", "杭州", "南京", "武汉", "西安", "长沙", "郑州", "济南", "福州", "合肥", "昆明",
           "贵阳", "南宁", "兰州", "太原", "石家庄", "沈阳", "长春", "哈尔滨", "南昌", "海口", "银川",
           "西宁", "呼和浩特", "乌鲁木齐", "拉萨", "宁波", "厦门", "青岛", "大连", "苏州", "无锡")
_DEPARTMENTS = ("公安局", "应急管理局", "教育局", "交通运输局", "生态环境局", "卫生健康委员会",
                "住房和城乡建设局", "农业农村局", "水务局", "商务局", "文化和旅游局", "市场监督管理局")
_TITLES = ("局长", "副局长", "主任", "副市长", "市长", "书记")
_TOPICS = ("防汛救灾", "城市更新", "乡村振兴", "生态保护", "交通建设", "医疗改革", "教育公平",
           "营商环境", "数字经济", "文旅融合", "食品安全", "基层治理")
_COUNTRIES = (("泰国", "曼谷"), ("越南", "河内"), ("老挝", "万象"), ("柬埔寨", "金边"),
              ("印度尼西亚", "雅加达"), ("马来西亚", "吉隆坡"), ("法国", "巴黎"), ("德国", "柏林"))
_TEMPLATES = (
    "{city}市{dept}{title}{name}{day}日表示，今年以来全市{topic}工作取得明显进展。",
    "{name}说，{city}将继续加大对{topic}的投入，力争{year}年前完成既定目标。",
    "据{city}日报报道，{city}市{dept2}已组织{num}名工作人员赶赴现场开展工作。",
    "{name2}、{name3}等专家认为，{topic}仍面临不少挑战，需要各方共同努力。",
    "{country}总统{foreign}在{capital}会见{city}代表团时指出，双方在{topic}领域合作潜力巨大。",
    "{city}市{dept2}副局长{name3}介绍，目前共排查隐患点{num}处，已整改{num2}处。",
)
# fmt: on


def _person(i: int) -> str:
    """The i-th generated Chinese name: surname + one or two given characters."""
    s, g = len(_SURNAMES), len(_GIVEN)
    first = _GIVEN[(i * 7 + i // s) % g]
    return _SURNAMES[i % s] + first + ("" if i % 7 == 0 else _GIVEN[(i * 13 + 5 + i // g) % g])


def _foreign(i: int) -> str:
    """The i-th generated transliterated name, dotted (阿巴·达德尔)."""
    t = len(_TRANSLIT)
    first = _TRANSLIT[i % t] + _TRANSLIT[(i // t) % t]
    last = _TRANSLIT[(i * 7 + 3) % t] + _TRANSLIT[(i // t + 5) % t] + _TRANSLIT[(i + 11) % t]
    return f"{first}·{last}"


def _generated(k: int) -> str:
    """A paragraph of three generated sentences naming new persons (copy ``k``)."""
    out = []
    for j in range(3):
        i = 3 * k + j
        country, capital = _COUNTRIES[i % len(_COUNTRIES)]
        out.append(
            _TEMPLATES[i % len(_TEMPLATES)].format(
                city=_CITIES[i % len(_CITIES)],
                dept=_DEPARTMENTS[i % len(_DEPARTMENTS)],
                dept2=_DEPARTMENTS[(i * 5 + 1) % len(_DEPARTMENTS)],
                title=_TITLES[i % len(_TITLES)],
                name=_person(3 * i),
                name2=_person(3 * i + 1),
                name3=_person(3 * i + 2),
                topic=_TOPICS[(i * 7) % len(_TOPICS)],
                day=1 + i % 28,
                year=2025 + i % 6,
                num=20 + (i * 37) % 900,
                num2=10 + (i * 13) % 20,
                country=country,
                capital=capital,
                foreign=_foreign(i),
            )
        )
    return "".join(out)


def _sample_paragraphs() -> list[str]:
    """The body paragraphs of samples/*.txt (no title, bylines or related-reading furniture,
    which would make the rest of a long article furniture too)."""
    from translate.document import BODY
    from translate.pipeline.plan import load_document

    out: list[str] = []
    for path in sorted((ROOT / "samples").glob("*.txt")):
        doc = load_document(path)
        out += ["".join(s.source for s in p.sentences) for p in doc.paragraphs if p.role == BODY]
    return out


def long_article(sentences: int) -> str:
    """A synthetic article of about ``sentences`` sentences (title line first).

    Body paragraphs of the samples (their digits shifted copy by copy) alternate with generated
    ones; the same ``sentences`` always gives the same text.
    """
    from translate.text.segment import split_sentences

    samples = _sample_paragraphs()
    lines = ["长篇测试稿：多地推进重点工作　各方积极评价"]
    count = 0
    k = 0
    while count < sentences:
        shift = k // len(samples) % 10
        digits = str.maketrans("0123456789", "0123456789"[shift:] + "0123456789"[:shift])
        sample = samples[k % len(samples)].translate(digits)
        for paragraph in (sample, _generated(k)):
            lines.append(paragraph)
            count += len(split_sentences(paragraph))
        k += 1
    return "\n".join(lines) + "\n"


# -- measuring (in a child process) -------------------------------------------------------------


def _peak_rss_mb() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _child(stage: str, size: int) -> dict[str, float]:
    """Run one stage on one size in this process; time and peak-RSS growth."""
    from translate.pipeline.plan import build_document

    text = long_article(size)
    if stage == "summary":
        import numpy  # noqa: F401  (the sparse ranking's; imported once per process, not timed)

        from translate.summarize.extractive import extractive

        doc = build_document(text)
        units = sum(len(p.sentences) for p in doc.paragraphs)
        extractive(build_document("标题\n中国警方打击电信诈骗。泰国警方抓获嫌疑人。\n"))  # warm-up

        def run() -> None:
            extractive(doc, sentences=3)

    else:
        from translate.names.extract import extract_names

        units = sum(len(p.sentences) for p in build_document(text).paragraphs)
        extract_names("外交部长王毅在北京会见泰国副总理兼外长敦。王毅表示，双方要加强合作。")

        def run() -> None:
            extract_names(text)

    before = _peak_rss_mb()
    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    return {
        "sentences": units,
        "chars": len(text),
        "seconds": seconds,
        "peak_mb": max(0.0, _peak_rss_mb() - before),
    }


def measure(stage: str, size: int, *, timeout: float = 3600) -> dict[str, float]:
    """``_child`` in a fresh Python process (peak RSS is per process)."""
    proc = subprocess.run(
        [sys.executable, __file__, "--child", stage, str(size)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{stage} at {size} sentences failed:\n{proc.stderr}")
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 16000])
    parser.add_argument(
        "--stages", nargs="+", choices=("summary", "names"), default=["summary", "names"]
    )
    parser.add_argument("--write", type=Path, help="write the article of the first size; exit")
    parser.add_argument("--child", nargs=2, metavar=("STAGE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        print(json.dumps(_child(args.child[0], int(args.child[1]))))
        return 0
    if args.write:
        args.write.write_text(long_article(args.sizes[0]), encoding="utf-8")
        print(f"wrote {args.write} ({args.sizes[0]} sentences)")
        return 0

    print(f"{'stage':<8} {'sentences':>9} {'chars':>9} {'time s':>8} {'peak MB':>8} "
          f"{'time x':>7} {'mem x':>6}")  # fmt: skip
    for stage in args.stages:
        previous: dict[str, float] | None = None
        for size in args.sizes:
            r = measure(stage, size)
            grow_t = grow_m = ""
            if previous is not None:
                grow_t = f"{r['seconds'] / max(previous['seconds'], 1e-9):.1f}"
                grow_m = f"{r['peak_mb'] / max(previous['peak_mb'], 1.0):.1f}"
            print(
                f"{stage:<8} {int(r['sentences']):>9} {int(r['chars']):>9} "
                f"{r['seconds']:>8.2f} {r['peak_mb']:>8.1f} {grow_t:>7} {grow_m:>6}",
                flush=True,
            )
            previous = r
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
