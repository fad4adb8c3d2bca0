"""Chapter 03 checks: reference answers pass, wrong answers get "Not yet", "..." is unanswered.

The answers are taken from the real files — ``solutions/03_xor_problem.py``, the wrong answers in
``tests/exercise_answers/`` and the notebook's own (placeholder) answer cells — and exec'd in a
namespace holding the notebook's imports, as in the notebook.
"""

from pathlib import Path

import nbformat
import numpy as np
import pytest

from nnlib.exercises import ch03
from test_exercises import parse_answer_file

REPO = Path(__file__).resolve().parents[1]
STEM = "03_xor_problem"

# exercise -> (check, names of the variables it is called with)
CHECKS = {
    "3.1": (ch03.check_separable_count, ("n_separable", "not_separable")),
    "3.2": (ch03.check_moved_point, ("moved_point", "separating_line")),
    "3.3": (ch03.check_product_feature, ("weights_with_product",)),
    "3.4": (ch03.check_line_search, ("find_separating_line",)),
}


def _namespace():
    from nnlib import datasets, separability

    return {"np": np, "separability": separability, "datasets": datasets}


def _notebook_answers():
    nb = nbformat.read(REPO / "chapters" / f"{STEM}.ipynb", as_version=4)
    out = {}
    for cell in nb.cells:
        number = cell.metadata.get("nnlab", {}).get("exercise")
        if number:
            assert "exercise" in cell.metadata.get("tags", [])
            out[number] = cell.source
    return out


def _run(number, source):
    check, names = CHECKS[number]
    ns = _namespace()
    exec(source, ns)  # noqa: S102 - our own answer files
    return check(*(ns[n] for n in names))


SOLUTIONS = parse_answer_file(REPO / "solutions" / f"{STEM}.py")
WRONG = parse_answer_file(REPO / "tests" / "exercise_answers" / f"{STEM}_wrong.py")


def test_every_exercise_has_a_solution_a_wrong_answer_a_cell_and_a_difficulty():
    assert set(SOLUTIONS) == set(WRONG) == set(CHECKS) == set(_notebook_answers())
    for check, _ in CHECKS.values():
        assert check.difficulty and len(check.hints) >= 3


@pytest.mark.parametrize("number", sorted(CHECKS))
def test_reference_answer_is_correct(number):
    fb = _run(number, SOLUTIONS[number])
    assert fb.status == "correct", fb.message
    assert fb.message.startswith("✅ Correct!")


@pytest.mark.parametrize("number", sorted(CHECKS))
def test_wrong_answer_is_rejected_with_a_hint(number):
    fb = _run(number, WRONG[number])
    assert fb.status == "wrong", fb.message
    assert fb.message.startswith("❌ Not yet — hint:")


@pytest.mark.parametrize("number", sorted(CHECKS))
def test_notebook_placeholder_is_unanswered(number):
    fb = _run(number, _notebook_answers()[number])
    assert fb.status == "unanswered", fb.message
    assert fb.message.startswith("✏️ Not answered yet — hint:")


def test_checks_judge_the_idea_not_one_magic_answer():
    # 3.2: another point and line that work; a separable point with a bad line does not
    assert ch03.check_moved_point((0.0, -1.0), (1.0, 2.0, -0.5))
    assert ch03.check_moved_point((-1.0, -1.0), (1.0, 1.0, -3.0)).status == "wrong"
    # 3.3: scaled weights work too
    assert ch03.check_product_feature((2.0, 2.0, -4.0, -1.0))
    # 3.1: a malformed table is a "Not yet", never a crash
    assert ch03.check_separable_count(14, [(0, 1, 2, 0)]).status == "wrong"


def _last_line_search(X, y, grid):
    """A correct search that returns the *last* separating line: any separating line is fine."""
    found = None
    for w1 in grid:
        for w2 in grid:
            for b in grid:
                if np.all((w1 * X[:, 0] + w2 * X[:, 1] + b >= 0).astype(int) == y):
                    found = (w1, w2, b)
    return found


def test_line_search_check_accepts_any_separating_line_and_rejects_shortcuts():
    assert ch03.check_line_search(_last_line_search)
    # a fixed line: reported as a line that gets rows wrong, without printing the answer
    fb = ch03.check_line_search(lambda X, y, grid: (1.0, 1.0, -1.5))
    assert fb.status == "wrong" and "gets some rows wrong" in str(fb)
    # a search of lines through the origin only: says None for the separable gate every check starts with
    fb = ch03.check_line_search(lambda X, y, grid: None if y[0] == 0 else (0.0, 0.0, 0.0))
    assert fb.status == "wrong" and "None where a grid line exists" in str(fb)
    # the wrong type of answer is a hint, not a crash
    assert ch03.check_line_search(lambda X, y, grid: "no").status == "wrong"
