"""A Voila server for browser tests: a chapter in "app mode" (outputs and widgets, no code).

Like :func:`helpers.start_lab`, the server listens on 127.0.0.1 only, requires a random token,
keeps all Jupyter state in a temporary folder and serves a temporary *copy* of the chapter.
It runs the README's app-mode command (``voila <chapter> --strip_sources=True --theme=light``)
plus the test-only flags (address, port, token, no browser).

Usage in a test module::

    from voila_server import voila_app, voila_page  # noqa: F401  (pytest fixtures)

    @pytest.mark.parametrize("voila_app", ["01_artificial_neuron.ipynb"], indirect=True)
    def test_something(voila_page, voila_app): ...

``voila_page`` is a Playwright page already showing the rendered chapter (all cells executed,
every widget view rendered); it uses the session ``browser`` fixture from ``conftest.py``.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import ARTIFACTS_DIR, CHAPTERS_DIR, _free_port, artifact_name, stop_lab, unavailable

VOILA_START_TIMEOUT = 90  # s until the port answers
RENDER_TIMEOUT = 300_000  # ms: Voila executes every cell before the page is complete

#: The README's app-mode flags (kept here so the test proves that exact command works).
APP_MODE_FLAGS = ["--strip_sources=True", "--theme=light"]


@dataclass
class Voila:
    """A running Voila server (see :func:`start_voila`)."""

    url: str          # e.g. http://127.0.0.1:41234 (no trailing slash)
    token: str
    notebook: Path
    process: subprocess.Popen
    log_path: Path
    startup_seconds: float = 0.0

    @property
    def app_url(self) -> str:
        return f"{self.url}/?token={self.token}"

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def voila_executable() -> list[str] | None:
    """The command prefix that runs this interpreter's Voila, or None if it is not installed."""
    try:
        import voila  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-m", "voila"]


def start_voila(notebook: Path, workdir: Path, timeout: float = VOILA_START_TIMEOUT) -> Voila:
    """Serve a copy of ``notebook`` with Voila on 127.0.0.1 with a random token.

    Raises
    ------
    RuntimeError
        With the log tail if Voila exits or its port does not answer within ``timeout`` seconds.
    """
    prefix = voila_executable()
    if prefix is None:
        raise RuntimeError("voila is not installed (pip install voila)")
    root = workdir / "app"
    root.mkdir(parents=True, exist_ok=True)
    served = Path(shutil.copy2(notebook, root / notebook.name))
    dirs = {name: workdir / name for name in ("config", "data", "runtime")}
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(dirs["config"]),
        JUPYTER_DATA_DIR=str(dirs["data"]),
        JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
        PYTHONHASHSEED="0",
    )
    token = secrets.token_hex(24)
    port = _free_port()
    command = [*prefix, served.name, *APP_MODE_FLAGS,
               "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}", f"--Voila.token={token}",
               "--show_tracebacks=True"]
    log_path = workdir / "voila.log"
    log = open(log_path, "wb")
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    server = Voila(f"http://127.0.0.1:{port}", token, served, process, log_path)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"voila exited with code {process.returncode}:\n{server.log_tail()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            stop_lab(server)
            raise RuntimeError(f"voila did not answer on port {port} within {timeout} s:\n{server.log_tail()}")
        time.sleep(0.25)
    server.startup_seconds = time.perf_counter() - start
    return server


@pytest.fixture(scope="module")
def voila_app(request, tmp_path_factory):
    """A Voila server for the chapter named by ``request.param`` (indirect parametrisation)."""
    name = getattr(request, "param", "01_artificial_neuron.ipynb")
    workdir = tmp_path_factory.mktemp("voila")
    try:
        server = start_voila(CHAPTERS_DIR / name, workdir)
    except Exception as exc:  # noqa: BLE001 - any failure to start is reported the same way
        unavailable(f"Voila could not start: {exc}")
    print(f"\nVoila ready in {server.startup_seconds:.1f} s at {server.url} serving {name}")
    yield server
    stop_lab(server)  # SIGTERM, then SIGKILL to the process group (server and kernel)


@pytest.fixture()
def voila_page(browser, voila_app, request):
    """A page showing the app: waits until Voila has executed the notebook and rendered widgets."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(voila_app.app_url, timeout=RENDER_TIMEOUT)
    try:
        # Voila 0.5 renders the executed cells, then each widget view appears in place.
        page.wait_for_function(
            "() => document.querySelector('.jupyter-widgets') !== null"
            " && !document.body.innerText.includes('Executing')",
            timeout=RENDER_TIMEOUT)
    except Exception as exc:  # noqa: BLE001
        raise AssertionError(f"the Voila app did not render widgets: {exc}\nVoila log:\n{voila_app.log_tail()}") from None
    page.nnlab_render_seconds = time.perf_counter() - start
    yield page
    failed = any(getattr(request.node, f"nnlab_report_{w}", None) is not None
                 and getattr(request.node, f"nnlab_report_{w}").failed for w in ("setup", "call"))
    if failed:
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        try:
            page.screenshot(path=str(ARTIFACTS_DIR / f"{artifact_name(request.node.nodeid)}.png"), full_page=True)
        except Exception as exc:  # noqa: BLE001
            print(f"screenshot failed: {exc}")
        print(f"Voila log:\n{voila_app.log_tail()}")
    context.close()
