"""Layers (계층) of a feed-forward network, each with ``forward`` and ``backward`` side by side.

A layer's ``forward(x)`` remembers what its ``backward`` will need; ``backward(grad)`` takes
∂L/∂(its output) and returns ∂L/∂(its input), storing the gradients of its own parameters on the
way (``Dense.dW``, ``Dense.db``). Chaining the backward calls in reverse order is
backpropagation; :class:`nnlib.network.Network` does exactly that.

Every layer works on a whole batch: ``x`` has shape (n_samples, n_features), one sample per row,
so a dense layer computes z = xW + b. ``forward(x, training=False)``: ``training`` is True while
a network trains; layers that behave differently then (dropout, say) read it, the others ignore it.

The style follows Deep Learning from Scratch, ``common/layers.py`` (Saito 2016) and micrograd.

Examples
--------
>>> import numpy as np
>>> from nnlib.layers import Dense, ReLU, SoftmaxCrossEntropy
>>> rng = np.random.default_rng(0)
>>> net = [Dense(2, 3, rng), ReLU(), Dense(3, 2, rng)]
>>> head = SoftmaxCrossEntropy()
>>> x, y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([1, 0])
>>> out = x
>>> for layer in net:
...     out = layer.forward(out)
>>> loss = head.forward(out, y)
>>> grad = head.backward()
>>> for layer in reversed(net):
...     grad = layer.backward(grad)
>>> net[0].dW.shape
(2, 3)
"""

from __future__ import annotations

import numpy as np

from . import activations as act
from ._checks import check_choice, check_dtype, check_finite_scalar, check_positive_int

__all__ = [
    "Layer",
    "Dense",
    "Sigmoid",
    "Tanh",
    "ReLU",
    "LeakyReLU",
    "Linear",
    "SoftmaxCrossEntropy",
    "MeanSquaredError",
    "ACTIVATION_LAYERS",
    "activation_layer",
]


class Layer:
    """Base class: a layer without parameters. Subclasses define ``forward`` and ``backward``.

    ``params()`` and ``grads()`` return lists of arrays in matching order, so an optimizer can
    update every parameter with ``for p, g in zip(params, grads)``; ``param_names`` names them.

    Examples
    --------
    >>> Layer().params()
    []
    """

    param_names = ()

    def params(self):
        """The layer's parameter arrays (the optimizers update them in place)."""
        return [getattr(self, name) for name in self.param_names]

    def grads(self):
        """∂L/∂(each parameter) from the last :meth:`backward`, in the order of :meth:`params`."""
        return [getattr(self, "d" + name) for name in self.param_names]

    def __repr__(self):
        return f"{type(self).__name__}()"


class Dense(Layer):
    """Fully connected layer: z = xW + b.

    Parameters
    ----------
    n_in, n_out : int
        Number of inputs and of neurons.
    rng : numpy.random.Generator or int or None
        Source of the initial weights (an int seeds ``numpy.random.default_rng``).
    init : {"he", "xavier"}, default "he"
        "he": N(0, 2/n_in) (He et al. 2015), made for ReLU; "xavier": U(±√(6/(n_in + n_out)))
        (Glorot & Bengio 2010), made for sigmoid and tanh.
    dtype : {"float64", "float32"}, default "float64"

    Attributes
    ----------
    W : ndarray of shape (n_in, n_out)
        ``W[i, j]`` joins input i to neuron j.
    b : ndarray of shape (n_out,)
    dW, db : ndarray
        ∂L/∂W and ∂L/∂b from the last :meth:`backward` (None before).

    Examples
    --------
    >>> layer = Dense(3, 2, rng=0)
    >>> layer.forward(np.ones((4, 3))).shape
    (4, 2)
    >>> layer.backward(np.ones((4, 2))).shape, layer.dW.shape
    ((4, 3), (3, 2))
    """

    param_names = ("W", "b")

    def __init__(self, n_in, n_out, rng=None, init="he", dtype="float64"):
        n_in = check_positive_int(n_in, "n_in")
        n_out = check_positive_int(n_out, "n_out")
        check_choice(init, "init", ("he", "xavier"))
        rng = np.random.default_rng(rng)  # a Generator passes through unchanged
        if init == "he":
            W = rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)
        else:
            limit = np.sqrt(6.0 / (n_in + n_out))
            W = rng.uniform(-limit, limit, (n_in, n_out))
        self.W = W.astype(check_dtype(dtype))
        self.b = np.zeros(n_out, dtype=self.W.dtype)
        self.dW = self.db = None
        self.init = init

    def forward(self, x, training=False):
        if getattr(x, "ndim", None) != 2 or x.shape[1] != len(self.W):
            raise ValueError(f"x must be an array of shape (n_samples, {len(self.W)}); got shape {np.shape(x)}")
        self.x = x  # backward needs it: ∂L/∂W = xᵀ · ∂L/∂z
        return x @ self.W + self.b

    def backward(self, grad):
        self.dW = self.x.T @ grad
        self.db = grad.sum(axis=0)
        return grad @ self.W.T

    def __repr__(self):
        n_in, n_out = self.W.shape
        return f"Dense({n_in}, {n_out}, init={self.init!r}, dtype={self.W.dtype.name!r})"


# -- activation layers: out = φ(x), and backward multiplies by φ'(x) element by element ----------
# The derivatives φ' live in nnlib.activations (one place for each formula).
class Sigmoid(Layer):
    """Sigmoid layer: σ(x) = 1 / (1 + e⁻ˣ); backward multiplies by σ'(x) = σ(x)(1 − σ(x)).

    Examples
    --------
    >>> layer = Sigmoid()
    >>> layer.forward(np.array([[0.0]]))
    array([[0.5]])
    >>> layer.backward(np.array([[1.0]]))
    array([[0.25]])
    """

    def forward(self, x, training=False):
        self.x = x
        return act.sigmoid(x)

    def backward(self, grad):
        return grad * act.d_sigmoid(self.x)


