"""Graded assignments: scripts/make_assignments.py + nbgrader, end to end.

For every chapter with exercises the instructor version is made and checked (a solution region
and a graded hidden test per exercise). Then, in a temporary nbgrader course, nbgrader itself
generates the student version of the graded chapters (no solutions, no hidden tests), autogrades
three submissions made from it — the reference answers (``solutions/``, full marks), the wrong
answers (``tests/exercise_answers/``, no marks) and the untouched notebook (zero, no crash) — and
exports the grades to CSV.

nbgrader runs its kernels in this environment (``python3``), so the notebooks import the same
``nnlib``. Which chapters are autograded: ``$NNLAB_GRADE_CHAPTERS`` (e.g. ``"all"`` or
``"02 04"``), default the quick ones below; the generator is checked on all of them.
Without nbgrader the tests are skipped locally and FAIL in CI.
"""

from __future__ import annotations

import csv
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from hub_harness import module_from_file, unavailable
from nnlib.exercises.files import find_exercises, parse_answer_file

REPO = Path(__file__).resolve().parents[1]
CHAPTERS = Path(os.environ.get("NNLAB_CHAPTERS_DIR", REPO / "chapters")).resolve()
QUICK = ("00", "02")  # seconds each; "all" adds the training chapters (minutes)
STUDENTS = {"reference": "solutions", "wrong": "wrong", "blank": None}

pytestmark = pytest.mark.slow


ma = module_from_file(REPO / "scripts" / "make_assignments.py")


def _graded_chapters() -> list[str]:
    wanted = os.environ.get("NNLAB_GRADE_CHAPTERS", " ".join(QUICK)).split()
    have = [p.name[:2] for p in ma.chapters_with_exercises(CHAPTERS)]
    return have if wanted == ["all"] else [c for c in have if c in wanted]


def _nbgrader(course: Path, *args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=os.pathsep.join([str(bin_dir), os.environ.get("PATH", "")]))  # it runs alembic
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                            capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course folder with every chapter's source assignment written by the script."""
    course = tmp_path_factory.mktemp("nbgrader-course")
    written = ma.write_course(course, chapters=CHAPTERS)
    return course, written


def _exercises(path: Path):
    return find_exercises(nbformat.read(path, as_version=4))


def test_every_chapter_with_exercises_becomes_an_assignment(course):
    _, written = course
    expected = {f"ch{p.name[:2]}" for p in CHAPTERS.glob("[0-9][0-9]_*.ipynb") if _exercises(p)}
    assert set(written) == expected


def test_each_exercise_has_a_solution_region_and_a_hidden_graded_test(course):
    _, written = course
    for assignment, path in written.items():
        nb = nbformat.read(path, as_version=4)
        chapter_ids = [ex_id for ex_id, _, _ in _exercises(CHAPTERS / path.name)]
        solutions = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
        tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
        assert [c.metadata.nnlab.exercise for c in solutions] == chapter_ids, assignment
        assert len(tests) == len(chapter_ids), assignment
        for cell in solutions:
            assert "### BEGIN SOLUTION" in cell.source and "### END SOLUTION" in cell.source
        for cell in tests:
            assert "### BEGIN HIDDEN TESTS" in cell.source and "assert _feedback" in cell.source
            assert cell.metadata.nbgrader["points"] >= 1 and cell.metadata.nbgrader["locked"]
        # The self-study chapter itself is left as it was.
        assert "nbgrader" not in nbformat.read(CHAPTERS / path.name, as_version=4).cells[0].metadata


def test_a_check_cell_that_does_not_end_in_a_call_is_refused():
    with pytest.raises(ValueError, match="exercise 9.1"):
        ma._check_call("x = check(y)", "9.1")


