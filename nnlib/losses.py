"""Loss functions (손실 함수) and their gradients with respect to the network's output.

Every loss is the *mean* over the samples of a batch, so its gradient carries a ``1/n``.
:func:`mse` is the metric MSE = mean((ŷ − y)²); the squared-error loss a network trains on,
:class:`nnlib.layers.MeanSquaredError`, is the mean of L = ½(ŷ − y)², i.e. ½·MSE.
The cross-entropies take **logits** (the raw scores before sigmoid/softmax) and are computed
through ``logaddexp``/log-softmax, so a logit of ±1e4 gives a finite loss with no warning.

Examples
--------
>>> import numpy as np
>>> from nnlib import losses
>>> losses.mse(np.array([1.0, 2.0]), np.array([1.0, 0.0]))
2.0
>>> round(losses.categorical_cross_entropy(np.array([[0.0, 0.0]]), np.array([1])), 4)
0.6931
"""

from __future__ import annotations

import numpy as np

from . import activations
from ._checks import as_float_array, check_positive, check_positive_int
from .layers import SoftmaxCrossEntropy

__all__ = [
    "mse",
    "mse_grad",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "categorical_cross_entropy",
    "categorical_cross_entropy_grad",
    "log_softmax",
    "one_hot",
]


# -- validation helpers ---------------------------------------------------------------------------
def _pair(a, b, a_name, b_name):
    """Two finite float arrays of the same shape (the common case for element-wise losses)."""
    a = as_float_array(a, a_name)
    b = as_float_array(b, b_name)
    if a.shape != b.shape:
        # Broadcasting (n,) against (n, 1) would silently give an (n, n) loss: refuse it.
        raise ValueError(f"{b_name} must have the same shape as {a_name} {a.shape}; got {b.shape}")
    return a, b


def _check_probabilities(y, name):
    if np.any(y < 0) or np.any(y > 1):
        raise ValueError(f"{name} must lie in [0, 1] (0/1 labels or probabilities)")


def _check_eps(eps):
    """eps clips p to [eps, 1 − eps]: it must leave room between the two bounds."""
    eps = check_positive(eps, "eps")
    if eps >= 0.5:
        raise ValueError(f"eps must be < 0.5 (p is clipped to [eps, 1 - eps]); got {eps}")
    return eps


def _mean(terms):
    """Mean of finite terms that stays finite when their sum would overflow (1e308 + 1e308).

    mean(t) = s · mean(t / s) with s = max|t|: every t / s lies in [−1, 1].
    """
    scale = float(np.max(np.abs(terms)))
    return 0.0 if scale == 0.0 else scale * float(np.mean(terms / scale))


def _logits_and_targets(logits, y):
    """Validate (n, k) logits and targets given as n class indices or an (n, k) one-hot array."""
    z = as_float_array(logits, "logits")
    if z.ndim != 2:
        raise ValueError(f"logits must be a 2-D array of shape (n_samples, n_classes); got shape {z.shape}")
    n, k = z.shape
    y = np.asarray(y)
    if y.ndim == 1:
        return z, _class_indices(y, "y", n_classes=k, n_samples=n)
    if y.ndim == 2:
        y = as_float_array(y, "y")
        if y.shape != z.shape:
            raise ValueError(f"y (one-hot) must have the same shape as logits {z.shape}; got {y.shape}")
        if np.any(y < 0) or not np.allclose(y.sum(axis=1), 1.0):
            raise ValueError("y (one-hot) rows must be non-negative and sum to 1")
        return z, y
    raise ValueError(f"y must be class indices of shape (n,) or one-hot of shape (n, k); got shape {y.shape}")


