"""Helpers for browser tests: drive the course's widgets in a real JupyterLab + Chromium.

The fixtures in ``conftest.py`` give every browser test

- ``lab``: a running JupyterLab (a :class:`Lab`) serving a temporary *copy* of the chapters,
  so nothing a test does (or JupyterLab autosaves) can touch the repository;
- ``page``: a fresh Playwright page (``playwright.sync_api.Page``) in headless Chromium.

A typical widget test (the CSS classes follow CONTRIBUTING.md: ``nnlab-<widget>-<control>``)::

    from helpers import open_notebook, run_all, set_slider, readout_text, measure_update, record_latency

    def test_neuron_weight_slider(page, lab):
        open_notebook(page, lab, "01_artificial_neuron.ipynb")
        run_all(page)
        before = readout_text(page, "nnlab-neuron-readout")
        ms = measure_update(page, lambda: set_slider(page, "nnlab-neuron-w1", 0.5), "nnlab-neuron-readout")
        record_latency("01", "neuron", "w1", ms)
        assert readout_text(page, "nnlab-neuron-readout") != before

Every helper raises ``AssertionError`` (or Playwright's ``TimeoutError``) with a message that
says what was expected; ``conftest.py`` saves a screenshot of the page of any failed test to
``test-artifacts/<test name>.png``.

Widget-callback exceptions are NOT shown in cell outputs (ipykernel sends them to JupyterLab's
log console), so a test must check the *readout* changed to the expected text, not merely that
no error appeared.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
#: The chapters served by the ``lab`` fixture (a copy is served). Override to test the harness.
CHAPTERS_DIR = Path(os.environ.get("NNLAB_CHAPTERS_DIR", REPO / "chapters")).resolve()
CHAPTER_GLOB = "[0-9][0-9]_*.ipynb"
ARTIFACTS_DIR = REPO / "test-artifacts"
LATENCY_FILE = REPO / "build" / "browser-latency.json"

#: Chromium flags: no sandbox (CI runs as root), no GPU, /tmp instead of a small /dev/shm, and
#: nothing that phones home (updates, sync, QUIC), since CI has no internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]

#: JupyterLab user settings for the test server (written to a temporary
#: JUPYTERLAB_SETTINGS_DIR).  Why each one:
#: - autosave off: the served copy should stay as the test left it, and saves cost time;
#: - news and update checks off: no network in CI, and their toast would cover widgets;
#: - extension manager off: it queries PyPI and shows a warning banner;
#: - windowingMode "none": every cell is in the DOM, so a query for error outputs or widgets
#:   sees the whole notebook and not only what is scrolled into view.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": True,
    },
    "@jupyterlab/extensionmanager-extension/plugin": {"enabled": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
}

LAB_START_TIMEOUT = 120  # seconds: a cold JupyterLab on 2 busy cores can take ~20 s
KERNEL_TIMEOUT = 60_000  # ms: kernel start / idle
RUN_ALL_TIMEOUT = 600_000  # ms: the slowest chapter (digits) trains a small network


# --------------------------------------------------------------------------- environment


def in_ci() -> bool:
    """True when the ``CI`` environment variable is set to anything but ""/0/false."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(reason: str):
    """Skip the test locally, but FAIL it in CI, where a missing browser is a broken setup."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)", pytrace=False)
    pytest.skip(reason)


def find_chromium() -> str | None:
    """Path of the Chromium binary: ``$NNLAB_CHROMIUM``, else ``/usr/bin/chromium``, else None."""
    candidate = os.environ.get("NNLAB_CHROMIUM") or "/usr/bin/chromium"
    return candidate if os.path.isfile(candidate) and os.access(candidate, os.X_OK) else None


# --------------------------------------------------------------------------- JupyterLab server


@dataclass
class Lab:
    """A JupyterLab server started by :func:`start_lab`.

    Attributes
    ----------
    url : str
        Base URL, e.g. ``http://127.0.0.1:41234`` (no trailing slash).
    token : str
        The random token the server requires (authentication is never disabled).
    root : pathlib.Path
        The served folder (a temporary copy of the chapters); tests may add notebooks here.
    startup_seconds : float
        Wall time from launching the process until ``/api/status`` answered.
    """

    url: str
    token: str
    root: Path
    process: subprocess.Popen
    log_path: Path
    startup_seconds: float = 0.0
    extra: dict = field(default_factory=dict)

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the server's log (for failure messages)."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_chapters(source: Path, root: Path) -> Path:
    """Copy the chapters folder (notebooks and any data files beside them) to ``root``."""
    if source.is_dir():
        shutil.copytree(source, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    else:
        root.mkdir(parents=True)
    return root


def start_lab(root: Path, workdir: Path, timeout: float = LAB_START_TIMEOUT) -> Lab:
    """Start ``python -m jupyter lab`` serving ``root``; wait until ``/api/status`` answers.

    All Jupyter state (config, data, runtime, lab settings, workspaces) lives in ``workdir``, so
    the user's own settings and kernelspecs cannot change the test, and nothing is left behind.
    The ``python3`` kernel is this interpreter's ipykernel.

    Raises
    ------
    RuntimeError
        With the server's log tail if it exits or does not answer within ``timeout`` seconds.
    """
    token = secrets.token_hex(24)
    port = _free_port()
    dirs = {name: workdir / name for name in ("config", "data", "runtime", "settings", "workspaces")}
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    for plugin, values in LAB_SETTINGS.items():
        path = dirs["settings"] / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values, indent=2))
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(dirs["config"]),
        JUPYTER_DATA_DIR=str(dirs["data"]),
        JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
        JUPYTERLAB_SETTINGS_DIR=str(dirs["settings"]),
        JUPYTERLAB_WORKSPACES_DIR=str(dirs["workspaces"]),
        PYTHONHASHSEED="0",
    )
    command = [
        sys.executable, "-m", "jupyter", "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.terminals_enabled=False",
        # window.jupyterapp lets run_all/wait_kernel_idle use JupyterLab's own API
        # instead of clicking through menus.
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # CI containers run as root; the server is loopback-only
    log_path = workdir / "jupyterlab.log"
    log = open(log_path, "wb")
    start = time.perf_counter()
    # Own process group, so teardown can stop the server *and* the kernels it started.
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    log.close()
    lab = Lab(f"http://127.0.0.1:{port}", token, root, process, log_path)
    deadline = start + timeout
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with code {process.returncode}:\n{lab.log_tail()}")
        request = urllib.request.Request(f"{lab.url}/api/status", headers={"Authorization": f"token {token}"})
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    lab.startup_seconds = time.perf_counter() - start
                    return lab
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.25)
    stop_lab(lab)
    raise RuntimeError(f"JupyterLab did not answer /api/status within {timeout:.0f} s:\n{lab.log_tail()}")


def stop_lab(lab: Lab, grace: float = 10.0) -> None:
    """Stop the server (SIGTERM lets it shut its kernels down), then SIGKILL its process group."""
    process = lab.process
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # the group we created: server and its kernels
    except (ProcessLookupError, PermissionError):
        pass
    process.wait(timeout=grace)


# --------------------------------------------------------------------------- notebook level

_KERNEL_IDLE_JS = """
() => {
    const app = window.jupyterapp;
    const panel = app && app.shell.currentWidget;
    const ctx = panel && panel.sessionContext;
    if (ctx) {
        return !ctx.isDisposed && !!ctx.session && !!ctx.session.kernel
            && ctx.kernelDisplayStatus === 'idle';
    }
    const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
    return !!indicator && indicator.getAttribute('data-status') === 'idle';
}
"""

_CELLS_PENDING_JS = """
() => [...document.querySelectorAll('.jp-Notebook .jp-InputArea-prompt')]
        .some(p => p.textContent.includes('*'))
