"""Romanization of Chinese names: surname readings, compound surnames, apostrophes, ü, scripts."""

from __future__ import annotations

import pytest

from translate.names.romanize import (
    person,
    pinyin_words,
    split_surname,
    surname_reading,
    surnames,
)

PERSONS = [
    # the seed article
    ("陈文清", "Chen Wenqing"),
    ("訚柏", "Yin Bai"),
    ("王毅", "Wang Yi"),
    ("刘钊", "Liu Zhao"),
    ("陈海", "Chen Hai"),
    # surnames whose surname reading differs from the everyday reading
    ("曾国藩", "Zeng Guofan"),
    ("单田芳", "Shan Tianfang"),
    ("解振华", "Xie Zhenhua"),
    ("仇和", "Qiu He"),
    ("区志航", "Ou Zhihang"),
    ("查良镛", "Zha Liangyong"),
    ("朴槿惠", "Piao Jinhui"),
    ("乐嘉", "Yue Jia"),
    ("盖叫天", "Ge Jiaotian"),
    ("万钢", "Wan Gang"),
    ("缪德", "Miao De"),
    ("翟志刚", "Zhai Zhigang"),
    ("覃超", "Qin Chao"),
    ("冼星海", "Xian Xinghai"),
    ("繁漪", "Po Yi"),
    ("黑明", "He Ming"),
    ("召南", "Shao Nan"),
    ("秘书", "Bi Shu"),
    ("重阳", "Chong Yang"),
    ("尉健行", "Wei Jianxing"),  # 尉 alone reads Wei; Yu only in 尉迟
    ("柏杨", "Bai Yang"),
    ("薄熙", "Bo Xi"),
    ("卜算", "Bu Suan"),
    # compound surnames
    ("欧阳娜娜", "Ouyang Nana"),
    ("尉迟恭", "Yuchi Gong"),
    ("万俟卨", "Moqi Xie"),
    ("司马光", "Sima Guang"),
    ("诸葛亮", "Zhuge Liang"),
    ("上官婉儿", "Shangguan Wan'er"),
    ("东方明", "Dongfang Ming"),
    ("皇甫嵩", "Huangfu Song"),
    ("令狐冲", "Linghu Chong"),
    ("公孙胜", "Gongsun Sheng"),
    ("慕容复", "Murong Fu"),
    ("夏侯惇", "Xiahou Dun"),
    ("端木蕻良", "Duanmu Hongliang"),
    ("司徒雷登", "Situ Leideng"),
    ("宇文泰", "Yuwen Tai"),
    ("长孙无忌", "Zhangsun Wuji"),
    ("澹台灭明", "Tantai Mieming"),
    # apostrophe before a, o, e inside the given name
    ("李德安", "Li De'an"),
    ("张恩爱", "Zhang En'ai"),
    ("王西安", "Wang Xi'an"),
    # single-character and single-surname edge cases
    ("王", "Wang"),
    ("曾", "Zeng"),
    ("李白", "Li Bai"),
    ("孙悟空", "Sun Wukong"),
    # traditional input
    ("陳文清", "Chen Wenqing"),
    ("劉釗", "Liu Zhao"),
    ("歐陽娜娜", "Ouyang Nana"),
    ("單田芳", "Shan Tianfang"),
    # ü (standard pinyin by default)
    ("吕布", "Lü Bu"),
    ("吕", "Lü"),
    ("闾丘露薇", "Lüqiu Luwei"),
]


@pytest.mark.parametrize(("name", "expected"), PERSONS)
def test_person(name: str, expected: str) -> None:
    assert person(name) == expected


@pytest.mark.parametrize(
    ("name", "u", "expected"),
    [
        ("吕布", "ü", "Lü Bu"),
        ("吕布", "yu", "Lyu Bu"),
        ("吕布", "v", "Lv Bu"),
        ("吕布", "u", "Lu Bu"),
        ("王女", "yu", "Wang Nyu"),
        ("徐旭", "yu", "Xu Xu"),  # ü after x/j/q/y is written u in every convention
    ],
)
def test_u_conventions(name: str, u: str, expected: str) -> None:
    assert person(name, u=u) == expected


def test_unknown_u_convention_is_rejected() -> None:
    with pytest.raises(ValueError, match="ü convention"):
        person("吕布", u="oe")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("陈文清", ("陈", "文清")),
        ("欧阳娜娜", ("欧阳", "娜娜")),
        ("司马光", ("司马", "光")),
        ("王", ("王", "")),
        ("歐陽娜娜", ("歐陽", "娜娜")),  # slices of the input as written
        ("  王毅 ", ("王", "毅")),
    ],
)
def test_split_surname(name: str, expected: tuple[str, str]) -> None:
    assert split_surname(name) == expected


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("内比都", None, "Neibidu"),
        ("西安", None, "Xi'an"),
        ("政知新媒体", ["政知", "新媒体"], "Zhengzhi Xinmeiti"),
        ("北京 上海", None, "Beijing Shanghai"),
        ("臺北", None, "Taibei"),
        ("", None, ""),
    ],
)
def test_pinyin_words(text: str, words: list[str] | None, expected: str) -> None:
    assert pinyin_words(text, words) == expected


def test_non_hanzi_kept_and_dotted_names_split() -> None:
    assert person("Joe Tsai") == "Joe Tsai"
    assert person("") == ""
    assert person("唐纳德·特朗普") == "Tangnade Telangpu"


def test_surname_table() -> None:
    table = surnames()
    assert {"王", "陈", "曾", "欧阳"} <= table.common
    assert "欧阳" in table.compound and "王" not in table.compound
    assert surname_reading("曾") == "Zeng"
    assert surname_reading("長孫") == "Zhangsun"
    assert surname_reading("吕", u="yu") == "Lyu"
