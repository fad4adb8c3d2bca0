"""Chapter 08 in a real JupyterLab: every control of the FunctionApproximator.

Each control is changed as a learner would (slider readout, arrow keys, dropdown option); the
readout must then show exactly what the widget's pure function computes for the new control
values, and the ipympl canvas image must change. Update latencies are recorded.
"""

from __future__ import annotations

import re

import pytest

from helpers import html_text as _text  # noqa: E402
from helpers import wait_until as _wait_for  # noqa: E402
from helpers import (
    assert_no_error_outputs,
    measure_update,
    open_notebook,
    readout_text,
    record_latency,
    run_all,
    select_dropdown,
    set_slider,
    wait_widgets_settled,
)

pytestmark = pytest.mark.browser


def _shown(page, css):
    return re.sub(r"\s+", " ", readout_text(page, css)).strip()


def _canvas(page, root_class):
    return page.evaluate(
        """(sel) => [...document.querySelectorAll(sel + ' .jupyter-matplotlib canvas')]
                      .map(c => c.toDataURL()).join('|')""",
        f".{root_class}",
    )


def _change(page, control, action, expected_html):
    """Do ``action``; record its latency; wait for the readout to equal ``expected_html`` and the canvas to change."""
    root, readout = "nnlab-approx", "nnlab-approx-readout"
    before = _canvas(page, root)
    ms = measure_update(page, action, readout, timeout=30_000)
    record_latency("08", "approx", control, ms)
    print(f"latency 08 approx {control}: {ms:.0f} ms")
    want = _text(expected_html)
    _wait_for(page, lambda: _shown(page, readout) == want,
              what=f"approx readout after {control}: {want!r}, shown {_shown(page, readout)!r}")
    _wait_for(page, lambda: _canvas(page, root) != before, what=f"approx canvas to change after {control}")


def test_function_approximator_every_control(page, lab):
    from nnlib.widgets.approximator import approximator_picture

    def expect(**kw):
        return approximator_picture(**kw).readout

    open_notebook(page, lab, "08_generalisation.ipynb")
    run_all(page)
    wait_widgets_settled(page)
    assert_no_error_outputs(page)
    s = dict(target="sine", n_hidden=5, activation="sigmoid")
    assert _shown(page, "nnlab-approx-readout") == _text(expect(**s))

    steps = [
        ("units", dict(n_hidden=20), lambda: set_slider(page, "nnlab-approx-units", 20, via="readout")),
        ("units (keys)", dict(n_hidden=23), lambda: set_slider(page, "nnlab-approx-units", 23, via="keys")),
        ("activation", dict(activation="relu"), lambda: select_dropdown(page, "nnlab-approx-activation", "relu")),
        ("target", dict(target="|x|"), lambda: select_dropdown(page, "nnlab-approx-target", "|x|")),
        ("units", dict(n_hidden=2), lambda: set_slider(page, "nnlab-approx-units", 2, via="readout")),
        ("target", dict(target="bump"), lambda: select_dropdown(page, "nnlab-approx-target", "bump")),
        ("target", dict(target="step"), lambda: select_dropdown(page, "nnlab-approx-target", "step")),
        ("activation", dict(activation="sigmoid"),
         lambda: select_dropdown(page, "nnlab-approx-activation", "sigmoid")),
        ("units", dict(n_hidden=40), lambda: set_slider(page, "nnlab-approx-units", 40, via="readout")),
    ]
    for control, new, action in steps:
        s.update(new)
        _change(page, control, action, expect(**s))
        if s == dict(target="|x|", n_hidden=2, activation="relu"):
            # two ReLU hinges make |x| exactly: the readout says so
            assert "largest error |ŷ − f| = 0.0000" in _shown(page, "nnlab-approx-readout")
    assert_no_error_outputs(page)
