"""PyTorch anchor of bench/recommend/run.ts: biased matrix factorization, rating = global mean + user bias
+ item bias + user·item factors, the update of Surprise's SVD (which Lathe's mf follows) done in
mini-batches: plain SGD on ½·Σ(error² + reg·(b_u² + b_i² + |p_u|² + |q_i|²)) summed over the batch, so
each rating moves its parameters as one per-rating SGD step would. Factors, epochs, learning rate,
regularization and init std come from Lathe's mf defaults (passed in the job, not restated here); the
batch size is the job's. Rows are shuffled each epoch (seeded). Fit time covers the model's set-up and
the epochs (median of the job's rounds); predictions are clipped to the training scale.

Usage: python3 torch_mf.py <job.json>   (job and output: see anchor_common.py)
"""
import numpy as np
import torch

from anchor_common import Split, emit, read_job, rss_mb, timed_fits

job = read_job()
p = job["params"]
threads = int(job["threads"])
torch.set_num_threads(threads)
torch.manual_seed(int(job["seed"]))
data = Split(job)
rss_before = rss_mb()


class BiasedMF(torch.nn.Module):
    def __init__(self, n_users, n_items, factors, init_std, mean):
        super().__init__()
        self.mean = mean
        self.bu = torch.nn.Embedding(n_users, 1, sparse=True)
        self.bi = torch.nn.Embedding(n_items, 1, sparse=True)
        self.pu = torch.nn.Embedding(n_users, factors, sparse=True)
        self.qi = torch.nn.Embedding(n_items, factors, sparse=True)
        torch.nn.init.zeros_(self.bu.weight)
        torch.nn.init.zeros_(self.bi.weight)
        torch.nn.init.normal_(self.pu.weight, 0, init_std)
        torch.nn.init.normal_(self.qi.weight, 0, init_std)

    def forward(self, u, i):
        bu, bi, pu, qi = self.bu(u).squeeze(1), self.bi(i).squeeze(1), self.pu(u), self.qi(i)
        return self.mean + bu + bi + (pu * qi).sum(1), (bu * bu + bi * bi + (pu * pu).sum(1) + (qi * qi).sum(1))


u = torch.from_numpy(data.u)
i = torch.from_numpy(data.i)
r = torch.from_numpy(data.r)


def fit():
    model = BiasedMF(len(data.users), len(data.items), int(p["factors"]), float(p["initStd"]), float(r.mean()))
    opt = torch.optim.SGD(model.parameters(), lr=float(p["learningRate"]))
    reg, batch = float(p["regularization"]), int(job["batchSize"])
    gen = torch.Generator().manual_seed(int(job["seed"]))
    for _ in range(int(p["epochs"])):
        order = torch.randperm(len(r), generator=gen)
        for s in range(0, len(r), batch):
            b = order[s:s + batch]
            pred, norms = model(u[b], i[b])
            loss = 0.5 * ((r[b] - pred) ** 2 + reg * norms).sum()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
    return model


fit_seconds, model = timed_fits(fit, int(job["rounds"]))

lo, hi = float(data.r.min()), float(data.r.max())
with torch.no_grad():
    tu, ti = data.test_indices()
    known = torch.from_numpy((tu >= 0) & (ti >= 0))
    tu_t, ti_t = torch.from_numpy(np.maximum(tu, 0)), torch.from_numpy(np.maximum(ti, 0))
    pred = model(tu_t, ti_t)[0]
    # An id training never saw gets what is known of it: the global mean plus the other side's bias.
    fallback = model.mean + torch.where(torch.from_numpy(tu >= 0), model.bu(tu_t).squeeze(1), torch.zeros(())) \
        + torch.where(torch.from_numpy(ti >= 0), model.bi(ti_t).squeeze(1), torch.zeros(()))
    pred = torch.where(known, pred, fallback).clamp(lo, hi).numpy()
    all_items = torch.arange(len(data.items))
    item_part = (model.bi(all_items).squeeze(1) + model.mean)
    top = data.top_k(lambda x: (item_part + model.bu.weight[x, 0] + model.qi.weight @ model.pu.weight[x]).numpy(), int(job["k"]))
emit(f"PyTorch {torch.__version__}", threads, fit_seconds, rss_before, pred, top)
