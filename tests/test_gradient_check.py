"""Gradient checking: the checker itself, and backprop of every activation × loss combination."""

import numpy as np
import pytest

from nnlib import layers as Ly
from nnlib.gradient_check import (
    check_gradients,
    check_layer_gradients,
    max_relative_error,
    numerical_gradient,
    relative_error,
)
from nnlib.layers import ACTIVATION_LAYERS
from nnlib.mlp import MLPClassifier, MLPRegressor
from nnlib.network import Network
from nnlib.optimizers import SGD

RNG = np.random.default_rng(0)
X = RNG.normal(size=(6, 3))
Y_CLASSES = np.array([0, 1, 2, 1, 0, 2])
Y_VALUES = RNG.normal(size=6)


# -- the checker -----------------------------------------------------------------------------------
def test_numerical_gradient_of_known_functions_any_shape():
    x = RNG.normal(size=(2, 3, 4))
    before = x.copy()
    np.testing.assert_allclose(numerical_gradient(lambda v: float(np.sum(v**3)), x), 3 * x**2, rtol=1e-8)
    np.testing.assert_array_equal(x, before)  # restored exactly
    w = np.array(2.0)  # 0-d works too
    assert numerical_gradient(lambda v: float(v) ** 2, w) == pytest.approx(4.0)


def test_numerical_gradient_restores_x_when_f_raises():
    x = np.array([1.0, 2.0])

    def boom(v):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        numerical_gradient(boom, x)
    np.testing.assert_array_equal(x, [1.0, 2.0])


def test_numerical_gradient_bad_arguments():
    with pytest.raises(TypeError, match="f must be callable"):
        numerical_gradient(3, np.zeros(2))
    with pytest.raises(TypeError, match="x must be a float numpy array"):
        numerical_gradient(np.sum, np.zeros(2, dtype=int))
    with pytest.raises(TypeError, match="x must be a float numpy array"):
        numerical_gradient(np.sum, [1.0, 2.0])
    with pytest.raises(ValueError, match="x must not be empty"):
        numerical_gradient(np.sum, np.zeros(0))
    with pytest.raises(ValueError, match="eps must be > 0"):
        numerical_gradient(np.sum, np.zeros(2), eps=0.0)


def test_relative_error():
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error([1.0, -2.0], [1.0, -2.0]) == 0.0
    assert relative_error([1.0, 0.0], [0.0, 1.0]) == 1.0
    assert relative_error([2.0, 1e-12], [2.0, 3e-12]) < 1e-11  # tiny entries do not blow it up
    with pytest.raises(ValueError, match=r"b must have the same shape as a \(2,\)"):
        relative_error([1.0, 2.0], [1.0])
    assert max_relative_error({"W1": 1e-9, "b1": 1e-7}) == 1e-7
    with pytest.raises(ValueError, match="errors must not be empty"):
        max_relative_error({})


def test_check_layer_gradients_arguments():
    with pytest.raises(TypeError, match="layer must have forward and backward methods"):
        check_layer_gradients("dense", X)
    with pytest.raises(ValueError, match="x must be a 2-D array"):
        check_layer_gradients(Ly.ReLU(), np.ones(3))


def test_a_wrong_backward_is_caught():
    class BrokenSigmoid(Ly.Sigmoid):
        def backward(self, grad):
            return grad * self.forward(self.x)  # forgot the (1 − σ) factor

    assert check_layer_gradients(BrokenSigmoid(), X)["x"] > 0.1
    net = Network([Ly.Dense(3, 4, rng=0), BrokenSigmoid(), Ly.Dense(4, 3, rng=1)], Ly.SoftmaxCrossEntropy(), SGD())
    errors = check_gradients(net, X, Y_CLASSES)
    assert errors["W1"] > 0.1 and errors["W2"] < 1e-7  # the layer after the bug is still right


# -- backprop through whole networks ---------------------------------------------------------------
def hidden_pre_activations(network, X):
    out, zs = X, []
    for layer in network.layers[:-1]:
        out = layer.forward(out)
        if isinstance(layer, Ly.Dense):
            zs.append(out)
    return np.concatenate([z.ravel() for z in zs])


@pytest.mark.parametrize("activation", list(ACTIVATION_LAYERS))
@pytest.mark.parametrize("kind", ["classifier", "regressor"])
def test_every_activation_and_loss_combination(activation, kind):
    if kind == "classifier":
        model = MLPClassifier(hidden_sizes=(5, 4), activation=activation, random_state=1).initialize(3, [0, 1, 2])
        y = Y_CLASSES
    else:
        model = MLPRegressor(hidden_sizes=(5, 4), activation=activation, random_state=1).initialize(3)
        y = Y_VALUES[:, None]
    for b in model.intercepts_:  # non-zero biases so that every term is exercised
        b[:] = RNG.uniform(-0.5, 0.5, b.shape)
    # Smooth points only: no pre-activation within 1e-3 of the ReLU kink.
    assert np.min(np.abs(hidden_pre_activations(model.network_, X))) > 1e-3
    errors = check_gradients(model.network_, X, y)
    assert list(errors) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert max_relative_error(errors) < 1e-6, errors


@pytest.mark.parametrize("model", [MLPClassifier(hidden_sizes=(4,), l2=0.3, activation="tanh").initialize(3, [0, 1, 2]),
                                   MLPRegressor(hidden_sizes=(4,), l2=0.3, activation="sigmoid").initialize(3)],
                         ids=lambda m: type(m).__name__)
def test_l2_penalty_gradient(model):
    y = Y_CLASSES if isinstance(model, MLPClassifier) else Y_VALUES[:, None]
    assert model.network_.penalty() > 0
    assert max_relative_error(check_gradients(model.network_, X, y)) < 1e-6


def test_a_trained_float32_network_is_checked_in_float64_and_left_untouched():
    labels = np.array(["a", "b", "c"])[Y_CLASSES]
    model = MLPClassifier(hidden_sizes=(4,), activation="tanh", epochs=5, dtype="float32").fit(X, labels)
    before = [p.copy() for p in model.network_.params()]
    errors = check_gradients(model.network_, X, np.searchsorted(model.classes_, labels))
    assert max_relative_error(errors) < 1e-6
    for p, b in zip(model.network_.params(), before):
        assert p.dtype == np.float32
        np.testing.assert_array_equal(p, b)


def test_check_gradients_on_a_hand_built_network_and_bad_networks():
    net = Network([Ly.Dense(3, 4, rng=0), Ly.Tanh(), Ly.Dense(4, 2, rng=1)], Ly.MeanSquaredError(), SGD())
    assert max_relative_error(check_gradients(net, X, RNG.normal(size=(6, 2)))) < 1e-6
    with pytest.raises(ValueError, match="network has no layer with parameters"):
        check_gradients(Network([Ly.Tanh()], Ly.SoftmaxCrossEntropy(), SGD()), X, Y_CLASSES)
    with pytest.raises(ValueError, match="eps must be > 0"):
        check_gradients(net, X, Y_CLASSES, eps=0)
