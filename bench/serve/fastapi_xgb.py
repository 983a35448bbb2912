"""Anchor for bench/serve: FastAPI + uvicorn serving an xgboost model of the gbdt's shape.

Usage: python3 fastapi_xgb.py <housing.csv> <trees> <max_depth> <port>
Trains xgboost (hist, eta 0.1) on California housing with every feature (ocean_proximity one-hot),
then serves POST /predict with the model server's body ({"rows": [{column: value, ...}]}, answering
{"predictions": [{"prediction": y}]}) and GET /health, on 127.0.0.1:<port> with one uvicorn worker, as a FastAPI
service is usually written (pydantic validation of the body, numpy row, inplace_predict).
"""
import csv
import sys

import numpy as np
import uvicorn
import xgboost as xgb
from fastapi import FastAPI
from pydantic import BaseModel

path, trees, depth, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
with open(path, newline='') as f:
    rows = list(csv.reader(f))
header, data = rows[0], rows[1:]
target = header.index('median_house_value')
cat = header.index('ocean_proximity')
numeric = [c for i, c in enumerate(header) if i not in (target, cat)]
levels = sorted({r[cat] for r in data})


def encode(values: dict) -> list:
    out = [float(values[c]) if values.get(c) is not None else np.nan for c in numeric]
    return out + [1.0 if values.get('ocean_proximity') == level else 0.0 for level in levels]


X = np.array([encode({h: (r[i] if r[i] != '' else None) for i, h in enumerate(header)}) for r in data], dtype=np.float32)
y = np.array([float(r[target]) for r in data])
# One thread: a single row gains nothing from more, and uvicorn's one worker serves one request at a time.
booster = xgb.train({'tree_method': 'hist', 'max_depth': depth, 'eta': 0.1, 'nthread': 1}, xgb.DMatrix(X, y), trees)


from typing import List, Optional


class Row(BaseModel):
    longitude: Optional[float] = None
    latitude: Optional[float] = None
    housing_median_age: Optional[float] = None
    total_rooms: Optional[float] = None
    total_bedrooms: Optional[float] = None
    population: Optional[float] = None
    households: Optional[float] = None
    median_income: Optional[float] = None
    ocean_proximity: Optional[str] = None


app = FastAPI()


@app.get('/health')
def health():
    return {'ok': True, 'xgboost': xgb.__version__, 'trees': trees}


class Body(BaseModel):
    rows: List[Row]


@app.post('/predict')
def predict(body: Body):
    x = np.array([encode(r.dict()) for r in body.rows], dtype=np.float32)
    return {'predictions': [{'prediction': float(y)} for y in booster.inplace_predict(x)]}


uvicorn.run(app, host='127.0.0.1', port=port, log_level='warning', access_log=False)
