"""App mode: chapter 01 in Voila (no code cells) works in a real browser like it does in JupyterLab,
in English and in the Korean edition (chapters/ko/), whose readouts must be the Korean ones.

Starts the README's app-mode command (``voila <chapter> --strip_sources=True --theme=light``) on
127.0.0.1 with a token, opens it in headless Chromium, and checks that

- the page shows the chapter's widgets and no source code (``--strip_sources``),
- ipympl figures and ipywidgets controls rendered, with no "Error displaying widget",
- moving the ``w1`` slider changes the readout to exactly what ``neuron_picture`` computes,
  and the ipympl canvas redraws.
"""

from __future__ import annotations

import html
import re

import pytest
from helpers import (canvas_hash, measure_update, readout_text, record_latency, set_slider,
                     wait_canvas_changed)
from voila_server import voila_app, voila_page  # noqa: F401 - pytest fixtures

from nnlib.language import set_language
from nnlib.widgets.neuron import neuron_picture

pytestmark = pytest.mark.browser

CHAPTER = "01_artificial_neuron.ipynb"
HANGUL = re.compile("[\uac00-\ud7a3]")
START = dict(w1=1.0, w2=1.0, b=-1.5, activation="sigmoid", x1=1.0, x2=1.0)  # as in the notebook

def _plain(text_or_html: str) -> str:
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", text_or_html)))


def _readout(language, **state):
    """What neuron_picture shows in ``language`` (the test process is English again afterwards)."""
    set_language(language)
    try:
        return _plain(neuron_picture(**state).readout)
    finally:
        set_language("en")


@pytest.mark.parametrize("voila_app", [CHAPTER, f"ko/{CHAPTER}"], indirect=True)
def test_voila_neuron_explorer(voila_page, voila_app, request):
    page = voila_page
    chapter = request.node.callspec.params["voila_app"]
    language = "ko" if chapter.startswith("ko/") else "en"
    print(f"Voila rendered {chapter} in {page.nnlab_render_seconds:.1f} s")

    broken = page.get_by_text("Error displaying widget")
    assert broken.count() == 0, f"{broken.count()} widget view(s) failed to render in Voila"
    assert "NeuronExplorer(" not in page.locator("body").inner_text(), \
        "the chapter's code is visible: --strip_sources=True should hide it"
    assert page.locator(".nnlab-neuron .jupyter-matplotlib canvas").count() > 0, \
        "the explorer's ipympl figure did not render (is ipympl's Voila/JupyterLab extension installed?)"

    readout = "nnlab-neuron-readout"
    page.locator(f".{readout}").wait_for(state="visible")
    assert _plain(readout_text(page, readout)) == _readout(language, **START)
    if language == "ko":
        # (the explorer's controls and readout are all symbols, w₁ … φ; its figure titles are Korean)
        assert HANGUL.search(page.locator("body").inner_text()[:2000]), "the Korean chapter's prose is not Korean"

    before = canvas_hash(page, "nnlab-neuron")
    state = dict(START, w1=0.5)
    ms = measure_update(page, lambda: set_slider(page, "nnlab-neuron-w1", 0.5), readout)
    record_latency("01-voila" if language == "en" else "01-voila-ko", "neuron", "w1", ms)
    expected = _readout(language, **state)
    page.wait_for_function(
        "(args) => { const el = document.querySelector(args[0]);"
        " return el && el.textContent.replace(/\\s+/g, '') === args[1]; }",
        arg=[f".{readout}", expected], timeout=15_000)
    assert _plain(readout_text(page, readout)) == expected
    wait_canvas_changed(page, "nnlab-neuron", before)
