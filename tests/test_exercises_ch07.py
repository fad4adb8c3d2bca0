"""Chapter 07 checks: reference answers pass, wrong answers get "Not yet", "..." is unanswered."""

import re
from pathlib import Path

import pytest

from nnlib.exercises import ch07

REPO = Path(__file__).resolve().parents[1]
CHECKS = {"7.1": ("check_input_size", "n_inputs"), "7.2": ("check_beat_accuracy", "my_settings"),
          "7.3": ("check_step_order", "my_steps")}


def _cells(path):
    """Exercise id -> namespace after exec'ing that cell's text (jupytext percent format)."""
    text = path.read_text()
    parts = re.split(r"^# %% Exercise (\d+\.\d+)\s*$", text, flags=re.M)
    out = {}
    for number, body in zip(parts[1::2], parts[2::2]):
        ns = {}
        exec(body, ns)  # noqa: S102 - our own answer files
        out[number] = ns
    return out


SOLUTIONS = _cells(REPO / "solutions" / "07_digit_recognition.py")
WRONG = _cells(REPO / "tests" / "exercise_answers" / "07_digit_recognition_wrong.py")


@pytest.mark.parametrize("number", sorted(CHECKS))
def test_reference_answer_is_correct(number):
    check, name = CHECKS[number]
    fb = getattr(ch07, check)(SOLUTIONS[number][name])
    assert fb.status == "correct", fb.message
    assert fb.message.startswith("✅ Correct!")


@pytest.mark.parametrize("number", sorted(CHECKS))
def test_wrong_answer_is_rejected_with_a_hint(number):
    check, name = CHECKS[number]
    fb = getattr(ch07, check)(WRONG[number][name])
    assert fb.status == "wrong", fb.message
    assert fb.message.startswith("❌ Not yet — hint:")


@pytest.mark.parametrize("answer", [..., dict(hidden_sizes=..., lr=...), [...]])
def test_placeholders_are_unanswered(answer):
    for check, _ in CHECKS.values():
        assert getattr(ch07, check)(answer).status == "unanswered"


def test_more_ways_to_be_wrong():
    assert ch07.check_input_size(64.5).status == "wrong"
    assert ch07.check_beat_accuracy(dict(hidden_sizes=(16, 16), lr=5.0)).status == "wrong"
    assert ch07.check_beat_accuracy(dict(hidden_sizes=(16,), lr=0.01, epochs=500)).status == "wrong"
    missing = [s for s in ch07.STEP_NAMES if s != "thicken"]
    fb = ch07.check_step_order(missing)
    assert fb.status == "wrong" and "thicken" in fb.message
    assert ch07.check_step_order(["nope"] + list(ch07.STEP_NAMES)).status == "wrong"
