"""Neuron: net input, output for a batch or one sample, bad inputs, huge inputs."""

import warnings

import numpy as np
import pytest

from nnlib.neuron import Neuron, neuron_output

GATE_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])


def test_and_or_gates_with_step():
    np.testing.assert_array_equal(Neuron([1, 1], bias=-1.5)(GATE_INPUTS), [0, 0, 0, 1])
    np.testing.assert_array_equal(Neuron([1, 1], bias=-0.5)(GATE_INPUTS), [0, 1, 1, 1])


def test_net_input_batch_and_single_sample():
    n = Neuron([2.0, -1.0], bias=0.5)
    np.testing.assert_allclose(n.net_input(GATE_INPUTS), [0.5, -0.5, 2.5, 1.5])
    z = n.net_input([1.0, 1.0])
    assert isinstance(z, float) and z == 1.5
    assert n.forward([1.0, 1.0]) == 1.0
    assert n.n_features == 2


def test_sigmoid_neuron_known_values_and_function_form():
    n = Neuron([1.0, 1.0], bias=0.0, activation="sigmoid")
    expected = 1 / (1 + np.exp(-GATE_INPUTS.sum(axis=1)))
    np.testing.assert_allclose(n(GATE_INPUTS), expected)
    np.testing.assert_allclose(neuron_output(GATE_INPUTS, [1.0, 1.0], 0.0, "sigmoid"), expected)
    assert n.activation.name == "sigmoid"
    assert "sigmoid" in repr(n)


@pytest.mark.parametrize("activation", ["step", "sigmoid", "tanh", "relu", "leaky_relu", "linear"])
def test_huge_net_input_is_finite_and_silent(activation):
    n = Neuron([1e4, -1e4], bias=0.0, activation=activation)
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        y = n(np.array([[1.0, 0.0], [0.0, 1.0]]))
    assert np.all(np.isfinite(y))


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        (dict(weights=[[1.0, 2.0]]), ValueError, "weights must be a 1-D array"),
        (dict(weights=[]), ValueError, "weights must not be empty"),
        (dict(weights=[1.0, np.nan]), ValueError, "weights must contain only finite"),
        (dict(weights=["a", "b"]), TypeError, "weights must be numeric"),
        (dict(weights=[1.0], bias=np.inf), ValueError, "bias must be finite"),
        (dict(weights=[1.0], bias="0"), TypeError, "bias must be a real number"),
        (dict(weights=[1.0], activation="swish"), ValueError, "activation must be one of"),
    ],
)
def test_bad_construction_names_the_argument(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        Neuron(**kwargs)


@pytest.mark.parametrize(
    "X, match",
    [
        ([1.0, 2.0, 3.0], r"X must have 2 entries"),
        ([[1.0, 2.0, 3.0]], r"X must have 2 features"),
        (np.ones((2, 2, 2)), r"X must be one sample of shape \(2,\) or a batch"),
        ([[np.nan, 1.0]], "X must contain only finite"),
        (np.empty((0, 2)), "X must not be empty"),
    ],
)
def test_bad_inputs_name_X(X, match):
    n = Neuron([1.0, 1.0])
    with pytest.raises(ValueError, match=match):
        n.net_input(X)
    with pytest.raises(ValueError, match=match):
        n.forward(X)
    with pytest.raises(ValueError, match=match):
        neuron_output(X, [1.0, 1.0])
