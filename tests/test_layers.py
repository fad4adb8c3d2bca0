"""Layers: shapes, initialisation, dtypes, gradient checks for every layer type, stability, bad inputs."""

import warnings

import numpy as np
import pytest

from nnlib import layers as Ly
from nnlib import losses
from nnlib.gradient_check import check_layer_gradients, max_relative_error

RNG = np.random.default_rng(42)
# Inputs kept away from 0 so ReLU-like layers are checked on smooth points, not at their kink.
X_SMOOTH = RNG.uniform(0.2, 2.0, (5, 4)) * RNG.choice([-1.0, 1.0], (5, 4))


def test_dense_shapes_params_and_grads():
    layer = Ly.Dense(4, 3, rng=0)
    assert layer.W.shape == (4, 3) and layer.b.shape == (3,)
    out = layer.forward(X_SMOOTH)
    np.testing.assert_allclose(out, X_SMOOTH @ layer.W + layer.b)
    dx = layer.backward(np.ones((5, 3)))
    assert dx.shape == (5, 4)
    np.testing.assert_allclose(layer.dW, X_SMOOTH.T @ np.ones((5, 3)))
    np.testing.assert_allclose(layer.db, [5.0, 5.0, 5.0])
    assert layer.params()[0] is layer.W and layer.grads()[1] is layer.db
    assert layer.backward(np.ones((5, 3)), input_grad=False) is None
    assert "Dense(4, 3" in repr(layer)


def test_dense_initialisations_have_the_documented_scale():
    he = Ly.Dense(500, 400, rng=0, init="he").W
    assert he.std() == pytest.approx(np.sqrt(2 / 500), rel=0.02)
    xavier = Ly.Dense(500, 400, rng=0, init="xavier").W
    limit = np.sqrt(6 / 900)
    assert np.abs(xavier).max() <= limit and np.abs(xavier).max() > 0.99 * limit
    normal = Ly.Dense(500, 400, rng=0, init="normal").W
    assert normal.std() == pytest.approx(0.01, rel=0.02)
    # Seeded: the same seed gives the same weights; a Generator is used as given.
    np.testing.assert_array_equal(Ly.Dense(3, 2, rng=7).W, Ly.Dense(3, 2, rng=np.random.default_rng(7)).W)


def test_float32_stays_float32_through_forward_and_backward():
    net = [Ly.Dense(4, 6, rng=0, dtype="float32"), Ly.ReLU(), Ly.Dense(6, 3, rng=1, dtype=np.float32)]
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
    assert net[0].dW.dtype == np.float32


@pytest.mark.parametrize(
    "layer",
    [Ly.Dense(4, 3, rng=1), Ly.Dense(4, 2, rng=2, init="xavier"), Ly.Sigmoid(), Ly.Tanh(), Ly.ReLU(),
     Ly.LeakyReLU(), Ly.LeakyReLU(alpha=0.2), Ly.Linear(), Ly.Softmax(), Ly.Activation("sigmoid"),
     Ly.Activation("leaky_relu")],
    ids=repr,
)
def test_layer_backward_matches_numerical_gradient(layer):
    errors = check_layer_gradients(layer, X_SMOOTH)
    assert set(errors) == {"x", *layer.param_names}
    assert max_relative_error(errors) < 1e-6, errors


@pytest.mark.parametrize("y", [np.array([0, 1, 2, 1, 0]), losses.one_hot([2, 2, 0, 1, 0], 4)],
                         ids=["labels", "one-hot"])
def test_softmax_cross_entropy_gradient(y):
    logits = X_SMOOTH[:, : (3 if y.ndim == 1 else 4)]
    assert check_layer_gradients(Ly.SoftmaxCrossEntropy(), logits, y)["x"] < 1e-6


def test_mean_squared_error_gradient_and_values():
    head = Ly.MeanSquaredError()
    y = np.zeros((5, 4))
    assert head.forward(X_SMOOTH, y) == pytest.approx(np.mean(X_SMOOTH**2))
    np.testing.assert_allclose(head.backward(), losses.mse_grad(X_SMOOTH, y))
    assert check_layer_gradients(Ly.MeanSquaredError(), X_SMOOTH, y + 0.5)["x"] < 1e-6


