"""Fits xgboost (tree_method=hist) on matrices written by bench/gbdt/run.ts.

Usage: python3 xgb_fit.py <job.json>

job.json: {"dir", "nTrain", "nTest", "nCols", "featureTypes": ["q"|"c", ...],
           "objective", "rounds", "params": {...}, "repeats"}
Files in dir: X_train.f32, X_test.f32 (row-major float32, NaN = missing) and
y_train.f64. Writes pred_test.f64 (regression values or P(class 1)) and prints
one JSON line: {"version", "fitSeconds": [...], "nthread"}.
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
    x_train = np.fromfile(os.path.join(d, "X_train.f32"), dtype="<f4").reshape(job["nTrain"], n_cols)
    x_test = np.fromfile(os.path.join(d, "X_test.f32"), dtype="<f4").reshape(job["nTest"], n_cols)
    y_train = np.fromfile(os.path.join(d, "y_train.f64"), dtype="<f8")
    types = job["featureTypes"]
    has_cat = "c" in types
    params = dict(job["params"])
    params["objective"] = job["objective"]
    nthread = int(params.get("nthread", os.cpu_count() or 1))

    def dmatrix(x, y=None):
        return xgb.DMatrix(x, label=y, missing=np.nan, feature_types=types if has_cat else None,
                           enable_categorical=has_cat, nthread=nthread)

    times = []
    booster = None
    for _ in range(int(job["repeats"])):
        dtrain = dmatrix(x_train, y_train)
        t0 = time.perf_counter()
        booster = xgb.train(params, dtrain, num_boost_round=int(job["rounds"]))
        times.append(time.perf_counter() - t0)
        del dtrain
    pred = booster.predict(dmatrix(x_test)).astype("<f8")
    pred.tofile(os.path.join(d, "pred_test.f64"))
    print(json.dumps({"version": xgb.__version__, "fitSeconds": times, "nthread": nthread}))


if __name__ == "__main__":
    main()