"""


def wait_kernel_idle(page, timeout: float = KERNEL_TIMEOUT) -> None:
    """Wait (``timeout`` ms) until the current notebook's kernel exists and is idle.

    Uses ``window.jupyterapp`` (exposed by the ``lab`` fixture) and falls back to the toolbar's
    execution indicator.  Also waits until no cell prompt shows ``[*]`` (queued/running).
    """
    page.wait_for_function(_KERNEL_IDLE_JS, timeout=timeout)
    page.wait_for_function(f"() => !({_CELLS_PENDING_JS})()", timeout=timeout)


def open_notebook(page, lab: Lab, name: str, timeout: float = KERNEL_TIMEOUT) -> None:
    """Open ``name`` (relative to ``lab.root``) in a fresh workspace and wait for an idle kernel.

    The URL is ``<lab>/lab/tree/<name>?reset&token=<token>``: ``reset`` discards any saved
    layout so exactly this notebook is open; the token logs the page in.

    Raises
    ------
    AssertionError
        If a dialog (e.g. "Select Kernel", "File load error") appears instead of the notebook.
    """
    page.goto(f"{lab.url}/lab/tree/{name}?reset&token={lab.token}", wait_until="domcontentloaded")
    page.wait_for_function(
        """(name) => {
            const app = window.jupyterapp;
            const w = app && app.shell && app.shell.currentWidget;
            return (w && w.context && w.context.path === name && w.sessionContext)
                || document.querySelector('.jp-Dialog');
        }""",
        arg=name,
        timeout=timeout,
    )
    dialog = page.locator(".jp-Dialog")
    if dialog.count():
        raise AssertionError(f"a dialog appeared while opening {name}: {dialog.first.inner_text()!r}")
    page.wait_for_function("() => window.jupyterapp.shell.currentWidget.context.isReady", timeout=timeout)
    wait_kernel_idle(page, timeout)


def run_all(page, timeout: float = RUN_ALL_TIMEOUT) -> None:
    """Run > Run All Cells on the current notebook and wait until every cell has finished.

    Calls JupyterLab's own command ``notebook:run-all-cells`` through ``window.jupyterapp``
    (the menu is the fallback), waits for its promise (it resolves when the last cell has run),
    then for an idle kernel and for widget views that are still loading.
    """
    has_app = page.evaluate("() => !!(window.jupyterapp && window.jupyterapp.commands)")
    if has_app:
        page.evaluate(
            """() => {
                window.__nnlabRunAll = null;
                window.jupyterapp.commands.execute('notebook:run-all-cells')
                    .then(ok => { window.__nnlabRunAll = {ok: ok}; },
                          err => { window.__nnlabRunAll = {ok: false, error: String(err)}; });
            }"""
        )
        page.wait_for_function("() => window.__nnlabRunAll !== null", timeout=timeout)
    else:  # pragma: no cover - only if JupyterLab stops exposing the app
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    wait_kernel_idle(page, timeout)
    wait_widgets_settled(page)


def wait_widgets_settled(page, timeout: float = 30_000) -> None:
    """Wait until no widget output still says "Loading widget..." (views render asynchronously)."""
    page.wait_for_function(
        """() => ![...document.querySelectorAll('.jp-OutputArea-output')]
                    .some(o => o.textContent.includes('Loading widget...'))""",
        timeout=timeout,
    )


#: Error outputs as JupyterLab renders them: exceptions (``output_type: error``) and
#: tracebacks printed to stderr.  Plain stderr (warnings, tqdm) is not an error.
_ERROR_OUTPUTS_JS = """
() => {
    const found = [];
    const describe = (el) => {
        const cell = el.closest('.jp-Cell');
        const cells = [...document.querySelectorAll('.jp-Notebook .jp-Cell')];
        return {cell: cells.indexOf(cell), text: el.textContent.slice(0, 500)};
    };
    document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"],'
                              + ' .jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]')
        .forEach(el => found.push(describe(el)));
    document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        .forEach(el => { if (el.textContent.includes('Traceback (most recent call last)')) found.push(describe(el)); });
    // The same error can match both selectors (output wrapper and rendered text): dedupe.
    const seen = new Set();
    return found.filter(f => { const k = f.cell + f.text; if (seen.has(k)) return false; seen.add(k); return true; });
}
"""


def error_outputs(page) -> list[dict]:
    """``[{"cell": index, "text": first 500 chars}, ...]`` for every error output on the page."""
    return page.evaluate(_ERROR_OUTPUTS_JS)


def assert_no_error_outputs(page) -> None:
    """Fail, naming the cells, if any cell shows an exception or a traceback on stderr."""
    errors = error_outputs(page)
    assert not errors, "error outputs in the notebook:\n" + "\n".join(f"cell {e['cell']}: {e['text']}" for e in errors)


def assert_widgets_rendered(page, expect_widgets: bool) -> int:
    """Check widget outputs rendered; return the number of widget views on the page.

    Fails on any "Error displaying widget" text (a view whose model is missing or whose
    front-end extension, e.g. ipympl or anywidget, is not installed), and when
    ``expect_widgets`` is true but no ``.jupyter-widgets`` view is on the page.
    """
    broken = page.locator(".jp-OutputArea-output", has_text="Error displaying widget")
    if broken.count():
        raise AssertionError(f"{broken.count()} widget output(s) failed: {broken.first.inner_text()[:300]!r}")
    views = page.locator(".jp-OutputArea-output .jupyter-widgets").count()
    if expect_widgets:
        assert views > 0, "the notebook has widget outputs but no widget view rendered"
    return views


def notebook_has_widget_outputs(path: Path) -> bool:
    """True if the stored notebook at ``path`` has at least one ipywidgets view output."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    return any(
        "application/vnd.jupyter.widget-view+json" in out.get("data", {})
        for cell in nb.get("cells", [])
        for out in cell.get("outputs", [])
    )


