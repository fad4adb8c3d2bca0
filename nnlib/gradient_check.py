"""Gradient checking (기울기 확인): compare backpropagation with finite differences.

Backpropagation is easy to get subtly wrong. The numerical gradient

    ∂f/∂xᵢ ≈ (f(x + ε eᵢ) − f(x − ε eᵢ)) / 2ε          (central differences)

is slow (two evaluations of f per entry) but needs no calculus, so it is the reference.
In float64 with ε = 1e-5 the two agree to about 1e-8 relative error when backprop is right.

Examples
--------
>>> import numpy as np
>>> from nnlib.gradient_check import numerical_gradient
>>> numerical_gradient(lambda x: float(np.sum(x ** 2)), np.array([1.0, -2.0])).round(6)
array([ 2., -4.])
"""

from __future__ import annotations

import copy

import numpy as np

from ._checks import as_2d_float, as_float_array, check_has_methods, check_non_negative, check_positive

__all__ = [
    "numerical_gradient",
    "relative_error",
    "check_layer_gradients",
    "check_gradients",
    "max_relative_error",
]


def numerical_gradient(f, x, eps=1e-5):
    """Central-difference gradient of the scalar function ``f`` at the array ``x``.

    Each entry of ``x`` is nudged **in place** by ±eps, ``f(x)`` is evaluated, and the entry is
    restored, so ``f`` may also read ``x`` through a closure (e.g. a layer's weights).

    Parameters
    ----------
    f : callable
        ``f(x) -> float``.
    x : ndarray of float, any shape
        Left unchanged on return (also if ``f`` raises).
    eps : float, > 0, default 1e-5

    Returns
    -------
    ndarray, the shape of ``x``

    Examples
    --------
    >>> W = np.array([[1.0, 2.0], [3.0, 4.0]])
    >>> numerical_gradient(lambda W: float(W[0, 1] * W[1, 0]), W).round(6)
    array([[0., 3.],
           [2., 0.]])
    """
    if not callable(f):
        raise TypeError(f"f must be callable (f(x) -> float); got {type(f).__name__}")
    if not isinstance(x, np.ndarray) or x.dtype.kind != "f":
        raise TypeError("x must be a float numpy array (it is perturbed in place)")
    if x.size == 0:
        raise ValueError("x must not be empty")
    if not x.flags.writeable:
        raise ValueError("x must be writeable (it is perturbed in place)")
    eps = check_positive(eps, "eps")
    grad = np.zeros(x.shape, dtype=np.float64)
    for i in np.ndindex(x.shape):
        old = x[i]
        try:
            x[i] = old + eps
            f_plus = float(f(x))
            x[i] = old - eps
            f_minus = float(f(x))
        finally:
            x[i] = old
        grad[i] = (f_plus - f_minus) / (2.0 * eps)
    return grad


def relative_error(a, b):
    """Largest disagreement between two gradients, relative to their size.

    max|a − b| / max(max|a|, max|b|), and 0 when both are all zeros. Dividing by the largest
    entry rather than entry by entry keeps entries that are ~0 in both (where finite-difference
    noise dominates) from producing huge ratios.

    Examples
    --------
    >>> round(relative_error(np.array([1.0, 4.0]), np.array([1.0, 3.996])), 6)
    0.001
    """
    a = as_float_array(a, "a", allow_empty=True, finite=False)
    b = as_float_array(b, "b", allow_empty=True, finite=False)
    if a.shape != b.shape:
        raise ValueError(f"b must have the same shape as a {a.shape}; got {b.shape}")
    if a.size == 0:
        return 0.0
    scale = max(float(np.max(np.abs(a))), float(np.max(np.abs(b))))
    if scale == 0.0:
        return 0.0
    return float(np.max(np.abs(a - b)) / scale)


def max_relative_error(errors):
    """The worst entry of a dict returned by the check functions.

    Examples
    --------
    >>> max_relative_error({"W1": 1e-9, "b1": 3e-10})
    1e-09
    """
    if not isinstance(errors, dict):
        raise TypeError(f"errors must be a dict such as check_gradients returns ({{'W1': 1e-9, ...}}); "
                        f"got {type(errors).__name__}")
    if not errors:
        raise ValueError("errors must not be empty")
    values = [check_non_negative(v, f"errors[{k!r}]") for k, v in errors.items()]
    return max(values)


def _in_float64(obj):
    """A deep copy of a layer or network with every float array in float64 (the check's precision)."""
    obj = copy.deepcopy(obj)
    for part in [obj, *getattr(obj, "layers", [])]:
        for name, value in list(vars(part).items()):
            if isinstance(value, np.ndarray) and value.dtype.kind == "f":
                setattr(part, name, value.astype(np.float64))
    return obj


def _targets(y):
    y = np.asarray(y)
    return y.astype(np.float64) if y.dtype.kind == "f" else y


