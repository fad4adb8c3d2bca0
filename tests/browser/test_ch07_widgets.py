"""Chapter 07 in a real JupyterLab: the DigitInspector's controls and drawing on the DigitDrawer."""

from __future__ import annotations

import re

import numpy as np
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
    set_slider,
    wait_kernel_idle,
    wait_widgets_settled,
    widget,
)

NOTEBOOK = "07_digit_recognition.ipynb"


@pytest.fixture(scope="module")
def trained():
    """The notebook's wide network and the pad's network, trained the same way (seeded, so identical)."""
    from nnlib.datasets import load_digits
    from nnlib.mlp import MLPClassifier
    from nnlib.widgets.draw_digit import train_pad_model

    data = load_digits(test_size=0.2, val_size=0.2, random_state=0)
    model = MLPClassifier(hidden_sizes=(64, 64), lr=0.01, epochs=30, random_state=0, progress=False)
    return model.fit(data.X_train, data.y_train), train_pad_model(data), data


def _figure_png(page, root_class):
    """A screenshot of the widget's ipympl figure (PNG bytes), as the learner sees it."""
    fig = widget(page, root_class).locator(".jupyter-matplotlib").first
    fig.scroll_into_view_if_needed()
    return fig.screenshot()


def _probs(text):
    return {int(d): float(p) for d, p in re.findall(r"(\d): (\d\.\d{3})", text)}


def _draw(page, strokes):
    """Drag the mouse along each stroke (points in [0, 1] of the drawing pad)."""
    pad = widget(page, "nnlab-drawdigit-canvas").locator("canvas").first
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    for stroke in strokes:
        x0, y0 = stroke[0]
        page.mouse.move(box["x"] + x0 * box["width"], box["y"] + y0 * box["height"])
        page.mouse.down()
        for x, y in stroke[1:]:
            page.mouse.move(box["x"] + x * box["width"], box["y"] + y * box["height"], steps=4)
        page.mouse.up()


def _check_drawer_matches_pipeline(page, model):
    from nnlib.widgets.draw_digit import decode_pixels, drawer_state

    pad = widget(page, "nnlab-drawdigit-canvas")

    def settled():
        b64 = pad.get_attribute("data-pixels")
        if not b64:
            return None
        state = drawer_state(decode_pixels(b64, 56), model, "digits")
        shown = readout_text(page, "nnlab-drawdigit-readout")
        return (state, shown) if re.sub(r"\s+", " ", shown) == _text(state["readout"]) else None

    state, shown = _wait_for(page, settled, what="the readout to match the pipeline on the sent picture")
    if state["guess"] is not None:  # the network was asked
        probs = _probs(shown)
        assert sorted(probs) == list(range(10))
        assert abs(sum(probs.values()) - 1.0) < 0.01
        assert max(probs, key=probs.get) == state["guess"]
    if state["digit"]:
        assert f"prediction: {state['prediction']}" in shown
    else:
        assert "that does not look like a digit" in shown
    return state


def _assert_cleared(page):
    """Readout and canvas both empty, and still so a moment later (no late picture arrives)."""
    pad = widget(page, "nnlab-drawdigit-canvas")
    _wait_for(page, lambda: readout_text(page, "nnlab-drawdigit-readout") == "draw a digit"
              and not pad.get_attribute("data-pixels"), what="readout and canvas to be cleared")
    page.wait_for_timeout(600)  # longer than the pad's throttle: a pending picture would be here
    wait_kernel_idle(page)
    assert readout_text(page, "nnlab-drawdigit-readout") == "draw a digit"
    assert not pad.get_attribute("data-pixels")


