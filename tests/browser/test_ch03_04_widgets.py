"""Chapters 03 and 04 in a real JupyterLab: every control of GateExplorer (XOR), XorNetworkExplorer
and Playground changes the readout to exactly what the widget's pure function computes, and
changes the picture."""

from __future__ import annotations

import contextlib
import io
import os
import re

import pytest

from helpers import html_text as _text  # noqa: E402
from helpers import wait_until as _wait_for  # noqa: E402
from helpers import (
    ARTIFACTS_DIR,
    assert_no_error_outputs,
    click_button,
    measure_update,
    open_notebook,
    readout_text,
    record_latency,
    run_all,
    select_dropdown,
    set_slider,
    wait_kernel_idle,
    wait_widgets_settled,
    widget,
)

pytestmark = pytest.mark.browser


def _shown(page, css_class):
    return re.sub(r"\s+", " ", readout_text(page, css_class)).strip()


def _figure_png(page, root_class):
    fig = widget(page, root_class).locator(".jupyter-matplotlib").first
    fig.scroll_into_view_if_needed()
    return fig.screenshot()


def _snapshot(page, root_class, name):
    """With NNLAB_SCREENSHOTS=1, keep a picture of the widget for a human to look at."""
    if os.environ.get("NNLAB_SCREENSHOTS"):
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        widget(page, root_class).screenshot(path=str(ARTIFACTS_DIR / f"{name}.png"))


def _expect(page, css_class, html, what):
    want = _text(html)
    _wait_for(page, lambda: _shown(page, css_class) == want, what=f"{what}: {want!r} (shown {_shown(page, css_class)!r})")


# --------------------------------------------------------------------------- chapter 03
def test_ch03_gate_explorer_on_xor(page, lab):
    from nnlib.widgets.gates import gate_picture

    open_notebook(page, lab, "03_xor_problem.ipynb")
    run_all(page)
    wait_widgets_settled(page)
    assert_no_error_outputs(page)
    r = "nnlab-gates-readout"
    values = dict(gate="XOR", w1=1.0, w2=1.0, b=-0.5)
    _expect(page, r, gate_picture(**values).readout, "initial XOR readout")
    assert "3 of 4 rows right" in _shown(page, r)
    for control, value in (("w1", -1.0), ("w2", 2.0), ("b", 0.5)):
        before = _figure_png(page, "nnlab-gates")
        ms = measure_update(page, lambda: set_slider(page, f"nnlab-gates-{control}", value, via="readout"), r)
        record_latency("03", "gates", control, ms)
        values[control] = value
        _expect(page, r, gate_picture(**values).readout, f"readout after {control} = {value}")
        _wait_for(page, lambda: _figure_png(page, "nnlab-gates") != before, what=f"figure to change ({control})")
    before = _figure_png(page, "nnlab-gates")
    ms = measure_update(page, lambda: select_dropdown(page, "nnlab-gates-gate", "OR"), r)
    record_latency("03", "gates", "gate", ms)
    values["gate"] = "OR"
    _expect(page, r, gate_picture(**values).readout, "readout after gate = OR")
    _wait_for(page, lambda: _figure_png(page, "nnlab-gates") != before, what="figure to change (gate)")


