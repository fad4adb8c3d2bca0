#!/usr/bin/env python3
"""Re-execute the course notebooks and store them: THE one way to refresh chapter outputs.

Usage (from anywhere; paths are relative to the current directory)::

    python scripts/run_notebooks.py                      # every chapters/NN_*.ipynb and chapters/ko/NN_*.ipynb
    python scripts/run_notebooks.py chapters/03_xor_problem.ipynb
    python scripts/run_notebooks.py --check              # only report; changes nothing

Why a script and not "Run All + Save" in JupyterLab: strict nbval in CI compares every stored
text output with a fresh run, so the stored outputs must come from a clean kernel in a known
environment.  This script guarantees that:

- a fresh kernel of *this* Python environment (the interpreter running the script, whatever
  "python3" kernelspec may be installed elsewhere), started in the notebook's own folder (the
  chapters folder), with :data:`KERNEL_ENV` (``PYTHONHASHSEED=0`` so set/dict-of-str orders are
  reproducible; on x86-64 the same numpy and OpenBLAS code paths on every machine, see
  :func:`reproducible_env`);
- every code cell run once, top to bottom, so execution counts are exactly 1..n;
- outputs and the ipywidgets state stored, so GitHub/nbviewer and a freshly opened JupyterLab
  show the widgets' last state instead of "Error displaying widget";
- volatile metadata removed (cell execution timestamps, the kernel's Python patch version),
  so a refresh on another machine does not produce a noisy diff;
- ``metadata.nnlab.executed_by`` set, which ``tests/test_notebooks_stored.py`` and ``--check``
  look for: a notebook saved from JupyterLab by hand is caught in CI.

A notebook whose cell raises is NOT written; the script names the notebook and the cell,
shows the error and exits with status 1 after trying the remaining notebooks.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
CHAPTERS = REPO / "chapters"
CHAPTER_GLOB = "[0-9][0-9]_*.ipynb"
MARKER = {"executed_by": "scripts/run_notebooks.py"}
KERNEL_NAME = "python3"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL_NAME}
# Cell metadata that records *when* or *how long* a cell ran: differs on every run.
VOLATILE_CELL_METADATA = ("execution", "ExecuteTime", "papermill")
# Notebook metadata written by other executors / extensions with run times in it.
VOLATILE_NB_METADATA = ("papermill", "toc-autonumbering", "varInspector")
WIDGET_STATE_KEY = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"


def reproducible_env() -> dict[str, str]:
    """Environment variables under which a chapter prints the same numbers on every machine.

    ``PYTHONHASHSEED=0``: set and dict-of-str orders. On x86-64 also the CPU code paths: numpy
    picks its tanh and exp by the CPU's vector extensions and OpenBLAS its matrix-product kernel
    by the CPU model, and the choices round differently in the last bit (measured: np.tanh with
    and without AVX2, OpenBLAS's Haswell and Sandybridge kernels). Hundreds of training epochs
    grow that bit into the printed decimals: chapter 08 stored on one machine printed a
    validation MSE of 0.2662 where another printed 0.2739. So kernels use the AVX2 paths
    (numpy's ``NPY_DISABLE_CPU_FEATURES`` switches off its AVX-512 ones, ``OPENBLAS_CORETYPE``),
    which every x86-64 machine with AVX2 and FMA has; elsewhere nothing is forced.
    Used by this script, by nbval (``conftest.py``) and by the exercise tests.
    """
    env = {"PYTHONHASHSEED": "0"}
    try:
        flags = Path("/proc/cpuinfo").read_text().split()
    except OSError:  # not Linux
        flags = []
    if "avx2" in flags and "fma" in flags:
        # numpy >= 2.4 names its AVX-512 groups X86_V4, AVX512_ICL, AVX512_SPR; older numpy
        # AVX512F, AVX512_SKX, ...; names a numpy does not dispatch on are ignored.
        env["NPY_DISABLE_CPU_FEATURES"] = ("X86_V4 AVX512_ICL AVX512_SPR AVX512F AVX512CD AVX512_KNL AVX512_KNM "
                                           "AVX512_SKX AVX512_CLX AVX512_CNL")
        env["OPENBLAS_CORETYPE"] = "Haswell"
    return env


KERNEL_ENV = reproducible_env()


def chapter_paths() -> list[Path]:
    """All course notebooks, in chapter order: the English chapters, then the Korean edition
    (chapters/ko/, built from the English by scripts/translate.py, which then calls this script)."""
    return sorted(CHAPTERS.glob(CHAPTER_GLOB)) + sorted((CHAPTERS / "ko").glob(CHAPTER_GLOB))


# --------------------------------------------------------------------------- executing


def _current_env_kernel_manager_class():
    """A kernel-manager class whose "python3" is always this interpreter's ipykernel.

    A learner or CI machine may have a user-level "python3" kernelspec pointing at another
    Python (with another numpy); using ``sys.executable`` makes the stored outputs come from
    the environment that runs the script, exactly as ``--nbval-current-env`` does in pytest.
    A class (not an instance) is handed to nbclient so that nbclient owns the kernel and shuts
    it down after each notebook.
    """
    import ipykernel.kernelspec
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpecManager

    class CurrentEnvKernelSpecManager(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            if kernel_name == KERNEL_NAME:
                return self.kernel_spec_class(
                    resource_dir=ipykernel.kernelspec.RESOURCES,
                    **ipykernel.kernelspec.get_kernel_dict(),
                )
            return super().get_kernel_spec(kernel_name)

    class CurrentEnvKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            kwargs.setdefault("kernel_spec_manager", CurrentEnvKernelSpecManager())
            super().__init__(**kwargs)

    return CurrentEnvKernelManager


def clean_metadata(nb: nbformat.NotebookNode) -> None:
    """Remove run-dependent metadata and set the kernelspec and the nnlab marker."""
    for cell in nb.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
    for key in VOLATILE_NB_METADATA:
        nb.metadata.pop(key, None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    language_info = nb.metadata.get("language_info")
    if language_info:
        # "3.11.7" vs "3.12.1" is the author's machine, not the course: keep the rest.
        language_info.pop("version", None)
    nnlab = dict(nb.metadata.get("nnlab", {}))
    nnlab.update(MARKER)
    nb.metadata["nnlab"] = nnlab


def execute_notebook(path: Path, timeout: int) -> nbformat.NotebookNode:
    """Run ``path`` in a fresh kernel (cwd = its folder) and return the executed notebook.

    Raises
    ------
    nbclient.exceptions.CellExecutionError
        When a cell raises (cells tagged ``raises-exception`` excepted).  ``.cell_index`` is
        set on the exception by this function so the caller can name the cell.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:  # start from nothing, so no stale output survives a removed line
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    client = NotebookClient(
        nb,
        kernel_name=KERNEL_NAME,
        kernel_manager_class=_current_env_kernel_manager_class(),
        timeout=timeout,
        allow_errors=False,
        store_widget_state=True,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    current = {"index": None}
    original = client.async_execute_cell

    async def tracking_execute_cell(cell, cell_index, *args, **kwargs):
        current["index"] = cell_index
        return await original(cell, cell_index, *args, **kwargs)

    client.async_execute_cell = tracking_execute_cell
    try:
        client.execute()
    except CellExecutionError as exc:
        exc.cell_index = current["index"]
        raise
    clean_metadata(nb)
    return nb


def run(paths: list[Path], timeout: int) -> int:
    """Execute and store every path; return the process exit status."""
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    os.environ.update(KERNEL_ENV)  # inherited by every kernel started below
    failures = []
    total_start = time.perf_counter()
    for path in paths:
        start = time.perf_counter()
        print(f"running {_display(path)} ...", flush=True)
        try:
            nb = execute_notebook(path, timeout)
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
            index = getattr(exc, "cell_index", None)
            where = f"cell {index}" if index is not None else "a cell"
            print(f"FAILED {_display(path)}: {where} raised; notebook NOT written\n{exc}", file=sys.stderr)
            failures.append(f"{_display(path)} ({where})")
            continue
        nbformat.validate(nb)
        nbformat.write(nb, path)
        print(f"  stored {_display(path)} in {time.perf_counter() - start:.1f} s", flush=True)
    print(f"{len(paths) - len(failures)}/{len(paths)} notebooks stored in {time.perf_counter() - total_start:.1f} s")
    if failures:
        print("FAILED: " + ", ".join(failures), file=sys.stderr)
        return 1
    return 0


# --------------------------------------------------------------------------- checking


def notebook_problems(nb: nbformat.NotebookNode) -> list[str]:
    """Reasons why a stored notebook does not look freshly produced by this script (empty = ok).

    Checks only what a fresh run by this script guarantees; the full set of repository rules
    (sizes, paths, NBVAL markers) lives in ``tests/test_notebooks_stored.py``.
    """
    problems = []
    if nb.metadata.get("nnlab", {}).get("executed_by") != MARKER["executed_by"]:
        problems.append("metadata.nnlab.executed_by is missing: not stored by scripts/run_notebooks.py")
    counts = []
    has_widgets = False
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for key in VOLATILE_CELL_METADATA:
            if key in cell.metadata:
                problems.append(f"cell {index}: volatile metadata {key!r} stored")
        if not cell.source.strip():
            continue
        if cell.execution_count is None:
            problems.append(f"cell {index}: not executed (no execution count)")
        else:
            counts.append(cell.execution_count)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                problems.append(f"cell {index}: stored error {output.get('ename')}: {output.get('evalue')}")
            if WIDGET_VIEW_MIME in output.get("data", {}):
                has_widgets = True
    if counts != list(range(1, len(counts) + 1)):
        problems.append(f"execution counts are {counts}, expected 1..{len(counts)} in order")
    if has_widgets and not nb.metadata.get("widgets", {}).get(WIDGET_STATE_KEY, {}).get("state"):
        problems.append("widget outputs stored but no widget state in metadata.widgets")
    return problems


def check(paths: list[Path]) -> int:
    """Print problems of every path; return 1 if any notebook has one."""
    bad = 0
    for path in paths:
        problems = notebook_problems(nbformat.read(path, as_version=4))
        if problems:
            bad += 1
            print(f"STALE {_display(path)}:")
            for problem in problems:
                print(f"  - {problem}")
        else:
            print(f"ok    {_display(path)}")
    if bad:
        print(f"{bad} notebook(s) need `python scripts/run_notebooks.py`")
    return 1 if bad else 0


# --------------------------------------------------------------------------- command line


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help=f"notebooks (default: chapters/{CHAPTER_GLOB} and chapters/ko/{CHAPTER_GLOB})")
    parser.add_argument("--timeout", type=int, default=600, help="seconds one cell may run (default 600)")
    parser.add_argument("--check", action="store_true", help="only report whether stored notebooks look fresh")
    args = parser.parse_args(argv)
    paths = args.paths or chapter_paths()
    if not paths:
        print(f"no notebooks found (looked for {CHAPTERS / CHAPTER_GLOB})", file=sys.stderr)
        return 1
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print("not found: " + ", ".join(map(str, missing)), file=sys.stderr)
        return 1
    return check(paths) if args.check else run(paths, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
