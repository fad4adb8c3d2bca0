"""Chapter 08 checks: reference answers pass, wrong answers get "Not yet", stubs are unanswered."""

from pathlib import Path

import numpy as np
import pytest

from nnlib.exercises import DIFFICULTIES, ch08
from test_exercises import parse_answer_file

REPO = Path(__file__).resolve().parents[1]
CHECKS = {
    "8.1": (ch08.check_l2, "l2_penalty_and_gradient"),
    "8.2": (ch08.check_dropout, "dropout_forward_backward"),
    "8.3": (ch08.check_early_stopping, "early_stopping_epochs"),
}


def _cells(path):
    """Exercise id -> namespace after exec'ing that answer (parsed by the notebook harness)."""
    out = {}
    for number, body in parse_answer_file(path).items():
        out[number] = {"np": np}
        exec(body, out[number])  # noqa: S102 - our own answer files
    return out


SOLUTIONS = _cells(REPO / "solutions" / "08_generalisation.py")
WRONG = _cells(REPO / "tests" / "exercise_answers" / "08_generalisation_wrong.py")


def _call(number, ns):
    check, name = CHECKS[number]
    return check(ns[name])


def test_every_exercise_has_a_solution_a_wrong_answer_hints_and_a_difficulty():
    assert set(SOLUTIONS) == set(CHECKS) == set(WRONG)
    for check, _ in CHECKS.values():
        assert len(check.hints) == 3 and check.difficulty in DIFFICULTIES


@pytest.mark.parametrize("kind, status, prefix", [("reference", "correct", "✅ Correct!"),
                                                  ("wrong", "wrong", "❌ Not yet — hint:")])
@pytest.mark.parametrize("number", sorted(CHECKS))
def test_reference_passes_and_wrong_answer_gets_a_specific_hint(number, kind, status, prefix):
    fb = _call(number, (SOLUTIONS if kind == "reference" else WRONG)[number])
    assert fb.status == status and fb.message.startswith(prefix), fb.message
    if kind == "wrong":
        assert "[hint" not in fb.message  # each planted mistake is recognised, not just "wrong"


def _stub_l2(W, lam):
    penalty = ...
    grad = ...
    return penalty, grad


def _stub_dropout(x, grad, keep, p):
    return ..., ...


def _stub_early(val_losses, patience):
    return ...


@pytest.mark.parametrize("number, stub", [("8.1", _stub_l2), ("8.2", _stub_dropout), ("8.3", _stub_early)])
def test_stub_and_placeholder_are_not_answered_yet(number, stub):
    check, _ = CHECKS[number]
    for answer in (stub, ...):
        fb = check(answer)
        assert fb.status == "unanswered", fb.message
        assert fb.message.startswith("✏️ Not answered yet — hint:")


def test_feedback_never_prints_the_answer():
    """No hint or message names the reference's code (e.g. "lam * W" or "/ (1 - p)")."""
    texts = [h for check, _ in CHECKS.values() for h in check.hints]
    texts += [_call(n, WRONG[n]).message for n in CHECKS] + [_call(n, SOLUTIONS[n]).message for n in CHECKS]
    for text in texts:
        for code in ("lam * W", "/ (1 - p)", "x * mask", "grad * mask", "0.5 * lam"):
            assert code not in text, (code, text)


def test_hard_coded_or_broken_answers_fail():
    fixed = ch08.check_l2(lambda W, lam: (0.0, np.zeros_like(W)))
    assert fixed.status == "wrong"
    returns_none = ch08.check_dropout(lambda x, grad, keep, p: [x, grad, keep, p] and None)
    assert returns_none.status == "wrong" and "returns None" in returns_none.message
    crashes = ch08.check_early_stopping(lambda val_losses, patience: 1 / 0)
    assert crashes.status == "wrong" and "ZeroDivisionError" in crashes.message
    one_value = ch08.check_early_stopping(lambda val_losses, patience: 3)
    assert one_value.status == "wrong"