# --------------------------------------------------------------------------- chapter 04
def test_ch04_xor_network_and_playground(page, lab):
    from nnlib.widgets.playground import playground_run
    from nnlib.widgets.xor_network import XOR_SOLUTION, xor_network_state

    open_notebook(page, lab, "04_multilayer_perceptron.ipynb")
    run_all(page)
    wait_widgets_settled(page)
    assert_no_error_outputs(page)

    # -- XorNetworkExplorer: every slider ----------------------------------------------------
    r = "nnlab-xornet-readout"
    params = dict(XOR_SOLUTION)
    _expect(page, r, xor_network_state(**params)["readout"], "initial xor-network readout")
    assert "XOR solved" in _shown(page, r)
    moves = [("b1", -1.5), ("w11", 0.5), ("w12", -0.3), ("w21", 1.2), ("w22", -0.7), ("b2", 0.4),
             ("v1", -1.0), ("v2", 0.8), ("c", 0.6)]
    for name, value in moves:
        before = _figure_png(page, "nnlab-xornet")
        ms = measure_update(page, lambda: set_slider(page, f"nnlab-xornet-{name}", value, via="readout"), r)
        record_latency("04", "xornet", name, ms)
        params[name] = value
        _expect(page, r, xor_network_state(**params)["readout"], f"readout after {name} = {value}")
        _wait_for(page, lambda: _figure_png(page, "nnlab-xornet") != before, what=f"figure to change ({name})")
    assert "rows right" in _shown(page, r)
    _snapshot(page, "nnlab-xornet", "ch04_xornet")

    # -- Playground ----------------------------------------------------------------------------
    r = "nnlab-playground-readout"
    s = dict(dataset="circles", hidden="4", activation="tanh", lr=0.03)
    _expect(page, r, playground_run(**s, epochs=0)["readout"], "initial playground readout")

    def act(control, action, epochs):
        before = _figure_png(page, "nnlab-playground")
        ms = measure_update(page, action, r)
        record_latency("04", "playground", control, ms)
        _expect(page, r, playground_run(**s, epochs=epochs)["readout"], f"playground after {control}")
        if control != "lr":  # the lr only changes the readout, not the picture
            _wait_for(page, lambda: _figure_png(page, "nnlab-playground") != before,
                      what=f"playground figure to change ({control})")

    act("step", lambda: click_button(page, "nnlab-playground-step"), 1)
    act("reset", lambda: click_button(page, "nnlab-playground-reset"), 0)
    act("step", lambda: click_button(page, "nnlab-playground-step"), 1)
    s["dataset"] = "moons"
    act("dataset", lambda: select_dropdown(page, "nnlab-playground-dataset", "moons"), 0)
    act("step", lambda: click_button(page, "nnlab-playground-step"), 1)
    s["hidden"] = "8-8"
    act("hidden", lambda: select_dropdown(page, "nnlab-playground-hidden", "8-8"), 0)
    act("step", lambda: click_button(page, "nnlab-playground-step"), 1)
    s["activation"] = "relu"
    act("activation", lambda: select_dropdown(page, "nnlab-playground-activation", "relu"), 0)
    s["lr"] = 0.1
    act("lr", lambda: select_dropdown(page, "nnlab-playground-lr", "0.1"), 0)
    act("step", lambda: click_button(page, "nnlab-playground-step"), 1)
    # the controls TensorFlow Playground has beyond these: each resets to epoch 0 with its setting
    moves = [("noise", "noise", 1.5, lambda: set_slider(page, "nnlab-playground-noise", "1.5")),
             ("ratio", "train_ratio", 0.7, lambda: set_slider(page, "nnlab-playground-ratio", "70")),
             ("batch", "batch_size", 10, lambda: select_dropdown(page, "nnlab-playground-batch", "10")),
             ("reg", "regularization", "L2", lambda: select_dropdown(page, "nnlab-playground-reg", "L2")),
             ("regrate", "reg_rate", 0.03, lambda: select_dropdown(page, "nnlab-playground-regrate", "0.03")),
             ("feature", "features", ("x1", "x2", "x1^2"),
              lambda: click_button(page, "nnlab-playground-feature-x1sq")),
             ("feature", "features", ("x2", "x1^2"), lambda: click_button(page, "nnlab-playground-feature-x1"))]
    for control, key, value, action in moves:
        s[key] = value
        act(control, action, 0)
        act("step", lambda: click_button(page, "nnlab-playground-step"), 1)

    # -- Show as code: the printed code, run here, prints the readout's losses
    click_button(page, "nnlab-playground-code")
    view = widget(page, "nnlab-playground-codeview")
    _wait_for(page, lambda: "MLPClassifier(" in view.inner_text(), what="code to show")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(view.inner_text(), {})
    want = playground_run(**s, epochs=1)
    assert out.getvalue().strip() == (f"epoch 1: training loss {want['loss']:.4f}, "
                                      f"test loss {want['test_loss']:.4f}")
    assert f"training loss {want['loss']:.4f}" in _shown(page, r)

    # -- Train (the Play timer): runs several epochs, the picture keeps updating, pause stops it
    play = widget(page, "nnlab-playground-train")
    before = _figure_png(page, "nnlab-playground")
    ms = measure_update(page, lambda: play.locator("button").nth(0).click(), r)
    record_latency("04", "playground", "train", ms)

    def epoch():
        m = re.search(r"epoch (\d+)", _shown(page, r))
        return int(m.group(1)) if m else -1

    _wait_for(page, lambda: epoch() >= 9, timeout=60, what="training to reach epoch 9")
    play.locator("button").nth(1).click()  # pause
    wait_kernel_idle(page)
    page.wait_for_timeout(1000)
    wait_kernel_idle(page)
    n = epoch()
    assert n >= 9
    _expect(page, r, playground_run(**s, epochs=n)["readout"], f"playground after training to epoch {n}")
    _wait_for(page, lambda: _figure_png(page, "nnlab-playground") != before, what="figure to change (train)")
    page.wait_for_timeout(1500)
    assert epoch() == n, "training went on after pause"
    _snapshot(page, "nnlab-playground", "ch04_playground")


