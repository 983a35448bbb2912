/** serve.py of a recommender bundle: serve.mjs in Python (onnxruntime + numpy), the same answers. */
export function recommendServePy(): string {
  return String.raw`"""Recommend from this bundle with onnxruntime and numpy (pip install onnxruntime numpy).

    python serve.py USER [K]                                top K for one user
    python serve.py --group A,B,C [--strategy NAME] [K]     top K for a group (strategies: see manifest.json)
"""
import json
import math
import os
import sys

import numpy as np
import onnxruntime as ort

HERE = os.path.dirname(os.path.abspath(__file__))


def top_k(scores, k, exclude=()):
    """The k best indices by score (ties: lower index first), skipping excluded and non-finite scores."""
    exclude = set(exclude)
    order = [i for i in range(len(scores)) if math.isfinite(scores[i]) and i not in exclude]
    order.sort(key=lambda i: (-float(scores[i]), i))
    return order[:k]


def group_list(scores, strategy, k, exclude=(), scale=None, misery_share=0.4):
    """Group lists as the app makes them: Masthoff's strategies and the greedy fair list, with per-member satisfaction."""
    exclude = set(exclude)
    n = len(scores[0])
    items = [i for i in range(n) if i not in exclude and all(math.isfinite(s[i]) for s in scores)]
    norm = []
    for s in scores:
        lo = min((float(s[i]) for i in items), default=math.inf)
        hi = max((float(s[i]) for i in items), default=-math.inf)
        out = np.zeros(n)
        for i in items:
            out[i] = (float(s[i]) - lo) / (hi - lo) if hi > lo else 1.0
        norm.append(out)
    threshold = None
    if strategy == "average-without-misery":
        if scale:
            lo, hi = scale
        else:
            lo = min((float(s[i]) for s in scores for i in items), default=math.inf)
            hi = max((float(s[i]) for s in scores for i in items), default=-math.inf)
        threshold = lo + misery_share * (hi - lo)
    if strategy == "fair":
        sat = [0.0] * len(scores)
        left = list(items)
        order = []
        while len(order) < k and left:
            who = 0
            for m in range(1, len(norm)):
                if sat[m] < sat[who]:
                    who = m
            best, best_mean = -1, -math.inf
            for i in left:
                mean = sum(nm[i] for nm in norm) / len(norm)
                if best < 0 or norm[who][i] > norm[who][best] or (norm[who][i] == norm[who][best] and mean > best_mean):
                    best, best_mean = i, mean
            left.remove(best)
            for m in range(len(norm)):
                sat[m] += norm[m][best]
            order.append((best, float(norm[who][best])))
    else:
        scored = {}
        if strategy == "borda":
            points = np.zeros(n)
            for s in scores:
                ranked = sorted(items, key=lambda i: (-float(s[i]), i))
                r = 0
                while r < len(ranked):
                    end = r
                    while end + 1 < len(ranked) and s[ranked[end + 1]] == s[ranked[r]]:
                        end += 1
                    share = len(ranked) - 1 - (r + end) / 2
                    for j in range(r, end + 1):
                        points[ranked[j]] += share
                    r = end + 1
            scored = {i: float(points[i]) for i in items}
        else:
            for i in items:
                v = [float(s[i]) for s in scores]
                if strategy == "least-misery":
                    scored[i] = min(v)
                elif strategy == "most-pleasure":
                    scored[i] = max(v)
                elif strategy == "average-without-misery" and any(x < threshold for x in v):
                    continue
                else:
                    scored[i] = sum(v) / len(v)
        order = sorted(scored.items(), key=lambda p: (-p[1], p[0]))[:k]
    sat = [0.0] * len(scores)
    picks = []
    for item, score in order:
        members = []
        for m, s in enumerate(scores):
            sat[m] += norm[m][item]
            members.append({"score": float(s[item]), "satisfaction": sat[m]})
        picks.append({"item": item, "score": score, "members": members})
    return {"strategy": strategy, "items": picks, "threshold": threshold}


class Recommender:
    def __init__(self, folder=HERE):
        with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
            self.manifest = json.load(f)
        self.session = ort.InferenceSession(os.path.join(folder, "model.onnx"))
        m = self.manifest
        self.n_items = len(m["items"])
        self.indptr = m["seen"]["indptr"]
        self.seen_items = m["seen"]["items"]
        self.tables = {
            "history": np.asarray(m["seen"]["values"], dtype=np.float32),
            "weights": np.asarray(m["seen"]["weights"], dtype=np.float32) if m["seen"]["weights"] is not None else None,
        }
        self.popularity = np.asarray(m["popularity"]["scores"], dtype=np.float32)

    def index_of(self, user_id):
        return self.manifest["users"].get(str(user_id), -1)

    def seen_of(self, u):
        return self.seen_items[self.indptr[u]:self.indptr[u + 1]]

    def feeds(self, users, k):
        n = len(users)

        def spread(values):
            out = np.zeros((n, self.n_items), dtype=np.float32)
            for r, u in enumerate(users):
                for p in range(self.indptr[u], self.indptr[u + 1]):
                    out[r, self.seen_items[p]] = values[p] if values is not None else -np.inf
            return out

        out = {}
        for inp in self.manifest["inputs"]:
            fill = inp["fill"]
            if fill == "user":
                out[inp["name"]] = np.asarray(users, dtype=np.int64)
            elif fill in ("history", "weights"):
                out[inp["name"]] = spread(self.tables[fill])
            elif fill == "userMean":
                out[inp["name"]] = np.asarray([self.manifest["userMean"][u] for u in users], dtype=np.float32)
            elif fill == "mask":
                out[inp["name"]] = spread(None)
            elif fill == "k":
                out[inp["name"]] = np.asarray([min(k, self.n_items)], dtype=np.int64)
        return out

    def run(self, users, k):
        names = [o.name for o in self.session.get_outputs()]
        return dict(zip(names, self.session.run(None, self.feeds(users, k))))

    def described(self, i, score):
        item = self.manifest["items"][i]
        return {"id": item["id"], "label": item["label"], "score": float(score)}

    def scores_of(self, users):
        """Every item's score for each known user (index), before the seen-item filter."""
        return list(self.run(users, 1)["scores"])

    def recommend(self, user_id, k=None):
        """Top k for one user id: the model's list without what they already have; unknown users get popularity."""
        k = k or self.manifest["k"]
        u = self.index_of(user_id)
        if u < 0:
            items = [self.described(i, self.popularity[i]) for i in top_k(self.popularity, k)]
            return {"user": str(user_id), "known": False, "source": "popularity", "items": items}
        out = self.run([u], k)
        items = [self.described(int(i), s) for i, s in zip(out["top_items"][0], out["top_scores"][0]) if s != -np.inf]
        return {"user": str(user_id), "known": True, "source": self.manifest["recommender"]["model"], "items": items}

    def recommend_group(self, user_ids, strategy=None, k=None):
        """Top k for a group: each member's scores (popularity for unknown ones), aggregated by a strategy, without what any member has."""
        groups = self.manifest["groups"]
        strategy = strategy or groups["default"]
        k = k or self.manifest["k"]
        if strategy not in groups["strategies"]:
            raise ValueError("unknown group strategy %s; one of %s" % (strategy, ", ".join(groups["strategies"])))
        members = [self.index_of(u) for u in user_ids]
        known = list(dict.fromkeys(u for u in members if u >= 0))
        scores = self.scores_of(known) if known else []
        per_member = [self.popularity if u < 0 else scores[known.index(u)] for u in members]
        exclude = {i for u in known for i in self.seen_of(u)}
        result = group_list(per_member, strategy, k, exclude, groups["scale"], groups["miseryShare"])
        return {
            "members": [{"user": str(u), "known": members[m] >= 0} for m, u in enumerate(user_ids)],
            "strategy": strategy,
            "threshold": result["threshold"],
            "items": [dict(self.described(p["item"], p["score"]), members=p["members"]) for p in result["items"]],
        }


if __name__ == "__main__":
    args = sys.argv[1:]

    def flag(name):
        if name not in args:
            return None
        i = args.index(name)
        value = args[i + 1]
        del args[i:i + 2]
        return value

    group = flag("--group")
    strategy = flag("--strategy")
    rec = Recommender()
    if group:
        print(json.dumps(rec.recommend_group(group.split(","), strategy, int(args[0]) if args else None), indent=2))
    else:
        user = args[0] if args else next(iter(rec.manifest["users"]))
        print(json.dumps(rec.recommend(user, int(args[1]) if len(args) > 1 else None), indent=2))
`;
}
