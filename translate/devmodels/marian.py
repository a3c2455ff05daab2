"""Build a random-weight Marian (opus-mt layout) model from built-in text, for tests and benchmarks.

The model is untrained: it loads and runs through exactly the code users get (hub.locate +
MarianTranslator) but its translations are gibberish. SentencePiece models are trained on a few
hundred generated Chinese/English news-style sentences embedded here, so nothing outside the
package is read and nothing is downloaded.
"""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

# Parallel phrase tables: (Chinese, English). Sentences are generated from them deterministically.
_SUBJECTS = [
    ("北京市政府", "the Beijing municipal government"),
    ("国务院", "the State Council"),
    ("外交部发言人", "the foreign ministry spokesperson"),
    ("上海市委书记", "the Shanghai party secretary"),
    ("中国人民银行", "the People's Bank of China"),
    ("国家统计局", "the National Bureau of Statistics"),
    ("教育部", "the Ministry of Education"),
    ("广东省气象台", "the Guangdong meteorological observatory"),
    ("当地居民", "local residents"),
    ("专家", "experts"),
    ("记者", "the reporter"),
    ("企业代表", "business representatives"),
    ("志愿者", "volunteers"),
    ("北京青年报", "the Beijing Youth Daily"),
    ("清华大学研究团队", "a research team at Tsinghua University"),
]
_VERBS = [
    ("宣布了", "announced"),
    ("发布了", "released"),
    ("讨论了", "discussed"),
    ("支持", "supports"),
    ("批评了", "criticised"),
    ("介绍了", "introduced"),
    ("完成了", "completed"),
    ("启动了", "launched"),
    ("调查了", "investigated"),
    ("报道了", "reported"),
]
_OBJECTS = [
    ("新的经济政策", "a new economic policy"),
    ("防汛工作方案", "a flood control plan"),
    ("城市交通规划", "an urban transport plan"),
    ("第二季度数据", "the second quarter figures"),
    ("高校招生计划", "the university admissions plan"),
    ("暴雨预警", "a rainstorm warning"),
    ("文化交流活动", "a cultural exchange programme"),
    ("环境保护措施", "environmental protection measures"),
    ("医疗改革进展", "progress in healthcare reform"),
    ("科技创新项目", "a technology innovation project"),
    ("住房保障政策", "a housing support policy"),
    ("农村振兴计划", "a rural revitalisation plan"),
]
_TIMES = [
    ("昨天", "yesterday"),
    ("今天上午", "this morning"),
    ("8月20日", "on 20 August"),
    ("上周", "last week"),
    ("2023年", "in 2023"),
    ("近日", "recently"),
    ("本月初", "earlier this month"),
]
_PLACES = [
    ("在北京", "in Beijing"),
    ("在上海", "in Shanghai"),
    ("在广州", "in Guangzhou"),
    ("在深圳", "in Shenzhen"),
    ("在河北省", "in Hebei province"),
    ("在香港", "in Hong Kong"),
    ("在武汉", "in Wuhan"),
]
_EXTRA = [
    ("据了解，全市共有1200多名工作人员参与了救援。",
     "It is understood that more than 1,200 workers across the city took part in the rescue."),
    ("他表示：“我们将继续努力，确保群众安全。”",
     'He said: "We will keep working to ensure the safety of the public."'),
    ("数据显示，上半年国内生产总值同比增长5.5%。",
     "Data show that gross domestic product grew 5.5% year on year in the first half."),
    ("记者从市应急管理局获悉，道路已经全部恢复通行。",
     "The reporter learned from the city emergency management bureau that all roads have reopened."),
    ("专家提醒，市民外出时应注意天气变化！",
     "Experts remind residents to watch for changes in the weather when going out!"),
    ("这次会议为期三天，共有来自20个国家的代表出席。",
     "The three-day meeting was attended by representatives from 20 countries."),
    ("《人民日报》、新华社等媒体对此进行了报道。",
     "Media including the People's Daily and Xinhua reported on it."),
    ("目前，相关部门正在进一步调查事故原因？",
     "At present, the relevant departments are further investigating the cause of the accident?"),
    ("陈文清、王小明和李华出席了开幕式（左一为陈文清）。",
     "Chen Wenqing, Wang Xiaoming and Li Hua attended the opening ceremony (Chen Wenqing, first left)."),
    ("中华人民共和国成立于1949年10月1日；首都是北京。",
     "The People's Republic of China was founded on 1 October 1949; its capital is Beijing."),
]  # fmt: skip