# --------------------------------------------------------------------------- widget level


def widget(page, css_class: str, nth: int = 0):
    """Locator of the ``nth`` element carrying ``css_class`` (set with ``widget.add_class``).

    ipywidgets puts the class on the widget's outermost element: for a slider the
    ``.widget-slider`` box (holding label, track and readout), for a button the ``<button>``,
    for a Dropdown the ``.widget-dropdown`` box around its ``<select>``, for HTML the
    ``.widget-html`` box.  ``nth`` picks among several matches (first by default).
    """
    return page.locator(f".{css_class}").nth(nth)


def set_slider(page, css_class: str, value, nth: int = 0, via: str = "auto") -> None:
    """Move the ipywidgets slider with class ``css_class`` to ``value`` like a user would.

    ipywidgets 8 sliders are noUiSlider tracks plus an editable readout.  Two ways:

    - ``via="readout"``: click the readout (a ``contenteditable`` ``.widget-readout``), select
      its text, type ``value``, press Enter: one exact change, one kernel round trip;
    - ``via="keys"``: focus the ``.noUi-handle`` and press ArrowRight/ArrowLeft one step at a
      time (the step is measured with the first press from ``aria-valuenow``); one change per
      press, as when a learner uses the keyboard.  ``value`` must be reachable in steps.

    ``via="auto"`` uses the readout when the slider shows one (``readout=True``), else keys.
    For a ``SelectionSlider`` use keys and pass the option *index* as ``value``.
    """
    root = widget(page, css_class, nth)
    root.wait_for(state="visible")
    readout = root.locator(".widget-readout")
    use_readout = via == "readout" or (via == "auto" and readout.count() and readout.first.is_visible())
    if use_readout:
        readout.first.click()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type(str(value))
        page.keyboard.press("Enter")
        return
    handle = root.locator(".noUi-handle").first
    handle.focus()

    def now():
        return float(handle.get_attribute("aria-valuenow"))

    target, current = float(value), now()
    if abs(target - current) < 1e-12:
        return
    key = "ArrowRight" if target > current else "ArrowLeft"
    handle.press(key)
    step = abs(now() - current)
    if step == 0:
        raise AssertionError(f"slider .{css_class} did not move on {key} (at its limit?)")
    for _ in range(int(round(abs(target - now()) / step))):
        handle.press(key)
    assert abs(now() - target) <= step / 2 + 1e-9, f"slider .{css_class} at {now()}, wanted {target}"


