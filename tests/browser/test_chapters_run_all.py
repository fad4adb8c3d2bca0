"""Every chapter, opened in JupyterLab and run top to bottom in a real browser.

nbval proves the kernel side; this proves the learner's side: the front-end extensions
(ipywidgets, ipympl, anywidget) are installed and every widget view renders, and no cell
shows an exception in JupyterLab.
"""

from __future__ import annotations

import pytest

from helpers import (
    CHAPTER_GLOB,
    CHAPTERS_DIR,
    assert_no_error_outputs,
    assert_widgets_rendered,
    notebook_has_widget_outputs,
    open_notebook,
    run_all,
)

CHAPTERS = sorted(CHAPTERS_DIR.glob(CHAPTER_GLOB))


@pytest.mark.slow
@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_chapter_runs_in_jupyterlab(page, lab, path):
    open_notebook(page, lab, path.name)
    run_all(page)
    assert_no_error_outputs(page)
    assert_widgets_rendered(page, expect_widgets=notebook_has_widget_outputs(path))
