"""Reference for bench/inference: xgboost's own predictor on a model of the same shape.

Usage: python3 xgb_predict.py <housing.csv> <trees> <max_depth> <batch_rows>
Trains xgboost (hist) on California housing's numeric columns, then times inplace_predict
on single rows (p50, microseconds) and on a batch (best of 5, rows/s) with every core.
Prints one JSON line.
"""
import csv
import json
import os
import sys
import time

import numpy as np
import xgboost as xgb

path, trees, depth, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
with open(path, newline='') as f:
    rows = list(csv.reader(f))
header, data = rows[0], rows[1:]
target = header.index('median_house_value')
cols = [i for i, c in enumerate(header) if c not in ('ocean_proximity', 'median_house_value')]
X = np.array([[float(r[i]) if r[i] != '' else np.nan for i in cols] for r in data], dtype=np.float32)
y = np.array([float(r[target]) for r in data])
threads = os.cpu_count() or 1
booster = xgb.train({'tree_method': 'hist', 'max_depth': depth, 'eta': 0.1, 'nthread': threads}, xgb.DMatrix(X, y), trees)

# inplace_predict skips the DMatrix and its prediction cache, so every call predicts.
single = []
for i in range(2200):
    row = X[i % len(X)][None, :]
    t0 = time.perf_counter()
    booster.inplace_predict(row)
    single.append((time.perf_counter() - t0) * 1e6)
single = sorted(single[200:])
Xb = X[np.arange(batch) % len(X)]
times = []
for _ in range(5):
    t0 = time.perf_counter()
    booster.inplace_predict(Xb)
    times.append(time.perf_counter() - t0)
best = min(times)
print(json.dumps({'version': xgb.__version__, 'threads': threads, 'singleP50Us': single[len(single) // 2], 'batchRowsPerSec': batch / best}))
