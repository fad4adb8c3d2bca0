"""Repository-wide pytest set-up: the strict notebook re-runs (nbval) and one shared fixture.

- Cells run with ``store_history=True``, as JupyterLab runs them. nbval 0.11 runs them with
  history off, and then IPython ignores a trailing ``;``, so ``ax.plot(...);`` would print an
  ``<Axes: >`` that the stored notebook rightly does not have (nbval#194, ipython#14162).
- Kernels get the environment ``scripts/run_notebooks.py`` stores the chapters with
  (``KERNEL_ENV``: the hash seed and, on x86-64, the same numpy and OpenBLAS code paths on every
  machine), so the printed outputs match the stored ones.
- ``korean``: Korean for one test, English again afterwards.
"""

import importlib.util
import os
from pathlib import Path

import nbval.kernel
import pytest

_spec = importlib.util.spec_from_file_location("run_notebooks", Path(__file__).parent / "scripts" / "run_notebooks.py")
_run_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_run_notebooks)
os.environ.update(_run_notebooks.KERNEL_ENV)  # inherited by every kernel nbval and the tests start


def _execute_cell_input(self, cell_input, allow_stdin=None):
    return self.kc.execute(cell_input, store_history=True, allow_stdin=allow_stdin, stop_on_error=False)


nbval.kernel.RunningKernel.execute_cell_input = _execute_cell_input


@pytest.fixture
def korean():
    """Korean for one test; English again afterwards, whatever happens (other tests read English)."""
    import nnlib

    nnlib.set_language("ko")
    try:
        yield
    finally:
        nnlib.set_language("en")
