"""Chapters 03–06 checks: reference answers pass, wrong answers get "Not yet", "..." is unanswered.

The answers come from the real files (``solutions/``, ``tests/exercise_answers/`` and the
notebooks' own answer cells), exec'd in a namespace holding the notebooks' imports.
"""

from pathlib import Path

import nbformat
import numpy as np
import pytest

from nnlib import activations, datasets, separability
from nnlib.exercises import ch03, ch04, ch05, ch06
from test_exercises import parse_answer_file

REPO = Path(__file__).resolve().parents[1]
STEMS = ("03_xor_problem", "04_multilayer_perceptron", "05_learning_rules", "06_gradient_descent_backprop")
CHECKS = {
    "3.1": (ch03.check_separable_count, ("n_separable", "not_separable")),
    "3.2": (ch03.check_moved_point, ("moved_point", "separating_line")),
    "3.3": (ch03.check_product_feature, ("weights_with_product",)),
    "3.4": (ch03.check_line_search, ("find_separating_line",)),
    "4.1": (ch04.check_count_parameters, ("count_parameters",)),
    "4.2": (ch04.check_forward_pass, ("forward",)),
    "4.3": (ch04.check_circles_settings, ("circles_settings",)),
    "5.1": (ch05.check_which_rules_change, ("changes",)),
    "5.2": (ch05.check_perceptron_update, ("new_w", "new_b")),
    "5.3": (ch05.check_hebb_or, ("w_hebb", "b_hebb")),
    "5.4": (ch05.check_delta_update, ("delta_update",)),
    "6.1": (ch06.check_sigmoid_backward, ("sigmoid_backward",)),
    "6.2": (ch06.check_dense_backward, ("dense_backward",)),
    "6.3": (ch06.check_sigmoid_chain, ("max_factor",)),
}
SOLUTIONS = {k: v for s in STEMS for k, v in parse_answer_file(REPO / "solutions" / f"{s}.py").items()}
WRONG = {k: v for s in STEMS
         for k, v in parse_answer_file(REPO / "tests" / "exercise_answers" / f"{s}_wrong.py").items()}
NOTEBOOK = {c.metadata["nnlab"]["exercise"]: c.source
            for s in STEMS for c in nbformat.read(REPO / "chapters" / f"{s}.ipynb", as_version=4).cells
            if c.metadata.get("nnlab", {}).get("exercise")}


def _run(number, source):
    check, names = CHECKS[number]
    ns = {"np": np, "activations": activations, "datasets": datasets, "separability": separability}
    exec(source, ns)  # noqa: S102 - our own answer files
    return check(*(ns[n] for n in names))


def test_every_exercise_has_a_solution_a_wrong_answer_and_a_cell():
    assert set(SOLUTIONS) == set(CHECKS) == set(WRONG) == set(NOTEBOOK)


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
    fb = _run(number, NOTEBOOK[number])
    assert fb.status == "unanswered", fb.message
    assert "hint" in fb.message


@pytest.mark.parametrize("number", sorted(CHECKS))
def test_every_check_has_a_ladder_and_a_difficulty(number):
    check = CHECKS[number][0]
    assert check.exercise == number and len(check.hints) == 3
    assert check.difficulty in ("★ warm-up", "★★ practice", "★★★ challenge")


def test_function_exercises_never_crash_and_never_show_the_answer():
    def forgets_return(sizes):
        sum(sizes)  # real code, but no return

    assert "None" in ch04.check_count_parameters(forgets_return).message
    assert ch04.check_count_parameters(lambda sizes: None).status == "unanswered"  # = a bare stub
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


def test_rule_check_uses_the_real_rules():
    # the "truth" is what the one-step functions do, not a stored constant
    assert ch05.check_which_rules_change({"hebb": True, "perceptron": False, "delta": True})
    assert not ch05.check_which_rules_change({"hebb": False, "perceptron": False, "delta": True})
    assert not ch05.check_which_rules_change({"hebb": True})          # missing keys: a hint, no crash


def test_wrong_feedback_never_shows_the_answer():
    for answer in ([0.1, 0.1], [0.2, -0.4], [0.7, 0.1]):
        fb = ch05.check_perceptron_update(answer, 0.1)
        assert "0.6" not in fb.message and ("0.7" not in fb.message or answer == [0.7, 0.1])
    assert "2.0" not in ch05.check_hebb_or([1.0, 1.0], 0.0).message
    assert "e-07" not in ch06.check_sigmoid_chain(1e-3).message


def test_delta_check_names_the_classic_slips():
    def perceptron_like(w, b, x, y, lr):
        y_hat = 1.0 if x @ w + b >= 0 else 0.0
        return w + lr * (y - y_hat) * x, b + lr * (y - y_hat)

    assert "perceptron" in ch05.check_delta_update(perceptron_like).message
    backwards = ch05.check_delta_update(lambda w, b, x, y, lr: (w - lr * (y - x @ w - b) * x,
                                                                b - lr * (y - x @ w - b)))
    assert "direction" in backwards.message
    assert ch05.check_delta_update(lambda w, b, x, y, lr: (w, b)).status == "wrong"  # a hard-coded no-op


def test_backward_checks_use_numerical_gradients_and_catch_each_part():
    def dense_backward(x, W, grad):
        return grad @ W.T, x.T @ grad, grad.sum(axis=0)

    assert ch06.check_dense_backward(dense_backward)
    for broken, part in ((lambda x, W, g: (0 * x, x.T @ g, g.sum(0)), "dx"),
                         (lambda x, W, g: (g @ W.T, 2 * x.T @ g, g.sum(0)), "dW"),
                         (lambda x, W, g: (g @ W.T, x.T @ g, g.mean(0)), "db")):
        fb = ch06.check_dense_backward(broken)
        assert fb.status == "wrong" and part in fb.message, fb.message
    assert "None" in ch06.check_dense_backward(lambda x, W, g: [x, W, g] and None).message
    only_local = ch06.check_sigmoid_backward(lambda z, g: (1 / (1 + np.exp(-z))) * (1 - 1 / (1 + np.exp(-z))))
    assert "grad" in only_local.message


def test_garbage_answers_never_raise():
    assert ch05.check_perceptron_update("abc", 1).status == "wrong"
    assert ch06.check_sigmoid_chain("not a number").status == "wrong"
    assert ch06.check_sigmoid_backward(lambda z, g: "x").status == "wrong"
    assert ch05.check_delta_update(lambda *a: 1 / 0).status == "wrong"
