"""The statsmodels side of bench/forecast/run.ts.

Usage:
  python3 statsmodels_ets.py load                prints the real series statsmodels ships, as JSON
  python3 statsmodels_ets.py fit <job.json>      fits ETSModel chosen by AICc (and SARIMAX where orders are given)
  python3 statsmodels_ets.py rolling <job.json>  the same models over a rolling origin, prints JSON

load: [{"name", "source", "timestamps": [ISO dates], "values": [...], "period", "horizon"}]
  co2 (weekly, with gaps) is averaged by month and its few empty months interpolated linearly, as in
  statsmodels' own examples; elnino's year × month table becomes one monthly series; every macrodata column
  is a quarterly series; sunspots is yearly.

fit: job.json = {"series": [{"name", "train": [...], "test": [...], "period", "horizon"}], "repeats"}
  For each series every admissible ETS model is fitted by maximum likelihood: errors add/mul, trend
  none/add/damped, season none/add/mul (mul parts only for strictly positive data, seasons only for
  period > 1, never additive errors with a multiplicative season) — the set Lathe's ets searches — and
  the lowest AICc is kept. Fit time covers the whole search (median of `repeats`). Prints one JSON line:
  {"version", "results": [{"name", "model", "aicc", "fitSeconds", "mean", "lower95", "upper95", "mape"}]}.
  mape: the ETS forecast's MAPE on `test` computed here with numpy, a fraction as scikit-learn's
  mean_absolute_percentage_error returns it (actual values of 0 left out, as Lathe does), so the
  benchmark checks Lathe's scoring and its unit against an independent one.
"""
import json
import sys
import time
import warnings

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.statespace.sarimax import SARIMAX


def load():
    out = []
    co2 = sm.datasets.co2.load_pandas().data["co2"].resample("MS").mean().interpolate()
    out.append(series("co2", "statsmodels co2 (Mauna Loa, weekly → monthly mean)", co2.index, co2.values, 12, 24))
    el = sm.datasets.elnino.load_pandas().data
    months = el.columns[1:]
    values = el[months].to_numpy().ravel()
    index = pd.date_range(f"{int(el.YEAR.iloc[0])}-01-01", periods=len(values), freq="MS")
    out.append(series("elnino", "statsmodels elnino (sea surface temperature, monthly)", index, values, 12, 24))
    sun = sm.datasets.sunspots.load_pandas().data
    index = pd.to_datetime([f"{int(y)}-01-01" for y in sun.YEAR])
    out.append(series("sunspots", "statsmodels sunspots (yearly)", index, sun.SUNACTIVITY.values, 1, 10))
    macro = sm.datasets.macrodata.load_pandas().data
    index = pd.to_datetime([f"{int(y)}-{3 * int(q) - 2:02d}-01" for y, q in zip(macro.year, macro.quarter)])
    for col in macro.columns[2:]:
        out.append(series(f"macrodata.{col}", f"statsmodels macrodata {col} (quarterly)", index, macro[col].values, 4, 8))
    print(json.dumps(out))


def series(name, source, index, values, period, horizon):
    return {
        "name": name,
        "source": source,
        "timestamps": [t.strftime("%Y-%m-%d") for t in index],
        "values": [float(v) for v in values],
        "period": period,
        "horizon": horizon,
    }


def candidates(y, period):
    positive = bool(np.all(np.asarray(y) > 0))
    for error in ["add", "mul"] if positive else ["add"]:
        for trend in [None, "add", "damped"]:
            seasons = [None]
            if period > 1:
                seasons += ["add", "mul"] if positive else ["add"]
            for season in seasons:
                if error == "add" and season == "mul":
                    continue
                yield error, trend, season


def name_of(error, trend, season):
    t = {None: "N", "add": "A", "damped": "Ad"}[trend]
    s = {None: "N", "add": "A", "mul": "M"}[season]
    return f"ETS({error[0].upper()},{t},{s})"


def select(y, period):
    best = None
    for error, trend, season in candidates(y, period):
        model = ETSModel(
            y,
            error=error,
            trend=None if trend is None else "add",
            damped_trend=trend == "damped",
            seasonal=season,
            seasonal_periods=period if season else None,
        )
        try:
            res = model.fit(disp=False)
        except Exception:  # a model the optimiser cannot start on: left out, as Lathe does
            continue
        if np.isfinite(res.aicc) and (best is None or res.aicc < best[0].aicc):
            best = (res, name_of(error, trend, season))
    return best


