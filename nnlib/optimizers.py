"""Optimizers (최적화): rules that turn gradients into parameter updates.

Each optimizer's ``step(params, grads)`` updates every array in ``params`` **in place** (the
network's layers keep pointing at the same arrays), using the gradients in ``grads``.

    SGD        θ ← θ − η g
    Momentum   v ← β v − η g ;            θ ← θ + v
    Adam       m ← β₁ m + (1 − β₁) g ;     v ← β₂ v + (1 − β₂) g²
               θ ← θ − η m̂ / (√v̂ + ε)     with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ)

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

import math

import numpy as np

from ._checks import check_fraction, check_positive

__all__ = ["Optimizer", "SGD", "Momentum", "Adam", "NAMES", "get"]


class Optimizer:
    """Base class: keeps the learning rate and per-parameter state, checks params/grads once.

    The state (velocities, moments, scratch buffers) is created on the first ``step`` and
    whenever the number of parameters changes; :meth:`reset` forgets it.

    Examples
    --------
    >>> SGD(lr=0.5).lr
    0.5
    """

    def __init__(self, lr):
        self.lr = check_positive(lr, "lr")
        self.reset()

    def reset(self):
        """Forget the state, as if no step had been taken."""
        self.t = 0  # number of steps taken
        self._n = -1  # number of parameters the state was built for

    def step(self, params, grads):
        """Update every array in ``params`` in place from the matching array in ``grads``."""
        if len(params) != self._n:
            self._init_state(params, grads)
        self.t += 1
        self._update(params, grads)

    def _init_state(self, params, grads):
        params, grads = list(params), list(grads)
        if len(params) != len(grads):
            raise ValueError(f"grads must have one array per parameter ({len(params)}); got {len(grads)}")
        for i, (p, g) in enumerate(zip(params, grads)):
            if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
                raise TypeError(f"params[{i}] must be a float numpy array (it is updated in place)")
            if getattr(g, "shape", None) != p.shape:
                raise ValueError(f"grads[{i}] must have shape {p.shape} like params[{i}]; "
                                 f"got {getattr(g, 'shape', None)}")
        self._n = len(params)
        self._buf = [np.empty_like(p) for p in params]  # scratch space: no allocation per step
        self._make_state(params)

    def _make_state(self, params):
        pass

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"

    def get_config(self):
        """The constructor arguments, as a dict."""
        return {"lr": self.lr}


class SGD(Optimizer):
    """Plain stochastic gradient descent: θ ← θ − lr · g.

    Parameters
    ----------
    lr : float, > 0
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

    def _update(self, params, grads):
        lr = self.lr
        for p, g, buf in zip(params, grads, self._buf):
            np.multiply(g, lr, out=buf)
            p -= buf


class Momentum(Optimizer):
    """SGD with momentum: v ← β·v − lr·g ; θ ← θ + v.

    The velocity ``v`` is a running sum of past steps, so consistent gradient directions speed
    up and zig-zags cancel.

    Parameters
    ----------
    lr : float, > 0
    beta : float in [0, 1), default 0.9
        How much of the last velocity is kept.

    Examples
    --------
    >>> w = np.array([1.0])
    >>> opt = Momentum(lr=0.1, beta=0.9)
    >>> opt.step([w], [np.array([1.0])]); opt.step([w], [np.array([1.0])])
    >>> w   # steps of 0.1 and then 0.9·0.1 + 0.1
    array([0.71])
    """

    def __init__(self, lr, beta=0.9):
        self.beta = check_fraction(beta, "beta")
        super().__init__(lr)

    def _make_state(self, params):
        self.velocity = [np.zeros_like(p) for p in params]

    def _update(self, params, grads):
        lr, beta = self.lr, self.beta
        for p, g, v, buf in zip(params, grads, self.velocity, self._buf):
            v *= beta
            np.multiply(g, lr, out=buf)
            v -= buf
            p += v

    def get_config(self):
        return {"lr": self.lr, "beta": self.beta}


class Adam(Optimizer):
    """Adam: momentum on the gradient (m) scaled by a running RMS of the gradient (√v).

    Parameters
    ----------
    lr : float, > 0, default 1e-3
    beta1 : float in [0, 1), default 0.9
        Decay of the first moment m (the mean gradient).
    beta2 : float in [0, 1), default 0.999
        Decay of the second moment v (the mean squared gradient).
    eps : float, > 0, default 1e-8
        Keeps the division finite where v is 0.

    Examples
    --------
    >>> w = np.array([1.0, -1.0])
    >>> Adam(lr=0.1).step([w], [np.array([5.0, -0.01])])
    >>> w.round(6)   # the first step moves every weight by about lr, whatever the gradient's size
    array([ 0.9, -0.9])
    """

    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.beta1 = check_fraction(beta1, "beta1")
        self.beta2 = check_fraction(beta2, "beta2")
        self.eps = check_positive(eps, "eps")
        super().__init__(lr)

    def _make_state(self, params):
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]

    def _update(self, params, grads):
        b1, b2, t = self.beta1, self.beta2, self.t
        # Bias corrections folded into two scalars (Kingma & Ba, sec. 2): the same update as
        # lr·m̂/(√v̂ + eps), without dividing whole arrays by (1 − βᵗ).
        # math.sqrt, not np.sqrt: an np.float64 scalar would make float32 updates run in float64.
        c2 = math.sqrt(1.0 - b2**t)
        step = self.lr * c2 / (1.0 - b1**t)
        eps = self.eps * c2
        for p, g, m, v, buf in zip(params, grads, self.m, self.v, self._buf):
            m *= b1  # m ← β₁m + (1 − β₁)g
            np.multiply(g, 1.0 - b1, out=buf)
            m += buf
            v *= b2  # v ← β₂v + (1 − β₂)g²
            np.square(g, out=buf)
            buf *= 1.0 - b2
            v += buf
            np.sqrt(v, out=buf)  # θ ← θ − step · m / (√v + eps)
            buf += eps
            np.divide(m, buf, out=buf)
            buf *= step
            p -= buf

    def get_config(self):
        return {"lr": self.lr, "beta1": self.beta1, "beta2": self.beta2, "eps": self.eps}


_REGISTRY = {"sgd": SGD, "momentum": Momentum, "adam": Adam}
#: Names accepted by :func:`get`.
NAMES = tuple(_REGISTRY)


def get(name, **kwargs):
    """Build an optimizer by name; an :class:`Optimizer` instance passes through unchanged.

    Parameters
    ----------
    name : {"sgd", "momentum", "adam"} or Optimizer
    **kwargs
        Passed to the constructor, e.g. ``lr=0.1`` or ``beta=0.9``.

    Examples
    --------
    >>> get("momentum", lr=0.1, beta=0.5)
    Momentum(lr=0.1, beta=0.5)
    """
    if isinstance(name, Optimizer):
        return name
    if not isinstance(name, str):
        raise TypeError(f"optimizer must be a name (str) or an Optimizer; got {type(name).__name__}")
    key = name.strip().lower()
    if key not in _REGISTRY:
        valid = ", ".join(repr(n) for n in NAMES)
        raise ValueError(f"optimizer must be one of {valid}; got {name!r}")
    return _REGISTRY[key](**kwargs)
