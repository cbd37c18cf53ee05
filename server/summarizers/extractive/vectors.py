"""Unit vectors: sublinear TF-IDF over content words and word pairs, as L2-normalised sparse rows.

Written on numpy and scipy.sparse alone: importing scikit-learn cost about 0.9 s of start-up
on the 2-core machine, for the one vectoriser needed here.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from scipy import sparse

from .wordlists import STOPWORDS


def stem(word: str) -> str:
    """A crude suffix stripper so "network" and "networks" count as one feature."""
    for suffix in ("ings", "ing", "ies", "es", "s", "ed", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(tokens: list[str]) -> list[str]:
    """Stemmed unigrams and adjacent pairs of content words: the features vectors are built from."""
    keep = [stem(w) if (len(w) > 2 and w not in STOPWORDS and not w.isdigit()) else None for w in tokens]
    feats = [w for w in keep if w]
    feats += [f"{a} {b}" for a, b in zip(keep, keep[1:]) if a and b]
    return feats


def tfidf(docs: list[list[str]], min_df: int = 1) -> sparse.csr_matrix | None:
    """Rows of (1 + log tf) * smoothed idf, L2-normalised; None when no feature occurs at least min_df times."""
    df = Counter(t for d in docs for t in set(d))
    vocab = {t: i for i, t in enumerate(sorted(t for t, c in df.items() if c >= min_df))}
    if not vocab:
        return None
    rows, cols, vals = [], [], []
    for r, doc in enumerate(docs):
        for term, n in Counter(t for t in doc if t in vocab).items():
            rows.append(r)
            cols.append(vocab[term])
            vals.append(1.0 + math.log(n))
    idf = np.array([math.log((1 + len(docs)) / (1 + df[t])) + 1.0 for t in vocab], dtype=np.float32)
    cols_arr = np.array(cols, dtype=np.int64)
    data = np.array(vals, dtype=np.float32) * idf[cols_arr]
    matrix = sparse.csr_matrix((data, (np.array(rows, dtype=np.int64), cols_arr)), shape=(len(docs), len(vocab)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return sparse.diags(1.0 / np.where(norms == 0, 1.0, norms)).astype(np.float32) @ matrix
