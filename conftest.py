"""Repository-wide pytest set-up for the strict notebook re-runs (nbval).

- Cells run with ``store_history=True``, as JupyterLab runs them. nbval 0.11 runs them with
  history off, and then IPython ignores a trailing ``;``, so ``ax.plot(...);`` would print an
  ``<Axes: >`` that the stored notebook rightly does not have (nbval#194, ipython#14162).
- Kernels get ``PYTHONHASHSEED=0``, like ``scripts/run_notebooks.py`` gives them, so set and
  dict orders in printed outputs match the stored ones.
"""

import os

import nbval.kernel

os.environ.setdefault("PYTHONHASHSEED", "0")


def _execute_cell_input(self, cell_input, allow_stdin=None):
    return self.kc.execute(cell_input, store_history=True, allow_stdin=allow_stdin, stop_on_error=False)


nbval.kernel.RunningKernel.execute_cell_input = _execute_cell_input
