"""Make nbgrader assignments from the chapters' exercises (one assignment per chapter).

For every chapter with exercises this writes ``<course>/source/chNN/NN_name.ipynb``, the
*instructor* version nbgrader's ``generate_assignment`` turns into the student version:

- each answer cell (a code cell with ``metadata.nnlab.exercise = "N.M"`` and the tag ``exercise``)
  becomes an nbgrader *solution* cell: the placeholder lines stay, the reference answer from
  ``solutions/NN_name.py`` sits between ``### BEGIN SOLUTION`` / ``### END SOLUTION`` and is removed
  from the student version;
- the check cell after it stays as it is: the student still gets the course's feedback, which never
  shows the answer (``✅ Correct!`` / ``❌ Not yet — hint`` / ``✏️ Not answered yet``);
- a graded, locked test cell is added after the check: it calls the same check
  (``nnlib.exercises.chNN``) between ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS``, so the
  student version only says that the exercise is graded; points = the exercise's stars
  (★ warm-up 1, ★★ practice 2, ★★★ challenge 3; 1 when a check has no difficulty).

Everything is driven by that metadata, never by a list of exercises: a new exercise in a chapter
becomes a graded question the next time the script runs.  ``chapters/`` is never written.

It also writes ``<course>/nbgrader_config.py`` (course id, a code stub that keeps the placeholder
lines, a per-cell time limit long enough for chapter 07's training).  Then, in ``<course>``::

    nbgrader generate_assignment ch02      # -> release/ch02/ (no solutions, no hidden tests)
    nbgrader autograde ch02                # submitted/<student>/ch02/ -> autograded/
    nbgrader export                        # -> grades.csv

Run: ``python scripts/make_assignments.py [--course build/nbgrader] [--chapters 02 04]``
"""

from __future__ import annotations

import argparse
import ast
import copy
import importlib
import sys
from pathlib import Path

import nbformat

from nnlib.exercises.files import find_exercises, parse_answer_file

REPO = Path(__file__).resolve().parents[1]
SCHEMA = 3  # nbgrader's cell metadata schema version

NBGRADER_CONFIG = '''\
"""nbgrader settings for the nnlab assignments (written by scripts/make_assignments.py)."""
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "nnlab"
# The student's answer cell keeps its "name = ..." placeholder lines (the course's checks say
# "Not answered yet" for them); the solution region is replaced by this one comment.
c.ClearSolutions.code_stub = {"python": "# ↑ replace each ... above with your answer"}
# Chapter 07 trains networks: allow more than nbgrader's 30 s per cell.
c.Execute.timeout = 600
'''


def _check_call(source: str, ex_id: str) -> tuple[str, str]:
    """(code before, the check call) of a check cell whose last statement calls the check."""
    tree = ast.parse(source)
    last = tree.body[-1] if tree.body else None
    if not (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)):
        raise ValueError(f"exercise {ex_id}: the check cell must end with the call of its check")
    lines = source.splitlines()
    before = "\n".join(lines[: last.lineno - 1])
    return before, ast.get_source_segment(source, last)


def points(call: str, module) -> int:
    """Stars of the check that ``call`` (``chNN.check_x(...)``) calls, 1 if it has no difficulty."""
    func = ast.parse(call, mode="eval").body.func
    check = getattr(module, func.attr, None) if isinstance(func, ast.Attribute) else None
    difficulty = getattr(check, "difficulty", None)  # one of nnlib.exercises.DIFFICULTIES
    return difficulty.count("★") if difficulty else 1


def _grader_meta(grade_id: str, *, solution: bool, grade: bool, locked: bool, pts: int | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": SCHEMA,
            "solution": solution, "task": False}
    if pts is not None:
        meta["points"] = pts
    return meta


def make_assignment(notebook: Path, solutions: dict[str, str]) -> nbformat.NotebookNode:
    """The instructor version of ``notebook`` (see the module docstring); the file is not changed."""
    nb = nbformat.read(notebook, as_version=4)
    exercises = find_exercises(nb)
    missing = [ex_id for ex_id, _, _ in exercises if ex_id not in solutions]
    if missing:
        raise ValueError(f"{notebook.name}: no reference answer for exercises {missing}")
    checks = importlib.import_module(f"nnlib.exercises.ch{notebook.name[:2]}")
    out = copy.deepcopy(nb)
    inserted = 0
    for ex_id, answer_index, check_index in exercises:
        slug = ex_id.replace(".", "_")
        answer = out.cells[answer_index + inserted]
        answer.source = f"{answer.source.rstrip()}\n### BEGIN SOLUTION\n{solutions[ex_id]}\n### END SOLUTION"
        answer.metadata["nbgrader"] = _grader_meta(f"exercise_{slug}", solution=True, grade=False, locked=False)
        before, call = _check_call(nb.cells[check_index].source, ex_id)
        pts = points(call, checks)
        test = nbformat.v4.new_code_cell(
            f"# Exercise {ex_id} is graded here ({pts} point{'s' if pts > 1 else ''}).\n"
            "### BEGIN HIDDEN TESTS\n"
            + (before + "\n" if before else "")
            + f"_feedback = {call}\n"
            f"assert _feedback, f\"Exercise {ex_id}: {{_feedback}}\"\n"
            "### END HIDDEN TESTS"
        )
        test.metadata["nbgrader"] = _grader_meta(f"test_{slug}", solution=False, grade=True, locked=True, pts=pts)
        out.cells.insert(check_index + inserted + 1, test)
        inserted += 1
    for cell in out.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    out.metadata.pop("widgets", None)  # stored widget state of the self-study notebook
    return out


def chapters_with_exercises(chapters: Path, only=None) -> list[Path]:
    paths = sorted(chapters.glob("[0-9][0-9]_*.ipynb"))
    if only:
        paths = [p for p in paths if p.name[:2] in only]
    return [p for p in paths if find_exercises(nbformat.read(p, as_version=4))]


def write_course(course: Path, chapters: Path = REPO / "chapters", solutions_dir: Path = REPO / "solutions",
                 only=None) -> dict[str, Path]:
    """Write the source notebooks and nbgrader_config.py; returns assignment id -> notebook."""
    written = {}
    for path in chapters_with_exercises(chapters, only):
        assignment = f"ch{path.name[:2]}"
        nb = make_assignment(path, parse_answer_file(solutions_dir / f"{path.stem}.py"))
        target = course / "source" / assignment / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, target)
        written[assignment] = target
    (course / "nbgrader_config.py").write_text(NBGRADER_CONFIG, encoding="utf-8")
    return written


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--course", type=Path, default=REPO / "build" / "nbgrader", help="nbgrader course folder")
    p.add_argument("--chapters", nargs="*", metavar="NN", help="only these chapter numbers (default: all)")
    args = p.parse_args(argv)
    written = write_course(args.course, only=args.chapters)
    for assignment, path in written.items():
        graded = sum("nbgrader" in c.metadata and c.metadata["nbgrader"]["grade"]
                     for c in nbformat.read(path, as_version=4).cells)
        print(f"{assignment}: {path.relative_to(args.course)} ({graded} graded exercises)")
    print(f"\nnext: cd {args.course} && nbgrader generate_assignment <id>   (see docs/running_a_class.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
