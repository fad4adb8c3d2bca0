"""Chapter 08 in a real JupyterLab: every control of the FunctionApproximator.

Each control is changed as a learner would (slider readout, arrow keys, dropdown option); the
readout must then show exactly what the widget's pure function computes for the new control
values, and the ipympl canvas image must change. Update latencies are recorded.
"""

from __future__ import annotations

import pytest

import helpers as h

pytestmark = pytest.mark.browser


def _shown(page):
    return " ".join(h.readout_text(page, "nnlab-approx-readout").split())


def _change(page, control, action, expected_html):
    """Do ``action``; record its latency; wait for the readout to equal ``expected_html`` and the canvas to change."""
    before = h.canvas_hash(page, "nnlab-approx")
    ms = h.measure_update(page, action, "nnlab-approx-readout", timeout=30_000)
    h.record_latency("08", "approx", control, ms)
    print(f"latency 08 approx {control}: {ms:.0f} ms")
    want = h.html_text(expected_html)
    h.wait_until(page, lambda: _shown(page) == want,
                 what=f"approx readout after {control}: {want!r}, shown {_shown(page)!r}")
    h.wait_canvas_changed(page, "nnlab-approx", before)


def test_function_approximator_every_control(page, lab):
    from nnlib.widgets.approximator import approximator_picture

    def expect(**kw):
        return approximator_picture(**kw).readout

    h.open_notebook(page, lab, "08_generalisation.ipynb")
    h.run_all(page)
    h.wait_widgets_settled(page)
    h.assert_no_error_outputs(page)
    s = dict(target="sine", n_hidden=5, activation="sigmoid")
    assert _shown(page) == h.html_text(expect(**s))

    steps = [
        ("units", dict(n_hidden=20), lambda: h.set_slider(page, "nnlab-approx-units", 20, via="readout")),
        ("units (keys)", dict(n_hidden=23), lambda: h.set_slider(page, "nnlab-approx-units", 23, via="keys")),
        ("activation", dict(activation="relu"), lambda: h.select_dropdown(page, "nnlab-approx-activation", "relu")),
        ("target", dict(target="|x|"), lambda: h.select_dropdown(page, "nnlab-approx-target", "|x|")),
        ("units", dict(n_hidden=2), lambda: h.set_slider(page, "nnlab-approx-units", 2, via="readout")),
        ("target", dict(target="bump"), lambda: h.select_dropdown(page, "nnlab-approx-target", "bump")),
        ("target", dict(target="step"), lambda: h.select_dropdown(page, "nnlab-approx-target", "step")),
        ("activation", dict(activation="sigmoid"),
         lambda: h.select_dropdown(page, "nnlab-approx-activation", "sigmoid")),
        ("units", dict(n_hidden=40), lambda: h.set_slider(page, "nnlab-approx-units", 40, via="readout")),
    ]
    for control, new, action in steps:
        s.update(new)
        _change(page, control, action, expect(**s))
        if s == dict(target="|x|", n_hidden=2, activation="relu"):
            # two ReLU hinges make |x| exactly: the readout says so
            assert "largest error |ŷ − f| = 0.0000" in _shown(page)
    h.assert_no_error_outputs(page)