# --------------------------------------------------------------------------- a second page
# A learner who ran chapter 04 opens it in a second browser page (another tab, or the projector's
# window) on the same running kernel. JupyterLab keeps a notebook's outputs in each page's own
# document; a second page reads the notebook from disk. Once the first page has saved it (Ctrl+S,
# or JupyterLab's autosave, every 120 s by default; the tests turn autosave off), the file holds
# the live widgets' outputs, signed as trusted by the server, and the second page shows the same
# live widgets as the first: a move on either page changes both.

SECOND_PAGE_VIEWPORT = {"width": 1024, "height": 700}
_CONTROLS = (".nnlab-xornet-w11", ".nnlab-xornet-c", ".nnlab-playground-step", ".nnlab-playground-dataset")


def _chapter_copy(lab, name):
    """A fresh copy of the stored chapter 04 under ``name`` (this test's own file and kernel)."""
    import shutil

    shutil.copy(lab.root / "04_multilayer_perceptron.ipynb", lab.root / name)
    return name


def _second_page(browser, lab, name):
    context = browser.new_context(viewport=SECOND_PAGE_VIEWPORT)
    context.set_default_timeout(30_000)
    page2 = context.new_page()
    open_notebook(page2, lab, name)
    wait_widgets_settled(page2)
    page2.wait_for_timeout(1500)  # let the views render (or not) whatever the page has
    return context, page2


def _pictures(page):
    return page.locator(".jp-OutputArea-output img").count()


def test_ch04_second_page_after_saving_shows_the_live_controls(page, lab, browser):
    from nnlib.widgets.xor_network import XOR_SOLUTION, xor_network_state

    name = _chapter_copy(lab, "04_second_page_saved.ipynb")
    open_notebook(page, lab, name)
    run_all(page)
    page.evaluate("() => window.jupyterapp.shell.currentWidget.context.save()")  # Ctrl+S
    context, page2 = _second_page(browser, lab, name)
    try:
        for control in _CONTROLS:
            assert page2.locator(control).count() == 1, f"the second page shows no {control}"
        page2.locator(".nnlab-playground-step").scroll_into_view_if_needed()
        assert page2.locator(".nnlab-playground-step").is_visible()
        # live: a move on the second page reaches the kernel and both pages show its answer
        r = "nnlab-xornet-readout"
        want = _text(xor_network_state(**dict(XOR_SOLUTION, c=0.6))["readout"])
        set_slider(page2, "nnlab-xornet-c", 0.6, via="readout")
        for p in (page2, page):
            _wait_for(p, lambda: _shown(p, r) == want, what=f"readout after c = 0.6 on both pages: {want!r}")
    finally:
        context.close()


@pytest.mark.xfail(strict=True, reason=(
    "JupyterLab limitation, not the widgets': a second page reads the notebook from disk. Before "
    "the first page has saved, that is the stored chapter, whose outputs are untrusted (unsigned), "
    "and JupyterLab renders no widget view of an untrusted notebook (the ipywidgets renderer is "
    "unsafe); it shows the output's static PNG instead. Trusting it on the second page brings "
    "back the STORED widgets, not the kernel's: controls appear but move nothing. Saving the "
    "first page (Ctrl+S, or autosave) fixes it: see the test above."))
def test_ch04_second_page_before_saving_shows_the_controls(page, lab, browser):
    name = _chapter_copy(lab, "04_second_page_unsaved.ipynb")
    open_notebook(page, lab, name)
    run_all(page)
    context, page2 = _second_page(browser, lab, name)
    try:
        assert _pictures(page2) >= 2, "the second page shows the widgets' pictures"
        for control in _CONTROLS:
            assert page2.locator(control).count() == 1, f"the second page shows no {control} (pictures only)"
    finally:
        context.close()
