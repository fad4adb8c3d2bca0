"""Every chapter, opened in JupyterLab and run top to bottom in a real browser.

nbval proves the kernel side; this proves the learner's side: the front-end extensions
(ipywidgets, ipympl, anywidget) are installed and every widget view renders, no cell shows an
exception in JupyterLab, and everything fits a projector: at 1024×700 and at 1440×900 with the
file browser open, every widget (figure, readout, controls) and every output image lies inside
the notebook column, and each readout sits beside or directly under its figure. Screenshots of
every widget at 1024×700 go to ``test-artifacts/layout-1024x700/``.

Before Run All, a stored chapter shows each widget's picture and never the raw widget repr.
"""

from __future__ import annotations

import json

import pytest

from helpers import (
    ARTIFACTS_DIR,
    CHAPTER_GLOB,
    CHAPTERS_DIR,
    VIEWPORTS,
    assert_no_error_outputs,
    assert_widgets_rendered,
    exercise_widgets,
    layout_overflows,
    notebook_has_widget_outputs,
    open_file_browser,
    open_notebook,
    run_all,
    screenshot_widgets,
    widget_geometry,
)

CHAPTERS = sorted(CHAPTERS_DIR.glob(CHAPTER_GLOB))
NEAR_PX = 48  # "directly under / beside": at most this far from the figure
MOVES = 32    # per widget: enough for a p95


def _readout_near_figure(g):
    f, r = g["figure"], g["readout"]
    if f is None or r is None:
        return True  # a widget without a figure or readout has nothing to place
    beside = r["left"] >= f["right"] - 1 and r["left"] - f["right"] <= NEAR_PX and r["top"] < f["bottom"]
    under = r["top"] >= f["bottom"] - 1 and r["top"] - f["bottom"] <= NEAR_PX and r["left"] < f["right"]
    return beside or under


@pytest.mark.slow
@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_chapter_runs_in_jupyterlab_and_fits_the_screen(page, lab, path):
    open_notebook(page, lab, path.name)
    run_all(page)
    assert_no_error_outputs(page)
    assert_widgets_rendered(page, expect_widgets=notebook_has_widget_outputs(path))
    # First moves after Run All, then >= 30 more per widget: latencies go to the bench report.
    exercise_widgets(page, path.name[:2], moves=MOVES)
    for size, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        open_file_browser(page)
        overflows = layout_overflows(page)
        assert not overflows, f"{path.name} at {size} with the file browser open: outside the column: {overflows}"
        far = [g for g in widget_geometry(page) if not _readout_near_figure(g)]
        assert not far, f"{path.name} at {size}: readout not beside or under its figure: {far}"
        if size == "1024x700":
            screenshot_widgets(page, ARTIFACTS_DIR / "layout-1024x700", path.stem)


_RAW_REPR_JS = """() => [...document.querySelectorAll('.jp-OutputArea-output')]
    .map(o => o.textContent).filter(t => /(VBox|HBox|Canvas)\\(children=|Canvas\\(toolbar=/.test(t))
    .map(t => t.slice(0, 120))"""


@pytest.mark.parametrize("path", [p for p in CHAPTERS if notebook_has_widget_outputs(p)],
                         ids=lambda p: p.name)
def test_stored_chapter_shows_pictures_not_widget_reprs(page, lab, path):
    """Opened as stored (no cell run), each widget output shows its picture, no raw repr."""
    open_notebook(page, lab, path.name)
    page.wait_for_timeout(1000)  # let JupyterLab render every stored output
    raw = page.evaluate(_RAW_REPR_JS)
    assert not raw, f"{path.name} shows raw widget reprs before Run All: {raw}"
    n_widget_outputs = sum(
        "application/vnd.jupyter.widget-view+json" in out.get("data", {})
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
        for out in cell.get("outputs", [])
    )
    shown = page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea-output')]
        .filter(o => o.querySelector('img, canvas, .jupyter-widgets')).length""")
    assert shown >= n_widget_outputs, f"{path.name}: {shown} pictures/widgets shown for {n_widget_outputs} widget outputs"