def check_layer_gradients(layer, x, y=None, eps=1e-5, random_state=0):
    """Relative errors of one layer's backward pass, for its input and each parameter.

    For an ordinary layer the scalar checked is L = Σ forward(x) ⊙ R with a fixed random R,
    whose gradient with respect to the output is R. For a loss layer (one whose ``forward``
    takes targets, :class:`~nnlib.layers.SoftmaxCrossEntropy` or
    :class:`~nnlib.layers.MeanSquaredError`) L = forward(x, y). The check runs in float64 on a
    copy of the layer.

    Parameters
    ----------
    layer : nnlib.layers.Layer
    x : array-like of shape (n_samples, n_features)
        For ReLU-like layers, keep the inputs away from 0 (the kink).
    y : array-like, optional
        Targets: give them for a loss layer, and only then.
    eps : float, default 1e-5
    random_state : int, default 0
        Seeds R.

    Returns
    -------
    dict
        ``{"x": error, "W": error, "b": error, ...}`` (parameters by their ``param_names``).

    Examples
    --------
    >>> from nnlib.layers import Dense
    >>> errors = check_layer_gradients(Dense(3, 2, rng=0), np.ones((4, 3)))
    >>> sorted(errors), max_relative_error(errors) < 1e-7
    (['W', 'b', 'x'], True)
    """
    if not (callable(getattr(layer, "forward", None)) and callable(getattr(layer, "backward", None))):
        raise TypeError(f"layer must have forward and backward methods; got {type(layer).__name__}")
    layer = _in_float64(layer)
    x = as_2d_float(x, "x").copy()
    if y is not None:
        y = _targets(y)

        def loss(_=None):
            return layer.forward(x, y)

        loss()
        analytic = {"x": layer.backward()}
    else:
        R = np.random.default_rng(random_state).standard_normal(layer.forward(x).shape)

        def loss(_=None):
            return float(np.sum(layer.forward(x) * R))

        analytic = {"x": layer.backward(R)}
        analytic.update({n: g.copy() for n, g in zip(layer.param_names, layer.grads())})
    errors = {"x": relative_error(analytic["x"], numerical_gradient(loss, x, eps))}
    for name, param in zip(layer.param_names, layer.params()):
        errors[name] = relative_error(analytic[name], numerical_gradient(loss, param, eps))
    return errors


def check_gradients(network, X, y, eps=1e-5):
    """Relative error between backpropagation and numerical gradients, for every parameter.

    Only the network's public parts are used: ``forward``, ``loss.forward``/``loss.backward``,
    ``penalty``, ``backward`` and each layer's ``params()``/``grads()``/``param_names``. The check
    runs in float64 on a copy, so the network itself is left untouched (a float32 network can be
    checked too). Layers run with ``training=False``.

    Parameters
    ----------
    network : nnlib.network.Network
        E.g. ``model.network_`` of a fitted or initialised MLPClassifier.
    X : array-like of shape (n_samples, n_features)
        A small batch; the loss is its mean loss plus the L2 penalty.
    y : ndarray
        Targets as the loss layer takes them: class indices 0 … k − 1 for SoftmaxCrossEntropy
        (for a classifier with other labels, ``np.searchsorted(model.classes_, labels)``), an
        array shaped like the output for MeanSquaredError.
    eps : float, default 1e-5

    Returns
    -------
    dict
        ``{"W1": error, "b1": error, "W2": ...}``, numbered over the layers that have parameters.
        What to expect: a correct backprop gives about 1e-10 … 1e-8 (below 1e-7), a wrong one
        1e-2 or more. This holds for a float32 network too, because the check runs on a float64
        copy: in float32 itself (about 7 significant digits, of which central differences lose
        half) even a correct backprop would show 1e-2 … 1e-1.

    Examples
    --------
    >>> from nnlib.mlp import MLPClassifier
    >>> X = np.random.default_rng(0).normal(size=(5, 3))
    >>> model = MLPClassifier(hidden_sizes=(4,), activation="tanh").initialize(3, [0, 1, 2])
    >>> errors = check_gradients(model.network_, X, np.array([0, 1, 2, 1, 0]))
    >>> list(errors), max_relative_error(errors) < 1e-7
    (['W1', 'b1', 'W2', 'b2'], True)
    """
    eps = check_positive(eps, "eps")
    check_has_methods(network, "network", ("forward", "backward", "penalty"), "an nnlib.network.Network")
    net = _in_float64(network)
    X = as_2d_float(X, "X")
    y = _targets(y)

    def objective(_=None):
        return net.loss.forward(net.forward(X), y) + net.penalty()

    objective()
    net.backward(net.loss.backward())
    errors, k = {}, 0
    for layer in net.layers:
        if not layer.params():
            continue
        k += 1
        analytic = [g.copy() for g in layer.grads()]  # the forward passes below do not touch them
        for name, param, grad in zip(layer.param_names, layer.params(), analytic):
            errors[f"{name}{k}"] = relative_error(grad, numerical_gradient(objective, param, eps))
    if not errors:
        raise ValueError("network has no layer with parameters to check")
    return errors
