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

import numpy as np

from ._checks import as_2d_float, check_positive
from .layers import Dense, Layer, MeanSquaredError, SoftmaxCrossEntropy

__all__ = [
    "numerical_gradient",
    "relative_error",
    "check_layer_gradients",
    "check_gradients",
    "max_relative_error",
]

_LOSS_LAYERS = (SoftmaxCrossEntropy, MeanSquaredError)


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
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
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
    if not errors:
        raise ValueError("errors must not be empty")
    return max(errors.values())


def check_layer_gradients(layer, x, y=None, eps=1e-5, random_state=0):
    """Relative errors of a single layer's backward pass, for its input and each parameter.

    For an ordinary layer the scalar checked is L = Σ forward(x) ⊙ R with a fixed random R,
    whose gradient with respect to the output is R. For a loss layer
    (:class:`~nnlib.layers.SoftmaxCrossEntropy`, :class:`~nnlib.layers.MeanSquaredError`)
    L = forward(x, y), and ``y`` is required.

    Parameters
    ----------
    layer : nnlib.layers.Layer
    x : array-like of shape (n_samples, n_features)
        Use float64 and, for ReLU-like layers, inputs away from 0 (the kink).
    y : array-like, optional
        Targets, for loss layers only.
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
    if not isinstance(layer, Layer):
        raise TypeError(f"layer must be an nnlib.layers.Layer; got {type(layer).__name__}")
    x = as_2d_float(x, "x").copy()
    is_loss = isinstance(layer, _LOSS_LAYERS)
    if is_loss:
        if y is None:
            raise ValueError(f"y must be given to check the loss layer {type(layer).__name__}")

        def loss(_=None):
            return layer.forward(x, y)

        loss()
        analytic = {"x": layer.backward()}
    else:
        if y is not None:
            raise ValueError(f"y is only for loss layers; {type(layer).__name__} takes none")
        out = layer.forward(x)
        R = np.random.default_rng(random_state).standard_normal(out.shape)

        def loss(_=None):
            return float(np.sum(layer.forward(x) * R))

        analytic = {"x": layer.backward(R)}
        analytic.update({n: g.copy() for n, g in zip(layer.param_names, layer.grads())})
    errors = {"x": relative_error(analytic["x"], numerical_gradient(loss, x, eps))}
    for name, param in zip(layer.param_names, layer.params()):
        errors[name] = relative_error(analytic[name], numerical_gradient(loss, param, eps))
    return errors


def _model_parts(model, X, y):
    """(layers, objective(), backward(grad), loss layer) for an MLP or a list of layers."""
    if hasattr(model, "layers_") or hasattr(model, "initialize"):
        if not hasattr(model, "layers_"):
            model._check_params()
            Xc, yc = model._prepare(X, y)
            model._initialize_from(Xc, yc)
        Xc, yc = model._prepare(X, y, n_features=model.n_features_in_)
        T = model._encode_targets(yc)
        return model.layers_, (lambda: model._objective(Xc, T)), model._backward, model.loss_layer_
    layers = list(model)
    if len(layers) < 2 or not isinstance(layers[-1], _LOSS_LAYERS):
        raise ValueError("model must be an MLPClassifier/MLPRegressor or a list of layers ending "
                         "in a loss layer (SoftmaxCrossEntropy or MeanSquaredError)")
    if not all(isinstance(layer, Layer) for layer in layers):
        raise TypeError("model must hold only nnlib.layers.Layer objects")
    body, head = layers[:-1], layers[-1]
    Xc = as_2d_float(X, "X")

    def objective():
        out = Xc
        for layer in body:
            out = layer.forward(out)
        return head.forward(out, y)

    def backward(grad):
        for layer in reversed(body):
            grad = layer.backward(grad)

    return body, objective, backward, head


def check_gradients(model, X, y, eps=1e-5):
    """Relative error between backprop and numerical gradients for every parameter of a network.

    Parameters
    ----------
    model : MLPClassifier, MLPRegressor, or list of layers
        An MLP (built with ``initialize`` or ``fit``; built from ``X`` and ``y`` if not yet),
        or a list of layers whose last one is a loss layer.
    X, y : array-like
        A small batch; the loss is the mean over it (plus the MLP's L2 penalty, if any).
    eps : float, default 1e-5

    Returns
    -------
    dict
        ``{"W1": error, "b1": error, "W2": ...}`` for the Dense layers in order. Use a float64
        model: below ~1e-7 means backprop is right; float32 cannot get below ~1e-3.

    Examples
    --------
    >>> from nnlib.mlp import MLPClassifier
    >>> X = np.random.default_rng(0).normal(size=(5, 3))
    >>> model = MLPClassifier(hidden_sizes=(4,), activation="tanh").initialize(3, [0, 1, 2])
    >>> errors = check_gradients(model, X, [0, 1, 2, 1, 0])
    >>> list(errors), max_relative_error(errors) < 1e-7
    (['W1', 'b1', 'W2', 'b2'], True)
    """
    eps = check_positive(eps, "eps")
    layers, objective, backward, head = _model_parts(model, X, y)
    objective()
    backward(head.backward())
    errors = {}
    k = 0
    for layer in layers:
        if not isinstance(layer, Dense):
            continue
        k += 1
        for name, param, grad in zip(layer.param_names, layer.params(), layer.grads()):
            analytic = grad.copy()  # numerical_gradient's forward passes do not touch dW/db
            errors[f"{name}{k}"] = relative_error(analytic, numerical_gradient(lambda _: objective(), param, eps))
    if not errors:
        raise ValueError("model has no Dense layers to check")
    return errors
