"""scipy on the drift benchmark's samples: ks_2samp, chi2_contingency (rare categories pooled and new ones
counted as Lathe does), wasserstein_distance / reference sd, jensenshannon (base 2) and PSI over the
reference's quantile bins. Reads the cases as JSON (argv[1]), writes answers and seconds (argv[2])."""
import json, sys, time
import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon

cases = json.load(open(sys.argv[1]))
settings = cases["settings"]
out = []
t0 = time.perf_counter()
for c in cases["cases"]:
    a, b = c["ref"], c["cur"]
    if c["kind"] == "numeric":
        a, b = np.asarray(a, float), np.asarray(b, float)
        ks = stats.ks_2samp(a, b, method="exact" if c["method"] == "exact" else "asymp")
        w = stats.wasserstein_distance(a, b) / np.std(a, ddof=1)
        edges = np.unique(np.quantile(a, np.arange(1, settings["psiBins"]) / settings["psiBins"]))
        sa, sb = np.sort(a), np.sort(b)
        ra = np.diff(np.concatenate([[0], np.searchsorted(sa, edges, "right"), [len(a)]])) / len(a)
        rb = np.diff(np.concatenate([[0], np.searchsorted(sb, edges, "right"), [len(b)]])) / len(b)
        fa, fb = np.maximum(ra, settings["psiEpsilon"]), np.maximum(rb, settings["psiEpsilon"])
        psi = float(np.sum((fb - fa) * np.log(fb / fa)))
        js = float(jensenshannon(ra, rb, base=2))
        out.append({"statistic": float(ks.statistic), "pValue": float(ks.pvalue), "wasserstein": float(w), "psi": psi, "js": js})
    else:
        ra = {}
        for v in a:
            ra[v] = ra.get(v, 0) + 1
        rb = {}
        for v in b:
            rb[v] = rb.get(v, 0) + 1
        cats = sorted(set(ra) | set(rb))
        rare = max(settings["rareCount"], settings["rareShare"] * len(a))
        keep = [k for k in cats if ra.get(k, 0) >= rare]
        other_r = sum(ra[k] for k in ra if ra[k] < rare)
        other_c = sum(rb.get(k, 0) for k in ra if ra[k] < rare)
        new_c = sum(rb[k] for k in rb if k not in ra)
        table = np.array([[ra[k] for k in keep] + [other_r, 0], [rb.get(k, 0) for k in keep] + [other_c, new_c]], float)
        table = table[:, table.sum(axis=0) > 0]
        chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
        js = float(jensenshannon([ra.get(k, 0) for k in cats], [rb.get(k, 0) for k in cats], base=2))
        out.append({"statistic": float(chi2), "pValue": float(p), "js": js})
seconds = time.perf_counter() - t0
json.dump({"results": out, "seconds": seconds, "scipy": __import__("scipy").__version__}, open(sys.argv[2], "w"))
