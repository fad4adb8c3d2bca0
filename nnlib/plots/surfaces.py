"""Loss surfaces as pictures: a 1-D loss curve, 2-D contour maps, descent paths and loss curves.

The surfaces and the descent itself live in :mod:`nnlib.descent`; these helpers only draw.

Examples
--------
>>> from nnlib import descent
>>> from nnlib.plots.surfaces import plot_descent_paths
>>> s = descent.get_surface("valley")
>>> run = descent.gradient_descent_path(s.grad, s.default_start, 0.1, 30, f=s.f)
>>> ax = plot_descent_paths(s, {"η = 0.1": run})
>>> len(ax.lines[0].get_xdata())
31
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ..descent import get_surface
from ..language import tr

__all__ = [
    "PATH_COLOURS",
    "contour_levels",
    "plot_surface_1d",
    "plot_contour",
    "plot_descent_paths",
    "plot_loss_curves",
    "plot_optimizer_comparison",
]

#: Colours for several paths on one map (SGD, momentum, Adam, ...).
PATH_COLOURS = ("#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#17becf")


def _axes(ax, figsize=(5.0, 4.0)):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def contour_levels(surface, n_levels=14, n=80):
    """Contour levels spaced evenly on a log scale above the minimum (dense near the bottom).

    Parameters
    ----------
    surface : str or Surface
        A 2-D surface of :mod:`nnlib.descent`.
    n_levels : int, default 14
    n : int, default 80
        Grid points per axis used to find the highest loss in the window.

    Returns
    -------
    ndarray of shape (n_levels,), increasing

    Examples
    --------
    >>> levels = contour_levels("bowl", n_levels=3)
    >>> levels.shape, bool(levels[0] > 0), bool(np.all(np.diff(levels) > 0))
    ((3,), True, True)
    """
    s = get_surface(surface)
    _, _, Z = s.grid(n)
    lo = s.min_loss
    span = max(float(Z.max()) - lo, 1e-9)
    return lo + np.geomspace(span * 1e-4, span, n_levels)


def plot_surface_1d(surface, run=None, ax=None, n=200):
    """Draw a 1-D loss curve L(w) and, optionally, a descent run on it (dots joined by lines).

    Parameters
    ----------
    surface : str or Surface
        A 1-D surface ("parabola", "double well").
    run : DescentPath, optional
        From :func:`nnlib.descent.gradient_descent_path`.
    ax : Axes, optional
    n : int, default 200
        Points on the curve.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.lines[0]`` is the curve; ``ax.lines[1]`` (if a run was given) the path.

    Raises
    ------
    ValueError
        For a 2-D surface.

    Examples
    --------
    >>> from nnlib import descent
    >>> s = descent.get_surface("parabola")
    >>> ax = plot_surface_1d(s, descent.gradient_descent_path(s.grad, [-1.5], 0.1, 5, f=s.f))
    >>> ax.get_xlabel(), len(ax.lines[1].get_xdata())
    ('weight w', 6)
    """
    s = get_surface(surface)
    if s.dim != 1:
        raise ValueError(f"surface must be 1-D here; {s.name!r} has dim {s.dim}")
    ax = _axes(ax, (5.0, 3.2))
    w = np.linspace(*s.xlim, n)
    ax.plot(w, s.f(w[:, None]), color="#444", lw=2, label=tr("loss L(w)"))
    if run is not None:
        p = run.path[:, 0]
        inside = (p >= s.xlim[0]) & (p <= s.xlim[1])
        ax.plot(p[inside], s.f(p[inside, None]), "o-", color=PATH_COLOURS[0], ms=5, lw=1,
                label=tr("{n} steps", n=len(p) - 1))
        ax.plot(p[:1], s.f(p[:1, None]), "o", color="black", ms=7, label=tr("start"))
    ax.set_xlim(*s.xlim)
    ax.set_ylim(*s.ylim)
    ax.set_xlabel(tr("weight w"))
    ax.set_ylabel(tr("loss L"))
    ax.set_title(tr(s.title))
    ax.legend(loc="upper center", fontsize=8)
    return ax


def plot_contour(surface, ax=None, n=80, n_levels=14):
    """Contour map of a 2-D surface over (w₁, w₂) with its minimum marked by a star.

    Parameters
    ----------
    surface : str or Surface
    ax : Axes, optional
    n : int, default 80
        Grid points per axis.
    n_levels : int, default 14

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = plot_contour("valley")
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('w₁', 'w₂')
    """
    s = get_surface(surface)
    ax = _axes(ax)
    xs, ys, Z = s.grid(n)
    ax.contour(xs, ys, Z, levels=contour_levels(s, n_levels, n), cmap="Blues_r", linewidths=0.8)
    ax.plot(*s.minimum, "*", color="black", ms=12, zorder=5, label=tr("minimum"))
    ax.set_xlim(*s.xlim)
    ax.set_ylim(*s.ylim)
    ax.set_xlabel("w₁")
    ax.set_ylabel("w₂")
    ax.set_title(tr(s.title))
    return ax


def plot_descent_paths(surface, runs, ax=None, n=80):
    """Contour map with one path per run (``runs``: label -> DescentPath), each from a black dot.

    Parameters
    ----------
    surface : str or Surface
    runs : dict of str -> DescentPath
    ax : Axes, optional
    n : int, default 80

    Returns
    -------
    matplotlib.axes.Axes
        The paths are ``ax.lines[0 : len(runs)]``, in the order given.

    Examples
    --------
    >>> from nnlib import descent
    >>> s = descent.get_surface("bowl")
    >>> runs = {f"η = {lr}": descent.gradient_descent_path(s.grad, [2.0, 1.0], lr, 10, f=s.f)
    ...         for lr in (0.1, 0.4)}
    >>> ax = plot_descent_paths(s, runs)
    >>> [line.get_label() for line in ax.lines[:2]], len(ax.lines[0].get_xdata())
    (['η = 0.1', 'η = 0.4'], 11)
    """
    s = get_surface(surface)
    ax = _axes(ax)
    path_lines = []
    for i, (label, run) in enumerate(runs.items()):
        P = np.clip(run.path, -1e3, 1e3)
        (line,) = ax.plot(P[:, 0], P[:, 1], ".-", color=PATH_COLOURS[i % len(PATH_COLOURS)],
                          lw=1.4, ms=3, label=label, zorder=3 + len(runs) - i)  # first on top
        path_lines.append(line)
    for run in runs.values():
        ax.plot(*run.path[0], "o", color="black", ms=6)
    plot_contour(s, ax=ax, n=n)
    ax.legend(loc="lower right", fontsize=8)
    return ax


def plot_loss_curves(runs, ax=None, min_loss=0.0):
    """Loss per step for each run (``runs``: label -> DescentPath), log scale; step 0 is the start.

    ``min_loss`` is subtracted so the curves show the distance to the best possible loss.

    Parameters
    ----------
    runs : dict of str -> DescentPath
    ax : Axes, optional
    min_loss : float, default 0.0

    Returns
    -------
    matplotlib.axes.Axes
        One line per run.

    Examples
    --------
    >>> from nnlib import descent
    >>> s = descent.get_surface("bowl")
    >>> ax = plot_loss_curves({"η = 0.1": descent.gradient_descent_path(s.grad, [1.0, 1.0], 0.1, 9, f=s.f)})
    >>> ax.lines[0].get_xdata().tolist()[:3], ax.get_ylabel()
    ([0, 1, 2], 'loss − minimum (log scale)')
    """
    ax = _axes(ax, (5.0, 3.2))
    for i, (label, run) in enumerate(runs.items()):
        gap = np.maximum(run.losses - min_loss, 1e-12)
        ax.semilogy(np.arange(len(gap)), gap, color=PATH_COLOURS[i % len(PATH_COLOURS)], lw=1.6,
                    label=label)
    ax.set_xlabel(tr("step"))
    ax.set_ylabel(tr("loss − minimum (log scale)"))
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return ax


def plot_optimizer_comparison(surface, runs):
    """Paths on the contour map (left) and loss curves (right) for several optimisers.

    Parameters
    ----------
    surface : str or Surface
    runs : dict of str -> DescentPath
        E.g. the result of :func:`nnlib.descent.compare_optimizers`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from nnlib import descent
    >>> fig = plot_optimizer_comparison("banana", descent.compare_optimizers("banana", steps=20))
    >>> [line.get_label() for line in fig.axes[1].lines]
    ['sgd', 'momentum', 'adam']
    """
    s = get_surface(surface)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    plot_descent_paths(s, runs, ax=ax1)
    plot_loss_curves(runs, ax=ax2, min_loss=s.min_loss)
    return fig
