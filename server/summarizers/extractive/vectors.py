"""Unit vectors: TF-IDF over content words and word pairs, reduced by LSA (scikit-learn)."""

from __future__ import annotations

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

from .wordlists import STOPWORDS


def content_words(tokens: list[str]) -> list[str]:
    """Unigrams and adjacent pairs of content words: the features vectors are built from."""
    keep = [w if (len(w) > 2 and w not in STOPWORDS and not w.isdigit()) else None for w in tokens]
    feats = [w for w in keep if w]
    feats += [f"{a} {b}" for a, b in zip(keep, keep[1:]) if a and b]
    return feats


def _identity(x):
    return x


def tfidf(docs: list[list[str]], min_df: int = 1):
    """Return (sparse L2-normalised TF-IDF matrix, fitted vectorizer) for tokenised docs."""
    vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=min_df, dtype=np.float32)
    try:
        return vec.fit_transform(docs), vec
    except ValueError:  # no feature at all (empty or non-content text)
        return None, None


def lsa(matrix, dims: int = 100) -> np.ndarray:
    """Reduce a TF-IDF matrix to at most `dims` dimensions and L2-normalise the rows."""
    n, m = matrix.shape
    k = min(dims, n - 1, m - 1)
    if k < 2:
        dense = matrix.toarray()
    else:
        svd = TruncatedSVD(n_components=k, algorithm="randomized", n_iter=4, random_state=0)
        dense = svd.fit_transform(matrix)
    return normalise(dense.astype(np.float32))


def normalise(x: np.ndarray) -> np.ndarray:
    """L2-normalise rows; zero rows stay zero."""
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms == 0, 1.0, norms)