def select_dropdown(page, css_class: str, label: str, nth: int = 0) -> None:
    """Choose the option shown as ``label`` in the ipywidgets Dropdown with class ``css_class``."""
    widget(page, css_class, nth).locator("select").select_option(label=label)


def click_button(page, css_class: str, nth: int = 0) -> None:
    """Click the ipywidgets Button with class ``css_class`` (the class is on the ``<button>``)."""
    widget(page, css_class, nth).click()


def html_text(markup: str) -> str:
    """The visible text of a readout's HTML (tags dropped, entities decoded, whitespace collapsed),
    comparable with ``readout_text`` of the rendered widget."""
    import html as _html

    # Line breaks and block or table-cell boundaries separate words; inline tags (<b>) do not.
    text = re.sub(r"<br\s*/?>|</?(?:div|p|tr|td|th|li|table|h\d)\b[^>]*>", " ", markup)
    text = _html.unescape(re.sub(r"<[^>]+>", "", text))
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def wait_until(page, predicate, timeout: float = 30.0, what: str = "condition"):
    """Poll ``predicate()`` (Python side) every 150 ms until it returns something truthy.

    For conditions Playwright cannot express as one ``wait_for_function``, e.g. "the readout
    equals what the pure function computes". Raises ``AssertionError`` naming ``what``.
    """
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        page.wait_for_timeout(150)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


