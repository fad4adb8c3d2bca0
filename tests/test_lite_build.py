"""The JupyterLite build (``scripts/build_lite.py``) produces a site with the chapters and nnlab.

Runs the real build into a temporary folder. requirements-dev.txt installs jupyterlite-core and
the Pyodide kernel; a learner's environment without them skips this test with the reason. Nothing is fetched from the network: the build
only copies files (the Pyodide kernel itself is loaded from a CDN by the browser at run time).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _load_script():
    spec = importlib.util.spec_from_file_location("build_lite", REPO / "scripts" / "build_lite.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_lite_build(tmp_path):
    for name in ("jupyterlite_core", "jupyterlite_pyodide_kernel"):
        if importlib.util.find_spec(name) is None:
            pytest.skip(f"{name} is not installed (optional: pip install -r jupyterlite/requirements-lite.txt)")
    build_lite = _load_script()
    out = build_lite.build(tmp_path / "lite", quiet=True)
    size_mb = build_lite.folder_size(out) / 1e6
    print(f"JupyterLite site: {size_mb:.1f} MB")

    assert (out / "index.html").is_file() and (out / "lab" / "index.html").is_file()
    chapters = sorted(p.name for p in (REPO / "chapters").glob(build_lite.CHAPTER_GLOB))
    listed = {f["name"] for f in json.loads((out / "api" / "contents" / "all.json").read_text())["content"]}
    missing = set(chapters) | {"00_in_the_browser.ipynb"}
    assert not missing - listed, f"notebooks missing from the site's contents: {sorted(missing - listed)}"

    wheels = list((out / "pypi").glob("nnlab-*-py3-none-any.whl"))
    assert wheels, "nnlab's wheel is not in the site's pypi/ folder"
    index = json.loads((out / "pypi" / "all.json").read_text())
    assert "nnlab" in index, f"piplite index does not list nnlab: {sorted(index)}"

    config = json.loads((out / "jupyter-lite.json").read_text())["jupyter-config-data"]
    extensions = {e["name"] for e in config.get("federated_extensions", [])}
    for needed in ("@jupyter-widgets/jupyterlab-manager", "jupyter-matplotlib", "anywidget",
                   "@jupyterlite/pyodide-kernel-extension"):
        assert needed in extensions, f"JupyterLab extension {needed} missing from the site: {sorted(extensions)}"
