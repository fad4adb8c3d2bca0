"""Build a JupyterLite site of the course: JupyterLab + a Python (Pyodide) kernel in the browser.

    pip install -r jupyterlite/requirements-lite.txt
    python scripts/build_lite.py                    # -> build/lite/
    python -m http.server -d build/lite 8000        # then open http://127.0.0.1:8000/lab/

Steps, all in a temporary staging folder (nothing is written into the repository but the output):

1. ``pip wheel --no-deps .`` builds nnlab's wheel into the staging ``pypi/`` folder, so the
   site's piplite index has it and ``%pip install nnlab`` works inside JupyterLite;
2. the chapters are copied in as contents, plus ``00_in_the_browser.ipynb``, a first notebook
   whose one cell installs nnlab, ipympl and anywidget in the Pyodide kernel;
3. ``jupyter lite build`` with ``jupyterlite/jupyter_lite_config.json`` writes the static site;
   the JupyterLab extensions of ipywidgets, ipympl and anywidget are copied from this
   environment.

The site is static files (serve it with any web server, e.g. GitHub Pages). At run time the
Pyodide kernel itself (and numpy, matplotlib, scikit-learn) is downloaded from the jsDelivr CDN,
and ipympl/anywidget/ipywidgets/tqdm from PyPI: JupyterLite needs internet, unlike the HTML export.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LITE_CONFIG = REPO / "jupyterlite" / "jupyter_lite_config.json"
CHAPTER_GLOB = "[0-9][0-9]_*.ipynb"

FIRST_NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "id": "lite-intro", "metadata": {}, "source": [
            "# nnlab in the browser (JupyterLite)\n",
            "\n",
            "This copy of the course runs **entirely in your browser**: Python is Pyodide, nothing is\n",
            "installed on your computer and nothing you do is sent to a server. Run the cell below once\n",
            "per browser session (it installs the course library), then open any chapter from the file\n",
            "browser on the left. Changes are stored in your browser only.\n",
        ]},
        {"cell_type": "code", "execution_count": None, "id": "lite-install", "metadata": {}, "outputs": [],
         "source": ["%pip install -q nnlab ipympl anywidget\n", "import nnlib\n", "print('nnlib', nnlib.__version__, 'is ready')"]},
    ],
    "metadata": {"kernelspec": {"display_name": "Python (Pyodide)", "language": "python", "name": "python"},
                 "language_info": {"name": "python"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def build(output: Path, chapters: Path = REPO / "chapters", quiet: bool = False) -> Path:
    """Build the site into ``output`` (replaced if it exists); return ``output``."""
    output = output.resolve()
    with tempfile.TemporaryDirectory(prefix="nnlab-lite-") as tmp:
        stage = Path(tmp)
        shutil.copy2(LITE_CONFIG, stage / "jupyter_lite_config.json")
        run = dict(check=True, capture_output=quiet, text=True)
        # Build isolation lets pip fetch the setuptools pyproject.toml asks for: a fresh venv's
        # own setuptools may be too old (or, from Python 3.12 on, absent).
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                        "-w", str(stage / "pypi"), str(REPO)], **run)
        contents = stage / "contents"
        contents.mkdir()
        for nb in sorted(chapters.glob(CHAPTER_GLOB)):
            shutil.copy2(nb, contents / nb.name)
        (contents / "00_in_the_browser.ipynb").write_text(json.dumps(FIRST_NOTEBOOK, indent=1), encoding="utf-8")
        if output.exists():
            shutil.rmtree(output)
        subprocess.run([sys.executable, "-m", "jupyter", "lite", "build", "--lite-dir", str(stage),
                        "--contents", str(contents), "--output-dir", str(output)], cwd=stage, **run)
    return output


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "build" / "lite", help="output folder (default: build/lite)")
    args = parser.parse_args(argv)
    try:
        import jupyterlite_core  # noqa: F401
        import jupyterlite_pyodide_kernel  # noqa: F401
    except ImportError as exc:
        parser.exit(1, f"{exc.name} is missing: pip install -r jupyterlite/requirements-lite.txt\n")
    start = time.perf_counter()
    out = build(args.out)
    print(f"JupyterLite site in {out}: {folder_size(out) / 1e6:.1f} MB, built in {time.perf_counter() - start:.0f} s")
    print(f"serve it with:  python -m http.server -d {out} 8000   then open http://127.0.0.1:8000/lab/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
