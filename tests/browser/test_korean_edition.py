"""The Korean edition in a real JupyterLab: chapter 02's gate explorer end to end, in Korean.

Opens ``chapters/ko/02_perceptron_gates.ipynb`` (the page at 1024×700, as on a classroom projector),
runs all cells, checks that the explorer's readout is exactly what ``gate_picture`` computes in
Korean after every move of every control, and that the page really draws Hangul (a missing font
would draw every syllable as the same empty box).  Screenshots of the widget and of the figure's
Korean title go to ``test-artifacts/korean/``.
"""

from __future__ import annotations

import html
import re

import pytest
from helpers import (ARTIFACTS_DIR, assert_no_error_outputs, canvas_hash, measure_update, open_notebook,
                     readout_text, record_latency, run_all, select_dropdown, set_slider,
                     wait_canvas_changed)

from nnlib.language import set_language
from nnlib.widgets.gates import gate_picture

pytestmark = pytest.mark.browser

CHAPTER = "ko/02_perceptron_gates.ipynb"
HANGUL = re.compile("[\uac00-\ud7a3]")
SHOTS = ARTIFACTS_DIR / "korean"

# Two different syllables drawn with the page's font: with a Hangul font they differ; without one
# both are the same "missing glyph" box.
_DRAWS_HANGUL_JS = """(font) => {
    const pixels = (text) => {
        const canvas = document.createElement('canvas');
        canvas.width = 64; canvas.height = 64;
        const ctx = canvas.getContext('2d');
        ctx.font = font; ctx.fillStyle = '#000'; ctx.fillText(text, 4, 48);
        return Array.from(ctx.getImageData(0, 0, 64, 64).data).join(',');
    };
    return pixels('가') !== pixels('힣') && pixels('가') !== pixels('');
}"""


def _plain(text_or_html: str) -> str:
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", text_or_html)))


def _korean_readout(**state) -> str:
    set_language("ko")
    try:
        return _plain(gate_picture(**state).readout)
    finally:
        set_language("en")


@pytest.fixture()
def projector_page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 700})
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


def test_korean_gate_explorer_end_to_end(projector_page, lab):
    page = projector_page
    open_notebook(page, lab, CHAPTER)
    run_all(page)
    assert_no_error_outputs(page)

    font = page.locator(".nnlab-gates-readout").first.evaluate("e => getComputedStyle(e).font")
    assert page.evaluate(_DRAWS_HANGUL_JS, font), (
        f"the page's font ({font}) draws Hangul as boxes: install a Korean font (Debian: fonts-nanum)")
    prose = page.locator(".jp-MarkdownOutput").first.inner_text()
    assert HANGUL.search(prose), f"the chapter's first cell is not Korean: {prose[:80]!r}"

    state = dict(gate="AND", w1=1.0, w2=1.0, b=-1.5)  # as in the notebook
    shown = readout_text(page, "nnlab-gates-readout")
    assert HANGUL.search(shown), f"the readout is not Korean: {shown[:120]!r}"
    assert _plain(shown) == _korean_readout(**state)

    moves = [("gate", "OR"), ("b", -0.5), ("w1", 0.4), ("w2", 2.0), ("gate", "NAND"), ("gate", "XOR")]
    for control, value in moves:
        state[control] = value
        css = f"nnlab-gates-{control}"
        if control == "gate":
            action = (lambda c, v: lambda: select_dropdown(page, c, v))(css, value)
        else:
            action = (lambda c, v: lambda: set_slider(page, c, v))(css, value)
        before = canvas_hash(page, "nnlab-gates")
        ms = measure_update(page, action, "nnlab-gates-readout")
        record_latency("02-ko", "gates", control, ms)
        expected = _korean_readout(**state)
        page.wait_for_function(
            "(args) => { const el = document.querySelector(args[0]);"
            " return el && el.textContent.replace(/\\s+/g, '') === args[1]; }",
            arg=[".nnlab-gates-readout", expected], timeout=15_000)
        wait_canvas_changed(page, "nnlab-gates", before)

    SHOTS.mkdir(parents=True, exist_ok=True)
    explorer = page.locator(".jp-Notebook .nnlab-gates").first
    explorer.scroll_into_view_if_needed()
    explorer.screenshot(path=str(SHOTS / "02_gate_explorer.png"))
    assert (SHOTS / "02_gate_explorer.png").stat().st_size > 10_000