def test_digit_inspector_and_drawer(page, lab, trained):
    from nnlib.widgets.digit_inspector import inspect_digit, next_wrong

    model, pad_model, data = trained
    open_notebook(page, lab, NOTEBOOK)
    run_all(page)
    wait_widgets_settled(page)
    assert_no_error_outputs(page)

    # -- DigitInspector: the index slider ----------------------------------------------------
    expected0 = _text(inspect_digit(model, data.X_val, data.y_val, 0)["readout"])
    assert readout_text(page, "nnlab-digitinspector-readout") == expected0
    before = _figure_png(page, "nnlab-digitinspector")
    ms = measure_update(page, lambda: set_slider(page, "nnlab-digitinspector-index", 5, via="readout"),
                        "nnlab-digitinspector-readout")
    record_latency("07", "digitinspector", "index", ms)
    want = inspect_digit(model, data.X_val, data.y_val, 5)
    _wait_for(page, lambda: readout_text(page, "nnlab-digitinspector-readout") == _text(want["readout"]),
              what="inspector readout for image 5")
    assert f"true label {want['true']}" in readout_text(page, "nnlab-digitinspector-readout")
    _wait_for(page, lambda: _figure_png(page, "nnlab-digitinspector") != before, what="inspector image to change")

    # -- DigitInspector: next wrong -----------------------------------------------------------
    target = next_wrong(model.predict(data.X_val), data.y_val, 5)
    ms = measure_update(page, lambda: click_button(page, "nnlab-digitinspector-next-wrong"),
                        "nnlab-digitinspector-readout")
    record_latency("07", "digitinspector", "next-wrong", ms)
    want = inspect_digit(model, data.X_val, data.y_val, target)
    _wait_for(page, lambda: readout_text(page, "nnlab-digitinspector-readout") == _text(want["readout"]),
              what=f"inspector readout for the next wrong image {target}")
    assert not want["correct"]

    # -- DigitDrawer: draw a "1" ----------------------------------------------------------------
    assert readout_text(page, "nnlab-drawdigit-readout") == "draw a digit"
    before = _figure_png(page, "nnlab-drawdigit")
    ms = measure_update(page, lambda: _draw(page, [[(0.45, 0.25), (0.55, 0.15), (0.55, 0.5), (0.55, 0.85)]]),
                        "nnlab-drawdigit-readout")
    record_latency("07", "drawdigit", "draw", ms)
    wait_kernel_idle(page)
    one = _check_drawer_matches_pipeline(page, pad_model)
    _wait_for(page, lambda: _figure_png(page, "nnlab-drawdigit") != before, what="drawer figure to change")

    # -- Clear ----------------------------------------------------------------------------------
    ms = measure_update(page, lambda: click_button(page, "nnlab-drawdigit-clear"), "nnlab-drawdigit-readout")
    record_latency("07", "drawdigit", "clear", ms)
    _assert_cleared(page)

    # -- Clear while a picture may still be on its way (the race that once left a picture) ------
    for _ in range(3):
        _draw(page, [[(0.3, 0.3), (0.7, 0.3), (0.45, 0.8)]])
        click_button(page, "nnlab-drawdigit-clear")
        _assert_cleared(page)

    # -- a dot is not a digit ----------------------------------------------------------------------
    _draw(page, [[(0.5, 0.5)]])
    wait_kernel_idle(page)
    dot = _check_drawer_matches_pipeline(page, pad_model)
    assert not dot["digit"] and dot["reason"] == "too little ink (a dot)"
    click_button(page, "nnlab-drawdigit-clear")
    _assert_cleared(page)

    # -- draw a "0" -----------------------------------------------------------------------------
    t = np.linspace(0, 2 * np.pi, 40)
    ring = [(0.5 + 0.22 * np.sin(a), 0.5 - 0.32 * np.cos(a)) for a in t]
    _draw(page, [ring])
    wait_kernel_idle(page)
    zero = _check_drawer_matches_pipeline(page, pad_model)
    assert zero["prediction"] == 0
    print(f"drawn 1 -> {one['prediction']} ({one['probability']:.3f}), drawn 0 -> {zero['prediction']}")
