"""The browser harness itself, on two tiny notebooks written into the served temporary folder.

Protects what every widget test relies on: JupyterLab starts, a notebook opens with a live
kernel, Run All finishes, ipywidgets and ipympl views render, a slider moves both by its
readout and by the keyboard, the readout follows, the latency is measured, and the error
detectors find a real exception (and ignore a mere warning).
"""

from __future__ import annotations

import nbformat

from helpers import (
    assert_no_error_outputs,
    assert_widgets_rendered,
    error_outputs,
    measure_update,
    open_notebook,
    readout_text,
    record_latency,
    run_all,
    set_slider,
    widget,
)

DEMO_SOURCE = '''
import ipywidgets as w
from ipympl.backend_nbagg import Canvas, FigureManager
from matplotlib.figure import Figure


def square_readout(n):
    """The pure function: what the readout shows for slider value n."""
    return f"n = {n}, n² = {n * n}"


fig = Figure(figsize=(3, 2), dpi=72)
canvas = Canvas(fig)
FigureManager(canvas, 4242)
ax = fig.add_subplot()
(line,) = ax.plot([0, 1], [0, 9])
ax.set_ylim(0, 100)
slider = w.IntSlider(value=3, min=0, max=10, description="n")
slider.add_class("nnlab-demo-slider")
readout = w.HTML(square_readout(3))
readout.add_class("nnlab-demo-readout")


def on_change(change):
    n = change["new"]
    readout.value = square_readout(n)
    line.set_ydata([0, n * n])
    canvas.draw_idle()


slider.observe(on_change, names="value")
w.VBox([slider, readout, canvas])
'''.strip()

ERRORS_SOURCES = [
    "print('fine')",
    "import warnings\nwarnings.warn('only a warning: not an error')",
    "1 / 0",
]


def _write(lab, name, sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, lab.root / name)
    return name


def test_slider_drives_readout_and_figure(page, lab):
    name = _write(lab, "zz_harness_demo.ipynb", [DEMO_SOURCE])
    open_notebook(page, lab, name)
    run_all(page)
    assert_no_error_outputs(page)
    assert assert_widgets_rendered(page, expect_widgets=True) >= 1
    assert page.locator(".jupyter-matplotlib canvas").count() >= 1, "ipympl canvas not rendered"
    assert readout_text(page, "nnlab-demo-readout") == "n = 3, n² = 9"

    ms = measure_update(page, lambda: set_slider(page, "nnlab-demo-slider", 7), "nnlab-demo-readout")
    widget(page, "nnlab-demo-readout").get_by_text("n = 7, n² = 49").wait_for()
    record_latency("harness", "demo", "slider-readout", ms)
    assert 0 < ms < 15_000

    ms = measure_update(page, lambda: set_slider(page, "nnlab-demo-slider", 5, via="keys"), "nnlab-demo-readout")
    widget(page, "nnlab-demo-readout").get_by_text("n = 5, n² = 25").wait_for()
    record_latency("harness", "demo", "slider-keys", ms)
    assert_no_error_outputs(page)


def test_error_detection_is_precise(page, lab):
    name = _write(lab, "zz_harness_errors.ipynb", ERRORS_SOURCES)
    open_notebook(page, lab, name)
    run_all(page)  # stops at the error, as Run All does for a learner
    errors = error_outputs(page)
    assert [e["cell"] for e in errors] == [2], errors
    assert "ZeroDivisionError" in errors[0]["text"]
    assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]', has_text="only a warning").count() == 1
    assert_widgets_rendered(page, expect_widgets=False)
