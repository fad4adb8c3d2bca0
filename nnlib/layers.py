"""Layers (계층) of a feed-forward network, each with ``forward`` and ``backward`` side by side.

A layer's ``forward(x)`` remembers what its ``backward`` will need; ``backward(grad)`` takes
∂L/∂(its output) and returns ∂L/∂(its input), storing the gradients of its own parameters
(``Dense.dW``, ``Dense.db``) on the way. Chaining the backward calls in reverse order is
backpropagation.

Every layer works on a whole batch: ``x`` has shape (n_samples, n_features).

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

from . import activations as _activations
from ._checks import as_float_array, check_choice, check_positive_int
from .losses import _logits_and_targets, _softmax_cross_entropy

__all__ = [
    "Layer",
    "Dense",
    "Activation",
    "Sigmoid",
    "Tanh",
    "ReLU",
    "LeakyReLU",
    "Linear",
    "Step",
    "Softmax",
    "SoftmaxCrossEntropy",
    "MeanSquaredError",
    "INITS",
    "DTYPES",
    "as_dtype",
]

#: Weight initialisations accepted by :class:`Dense`.
INITS = ("he", "xavier", "normal")
#: Floating-point types a network can compute in.
DTYPES = ("float32", "float64")


def as_dtype(dtype, name="dtype"):
    """Return ``dtype`` as ``np.float32`` or ``np.float64`` (a name or a numpy dtype), else raise.

    Examples
    --------
    >>> as_dtype("float32")
    dtype('float32')
    """
    try:
        dt = np.dtype(dtype)
    except TypeError:
        dt = None
    if dt is None or dt.name not in DTYPES:
        raise ValueError(f"{name} must be 'float32' or 'float64'; got {dtype!r}")
    return dt


def _check_batch(x, n_features, name="x"):
    # Only a shape check: it costs nanoseconds, unlike a NaN scan, so it can run on every batch.
    if getattr(x, "ndim", None) != 2 or (n_features is not None and x.shape[1] != n_features):
        shape = getattr(x, "shape", None)
        want = f"(n_samples, {n_features})" if n_features is not None else "(n_samples, n_features)"
        raise ValueError(f"{name} must be a 2-D numpy array of shape {want}; got shape {shape}")


def _check_grad(grad, ref):
    """``ref`` is what forward cached (an array, or the output shape); None means no forward yet."""
    if ref is None:
        raise ValueError("backward() needs a forward() first")
    shape = ref if isinstance(ref, tuple) else ref.shape
    if getattr(grad, "shape", None) != shape:
        raise ValueError(f"grad must have the shape of this layer's last output {shape}; "
                         f"got {getattr(grad, 'shape', type(grad).__name__)}")


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
        """The layer's parameter arrays (updated in place by the optimizers)."""
        return [getattr(self, n) for n in self.param_names]

    def grads(self):
        """The gradients of the loss with respect to :meth:`params`, same order and shapes."""
        return [getattr(self, "d" + n) for n in self.param_names]

    def __call__(self, x):
        return self.forward(x)

    def __repr__(self):
        return f"{type(self).__name__}()"


