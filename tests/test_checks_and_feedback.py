"""Shared validation messages and the exercise Feedback contract."""

import numpy as np
import pytest
from sklearn.exceptions import DataConversionWarning

from nnlib import _checks as C
from nnlib.exercises import Feedback, exercise, is_placeholder


def test_as_2d_float_names_the_argument_and_hints_reshape():
    with pytest.raises(ValueError, match=r"X must be a 2-D array .* got shape \(3,\).*reshape"):
        C.as_2d_float([1, 2, 3])
    with pytest.raises(ValueError, match="inputs must not be empty"):
        C.as_2d_float(np.empty((0, 2)), "inputs")
    with pytest.raises(ValueError, match="X must contain only finite"):
        C.as_2d_float([[np.nan, 1.0]])
    with pytest.raises(TypeError, match="X must be numeric"):
        C.as_2d_float([["a", "b"]])
    with pytest.raises(TypeError, match="X must be real numbers, not complex"):
        C.as_2d_float(np.array([[1 + 2j, 0]]))
    with pytest.raises(ValueError, match="X must have 3 features"):
        C.as_2d_float([[1.0, 2.0]], n_features=3)


def test_scalar_checks():
    assert C.check_positive(0.5, "lr") == 0.5
    with pytest.raises(ValueError, match="lr must be > 0"):
        C.check_positive(0, "lr")
    with pytest.raises(ValueError, match="lr must be finite"):
        C.check_positive(float("inf"), "lr")
    with pytest.raises(TypeError, match="lr must be a real number"):
        C.check_positive("fast", "lr")
    with pytest.raises(TypeError, match="epochs must be an integer"):
        C.check_positive_int(2.5, "epochs")
    with pytest.raises(ValueError, match="epochs must be >= 1"):
        C.check_positive_int(0, "epochs")
    with pytest.raises(ValueError, match=r"test_size must be in \(0, 1\)"):
        C.check_fraction(1.0, "test_size", inclusive_low=False)
    with pytest.raises(ValueError, match="optimizer must be one of 'sgd', 'adam'; got 'rmsprop'"):
        C.check_choice("rmsprop", "optimizer", ("sgd", "adam"))


def test_labels_and_lengths():
    with pytest.warns(DataConversionWarning, match="A column-vector y was passed"):
        assert C.as_labels([[1], [0]]).shape == (2,)
    with pytest.raises(ValueError, match="y has 2 labels but X has 3 samples"):
        C.as_labels([0, 1], n_samples=3)
    with pytest.raises(ValueError, match="y has missing values"):
        C.as_labels([0.0, np.nan])


@exercise("9.1", hint="The answer is the number of legs of a cat.")
def check_legs(n):
    return n == 4, "Cats have four legs."


def test_feedback_statuses_and_text():
    unanswered, wrong, right = check_legs(...), check_legs(3), check_legs(4)
    assert (unanswered.status, wrong.status, right.status) == ("unanswered", "wrong", "correct")
    assert str(unanswered).startswith("✏️ Not answered yet — hint: The answer is the number")
    assert str(wrong).startswith("❌ Not yet — hint:")
    assert str(right) == "✅ Correct! Cats have four legs."
    assert bool(right) and not bool(wrong) and not bool(unanswered)
    assert "Exercise 9.1" in right._repr_html_()


def test_a_crashing_answer_becomes_a_hint_not_an_error():
    fb = check_legs("four")  # comparing works, so make a check that crashes instead

    @exercise("9.2", hint="Give a number.")
    def check_sqrt(x):
        return np.sqrt(float(x)) == 2, "ok"

    fb = check_sqrt("two")
    assert fb.status == "wrong" and "ValueError" in fb.message


def test_is_placeholder_looks_inside_containers():
    assert is_placeholder(...) and is_placeholder(None)
    assert is_placeholder({"w": (1, ...)})
    assert not is_placeholder(np.array([1.0, 2.0]))
    assert is_placeholder(np.array([1.0, ...], dtype=object))
    assert isinstance(Feedback("1.1", "correct", "x"), Feedback)
