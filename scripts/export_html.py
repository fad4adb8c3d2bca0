"""Export the chapters to self-contained HTML that shows their widgets with no network at all.

    python scripts/export_html.py                                   # every chapter -> build/html/ (Korean: build/html/ko/)
    python scripts/export_html.py chapters/01_artificial_neuron.ipynb --out /tmp/html
    python scripts/export_html.py --refresh-vendor                  # re-fetch the vendored JS (npm)

Each chapter becomes ``<out>/NN_name.html``: nbconvert's HTML exporter with the ``lab`` template,
except that everything the default export loads from a CDN is inlined instead:

- require.js and ipywidgets 8's HTML widget renderer (``@jupyter-widgets/html-manager``
  ``dist/embed-amd.js``), from the xz-compressed copies in ``scripts/vendor/`` (see its README);
- the front-ends of the custom widgets the notebook's saved state uses (ipympl's
  ``jupyter-matplotlib`` and ``anywidget``), read from the AMD bundles their installed Python
  packages ship in ``share/jupyter/nbextensions/``, and handed to require.js as ``blob:`` URLs.

The saved widget state (stored by ``scripts/run_notebooks.py``) then renders the controls and
the live figures' snapshots as they were at the end of the run (each widget's one output also
carries a PNG, which nbconvert passes over for the widget view). Sliders move, but nothing recomputes: there
is no kernel. MathJax and mermaid are not loaded (both would come from a CDN), so formulas show
as their LaTeX source. The files are about 1.1 MB of JavaScript plus the notebook's outputs.
A Korean chapter also carries the Hangul it uses, cut from nnlib's NanumGothic (about 100 kB), so
it shows no empty boxes on a machine without a Korean font.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import lzma
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VENDOR = Path(__file__).resolve().parent / "vendor"
CHAPTER_GLOB = "[0-9][0-9]_*.ipynb"

#: Vendored files: name -> (npm spec, file inside the package tarball, sha256 of that file).
VENDORED = {
    "html-manager-1.0.15-embed-amd.js.xz": (
        "@jupyter-widgets/html-manager@1.0.15",
        "package/dist/embed-amd.js",
        "ca87dff57c70ffb2658794fde0eab0e27e5f5472a1f5df7ab2b08e1039fc4b72",
    ),
    "requirejs-2.3.8-require.js.xz": (
        "requirejs@2.3.8",
        "package/require.js",
        "c1fc6b1d53af7522f78d664922abb32acac64ed0ecccb8f907f1e6fc7262563a",
    ),
    # Font Awesome 5 "solid" icons (button icons: step-forward, undo, eraser...), as woff2.
    "html-manager-1.0.15-fa-solid-900.woff2": (
        "@jupyter-widgets/html-manager@1.0.15",
        "package/dist/1551f4f60c37af51121f.woff2",
        "9834b82ad26e2a37583d22676a12dd2eb0fe7c80356a2114d0db1aa8b3899537",
    ),
}
EMBED_AMD = "html-manager-1.0.15-embed-amd.js.xz"
REQUIRE_JS = "requirejs-2.3.8-require.js.xz"
FA_SOLID = "html-manager-1.0.15-fa-solid-900.woff2"
#: How embed-amd.js refers to that font (webpack public path + hashed name, resolved against
#: the page, i.e. a missing file next to the HTML); replaced by a data: URL.
FA_SOLID_REF = re.compile(r'\b[A-Za-z_$]\.p\+"1551f4f60c37af51121f\.woff2"')

#: Custom widget front-ends: the ``_model_module`` in the saved state -> the nbextension folder
#: whose ``index.js`` is the AMD module (installed by the Python package of the same widget).
CUSTOM_MODULES = {"jupyter-matplotlib": "jupyter-matplotlib", "anywidget": "anywidget"}

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"

TEMPLATE = r"""
{%- extends 'lab/index.html.j2' -%}

{%- block html_head_js_requirejs -%}
<script>{{ resources.nnlab_offline.require_js }}</script>
{%- endblock html_head_js_requirejs -%}

