"""Hangul in the Korean chapters' figures: no "Glyph ... missing from font" anywhere.

Without a Hangul font matplotlib draws Korean text as empty boxes and warns
``Glyph 44032 (\\N{HANGUL SYLLABLE GA}) missing from font(s) DejaVu Sans``.  Each Korean chapter is
executed in a kernel where that warning is an error (``PYTHONWARNINGS``); a warning raised while
IPython draws a figure after the cell surfaces as a printed "Error in callback" rather than a cell
error, and text with math ($...$) reports a missing glyph in a log line, so printed output is
checked too.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
KOREAN = sorted((REPO / "chapters" / "ko").glob("[0-9][0-9]_*.ipynb"))
_spec = importlib.util.spec_from_file_location("run_notebooks", REPO / "scripts" / "run_notebooks.py")
run_notebooks = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("run_notebooks", run_notebooks)
_spec.loader.exec_module(run_notebooks)

# matplotlib warns "Glyph 44032 ... missing from font(s)" for plain text, and logs "Font 'default'
# does not have a glyph for '\uac00'" for text set with math ($...$); compared in lower case.
SIGNS_OF_MISSING_GLYPHS = ("glyph", "missing from font", "error in callback")


@pytest.mark.slow
@pytest.mark.parametrize("path", KOREAN, ids=[p.name for p in KOREAN])
def test_korean_chapter_draws_every_glyph(path, monkeypatch):
    # inherited by the kernel, with conftest.py's KERNEL_ENV
    monkeypatch.setenv("PYTHONWARNINGS", "error:Glyph:UserWarning")
    nb = run_notebooks.execute_notebook(path, timeout=300)  # raises if a cell raises
    printed = [
        f"cell {index}: {out.text.strip()[:300]}"
        for index, cell in enumerate(nb.cells) if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "stream" and any(sign in out.text.lower() for sign in SIGNS_OF_MISSING_GLYPHS)
    ]
    assert not printed, f"chapters/ko/{path.name} drew text without a glyph:\n" + "\n".join(printed)


def test_the_glyph_check_catches_a_missing_glyph(tmp_path, monkeypatch):
    """The same check on a notebook that draws Hangul in English mode (DejaVu Sans only) fails."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "import matplotlib\nmatplotlib.use('agg')\nimport matplotlib.pyplot as plt\n"
        "fig, ax = plt.subplots()\nax.set_title('가중치')\nfig.savefig('figure.png')")]
    path = tmp_path / "glyphs.ipynb"
    nbformat.write(nb, path)
    monkeypatch.setenv("PYTHONWARNINGS", "error:Glyph:UserWarning")
    from nbclient.exceptions import CellExecutionError

    with pytest.raises(CellExecutionError, match="Glyph"):
        run_notebooks.execute_notebook(path, timeout=120)
