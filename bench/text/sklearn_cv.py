"""scikit-learn anchors on the folds Lathe uses: reads a job JSON (texts, labels, folds) and prints, per
model and fold, the test accuracy and the fit time (vectorizer fit + classifier fit, seconds).
CountVectorizer + LogisticRegression and TfidfVectorizer + LinearSVC, default parameters (LogisticRegression
with max_iter=1000 so that it converges)."""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

job = json.load(open(sys.argv[1]))
texts = np.array(job["texts"], dtype=object)
labels = np.array(job["labels"])
MODELS = {
    "sklearn count+logreg": lambda: make_pipeline(CountVectorizer(), LogisticRegression(max_iter=1000)),
    "sklearn tfidf+linearsvc": lambda: make_pipeline(TfidfVectorizer(), LinearSVC()),
}
out = {"sklearn": sklearn.__version__, "models": {}}
for name, make in MODELS.items():
    folds = []
    for f in job["folds"]:
        tr, te = np.array(f["train"]), np.array(f["test"])
        model = make()
        t0 = time.perf_counter()
        model.fit(list(texts[tr]), labels[tr])
        fit_s = time.perf_counter() - t0
        acc = float((model.predict(list(texts[te])) == labels[te]).mean())
        folds.append({"accuracy": acc, "fitSeconds": fit_s})
    out["models"][name] = folds
print(json.dumps(out))
