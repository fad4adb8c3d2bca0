"""The offline HTML export (``scripts/export_html.py``) shows pictures and widgets with NO network.

Two chapters are exported into a temporary folder and opened from ``file://`` in Chromium with
the context offline *and* every request that is not ``file:``, ``data:`` or ``blob:`` aborted and
recorded. Each test then checks that

- no network request was even attempted (the export inlines require.js, the widget renderer,
  its icon font and the ipympl/anywidget front-ends),
- every PNG output (the ordinary plots; a widget's own PNG rides in its widget output, where
  the widget view is shown instead) is decoded and visible,
- the ipywidgets controls rendered from the saved widget state, with the stored values,
- no widget says "Error displaying widget",
- ipympl figures whose snapshot was saved show it (a canvas with a size).

Uses only the session ``browser`` fixture: no JupyterLab is needed.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import time

import pytest
from helpers import CHAPTERS_DIR, REPO

pytestmark = pytest.mark.browser

EXPORT_SCRIPT = REPO / "scripts" / "export_html.py"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
LOCAL_SCHEMES = ("file:", "data:", "blob:")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Export chapters 01 and 07 and the Korean 02 once; ``{stem: Path}`` of the HTML files."""
    out = tmp_path_factory.mktemp("html")
    names = ["01_artificial_neuron.ipynb", "07_digit_recognition.ipynb", "ko/02_perceptron_gates.ipynb"]
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(EXPORT_SCRIPT), *(str(CHAPTERS_DIR / n) for n in names),
                           "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"export failed:\n{proc.stdout}\n{proc.stderr}"
    print(f"\nexported {len(names)} chapters in {time.perf_counter() - start:.1f} s:\n{proc.stdout}")
    files = {n[:-6]: out / f"{n[:-6]}.html" for n in names}
    for path in files.values():
        assert path.is_file(), f"{path} was not written"
        text = path.read_text(encoding="utf-8")
        for cdn in ("cdn.jsdelivr.net/npm/@jupyter-widgets", "unpkg.com", "cdnjs.cloudflare.com"):
            assert f'src="https://{cdn}' not in text, f"{path.name} still loads a script from {cdn}"
    return files


