"""Chapter 05 and 06 checks: reference answers pass, wrong answers get "Not yet", "..." is unanswered."""

import re
from pathlib import Path

import numpy as np
import pytest

from nnlib.exercises import ch05, ch06

REPO = Path(__file__).resolve().parents[1]
CHECKS = {
    "5.1": (ch05.check_which_rules_change, ("changes",)),
    "5.2": (ch05.check_perceptron_update, ("new_w", "new_b")),
    "5.3": (ch05.check_hebb_or, ("w_hebb", "b_hebb")),
    "6.1": (ch06.check_dL_dv1, ("dL_dv1",)),
    "6.2": (ch06.check_valley_lr, ("lr_valley",)),
    "6.3": (ch06.check_sigmoid_chain, ("max_factor",)),
}


def _cells(path):
    """Exercise id -> namespace after exec'ing that cell's text (jupytext percent format)."""
    parts = re.split(r"^# %% Exercise (\d+\.\d+)\s*$", path.read_text(encoding="utf-8"), flags=re.M)
    out = {}
    for number, body in zip(parts[1::2], parts[2::2]):
        ns = {"np": np}
        exec(body, ns)  # noqa: S102 - our own answer files
        out[number] = ns
    return out


SOLUTIONS = {**_cells(REPO / "solutions" / "05_learning_rules.py"),
             **_cells(REPO / "solutions" / "06_gradient_descent_backprop.py")}
WRONG = {**_cells(REPO / "tests" / "exercise_answers" / "05_learning_rules_wrong.py"),
         **_cells(REPO / "tests" / "exercise_answers" / "06_gradient_descent_backprop_wrong.py")}


def _call(number, ns):
    check, names = CHECKS[number]
    return check(*(ns[n] for n in names))


def test_every_exercise_has_a_solution_and_a_wrong_answer():
    assert set(SOLUTIONS) == set(CHECKS) == set(WRONG)


@pytest.mark.parametrize("number", sorted(CHECKS))
def test_reference_answer_is_correct(number):
    fb = _call(number, SOLUTIONS[number])
    assert fb.status == "correct", fb.message
    assert fb.message.startswith("✅ Correct!")


@pytest.mark.parametrize("number", sorted(CHECKS))
def test_wrong_answer_is_rejected_with_a_hint(number):
    fb = _call(number, WRONG[number])
    assert fb.status == "wrong", fb.message
    assert fb.message.startswith("❌ Not yet — hint:")


@pytest.mark.parametrize("number", sorted(CHECKS))
def test_placeholder_is_unanswered(number):
    check, names = CHECKS[number]
    fb = check(*([...] * len(names)))
    assert fb.status == "unanswered"
    assert "hint" in fb.message


def test_rule_check_uses_the_real_rules():
    # the "truth" is what the one-step functions do, not a stored constant
    assert ch05.check_which_rules_change({"hebb": True, "perceptron": False, "delta": True})
    assert not ch05.check_which_rules_change({"hebb": False, "perceptron": False, "delta": True})
    assert not ch05.check_which_rules_change({"hebb": True})          # missing keys: a hint, no crash


def test_valley_check_accepts_a_range_and_explains_failures():
    assert all(ch06.check_valley_lr(lr) for lr in (0.1, 0.15, 0.19))
    assert "too big" in ch06.check_valley_lr(0.3).message
    assert "crawling" in ch06.check_valley_lr(0.01).message
    assert not ch06.check_valley_lr(-1.0)


def test_dl_dv1_sign_mistake_gets_its_own_hint():
    assert "sign" in ch06.check_dL_dv1(0.0279).message


def test_garbage_answers_never_raise():
    assert ch05.check_perceptron_update("abc", 1).status == "wrong"
    assert ch06.check_sigmoid_chain("not a number").status == "wrong"