def corpus(n: int = 400, *, seed: int = 0) -> tuple[list[str], list[str]]:
    """Return `n` generated parallel (Chinese, English) sentences, deterministic for a seed."""
    rng = random.Random(seed)
    zh: list[str] = [z for z, _ in _EXTRA]
    en: list[str] = [e for _, e in _EXTRA]
    while len(zh) < n:
        s, v, o, t, p = (rng.choice(x) for x in (_SUBJECTS, _VERBS, _OBJECTS, _TIMES, _PLACES))
        zh.append(f"{s[0]}{t[0]}{p[0]}{v[0]}{o[0]}。")
        en.append(f"{s[1][0].upper()}{s[1][1:]} {v[1]} {o[1]} {p[1]} {t[1]}.")
    return zh[:n], en[:n]


def _train_spm(lines: list[str], vocab_size: int, *, seed: int, chinese: bool) -> bytes:
    import sentencepiece as spm

    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=buf,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        # identity: the tokenizer sees characters as written, like a model whose training data
        # never contained full-width Latin forms (the backend normalises those itself).
        normalization_rule_name="identity",
        hard_vocab_limit=False,
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
        split_digits=chinese,
        num_threads=1,
        minloglevel=2,
    )
    return buf.getvalue()


def _spm_pieces(model: bytes) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=model)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def build_tiny_marian(out_dir: Path, *, seed: int = 0, full_size: bool = False) -> Path:
    """Write a random-weight Marian zh->en model in the opus-mt layout to `out_dir`.

    Args:
        out_dir: directory to write (created; existing model files are overwritten).
        seed: seed for the SentencePiece training and the weights.
        full_size: build opus-mt-zh-en's shape (d_model 512, 6+6 layers, 8 heads, ffn 2048,
            vocabulary 65001) instead of the tiny one (d_model 16, 2+2 layers), for benchmarks.

    Returns:
        `out_dir`, loadable with `translate.hub.locate(str(out_dir), task="translation")`.
    """
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    zh, en = corpus(400, seed=seed)
    source = _train_spm(zh, 400, seed=seed, chinese=True)
    target = _train_spm(en, 300, seed=seed, chinese=False)
    (out / "source.spm").write_bytes(source)
    (out / "target.spm").write_bytes(target)

    # Shared vocabulary as opus-mt has it: </s> 0, <unk> 1, pieces of both sides, <pad> last.
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    specials = {"<unk>", "<s>", "</s>"}
    for piece in _spm_pieces(source) + _spm_pieces(target):
        if piece not in specials and piece not in vocab:
            vocab[piece] = len(vocab)
    if full_size:
        filler = 0
        while len(vocab) < 65000:
            vocab[f"<filler{filler}>"] = len(vocab)
            filler += 1
    pad_id = len(vocab)
    vocab["<pad>"] = pad_id
    (out / "vocab.json").write_text(
        json.dumps(vocab, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    tokenizer_config = {
        "tokenizer_class": "MarianTokenizer",
        "source_lang": "zh",
        "target_lang": "en",
        "model_max_length": 512,
        "separate_vocabs": False,
        "unk_token": "<unk>",
        "eos_token": "</s>",
        "pad_token": "<pad>",
    }
    (out / "tokenizer_config.json").write_text(
        json.dumps(tokenizer_config, indent=1), encoding="utf-8"
    )

    dims = (
        {"d_model": 512, "layers": 6, "heads": 8, "ffn": 2048}
        if full_size
        else {"d_model": 16, "layers": 2, "heads": 2, "ffn": 32}
    )
    config = MarianConfig(
        vocab_size=len(vocab),
        decoder_vocab_size=len(vocab),
        d_model=dims["d_model"],
        encoder_layers=dims["layers"],
        decoder_layers=dims["layers"],
        encoder_attention_heads=dims["heads"],
        decoder_attention_heads=dims["heads"],
        encoder_ffn_dim=dims["ffn"],
        decoder_ffn_dim=dims["ffn"],
        max_position_embeddings=512,
        activation_function="swish",
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
        pad_token_id=pad_id,
        eos_token_id=0,
        decoder_start_token_id=pad_id,
        forced_eos_token_id=0,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config).eval()
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad_id]],
        decoder_start_token_id=pad_id,
        pad_token_id=pad_id,
        eos_token_id=0,
        forced_eos_token_id=0,
        num_beams=4,
        max_length=512 if full_size else 40,
    )
    from translate.backends.marian_text import quiet_transformers

    with quiet_transformers():
        model.save_pretrained(out)
    return out
