"""Losses: known values, gradients against central differences, stability at |z| = 1e4, bad inputs."""

import contextlib
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnlib import losses as L
from nnlib.gradient_check import numerical_gradient, relative_error


@contextlib.contextmanager
def silent():
    """Any numpy floating-point problem or Python warning becomes an error.

    Underflow stays allowed: exp(-1e4) rounding to exactly 0 is the right answer.
    """
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        yield


# -- MSE -------------------------------------------------------------------------------------------
def test_mse_known_values_and_gradient():
    assert L.mse([1.0, 2.0, 3.0], [1.0, 2.0, 3.0]) == 0.0
    assert L.mse([[0.0, 2.0]], [[1.0, 0.0]]) == 2.5
    y_pred, y_true = np.array([[0.3, -1.2], [2.0, 0.5]]), np.array([[0.0, 1.0], [1.5, 0.5]])
    numeric = numerical_gradient(lambda p: L.mse(p, y_true), y_pred.copy())
    assert relative_error(L.mse_grad(y_pred, y_true), numeric) < 1e-8


@pytest.mark.parametrize(
    "args, exc, match",
    [
        (([1.0, 2.0], [[1.0], [2.0]]), ValueError, r"y_true must have the same shape as y_pred"),
        (([np.nan], [1.0]), ValueError, "y_pred must contain only finite"),
        (([1.0], [np.inf]), ValueError, "y_true must contain only finite"),
        (([], []), ValueError, "y_pred must not be empty"),
        ((["a"], [1.0]), TypeError, "y_pred must be numeric"),
    ],
)
def test_mse_bad_inputs(args, exc, match):
    for fn in (L.mse, L.mse_grad):
        with pytest.raises(exc, match=match):
            fn(*args)


# -- binary cross-entropy --------------------------------------------------------------------------
def test_binary_cross_entropy_known_values_and_clipping():
    assert L.binary_cross_entropy([0.5, 0.5], [0, 1]) == pytest.approx(np.log(2))
    assert L.binary_cross_entropy([0.9], [1]) == pytest.approx(-np.log(0.9))
    with silent():
        worst = L.binary_cross_entropy([0.0, 1.0], [1, 0])  # clipped, not inf
    assert np.isfinite(worst) and worst > 20
    p, y = np.array([0.2, 0.7, 0.9]), np.array([0.0, 1.0, 1.0])
    numeric = numerical_gradient(lambda q: L.binary_cross_entropy(q, y), p.copy(), eps=1e-7)
    assert relative_error(L.binary_cross_entropy_grad(p, y), numeric) < 1e-6


def test_bce_with_logits_matches_probability_form_and_is_stable():
    z, y = np.array([-3.0, -0.5, 0.0, 2.0]), np.array([0.0, 1.0, 1.0, 0.0])
    p = 1 / (1 + np.exp(-z))
    assert L.binary_cross_entropy_with_logits(z, y) == pytest.approx(L.binary_cross_entropy(p, y))
    huge = np.array([1e4, -1e4, 1e4, -1e4])
    with silent():
        loss = L.binary_cross_entropy_with_logits(huge, [1, 0, 0, 1])
        grad = L.binary_cross_entropy_with_logits_grad(huge, [1, 0, 0, 1])
    assert loss == pytest.approx(1e4 / 2)  # two right (0 each), two wrong (1e4 each), mean
    np.testing.assert_allclose(grad, [0, 0, 0.25, -0.25])


@settings(max_examples=40, deadline=None)
@given(arrays(np.float64, st.integers(1, 12), elements=st.floats(-20, 20)), st.randoms(use_true_random=False))
def test_bce_with_logits_gradient_matches_numerical(z, rnd):
    y = np.array([rnd.random() < 0.5 for _ in range(len(z))], dtype=float)
    numeric = numerical_gradient(lambda v: L.binary_cross_entropy_with_logits(v, y), z.copy())
    np.testing.assert_allclose(L.binary_cross_entropy_with_logits_grad(z, y), numeric, rtol=1e-6, atol=1e-9)


def test_binary_targets_must_be_in_unit_interval():
    with pytest.raises(ValueError, match=r"y must lie in \[0, 1\]"):
        L.binary_cross_entropy_with_logits([0.0], [2.0])
    with pytest.raises(ValueError, match=r"y_prob must lie in \[0, 1\]"):
        L.binary_cross_entropy([1.5], [1.0])
    with pytest.raises(ValueError, match=r"y_true must lie in \[0, 1\]"):
        L.binary_cross_entropy_grad([0.5], [-1.0])
    with pytest.raises(ValueError, match="y must have the same shape as z"):
        L.binary_cross_entropy_with_logits_grad([0.0, 1.0], [1.0])


