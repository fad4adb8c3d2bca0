"""Chapter 03 checks (chapter 04: tests/test_exercises_ch04.py): reference answers pass, wrong answers get "Not yet", "..." is unanswered.

The answers are taken from the real files — ``solutions/NN_name.py``, the wrong answers in
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

# exercise -> (check, names of the variables it is called with)
CHECKS = {
    "3.1": (ch03.check_separable_count, ("n_separable", "not_separable")),
    "3.2": (ch03.check_moved_point, ("moved_point", "separating_line")),
    "3.3": (ch03.check_product_feature, ("weights_with_product",)),
    "3.4": (ch03.check_line_search, ("find_separating_line",)),
}
FILES = {"3": "03_xor_problem"}


def _namespace():
    from nnlib import activations, datasets, separability

    return {"np": np, "separability": separability, "datasets": datasets, "activations": activations}


def _answers(kind):
    out = {}
    for stem in FILES.values():
        path = REPO / ("solutions" if kind == "solution" else "tests/exercise_answers") / (
            f"{stem}.py" if kind == "solution" else f"{stem}_wrong.py")
        out.update(parse_answer_file(path))
    return out


def _notebook_answers():
    out = {}
    for stem in FILES.values():
        nb = nbformat.read(REPO / "chapters" / f"{stem}.ipynb", as_version=4)
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


SOLUTIONS = _answers("solution")
WRONG = _answers("wrong")


def test_every_exercise_has_a_solution_a_wrong_answer_and_a_cell():
    assert set(SOLUTIONS) == set(WRONG) == set(CHECKS) == set(_notebook_answers())


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
    # 3.2: another point and line that work
    assert ch03.check_moved_point((0.0, -1.0), (1.0, 2.0, -0.5))
    assert ch03.check_moved_point((-1.0, -1.0), (1.0, 1.0, -3.0)).status == "wrong"  # separable, bad line
    # 3.3: scaled weights work too
    assert ch03.check_product_feature((2.0, 2.0, -4.0, -1.0))
    # 3.1: a malformed table is a "Not yet", never a crash
    assert ch03.check_separable_count(14, [(0, 1, 2, 0)]).status == "wrong"
