"""Chapter 04 checks: reference answers pass, wrong answers get "Not yet", "..." is unanswered.

The answers come from the real files (``solutions/``, ``tests/exercise_answers/`` and the
notebook's own answer cells), exec'd in a namespace holding the notebook's imports.
"""

from pathlib import Path

import nbformat
import numpy as np
import pytest

from nnlib import activations
from nnlib.exercises import ch04
from test_exercises import parse_answer_file

REPO = Path(__file__).resolve().parents[1]
STEM = "04_multilayer_perceptron"
CHECKS = {
    "4.1": (ch04.check_count_parameters, ("count_parameters",)),
    "4.2": (ch04.check_forward_pass, ("forward",)),
    "4.3": (ch04.check_circles_settings, ("circles_settings",)),
}
SOLUTIONS = parse_answer_file(REPO / "solutions" / f"{STEM}.py")
WRONG = parse_answer_file(REPO / "tests" / "exercise_answers" / f"{STEM}_wrong.py")
NOTEBOOK = {c.metadata["nnlab"]["exercise"]: c.source
            for c in nbformat.read(REPO / "chapters" / f"{STEM}.ipynb", as_version=4).cells
            if c.metadata.get("nnlab", {}).get("exercise")}


def _run(number, source):
    check, names = CHECKS[number]
    ns = {"np": np, "activations": activations}
    exec(source, ns)  # noqa: S102 - our own answer files
    return check(*(ns[n] for n in names))


def test_every_exercise_has_a_solution_a_wrong_answer_and_a_cell():
    assert set(SOLUTIONS) == set(WRONG) == set(CHECKS) == set(NOTEBOOK)


@pytest.mark.parametrize("number", sorted(CHECKS))
def test_reference_answer_is_correct(number):
    fb = _run(number, SOLUTIONS[number])
    assert fb.status == "correct", fb.message


@pytest.mark.parametrize("number", sorted(CHECKS))
def test_wrong_answer_is_rejected_with_a_hint(number):
    fb = _run(number, WRONG[number])
    assert fb.status == "wrong", fb.message
    assert fb.message.startswith("❌ Not yet — hint:")


@pytest.mark.parametrize("number", sorted(CHECKS))
def test_notebook_placeholder_is_unanswered(number):
    fb = _run(number, NOTEBOOK[number])
    assert fb.status == "unanswered", fb.message


@pytest.mark.parametrize("number", sorted(CHECKS))
def test_every_check_has_a_ladder_and_a_difficulty(number):
    check = CHECKS[number][0]
    assert check.exercise == number and len(check.hints) == 3
    assert check.difficulty in ("★ warm-up", "★★ practice", "★★★ challenge")


def test_function_exercises_never_crash_and_never_show_the_answer():
    def returns_none(sizes):
        pass

    assert "None" in ch04.check_count_parameters(returns_none).message
    assert ch04.check_count_parameters(lambda sizes: sizes[10]).status == "wrong"  # raises: a hint
    # a hard-coded number cannot pass: the sizes are fresh random lists
    assert ch04.check_count_parameters(lambda sizes: 9).status == "wrong"
    fb = ch04.check_forward_pass(lambda X, W1, b1, W2, b2, phi: phi(X @ W1 + b1) @ W2 + b2)
    assert fb.status == "wrong" and "[[" not in fb.message  # no array of expected values
    # W1 used the wrong way round fails on the non-square random shapes
    assert ch04.check_forward_pass(lambda X, W1, b1, W2, b2, phi: phi(phi(X @ W1.T + b1) @ W2 + b2)).status == "wrong"


def test_circles_check_judges_the_idea_and_uses_validation_data():
    assert ch04.check_circles_settings(dict(hidden_sizes=(16, 16), activation="relu", lr=0.01, epochs=40))
    too_long = dict(hidden_sizes=(8,), activation="tanh", lr=0.03, epochs=500)
    assert ch04.check_circles_settings(too_long).status == "wrong"
    X_train, _, X_val, _ = ch04.circles_data()
    assert not np.isin(X_val, X_train).all(axis=1).any()  # the validation points are new points
