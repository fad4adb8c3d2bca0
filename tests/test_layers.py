"""Layers: shapes, initialisation, dtypes, gradient checks for every layer type, stability, bad inputs."""

import warnings

import numpy as np
import pytest

from nnlib import activations
from nnlib import layers as Ly
from nnlib import losses
from nnlib.gradient_check import check_layer_gradients, max_relative_error

RNG = np.random.default_rng(42)
# Inputs kept away from 0 so ReLU-like layers are checked on smooth points, not at their kink.
X_SMOOTH = RNG.uniform(0.2, 2.0, (5, 4)) * RNG.choice([-1.0, 1.0], (5, 4))


def test_dense_is_the_textbook_formula_and_stores_fresh_gradients():
    layer = Ly.Dense(4, 3, rng=0)
    assert layer.W.shape == (4, 3) and layer.b.shape == (3,) and layer.dW is None
    out = layer.forward(X_SMOOTH)
    np.testing.assert_allclose(out, X_SMOOTH @ layer.W + layer.b)
    G = RNG.normal(size=(5, 3))
    dx = layer.backward(G)
    np.testing.assert_allclose(dx, G @ layer.W.T)
    np.testing.assert_allclose(layer.dW, X_SMOOTH.T @ G)
    np.testing.assert_allclose(layer.db, G.sum(axis=0))
    first_dW = layer.dW
    layer.backward(2 * G)  # a new array each time, not written into the old one
    assert layer.dW is not first_dW
    np.testing.assert_allclose(first_dW, X_SMOOTH.T @ G)
    assert layer.params()[0] is layer.W and layer.grads()[1] is layer.db
    assert repr(layer) == "Dense(4, 3, init='he', dtype='float64')"


def test_dense_initialisations_have_the_documented_scale():
    he = Ly.Dense(500, 400, rng=0, init="he").W
    assert he.std() == pytest.approx(np.sqrt(2 / 500), rel=0.02)
    xavier = Ly.Dense(500, 400, rng=0, init="xavier").W
    limit = np.sqrt(6 / 900)
    assert np.abs(xavier).max() <= limit and np.abs(xavier).max() > 0.99 * limit
    # Seeded: the same seed gives the same weights; a Generator is used as given.
    np.testing.assert_array_equal(Ly.Dense(3, 2, rng=7).W, Ly.Dense(3, 2, rng=np.random.default_rng(7)).W)


def test_float32_stays_float32_through_forward_and_backward():
    net = [Ly.Dense(4, 6, rng=0, dtype="float32"), Ly.ReLU(), Ly.Dense(6, 3, rng=1, dtype=np.float32), Ly.Tanh()]
    head = Ly.SoftmaxCrossEntropy()
    out = X_SMOOTH.astype(np.float32)
    for layer in net:
        out = layer.forward(out)
        assert out.dtype == np.float32
    head.forward(out, np.array([0, 1, 2, 0, 1]))
    grad = head.backward()
    assert grad.dtype == np.float32
    for layer in reversed(net):
        grad = layer.backward(grad)
        assert grad.dtype == np.float32
    assert net[0].dW.dtype == np.float32 and net[0].db.dtype == np.float32


@pytest.mark.parametrize(
    "layer",
    [Ly.Dense(4, 3, rng=1), Ly.Dense(4, 2, rng=2, init="xavier"), Ly.Sigmoid(), Ly.Tanh(), Ly.ReLU(),
     Ly.LeakyReLU(), Ly.LeakyReLU(alpha=0.2), Ly.Linear()],
    ids=repr,
)
def test_layer_backward_matches_numerical_gradient(layer):
    errors = check_layer_gradients(layer, X_SMOOTH)
    assert set(errors) == {"x", *layer.param_names}
    assert max_relative_error(errors) < 1e-6, errors


def test_float32_layer_is_checked_in_float64():
    errors = check_layer_gradients(Ly.Dense(4, 3, rng=0, dtype="float32"), X_SMOOTH)
    assert max_relative_error(errors) < 1e-6


@pytest.mark.parametrize("name, layer", [("sigmoid", Ly.Sigmoid()), ("tanh", Ly.Tanh()), ("relu", Ly.ReLU()),
                                         ("leaky_relu", Ly.LeakyReLU()), ("linear", Ly.Linear())])
def test_activation_layers_use_the_activations_module(name, layer):
    act = activations.get(name)
    np.testing.assert_allclose(layer.forward(X_SMOOTH), act.f(X_SMOOTH))
    np.testing.assert_allclose(layer.backward(np.ones_like(X_SMOOTH)), act.df(X_SMOOTH))
    assert type(Ly.activation_layer(name)) is type(layer)


@pytest.mark.parametrize("y", [np.array([0, 1, 2, 1, 0]), losses.one_hot([2, 2, 0, 1, 0], 4)],
                         ids=["labels", "one-hot"])