class Tanh(Layer):
    """Tanh layer; backward multiplies by tanh'(x) = 1 − tanh²(x).

    Examples
    --------
    >>> layer = Tanh()
    >>> layer.forward(np.array([[0.0, 1e4]]))
    array([[0., 1.]])
    >>> layer.backward(np.array([[1.0, 1.0]]))
    array([[1., 0.]])
    """

    def forward(self, x, training=False):
        self.x = x
        return act.tanh(x)

    def backward(self, grad):
        return grad * act.d_tanh(self.x)


class ReLU(Layer):
    """ReLU layer: max(0, x); backward lets the gradient through where x > 0.

    Examples
    --------
    >>> layer = ReLU()
    >>> layer.forward(np.array([[-1.0, 2.0]]))
    array([[0., 2.]])
    >>> layer.backward(np.array([[5.0, 5.0]]))
    array([[0., 5.]])
    """

    def forward(self, x, training=False):
        self.x = x
        return act.relu(x)

    def backward(self, grad):
        return grad * act.d_relu(self.x)


class LeakyReLU(Layer):
    """Leaky ReLU layer: x where x > 0, else α·x (``alpha``); backward multiplies by 1 or α.

    Examples
    --------
    >>> layer = LeakyReLU(alpha=0.1)
    >>> layer.forward(np.array([[-1.0, 2.0]]))
    array([[-0.1,  2. ]])
    >>> layer.backward(np.array([[1.0, 1.0]]))
    array([[0.1, 1. ]])
    """

    def __init__(self, alpha=0.01):
        self.alpha = check_finite_scalar(alpha, "alpha")

    def forward(self, x, training=False):
        self.x = x
        return act.leaky_relu(x, self.alpha)

    def backward(self, grad):
        return grad * act.d_leaky_relu(self.x, self.alpha)

    def __repr__(self):
        return f"LeakyReLU(alpha={self.alpha})"


class Linear(Layer):
    """Identity layer: out = x, gradient passed through unchanged (a "linear" hidden layer).

    Examples
    --------
    >>> Linear().backward(np.array([[3.0]]))
    array([[3.]])
    """

    def forward(self, x, training=False):
        return x

    def backward(self, grad):
        return grad


#: Activation layer class for each name :func:`nnlib.activations.get` knows and a network can train.
ACTIVATION_LAYERS = {"sigmoid": Sigmoid, "tanh": Tanh, "relu": ReLU, "leaky_relu": LeakyReLU, "linear": Linear}


def activation_layer(name):
    """A new activation layer for ``name`` (any spelling :func:`nnlib.activations.get` accepts).

    Examples
    --------
    >>> activation_layer("ReLU")
    ReLU()
    """
    name = act.get(name).name
    if name not in ACTIVATION_LAYERS:
        raise ValueError(f"activation must be one of {', '.join(map(repr, ACTIVATION_LAYERS))} (the step's "
                         f"gradient is 0 and softmax belongs to SoftmaxCrossEntropy); got {name!r}")
    return ACTIVATION_LAYERS[name]()


# -- loss layers: forward(output, y) returns the loss, backward() returns ∂L/∂output ---------------
class SoftmaxCrossEntropy(Layer):
    """Softmax output and cross-entropy loss as one layer (the classifier's head).

    ``forward(logits, y)`` returns the mean over the batch of L = −Σₖ yₖ log softmax(z)ₖ;
    ``backward()`` returns ∂L/∂z = (softmax(z) − y) / n. Fusing the two avoids dividing by tiny
    probabilities and gives that famously simple gradient (Bishop 2006, eq. 4.109).

    ``forward`` takes the logits, shape (n_samples, n_classes), and the targets y as class
    indices 0 … k − 1, shape (n_samples,), or as one-hot (or probability) rows.

    Attributes
    ----------
    probs : ndarray of shape (n_samples, n_classes)
        softmax(logits) from the last forward.

    Examples
    --------
    >>> head = SoftmaxCrossEntropy()
    >>> round(head.forward(np.array([[0.0, 0.0]]), np.array([1])), 4)
    0.6931
    >>> head.backward()
    array([[ 0.5, -0.5]])
    """

    def forward(self, logits, y):
        if y.ndim == 1:  # class indices → one-hot rows
            y = (y[:, None] == np.arange(logits.shape[1])).astype(logits.dtype)
        log_probs = act.log_softmax(logits)  # stable: never log(0)
        self.probs = np.exp(log_probs)
        self.y = y
        return float((y * -log_probs).sum() / len(y))

    def backward(self):
        return (self.probs - self.y) / len(self.y)


class MeanSquaredError(Layer):
    """Squared-error loss for regression: the mean over the batch of L = ½(ŷ − y)².

    The ½ makes ∂L/∂ŷ = ŷ − y, so ``backward()`` returns (ŷ − y) / n. The loss is half of the
    MSE metric that :func:`nnlib.losses.mse` reports (and scikit-learn's MLPRegressor trains).
    With several outputs per sample, the mean runs over every entry.

    Examples
    --------
    >>> head = MeanSquaredError()
    >>> head.forward(np.array([[1.0], [3.0]]), np.array([[0.0], [3.0]]))
    0.25
    >>> head.backward()
    array([[0.5],
           [0. ]])
    """

    def forward(self, y_hat, y):
        if y_hat.shape != y.shape:
            raise ValueError(f"y must have the shape of y_hat {y_hat.shape}; got {y.shape}")
        self.diff = y_hat - y
        return float(0.5 * np.mean(self.diff**2))

    def backward(self):
        return self.diff / self.diff.size