def _submit(course: Path, assignment: str, student: str, variant: str | None) -> None:
    """Copy the released notebook into submitted/<student>/ with the variant's answers pasted in."""
    release = course / "release" / assignment
    target = course / "submitted" / student / assignment
    target.mkdir(parents=True)
    for notebook in release.glob("*.ipynb"):
        nb = nbformat.read(notebook, as_version=4)
        if variant is not None:
            folder = REPO / "solutions" if variant == "solutions" else REPO / "tests" / "exercise_answers"
            suffix = "" if variant == "solutions" else "_wrong"
            answers = parse_answer_file(folder / f"{notebook.stem}{suffix}.py")
            for ex_id, index, _ in find_exercises(nb):
                nb.cells[index].source = answers[ex_id]
        nbformat.write(nb, target / notebook.name)


@pytest.fixture(scope="module")
def graded(course):
    """Generate, submit three times, autograde and export each graded chapter; the grades CSV rows."""
    if importlib.util.find_spec("nbgrader") is None:
        unavailable("nbgrader is not installed")
    root, written = course
    chapters = _graded_chapters()
    if not chapters:
        pytest.skip("no chapter with exercises selected by NNLAB_GRADE_CHAPTERS")
    assignments = [f"ch{c}" for c in chapters]
    for assignment in assignments:
        _nbgrader(root, "generate_assignment", assignment, "--force")
        for student, variant in STUDENTS.items():
            _submit(root, assignment, student, variant)
        _nbgrader(root, "autograde", assignment, "--create", "--force")
    _nbgrader(root, "export", "--to", "grades.csv")
    with open(root / "grades.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    return root, written, assignments, rows


def test_student_version_holds_no_solution_and_no_hidden_test(graded):
    root, written, assignments, _ = graded
    for assignment in assignments:
        source = written[assignment]
        chapter = nbformat.read(CHAPTERS / source.name, as_version=4)
        chapter_text = "\n".join(c.source for c in chapter.cells)
        released = nbformat.read(root / "release" / assignment / source.name, as_version=4)
        text = "\n".join(c.source for c in released.cells)
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text and "_feedback" not in text
        answers = parse_answer_file(REPO / "solutions" / f"{source.stem}.py")
        # Every line of a reference answer that the chapter itself does not contain is gone.
        revealing = [line for code in answers.values() for line in code.splitlines()
                     if line.strip() and not line.lstrip().startswith("#") and line not in chapter_text]
        leaked = [line for line in revealing if line in text]
        assert not leaked, f"{assignment}: the student version shows reference-answer lines {leaked[:3]}"
        assert not any(c.get("outputs") for c in released.cells if c.cell_type == "code")


def _scores(rows, assignment):
    return {r["student_id"]: (float(r["raw_score"]), float(r["max_score"])) for r in rows
            if r["assignment"] == assignment}


def test_grades_reference_full_wrong_none_blank_zero(graded):
    root, written, assignments, rows = graded
    for assignment in assignments:
        scores = _scores(rows, assignment)
        assert set(scores) == set(STUDENTS), rows
        graded_points = sum(c.metadata["nbgrader"].get("points", 0)
                            for c in nbformat.read(written[assignment], as_version=4).cells
                            if c.metadata.get("nbgrader", {}).get("grade"))
        assert scores["reference"] == (graded_points, graded_points), f"{assignment}: {scores}"
        assert scores["wrong"] == (0.0, graded_points), f"{assignment}: {scores}"
        assert scores["blank"] == (0.0, graded_points), f"{assignment}: {scores}"


def test_autograded_blank_notebook_ran_to_the_end(graded):
    """An unanswered notebook is graded zero because its checks fail, not because it crashed."""
    root, written, assignments, _ = graded
    for assignment in assignments:
        name = written[assignment].name
        nb = nbformat.read(root / "autograded" / "blank" / assignment / name, as_version=4)
        errors = [(i, o.ename) for i, c in enumerate(nb.cells) if c.cell_type == "code"
                  for o in c.get("outputs", []) if o.output_type == "error"]
        graded_cells = {i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade")}
        assert errors and all(i in graded_cells and ename == "AssertionError" for i, ename in errors), errors
        assert all(c.get("execution_count") for c in nb.cells if c.cell_type == "code" and c.source.strip())