_CANVAS_HASH_JS = """
(sel) => {
    const root = document.querySelector(sel);
    if (!root) return null;
    let h = 0;
    for (const c of root.querySelectorAll('canvas')) {
        const s = c.toDataURL();
        for (let i = 0; i < s.length; i += 7) h = (h * 31 + s.charCodeAt(i)) | 0;
    }
    return h;
}
"""


def canvas_hash(page, css_class: str):
    """A hash of the pixels of every ``<canvas>`` inside ``.<css_class>`` (None if absent)."""
    return page.evaluate(_CANVAS_HASH_JS, f".{css_class}")


def wait_canvas_changed(page, css_class: str, before, timeout: float = 15_000) -> None:
    """Wait until :func:`canvas_hash` of ``.<css_class>`` differs from ``before``: the picture
    was redrawn in the browser, not only the kernel's readout."""
    page.wait_for_function(f"(args) => ({_CANVAS_HASH_JS})(args[0]) !== args[1]",
                           arg=[f".{css_class}", before], timeout=timeout)


def readout_text(page, css_class: str, nth: int = 0) -> str:
    """Visible text of the readout (an ``ipywidgets.HTML``, or any widget) with ``css_class``."""
    return widget(page, css_class, nth).inner_text().strip()


_WATCH_JS = """
(sel) => {
    const el = document.querySelector(sel);
    if (!el) throw new Error('no element matches ' + sel);
    const old = el.textContent;
    const state = {old: old, start: performance.now(), lastInput: null, changedAt: null};
    const onInput = () => { if (state.changedAt === null) state.lastInput = performance.now(); };
    const events = ['keydown', 'click', 'change', 'input', 'pointerdown', 'pointerup'];
    events.forEach(t => document.addEventListener(t, onInput, true));
    const observer = new MutationObserver(() => {
        if (state.changedAt === null && el.textContent !== old) {
            state.changedAt = performance.now();
            observer.disconnect();
            events.forEach(t => document.removeEventListener(t, onInput, true));
        }
    });
    observer.observe(el, {subtree: true, childList: true, characterData: true, attributes: true});
    window.__nnlabWatch = state;
}
"""


