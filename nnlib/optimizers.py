"""Optimizers (최적화 알고리즘): rules that turn gradients into parameter updates.

Each optimizer's ``step(params, grads)`` updates every array in the list ``params`` **in place**
(the layers keep pointing at the same arrays), using the matching array of ``grads``:

    SGD        θ ← θ − η g
    Momentum   v ← β v − η g ;            θ ← θ + v
    Adam       m ← β₁ m + (1 − β₁) g ;     v ← β₂ v + (1 − β₂) g²
               θ ← θ − η m̂ / (√v̂ + ε)     with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ)

Momentum and Adam keep one state array per parameter, created on the first step. Scalars
mixed with the arrays are Python floats (``math`` rather than ``np``): an ``np.float64``
scalar would make every float32 update compute in float64.

Examples
--------
>>> import numpy as np
>>> from nnlib.optimizers import SGD
>>> w = np.array([1.0, -2.0])
>>> SGD(lr=0.1).step([w], [2 * w])   # gradient of ||w||²
>>> w
array([ 0.8, -1.6])
"""

from __future__ import annotations

import numpy as np

from ._checks import check_fraction, check_positive

__all__ = ["SGD", "Momentum", "Adam", "OPTIMIZERS", "get"]


def _check_pairs(params, grads):
    """Raise unless ``params`` are float arrays (updated in place) with gradients of their shapes."""
    if len(params) != len(grads):
        raise ValueError(f"grads must have one array per parameter ({len(params)}); got {len(grads)}")
    for i, (p, g) in enumerate(zip(params, grads)):
        if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
            raise TypeError(f"params[{i}] must be a float numpy array (it is updated in place)")
        if np.shape(g) != p.shape:
            raise ValueError(f"grads[{i}] must have shape {p.shape} like params[{i}]; got {np.shape(g)}")


class SGD:
    """Plain (stochastic) gradient descent: θ ← θ − η g.

    Parameters
    ----------
    lr : float, > 0, default 0.01
        The learning rate η.

    Examples
    --------
    >>> w = np.array([3.0])
    >>> opt = SGD(lr=0.25)
    >>> for _ in range(3):
    ...     opt.step([w], [2 * w])       # minimise w²
    >>> w
    array([0.375])
    """

    def __init__(self, lr=0.01):
        self.lr = check_positive(lr, "lr")

    def step(self, params, grads):
        _check_pairs(params, grads)
        for p, g in zip(params, grads):
            p -= self.lr * g

    def __repr__(self):
        return f"SGD(lr={self.lr})"


class Momentum:
    """SGD with momentum (Polyak 1964): v ← β v − η g ; θ ← θ + v.

    The velocity v is a decaying sum of past steps, so steps in a consistent direction add up
    and zig-zags cancel.

    Parameters
    ----------
    lr : float, > 0, default 0.01
    beta : float in [0, 1), default 0.9
        How much of the last velocity is kept.

    Examples
    --------
    >>> w = np.array([1.0])
    >>> opt = Momentum(lr=0.1, beta=0.9)
    >>> opt.step([w], [np.array([1.0])]); opt.step([w], [np.array([1.0])])
    >>> w.round(6)   # steps of 0.1 and then 0.9·0.1 + 0.1
    array([0.71])
    """

    def __init__(self, lr=0.01, beta=0.9):
        self.lr = check_positive(lr, "lr")
        self.beta = check_fraction(beta, "beta")
        self.velocity = None

    def step(self, params, grads):
        _check_pairs(params, grads)
        if self.velocity is None:
            self.velocity = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self.velocity):
            v *= self.beta
            v -= self.lr * g
            p += v

    def __repr__(self):
        return f"Momentum(lr={self.lr}, beta={self.beta})"


class Adam:
    """Adam (Kingma & Ba 2015, Algorithm 1): momentum on g, divided by a running RMS of g.

    m, the running mean of g, gives the direction; √v, the running root-mean-square of g,
    scales each parameter's step, so every parameter moves by about η whatever the size of its
    gradient. Both start at 0, so they are divided by (1 − βᵗ) to undo that bias.

    Parameters
    ----------
    lr : float, > 0, default 0.001
    beta1 : float in [0, 1), default 0.9
        Decay of the first moment m (the mean gradient).
    beta2 : float in [0, 1), default 0.999
        Decay of the second moment v (the mean squared gradient).
    eps : float, > 0, default 1e-8
        Keeps the division finite where v is 0.

    Attributes
    ----------
    t : int
        Steps taken.
    m, v : list of ndarray or None
        The moments, one array per parameter (None before the first step).

    Examples
    --------
    >>> w = np.array([1.0, -1.0])
    >>> Adam(lr=0.1).step([w], [np.array([5.0, -0.01])])
    >>> w.round(6)   # the first step moves every weight by about lr, whatever the gradient's size
    array([ 0.9, -0.9])
    """

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = check_positive(lr, "lr")
        self.beta1 = check_fraction(beta1, "beta1")
        self.beta2 = check_fraction(beta2, "beta2")
        self.eps = check_positive(eps, "eps")
        self.t = 0
        self.m = self.v = None

    def step(self, params, grads):
        _check_pairs(params, grads)
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m *= b1
            m += (1.0 - b1) * g  # m ← β₁m + (1 − β₁)g
            v *= b2
            v += (1.0 - b2) * g * g  # v ← β₂v + (1 − β₂)g²
            m_hat = m / (1.0 - b1**self.t)
            v_hat = v / (1.0 - b2**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)

    def __repr__(self):
        return f"Adam(lr={self.lr}, beta1={self.beta1}, beta2={self.beta2}, eps={self.eps})"


#: The optimizers by name, as ``MLPClassifier(optimizer=...)`` accepts them.
OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def get(name, **kwargs):
    """Build an optimizer by name, e.g. ``get("momentum", lr=0.1, beta=0.5)``.

    Raises
    ------
    TypeError
        ``name`` is not a str.
    ValueError
        ``name`` is not one of ``OPTIMIZERS`` (case and surrounding spaces do not matter).

    Examples
    --------
    >>> get("Adam", lr=0.01)
    Adam(lr=0.01, beta1=0.9, beta2=0.999, eps=1e-08)
    """
    if not isinstance(name, str):
        raise TypeError(f"optimizer must be a name such as 'adam'; got {type(name).__name__}")
    key = name.strip().lower()
    if key not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {', '.join(map(repr, OPTIMIZERS))}; got {name!r}")
    return OPTIMIZERS[key](**kwargs)
