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
from nnlib.mlp import HIDDEN_ACTIVATIONS, MLPClassifier, MLPRegressor

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
    with pytest.raises(TypeError, match="layer must be an nnlib.layers.Layer"):
        check_layer_gradients("dense", X)
    with pytest.raises(ValueError, match="y must be given to check the loss layer SoftmaxCrossEntropy"):
        check_layer_gradients(Ly.SoftmaxCrossEntropy(), X)
    with pytest.raises(ValueError, match="y is only for loss layers"):
        check_layer_gradients(Ly.ReLU(), X, y=Y_CLASSES)
    with pytest.raises(ValueError, match="x must be a 2-D array"):
        check_layer_gradients(Ly.ReLU(), np.ones(3))


def test_a_wrong_backward_is_caught():
    class BrokenSigmoid(Ly.Sigmoid):
        def backward(self, grad):
            return grad * self.out  # forgot the (1 − σ) factor

    assert check_layer_gradients(BrokenSigmoid(), X)["x"] > 0.1
    net = [Ly.Dense(3, 4, rng=0), BrokenSigmoid(), Ly.Dense(4, 3, rng=1), Ly.SoftmaxCrossEntropy()]
    errors = check_gradients(net, X, Y_CLASSES)
    assert errors["W1"] > 0.1 and errors["W2"] < 1e-7  # the layer after the bug is still right


# -- backprop through whole networks ---------------------------------------------------------------
def hidden_pre_activations(model, X):
    out, zs = X, []
    for layer in model.layers_[:-1]:
        out = layer.forward(out)
        if isinstance(layer, Ly.Dense):
            zs.append(out)
    return np.concatenate([z.ravel() for z in zs])


@pytest.mark.parametrize("activation", HIDDEN_ACTIVATIONS)
@pytest.mark.parametrize("kind", ["classifier", "regressor"])
def test_every_activation_and_loss_combination(activation, kind):
    if kind == "classifier":
        model = MLPClassifier(hidden_sizes=(5, 4), activation=activation, random_state=1)
        model.initialize(3, [0, 1, 2])
        y = Y_CLASSES
    else:
        model = MLPRegressor(hidden_sizes=(5, 4), activation=activation, random_state=1).initialize(3)
        y = Y_VALUES
    for layer in model.layers_[::2]:  # non-zero biases so that every term is exercised
        layer.b[:] = RNG.uniform(-0.5, 0.5, layer.b.shape)
    # Smooth points only: no pre-activation within 1e-3 of the ReLU kink.
    assert np.min(np.abs(hidden_pre_activations(model, X))) > 1e-3
    errors = check_gradients(model, X, y)
    assert list(errors) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert max_relative_error(errors) < 1e-6, errors


@pytest.mark.parametrize("model", [MLPClassifier(hidden_sizes=(4,), l2=0.3, activation="tanh"),
                                   MLPRegressor(hidden_sizes=(4,), l2=0.3, activation="sigmoid")], ids=repr)
def test_l2_penalty_gradient(model):
    y = Y_CLASSES if isinstance(model, MLPClassifier) else Y_VALUES
    errors = check_gradients(model, X, y)  # builds the unfitted model from X and y
    assert hasattr(model, "layers_") and max_relative_error(errors) < 1e-6, errors


def test_check_gradients_on_a_trained_model_and_on_string_labels():
    labels = np.array(["a", "b", "c"])[Y_CLASSES]
    model = MLPClassifier(hidden_sizes=(4,), activation="tanh", epochs=5).fit(X, labels)
    assert max_relative_error(check_gradients(model, X, labels)) < 1e-6


def test_check_gradients_on_a_list_of_layers_and_bad_models():
    net = [Ly.Dense(3, 4, rng=0), Ly.Tanh(), Ly.Dense(4, 2, rng=1), Ly.MeanSquaredError()]
    errors = check_gradients(net, X, RNG.normal(size=(6, 2)))
    assert max_relative_error(errors) < 1e-6
    with pytest.raises(ValueError, match="model must be an MLPClassifier/MLPRegressor or a list of layers"):
        check_gradients([Ly.Dense(3, 2, rng=0)], X, Y_CLASSES)
    with pytest.raises(TypeError, match="model must hold only nnlib.layers.Layer"):
        check_gradients(["dense", Ly.SoftmaxCrossEntropy()], X, Y_CLASSES)
    with pytest.raises(ValueError, match="model has no Dense layers"):
        check_gradients([Ly.Tanh(), Ly.SoftmaxCrossEntropy()], X, Y_CLASSES)
    with pytest.raises(ValueError, match="X must have 3 features"):
        check_gradients(MLPClassifier().initialize(3, [0, 1, 2]), X[:, :2], Y_CLASSES)
