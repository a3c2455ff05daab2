"""Glossary import/export: round trips per format, real-world file shapes, safe XML, merge rules."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from translate.errors import GlossaryError, OutputError
from translate.glossary.entry import Entry
from translate.glossary.interchange import (
    FORMATS,
    detect_format,
    dumps,
    export_format,
    export_glossary,
    merge_terms,
    read_terms,
)
from translate.glossary.store import Glossary

ENTRIES = [
    Entry(
        "陈文清", "Chen Wenqing", "person", "pinned", "Minister of State Security", "extract:a.txt"
    ),
    Entry(
        "中央政法委员会",
        "Central Political and Legal Affairs Commission, CPLAC",
        "org",
        "suggested",
        'the "big" one, with commas; and semicolons',
    ),
    Entry("𠮷野家", "Yoshinoya 𠮷", "org", "review", "non-BMP characters"),
    Entry("陳文清", "Chen Wenqing", "person", "suggested", "traditional script"),
    Entry('说"是"', '"Yes," he said', "term", "pinned"),
    Entry("丹穗", "", "person", "review", "foreign name, no target yet"),
]

# format -> (file name, fields the format carries besides source and target, keeps empty targets)
CARRIES = {
    "tsv": ("out.tsv", {"type", "status", "note", "origin"}, True),
    "tbx": ("out.tbx", {"type", "status", "note", "origin"}, True),
    "google": ("out.csv", {"type", "note"}, False),
    "amazon": ("out.csv", set(), False),
    "deepl-csv": ("out.csv", set(), False),
    "deepl-tsv": ("out.tsv", set(), False),
}


def expected(entry: Entry, carried: set[str], origin: str) -> Entry:
    defaults = Entry(entry.source, entry.target, origin=origin)
    values = {name: getattr(entry, name) for name in carried}
    if "origin" in carried and not entry.origin:
        values["origin"] = origin
    return dataclasses.replace(defaults, **values)


@pytest.mark.parametrize("fmt", list(CARRIES))
def test_export_then_import_gives_the_same_entries(tmp_path: Path, fmt: str) -> None:
    name, carried, keeps_empty = CARRIES[fmt]
    path = tmp_path / name
    report = export_glossary(ENTRIES, path, fmt)
    assert report.written == (6 if keeps_empty else 5)
    assert [e.source for e in report.skipped] == ([] if keeps_empty else ["丹穗"])
    assert detect_format(path) in ({fmt, "google"} if fmt == "deepl-csv" else {fmt})
    used, terms = read_terms(path)  # autodetected
    glossary = Glossary()
    merged = merge_terms(glossary, terms, fmt=used, origin=f"import:{name}")
    assert merged.conflicts == [] and merged.duplicates == []
    want = [expected(e, carried, f"import:{name}") for e in ENTRIES if keeps_empty or e.target]
    assert glossary.entries == want


def test_exported_shapes_match_the_services(tmp_path: Path) -> None:
    entries = ENTRIES[:2]
    assert dumps(entries, "deepl-tsv")[0].decode() == (
        "陈文清\tChen Wenqing\n"
        "中央政法委员会\tCentral Political and Legal Affairs Commission, CPLAC\n"
    )
    assert dumps(entries, "deepl-csv")[0].decode() == (
        "陈文清,Chen Wenqing\n"
        '中央政法委员会,"Central Political and Legal Affairs Commission, CPLAC"\n'
    )
    assert dumps(entries, "amazon")[0].decode().splitlines()[0] == "zh,en"
    google = dumps(entries, "google")[0].decode().splitlines()
    assert google[0] == "zh-CN,en,pos,description"
    assert google[1] == "陈文清,Chen Wenqing,person,Minister of State Security"
    tbx = dumps(entries, "tbx")[0]
    assert tbx.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic"')
    assert not any(
        data.startswith(b"\xef\xbb\xbf") for data, _ in (dumps(entries, f) for f in FORMATS)
    )  # no BOM: it would become part of a term


@pytest.mark.parametrize(
    ("name", "content", "fmt", "pairs"),
    [
        (
            "deepl-ui.csv",
            "陈文清,Chen Wenqing,zh,en\n王毅,Wang Yi,zh,en\n",
            "deepl-csv",
            [("陈文清", "Chen Wenqing"), ("王毅", "Wang Yi")],
        ),
        (
            "quoted.csv",
            '"王毅","Wang Yi"\n"新华社","Xinhua ""News"" Agency"\n',
            "deepl-csv",
            [("王毅", "Wang Yi"), ("新华社", 'Xinhua "News" Agency')],
        ),
        (
            "bom-crlf.tsv",
            "\ufeff王毅\tWang Yi\r\n\r\n刘钊\tLiu Zhao\r\n",
            "deepl-tsv",
            [("王毅", "Wang Yi"), ("刘钊", "Liu Zhao")],
        ),
        ("amazon.csv", "en,zh,fr\nWang Yi,王毅,Wang Yi\n", "amazon", [("王毅", "Wang Yi")]),
        (
            "amazon-variants.csv",
            "zh,zh-TW,en\n陈文清,陳文清,Chen Wenqing\n",
            "amazon",
            [("陈文清", "Chen Wenqing"), ("陳文清", "Chen Wenqing")],
        ),
        (
            "google.csv",
            "zh-CN,en,pos,description\n王毅,Wang Yi,noun,FM\n",
            "google",
            [("王毅", "Wang Yi")],
        ),
        ("google-uni.csv", "王毅,Wang Yi\n", "deepl-csv", [("王毅", "Wang Yi")]),
        ("amazon.tsv", "zh\ten\n王毅\tWang Yi\n", "amazon", [("王毅", "Wang Yi")]),
    ],
)
def test_real_world_files_are_read(
    tmp_path: Path, name: str, content: str, fmt: str, pairs: list[tuple[str, str]]
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert detect_format(path) == fmt
    used, terms = read_terms(path)
    assert used == fmt
    assert [(t.source, t.target) for t in terms] == pairs


def test_google_pos_and_description_become_type_and_note(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("zh-CN,en,pos,description\n王毅,Wang Yi,noun,FM\n敦,Don,person,Thai FM\n")
    _, terms = read_terms(path, "google")
    assert [(t.type, t.note) for t in terms] == [(None, "FM"), ("person", "Thai FM")]


@pytest.mark.parametrize(
    ("text", "fmt"),
    [("王毅\tWang Yi\r\n", "deepl-tsv"), ("zh\ten\r\n王毅\tWang Yi\r\n", "amazon")],
)
def test_utf16_excel_text_is_read(tmp_path: Path, text: str, fmt: str) -> None:
    path = tmp_path / "excel.txt"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    assert detect_format(path) == fmt
    assert [(t.source, t.target) for t in read_terms(path)[1]] == [("王毅", "Wang Yi")]


def test_unknown_tbx_type_and_status_values_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "odd.tbx"
    path.write_text(
        '<martif><text><body><termEntry><langSet xml:lang="zh"><tig><term>王毅</term>'
        '<termNote type="x-entityType">diplomat</termNote><termNote type="x-status">gold'
        '</termNote></tig></langSet><langSet xml:lang="en"><tig><term>Wang Yi</term></tig>'
        "</langSet></termEntry></body></text></martif>",
        encoding="utf-8",
    )
    (term,) = read_terms(path)[1]
    assert (term.type, term.status) == (None, None)


def test_tbx3_dct_and_tbx2_ntig_are_read(tmp_path: Path) -> None:
    tbx3 = tmp_path / "v3.tbx"
    tbx3.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"'
        ' xmlns:basic="http://www.tbxinfo.net/ns/basic">'
        "<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>"
        '<text><body><conceptEntry id="c1"><basic:definition>Thai foreign minister'
        "</basic:definition>"
        '<langSec xml:lang="zh-CN"><termSec><term>敦</term></termSec></langSec>'
        '<langSec xml:lang="en-US">'
        "<termSec><term>Don</term></termSec>"
        "<termSec><term>Don Pramudwinai</term><basic:administrativeStatus>preferredTerm-admn-sts"
        "</basic:administrativeStatus></termSec>"
        "</langSec></conceptEntry></body></text></tbx>",
        encoding="utf-8",
    )
    _, terms = read_terms(tbx3)
    assert [(t.source, t.target, t.note, t.status) for t in terms] == [
        ("敦", "Don Pramudwinai", "Thai foreign minister", None)
    ]
    tbx2 = tmp_path / "v2.xml"
    tbx2.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n'
        '<martif type="TBX"><text><body><termEntry>'
        '<langSet xml:lang="zh"><ntig><termGrp><term>刘钊</term></termGrp></ntig>'
        "<tig><term>劉釗</term></tig></langSet>"
        '<langSet xml:lang="en"><tig><term>Liu Zhao</term></tig></langSet>'
        "</termEntry></body></text></martif>",
        encoding="utf-8",
    )
    _, terms = read_terms(tbx2)
    assert [(t.source, t.target) for t in terms] == [("刘钊", "Liu Zhao"), ("劉釗", "Liu Zhao")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            "<martif><text><body><termEntry><langSet xml:lang='zh'><tig><term>&lol2;</term>"
            "</tig></langSet></termEntry></body></text></martif>",
            "refused (unsafe)",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            "<martif><text><body><termEntry><langSet xml:lang='zh'><tig><term>&xxe;</term>"
            "</tig></langSet></termEntry></body></text></martif>",
            "refused (unsafe)",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE martif SYSTEM "file:///etc/passwd">'
            "<martif><text><body><termEntry><langSet xml:lang='zh'><tig><term>&xxe;</term>"
            "</tig></langSet></termEntry></body></text></martif>",
            "undefined entity &xxe;",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE martif [<!ATTLIST langSet xml:lang CDATA "zh">]>'
            "<martif><text><body><termEntry><langSet><tig><term>王毅</term>"
            "</tig></langSet></termEntry></body></text></martif>",
            "XML with an internal DTD subset is refused (unsafe)",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE martif SYSTEM "x.dtd" [<!ENTITY % p SYSTEM '
            '"file:///etc/passwd"> %p;]><martif/>',
            "XML with an internal DTD subset is refused (unsafe)",
        ),
        (
            '<?xml version="1.0" encoding="UTF-16"?>'
            '<!DOCTYPE m [<!ENTITY lol "lol">]><martif>&lol;</martif>',
            "XML with an internal DTD subset is refused (unsafe)",
        ),
        ("<martif>\n<text>\n<body>\n</martif>", ":4: not well-formed XML"),
        ("<html><body/></html>", "not a TBX file (root element <html>)"),
    ],
    ids=[
        "billion-laughs",
        "xxe",
        "external-dtd-entity",
        "subset-without-entities",
        "parameter-entity",
        "utf16-entity",
        "malformed",
        "not-tbx",
    ],
)
def test_unsafe_or_broken_xml_is_a_clean_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.tbx"
    encoding = "utf-16" if 'encoding="UTF-16"' in content else "utf-8"
    path.write_text(content, encoding=encoding)
    with pytest.raises(GlossaryError) as info:
        read_terms(path)
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith(str(path))
    assert "passwd" not in str(info.value).replace("file:///etc/passwd", "")


def test_doctype_naming_only_an_external_dtd_is_read(tmp_path: Path) -> None:
    # TBX v2 files often name their DTD; it is never fetched, so the file is read as usual
    path = tmp_path / "public.tbx"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core '
        '(DXFcdV04)//EN" "http://example.invalid/TBXcdv04.dtd">\n'
        '<martif type="TBX"><text><body><termEntry>'
        '<langSet xml:lang="zh"><tig><term>王毅</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>Wang Yi</term></tig></langSet>'
        "</termEntry></body></text></martif>",
        encoding="utf-8",
    )
    assert [(t.source, t.target) for t in read_terms(path)[1]] == [("王毅", "Wang Yi")]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rev.csv", "Wang Yi,王毅\nLiu Zhao,刘钊\n", "looks English"),
        ("one.csv", "王毅\n", "1: expected a source and a target"),
        ("empty-src.csv", ",Wang Yi\n", "1: empty source term"),
        ("no-en.csv", "zh,fr\n王毅,Wang Yi\n", "no English column"),
        ("wide.csv", "zh,en\n王毅,Wang Yi,extra\n", "2: 3 columns but the header has 2"),
        ("quote.csv", '王毅,"Wang Yi\n', "malformed CSV"),
        ("gbk.csv", "王毅,Wang Yi\n".encode("gbk"), "1: not valid UTF-8"),
    ],
)
def test_bad_table_files_name_file_and_line(
    tmp_path: Path, name: str, content: str | bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    with pytest.raises(GlossaryError) as info:
        read_terms(path)
    text = str(info.value)
    assert text.startswith(str(path))
    assert message in text


def test_format_names_and_export_guards(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="unknown glossary format 'xliff'"):
        read_terms(tmp_path / "x.csv", "xliff")
    with pytest.raises(GlossaryError, match="--format"):
        export_format(tmp_path / "x.csv", None)
    assert export_format(tmp_path / "x.tbx", None) == "tbx"
    path = tmp_path / "out.csv"
    path.write_text("keep me")
    with pytest.raises(OutputError, match="already exists"):
        export_glossary(ENTRIES, path, "deepl-csv")
    assert path.read_text() == "keep me"
    export_glossary(ENTRIES, path, "deepl-csv", force=True)
    assert path.read_text().startswith("陈文清,Chen Wenqing\n")


def _terms(tmp_path: Path, text: str) -> list:
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8")
    return read_terms(path, "deepl-csv")[1]


def test_merge_never_overwrites_without_being_asked(tmp_path: Path) -> None:
    def fresh() -> Glossary:
        return Glossary(
            [
                Entry("王毅", "Wang Yi", "person", "pinned"),
                Entry("刘钊", "Liu Zhao", "person", "suggested", "keep this note"),
                Entry("陈海", "Chen Hai", "person"),
            ]
        )

    terms = _terms(
        tmp_path, "王毅,WANG Yi\n刘钊,LIU Zhao\n陈海,Chen Hai\n訚柏,Yin Bai\n訚柏,Yin Po\n"
    )

    glossary = fresh()
    report = merge_terms(glossary, terms, origin="import:in.csv")
    assert [e.source for e in report.added] == ["訚柏"]
    assert report.unchanged == 1
    assert [(old.source, new.target) for old, new in report.conflicts] == [
        ("王毅", "WANG Yi"),
        ("刘钊", "LIU Zhao"),
    ]
    assert [t.target for t in report.duplicates] == ["Yin Po"]
    assert glossary.get("王毅").target == "Wang Yi"  # type: ignore[union-attr]
    assert glossary.get("訚柏") == Entry("訚柏", "Yin Bai", origin="import:in.csv")

    glossary = fresh()
    report = merge_terms(glossary, terms, overwrite=True)
    assert [old.source for old, _ in report.replaced] == ["刘钊"]
    assert glossary.get("刘钊") == Entry(
        "刘钊", "LIU Zhao", "person", "suggested", "keep this note"
    )
    assert glossary.get("王毅").target == "Wang Yi"  # type: ignore[union-attr]  # pinned: kept

    glossary = fresh()
    report = merge_terms(glossary, terms, overwrite_pinned=True)
    assert {old.source for old, _ in report.replaced} == {"王毅", "刘钊"}
    assert glossary.get("王毅") == Entry("王毅", "WANG Yi", "person", "pinned")

    glossary = fresh()
    merge_terms(glossary, terms, status="pinned")
    assert glossary.get("訚柏").status == "pinned"  # type: ignore[union-attr]


def test_merge_keeps_script_variants_distinct_and_does_not_pin_empty_targets(
    tmp_path: Path,
) -> None:
    glossary = Glossary([Entry("陈文清", "Chen Wenqing", "person", "pinned")])
    path = tmp_path / "v.tbx"
    export_glossary([Entry("陳文清", "Chen Wen-ching"), Entry("丹穗", "")], path)
    _, terms = read_terms(path)
    report = merge_terms(glossary, terms, status="pinned")
    assert [(e.source, e.status) for e in report.added] == [
        ("陳文清", "pinned"),
        ("丹穗", "review"),
    ]
    assert report.conflicts == []
