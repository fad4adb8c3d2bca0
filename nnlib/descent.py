"""Loss surfaces with their gradients, and gradient descent (경사 하강법) paths across them.

A :class:`Surface` is a loss function of one or two parameters together with its exact
gradient. :func:`gradient_descent_path` walks downhill from a start point with one of
:mod:`nnlib.optimizers` (plain SGD, momentum or Adam — the same optimiser classes the networks
use, so each update rule is written once in the package), recording every position and loss.
A run whose loss blows up is stopped by nnlib's one divergence rule
(:class:`nnlib.divergence.DivergenceGuard`): the last good position is kept, the run is flagged
``diverged`` and one ``RuntimeWarning`` names the learning rate; numpy never warns about
overflow and no NaN reaches the path.

Sources: A. Cauchy (1847) for gradient descent; B. T. Polyak (1964) for momentum; D. P. Kingma
& J. Ba, "Adam: a method for stochastic optimization" (2015); H. H. Rosenbrock, "An automatic
method for finding the greatest or least value of a function", *The Computer Journal* 3 (1960)
for the banana-shaped valley: nnlib's "banana" surface (1 − w₁)² + 10(w₂ − w₁²)² is
Rosenbrock-like, with 10 instead of Rosenbrock's 100 so that plain gradient descent gets
somewhere in 200 steps.

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

from ._checks import (as_1d_float, as_2d_float, check_choice, check_finite_scalar,
                      check_non_negative, check_positive, check_positive_int)
from .divergence import DivergenceGuard
from .language import translatable
from .optimizers import SGD, Adam, Momentum

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

#: Optimiser names accepted by :func:`gradient_descent_path` (classes of :mod:`nnlib.optimizers`).
OPTIMIZERS = ("sgd", "momentum", "adam")


@dataclass(frozen=True)
class Surface:
    """A loss function of ``dim`` weights with its gradient, plus a sensible plotting window.

    ``f(P)`` takes points (w₁, w₂) of shape ``(..., dim)`` and returns losses of shape ``(...)``;
    ``grad(P)`` returns gradients ∂L/∂w of shape ``(..., dim)``. Both work on whole grids at
    once. ``xlim``/``ylim`` are the w₁/w₂ plotting window, ``minimum`` the global minimum and
    ``default_start`` where the chapter starts.

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
        """The loss at the global minimum.

        Examples
        --------
        >>> round(get_surface("double well").min_loss, 3)
        0.065
        """
        return float(self.f(np.asarray(self.minimum, dtype=float)))

    def grid(self, n=80):
        """Losses on an ``n`` x ``n`` grid over the window: ``(xs, ys, Z)``, Z[i, j] at (w₁, w₂) = (xs[j], ys[i]).

        Raises ValueError for a 1-D surface.

        Examples
        --------
        >>> xs, ys, Z = get_surface("bowl").grid(3)
        >>> xs.tolist(), float(Z[1, 1])
        ([-3.0, 0.0, 3.0], 0.0)
        """
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


# Rosenbrock's valley (1 − w₁)² + 100·(w₂ − w₁²)² with 10 instead of his 100: the same curved
# valley floor w₂ = w₁², minimum (1, 1), but walls gentle enough that plain gradient descent with
# the chapter's learning rates gets somewhere in 200 steps. Named "banana", not "Rosenbrock".
def _banana_f(P):
    x, y = P[..., 0], P[..., 1]
    return (1.0 - x) ** 2 + 10.0 * (y - x * x) ** 2


def _banana_g(P):
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
    "bowl": Surface("bowl", translatable("round bowl  w₁² + w₂²"), 2, _bowl_f, _bowl_g,
                    (-3.0, 3.0), (-3.0, 3.0), (0.0, 0.0), (-2.5, 2.0)),
    "valley": Surface("valley", translatable("long valley  ½w₁² + 5w₂²"), 2, _valley_f, _valley_g,
                      (-5.0, 5.0), (-2.0, 2.0), (0.0, 0.0), (-4.0, 1.5)),
    "banana": Surface("banana", translatable("banana valley  (1−w₁)² + 10(w₂−w₁²)²"), 2,
                      _banana_f, _banana_g, (-2.0, 2.0), (-1.0, 3.0), (1.0, 1.0), (-1.5, 2.5)),
}

