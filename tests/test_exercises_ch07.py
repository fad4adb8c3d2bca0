"""Chapter 07 checks: reference answers pass, wrong answers get "Not yet", "..." is unanswered."""

import re
from pathlib import Path

import numpy as np
import pytest

from nnlib.exercises import ch07

REPO = Path(__file__).resolve().parents[1]
CHECKS = {"7.1": ("check_training_loop", "train_epoch"), "7.2": ("check_beat_validation", "my_settings"),
          "7.3": ("check_softmax_temperature", "softmax_T")}


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


def _skeleton_loop(layers, head, optimizer, X, y, batch_size, rng):
    order = rng.permutation(len(X))
    for start in range(0, len(X), batch_size):
        batch = order[start:start + batch_size]  # noqa: F841
        ...
    return ...


def _skeleton_softmax(z, T):
    return ...


@pytest.mark.parametrize("number, answer", [("7.1", ...), ("7.1", _skeleton_loop), ("7.2", ...),
                                            ("7.2", dict(hidden_sizes=..., lr=...)), ("7.3", ...),
                                            ("7.3", _skeleton_softmax)])
def test_placeholders_and_skeletons_are_unanswered(number, answer):
    assert getattr(ch07, CHECKS[number][0])(answer).status == "unanswered"


def test_the_chapters_networks_do_not_meet_the_72_target():
    """Exercise 7.2 must ask for more than the chapter already shows (16-16 and 64-64, lr 0.01)."""
    for hidden in [(16, 16), (64, 64)]:
        fb = ch07.check_beat_validation(dict(hidden_sizes=hidden, lr=0.01))
        assert fb.status == "wrong", fb.message


def test_loop_mistakes_get_specific_hints():
    ref = SOLUTIONS["7.1"]["train_epoch"]

    def one_batch_only(layers, head, optimizer, X, y, batch_size, rng):
        return ref(layers, head, optimizer, X[:batch_size], y[:batch_size], batch_size, rng)

    def no_shuffle_full_batch(layers, head, optimizer, X, y, batch_size, rng):
        return ref(layers, head, optimizer, X, y, len(X), rng)

    fb = ch07.check_training_loop(one_batch_only)
    assert fb.status == "wrong" and "each of the" in fb.message
    fb = ch07.check_training_loop(no_shuffle_full_batch)
    assert fb.status == "wrong" and "more than batch_size" in fb.message
    fb = ch07.check_training_loop(lambda *args: float("nan"))
    assert fb.status == "wrong" and "finite" in fb.message


def test_feedback_never_prints_the_reference_numbers():
    fb = ch07.check_softmax_temperature(lambda z, T: np.full(np.shape(z), 1.0 / np.shape(z)[1]))
    assert fb.status == "wrong" and "different numbers" in fb.message
    assert ch07.check_beat_validation(dict(hidden_sizes=(16, 16), lr=5.0)).status == "wrong"
    assert ch07.check_beat_validation(dict(hidden_sizes=(16,), lr=0.01, epochs=500)).status == "wrong"
