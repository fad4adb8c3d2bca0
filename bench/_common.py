"""Small helpers shared by the benchmark scripts: timing, machine description, tables."""

from __future__ import annotations

import os
import platform
import statistics
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
DEFAULT_MNIST = REPO.parent / "shared" / "data" / "mnist"


def machine():
    """One line naming the machine, the Python/numpy builds and the BLAS behind numpy."""
    try:
        cfg = np.show_config(mode="dicts")
        blas = cfg["Build Dependencies"]["blas"]["name"]
    except Exception:  # older numpy: no dict mode
        blas = "unknown"
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, "
            f"numpy {np.__version__} ({blas})")


def best_of(fn, repeat=5, number=1):
    """Best wall time of ``number`` calls over ``repeat`` tries (seconds per call)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t0) / number)
    return min(times)


def median_p95(values):
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return statistics.median(values), p95


def table(rows, headers):
    """A GitHub-flavoured markdown table."""
    cols = [[str(h)] + [str(r[i]) for r in rows] for i, h in enumerate(headers)]
    widths = [max(len(c) for c in col) for col in cols]
    fmt = lambda cells: "| " + " | ".join(c.ljust(wd) for c, wd in zip(cells, widths)) + " |"
    lines = [fmt([str(h) for h in headers]), "|" + "|".join("-" * (wd + 2) for wd in widths) + "|"]
    lines += [fmt([str(c) for c in r]) for r in rows]
    return "\n".join(lines)
