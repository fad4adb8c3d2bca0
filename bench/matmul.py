"""The hardware limit: numpy matmul GFLOP/s in float32 and float64 on this machine.

A dense layer's forward and backward passes are three matmuls, so the best a numpy MLP can do
per epoch is (FLOPs per epoch) / (matmul GFLOP/s). ``train_speed.py`` divides by this number.

Run: ``python bench/matmul.py``
"""

from __future__ import annotations

import numpy as np

from _common import best_of, table

# Shapes of the matmuls a 784-128-10 network does on a batch of 64 (forward, dW, dX) plus a
# large square one for the peak.
SHAPES = [(64, 784, 128), (784, 64, 128), (64, 128, 784), (10, 784, 30), (1024, 1024, 1024)]


def gflops(m, k, n, dtype, rng):
    a = rng.standard_normal((m, k)).astype(dtype)
    b = rng.standard_normal((k, n)).astype(dtype)
    out = np.empty((m, n), dtype=dtype)
    reps = max(1, int(2e8 // (2 * m * k * n)))
    seconds = best_of(lambda: np.matmul(a, b, out=out), repeat=5, number=reps)
    return 2 * m * k * n / seconds / 1e9


def measure(rng=None):
    """GFLOP/s per (shape, dtype), and the peak per dtype."""
    rng = rng or np.random.default_rng(0)
    results = {}
    for dtype in (np.float32, np.float64):
        for shape in SHAPES:
            results[(shape, np.dtype(dtype).name)] = gflops(*shape, dtype, rng)
    peak = {d: max(v for (s, dd), v in results.items() if dd == d) for d in ("float32", "float64")}
    return results, peak


def main():
    results, peak = measure()
    rows = [(f"{m}×{k} @ {k}×{n}", d, f"{v:.1f}") for ((m, k, n), d), v in results.items()]
    print(table(rows, ["matmul", "dtype", "GFLOP/s"]))
    print(f"\npeak: float32 {peak['float32']:.1f} GFLOP/s, float64 {peak['float64']:.1f} GFLOP/s")


if __name__ == "__main__":
    main()