def measure_update(page, action, css_class: str, timeout: float = 15_000) -> float:
    """Milliseconds from a user action until the text of ``.<css_class>`` (first match) changes.

    A ``MutationObserver`` stamps ``performance.now()`` at the first DOM change that alters
    the element's text.  The start is the *last* user input event (keydown, click, change,
    input, pointerdown, pointerup) the page saw before that change, so typing "0.5" then Enter
    into a slider readout measures from the Enter, i.e. the full browser -> kernel -> browser
    round trip of one update, without Playwright's own overhead. A drawing stroke measures from
    the pen going down (the pad sends its first picture then) unless the stroke ended first.

    Parameters
    ----------
    action : callable
        Performs the user action, e.g. ``lambda: set_slider(page, "nnlab-neuron-w1", 0.5)``.
    css_class : str
        Class of the readout whose text must change.

    Raises
    ------
    playwright.sync_api.TimeoutError
        If the text does not change within ``timeout`` ms.
    """
    return measure_update_at(page, action, f".{css_class}", timeout)


def measure_update_at(page, action, selector: str, timeout: float = 15_000) -> float:
    """:func:`measure_update` for the first element matching any CSS ``selector``."""
    page.evaluate(_WATCH_JS, selector)
    action()
    page.wait_for_function("() => window.__nnlabWatch.changedAt !== null", timeout=timeout)
    return page.evaluate(
        "() => { const s = window.__nnlabWatch; return s.changedAt - (s.lastInput === null ? s.start : s.lastInput); }"
    )


#: Latencies recorded during the session; conftest.py writes them to build/browser-latency.json.
LATENCIES: list[dict] = []


def record_latency(chapter: str, widget_name: str, control: str, ms: float, first: bool = False) -> None:
    """Keep one measured update latency (see :func:`measure_update`) for the session report.

    Written at the end of the session to ``build/browser-latency.json`` as a list of
    ``{"chapter", "widget", "control", "ms"}`` (plus ``"first": true`` for a widget's first
    move after Run All); timing *targets* are checked in ``bench/``, never asserted in tests
    (CI machines are shared and noisy).
    """
    record = {"chapter": str(chapter), "widget": widget_name, "control": control, "ms": round(float(ms), 1)}
    if first:
        record["first"] = True
    LATENCIES.append(record)


def write_latencies(path: Path = LATENCY_FILE) -> Path | None:
    """Write :data:`LATENCIES` to ``path`` (creating ``build/``); None if nothing was recorded."""
    if not LATENCIES:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(LATENCIES, indent=2) + "\n")
    return path


def artifact_name(nodeid: str) -> str:
    """A file-name-safe version of a pytest node id, for screenshots."""
    name = nodeid.split("::", 1)[-1] if "::" in nodeid else nodeid
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_")[:150]


# --------------------------------------------------------------------------- layout

#: Viewports a lecturer meets: a 1024×700 projector and a 1440×900 laptop.
VIEWPORTS = {"1024x700": {"width": 1024, "height": 700}, "1440x900": {"width": 1440, "height": 900}}


def open_file_browser(page) -> None:
    """Open JupyterLab's file browser in the left sidebar (the narrowest notebook column a
    learner normally has) and wait until the notebook has been laid out again."""
    page.evaluate("() => window.jupyterapp.shell.activateById('filebrowser')")
    page.wait_for_function("() => !window.jupyterapp.shell.leftCollapsed"
                           " && !!document.querySelector('.jp-FileBrowser')"
                           " && document.querySelector('.jp-FileBrowser').getBoundingClientRect().width > 100")
    page.wait_for_timeout(300)  # the notebook column re-flows after the sidebar's animation


_OVERFLOW_JS = """
() => {
    const panel = window.jupyterapp.shell.currentWidget.content.node;   // the notebook's scroller
    const box = panel.getBoundingClientRect();
    const left = box.left, right = box.left + panel.clientWidth;        // without its scrollbar
    const cells = [...panel.querySelectorAll('.jp-Cell')];
    const found = [];
    const check = (el, what) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) return;                     // not displayed
        if (r.left < left - 1 || r.right > right + 1) {
            found.push({cell: cells.indexOf(el.closest('.jp-Cell')), what: what,
                        left: Math.round(r.left), right: Math.round(r.right),
                        area: [Math.round(left), Math.round(right)]});
        }
    };
    panel.querySelectorAll('.nnlab-widget').forEach(el => check(el, 'widget'));
    panel.querySelectorAll('.nnlab-figure canvas:first-child').forEach(el => check(el, 'widget figure'));
    panel.querySelectorAll('.nnlab-widget [class*="-readout"].widget-html').forEach(el => check(el, 'readout'));
    panel.querySelectorAll('.nnlab-widget .widget-slider, .nnlab-widget button, .nnlab-widget select')
        .forEach(el => check(el, 'control'));
    panel.querySelectorAll('.jp-OutputArea-output img, .jp-OutputArea-output canvas')
        .forEach(el => check(el, 'output image'));
    return found;
}
"""


