"""A tiny random-init BART summarizer (byte-level BPE tokenizer + BartForConditionalGeneration).

For tests and development only: it loads exactly like a real summarization checkpoint (through
translate.hub.locate and AutoTokenizer / BartForConditionalGeneration) but writes nonsense. Its
128 positions make the chunking of long inputs easy to exercise. Builds in a few seconds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["MAX_POSITIONS", "SPECIAL_TOKENS", "build_tiny_bart"]

# BART's special tokens, in the order that gives them BART's ids (<s>=0 <pad>=1 </s>=2 ...).
SPECIAL_TOKENS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")
MAX_POSITIONS = 128
_VOCAB_SIZE = 600

_CORPUS = """\
China, Thailand, Myanmar and Laos agreed to step up joint operations against telecom fraud.
Foreign Minister Wang Yi held talks in Beijing with the Thai deputy prime minister.
The two sides will speed up the construction of the China-Thailand railway.
Police in the four countries set up a joint coordination centre in Chiang Mai.
Criminal gangs lure young people abroad with promises of high salaries.
The ministry of public security said thousands of suspects had been handed over.
Experts say international judicial cooperation is an important way to fight cross-border crime.
The ambassador met the foreign minister in Naypyidaw to discuss the crackdown on gambling.
Officials warned that the situation in the border areas remains serious and complex.
The meeting called for severe punishment of online fraud and illegal gambling networks.
Reporters contacted the families of the three men, one of whom has been missing for years.
The government attaches great importance to the safety of its citizens overseas.
A summary is a short text that keeps the main points of a longer article.
Markets rose on Monday after the central bank kept interest rates unchanged.
Heavy rain caused floods in several provinces, and thousands of people were evacuated.
The company reported higher profits in the second quarter of the year.
Scientists said the new vaccine was safe and effective in early trials.
The president will visit three countries in Africa next week, the ministry said.
"""


def build_tiny_bart(out_dir: Path, *, seed: int = 0) -> Path:
    """Build a tiny random BART summarization model and its tokenizer in `out_dir`.

    Args:
        out_dir: directory to write (created if missing); existing files are replaced.
        seed: random seed for the weights (same seed, same model).

    Returns:
        `out_dir`, loadable with translate.hub.locate(str(out_dir), task="summarization").
    """
    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import (
        AutoTokenizer,
        BartConfig,
        BartForConditionalGeneration,
        BartTokenizer,
        GenerationConfig,
    )

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)

    bpe = ByteLevelBPETokenizer()
    lines = _CORPUS.splitlines()
    bpe.train_from_iterator(
        lines * 4,
        vocab_size=_VOCAB_SIZE,
        min_frequency=1,
        special_tokens=list(SPECIAL_TOKENS),
        show_progress=False,
    )
    bpe.save_model(str(out_dir))  # vocab.json + merges.txt
    for stale in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        (out_dir / stale).unlink(missing_ok=True)
    written = BartTokenizer.from_pretrained(str(out_dir), model_max_length=MAX_POSITIONS)
    written.save_pretrained(str(out_dir))  # tokenizer.json + tokenizer_config.json
    tokenizer: Any = AutoTokenizer.from_pretrained(str(out_dir))
    ids: dict[str, int] = {t: tokenizer.convert_tokens_to_ids(t) for t in SPECIAL_TOKENS}
    if [ids[t] for t in SPECIAL_TOKENS] != list(range(len(SPECIAL_TOKENS))):
        raise RuntimeError(f"tiny BART tokenizer has unexpected special ids: {ids}")

    config = BartConfig(
        vocab_size=len(tokenizer),
        d_model=16,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        max_position_embeddings=MAX_POSITIONS,
        bos_token_id=ids["<s>"],
        pad_token_id=ids["<pad>"],
        eos_token_id=ids["</s>"],
        decoder_start_token_id=ids["</s>"],
        forced_eos_token_id=ids["</s>"],
    )
    torch.manual_seed(seed)
    model = BartForConditionalGeneration(config)
    model.generation_config = GenerationConfig(
        bos_token_id=ids["<s>"],
        pad_token_id=ids["<pad>"],
        eos_token_id=ids["</s>"],
        decoder_start_token_id=ids["</s>"],
        forced_bos_token_id=ids["<s>"],
        forced_eos_token_id=ids["</s>"],
        num_beams=2,
        min_length=4,
        max_length=24,
        no_repeat_ngram_size=3,
        early_stopping=True,
    )
    model.save_pretrained(str(out_dir))
    return out_dir
