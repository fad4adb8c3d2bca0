"""Fixtures for the browser tests: one JupyterLab and one headless Chromium per session.

- ``lab``: JupyterLab on 127.0.0.1 with a random token, serving a temporary copy of the
  chapters (``$NNLAB_CHAPTERS_DIR`` or ``chapters/``) with autosave, news and the extension
  manager off; stopped (with its kernels) at the end of the session.
- ``browser``: Playwright's Chromium API driving Debian's Chromium (``$NNLAB_CHROMIUM`` or
  ``/usr/bin/chromium``); Playwright's own browser downloads are never used.
- ``page``: a new browser context and page per test; a screenshot of it is saved to
  ``test-artifacts/<test>.png`` when the test fails.

Without Chromium or Playwright, or if JupyterLab cannot start, the tests are skipped with the
reason, except in CI (``CI`` set), where they fail: CI must prove the widgets work.

All browser tests get the ``browser`` marker (deselect with ``-m "not browser"``) and run
after every other test: Playwright's sync API keeps its own event loop for the whole session,
which must not be alive while nbclient/nbval run kernels in the same process.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from helpers import (
    ARTIFACTS_DIR,
    CHAPTERS_DIR,
    CHROMIUM_ARGS,
    artifact_name,
    copy_chapters,
    find_chromium,
    start_lab,
    stop_lab,
    unavailable,
    write_latencies,
)

HERE = Path(__file__).resolve().parent


def _is_browser_item(item) -> bool:
    return HERE in Path(str(item.path)).resolve().parents


def pytest_collection_modifyitems(config, items):
    """Mark tests in this folder ``browser`` and move them to the end of the run."""
    browser_items = [item for item in items if _is_browser_item(item)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    others = [item for item in items if not _is_browser_item(item)]
    items[:] = others + browser_items


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's report on the item, so the ``page`` fixture knows about failures."""
    report = yield
    setattr(item, f"nnlab_report_{report.when}", report)
    return report


def pytest_sessionfinish(session, exitstatus):
    path = write_latencies()
    if path is not None:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"browser latencies written to {path}")


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """A running JupyterLab (see :class:`helpers.Lab`) serving a copy of the chapters."""
    workdir = tmp_path_factory.mktemp("jupyterlab")
    root = copy_chapters(CHAPTERS_DIR, workdir / "chapters")
    try:
        server = start_lab(root, workdir / "jupyter")
    except Exception as exc:  # noqa: BLE001 - any failure to start is reported the same way
        unavailable(f"JupyterLab could not start: {exc}")
    print(f"\nJupyterLab ready in {server.startup_seconds:.1f} s at {server.url} serving {root}")
    yield server
    stop_lab(server)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (one per session)."""
    executable = find_chromium()
    if executable is None:
        unavailable(
            "Chromium not found: install it (Debian/Ubuntu: apt-get install chromium) "
            "or set NNLAB_CHROMIUM to its path"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright Python package is not installed (pip install -r requirements-dev.txt)")
    playwright = sync_playwright().start()
    start = time.perf_counter()
    try:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
    except Exception as exc:  # noqa: BLE001
        playwright.stop()
        unavailable(f"Chromium at {executable} could not be started by Playwright: {exc}")
    print(f"\nChromium {chromium.version} started in {time.perf_counter() - start:.1f} s")
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture()
def page(browser, lab, request):
    """A fresh page (own context: no cookies or storage shared between tests)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    failed = any(
        getattr(request.node, f"nnlab_report_{when}", None) is not None
        and getattr(request.node, f"nnlab_report_{when}").failed
        for when in ("setup", "call")
    )
    if failed:
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        try:
            page.screenshot(path=str(ARTIFACTS_DIR / f"{artifact_name(request.node.nodeid)}.png"), full_page=True)
        except Exception as exc:  # noqa: BLE001 - a failed screenshot must not hide the failure
            print(f"screenshot failed: {exc}")
    context.close()
