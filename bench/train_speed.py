"""Training speed and accuracy: nnlib against scikit-learn, PyTorch (CPU) and the numpy floor.

Same data, same architecture, same mini-batch size, optimiser and epochs for every library;
the table reports wall seconds per epoch (the median over seeds of each run's average epoch)
and test accuracy after the last epoch (mean ± standard error over seeds). Every ratio is
between rows of the same run: on a shared machine only those are comparable.

Settings and targets
--------------------
- ``sgd-sigmoid``: 784-30-10, sigmoid hidden layer, mini-batch 10, plain SGD (the textbook
  setting of Nielsen's chapter 1, with a softmax cross-entropy output for every library).
  Target: nnlib ≤ 0.5× scikit-learn's time per epoch, at equal accuracy (nnlib's mean not below
  scikit-learn's by more than two standard errors of the difference).
- ``adam-relu``: 784-128-10, ReLU, mini-batch 64, Adam (lr 1e-3). Targets: nnlib ≤ 1.0× PyTorch
  CPU per epoch, and ≤ 1.3× the numpy floor.
- ``digits``: the bundled 8×8 digits, 64-64-10 ReLU, mini-batch 32, Adam. Target: ≥ 97 % test
  accuracy in under 0.5 s of training.

The **numpy floor** is the time numpy needs for just the epoch's matrix products at the same
shapes and dtype — forward, weight gradients and input gradients of every Dense layer, the
products nnlib's backward does (it returns ∂L/∂x of the first layer too: no flag to skip it) —
on one BLAS thread, as nnlib runs mini-batches of this size (see
``nnlib.mlp._one_blas_thread_for_small_products``), plus nnlib's own optimizer step on arrays
of the network's parameter shapes once per batch. Nothing else: ``nnlib / floor`` is what the
rest of nnlib's step (activations, softmax, bias gradients, batch gathering, Python) costs.
The "matmul limit" rows are the products alone, on every BLAS thread and on one.

Data: the real MNIST test set split as the shared data's README says (first 8,000 images train,
last 2,000 test), from ``--mnist DIR`` (default ``../shared/data/mnist`` beside the repository).

Run: ``python bench/train_speed.py [--mnist DIR] [--epochs 3] [--seeds 8] [--dtype float32] [--torch-threads both]``
"""

from __future__ import annotations

import argparse
import functools
import os
import time
import warnings

import numpy as np
from threadpoolctl import threadpool_limits

from _common import DEFAULT_MNIST, best_of, machine, table

from nnlib import optimizers

DIGITS_EPOCHS = 15  # enough for ≥ 97 % test accuracy (about 97.9 % over seeds)

SETTINGS = {
    "sgd-sigmoid": dict(hidden=(30,), activation="sigmoid", optimizer="sgd", lr=0.5, batch=10),
    "adam-relu": dict(hidden=(128,), activation="relu", optimizer="adam", lr=1e-3, batch=64),
    "digits": dict(hidden=(64,), activation="relu", optimizer="adam", lr=1e-2, batch=32),
}


# -- data --------------------------------------------------------------------------------------
def mnist_split(directory):
    from nnlib.datasets import load_mnist

    X, y = load_mnist(path=directory, kind="test")
    return X[:8000], y[:8000], X[8000:], y[8000:]


def digits_split():
    from nnlib.datasets import load_digits

    d = load_digits(test_size=0.25, random_state=0)
    return d.X_train, d.y_train, d.X_test, d.y_test


# -- one runner per library: returns (seconds per epoch, test accuracy) -------------------------
def run_nnlib(s, data, epochs, dtype, seed=0):
    from nnlib.mlp import MLPClassifier

    X, y, Xt, yt = (a.astype(dtype) if a.dtype.kind == "f" else a for a in data)
    model = MLPClassifier(hidden_sizes=s["hidden"], activation=s["activation"],
                          optimizer=s["optimizer"], lr=s["lr"], batch_size=s["batch"],
                          epochs=epochs, dtype=dtype, random_state=seed, progress=False)
    t0 = time.perf_counter()
    model.fit(X, y)
    seconds = (time.perf_counter() - t0) / epochs
    return seconds, model.score(Xt, yt)


