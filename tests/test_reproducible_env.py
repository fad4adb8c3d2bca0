"""The environment the chapters are stored and re-run in (``scripts/run_notebooks.py``'s
``KERNEL_ENV``) pins numpy's and OpenBLAS's CPU code paths, so strict nbval gives the stored
numbers on any x86-64 machine with AVX2, not only on one like the author's.
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("run_notebooks", REPO / "scripts" / "run_notebooks.py")
run_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(run_notebooks)

HAS_AVX2 = platform.system() == "Linux" and {"avx2", "fma"} <= set(Path("/proc/cpuinfo").read_text().split())

# What a fresh process reports about the code paths it takes.
PROBE = """
import json
import numpy as np
from numpy.lib.introspect import opt_func_info
from threadpoolctl import threadpool_info
targets = sorted({t["current"] for f in ("tanh", "exp", "add") for t in opt_func_info(func_name=f)[f].values()})
blas = [i.get("architecture") for i in threadpool_info() if i["internal_api"] == "openblas"]
print(json.dumps({"targets": targets, "blas": blas}))
"""


def test_kernels_of_nbval_get_the_stored_chapters_environment():
    """conftest.py hands nbval's kernels (they inherit os.environ) what run_notebooks.py uses."""
    assert run_notebooks.KERNEL_ENV["PYTHONHASHSEED"] == "0"
    for name, value in run_notebooks.KERNEL_ENV.items():
        assert os.environ.get(name) == value, name


@pytest.mark.skipif(not HAS_AVX2, reason="the pins apply to x86-64 Linux machines with AVX2 and FMA")
def test_pinned_kernel_takes_the_avx2_code_paths():
    env = dict(os.environ, **run_notebooks.KERNEL_ENV)
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    assert out.stderr == ""  # nothing a notebook cell would print
    seen = json.loads(out.stdout)
    assert not [t for t in seen["targets"] if "512" in t or "X86_V4" in t], seen
    assert seen["blas"] and set(seen["blas"]) == {"Haswell"}, seen