def _class_indices(y, name, *, n_classes=None, n_samples=None):
    """Integer class indices 0..n_classes-1 (integer-valued floats such as 1.0 are accepted)."""
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array of class indices; got shape {y.shape}")
    if y.size == 0:
        raise ValueError(f"{name} must not be empty")
    if n_samples is not None and y.shape[0] != n_samples:
        raise ValueError(f"{name} has {y.shape[0]} labels but logits has {n_samples} rows")
    if y.dtype.kind in "iu":
        idx = y.astype(np.intp, copy=False)
    elif y.dtype.kind == "b":
        idx = y.astype(np.intp)
    elif y.dtype.kind == "f" and np.all(np.isfinite(y)) and np.all(y == np.round(y)):
        idx = y.astype(np.intp)
    else:
        raise ValueError(f"{name} must hold integer class indices 0, 1, ...; got dtype {y.dtype}")
    if idx.min() < 0:
        raise ValueError(f"{name} must hold class indices >= 0; got {idx.min()}")
    if n_classes is not None and idx.max() >= n_classes:
        raise ValueError(f"{name} must hold class indices < {n_classes} (the number of classes); got {idx.max()}")
    return idx


# -- mean squared error ----------------------------------------------------------------------------
def mse(y_pred, y_true):
    """Mean squared error, mean((ŷ − y)²) over every entry.

    Parameters
    ----------
    y_pred, y_true : array-like of the same shape

    Returns
    -------
    float

    Examples
    --------
    >>> mse([0.5, 1.0], [0.0, 1.0])
    0.125
    """
    y_pred, y_true = _pair(y_pred, y_true, "y_pred", "y_true")
    return float(np.mean((y_pred - y_true) ** 2))


def mse_grad(y_pred, y_true):
    """Gradient of :func:`mse` with respect to ``y_pred``: 2(ŷ − y) / (number of entries).

    Examples
    --------
    >>> mse_grad([0.5, 1.0], [0.0, 1.0])
    array([0.5, 0. ])
    """
    y_pred, y_true = _pair(y_pred, y_true, "y_pred", "y_true")
    return 2.0 * (y_pred - y_true) / y_pred.size


# -- binary cross-entropy --------------------------------------------------------------------------
def binary_cross_entropy(y_prob, y_true, eps=1e-12):
    """Binary cross-entropy −mean(y log p + (1 − y) log(1 − p)) from probabilities ``p``.

    ``p`` is clipped to [eps, 1 − eps] so that a confident wrong answer costs a large but finite
    amount instead of ``inf``. When you have the logits, prefer
    :func:`binary_cross_entropy_with_logits`, which needs no clipping.

    Examples
    --------
    >>> round(binary_cross_entropy([0.5, 0.5], [0, 1]), 4)
    0.6931

    Raises
    ------
    ValueError
        If the inputs differ in shape or leave [0, 1], or ``eps`` is not in (0, 0.5).
    """
    p, y = _pair(y_prob, y_true, "y_prob", "y_true")
    _check_probabilities(p, "y_prob")
    _check_probabilities(y, "y_true")
    eps = _check_eps(eps)
    p = np.clip(p, eps, 1.0 - eps)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log1p(-p)))


def binary_cross_entropy_grad(y_prob, y_true, eps=1e-12):
    """Gradient of :func:`binary_cross_entropy` with respect to ``y_prob``: (p − y) / (p(1 − p) n).

    Examples
    --------
    >>> binary_cross_entropy_grad([0.5, 0.5], [0, 1])
    array([ 1., -1.])
    """
    p, y = _pair(y_prob, y_true, "y_prob", "y_true")
    _check_probabilities(p, "y_prob")
    _check_probabilities(y, "y_true")
    eps = _check_eps(eps)
    p = np.clip(p, eps, 1.0 - eps)
    return (p - y) / (p * (1.0 - p)) / p.size