@pytest.fixture()
def offline_page(browser):
    """A page with networking off; ``page.nnlab_blocked`` lists every request that was aborted."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    context.set_offline(True)
    blocked = []

    def route(r):
        if r.request.url.startswith(LOCAL_SCHEMES):
            return r.continue_()
        blocked.append(r.request.url)
        return r.abort()

    context.route("**/*", route)
    page = context.new_page()
    failed = []
    page.on("requestfailed", lambda req: failed.append(f"{req.url[:150]} ({req.failure})"))
    page.nnlab_blocked, page.nnlab_failed = blocked, failed
    yield page
    context.close()


def _state(nb):
    return nb["metadata"].get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})


def _plain(text_or_html: str) -> str:
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", text_or_html)))


def _open_and_check(page, path, chapter):
    nb = json.loads((CHAPTERS_DIR / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    # PNG outputs shown as images (a widget's own PNG fallback is hidden behind its live view).
    n_png = sum("image/png" in out.get("data", {}) and "application/vnd.jupyter.widget-view+json" not in out["data"]
                for cell in nb["cells"] for out in cell.get("outputs", []))
    page.goto(path.as_uri())
    # The renderer replaces each widget-view <script> with a rendered view; wait for the last one.
    page.wait_for_function(
        "() => document.querySelectorAll('.jupyter-widgets').length > 0"
        " && [...document.querySelectorAll('script[type=\"application/vnd.jupyter.widget-view+json\"]')]"
        "    .every(s => s.parentElement.querySelector('.jupyter-widgets, .widget-error'))",
        timeout=30_000)
    page.wait_for_timeout(500)  # let image decodes and ipympl snapshots settle

    pngs = page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea-output img')]
        .filter(i => i.src.startsWith('data:image/png'))
        .map(i => ({w: i.naturalWidth, visible: i.getBoundingClientRect().width > 0 && i.checkVisibility()}))""")
    assert len(pngs) >= n_png, f"{chapter}: {len(pngs)} PNG images on the page, the notebook has {n_png}"
    bad = [i for i, p in enumerate(pngs) if not (p["w"] > 0 and p["visible"])]
    assert not bad, f"{chapter}: PNG images not decoded or not visible: {bad} of {len(pngs)}"

    errors = page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea-output')]
        .filter(o => o.innerText.includes('Error displaying widget')).map(o => o.innerText.slice(0, 300))""")
    assert not errors, f"{chapter}: widget views failed to render: {errors}"

    snapshots = [m for m in _state(nb).values()
                 if m.get("model_name") == "MPLCanvasModel" and isinstance(m["state"].get("_data_url"), str)]
    if snapshots:
        sizes = page.evaluate("() => [...document.querySelectorAll('.jupyter-matplotlib canvas')].map(c => c.width)")
        assert any(sizes), f"{chapter}: {len(snapshots)} ipympl snapshots saved but every figure canvas is 0 wide"

    assert not page.nnlab_blocked, f"{chapter}: the export tried to use the network: {page.nnlab_blocked}"
    assert not page.nnlab_failed, f"{chapter}: requests failed (missing local files?): {page.nnlab_failed}"
    return nb


def test_ch01_export_offline(offline_page, exported):
    page = offline_page
    nb = _open_and_check(page, exported["01_artificial_neuron"], "01_artificial_neuron")
    sliders = page.locator(".widget-slider")
    assert sliders.count() >= 5, f"expected the explorer's 5 sliders, found {sliders.count()}"
    # Rendered from the saved state: w1's readout shows its stored value, the HTML readout its text.
    w1 = next(m["state"] for m in _state(nb).values()
              if "nnlab-neuron-w1" in m["state"].get("_dom_classes", []))
    shown = page.locator(".nnlab-neuron-w1 .widget-readout").first.inner_text().strip()
    assert float(shown) == pytest.approx(w1["value"]), f"w1 slider shows {shown}, saved state has {w1['value']}"
    readout = next(m["state"]["value"] for m in _state(nb).values()
                   if "nnlab-neuron-readout" in m["state"].get("_dom_classes", []))
    assert _plain(page.locator(".nnlab-neuron-readout").first.inner_text()) == _plain(readout)


def test_ch07_export_offline(offline_page, exported):
    page = offline_page
    _open_and_check(page, exported["07_digit_recognition"], "07_digit_recognition")
    # anywidget (the drawing pad, its JavaScript stored in the widget state) and a button icon.
    assert page.locator(".nnlab-drawdigit-pad").count() > 0, "the anywidget drawing pad did not render"
    assert page.locator(".nnlab-drawdigit-clear").first.is_visible()
    icon_font = page.evaluate("() => document.fonts.check('900 16px \"Font Awesome 5 Free\"')")
    assert icon_font, "the button icon font (inlined Font Awesome) is not available"


def test_korean_export_carries_its_hangul_font(offline_page, exported):
    """The Korean page draws Hangul with the font embedded in it, not with whatever the machine has."""
    page = offline_page
    _open_and_check(page, exported["ko/02_perceptron_gates"], "ko/02_perceptron_gates")
    heading = page.locator(".jp-RenderedMarkdown h1").first
    assert re.search("[\uac00-\ud7a3]", heading.inner_text()), "the Korean chapter's title is not Korean"
    assert heading.evaluate("e => getComputedStyle(e).fontFamily").startswith('"nnlab Hangul"')
    loaded = page.evaluate("""async () => {
        const faces = await document.fonts.load("16px 'nnlab Hangul'", "가중치");
        return faces.map(f => f.status);
    }""")
    assert loaded == ["loaded"], f"the embedded Hangul font did not load offline: {loaded}"
    readout = page.locator(".nnlab-gates-readout").first.inner_text()
    assert re.search("[\uac00-\ud7a3]", readout), f"the gate explorer's readout is not Korean: {readout[:80]!r}"