def layout_overflows(page) -> list[dict]:
    """Every widget, widget figure, readout, control and output image of the open notebook
    that does not lie inside the notebook's visible column horizontally (vertical position
    does not matter: the learner scrolls). ``[]`` when everything fits."""
    return page.evaluate(_OVERFLOW_JS)


def widget_geometry(page) -> list[dict]:
    """For each widget on the page: its figure's and readout's boxes (page pixels), so a test
    can check the readout sits beside or directly under its figure."""
    return page.evaluate("""() => [...document.querySelectorAll('.jp-Notebook .nnlab-widget')].map(el => {
        const box = e => { if (!e) return null; const r = e.getBoundingClientRect();
                           return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
        return {classes: el.className, figure: box(el.querySelector('.nnlab-figure canvas')),
                readout: box(el.querySelector('[class*="-readout"].widget-html'))};
    })""")


def screenshot_widgets(page, folder: Path, prefix: str) -> list[Path]:
    """Scroll each widget into view and save a screenshot of the window to
    ``folder/<prefix>-<k>.png``; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(page.locator(".jp-Notebook .nnlab-widget").count()):
        el = page.locator(".jp-Notebook .nnlab-widget").nth(k)
        el.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(150)
        path = folder / f"{prefix}-{k + 1}.png"
        page.screenshot(path=str(path))
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- many moves

_WIDGET_NAMES_JS = """() => [...document.querySelectorAll('.jp-Notebook .nnlab-widget')]
    .map(e => [...e.classList].find(c => c.startsWith('nnlab-') && c !== 'nnlab-widget'))"""


def exercise_widgets(page, chapter: str, moves: int = 32) -> dict:
    """Move every widget on the page ``moves`` times like a learner and record each latency.

    Each widget's ``Step`` button is clicked, or else its first slider is nudged one step with
    the arrow keys, back and forth; every move must change the widget's readout (the kernel
    answered). The first move of each widget is its first interaction after Run All and is
    recorded with ``first=True``. Widgets with neither (the drawing pad) are left alone.
    Returns ``{widget name: [ms, ...]}``.
    """
    measured = {}
    for k, name in enumerate(page.evaluate(_WIDGET_NAMES_JS)):
        short = name[len("nnlab-"):]
        root = page.locator(".jp-Notebook .nnlab-widget").nth(k)
        readout = root.locator(f".{name}-readout")
        if not readout.count():
            continue
        readout.first.evaluate("(e, k) => e.setAttribute('data-nnlab-watch', String(k))", k)
        selector = f'[data-nnlab-watch="{k}"]'
        step = root.locator(f".{name}-step")
        sliders = root.locator(f'.widget-slider[class*="{name}-"] .noUi-handle')
        if step.count():
            control, actions = "step", [step.first.click] * moves
        elif sliders.count():
            handle = sliders.first
            handle.scroll_into_view_if_needed()
            at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
            keys = ["ArrowLeft", "ArrowRight"] if at_max else ["ArrowRight", "ArrowLeft"]
            control = "slider keys"
            actions = [(lambda key: lambda: handle.press(key))(keys[i % 2]) for i in range(moves)]
        else:
            continue
        times = []
        for i, action in enumerate(actions):
            ms = measure_update_at(page, action, selector)
            record_latency(chapter, short, control, ms, first=(i == 0))
            times.append(ms)
        measured[short] = times
    return measured