#: 1-D curves for the first picture of gradient descent.
SURFACES_1D = {
    "parabola": Surface("parabola", "(w − 1)²", 1, _parabola_f, _parabola_g,
                        (-2.0, 4.0), (0.0, 9.0), (1.0,), (-1.5,)),
    "double well": Surface("double well", "¼w⁴ − w² + 0.3w + 1.5", 1, _double_well_f, _double_well_g,
                           (-2.3, 2.3), (0.0, 3.5), (-1.4840,), (2.0,)),
}


def get_surface(name):
    """Look up a surface by name (2-D ones first, then 1-D); a :class:`Surface` passes through.

    Parameters
    ----------
    name : str or Surface
        A key of :data:`SURFACES` ("bowl", "valley", "banana") or :data:`SURFACES_1D`
        ("parabola", "double well").

    Returns
    -------
    Surface

    Raises
    ------
    ValueError
        For an unknown name; the message lists the valid ones.

    Examples
    --------
    >>> get_surface("banana").minimum
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
    path : ndarray of shape (n_points, dim), float
        Every position visited, the start first. A run that diverges ends at its last good
        position (the one before the loss blew up).
    losses : ndarray of shape (n_points,), float
        ``f`` at every point of ``path``.
    diverged : bool
        True when the loss became non-finite or grew far above its best (see
        :class:`nnlib.divergence.DivergenceGuard`).
    diverged_at : int
        The step (counted from 1) whose loss blew up, -1 if the run did not diverge.

    Examples
    --------
    >>> s = get_surface("bowl")
    >>> run = gradient_descent_path(s.grad, [1.0, 0.0], lr=0.25, steps=2, f=s.f)
    >>> run.path.tolist(), run.final_loss
    ([[1.0, 0.0], [0.5, 0.0], [0.25, 0.0]], 0.0625)
    """

    path: np.ndarray
    losses: np.ndarray
    diverged: bool
    diverged_at: int

    @property
    def final(self):
        """The last position, shape (dim,) (the last good one if the run diverged).

        Examples
        --------
        >>> s = get_surface("parabola")
        >>> gradient_descent_path(s.grad, [3.0], 0.5, 1, f=s.f).final
        array([1.])
        """
        return self.path[-1]

    @property
    def final_loss(self):
        """The loss at the last position, a float.

        Examples
        --------
        >>> s = get_surface("parabola")
        >>> gradient_descent_path(s.grad, [3.0], 0.25, 1, f=s.f).final_loss
        1.0
        """
        return float(self.losses[-1])


def _make_optimizer(name, lr, beta=0.9, beta1=0.9, beta2=0.999, eps=1e-8):
    """The :mod:`nnlib.optimizers` object for an optimiser name.

    Parameters
    ----------
    name : {"sgd", "momentum", "adam"}
    lr : float
        Learning rate η (> 0).
    beta : float, default 0.9
        Momentum's β.
    beta1, beta2, eps : float
        Adam's β₁, β₂ and ε.

    Returns
    -------
    nnlib.optimizers.SGD, Momentum or Adam

    Raises
    ------
    ValueError
        For an unknown name or an out-of-range hyper-parameter.

    Examples
    --------
    >>> type(_make_optimizer("adam", 0.1)).__name__
    'Adam'
    """
    check_choice(name, "optimizer", OPTIMIZERS)
    if name == "sgd":
        return SGD(lr)
    if name == "momentum":
        return Momentum(lr, beta)
    return Adam(lr, beta1, beta2, eps)


