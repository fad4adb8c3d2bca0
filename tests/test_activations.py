"""Activations: values, derivatives against central differences, stability at |z| = 1e4."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnlib import activations as A

SMOOTH = ["sigmoid", "tanh", "linear"]
PIECEWISE = ["relu", "leaky_relu"]


def central_difference(f, z, eps=1e-6):
    return (f(z + eps) - f(z - eps)) / (2 * eps)


@pytest.mark.parametrize("name", [n for n in A.NAMES if n != "softmax"])
def test_huge_inputs_are_finite_and_silent(name):
    z = np.array([-1e4, -50.0, 0.0, 50.0, 1e4])
    act = A.get(name)
    # Underflow to exactly 0 is the right answer for exp(-1e4); overflow, 0/0 and inf/inf are not.
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        y, dy = act.f(z), act.df(z)
    assert np.all(np.isfinite(y)) and np.all(np.isfinite(dy))


def test_known_values():
    z = np.array([-1e4, -1.0, 0.0, 1.0, 1e4])
    np.testing.assert_allclose(A.sigmoid(z), [0.0, 1 / (1 + np.e), 0.5, 1 / (1 + np.exp(-1)), 1.0])
    np.testing.assert_allclose(A.tanh(z), np.tanh(z))
    np.testing.assert_array_equal(A.step(z), [0, 0, 1, 1, 1])
    np.testing.assert_array_equal(A.step(z, threshold=1.0), [0, 0, 0, 1, 1])
    np.testing.assert_array_equal(A.relu(z), [0, 0, 0, 1, 1e4])
    np.testing.assert_allclose(A.leaky_relu(z), [-100.0, -0.01, 0, 1, 1e4])
    np.testing.assert_array_equal(A.linear(z), z)


def test_step_derivative_is_zero_and_relu_derivative_is_indicator():
    z = np.array([-2.0, -0.1, 0.1, 3.0])
    np.testing.assert_array_equal(A.d_step(z), 0.0)
    np.testing.assert_array_equal(A.d_relu(z), [0, 0, 1, 1])


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(1, 20), elements=st.floats(-30, 30)))
@pytest.mark.parametrize("name", SMOOTH)
def test_smooth_derivative_matches_central_difference(name, z):
    act = A.get(name)
    np.testing.assert_allclose(act.df(z), central_difference(act.f, z), rtol=1e-5, atol=1e-7)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(1, 20), elements=st.floats(-30, 30).filter(lambda v: abs(v) > 1e-3)))
@pytest.mark.parametrize("name", PIECEWISE)
def test_piecewise_derivative_matches_away_from_kink(name, z):
    act = A.get(name)
    np.testing.assert_allclose(act.df(z), central_difference(act.f, z), rtol=1e-5, atol=1e-7)


@settings(max_examples=80, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 8), st.integers(1, 10)), elements=st.floats(-1e4, 1e4)))
def test_softmax_rows_sum_to_one_and_are_stable(z):
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        p = A.softmax(z)
    assert np.all(np.isfinite(p)) and np.all(p >= 0)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-12)
    # The largest logit always gets the largest probability (ties may round to equal).
    rows = np.arange(len(z))
    np.testing.assert_array_equal(p[rows, np.argmax(z, axis=1)], p.max(axis=1))


def test_softmax_is_shift_invariant_and_log_softmax_is_its_stable_log():
    z = np.array([[1.0, 2.0, 3.0]])
    np.testing.assert_allclose(A.softmax(z), A.softmax(z + 1000.0))
    np.testing.assert_allclose(A.log_softmax(z), np.log(A.softmax(z)))
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        big = A.log_softmax(np.array([[1e4, 0.0, -1e4]]))
    np.testing.assert_allclose(big, [[0.0, -1e4, -2e4]])
    assert A.get("softmax").df is None  # its derivative mixes a row: see layers.SoftmaxCrossEntropy


def test_integer_input_is_promoted_and_float32_is_kept():
    assert A.sigmoid(np.array([0, 1])).dtype == np.float64
    assert A.sigmoid(np.array([0, 1], dtype=np.float32)).dtype == np.float32
    assert A.relu(np.array([-1.0, 2.0], dtype=np.float32)).dtype == np.float32


def test_get_by_name_aliases_and_passthrough():
    assert A.get("ReLU").name == "relu"
    assert A.get("identity").name == "linear"
    assert A.get("leaky-relu").name == "leaky_relu"
    act = A.get("tanh")
    assert A.get(act) is act
    np.testing.assert_allclose(act(np.array([0.5])), np.tanh([0.5]))


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValueError, match="activation must be one of") as info:
        A.get("swish")
    for name in A.NAMES:
        assert repr(name) in str(info.value)
    with pytest.raises(TypeError, match="activation"):
        A.get(3)