def test_softmax_cross_entropy_gradient(y):
    logits = X_SMOOTH[:, : (3 if y.ndim == 1 else 4)]
    assert check_layer_gradients(Ly.SoftmaxCrossEntropy(), logits, y)["x"] < 1e-6


def test_mean_squared_error_is_half_the_mse_with_gradient_y_hat_minus_y():
    head = Ly.MeanSquaredError()
    y = RNG.normal(size=(5, 4))
    assert head.forward(X_SMOOTH, y) == pytest.approx(0.5 * losses.mse(X_SMOOTH, y))
    np.testing.assert_allclose(head.backward(), (X_SMOOTH - y) / y.size)
    np.testing.assert_allclose(head.backward(), 0.5 * losses.mse_grad(X_SMOOTH, y))
    assert check_layer_gradients(Ly.MeanSquaredError(), X_SMOOTH, y)["x"] < 1e-6


def test_softmax_cross_entropy_matches_losses_module_and_sums_to_one():
    head = Ly.SoftmaxCrossEntropy()
    y = np.array([0, 2, 1, 1, 0])
    z = X_SMOOTH[:, :3]
    assert head.forward(z, y) == pytest.approx(-np.mean(np.log(activations.softmax(z))[np.arange(5), y]))
    assert head.forward(z, y) == pytest.approx(losses.categorical_cross_entropy(z, y))
    np.testing.assert_allclose(head.backward(), losses.categorical_cross_entropy_grad(z, y))
    np.testing.assert_allclose(head.probs.sum(axis=1), 1.0)


def test_activation_layer_lookup_and_layers_without_parameters():
    assert isinstance(Ly.activation_layer("ReLU"), Ly.ReLU)
    assert isinstance(Ly.activation_layer("logistic"), Ly.Sigmoid)
    assert isinstance(Ly.activation_layer("identity"), Ly.Linear)
    assert Ly.Sigmoid().params() == [] and Ly.Tanh().grads() == []
    for name in ("step", "softmax"):
        with pytest.raises(ValueError, match="activation must be one of 'sigmoid'"):
            Ly.activation_layer(name)


def test_every_layer_takes_the_training_flag():
    x = X_SMOOTH
    for layer in (Ly.Dense(4, 4, rng=0), Ly.Sigmoid(), Ly.Tanh(), Ly.ReLU(), Ly.LeakyReLU(), Ly.Linear()):
        np.testing.assert_array_equal(layer.forward(x, training=True), layer.forward(x, training=False))


@pytest.mark.parametrize("layer", [Ly.Sigmoid(), Ly.Tanh(), Ly.ReLU(), Ly.LeakyReLU(), Ly.Linear()], ids=repr)
def test_activation_layers_are_stable_at_huge_inputs(layer):
    x = np.array([[-1e4, -50.0, 0.5, 50.0, 1e4]])
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        out = layer.forward(x)
        grad = layer.backward(np.ones_like(x))
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(grad))


def test_softmax_cross_entropy_is_stable_at_huge_logits():
    head = Ly.SoftmaxCrossEntropy()
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        loss = head.forward(np.array([[1e4, -1e4], [-1e4, 1e4]]), np.array([1, 1]))
        grad = head.backward()
    assert loss == pytest.approx(1e4) and np.all(np.isfinite(grad))


@pytest.mark.parametrize(
    "make, exc, match",
    [
        (lambda: Ly.Dense(0, 3), ValueError, "n_in must be >= 1"),
        (lambda: Ly.Dense(3, 2.5), TypeError, "n_out must be an integer"),
        (lambda: Ly.Dense(3, 2, init="zeros"), ValueError, "init must be one of 'he', 'xavier'"),
        (lambda: Ly.Dense(3, 2, dtype="int32"), ValueError, "dtype must be 'float32' or 'float64'"),
        (lambda: Ly.Dense(3, 2, dtype="nonsense"), ValueError, "dtype must be 'float32' or 'float64'"),
        (lambda: Ly.activation_layer("swish"), ValueError, "activation must be one of"),
    ],
)
def test_bad_construction_names_the_argument(make, exc, match):
    with pytest.raises(exc, match=match):
        make()


def test_bad_shapes_are_named():
    dense = Ly.Dense(4, 3, rng=0)
    with pytest.raises(ValueError, match=r"x must be an array of shape \(n_samples, 4\); got shape \(5, 3\)"):
        dense.forward(np.ones((5, 3)))
    with pytest.raises(ValueError, match=r"x must be an array of shape \(n_samples, 4\); got shape \(4,\)"):
        dense.forward(np.ones(4))
    with pytest.raises(ValueError, match=r"y must have the shape of y_hat \(5, 4\)"):
        Ly.MeanSquaredError().forward(X_SMOOTH, np.zeros(5))