# -- categorical cross-entropy ---------------------------------------------------------------------
def test_categorical_cross_entropy_known_values_labels_and_one_hot():
    assert L.categorical_cross_entropy(np.zeros((3, 4)), [0, 1, 3]) == pytest.approx(np.log(4))
    z = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]])
    y = np.array([0, 2])
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    expected = -(logp[0, 0] + logp[1, 2]) / 2
    assert L.categorical_cross_entropy(z, y) == pytest.approx(expected)
    assert L.categorical_cross_entropy(z, L.one_hot(y, 3)) == pytest.approx(expected)
    p = np.exp(logp)
    np.testing.assert_allclose(L.categorical_cross_entropy_grad(z, y), (p - L.one_hot(y, 3)) / 2)
    np.testing.assert_allclose(L.categorical_cross_entropy_grad(z, L.one_hot(y, 3)), (p - L.one_hot(y, 3)) / 2)
    np.testing.assert_allclose(np.exp(L.log_softmax(z)), p)
    # Integer-valued float labels are accepted.
    assert L.categorical_cross_entropy(z, [0.0, 2.0]) == pytest.approx(expected)


def test_categorical_cross_entropy_is_stable_at_huge_logits():
    z = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 1e4]])
    with silent():
        right = L.categorical_cross_entropy(z, [0, 1])
        wrong = L.categorical_cross_entropy(z, [1, 0])
        grad = L.categorical_cross_entropy_grad(z, [1, 0])
        logp = L.log_softmax(z)
    assert right == pytest.approx(np.log(2) / 2)  # second row: two equal top logits
    assert wrong == pytest.approx((2e4 + 2e4 + np.log(2)) / 2)
    assert np.all(np.isfinite(grad)) and np.all(np.isfinite(logp))


@settings(max_examples=40, deadline=None)
@given(
    arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(2, 5)), elements=st.floats(-30, 30)),
    st.randoms(use_true_random=False),
)
def test_softmax_cross_entropy_gradient_matches_numerical(z, rnd):
    y = np.array([rnd.randrange(z.shape[1]) for _ in range(z.shape[0])])
    numeric = numerical_gradient(lambda v: L.categorical_cross_entropy(v, y), z.copy())
    # The loss is known to ~1e-16 absolute, so the numerical gradient only to ~1e-16/eps.
    np.testing.assert_allclose(L.categorical_cross_entropy_grad(z, y), numeric, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize(
    "logits, y, exc, match",
    [
        ([0.0, 1.0], [0], ValueError, "logits must be a 2-D array"),
        ([[0.0, 1.0]], [2], ValueError, r"y must hold class indices < 2"),
        ([[0.0, 1.0]], [-1], ValueError, "y must hold class indices >= 0"),
        ([[0.0, 1.0]], [0.5], ValueError, "y must hold integer class indices"),
        ([[0.0, 1.0]], ["a"], ValueError, "y must hold integer class indices"),
        ([[0.0, 1.0]], [0, 1], ValueError, "y has 2 labels but logits has 1 rows"),
        ([[0.0, 1.0]], [[0.5, 0.2]], ValueError, "rows must be non-negative and sum to 1"),
        ([[0.0, 1.0]], [[1.0, 0.0, 0.0]], ValueError, r"y \(one-hot\) must have the same shape as logits"),
        ([[np.nan, 1.0]], [0], ValueError, "logits must contain only finite"),
        ([[0.0, 1.0]], np.zeros((1, 1, 2)), ValueError, "y must be class indices of shape"),
    ],
)
def test_categorical_cross_entropy_bad_inputs(logits, y, exc, match):
    for fn in (L.categorical_cross_entropy, L.categorical_cross_entropy_grad):
        with pytest.raises(exc, match=match):
            fn(logits, y)


# -- one_hot and get -------------------------------------------------------------------------------
def test_one_hot():
    np.testing.assert_array_equal(L.one_hot([1, 0]), [[0, 1], [1, 0]])
    assert L.one_hot([1, 0], n_classes=4).shape == (2, 4)
    with pytest.raises(ValueError, match=r"y must hold class indices < 2"):
        L.one_hot([0, 2], n_classes=2)
    with pytest.raises(ValueError, match="n_classes must be >= 1"):
        L.one_hot([0], n_classes=0)
    with pytest.raises(ValueError, match="y must hold integer class indices"):
        L.one_hot(["cat", "dog"])
    with pytest.raises(ValueError, match="y must not be empty"):
        L.one_hot([])
