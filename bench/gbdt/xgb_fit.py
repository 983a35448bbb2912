"""Fits xgboost (tree_method=hist) on matrices written by bench/gbdt/run.ts.

Usage: python3 xgb_fit.py <job.json>

job.json: {"dir", "nTrain", "nTest", "nCols", "featureTypes": ["q"|"c", ...],
           "objective", "evalMetric", "params": {...}, "repeats",
           "runs": [{"name", "rounds", "earlyStoppingRounds"?, "nFit"?, "nValid"?}, ...]}
Files in dir: X_train.f32, X_test.f32 (row-major float32, NaN = missing) and
y_train.f64. A run with earlyStoppingRounds trains on X_fit_<name>.f32 /
y_fit_<name>.f64 and stops on X_valid_<name>.f32 / y_valid_<name>.f64 (the
rows our trainer holds out), predicting with the trees up to the best round.
Writes pred_<name>.f64 (regression values or P(class 1)) per run and prints
one JSON line: {"version", "nthread", "runs": {name: {"fitSeconds": [...],
"rounds", "trained"}}}.
Fit time covers xgb.train only; a fresh DMatrix is built before every run so
the quantile sketch (binning) is timed, as it is on the TypeScript side.
"""
import json
import os
import sys
import time

import numpy as np
import xgboost as xgb


def main() -> None:
    with open(sys.argv[1]) as f:
        job = json.load(f)
    d = job["dir"]
    n_cols = job["nCols"]

    def matrix(name, rows):
        return np.fromfile(os.path.join(d, name), dtype="<f4").reshape(rows, n_cols)

    def vector(name):
        return np.fromfile(os.path.join(d, name), dtype="<f8")

    x_test = matrix("X_test.f32", job["nTest"])
    types = job["featureTypes"]
    has_cat = "c" in types
    params = dict(job["params"])
    params["objective"] = job["objective"]
    params["eval_metric"] = job["evalMetric"]
    nthread = int(params.get("nthread", os.cpu_count() or 1))

    def dmatrix(x, y=None):
        return xgb.DMatrix(x, label=y, missing=np.nan, feature_types=types if has_cat else None,
                           enable_categorical=has_cat, nthread=nthread)

    out = {}
    for run in job["runs"]:
        name = run["name"]
        stopping = run.get("earlyStoppingRounds")
        if stopping:
            x_fit, y_fit = matrix(f"X_fit_{name}.f32", run["nFit"]), vector(f"y_fit_{name}.f64")
            x_valid, y_valid = matrix(f"X_valid_{name}.f32", run["nValid"]), vector(f"y_valid_{name}.f64")
        else:
            x_fit, y_fit = matrix("X_train.f32", job["nTrain"]), vector("y_train.f64")
        times = []
        booster = None
        for _ in range(int(job["repeats"])):
            dtrain = dmatrix(x_fit, y_fit)
            kw = {}
            if stopping:
                kw = {"evals": [(dmatrix(x_valid, y_valid), "valid")], "early_stopping_rounds": int(stopping), "verbose_eval": False}
            t0 = time.perf_counter()
            booster = xgb.train(params, dtrain, num_boost_round=int(run["rounds"]), **kw)
            times.append(time.perf_counter() - t0)
            del dtrain
        trained = booster.num_boosted_rounds()
        rounds = booster.best_iteration + 1 if stopping else trained
        pred = booster.predict(dmatrix(x_test), iteration_range=(0, rounds)).astype("<f8")
        pred.tofile(os.path.join(d, f"pred_{name}.f64"))
        out[name] = {"fitSeconds": times, "rounds": rounds, "trained": trained}
    print(json.dumps({"version": xgb.__version__, "nthread": nthread, "runs": out}))


if __name__ == "__main__":
    main()
