"""PyTorch anchor of bench/nn/run.ts: the same network, data, batch size, optimizer (AdamW, decoupled weight
decay on weights only, as Lathe's) and thread count as Lathe's case, trained one warm-up epoch and then the
timed epochs with a seeded shuffle per epoch. The data are the float32 files run.ts wrote.

The job's "device" ("cpu" by default, "cuda" on a GPU machine) says where the anchor trains.

Usage: python3 torch_nn.py <job.json>   → prints one JSON line {samplesPerSecond, seconds, finalLoss}
"""
import json
import sys
import time

import numpy as np
import torch

job = json.load(open(sys.argv[1]))
torch.set_num_threads(int(job["threads"]))
torch.manual_seed(int(job["seed"]))
arch = job["torch"]
rows = int(job["rows"])
x = np.fromfile(job["x"], dtype=np.float32).reshape([rows] + job["xShape"])
y = np.fromfile(job["y"], dtype=np.float32).reshape([rows] + job["yShape"])


class Lstm(torch.nn.Module):
    def __init__(self, units):
        super().__init__()
        self.lstm = torch.nn.LSTM(1, units, batch_first=True)
        self.head = torch.nn.Linear(units, 1)

    def forward(self, s):
        out, _ = self.lstm(s)
        return self.head(out[:, -1, :])


class Text(torch.nn.Module):
    def __init__(self, vocabulary, dim, hidden, classes):
        super().__init__()
        self.bag = torch.nn.EmbeddingBag(vocabulary, dim, mode="mean", padding_idx=0)
        self.hidden = torch.nn.Linear(dim, hidden)
        self.head = torch.nn.Linear(hidden, classes)

    def forward(self, ids):
        return self.head(torch.relu(self.hidden(self.bag(ids))))


kind = arch["kind"]
if kind == "mlp":
    net = torch.nn.Sequential(torch.nn.Linear(arch["features"], arch["hidden1"]), torch.nn.ReLU(),
                              torch.nn.Linear(arch["hidden1"], arch["hidden2"]), torch.nn.ReLU(),
                              torch.nn.Linear(arch["hidden2"], 1))
    X, Y = torch.from_numpy(x), torch.from_numpy(y)
    loss_fn = torch.nn.MSELoss()
elif kind == "lstm":
    net = Lstm(arch["units"])
    X, Y = torch.from_numpy(x), torch.from_numpy(y)
    loss_fn = torch.nn.MSELoss()
else:
    net = Text(arch["vocabulary"], arch["dim"], arch["hidden"], arch["classes"])
    X, Y = torch.from_numpy(x.astype(np.int64)), torch.from_numpy(y.argmax(1))
    loss_fn = torch.nn.CrossEntropyLoss()

device = torch.device(job.get("device", "cpu"))
net = net.to(device)
X, Y = X.to(device), Y.to(device)

decay = [p for p in net.parameters() if p.dim() >= 2]
plain = [p for p in net.parameters() if p.dim() < 2]
opt = torch.optim.AdamW([{"params": decay, "weight_decay": job["weightDecay"]}, {"params": plain, "weight_decay": 0.0}],
                        lr=job["learningRate"])
batch = int(job["batchSize"])
gen = torch.Generator().manual_seed(int(job["seed"]))


def epoch():
    order = torch.randperm(rows, generator=gen).to(device)
    total = 0.0
    for start in range(0, rows, batch):
        idx = order[start:start + batch]
        opt.zero_grad()
        loss = loss_fn(net(X[idx]), Y[idx])
        loss.backward()
        opt.step()
        total += loss.item() * len(idx)
    return total / rows


epoch()
t0 = time.perf_counter()
for _ in range(int(job["epochs"])):
    last = epoch()
seconds = time.perf_counter() - t0
print(json.dumps({"samplesPerSecond": rows * int(job["epochs"]) / seconds, "seconds": seconds, "finalLoss": last}))
