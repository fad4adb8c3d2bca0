"""Activation functions (활성화 함수) and their derivatives.

Every function works element-wise on any array shape (a whole batch at once) and stays finite
for huge inputs: ``sigmoid(1e4)`` is ``1.0`` with no overflow warning, never NaN.

Examples
--------
>>> import numpy as np
>>> from nnlib import activations
>>> activations.sigmoid(np.array([-1e4, 0.0, 1e4]))
array([0. , 0.5, 1. ])
>>> activations.get("relu").df(np.array([-2.0, 3.0]))
array([0., 1.])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._checks import as_float_array, check_axis, check_finite_scalar

__all__ = [
    "Activation",
    "NAMES",
    "get",
    "step",
    "d_step",
    "sigmoid",
    "d_sigmoid",
    "tanh",
    "d_tanh",
    "relu",
    "d_relu",
    "leaky_relu",
    "d_leaky_relu",
    "linear",
    "d_linear",
    "softmax",
    "log_softmax",
]


def _as_float(z):
    """``z`` as a float array (float32 stays float32); None, strings and complex numbers raise."""
    return as_float_array(z, "z", allow_empty=True, dtype=None, finite=False)


def step(z, threshold=0.0):
    """Heaviside step, the "all or none" neuron: 1 where ``z >= threshold``, else 0.

    Examples
    --------
    >>> step(np.array([-0.5, 0.0, 2.0]))
    array([0., 1., 1.])
    """
    z = _as_float(z)
    threshold = check_finite_scalar(threshold, "threshold")
    return (z >= threshold).astype(z.dtype)


def d_step(z, threshold=0.0):
    """Derivative of the step: 0 everywhere (undefined at the threshold, taken as 0).

    That zero is why the step cannot be trained by gradient descent.

    Examples
    --------
    >>> d_step(np.array([-1.0, 1.0]))
    array([0., 0.])
    """
    check_finite_scalar(threshold, "threshold")
    return np.zeros_like(_as_float(z))


def sigmoid(z):
    """Logistic sigmoid 1 / (1 + e^-z), squashing any number into (0, 1).

    Computed from ``exp(-|z|)``, which never overflows, so huge inputs give exactly 0 or 1.

    Examples
    --------
    >>> sigmoid(np.array([0.0]))
    array([0.5])
    """
    z = _as_float(z)
    e = np.exp(-np.abs(z))  # in (0, 1]: no overflow for any z
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(z.dtype, copy=False)


def d_sigmoid(z):
    """Derivative σ'(z) = σ(z)·(1 − σ(z)); at most 0.25, which is why deep sigmoid nets vanish.

    Examples
    --------
    >>> d_sigmoid(np.array([0.0]))
    array([0.25])
    """
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """Hyperbolic tangent, output in (−1, 1), zero-centred.

    Examples
    --------
    >>> tanh(np.array([0.0, 1e4]))
    array([0., 1.])
    """
    return np.tanh(_as_float(z))


def d_tanh(z):
    """Derivative 1 − tanh²(z).

    Examples
    --------
    >>> d_tanh(np.array([0.0]))
    array([1.])
    """
    t = np.tanh(_as_float(z))
    return 1.0 - t * t


def relu(z):
    """Rectified linear unit max(0, z).

    Examples
    --------
    >>> relu(np.array([-2.0, 3.0]))
    array([0., 3.])
    """
    z = _as_float(z)
    return np.maximum(z, 0.0).astype(z.dtype, copy=False)


def d_relu(z):
    """Derivative of ReLU: 1 where z > 0, else 0 (0 chosen at the kink).

    Examples
    --------
    >>> d_relu(np.array([-2.0, 3.0]))
    array([0., 1.])
    """
    z = _as_float(z)
    return (z > 0).astype(z.dtype)


def leaky_relu(z, alpha=0.01):
    """Leaky ReLU: z where z > 0, else ``alpha``·z, so negative units still pass a gradient.

    Examples
    --------
    >>> leaky_relu(np.array([-100.0, 2.0]))
    array([-1.,  2.])
    """
    z = _as_float(z)
    alpha = check_finite_scalar(alpha, "alpha")
    return np.where(z > 0, z, alpha * z).astype(z.dtype, copy=False)


def d_leaky_relu(z, alpha=0.01):
    """Derivative of leaky ReLU: 1 where z > 0, else ``alpha``.

    Examples
    --------
    >>> d_leaky_relu(np.array([-1.0, 1.0]))
    array([0.01, 1.  ])
    """
    z = _as_float(z)
    alpha = check_finite_scalar(alpha, "alpha")
    return np.where(z > 0, 1.0, alpha).astype(z.dtype, copy=False)


def linear(z):
    """Identity φ(z) = z, the output activation for regression and Adaline.

    Examples
    --------
    >>> linear(np.array([-1.5]))
    array([-1.5])
    """
    return _as_float(z).copy()


def d_linear(z):
    """Derivative of the identity: 1 everywhere.

    Examples
    --------
    >>> d_linear(np.array([5.0]))
    array([1.])
    """
    return np.ones_like(_as_float(z))


def log_softmax(z, axis=-1):
    """log softmax(z) along ``axis``: z − max(z) − log Σ exp(z − max(z)), which never overflows.

    Subtracting the maximum changes nothing (softmax(z) = softmax(z − c)) but keeps every
    exponent ≤ 0, so ``exp`` cannot overflow and the log never sees 0. A row wider than the
    float range (``[1e308, -1e308]``) saturates at the most negative float for the far-below
    entries (never −inf, so a cross-entropy term 0·log p stays 0): their probability is exactly 0.

    Raises
    ------
    TypeError, ValueError
        For non-numeric ``z`` (None, strings, complex), a 0-d ``z``, or an ``axis`` that is not
        an int in [−z.ndim, z.ndim).

    Examples
    --------
    >>> log_softmax(np.array([[0.0, 0.0], [1e4, 0.0]]))
    array([[-6.93147181e-01, -6.93147181e-01],
           [ 0.00000000e+00, -1.00000000e+04]])
    """
    z = _as_float(z)
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension (a vector of scores) for softmax")
    axis = check_axis(axis, z.ndim)
    with np.errstate(over="ignore"):  # z − max can fall below the float range (−inf) ...
        shifted = z - z.max(axis=axis, keepdims=True)
    shifted = np.maximum(shifted, np.finfo(z.dtype).min)  # ... so saturate: 0·log p stays 0
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def softmax(z, axis=-1):
    """Softmax along ``axis``: exponentiate and normalise so each row sums to 1.

    Computed as exp(:func:`log_softmax`), so huge scores give exact 0s and 1s with no overflow.
    Its derivative mixes the entries of a row (it is not element-wise): in training softmax is
    paired with cross-entropy, whose combined gradient is simply softmax(z) − y
    (see :class:`nnlib.layers.SoftmaxCrossEntropy`).

    Examples
    --------
    >>> softmax(np.array([[0.0, 0.0], [1e4, 0.0]]))
    array([[0.5, 0.5],
           [1. , 0. ]])
    """
    return np.exp(log_softmax(z, axis=axis))


@dataclass(frozen=True)
class Activation:
    """An activation function with its derivative, looked up by name with :func:`get`.

    Attributes
    ----------
    name : str
    f : callable
        φ(z), element-wise.
    df : callable or None
        φ'(z), element-wise (None for softmax, whose derivative is not element-wise).
    output_range : tuple of float
        The interval the outputs lie in, for labelling plots.

    Examples
    --------
    >>> act = get("tanh")
    >>> act(np.array([0.0])), act.df(np.array([0.0]))
    (array([0.]), array([1.]))
    """

    name: str
    f: Callable
    df: Callable | None
    output_range: tuple

    def __call__(self, z):
        return self.f(z)


_REGISTRY = {
    "step": Activation("step", step, d_step, (0.0, 1.0)),
    "sigmoid": Activation("sigmoid", sigmoid, d_sigmoid, (0.0, 1.0)),
    "tanh": Activation("tanh", tanh, d_tanh, (-1.0, 1.0)),
    "relu": Activation("relu", relu, d_relu, (0.0, np.inf)),
    "leaky_relu": Activation("leaky_relu", leaky_relu, d_leaky_relu, (-np.inf, np.inf)),
    "linear": Activation("linear", linear, d_linear, (-np.inf, np.inf)),
    "softmax": Activation("softmax", softmax, None, (0.0, 1.0)),
}

#: Names accepted by :func:`get`, in the order the course introduces them.
NAMES = tuple(_REGISTRY)


def get(name):
    """Look up an :class:`Activation` by name (case-insensitive; an Activation passes through).

    Parameters
    ----------
    name : str or Activation
        One of ``NAMES``; ``"identity"`` is accepted for ``"linear"`` and ``"leaky-relu"`` for
        ``"leaky_relu"``.

    Raises
    ------
    ValueError
        For an unknown name; the message lists the valid names.

    Examples
    --------
    >>> get("Sigmoid").name
    'sigmoid'
    """
    if isinstance(name, Activation):
        return name
    if not isinstance(name, str):
        raise TypeError(f"activation must be a name (str); got {type(name).__name__}")
    key = name.strip().lower().replace("-", "_")
    key = {"identity": "linear", "logistic": "sigmoid"}.get(key, key)
    try:
        return _REGISTRY[key]
    except KeyError:
        valid = ", ".join(repr(n) for n in NAMES)
        raise ValueError(f"activation must be one of {valid}; got {name!r}") from None