def forecast_frame(res, start, h):
    # Seeded, so that the simulated intervals of multiplicative models repeat from run to run.
    pred = res.get_prediction(start=start, end=start + h - 1, random_state=0).summary_frame(alpha=0.05)
    return pred["mean"].tolist(), pred["pi_lower"].tolist(), pred["pi_upper"].tolist()


def sarima_fit(y, spec):
    model = SARIMAX(np.log(np.asarray(y, dtype=float)), order=tuple(spec["order"]), seasonal_order=tuple(spec["seasonal"]))
    return model.fit(disp=False)


def sarima_forecast(res, h):
    fc = res.get_forecast(h)
    ci = fc.conf_int(alpha=0.05)
    return np.exp(fc.predicted_mean).tolist(), np.exp(ci[:, 0]).tolist(), np.exp(ci[:, 1]).tolist()


def mape(actual, forecast):
    a = np.asarray(actual, dtype=float)
    f = np.asarray(forecast, dtype=float)
    keep = a != 0
    return float(np.mean(np.abs((a[keep] - f[keep]) / a[keep]))) if keep.any() else None


def fit(job_path):
    with open(job_path) as f:
        job = json.load(f)
    results = []
    for s in job["series"]:
        # A pandas Series: this statsmodels' get_prediction needs an index for simulated intervals.
        y = pd.Series(np.asarray(s["train"], dtype=float))
        times = []
        best = None
        for _ in range(int(job.get("repeats", 1))):
            t0 = time.perf_counter()
            best = select(y, int(s["period"]))
            times.append(time.perf_counter() - t0)
        res, model = best
        h = int(s["horizon"])
        mean, lower, upper = forecast_frame(res, len(y), h)
        out = {
            "name": s["name"], "model": model, "aicc": float(res.aicc), "fitSeconds": float(np.median(times)),
            "mean": mean, "lower95": lower, "upper95": upper,
        }
        if "test" in s:
            out["mape"] = mape(s["test"], mean)
        if s.get("sarima"):
            t0 = time.perf_counter()
            sres = sarima_fit(y, s["sarima"])
            seconds = time.perf_counter() - t0
            mean, lower, upper = sarima_forecast(sres, h)
            o, so = s["sarima"]["order"], s["sarima"]["seasonal"]
            out["sarima"] = {
                "model": f"SARIMA({o[0]},{o[1]},{o[2]})({so[0]},{so[1]},{so[2]}){so[3]} on log values",
                "fitSeconds": seconds, "mean": mean, "lower95": lower, "upper95": upper,
            }
        results.append(out)
    print(json.dumps({"version": statsmodels.__version__, "results": results}))


def rolling(job_path):
    with open(job_path) as f:
        job = json.load(f)
    results = []
    for s in job["series"]:
        y = np.asarray(s["y"], dtype=float)
        h, windows, period = int(s["horizon"]), int(s["windows"]), int(s["period"])
        first = len(y) - h - windows + 1
        res, _ = select(pd.Series(y[:first]), period)
        m = res.model
        ets = []
        for origin in range(first, first + windows):
            again = ETSModel(
                pd.Series(y[:origin]), error=m.error, trend=m.trend, damped_trend=m.damped_trend,
                seasonal=m.seasonal, seasonal_periods=m.seasonal_periods,
            ).smooth(res.params)
            mean, lower, upper = forecast_frame(again, origin, h)
            ets.append({"origin": origin, "mean": mean, "lower95": lower, "upper95": upper})
        out = {"name": s["name"], "ets": ets}
        if s.get("sarima"):
            sres = sarima_fit(y[:first], s["sarima"])
            out["sarima"] = []
            for origin in range(first, first + windows):
                mean, lower, upper = sarima_forecast(sres.apply(np.log(y[:origin])), h)
                out["sarima"].append({"origin": origin, "mean": mean, "lower95": lower, "upper95": upper})
        results.append(out)
    print(json.dumps({"results": results}))


if __name__ == "__main__":
    warnings.simplefilter("ignore")  # convergence chatter from individual candidate fits
    if sys.argv[1] == "load":
        load()
    elif sys.argv[1] == "rolling":
        rolling(sys.argv[2])
    else:
        fit(sys.argv[2])