def gradient_descent_path(grad_f, start, lr, steps, optimizer="sgd", *, f, beta=0.9,
                          beta1=0.9, beta2=0.999, eps=1e-8):
    """Follow the negative gradient from ``start`` for ``steps`` steps.

    Each step asks :mod:`nnlib.optimizers` for the update (the same classes a network trains
    with), g being the gradient ∂L/∂w at the current point w: ``sgd`` w ← w − η g; ``momentum``
    v ← βv − η g, w ← w + v (Polyak 1964); ``adam`` bias-corrected running means of g and g²,
    w ← w − η m̂ / (√v̂ + ε) (Kingma & Ba 2015).

    Parameters
    ----------
    grad_f : callable
        Gradient, ``grad_f(w)`` of shape (dim,) for a point w of shape (dim,).
    start : array-like of shape (dim,), float
        Start point.
    lr : float
        Learning rate (학습률) η, > 0.
    steps : int
        Number of updates, >= 0.
    optimizer : {"sgd", "momentum", "adam"}, default "sgd"
    f : callable
        The loss ``f(w)``; watched at every step by the divergence rule and returned with the path.
    beta, beta1, beta2, eps : float
        Hyper-parameters of momentum and Adam (momentum β; Adam β₁, β₂, ε).

    Returns
    -------
    DescentPath

    Raises
    ------
    TypeError, ValueError
        For a bad argument; the message starts with its name.

    Warns
    -----
    RuntimeWarning
        Once, naming ``lr``, when the loss blows up; the run then stops at its last good point.

    Examples
    --------
    >>> import warnings
    >>> valley = get_surface("valley")
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     run = gradient_descent_path(valley.grad, [-4.0, 1.5], lr=0.25, steps=100, f=valley.f)
    >>> run.diverged, run.diverged_at, len(run.path), "lr=0.25" in str(caught[0].message)
    (True, 18, 18, True)
    """
    if not callable(grad_f):
        raise TypeError(f"grad_f must be callable; got {type(grad_f).__name__}")
    if not callable(f):
        raise TypeError(f"f must be the loss function (callable); got {type(f).__name__}")
    w = as_1d_float(start, "start").copy()  # the optimiser updates it in place
    lr = check_positive(lr, "lr")
    steps = check_positive_int(steps, "steps", minimum=0)
    opt = _make_optimizer(optimizer, lr, beta, beta1, beta2, eps)
    guard = DivergenceGuard(lr, f"gradient descent ({optimizer})")

    # Checked once at the start, so the loop below is the algorithm only.
    start_loss = f(w)
    if isinstance(start_loss, np.ndarray) and start_loss.shape == ():
        start_loss = start_loss.item()
    start_loss = check_finite_scalar(start_loss, "f(start)")
    if np.shape(grad_f(w)) != w.shape:
        raise ValueError(f"grad_f must return a gradient of start's shape {w.shape}; got shape {np.shape(grad_f(w))}")
    path, losses = [w.copy()], [start_loss]
    guard.check(losses[0], [w])
    diverged_at = -1
    for t in range(1, steps + 1):
        # A too-large lr overflows on purpose; the guard notices, so numpy need not warn.
        with np.errstate(over="ignore", invalid="ignore"):
            opt.step([w], [np.asarray(grad_f(w), dtype=float)])
            loss = float(f(w))
        if guard.check(loss, [w]):
            diverged_at = t
            break
        path.append(w.copy())
        losses.append(loss)
    return DescentPath(np.array(path), np.array(losses), diverged_at > 0, diverged_at)