def run_sklearn(s, data, epochs, dtype, seed=0):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    X, y, Xt, yt = (a.astype(dtype) if a.dtype.kind == "f" else a for a in data)
    act = {"sigmoid": "logistic"}.get(s["activation"], s["activation"])
    kw = dict(hidden_layer_sizes=s["hidden"], activation=act, solver=s["optimizer"],
              batch_size=s["batch"], learning_rate_init=s["lr"], alpha=0.0, max_iter=epochs,
              shuffle=True, random_state=seed, tol=0.0, n_iter_no_change=epochs + 1)
    if s["optimizer"] == "sgd":
        kw.update(momentum=0.0, nesterovs_momentum=False, learning_rate="constant")
    model = MLPClassifier(**kw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        t0 = time.perf_counter()
        model.fit(X, y)
        seconds = (time.perf_counter() - t0) / epochs
    return seconds, model.score(Xt, yt)


def run_torch(s, data, epochs, dtype, seed=0, threads=None):
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(threads or max(1, os.cpu_count()))
    tdtype = {"float32": torch.float32, "float64": torch.float64}[np.dtype(dtype).name]
    X, y, Xt, yt = data
    X, Xt = torch.tensor(X, dtype=tdtype), torch.tensor(Xt, dtype=tdtype)
    y, yt = torch.tensor(y, dtype=torch.long), torch.tensor(yt, dtype=torch.long)
    act = {"sigmoid": torch.nn.Sigmoid, "relu": torch.nn.ReLU, "tanh": torch.nn.Tanh}[s["activation"]]
    sizes = [X.shape[1], *s["hidden"], 10]
    layers = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(torch.nn.Linear(a, b))
        if i < len(sizes) - 2:
            layers.append(act())
    net = torch.nn.Sequential(*layers).to(tdtype)
    opt = (torch.optim.SGD(net.parameters(), lr=s["lr"]) if s["optimizer"] == "sgd"
           else torch.optim.Adam(net.parameters(), lr=s["lr"]))
    loss_fn = torch.nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(seed)
    t0 = time.perf_counter()
    for _ in range(epochs):
        order = torch.randperm(len(X), generator=gen)
        for start in range(0, len(X), s["batch"]):
            idx = order[start:start + s["batch"]]
            opt.zero_grad(set_to_none=True)
            loss_fn(net(X[idx]), y[idx]).backward()
            opt.step()
    seconds = (time.perf_counter() - t0) / epochs
    with torch.no_grad():
        acc = (net(Xt).argmax(1) == yt).double().mean().item()
    return seconds, acc


def matmul_limit(s, n_samples, n_features, dtype, optimizer=None):
    """Seconds per epoch for only the matrix products of forward + backward, and their FLOPs.

    The products are the three of every Dense layer (z = xW, ∂L/∂W = xᵀg, ∂L/∂x = gWᵀ). With
    ``optimizer`` (an nnlib optimizer), each batch also does that optimizer's step on arrays of
    the network's parameter shapes (W and b of each layer): the numpy floor.
    """
    rng = np.random.default_rng(0)
    sizes = [n_features, *s["hidden"], 10]
    B = s["batch"]
    Ws = [rng.standard_normal((a, b)).astype(dtype) for a, b in zip(sizes[:-1], sizes[1:])]
    acts = [rng.standard_normal((B, a)).astype(dtype) for a in sizes]
    n_batches = -(-n_samples // B)
    flops = n_batches * sum(3 * 2 * B * a * b for a, b in zip(sizes[:-1], sizes[1:]))
    params = [p for W in Ws for p in (W.copy(), np.zeros(W.shape[1], dtype))]
    grads = [rng.standard_normal(p.shape).astype(dtype) * 1e-3 for p in params]

    def epoch():
        for _ in range(n_batches):
            if optimizer is not None:
                optimizer.step(params, grads)
            for i, W in enumerate(Ws):
                np.matmul(acts[i], W)  # forward
            for i, W in enumerate(Ws):
                g = acts[i + 1]
                np.matmul(acts[i].T, g)  # dW
                np.matmul(g, W.T)  # dX

    return best_of(epoch, repeat=3), flops


def mean_se(values):
    """Mean and standard error of the mean."""
    values = np.asarray(values, dtype=float)
    se = values.std(ddof=1) / np.sqrt(len(values)) if len(values) > 1 else 0.0
    return float(values.mean()), float(se)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--mnist", default=str(DEFAULT_MNIST), help="directory with the t10k IDX files")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    p.add_argument("--settings", nargs="*", default=list(SETTINGS))
    p.add_argument("--seeds", type=int, default=8, help="runs per library (accuracy is averaged)")
    p.add_argument("--torch-threads", default="both", choices=["all", "1", "both"],
                   help="time PyTorch on all cores, on one thread, or both")
    args = p.parse_args()
    dtype = np.dtype(args.dtype)

    runners = {"nnlib": run_nnlib, "scikit-learn": run_sklearn}
    try:
        import torch  # noqa: F401

        # nnlib runs these mini-batches on one BLAS thread; on a busy machine PyTorch's own
        # threads can wait on each other, so it is timed on one thread too.
        if args.torch_threads in ("all", "both"):
            runners["PyTorch CPU"] = run_torch
        if args.torch_threads in ("1", "both"):
            runners["PyTorch CPU, 1 thread"] = functools.partial(run_torch, threads=1)
    except ImportError:
        print("PyTorch is not installed: its column is skipped (pip install torch to include it).")

    print(f"machine: {machine()}; dtype {dtype.name}; {args.epochs} epochs (digits: {DIGITS_EPOCHS}); "
          f"median time and mean ± standard error of test accuracy over {args.seeds} seeds\n")
    rows, summary, floors = [], {}, {}
    for name in args.settings:
        s = SETTINGS[name]
        data = digits_split() if name == "digits" else mnist_split(args.mnist)
        shape = (len(data[0]), data[0].shape[1], dtype)
        limit, flops = matmul_limit(s, *shape)
        with threadpool_limits(limits=1, user_api="blas"):
            limit_1, _ = matmul_limit(s, *shape)
            floor, _ = matmul_limit(s, *shape, optimizer=optimizers.OPTIMIZERS[s["optimizer"]](lr=s["lr"]))
        floors[name] = floor
        for lib, run in runners.items():
            runs = [run(s, data, args.epochs if name != "digits" else DIGITS_EPOCHS, dtype, seed)
                    for seed in range(args.seeds)]
            seconds = float(np.median([r[0] for r in runs]))
            acc = mean_se([r[1] for r in runs])
            rows.append((name, lib, f"{seconds:.3f}", f"{acc[0]:.4f} ± {acc[1]:.4f}",
                         f"{seconds / floor:.2f}×", f"{flops / seconds / 1e9:.1f}"))
            summary[(name, lib)] = (seconds, acc)
        rows.append((name, "numpy floor (products + optimizer step)", f"{floor:.3f}", "", "1.00×",
                     f"{flops / floor / 1e9:.1f}"))
        rows.append((name, "matmul limit, 1 BLAS thread", f"{limit_1:.3f}", "", f"{limit_1 / floor:.2f}×",
                     f"{flops / limit_1 / 1e9:.1f}"))
        rows.append((name, "matmul limit, every BLAS thread", f"{limit:.3f}", "", f"{limit / floor:.2f}×",
                     f"{flops / limit / 1e9:.1f}"))
    print(table(rows, ["setting", "library", "s / epoch", "test acc", "× floor", "GFLOP/s"]))
    print()
    for line in verdicts(summary, floors):
        print(line)
    return summary


def verdicts(summary, floors):
    """One line per target of issue #11: what was measured, and met / MISSED."""
    ok = lambda cond: "met" if cond else "MISSED"
    lines = []
    if ("sgd-sigmoid", "scikit-learn") in summary:
        (t, (a, se)), (ts, (as_, ses)) = summary[("sgd-sigmoid", "nnlib")], summary[("sgd-sigmoid", "scikit-learn")]
        diff, se_diff = a - as_, float(np.hypot(se, ses))
        lines.append(f"- 784-30-10 SGD: nnlib {t:.3f} s/epoch = {t / ts:.2f}× scikit-learn's {ts:.3f} (target ≤ 0.5×); "
                     f"accuracy {a:.4f} vs {as_:.4f}, difference {diff:+.4f} ± {se_diff:.4f} (equal: not below by "
                     f"more than 2 standard errors): {ok(t <= 0.5 * ts and diff >= -2 * se_diff)}")
    if ("adam-relu", "nnlib") in summary:
        t = summary[("adam-relu", "nnlib")][0]
        lines.append(f"- 784-128-10 Adam: nnlib {t / floors['adam-relu']:.2f}× the numpy floor "
                     f"(target ≤ 1.3×): {ok(t <= 1.3 * floors['adam-relu'])}")
        torch_times = {lib: summary[("adam-relu", lib)][0] for lib in ("PyTorch CPU", "PyTorch CPU, 1 thread")
                       if ("adam-relu", lib) in summary}
        if torch_times:
            lib, tp = min(torch_times.items(), key=lambda item: item[1])  # the faster PyTorch
            lines.append(f"- 784-128-10 Adam: nnlib {t:.3f} s/epoch = {t / tp:.2f}× {lib}'s {tp:.3f}, the faster "
                         f"PyTorch (target ≤ 1.0×): {ok(t <= tp)}")
    if ("digits", "nnlib") in summary:
        t, (a, _) = summary[("digits", "nnlib")]
        total = t * DIGITS_EPOCHS
        lines.append(f"- bundled digits: {a:.4f} test accuracy after {total:.2f} s of training "
                     f"(target ≥ 0.97 in < 0.5 s): {ok(a >= 0.97 and total < 0.5)}")
    return lines


if __name__ == "__main__":
    main()