def binary_cross_entropy_with_logits(z, y):
    """Binary cross-entropy of sigmoid(z) against 0/1 targets, computed from the logits ``z``.

    −[y log σ(z) + (1 − y) log(1 − σ(z))] simplifies to log(1 + eᶻ) − y·z, and
    ``np.logaddexp(0, z)`` evaluates log(1 + eᶻ) without overflow, so z = ±1e4 is fine.

    Parameters
    ----------
    z : array-like
        Logits, any shape.
    y : array-like, same shape as ``z``
        Targets in [0, 1].

    The mean is taken so that it cannot overflow where the sum would: two losses of 1e308
    average to 1e308, not inf.

    Examples
    --------
    >>> binary_cross_entropy_with_logits([1e4, -1e4], [1, 0])
    0.0
    >>> binary_cross_entropy_with_logits([1e308, 1e308], [0, 0])
    1e+308
    """
    z, y = _pair(z, y, "z", "y")
    _check_probabilities(y, "y")
    return _mean(np.logaddexp(0.0, z) - y * z)


def binary_cross_entropy_with_logits_grad(z, y):
    """Gradient of :func:`binary_cross_entropy_with_logits` with respect to ``z``: (σ(z) − y) / n.

    Examples
    --------
    >>> binary_cross_entropy_with_logits_grad([0.0, 0.0], [0, 1])
    array([ 0.25, -0.25])
    """
    z, y = _pair(z, y, "z", "y")
    _check_probabilities(y, "y")
    return (activations.sigmoid(z) - y) / z.size


# -- categorical cross-entropy (softmax + negative log-likelihood) ---------------------------------
def log_softmax(logits):
    """Row-wise log-softmax of an (n, k) array, stable for any logits.

    Examples
    --------
    >>> np.exp(log_softmax(np.array([[1e4, 0.0]])))
    array([[1., 0.]])
    """
    z = as_float_array(logits, "logits")
    if z.ndim != 2:
        raise ValueError(f"logits must be a 2-D array of shape (n_samples, n_classes); got shape {z.shape}")
    return activations.log_softmax(z)


def categorical_cross_entropy(logits, y):
    """Mean cross-entropy −mean(log softmax(z)[y]) from logits (via :class:`nnlib.layers.SoftmaxCrossEntropy`).

    Parameters
    ----------
    logits : array-like of shape (n_samples, n_classes)
    y : array-like
        Class indices 0..k−1 of shape (n_samples,), or one-hot (or probability) rows of shape
        (n_samples, n_classes).

    Examples
    --------
    >>> categorical_cross_entropy([[1e4, 0.0, 0.0]], [0])
    0.0
    >>> round(categorical_cross_entropy([[0.0, 0.0]], [[0.0, 1.0]]), 4)
    0.6931
    """
    z, y = _logits_and_targets(logits, y)
    return SoftmaxCrossEntropy().forward(z, y)


def categorical_cross_entropy_grad(logits, y):
    """Gradient of :func:`categorical_cross_entropy` with respect to the logits: (softmax(z) − y) / n.

    Softmax and cross-entropy together have this famously simple gradient: the predicted
    probabilities minus the one-hot target.

    Examples
    --------
    >>> categorical_cross_entropy_grad([[0.0, 0.0]], [1])
    array([[ 0.5, -0.5]])
    """
    z, y = _logits_and_targets(logits, y)
    head = SoftmaxCrossEntropy()
    head.forward(z, y)
    return head.backward()


def one_hot(y, n_classes=None):
    """One-hot encode integer class indices: row i has a 1 in column ``y[i]``.

    Parameters
    ----------
    y : array-like of int, shape (n_samples,)
    n_classes : int, optional
        Number of columns; defaults to ``max(y) + 1``.

    Examples
    --------
    >>> one_hot([0, 2, 1])
    array([[1., 0., 0.],
           [0., 0., 1.],
           [0., 1., 0.]])
    """
    if n_classes is not None:
        n_classes = check_positive_int(n_classes, "n_classes")
    idx = _class_indices(y, "y", n_classes=n_classes)
    k = int(idx.max()) + 1 if n_classes is None else n_classes
    out = np.zeros((len(idx), k))
    out[np.arange(len(idx)), idx] = 1.0
    return out