def test_softmax_cross_entropy_matches_losses_module():
    head = Ly.SoftmaxCrossEntropy()
    y = np.array([0, 2, 1, 1, 0])
    z = X_SMOOTH[:, :3]
    assert head.forward(z, y) == pytest.approx(losses.categorical_cross_entropy(z, y))
    np.testing.assert_allclose(head.backward(), losses.categorical_cross_entropy_grad(z, y))
    np.testing.assert_allclose(head.probs.sum(axis=1), 1.0)
    np.testing.assert_allclose(head.backward(grad=2.0), 2 * losses.categorical_cross_entropy_grad(z, y))


def test_step_layer_has_zero_gradient_and_activation_layer_lookup():
    step = Ly.Step()
    np.testing.assert_array_equal(step.forward(np.array([[-1.0, 2.0]])), [[0.0, 1.0]])
    np.testing.assert_array_equal(step.backward(np.array([[3.0, 3.0]])), [[0.0, 0.0]])
    assert isinstance(Ly.activation_layer("ReLU"), Ly.ReLU)
    assert isinstance(Ly.activation_layer("logistic"), Ly.Sigmoid)
    assert isinstance(Ly.activation_layer("softmax"), Ly.Softmax)
    assert Ly.Sigmoid().params() == [] and Ly.Tanh().grads() == []


@pytest.mark.parametrize("layer", [Ly.Sigmoid(), Ly.Tanh(), Ly.ReLU(), Ly.LeakyReLU(), Ly.Linear(), Ly.Step(), Ly.Softmax()],
                         ids=repr)
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
        (lambda: Ly.Dense(3, 2, init="zeros"), ValueError, "init must be one of 'he', 'xavier', 'normal'"),
        (lambda: Ly.Dense(3, 2, dtype="int32"), ValueError, "dtype must be 'float32' or 'float64'"),
        (lambda: Ly.Dense(3, 2, dtype="nonsense"), ValueError, "dtype must be 'float32' or 'float64'"),
        (lambda: Ly.Activation("swish"), ValueError, "activation must be one of"),
        (lambda: Ly.Activation("softmax"), ValueError, "use the Softmax layer"),
    ],
)
def test_bad_construction_names_the_argument(make, exc, match):
    with pytest.raises(exc, match=match):
        make()


def test_bad_forward_and_backward_calls():
    dense = Ly.Dense(4, 3, rng=0)
    with pytest.raises(ValueError, match="backward\\(\\) needs a forward\\(\\) first"):
        dense.backward(np.ones((5, 3)))
    with pytest.raises(ValueError, match=r"x must be a 2-D numpy array of shape \(n_samples, 4\); got shape \(5, 3\)"):
        dense.forward(np.ones((5, 3)))
    with pytest.raises(ValueError, match="x must be a 2-D numpy array"):
        dense.forward([[1.0, 2.0, 3.0, 4.0]])  # a list, not an array
    dense.forward(X_SMOOTH)
    with pytest.raises(ValueError, match=r"grad must have the shape of this layer's last output \(5, 3\)"):
        dense.backward(np.ones((5, 2)))
    relu = Ly.ReLU()
    with pytest.raises(ValueError, match="backward\\(\\) needs a forward\\(\\) first"):
        relu.backward(np.ones((1, 2)))
    with pytest.raises(ValueError, match="x must be a 2-D numpy array"):
        relu.forward(np.ones(3))
    head = Ly.SoftmaxCrossEntropy()
    with pytest.raises(ValueError, match="backward\\(\\) needs a forward"):
        head.backward()
    with pytest.raises(ValueError, match="y must hold class indices < 3"):
        head.forward(X_SMOOTH[:, :3], np.array([0, 1, 2, 3, 0]))
    with pytest.raises(ValueError, match="logits must be a 2-D numpy array"):
        head.forward(np.ones(3), np.array([0]))
    with pytest.raises(ValueError, match=r"y must have the same shape as y_pred \(5, 4\)"):
        Ly.MeanSquaredError().forward(X_SMOOTH, np.zeros(5))
    with pytest.raises(ValueError, match="y must contain only finite"):
        Ly.MeanSquaredError().forward(X_SMOOTH, np.full((5, 4), np.nan))
