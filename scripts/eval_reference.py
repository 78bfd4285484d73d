#!/usr/bin/python3
"""Fixtures and reference values for gan-eval's ReferenceAgreementTests.

Writes small feature sets as .npy files with NumPy (so the Java reader is tested on files NumPy made) and
reference.json with every metric computed the way the implementations users trust define it:
  - FID as pytorch-fid / TTUR: ||mu1-mu2||^2 + tr S1 + tr S2 - 2 tr sqrtm(S1 S2) with scipy.linalg.sqrtm,
    np.cov (ddof 1); for the rank-deficient pair the symmetric form sqrt(S1) S2 sqrt(S1) with eigh, since
    sqrtm of a singular product is ill-conditioned.
  - IS as openai/improved-gan (inception_score/model.py): per split exp(mean KL(p(y|x) || p(y))), splits
    [i*N//s, (i+1)*N//s), mean and np.std (ddof 0).
  - KID as Binkowski et al. (polynomial_mmd, unbiased): one subset holding every row, which makes the draw
    irrelevant (the estimate does not depend on row order).
  - PRDC as clovaai/generative-evaluation-prdc with sklearn-style Euclidean distances, except precision and
    recall compare with <= (Kynkaanniemi et al.); k = 3 for precision/recall and 5 for density/coverage.
  - n-gram JS as the WGAN-GP language_helpers: lines cut/padded to 32 with '`', JS in bits.
The Java tests read these files; they never call Python. Regenerate from the repository root with
Debian's interpreter (numpy, scipy): /usr/bin/python3 scripts/eval_reference.py
"""
import json
import pathlib

import numpy as np
import scipy.linalg

OUT = pathlib.Path("gan-eval/src/test/resources/dev/stablegan/eval/reference")


def fid_sqrtm(a, b):
    mu1, mu2 = a.mean(0), b.mean(0)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    covmean = scipy.linalg.sqrtm(s1 @ s2)
    covmean = covmean.real
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def fid_symmetric(a, b):
    mu1, mu2 = a.mean(0), b.mean(0)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    w, v = np.linalg.eigh(s1)
    root = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
    lam = np.linalg.eigvalsh(root @ s2 @ root)
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.sqrt(np.clip(lam, 0, None)).sum())


def inception_score(p, splits):
    scores = []
    n = p.shape[0]
    for i in range(splits):
        part = p[i * n // splits:(i + 1) * n // splits]
        kl = part * (np.log(part) - np.log(part.mean(0, keepdims=True)))
        scores.append(np.exp(kl.sum(1).mean()))
    return float(np.mean(scores)), float(np.std(scores))


def kid_one_subset(x, y):
    d = x.shape[1]
    k = lambda a, b: (a @ b.T / d + 1) ** 3
    m = x.shape[0]
    kxx, kyy, kxy = k(x, x), k(y, y), k(x, y)
    return float((kxx.sum() - np.trace(kxx)) / (m * (m - 1)) + (kyy.sum() - np.trace(kyy)) / (m * (m - 1))
                 - 2 * kxy.sum() / (m * m))


def distances(a, b):
    d2 = (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2 * a @ b.T
    return np.sqrt(np.maximum(d2, 0))


def radii(a, k):
    d = distances(a, a)
    np.fill_diagonal(d, 0)
    return np.sort(d, axis=1)[:, k]


def prdc(x, y, k_pr=3, k_dc=5):
    dxy = distances(x, y)
    rx_pr, rx_dc, ry_pr = radii(x, k_pr), radii(x, k_dc), radii(y, k_pr)
    precision = (dxy <= rx_pr[:, None]).any(0).mean()
    recall = (dxy <= ry_pr[None, :]).any(1).mean()
    density = (dxy < rx_dc[:, None]).sum(0).mean() / k_dc
    coverage = (dxy.min(1) < rx_dc).mean()
    return dict(precision=float(precision), recall=float(recall), density=float(density), coverage=float(coverage))


def ngram_js(ref, gen, n):
    def counts(lines):
        c = {}
        for line in lines:
            t = tuple(line[:32]) + ("`",) * (32 - len(line[:32]))
            for i in range(len(t) - n + 1):
                c[t[i:i + n]] = c.get(t[i:i + n], 0) + 1
        total = sum(c.values())
        return {g: v / total for g, v in c.items()}
    p, q = counts(ref), counts(gen)
    js = 0.0
    for g in set(p) | set(q):
        pi, qi = p.get(g, 0.0), q.get(g, 0.0)
        mi = (pi + qi) / 2
        if pi > 0:
            js += pi * np.log2(pi / mi)
        if qi > 0:
            js += qi * np.log2(qi / mi)
    return float(js / 2)


def main():
    rng = np.random.default_rng(20261201)
    OUT.mkdir(parents=True, exist_ok=True)
    mix = rng.normal(size=(12, 12))
    real = rng.normal(size=(300, 12)) @ mix
    fake = (rng.normal(size=(240, 12)) * 1.3 + 0.4) @ mix + rng.normal(size=12)
    np.save(OUT / "real.npy", real.astype(np.float64))
    np.save(OUT / "fake.npy", fake.astype(np.float32))
    fake32 = np.load(OUT / "fake.npy").astype(np.float64)
    few = rng.normal(size=(9, 12)) @ mix + 0.5
    np.save(OUT / "few.npy", few)
    logits = rng.normal(size=(250, 7)) * 2.0
    probs = np.exp(logits - logits.max(1, keepdims=True))
    probs /= probs.sum(1, keepdims=True)
    np.save(OUT / "probs.npy", probs)
    kid_x, kid_y = real[:120], fake32[:120]
    ref_lines = ["the cat sat on the mat", "a dog ran far away from home", "", "éclair and naïve café",
                 "this line is much longer than thirty-two characters in total"]
    gen_lines = ["the cat sat on a hat", "a dog ran away", "zzzz", "éclair cafe"]
    (OUT / "reference.txt").write_text("\n".join(ref_lines) + "\n", encoding="utf-8")
    (OUT / "samples.txt").write_text("\n".join(gen_lines) + "\n", encoding="utf-8")
    values = {
        "fid_real_fake": fid_sqrtm(real, fake32),
        "fid_real_fake_symmetric": fid_symmetric(real, fake32),
        "fid_few_real": fid_symmetric(few, real),
        "is_splits_1": inception_score(probs, 1),
        "is_splits_10": inception_score(probs, 10),
        "kid_first_120": kid_one_subset(kid_x, kid_y),
        "prdc": prdc(real, fake32),
        "ngram_js": [ngram_js(ref_lines, gen_lines, n) for n in range(1, 5)],
        "numpy": np.__version__,
        "scipy": scipy.__version__,
    }
    (OUT / "reference.json").write_text(json.dumps(values, indent=2) + "\n")
    print(json.dumps(values, indent=2))


if __name__ == "__main__":
    main()
