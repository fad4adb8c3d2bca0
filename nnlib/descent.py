"""Loss surfaces with their gradients, and gradient descent (경사 하강법) paths across them.

Everything here is pure numpy: a :class:`Surface` is a loss function of one or two parameters
together with its exact gradient, and :func:`gradient_descent_path` walks downhill from a start
point with plain SGD, momentum or Adam, recording every position and loss. Runs that blow up
are stopped (and flagged) before any overflow, so no NaN or overflow warning ever appears.

Examples
--------
>>> from nnlib import descent
>>> bowl = descent.get_surface("bowl")
>>> run = descent.gradient_descent_path(bowl.grad, [2.0, 1.0], lr=0.1, steps=50, f=bowl.f)
>>> run.path.shape, bool(run.losses[-1] < 1e-8), run.diverged
((51, 2), True, False)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._checks import check_choice, check_positive, check_positive_int

__all__ = [
    "Surface",
    "SURFACES",
    "SURFACES_1D",
    "OPTIMIZERS",
    "get_surface",
    "DescentPath",
    "gradient_descent_path",
    "describe_run",
    "compare_optimizers",
    "linear_regression_sgd",
]

OPTIMIZERS = ("sgd", "momentum", "adam")

#: Above this size a parameter counts as "diverged"; it is far below where float64 overflows.
DIVERGENCE_BOUND = 1e6


@dataclass(frozen=True)
class Surface:
    """A loss function of ``dim`` parameters with its gradient, plus a sensible plotting window.

    ``f(P)`` takes points of shape ``(..., dim)`` and returns losses of shape ``(...)``;
    ``grad(P)`` returns gradients of shape ``(..., dim)``. Both work on whole grids at once.

    Examples
    --------
    >>> s = get_surface("valley")
    >>> float(s.f(np.array([0.0, 0.0]))), s.grad(np.array([1.0, 1.0])).tolist()
    (0.0, [1.0, 10.0])
    """

    name: str
    title: str
    dim: int
    f: Callable
    grad: Callable
    xlim: tuple
    ylim: tuple
    minimum: tuple
    default_start: tuple

    @property
    def min_loss(self):
        """The loss at the global minimum."""
        return float(self.f(np.asarray(self.minimum, dtype=float)))

    def grid(self, n=80):
        """Losses on an ``n`` x ``n`` grid over the plotting window: ``(xs, ys, Z)``, Z[i, j] at (xs[j], ys[i])."""
        if self.dim != 2:
            raise ValueError(f"surface must be 2-D for grid(); {self.name!r} has dim {self.dim}")
        xs = np.linspace(*self.xlim, n)
        ys = np.linspace(*self.ylim, n)
        P = np.stack(np.meshgrid(xs, ys), axis=-1)
        return xs, ys, self.f(P)


def _bowl_f(P):
    return P[..., 0] ** 2 + P[..., 1] ** 2


def _bowl_g(P):
    return 2.0 * P


def _valley_f(P):
    return 0.5 * P[..., 0] ** 2 + 5.0 * P[..., 1] ** 2


def _valley_g(P):
    return np.stack([P[..., 0], 10.0 * P[..., 1]], axis=-1)


def _rosen_f(P):
    x, y = P[..., 0], P[..., 1]
    return (1.0 - x) ** 2 + 10.0 * (y - x * x) ** 2


def _rosen_g(P):
    x, y = P[..., 0], P[..., 1]
    r = y - x * x
    return np.stack([-2.0 * (1.0 - x) - 40.0 * x * r, 20.0 * r], axis=-1)


def _parabola_f(P):
    return (P[..., 0] - 1.0) ** 2


def _parabola_g(P):
    return 2.0 * (P - 1.0)


def _double_well_f(P):
    w = P[..., 0]
    return 0.25 * w**4 - w**2 + 0.3 * w + 1.5


def _double_well_g(P):
    w = P[..., 0]
    return (w**3 - 2.0 * w + 0.3)[..., None]


#: 2-D surfaces, in the order the widget's dropdown lists them.
SURFACES = {
    "bowl": Surface("bowl", "round bowl  x² + y²", 2, _bowl_f, _bowl_g,
                    (-3.0, 3.0), (-3.0, 3.0), (0.0, 0.0), (-2.5, 2.0)),
    "valley": Surface("valley", "long valley  ½x² + 5y²", 2, _valley_f, _valley_g,
                      (-5.0, 5.0), (-2.0, 2.0), (0.0, 0.0), (-4.0, 1.5)),
    "rosenbrock": Surface("rosenbrock", "banana  (1−x)² + 10(y−x²)²", 2, _rosen_f, _rosen_g,
                          (-2.0, 2.0), (-1.0, 3.0), (1.0, 1.0), (-1.5, 2.5)),
}

#: 1-D curves for the first picture of gradient descent.
SURFACES_1D = {
    "parabola": Surface("parabola", "(w − 1)²", 1, _parabola_f, _parabola_g,
                        (-2.0, 4.0), (0.0, 9.0), (1.0,), (-1.5,)),
    "double well": Surface("double well", "¼w⁴ − w² + 0.3w + 1.5", 1, _double_well_f, _double_well_g,
                           (-2.3, 2.3), (0.0, 3.5), (-1.4840,), (2.0,)),
}


def get_surface(name):
    """Look up a surface by name (2-D ones first, then 1-D).

    Examples
    --------
    >>> get_surface("rosenbrock").minimum
    (1.0, 1.0)
    """
    if isinstance(name, Surface):
        return name
    check_choice(name, "surface", tuple(SURFACES) + tuple(SURFACES_1D))
    return SURFACES.get(name) or SURFACES_1D[name]


@dataclass(frozen=True)
class DescentPath:
    """What :func:`gradient_descent_path` returns.

    Attributes
    ----------
    path : ndarray, shape (n_points, dim) or (steps + 1, n_starts, dim)
        Every position visited, the start first. A single run that diverges is cut short at the
        first point beyond the bound; in a batch of starts a diverged run stays frozen there.
    losses : ndarray or None
        ``f`` at every point of ``path`` (None when no ``f`` was given).
    diverged : bool or ndarray of bool
        True when the run left the region ``|θ| <= 1e6`` (or produced a non-finite number).
    diverged_at : int or ndarray of int
        The step at which it diverged, -1 if it did not.
    """

    path: np.ndarray
    losses: np.ndarray | None
    diverged: bool | np.ndarray
    diverged_at: int | np.ndarray

    @property
    def final(self):
        """The last position."""
        return self.path[-1]

    @property
    def final_loss(self):
        """The last loss (None without ``f``)."""
        return None if self.losses is None else self.losses[-1]


def gradient_descent_path(grad_f, start, lr, steps, optimizer="sgd", *, f=None, beta=0.9,
                          beta1=0.9, beta2=0.999, eps=1e-8, bound=DIVERGENCE_BOUND):
    """Follow the negative gradient from ``start`` for ``steps`` steps.

    Parameters
    ----------
    grad_f : callable
        Gradient, ``grad_f(P)`` for points of shape ``(..., dim)``.
    start : array-like, shape (dim,) or (n_starts, dim)
        Start point, or several start points walked all at once (vectorised).
    lr : float > 0
        Learning rate (학습률) η.
    steps : int >= 0
        Number of updates.
    optimizer : {"sgd", "momentum", "adam"}
        ``sgd``: θ ← θ − η g. ``momentum``: v ← βv − η g, θ ← θ + v.
        ``adam``: bias-corrected running means of g and g², θ ← θ − η m̂ / (√v̂ + ε).
    f : callable, optional
        The loss; when given, the loss at every visited point is returned too.
    bound : float
        A run whose parameters exceed this size is declared diverged and stopped.

    Returns
    -------
    DescentPath

    Examples
    --------
    >>> valley = get_surface("valley")
    >>> run = gradient_descent_path(valley.grad, [-4.0, 1.5], lr=0.25, steps=100, f=valley.f)
    >>> run.diverged, run.diverged_at
    (True, 34)
    """
    if not callable(grad_f):
        raise TypeError(f"grad_f must be callable; got {type(grad_f).__name__}")
    x = np.array(start, dtype=float)
    if x.ndim not in (1, 2) or x.size == 0:
        raise ValueError(f"start must have shape (dim,) or (n_starts, dim); got shape {x.shape}")
    if not np.all(np.isfinite(x)):
        raise ValueError("start must contain only finite numbers")
    lr = check_positive(lr, "lr")
    steps = check_positive_int(steps, "steps", minimum=0)
    check_choice(optimizer, "optimizer", OPTIMIZERS)
    bound = check_positive(bound, "bound")
    single = x.ndim == 1
    X = x[None, :] if single else x
    n = X.shape[0]

    path = np.empty((steps + 1,) + X.shape)
    path[0] = X
    alive = np.ones(n, dtype=bool)
    div_at = np.full(n, -1)
    v = np.zeros_like(X)
    m = np.zeros_like(X)
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, steps + 1):
            g = np.asarray(grad_f(X), dtype=float).reshape(X.shape)
            if optimizer == "sgd":
                new = X - lr * g
            elif optimizer == "momentum":
                v = beta * v - lr * g
                new = X + v
            else:
                m = beta1 * m + (1 - beta1) * g
                v = beta2 * v + (1 - beta2) * g * g
                m_hat = m / (1 - beta1**t)
                v_hat = v / (1 - beta2**t)
                new = X - lr * m_hat / (np.sqrt(v_hat) + eps)
            bad = alive & ~np.all(np.isfinite(new) & (np.abs(new) <= bound), axis=1)
            if bad.any():
                div_at[bad] = t
                # keep the first out-of-bounds point (clipped, so it stays finite) and freeze it
                new[bad] = np.clip(np.nan_to_num(new[bad], nan=bound, posinf=bound, neginf=-bound),
                                   -10 * bound, 10 * bound)
            X = np.where(alive[:, None], new, X)
            alive &= ~bad
            path[t] = X
            if not alive.any():
                path[t + 1:] = X
                break

    losses = None
    if single:
        cut = steps + 1 if div_at[0] < 0 else div_at[0] + 1
        path = path[:cut, 0, :]
        if f is not None:
            losses = np.asarray(f(path), dtype=float)
        return DescentPath(path, losses, bool(div_at[0] >= 0), int(div_at[0]))
    if f is not None:
        losses = np.asarray(f(path), dtype=float)
    return DescentPath(path, losses, div_at >= 0, div_at)


def describe_run(run, surface, tol=1e-3):
    """Say in words what a run did: ``"converged"``, ``"crawling"``, ``"oscillating"`` or ``"diverged"``.

    - diverged: the parameters blew up (see :func:`gradient_descent_path`);
    - converged: the final loss is within ``tol`` of the surface's minimum;
    - oscillating: not converged, and most consecutive steps point in opposite directions
      (the step overshoots the valley floor again and again);
    - crawling: not converged, still moving steadily downhill (learning rate too small or too few steps).

    Examples
    --------
    >>> s = get_surface("bowl")
    >>> describe_run(gradient_descent_path(s.grad, [2.0, 2.0], 0.001, 20, f=s.f), s)
    'crawling'
    """
    s = get_surface(surface)
    if run.diverged:
        return "diverged"
    final_loss = float(s.f(run.path[-1]))
    if final_loss - s.min_loss <= tol:
        return "converged"
    d = np.diff(run.path, axis=0)
    if len(d) >= 2:
        dots = np.sum(d[1:] * d[:-1], axis=-1)
        if np.mean(dots < 0) > 0.5:
            return "oscillating"
    return "crawling"


def compare_optimizers(surface, start=None, steps=200, lrs=None):
    """Run SGD, momentum and Adam from the same start on one surface.

    Parameters
    ----------
    surface : str or Surface
    start : array-like, optional
        Defaults to the surface's ``default_start``.
    steps : int
    lrs : dict, optional
        Learning rate per optimiser; defaults ``{"sgd": 0.005, "momentum": 0.005, "adam": 0.1}``.

    Returns
    -------
    dict
        optimiser name -> :class:`DescentPath` (with losses).

    Examples
    --------
    >>> runs = compare_optimizers("rosenbrock", steps=200)
    >>> sorted(runs)
    ['adam', 'momentum', 'sgd']
    """
    s = get_surface(surface)
    start = s.default_start if start is None else start
    lrs = {"sgd": 0.005, "momentum": 0.005, "adam": 0.1} if lrs is None else dict(lrs)
    for name in lrs:
        check_choice(name, "lrs key", OPTIMIZERS)
    return {name: gradient_descent_path(s.grad, start, lr, steps, name, f=s.f) for name, lr in lrs.items()}


def linear_regression_sgd(X, y, batch_size, lr=0.05, epochs=20, random_state=0):
    """Fit y ≈ X·w + b by mini-batch gradient descent on the MSE; record the loss after every update.

    ``batch_size = len(X)`` is (full-)batch gradient descent, ``1`` is stochastic gradient
    descent, anything between is mini-batch. Each epoch shuffles the rows (seeded) and takes
    ``ceil(n / batch_size)`` steps of θ ← θ − η·∇MSE(batch), each one vectorised over its batch.

    Returns
    -------
    dict
        ``w`` (n_features,), ``b``, ``updates_per_epoch``, ``loss_per_update`` (full-data MSE after
        every update), ``loss_per_epoch`` (full-data MSE at the end of every epoch).

    Examples
    --------
    >>> X = np.linspace(-1, 1, 50)[:, None]
    >>> res = linear_regression_sgd(X, 3 * X[:, 0] - 1, batch_size=10, lr=0.1, epochs=200)
    >>> np.round(res["w"], 3).tolist(), round(res["b"], 3), res["updates_per_epoch"]
    ([3.0], -1.0, 5)
    """
    from ._checks import as_1d_float, as_2d_float

    X = as_2d_float(X, "X")
    y = as_1d_float(y, "y", size=X.shape[0])
    n = X.shape[0]
    batch_size = check_positive_int(batch_size, "batch_size")
    if batch_size > n:
        raise ValueError(f"batch_size must be at most the number of samples ({n}); got {batch_size}")
    lr = check_positive(lr, "lr")
    epochs = check_positive_int(epochs, "epochs")
    rng = np.random.default_rng(random_state)
    w = np.zeros(X.shape[1])
    b = 0.0
    per_update, per_epoch = [], []
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            err = X[idx] @ w + b - y[idx]               # (batch,)
            w = w - lr * 2.0 * X[idx].T @ err / len(idx)
            b = b - lr * 2.0 * float(err.mean())
            per_update.append(float(np.mean((X @ w + b - y) ** 2)))
        per_epoch.append(per_update[-1])
    return {"w": w, "b": float(b), "updates_per_epoch": -(-n // batch_size),
            "loss_per_update": np.array(per_update), "loss_per_epoch": np.array(per_epoch)}
