"""Browser tests of the widgets of chapters 00-02 in a real JupyterLab.

Each test opens its chapter, runs all cells, then changes EVERY control of the widget like a
user (slider readout typing, dropdown choice) and checks that

- the readout now shows exactly what the widget's pure function computes for the new values,
- the ipympl canvas image changed,

recording each control's browser round-trip latency with ``record_latency``.
"""

from __future__ import annotations

import html
import re

import pytest
from helpers import (
    canvas_hash,
    wait_canvas_changed,
    assert_no_error_outputs,
    measure_update,
    open_notebook,
    readout_text,
    record_latency,
    run_all,
    select_dropdown,
    set_slider,
)

from nnlib.widgets.gates import gate_picture
from nnlib.widgets.neuron import neuron_picture
from nnlib.widgets.welcome import welcome_picture

pytestmark = pytest.mark.browser

def _plain(text_or_html: str) -> str:
    """Readout text without tags and whitespace, so HTML and rendered text compare equal."""
    text = re.sub(r"<[^>]+>", "", text_or_html)
    return re.sub(r"\s+", "", html.unescape(text))


def _exercise_control(page, chapter, widget, control, action, expected_html):
    readout = f"nnlab-{widget}-readout"
    before = canvas_hash(page, f"nnlab-{widget}")
    ms = measure_update(page, action, readout)
    record_latency(chapter, widget, control, ms)
    page.wait_for_function(
        "(args) => { const el = document.querySelector(args[0]);"
        " return el && el.textContent.replace(/\\s+/g, '') === args[1]; }",
        arg=[f".{readout}", _plain(expected_html)], timeout=15_000)
    assert _plain(readout_text(page, readout)) == _plain(expected_html)
    wait_canvas_changed(page, f"nnlab-{widget}", before)


def _open(page, lab, name):
    open_notebook(page, lab, name)
    run_all(page)
    assert_no_error_outputs(page)


def test_ch00_welcome_widget(page, lab):
    _open(page, lab, "00_start_here.ipynb")
    assert _plain(readout_text(page, "nnlab-welcome-readout")) == _plain(welcome_picture(1.0).readout)
    _exercise_control(page, "00", "welcome", "w", lambda: set_slider(page, "nnlab-welcome-w", -1.5),
                      welcome_picture(-1.5).readout)


def test_ch01_neuron_explorer(page, lab):
    _open(page, lab, "01_artificial_neuron.ipynb")
    state = dict(w1=1.0, w2=1.0, b=-1.5, activation="sigmoid", x1=1.0, x2=1.0)  # as in the notebook
    assert _plain(readout_text(page, "nnlab-neuron-readout")) == _plain(neuron_picture(**state).readout)
    moves = [("w1", 0.5), ("w2", -0.7), ("b", 0.3), ("x1", 0.2), ("x2", -0.4),
             ("activation", "tanh"), ("activation", "step"), ("activation", "relu")]
    for control, value in moves:
        state[control] = value
        css = f"nnlab-neuron-{control}"
        if control == "activation":
            action = (lambda v: lambda: select_dropdown(page, css, v))(value)
        else:
            action = (lambda c, v: lambda: set_slider(page, c, v))(css, value)
        _exercise_control(page, "01", "neuron", control, action, neuron_picture(**state).readout)


def test_ch02_gate_explorer(page, lab):
    _open(page, lab, "02_perceptron_gates.ipynb")
    state = dict(gate="AND", w1=1.0, w2=1.0, b=-1.5)  # as in the notebook
    assert "ANDsolved!" in _plain(readout_text(page, "nnlab-gates-readout"))
    moves = [("gate", "OR"), ("b", -0.5), ("w1", 0.4), ("w2", 2.0), ("gate", "NAND"), ("gate", "XOR")]
    for control, value in moves:
        state[control] = value
        css = f"nnlab-gates-{control}"
        if control == "gate":
            action = (lambda v: lambda: select_dropdown(page, css, v))(value)
        else:
            action = (lambda c, v: lambda: set_slider(page, c, v))(css, value)
        _exercise_control(page, "02", "gates", control, action, gate_picture(**state).readout)
    assert "ORsolved!" in _plain(gate_picture("OR", 1.0, 1.0, -0.5).readout)
