"""Chapters 05 and 06 in a real JupyterLab: every control of RuleStepper and GradientDescentExplorer.

Each control is changed as a learner would (dropdown option, slider readout or arrow keys, button
click); the readout must then show exactly what the widget's pure function computes for the new
control values, and the ipympl canvas image must change. Update latencies are recorded.
"""

from __future__ import annotations

import re

import pytest

from helpers import html_text as _text  # noqa: E402
from helpers import wait_until as _wait_for  # noqa: E402
from helpers import (
    assert_no_error_outputs,
    click_button,
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


def _change(page, chapter, widget_name, control, action, expected_html):
    """Do ``action``; record its latency; wait for the readout to equal ``expected_html`` and the canvas to change."""
    root, readout = f"nnlab-{widget_name}", f"nnlab-{widget_name}-readout"
    before = _canvas(page, root)
    ms = measure_update(page, action, readout, timeout=30_000)
    record_latency(chapter, widget_name, control, ms)
    print(f"latency {chapter} {widget_name} {control}: {ms:.0f} ms")
    want = _text(expected_html)
    _wait_for(page, lambda: _shown(page, readout) == want,
              what=f"{widget_name} readout after {control}: {want!r}, shown {_shown(page, readout)!r}")
    _wait_for(page, lambda: _canvas(page, root) != before, what=f"{widget_name} canvas to change after {control}")


def test_rule_stepper_every_control(page, lab):
    from nnlib.widgets.rule_stepper import readout_html, stepper_state

    def expect(**kw):
        return readout_html(stepper_state(**kw)["readout"])

    open_notebook(page, lab, "05_learning_rules.ipynb")
    run_all(page)
    wait_widgets_settled(page)
    assert_no_error_outputs(page)
    s = dict(rule="perceptron", dataset="AND", encoding="binary", lr=0.1, k=0)
    assert _shown(page, "nnlab-stepper-readout") == _text(expect(**s))

    def step(n=1, record=True):
        for _ in range(n):
            s["k"] += 1
            if record:
                _change(page, "05", "stepper", "step", lambda: click_button(page, "nnlab-stepper-step"), expect(**s))
            else:
                click_button(page, "nnlab-stepper-step")
                _wait_for(page, lambda: _shown(page, "nnlab-stepper-readout") == _text(expect(**s)),
                          what=f"stepper at k={s['k']}")

    step(1)
    step(4, record=False)
    s["k"] = 8
    _change(page, "05", "stepper", "epoch", lambda: click_button(page, "nnlab-stepper-epoch"), expect(**s))
    s["k"] = 0
    _change(page, "05", "stepper", "reset", lambda: click_button(page, "nnlab-stepper-reset"), expect(**s))
    s.update(dataset="XOR", k=0)
    _change(page, "05", "stepper", "dataset",
            lambda: select_dropdown(page, "nnlab-stepper-dataset", "XOR"), expect(**s))
    step(3, record=False)
    s.update(rule="delta", k=0)
    _change(page, "05", "stepper", "rule",
            lambda: select_dropdown(page, "nnlab-stepper-rule", "delta (Widrow–Hoff)"), expect(**s))
    step(2, record=False)
    s.update(encoding="bipolar", k=0)
    _change(page, "05", "stepper", "encoding",
            lambda: select_dropdown(page, "nnlab-stepper-encoding", "bipolar"), expect(**s))
    step(2, record=False)
    s.update(lr=0.2, k=0)  # options (0.01, 0.02, 0.05, 0.1, 0.2, ...): index 4
    _change(page, "05", "stepper", "lr",
            lambda: set_slider(page, "nnlab-stepper-lr", 4, via="keys"), expect(**s))
    step(6, record=False)
    assert "epoch 2, sample 2 of 4" in _shown(page, "nnlab-stepper-readout")
    assert_no_error_outputs(page)


def test_gradient_descent_explorer_every_control(page, lab):
    from nnlib.widgets.descent import descent_picture, lr_on_slider, readout_html

    def expect(**kw):
        return readout_html(descent_picture(**kw)["readout"])

    open_notebook(page, lab, "06_gradient_descent_backprop.ipynb")
    run_all(page)
    wait_widgets_settled(page)
    assert_no_error_outputs(page)
    s = dict(surface="valley", lr=0.05, x0=-4.0, y0=1.5, steps=50, optimizer="sgd")
    assert _shown(page, "nnlab-descent-readout") == _text(expect(**s))

    steps = [
        ("lr", dict(lr=lr_on_slider(0.18)), lambda: set_slider(page, "nnlab-descent-lr", "0.18", via="readout")),
        ("steps", dict(steps=80), lambda: set_slider(page, "nnlab-descent-steps", 80, via="readout")),
        ("x0", dict(x0=-3.0), lambda: set_slider(page, "nnlab-descent-x0", "-3", via="readout")),
        ("y0", dict(y0=1.0), lambda: set_slider(page, "nnlab-descent-y0", "1", via="readout")),
        ("surface", dict(surface="banana"),
         lambda: select_dropdown(page, "nnlab-descent-surface", "banana")),
        ("optimizer", dict(optimizer="adam"), lambda: select_dropdown(page, "nnlab-descent-optimizer", "adam")),
    ]
    for control, new, action in steps:
        s.update(new)
        _change(page, "06", "descent", control, action, expect(**s))
    shown = _shown(page, "nnlab-descent-readout")
    assert "verdict:" in shown and "final loss:" in shown
    assert_no_error_outputs(page)