{#- The stock block appends a <script src="CDN/embed-amd.js">; the renderer is inlined in footer_js. -#}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}

{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}

{% block footer_js %}
{%- if resources.nnlab_offline.hangul_css -%}
<style>{{ resources.nnlab_offline.hangul_css }}</style>
{%- endif -%}
{%- if resources.nnlab_offline.embed_amd -%}
<script>
/* nnlab offline export: custom widget front-ends as blob: URLs, so require.js never asks a CDN. */
(function () {
  var sources = {{ resources.nnlab_offline.modules_json }};
  var paths = {};
  Object.keys(sources).forEach(function (name) {
    paths[name] = URL.createObjectURL(new Blob([sources[name]], {type: "text/javascript"}));
  });
  window.require.config({paths: paths});
}());
</script>
<script>{{ resources.nnlab_offline.embed_amd }}</script>
{%- endif -%}
{% endblock footer_js %}
"""


# --------------------------------------------------------------------------- vendored files


def _inline_js(text: str) -> str:
    """JavaScript safe inside an inline <script>: no ``</script``, no source-map fetches."""
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.M)
    return text.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")


def read_vendored(name: str) -> bytes:
    """The uncompressed bytes of ``scripts/vendor/<name>``, checked against its recorded sha256."""
    data = (VENDOR / name).read_bytes()
    if name.endswith(".xz"):
        data = lzma.decompress(data)
    digest = hashlib.sha256(data).hexdigest()
    expected = VENDORED[name][2]
    if digest != expected:
        raise RuntimeError(f"{VENDOR / name}: sha256 {digest} does not match the recorded {expected}")
    return data


def load_vendor() -> dict[str, str]:
    """require.js and the widget renderer (with its icon font inlined), ready to inline."""
    font = "data:font/woff2;base64," + base64.b64encode(read_vendored(FA_SOLID)).decode("ascii")
    embed, n = FA_SOLID_REF.subn(json.dumps(font), read_vendored(EMBED_AMD).decode("utf-8"))
    if n == 0:
        raise RuntimeError("embed-amd.js no longer refers to the Font Awesome woff2 the export inlines")
    return {"require_js": _inline_js(read_vendored(REQUIRE_JS).decode("utf-8")), "embed_amd": _inline_js(embed)}


def refresh_vendor() -> None:
    """Re-create the ``.xz`` files with ``npm pack`` (the only step that uses the network)."""
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm not found: --refresh-vendor needs npm (Debian: apt-get install npm)")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (spec, member, sha) in VENDORED.items():
            out = subprocess.run([npm, "pack", spec, "--silent"], cwd=tmp, check=True,
                                 capture_output=True, text=True).stdout.split()[-1]
            with tarfile.open(Path(tmp) / out) as tar:
                data = tar.extractfile(member).read()
            digest = hashlib.sha256(data).hexdigest()
            if digest != sha:
                raise SystemExit(f"{spec} {member}: sha256 {digest}, expected {sha}; update VENDORED first")
            packed = lzma.compress(data, preset=9 | lzma.PRESET_EXTREME) if name.endswith(".xz") else data
            (VENDOR / name).write_bytes(packed)
            print(f"{name}: {len(data):,} bytes -> {(VENDOR / name).stat().st_size:,} bytes xz")


# --------------------------------------------------------------------------- custom widgets


def nbextension_bundle(folder: str) -> Path | None:
    """``<jupyter data path>/nbextensions/<folder>/index.js`` of the installed package, if any."""
    from jupyter_core.paths import jupyter_path

    for base in jupyter_path("nbextensions"):
        candidate = Path(base) / folder / "index.js"
        if candidate.is_file():
            return candidate
    # jupyter_path misses sys.prefix when Python runs outside its venv's bin/ (rare); try it too.
    candidate = Path(sys.prefix) / "share" / "jupyter" / "nbextensions" / folder / "index.js"
    return candidate if candidate.is_file() else None


def used_modules(nb) -> set[str]:
    """``_model_module`` names in the notebook's saved widget state."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    return {m.get("model_module") for m in state.values() if isinstance(m, dict)} - {None}


def module_sources(nb) -> dict[str, str]:
    """AMD source of every custom widget module the notebook uses (missing ones are reported)."""
    sources = {}
    for module in sorted(used_modules(nb)):
        if module.startswith("@jupyter-widgets/"):
            continue  # built into the html-manager
        folder = CUSTOM_MODULES.get(module)
        bundle = nbextension_bundle(folder) if folder else None
        if bundle is None:
            print(f"warning: no offline front-end for widget module {module!r}; its views will not render",
                  file=sys.stderr)
            continue
        sources[module] = _inline_js(bundle.read_text(encoding="utf-8"))
    return sources


# --------------------------------------------------------------------------- export


# --------------------------------------------------------------------------- Hangul without a system font

KOREAN_FONT = REPO / "nnlib" / "fonts" / "NanumGothic.ttf"  # SIL OFL 1.1, see nnlib/fonts/OFL.txt
HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
# JupyterLab's own font stacks, with the embedded Hangul font first: its unicode-range limits it to
# Hangul, so every other character is drawn exactly as in an English page.
_STACK = ("'nnlab Hangul', system-ui, -apple-system, blinkmacsystemfont, 'Segoe UI', helvetica, arial, "
          "sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji', 'Segoe UI Symbol'")


def hangul_font_css(nb) -> str:
    """CSS embedding NanumGothic cut down to the Hangul ``nb`` uses ("" if it uses none).

    A Korean chapter must not show empty boxes on a machine without a Korean font, and the export
    works offline, so the font travels inside the page: only the few hundred syllables the chapter
    uses (about 100 kB as WOFF), cut from nnlib's font with fontTools (matplotlib's dependency).
    """
    import io
    import logging

    from fontTools import subset

    used = sorted(set(HANGUL.findall(json.dumps(nb, ensure_ascii=False))))
    if not used:
        return ""
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "TSI0 NOT subset" notes
    options = subset.Options()
    options.flavor = "woff"  # zlib-compressed; woff2 would need brotli
    font = subset.load_font(str(KOREAN_FONT), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(used))
    subsetter.subset(font)
    data = io.BytesIO()
    subset.save_font(font, data, options)
    woff = base64.b64encode(data.getvalue()).decode("ascii")
    return ("@font-face { font-family: 'nnlab Hangul'; "
            f"src: url(data:font/woff;base64,{woff}) format('woff'); "
            "unicode-range: U+1100-11FF, U+3130-318F, U+AC00-D7A3; }\n"
            f":root {{ --jp-ui-font-family: {_STACK}; --jp-content-font-family: {_STACK}; "
            f"--jp-widgets-font-family: {_STACK}; }}")


def make_exporter():
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", extra_loaders=[DictLoader({"nnlab_offline.html.j2": TEMPLATE})])
    exporter.template_file = "nnlab_offline.html.j2"
    return exporter


def export_notebook(path: Path, out_dir: Path, exporter=None, vendor=None) -> Path:
    """Write ``out_dir/<stem>.html`` for the notebook at ``path``; return its path."""
    import nbformat

    exporter = exporter or make_exporter()
    vendor = vendor or load_vendor()
    nb = nbformat.read(path, as_version=4)
    has_widgets = WIDGET_STATE in nb.metadata.get("widgets", {})
    modules = module_sources(nb) if has_widgets else {}
    offline = {
        "require_js": vendor["require_js"],
        "embed_amd": vendor["embed_amd"] if has_widgets else "",
        # json.dumps output is a valid JS literal; "</" must not end the inline <script>.
        "modules_json": json.dumps(modules).replace("</", "<\\/"),
        "hangul_css": hangul_font_css(nb),
    }
    resources = {"metadata": {"name": path.stem, "path": str(path.parent)}, "nnlab_offline": offline}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{path.stem}.html"
    target.write_text(body, encoding="utf-8")
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help=f"notebooks to export (default: chapters/{CHAPTER_GLOB} and chapters/ko/{CHAPTER_GLOB})")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "html", help="output folder (default: build/html)")
    parser.add_argument("--refresh-vendor", action="store_true",
                        help="re-fetch scripts/vendor/*.xz with npm pack, then exit")
    args = parser.parse_args(argv)
    if args.refresh_vendor:
        refresh_vendor()
        return 0
    chapters = REPO / "chapters"
    notebooks = args.notebooks or sorted(chapters.glob(CHAPTER_GLOB)) + sorted((chapters / "ko").glob(CHAPTER_GLOB))
    if not notebooks:
        parser.error("no notebooks found")
    exporter = make_exporter()
    vendor = load_vendor()
    for nb_path in notebooks:
        start = time.perf_counter()
        # The Korean edition has the same file names: it goes to a folder of its own.
        out_dir = args.out / "ko" if Path(nb_path).resolve().parent.name == "ko" else args.out
        target = export_notebook(Path(nb_path), out_dir, exporter, vendor)
        print(f"{target}  {target.stat().st_size / 1e6:.1f} MB  {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
