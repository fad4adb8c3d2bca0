"""Course run time: headless execution time of every chapter and of the whole course.

Executes each chapter with nbclient in a scratch copy (the stored notebooks are not touched),
the way ``scripts/run_notebooks.py`` and nbval run them. Target: the whole course in ≤ 60 s.

Run: ``python bench/course_runtime.py [chapters/NN_*.ipynb ...]``
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from _common import REPO, table

TARGET_SECONDS = 60.0


def run(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    t0 = time.perf_counter()
    client.execute()
    return time.perf_counter() - t0


def measure(paths=None):
    paths = [Path(p) for p in paths] if paths else sorted((REPO / "chapters").glob("[0-9][0-9]_*.ipynb"))
    return {p.name: run(p) for p in paths}


def main(argv):
    times = measure(argv[1:])
    total = sum(times.values())
    rows = [(name, f"{s:.1f}") for name, s in times.items()]
    rows.append(("**whole course**", f"**{total:.1f}**"))
    print(table(rows, ["chapter", "seconds (incl. kernel start)"]))
    verdict = "met" if total <= TARGET_SECONDS else "MISSED"
    print(f"\ntarget ≤ {TARGET_SECONDS:.0f} s for the whole course: {verdict}")
    return times


if __name__ == "__main__":
    main(sys.argv)
