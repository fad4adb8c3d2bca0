"""Checks on the chapters *as stored in git*: no kernel is started here.

Strict nbval (configured in pyproject.toml) proves that a fresh run reproduces the stored
outputs.  These tests guard what nbval cannot see: that the stored files were produced by
``scripts/run_notebooks.py`` (not saved by hand from a half-run JupyterLab session), that they
are small enough for git and GitHub's renderer, that they do not leak the author's machine, and
that every widget cell opts out of output comparison *with a reason*.

``NNLAB_CHAPTERS_DIR`` points these tests at another folder of chapters (used to test the
harness itself); by default they read the repository's ``chapters/``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
CHAPTERS = Path(os.environ.get("NNLAB_CHAPTERS_DIR", REPO / "chapters")).resolve()
CHAPTER_GLOB = "[0-9][0-9]_*.ipynb"
CHAPTER_PATHS = sorted(CHAPTERS.glob(CHAPTER_GLOB))
# The Korean edition (built by scripts/translate.py, executed by run_notebooks.py) obeys the same rules.
KOREAN_PATHS = sorted((CHAPTERS / "ko").glob(CHAPTER_GLOB))
STORED_PATHS = CHAPTER_PATHS + KOREAN_PATHS

MARKER = "scripts/run_notebooks.py"
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE_KEY = "application/vnd.jupyter.widget-state+json"
MAX_OUTPUT_BYTES = 1_500_000  # one output: a PNG this big is a figure that should be smaller
MAX_NOTEBOOK_BYTES = 5_000_000  # a whole notebook: keeps clones fast and GitHub able to render
# Paths that only exist on the machine of whoever executed the notebook.
AUTHOR_PATHS = re.compile(r"/work/|/home/|/root/|/tmp/|[A-Za-z]:\\\\?Users", re.IGNORECASE)
# Outputs scanned for paths: text only.  Base64 images are skipped (their alphabet contains
# "/" and letters, so "/tmp/" can occur by chance in a large PNG).
TEXT_MIME = re.compile(r"^(text/|application/(json|javascript)$)")
# nbval only honours a marker comment that is *exactly* "# NBVAL_IGNORE_OUTPUT".
NBVAL_IGNORE = "NBVAL_IGNORE_OUTPUT"


def _ids(paths):
    return [str(p.relative_to(CHAPTERS)) for p in paths]


def _load(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _code_cells(nb):
    return [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]


def test_chapters_found_and_numbered_contiguously_from_00():
    assert CHAPTER_PATHS, f"no chapters found in {CHAPTERS} (expected {CHAPTER_GLOB})"
    numbers = [int(p.name[:2]) for p in CHAPTER_PATHS]
    assert numbers == list(range(len(numbers))), (
        f"chapters must be numbered 00, 01, ... without gaps or duplicates; found {numbers} "
        f"({', '.join(_ids(CHAPTER_PATHS))})"
    )


chapter = pytest.mark.parametrize("path", STORED_PATHS, ids=_ids(STORED_PATHS))


@chapter
def test_stored_by_run_notebooks_script(path):
    nb = _load(path)
    executed_by = nb.metadata.get("nnlab", {}).get("executed_by")
    assert executed_by == MARKER, (
        f"{path.name} was not stored by {MARKER} (metadata.nnlab.executed_by = {executed_by!r}); "
        f"refresh it with `python scripts/run_notebooks.py chapters/{path.relative_to(CHAPTERS)}`"
    )


@chapter
def test_execution_counts_are_1_to_n(path):
    nb = _load(path)
    counts, missing = [], []
    for index, cell in _code_cells(nb):
        if not cell.source.strip():
            continue
        if cell.execution_count is None:
            missing.append(index)
        else:
            counts.append(cell.execution_count)
    assert not missing, f"{path.name}: code cells {missing} were not executed"
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts} are not 1..{len(counts)} in order "
        "(cells were re-run by hand?)"
    )


@chapter
def test_no_stored_errors(path):
    nb = _load(path)
    errors = [
        f"cell {index}: {out.get('ename')}: {out.get('evalue')}"
        for index, cell in _code_cells(nb)
        for out in cell.outputs
        if out.output_type == "error"
    ]
    stderr_tracebacks = [
        f"cell {index}: traceback printed to stderr"
        for index, cell in _code_cells(nb)
        for out in cell.outputs
        if out.output_type == "stream" and out.name == "stderr" and "Traceback (most recent call last)" in out.text
    ]
    assert not errors + stderr_tracebacks, f"{path.name} stores errors: {errors + stderr_tracebacks}"


def _text_fragments(nb):
    """(where, text) for every source and every *textual* output of ``nb``."""
    for index, cell in enumerate(nb.cells):
        yield f"cell {index} source", cell.source
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                yield f"cell {index} {out.name}", out.text
            elif out.output_type == "error":
                yield f"cell {index} traceback", "\n".join(out.get("traceback", [])) + out.get("evalue", "")
            else:
                for mime, data in out.get("data", {}).items():
                    if TEXT_MIME.match(mime):
                        yield f"cell {index} {mime}", data if isinstance(data, str) else json.dumps(data)


@chapter
def test_no_author_machine_paths(path):
    nb = _load(path)
    leaks = []
    for where, text in _text_fragments(nb):
        for match in AUTHOR_PATHS.finditer(text):
            start = max(match.start() - 30, 0)
            leaks.append(f"{where}: ...{text[start:match.end() + 30]!r}...")
    assert not leaks, f"{path.name} contains paths of the author's machine:\n" + "\n".join(leaks[:10])


@chapter
def test_sizes(path):
    size = path.stat().st_size
    assert size < MAX_NOTEBOOK_BYTES, f"{path.name} is {size / 1e6:.1f} MB (limit {MAX_NOTEBOOK_BYTES / 1e6:.0f} MB)"
    nb = _load(path)
    big = [
        f"cell {index} output {k}: {n / 1e6:.2f} MB"
        for index, cell in _code_cells(nb)
        for k, out in enumerate(cell.outputs)
        if (n := len(json.dumps(out))) > MAX_OUTPUT_BYTES
    ]
    assert not big, f"{path.name} has outputs over {MAX_OUTPUT_BYTES / 1e6} MB (smaller dpi/figsize?): {big}"


def ignore_marker_problems(source: str) -> tuple[int, list[str]]:
    """Count well-formed ``# NBVAL_IGNORE_OUTPUT`` markers in ``source`` and list bad ones.

    Well formed: a line that is exactly ``# NBVAL_IGNORE_OUTPUT`` (the only form nbval
    recognises) followed by a comment line giving the reason.  Text after the marker on the
    same line is reported as a problem because nbval then silently ignores the marker and
    compares the (volatile) output after all.

    Examples
    --------
    >>> ignore_marker_problems("# NBVAL_IGNORE_OUTPUT\\n# live widget: model ids differ\\nw")
    (1, [])
    >>> ignore_marker_problems("# NBVAL_IGNORE_OUTPUT\\nw")[1]
    ['line 1: no reason given (put it in a comment on the next line)']
    """
    lines = source.splitlines()
    good, problems = 0, []
    for number, line in enumerate(lines, start=1):
        if NBVAL_IGNORE not in line:
            continue
        stripped = line.strip()
        if stripped.lstrip("#").strip() != NBVAL_IGNORE or not stripped.startswith("#"):
            problems.append(
                f"line {number}: {line.strip()!r} is not recognised by nbval; the line must be exactly "
                f"'# {NBVAL_IGNORE}' with the reason in a comment on the next line"
            )
            continue
        following = lines[number].strip() if number < len(lines) else ""
        if not (following.startswith("#") and len(following.lstrip("#").strip()) >= 3):
            problems.append(f"line {number}: no reason given (put it in a comment on the next line)")
            continue
        good += 1
    return good, problems


@chapter
def test_nbval_ignore_markers_have_reasons(path):
    nb = _load(path)
    total, problems = 0, []
    for index, cell in _code_cells(nb):
        good, bad = ignore_marker_problems(cell.source)
        total += good
        problems += [f"cell {index} {p}" for p in bad]
    assert not problems, f"{path.name}:\n" + "\n".join(problems)
    assert total >= 1, (
        f"{path.name} has no '# {NBVAL_IGNORE}' cell; every chapter shows at least one widget or "
        "volatile output, which must be marked (with the reason on the next line)"
    )


@chapter
def test_widget_state_stored(path):
    nb = _load(path)
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE_KEY, {}).get("state")
    assert state, f"{path.name} stores no widget state in metadata.widgets (run_notebooks.py stores it)"
    views = {
        out.data[WIDGET_VIEW_MIME]["model_id"]: index
        for index, cell in _code_cells(nb)
        for out in cell.outputs
        if WIDGET_VIEW_MIME in out.get("data", {})
    }
    missing = {model: index for model, index in views.items() if model not in state}
    assert not missing, (
        f"{path.name}: widget views whose model is not in the stored state (shown as 'Error "
        f"displaying widget' when the notebook is opened): {missing}"
    )


def test_ignore_marker_parser():
    """The marker rules above, on the three ways a contributor may write them."""
    assert ignore_marker_problems("# NBVAL_IGNORE_OUTPUT\n# live widget: ids differ\nw") == (1, [])
    assert ignore_marker_problems("#NBVAL_IGNORE_OUTPUT\n#   timing varies\nw")[0] == 1
    count, problems = ignore_marker_problems("# NBVAL_IGNORE_OUTPUT  widget ids differ\nw")
    assert count == 0 and "not recognised by nbval" in problems[0]
    count, problems = ignore_marker_problems("# NBVAL_IGNORE_OUTPUT\nw")
    assert count == 0 and "no reason" in problems[0]


@pytest.mark.skipif(not CHAPTER_PATHS, reason="no chapters found (test_chapters_found... fails instead)")
def test_run_notebooks_check_mode_agrees():
    """``scripts/run_notebooks.py --check`` (what contributors run) finds nothing stale either."""
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "run_notebooks.py"), "--check", *map(str, STORED_PATHS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