def describe_run(run, surface, tol=1e-3):
    """Say in words what a run did: ``"converged"``, ``"crawling"``, ``"oscillating"`` or ``"diverged"``.

    - diverged: the loss blew up (see :func:`gradient_descent_path`);
    - converged: the final loss is within ``tol`` of the surface's minimum;
    - oscillating: not converged, and most consecutive steps point in opposite directions
      (the step overshoots the valley floor again and again);
    - crawling: not converged, still moving steadily downhill (learning rate too small or too few steps).

    Parameters
    ----------
    run : DescentPath
    surface : str or Surface
    tol : float, default 1e-3

    Returns
    -------
    str

    Examples
    --------
    >>> s = get_surface("bowl")
    >>> describe_run(gradient_descent_path(s.grad, [2.0, 2.0], 0.001, 20, f=s.f), s)
    'crawling'
    """
    if not isinstance(run, DescentPath):
        raise TypeError(f"run must be a DescentPath (from gradient_descent_path); got {type(run).__name__}")
    s = get_surface(surface)
    if run.path.shape[1:] != (s.dim,):
        raise ValueError(f"run must be a path on surface {s.name!r} ({s.dim} weights); "
                         f"its points have shape {run.path.shape[1:]}")
    tol = check_non_negative(tol, "tol")
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
    start : array-like of shape (dim,), optional
        Defaults to the surface's ``default_start``.
    steps : int, default 200
    lrs : dict, optional
        Learning rate per optimiser; defaults ``{"sgd": 0.005, "momentum": 0.005, "adam": 0.1}``.

    Returns
    -------
    dict
        optimiser name -> :class:`DescentPath`.

    Warns
    -----
    RuntimeWarning
        Once per run that diverges (see :func:`gradient_descent_path`).

    Examples
    --------
    >>> runs = compare_optimizers("banana", steps=200)
    >>> {name: round(run.final_loss, 4) for name, run in runs.items()}
    {'sgd': 3.7726, 'momentum': 0.0, 'adam': 0.0}
    """
    s = get_surface(surface)
    start = as_1d_float(s.default_start if start is None else start, "start", size=s.dim)
    lrs = {"sgd": 0.005, "momentum": 0.005, "adam": 0.1} if lrs is None else dict(lrs)
    for name in lrs:
        check_choice(name, "lrs key", OPTIMIZERS)
    return {name: gradient_descent_path(s.grad, start, lr, steps, name, f=s.f) for name, lr in lrs.items()}


def linear_regression_sgd(X, y, batch_size, lr=0.05, epochs=20, random_state=0):
    """Fit ŷ = X·w + b by mini-batch gradient descent; record the MSE after every update.

    ``batch_size = len(X)`` is (full-)batch gradient descent, ``1`` is stochastic gradient
    descent, anything between is mini-batch. Each epoch shuffles the rows (seeded) and takes
    ``ceil(n / batch_size)`` steps of :class:`nnlib.optimizers.SGD` down the gradient of the
    batch's mean loss L = ½(ŷ − y)², each one vectorised over its batch:
    ∂L/∂w = Xᵀ(ŷ − y) / batch, ∂L/∂b = mean(ŷ − y) (the delta rule's batch step, Widrow & Hoff
    1960). The recorded metric is MSE = mean((ŷ − y)²) on all the data (twice the mean of L).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features), float
    y : array-like of shape (n_samples,), float
    batch_size : int
        1 ≤ batch_size ≤ n_samples.
    lr : float, default 0.05
        Learning rate η (> 0).
    epochs : int, default 20
    random_state : int, numpy Generator or None, default 0
        Seed for the shuffling.

    Returns
    -------
    dict
        ``w`` (n_features,), ``b`` (float), ``updates_per_epoch`` (int), ``loss_per_update``
        (MSE after every update), ``loss_per_epoch`` (MSE at the end of every epoch),
        ``diverged`` (bool). A diverged run (see :class:`nnlib.divergence.DivergenceGuard`)
        stops with the last good ``w``, ``b``; its loss lists end with the loss that stopped it.

    Raises
    ------
    ValueError, TypeError
        For a bad argument; the message starts with its name.

    Warns
    -----
    RuntimeWarning
        Once, naming ``lr``, if the loss blows up.

    Examples
    --------
    >>> X = np.linspace(-1, 1, 50)[:, None]
    >>> res = linear_regression_sgd(X, 3 * X[:, 0] - 1, batch_size=10, lr=0.2, epochs=200)
    >>> np.round(res["w"], 3).tolist(), round(res["b"], 3), res["updates_per_epoch"], res["diverged"]
    ([3.0], -1.0, 5, False)
    """
    X = as_2d_float(X, "X")
    y = as_1d_float(y, "y", size=X.shape[0])
    n = X.shape[0]
    batch_size = check_positive_int(batch_size, "batch_size")
    if batch_size > n:
        raise ValueError(f"batch_size must be at most the number of samples ({n}); got {batch_size}")
    lr = check_positive(lr, "lr")
    epochs = check_positive_int(epochs, "epochs")
    rng = np.random.default_rng(random_state)
    w, b = np.zeros(X.shape[1]), np.zeros(1)
    opt = SGD(lr)
    guard = DivergenceGuard(lr, "linear_regression_sgd")
    guard.check(float(np.mean(y**2)), [w, b])  # the zero start
    per_update, per_epoch = [], []
    for _ in range(epochs):
        order = rng.permutation(n)
        for first in range(0, n, batch_size):
            idx = order[first:first + batch_size]
            with np.errstate(over="ignore", invalid="ignore"):  # the guard below notices blow-ups
                error = X[idx] @ w + b - y[idx]                  # ŷ − y, shape (batch,)
                opt.step([w, b], [X[idx].T @ error / len(idx), np.array([error.mean()])])
                loss = float(np.mean((X @ w + b - y) ** 2))
            per_update.append(loss if np.isfinite(loss) else np.inf)
            if guard.check(loss, [w, b]):
                w, b = guard.best_params
                per_epoch.append(per_update[-1])
                return _regression_result(w, b, n, batch_size, per_update, per_epoch, True)
        per_epoch.append(per_update[-1])
    return _regression_result(w, b, n, batch_size, per_update, per_epoch, False)


def _regression_result(w, b, n, batch_size, per_update, per_epoch, diverged):
    return {"w": w, "b": float(b[0]), "updates_per_epoch": -(-n // batch_size),
            "loss_per_update": np.array(per_update), "loss_per_epoch": np.array(per_epoch),
            "diverged": diverged}