class Dense(Layer):
    """Fully connected layer: ``out = x @ W + b``.

    Parameters
    ----------
    n_in, n_out : int
        Number of inputs and of neurons.
    rng : numpy.random.Generator or int or None
        Source of the initial weights (an int seeds ``numpy.random.default_rng``).
    init : {"he", "xavier", "normal"}, default "he"
        "he": N(0, 2/n_in), made for ReLU; "xavier": Glorot uniform, U(±√(6/(n_in+n_out))), made
        for sigmoid/tanh; "normal": N(0, 0.01²), the small random start of older textbooks.
    dtype : {"float32", "float64"}, default "float64"

    Attributes
    ----------
    W : ndarray of shape (n_in, n_out)
    b : ndarray of shape (n_out,)
    dW, db : ndarray
        ∂L/∂W and ∂L/∂b from the last :meth:`backward`.

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
        self.n_in = check_positive_int(n_in, "n_in")
        self.n_out = check_positive_int(n_out, "n_out")
        check_choice(init, "init", INITS)
        dtype = as_dtype(dtype)
        rng = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
        if init == "he":
            W = rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)
        elif init == "xavier":
            limit = np.sqrt(6.0 / (n_in + n_out))
            W = rng.uniform(-limit, limit, (n_in, n_out))
        else:
            W = rng.standard_normal((n_in, n_out)) * 0.01
        self.init = init
        self.W = W.astype(dtype)
        self.b = np.zeros(n_out, dtype=dtype)
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)
        self.x = None

    def forward(self, x):
        _check_batch(x, self.n_in)
        self.x = x  # backward needs the input: ∂L/∂W = xᵀ · ∂L/∂out
        out = x @ self.W
        out += self.b
        return out

    def backward(self, grad, input_grad=True):
        """Store dW = xᵀ·grad and db = Σ grad; return ∂L/∂x = grad·Wᵀ.

        ``input_grad=False`` skips that last product: a network's first layer has nobody
        upstream to pass it to, and skipping it saves a third of the layer's work.
        """
        _check_grad(grad, None if self.x is None else (self.x.shape[0], self.n_out))
        np.matmul(self.x.T, grad, out=self.dW)
        grad.sum(axis=0, out=self.db)
        return grad @ self.W.T if input_grad else None

    def __repr__(self):
        return f"Dense({self.n_in}, {self.n_out}, init={self.init!r}, dtype={self.W.dtype.name!r})"


class Activation(Layer):
    """Element-wise activation layer out = φ(x), for any name :func:`nnlib.activations.get` knows.

    The backward pass multiplies the incoming gradient by φ'(x) (chain rule, element by element).

    Examples
    --------
    >>> layer = Activation("tanh")
    >>> layer.forward(np.array([[0.0, 1e4]]))
    array([[0., 1.]])
    >>> layer.backward(np.array([[1.0, 1.0]]))
    array([[1., 0.]])
    """

    def __init__(self, name):
        self.activation = _activations.get(name)
        if self.activation.name == "softmax" and type(self) is Activation:
            raise ValueError("activation 'softmax' mixes the entries of a row, so its derivative is "
                             "not element-wise: use the Softmax layer (or SoftmaxCrossEntropy)")
        self.name = self.activation.name
        self.x = self.out = None

    def forward(self, x):
        _check_batch(x, None)
        self.x = x
        self.out = self.activation.f(x)
        return self.out

    def backward(self, grad):
        _check_grad(grad, self.x)
        return grad * self.activation.df(self.x)

    def __repr__(self):
        return f"Activation({self.name!r})"


class Sigmoid(Activation):
    """Sigmoid layer; backward uses σ' = σ(1 − σ) from the stored output.

    Examples
    --------
    >>> Sigmoid().forward(np.array([[0.0]]))
    array([[0.5]])
    """

    def __init__(self):
        super().__init__("sigmoid")

    def backward(self, grad):
        _check_grad(grad, self.out)
        s = self.out
        return grad * s * (1.0 - s)

    def __repr__(self):
        return "Sigmoid()"


class Tanh(Activation):
    """Tanh layer; backward uses tanh' = 1 − tanh² from the stored output.

    Examples
    --------
    >>> Tanh().forward(np.array([[0.0]]))
    array([[0.]])
    """

    def __init__(self):
        super().__init__("tanh")

    def forward(self, x):
        _check_batch(x, None)
        self.x = x
        self.out = np.tanh(x)
        return self.out

    def backward(self, grad):
        _check_grad(grad, self.out)
        t = self.out
        return grad * (1.0 - t * t)

    def __repr__(self):
        return "Tanh()"


class ReLU(Activation):
    """ReLU layer: out = max(0, x); backward lets the gradient through where x > 0.

    Examples
    --------
    >>> layer = ReLU()
    >>> layer.forward(np.array([[-1.0, 2.0]]))
    array([[0., 2.]])
    >>> layer.backward(np.array([[5.0, 5.0]]))
    array([[0., 5.]])
    """

    def __init__(self):
        super().__init__("relu")

    def forward(self, x):
        _check_batch(x, None)
        self.x = x
        self.out = np.maximum(x, 0)  # an int 0 keeps float32 as float32
        return self.out

    def backward(self, grad):
        _check_grad(grad, self.out)
        return grad * (self.out > 0)  # out > 0 exactly where x > 0

    def __repr__(self):
        return "ReLU()"


class LeakyReLU(Activation):
    """Leaky ReLU layer: x where x > 0, else ``alpha``·x.

    Examples
    --------
    >>> LeakyReLU(alpha=0.1).forward(np.array([[-1.0, 2.0]]))
    array([[-0.1,  2. ]])
    """

    def __init__(self, alpha=0.01):
        super().__init__("leaky_relu")
        self.alpha = float(alpha)

    def forward(self, x):
        _check_batch(x, None)
        self.x = x
        self.out = _activations.leaky_relu(x, self.alpha)
        return self.out

    def backward(self, grad):
        _check_grad(grad, self.x)
        return grad * _activations.d_leaky_relu(self.x, self.alpha)

    def __repr__(self):
        return f"LeakyReLU(alpha={self.alpha})"


class Linear(Activation):
    """Identity layer: out = x, gradient passed through unchanged (the regression output).

    Examples
    --------
    >>> layer = Linear()
    >>> layer.forward(np.array([[1.0]]))
    array([[1.]])
    >>> layer.backward(np.array([[3.0]]))
    array([[3.]])
    """

    def __init__(self):
        super().__init__("linear")

    def forward(self, x):
        _check_batch(x, None)
        self.x = self.out = x
        return x

    def backward(self, grad):
        _check_grad(grad, self.out)
        return grad

    def __repr__(self):
        return "Linear()"


class Step(Activation):
    """Step layer (the perceptron's activation). Its gradient is 0 everywhere: it cannot learn.

    Examples
    --------
    >>> Step().forward(np.array([[-1.0, 1.0]]))
    array([[0., 1.]])
    """

    def __init__(self):
        super().__init__("step")

    def __repr__(self):
        return "Step()"


class Softmax(Activation):
    """Softmax layer: each row becomes probabilities. Prefer :class:`SoftmaxCrossEntropy` for training.

    Every output depends on every input of its row, so backward applies the full Jacobian
    diag(s) − s sᵀ to the incoming gradient: ∂L/∂x = s ⊙ (g − Σⱼ gⱼ sⱼ).

    Examples
    --------
    >>> layer = Softmax()
    >>> layer.forward(np.array([[0.0, 0.0]]))
    array([[0.5, 0.5]])
    >>> layer.backward(np.array([[1.0, 0.0]]))
    array([[ 0.25, -0.25]])
    """

    def __init__(self):
        super().__init__("softmax")

    def backward(self, grad):
        _check_grad(grad, self.out)
        s = self.out
        return s * (grad - (grad * s).sum(axis=1, keepdims=True))

    def __repr__(self):
        return "Softmax()"


#: Activation layer class for each name, used by the MLP.
ACTIVATION_LAYERS = {
    "sigmoid": Sigmoid,
    "tanh": Tanh,
    "relu": ReLU,
    "leaky_relu": LeakyReLU,
    "linear": Linear,
    "step": Step,
    "softmax": Softmax,
}


def activation_layer(name):
    """A new activation layer for ``name`` (the fast named class when there is one).

    Examples
    --------
    >>> activation_layer("relu")
    ReLU()
    """
    act = _activations.get(name)
    cls = ACTIVATION_LAYERS.get(act.name)
    return cls() if cls is not None else Activation(act.name)


class SoftmaxCrossEntropy(Layer):
    """Softmax output with cross-entropy loss, as one layer.

    ``forward(logits, y)`` returns the mean loss −mean(log softmax(z)[y]); ``backward()`` returns
    ∂L/∂logits = (softmax(z) − onehot(y)) / n. Fusing the two avoids dividing by tiny
    probabilities and gives that famously simple gradient.

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

    def __init__(self):
        self.probs = None
        self.y = None
        self._rows = np.arange(0)

    def forward(self, logits, y):
        """Mean cross-entropy of ``logits`` (n, k) against labels (n,) or one-hot (n, k)."""
        _check_batch(logits, None, "logits")
        z, y = _logits_and_targets(logits, y)
        return self._forward(z.astype(logits.dtype, copy=False), y)

    def _forward(self, logits, y):
        # No validation: the MLP calls this once per mini-batch with labels it encoded itself.
        if len(self._rows) != len(logits):
            self._rows = np.arange(len(logits))  # row indices for probs[rows, y], kept between batches
        loss, self.probs = _softmax_cross_entropy(logits, y, self._rows)
        self.y = y
        return loss

    def backward(self, grad=None):
        """∂L/∂logits = (probs − onehot(y)) / n. ``grad`` (∂L/∂loss) defaults to 1."""
        if self.probs is None:
            raise ValueError("backward() needs a forward(logits, y) first")
        g = self.probs.copy()
        n = len(g)
        if self.y.ndim == 1:
            g[self._rows, self.y] -= 1.0
        else:
            g -= self.y
        g *= (1.0 if grad is None else float(grad)) / n
        return g

    def __repr__(self):
        return "SoftmaxCrossEntropy()"


class MeanSquaredError(Layer):
    """Mean squared error as a final layer (for regression with a linear output).

    ``forward(y_pred, y)`` returns mean((ŷ − y)²) over every entry; ``backward()`` returns
    2(ŷ − y) / (number of entries).

    Examples
    --------
    >>> head = MeanSquaredError()
    >>> head.forward(np.array([[1.0], [3.0]]), np.array([[0.0], [3.0]]))
    0.5
    >>> head.backward()
    array([[1.],
           [0.]])
    """

    def __init__(self):
        self.diff = None

    def forward(self, y_pred, y):
        _check_batch(y_pred, None, "y_pred")
        y = as_float_array(y, "y", dtype=y_pred.dtype)
        if y.shape != y_pred.shape:
            raise ValueError(f"y must have the same shape as y_pred {y_pred.shape}; got {y.shape}")
        return self._forward(y_pred, y)

    def _forward(self, y_pred, y):
        self.diff = y_pred - y
        return float(np.vdot(self.diff, self.diff) / self.diff.size)

    def backward(self, grad=None):
        """∂L/∂ŷ = 2(ŷ − y) / size; ``grad`` (∂L/∂loss) defaults to 1."""
        if self.diff is None:
            raise ValueError("backward() needs a forward(y_pred, y) first")
        return self.diff * ((2.0 if grad is None else 2.0 * float(grad)) / self.diff.size)

    def __repr__(self):
        return "MeanSquaredError()"

