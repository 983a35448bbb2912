"""What the two Python anchors of bench/recommend/run.ts share: reading the job and the split the
harness wrote, the top-k lists (training items excluded) and the JSON they print.

job.json: {"train", "test", "evalUsers" (CSV / text paths), "k" (list length), "rounds", "threads", "seed",
"params": {...}}
train.csv / test.csv: user_id,book_id,rating; evalUsers: one user id per line.
Prints one JSON line: {"version", "threads", "fitSeconds" (median of the rounds), "rssBeforeMB" (after
reading the data), "peakRssMB",
"predictions": [one per test row, in file order], "top": [[k item ids] per eval user, in file order]}.
"""
import json
import resource
import sys
import time

import numpy as np


def rss_mb():
    # ru_maxrss is in KiB on Linux: the peak of this process so far.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Split:
    def __init__(self, job):
        train = np.loadtxt(job["train"], delimiter=",", skiprows=1, dtype=np.int64, ndmin=2)
        test = np.loadtxt(job["test"], delimiter=",", skiprows=1, dtype=np.int64, ndmin=2)
        self.users = np.unique(train[:, 0])
        self.items = np.unique(train[:, 1])
        self.user_index = {int(u): i for i, u in enumerate(self.users)}
        self.item_index = {int(b): i for i, b in enumerate(self.items)}
        self.u = np.searchsorted(self.users, train[:, 0])
        self.i = np.searchsorted(self.items, train[:, 1])
        self.r = train[:, 2].astype(np.float32)
        self.test = test
        with open(job["evalUsers"]) as f:
            self.eval_users = [int(line) for line in f if line.strip()]

    def test_indices(self):
        """Dense (user, item) indices of the test rows, -1 where training never saw the id."""
        tu = np.array([self.user_index.get(int(u), -1) for u in self.test[:, 0]])
        ti = np.array([self.item_index.get(int(b), -1) for b in self.test[:, 1]])
        return tu, ti

    def top_k(self, scores_of, k):
        """Top-k item ids per eval user from `scores_of(user index) -> scores of every item`, training items excluded."""
        order = np.argsort(self.u, kind="stable")
        starts = np.searchsorted(self.u[order], np.arange(len(self.users) + 1))
        out = []
        for user in self.eval_users:
            ui = self.user_index[user]
            s = np.array(scores_of(ui), dtype=np.float64, copy=True)
            s[self.i[order[starts[ui]:starts[ui + 1]]]] = -np.inf
            best = np.argpartition(-s, k)[:k]
            best = best[np.argsort(-s[best], kind="stable")]
            out.append([int(self.items[j]) for j in best])
        return out


def timed_fits(fit, rounds):
    """Fits `rounds` times; the median seconds and the last fit."""
    seconds, model = [], None
    for _ in range(max(1, rounds)):
        t0 = time.perf_counter()
        model = fit()
        seconds.append(time.perf_counter() - t0)
    return float(np.median(seconds)), model


def read_job():
    with open(sys.argv[1]) as f:
        return json.load(f)


def emit(version, threads, fit_seconds, rss_before, predictions, top):
    print(json.dumps({
        "version": version, "threads": threads, "fitSeconds": fit_seconds, "rssBeforeMB": rss_before,
        "peakRssMB": rss_mb(), "predictions": [round(float(p), 5) for p in predictions], "top": top,
    }))
