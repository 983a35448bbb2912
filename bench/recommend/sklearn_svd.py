"""scikit-learn anchor of bench/recommend/run.ts: TruncatedSVD of the user × item rating matrix, each
user's ratings centred on that user's mean (unrated cells stay 0); predicted rating = user mean +
rank-k reconstruction, clipped to the training scale. k = job["params"]["components"]; randomized
SVD, seeded. Fit time covers building the centred sparse matrix and the SVD (median of the job's rounds).

Usage: python3 sklearn_svd.py <job.json>   (job and output: see anchor_common.py)
"""

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.decomposition import TruncatedSVD

from anchor_common import Split, emit, read_job, rss_mb, timed_fits

job = read_job()
data = Split(job)
k = int(job["params"]["components"])
rss_before = rss_mb()

def fit():
    n_users, n_items = len(data.users), len(data.items)
    counts = np.bincount(data.u, minlength=n_users)
    means = np.bincount(data.u, weights=data.r, minlength=n_users) / np.maximum(counts, 1)
    centred = sp.csr_matrix((data.r - means[data.u], (data.u, data.i)), shape=(n_users, n_items))
    svd = TruncatedSVD(n_components=k, algorithm="randomized", random_state=int(job["seed"]))
    return means, svd.fit_transform(centred), svd.components_  # user means, U·Σ, Vᵀ


fit_seconds, (means, user_vectors, item_vectors) = timed_fits(fit, int(job["rounds"]))

lo, hi = float(data.r.min()), float(data.r.max())
global_mean = float(data.r.mean())
tu, ti = data.test_indices()
known = (tu >= 0) & (ti >= 0)
pred = np.where(tu >= 0, means[np.maximum(tu, 0)], global_mean)
pred[known] += np.einsum("ij,ji->i", user_vectors[tu[known]], item_vectors[:, ti[known]])
pred = np.clip(pred, lo, hi)
top = data.top_k(lambda u: means[u] + user_vectors[u] @ item_vectors, int(job["k"]))
emit(f"scikit-learn {sklearn.__version__}", int(job["threads"]), fit_seconds, rss_before, pred, top)
