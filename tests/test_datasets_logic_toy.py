"""Truth tables of the logic gates and the 2-D toy data sets."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlib.datasets import (
    GATES,
    blobs,
    circles,
    logic_gate,
    moons,
    not_gate,
    spiral,
    xor_cloud,
)

# -- logic gates ---------------------------------------------------------------------------
ROWS = [(0, 0), (0, 1), (1, 0), (1, 1)]
EXPECTED = {
    "AND": lambda a, b: a and b,
    "OR": lambda a, b: a or b,
    "NAND": lambda a, b: not (a and b),
    "NOR": lambda a, b: not (a or b),
    "XOR": lambda a, b: a != b,
    "XNOR": lambda a, b: a == b,
}


def test_gates_tuple_lists_all_six():
    assert GATES == ("AND", "OR", "NAND", "NOR", "XOR", "XNOR")


@pytest.mark.parametrize("name", GATES)
def test_binary_truth_table(name):
    X, y = logic_gate(name)
    assert X.shape == (4, 2) and X.dtype == np.float64
    np.testing.assert_array_equal(X, ROWS)
    np.testing.assert_array_equal(y, [int(EXPECTED[name](a, b)) for a, b in ROWS])


@pytest.mark.parametrize("name", GATES)
def test_bipolar_truth_table(name):
    X, y = logic_gate(name, encoding="bipolar")
    np.testing.assert_array_equal(X, 2 * np.array(ROWS) - 1)
    np.testing.assert_array_equal(y, [2 * int(EXPECTED[name](a, b)) - 1 for a, b in ROWS])
    assert set(X.ravel()) == {-1.0, 1.0} and set(y.tolist()) <= {-1, 1}


@pytest.mark.parametrize("name", ["and", "Xor", "nAnD"])
def test_gate_name_is_case_insensitive(name):
    np.testing.assert_array_equal(logic_gate(name)[1], logic_gate(name.upper())[1])


def test_unknown_gate_lists_valid_names():
    with pytest.raises(ValueError, match="^name") as info:
        logic_gate("IMPLIES")
    for gate in GATES:
        assert repr(gate) in str(info.value)


def test_gate_name_must_be_a_string():
    with pytest.raises(TypeError, match="^name"):
        logic_gate(3)


def test_bad_encoding_names_the_argument():
    with pytest.raises(ValueError, match="^encoding.*'binary'.*'bipolar'"):
        logic_gate("AND", encoding="ternary")
    with pytest.raises(ValueError, match="^encoding"):
        not_gate("unary")


def test_returned_arrays_are_fresh_copies():
    X, y = logic_gate("AND")
    X[:] = 7
    y[:] = 7
    X2, y2 = logic_gate("AND")
    assert X2.max() == 1 and y2.max() == 1


def test_not_gate():
    X, y = not_gate()
    np.testing.assert_array_equal(X, [[0.0], [1.0]])
    np.testing.assert_array_equal(y, [1, 0])
    X, y = not_gate("bipolar")
    np.testing.assert_array_equal(X, [[-1.0], [1.0]])
    np.testing.assert_array_equal(y, [1, -1])


# -- toy sets ------------------------------------------------------------------------------
TOYS = {
    "blobs": (blobs, 2),
    "moons": (moons, 2),
    "circles": (circles, 2),
    "xor_cloud": (xor_cloud, 2),
    "spiral": (spiral, 2),
}


@pytest.mark.parametrize("name", TOYS)
def test_default_shapes_dtypes_and_labels(name):
    f, n_classes = TOYS[name]
    X, y = f()
    assert X.shape == (200, 2) and X.dtype == np.float64
    assert y.shape == (200,) and y.dtype.kind == "i"
    assert set(y.tolist()) == set(range(n_classes))
    assert np.all(np.isfinite(X))
    # Balanced classes (the sizes differ by at most one).
    counts = np.bincount(y)
    assert counts.max() - counts.min() <= 1


@pytest.mark.parametrize("name", TOYS)
def test_same_seed_same_data_other_seed_other_data(name):
    f, _ = TOYS[name]
    X1, y1 = f(random_state=3)
    X2, y2 = f(random_state=3)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    X3, _ = f(random_state=4)
    assert not np.array_equal(X1, X3)


@pytest.mark.parametrize("name", TOYS)
def test_generator_as_random_state(name):
    f, _ = TOYS[name]
    X1, _ = f(random_state=np.random.default_rng(5))
    X2, _ = f(random_state=np.random.default_rng(5))
    np.testing.assert_array_equal(X1, X2)


@pytest.mark.parametrize("name", TOYS)
def test_samples_are_shuffled(name):
    f, _ = TOYS[name]
    _, y = f(n_samples=100)
    # Sorted labels would make the first mini-batch all one class.
    assert not np.array_equal(y, np.sort(y))


@pytest.mark.parametrize("name", TOYS)
# n >= 2: blobs and spiral default to two groups, and every group needs a point.
@given(n=st.integers(min_value=2, max_value=60), seed=st.integers(0, 2**32 - 1),
       noise=st.floats(min_value=0, max_value=3))
@settings(max_examples=25, deadline=None)
def test_any_valid_arguments_give_consistent_output(name, n, seed, noise):
    f, _ = TOYS[name]
    X, y = f(n_samples=n, noise=noise, random_state=seed)
    assert X.shape == (n, 2) and y.shape == (n,)
    assert np.all(np.isfinite(X))
    assert y.min() >= 0


@pytest.mark.parametrize("name", TOYS)
def test_noise_zero_gives_the_clean_shape_up_to_order(name):
    f, _ = TOYS[name]
    X1, y1 = f(noise=0, random_state=1)
    X2, y2 = f(noise=0, random_state=2)
    # Without noise the seed only changes the order of the points.
    key = lambda X, y: np.lexsort((X[:, 1], X[:, 0], y))
    i, j = key(X1, y1), key(X2, y2)
    np.testing.assert_allclose(X1[i], X2[j])
    np.testing.assert_array_equal(y1[i], y2[j])


def test_noise_zero_geometry():
    X, y = moons(noise=0)
    np.testing.assert_allclose(np.hypot(*X[y == 0].T), 1.0)
    np.testing.assert_allclose(np.hypot(X[y == 1, 0] - 1, X[y == 1, 1] - 0.5), 1.0)
    X, y = circles(noise=0, factor=0.3)
    np.testing.assert_allclose(np.hypot(*X[y == 0].T), 1.0)
    np.testing.assert_allclose(np.hypot(*X[y == 1].T), 0.3)
    X, y = xor_cloud(noise=0)
    np.testing.assert_array_equal(np.abs(X), 1.0)
    np.testing.assert_array_equal(y, (X[:, 0] > 0) != (X[:, 1] > 0))
    X, y = blobs(noise=0)
    assert sorted(map(tuple, np.unique(X, axis=0))) == [(-2.0, pytest.approx(0.0)), (2.0, 0.0)]


def test_xor_cloud_matches_the_xor_gate():
    X, y = xor_cloud(noise=0)
    centers = np.unique(np.column_stack([X, y]), axis=0)
    gate_X, gate_y = logic_gate("XOR", encoding="bipolar")
    np.testing.assert_array_equal(centers[:, :2], gate_X)
    np.testing.assert_array_equal(centers[:, 2], (gate_y + 1) // 2)


def test_blobs_k_centers_and_explicit_centers():
    X, y = blobs(n_samples=90, centers=3)
    assert set(y.tolist()) == {0, 1, 2}
    X, y = blobs(n_samples=10, centers=[[10, 10], [-10, -10]], noise=0.1)
    assert np.all(X[y == 0] > 5) and np.all(X[y == 1] < -5)


def test_blobs_two_default_clusters_are_linearly_separable():
    X, y = blobs(random_state=0)
    # The centres are at (+-2, 0): the line x = 0 separates them.
    assert np.all((X[:, 0] > 0) == (y == 0))


def test_spiral_classes():
    X, y = spiral(n_samples=301, n_classes=3)
    assert X.shape == (301, 2) and set(y.tolist()) == {0, 1, 2}
    assert np.all(np.hypot(*spiral(noise=0)[0].T) <= 1.0 + 1e-12)


@pytest.mark.parametrize("name", TOYS)
@pytest.mark.parametrize(
    "kwargs, error, arg",
    [
        ({"n_samples": 0}, ValueError, "n_samples"),
        ({"n_samples": -5}, ValueError, "n_samples"),
        ({"n_samples": 2.5}, TypeError, "n_samples"),
        ({"n_samples": "100"}, TypeError, "n_samples"),
        ({"n_samples": True}, TypeError, "n_samples"),
        ({"noise": -0.1}, ValueError, "noise"),
        ({"noise": float("nan")}, ValueError, "noise"),
        ({"noise": "high"}, TypeError, "noise"),
        ({"random_state": 1.5}, TypeError, "random_state"),
        ({"random_state": -1}, ValueError, "random_state"),
    ],
)
def test_bad_arguments_name_the_argument(name, kwargs, error, arg):
    f, _ = TOYS[name]
    with pytest.raises(error, match=f"^{arg}"):
        f(**kwargs)


@pytest.mark.parametrize(
    "call, error, arg",
    [
        (lambda: circles(factor=1.0), ValueError, "factor"),
        (lambda: circles(factor=0), ValueError, "factor"),
        (lambda: spiral(n_classes=1), ValueError, "n_classes"),
        (lambda: spiral(n_classes=2.0), TypeError, "n_classes"),
        (lambda: blobs(centers=0), ValueError, "centers"),
        (lambda: blobs(centers=2.5), TypeError, "centers"),
        (lambda: blobs(centers=[[0, 0, 0]]), ValueError, "centers"),
        (lambda: blobs(centers=[1, 2]), ValueError, "centers"),
    ],
)
def test_bad_shape_arguments_name_the_argument(call, error, arg):
    with pytest.raises(error, match=f"^{arg}"):
        call()


def test_one_source_for_inputs_levels_and_encodings():
    from nnlib import learning_rules
    from nnlib.datasets import ENCODINGS, INPUTS, LEVELS, TRUTH_TABLES
    from nnlib.widgets import rule_stepper

    assert set(TRUTH_TABLES) == set(GATES)
    assert LEVELS == {"binary": (0.0, 1.0), "bipolar": (-1.0, 1.0)}
    assert tuple(LEVELS) == ENCODINGS
    assert learning_rules.ENCODINGS is ENCODINGS and rule_stepper.ENCODINGS is ENCODINGS
    with pytest.raises(ValueError):
        INPUTS[0, 0] = 5.0  # read-only: the shared rows cannot be changed by accident
    for name in GATES:
        for encoding in ENCODINGS:
            X, y = logic_gate(name, encoding)
            low, high = LEVELS[encoding]
            np.testing.assert_array_equal(X, np.where(INPUTS == 1, high, low))
            np.testing.assert_array_equal(y, np.where(np.array(TRUTH_TABLES[name]) == 1, high, low))
