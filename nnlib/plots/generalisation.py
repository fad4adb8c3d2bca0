"""Figures of chapter 08: fitted curves over noisy training points, and unit contributions.

Examples
--------
>>> import numpy as np
>>> x = np.linspace(-1, 1, 5)
>>> ax = plot_fits(x[:, None], np.sin(x), x, {"model": np.sin(x)}, truth=np.sin(x))
>>> [line.get_label() for line in ax.lines]
['true function', 'model']
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ..language import tr

__all__ = ["plot_fits", "plot_contributions"]

FIT_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e")


def plot_fits(X_train, y_train, x_grid, fits, truth=None, ax=None, title=None):
    """Training points, the true function (if known) and each model's curve on one axes.

    Parameters
    ----------
    X_train : array-like of shape (n_samples, 1)
    y_train : array-like of shape (n_samples,)
    x_grid : array-like of shape (m,)
        Where the curves are drawn.
    fits : dict of str -> array-like of shape (m,)
        Each model's predictions on ``x_grid``, by label.
    truth : array-like of shape (m,), optional
        The noise-free function on ``x_grid`` (grey, dashed).
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes

    Raises
    ------
    ValueError
        If a curve does not have one value per grid point (the message names it).
    """
    x_grid = np.asarray(x_grid, dtype=float).ravel()
    if ax is None:
        _, ax = plt.subplots(figsize=(4.6, 3.2), layout="constrained")
    if truth is not None:
        ax.plot(x_grid, np.asarray(truth, dtype=float), color="0.5", ls="--", lw=1.5, label=tr("true function"))
    for i, (label, curve) in enumerate(fits.items()):
        curve = np.asarray(curve, dtype=float).ravel()
        if curve.shape != x_grid.shape:
            raise ValueError(f"fits[{label!r}] must have one value per grid point {x_grid.shape}; got {curve.shape}")
        ax.plot(x_grid, curve, color=FIT_COLOURS[i % len(FIT_COLOURS)], lw=1.8, label=label)
    ax.scatter(np.asarray(X_train, dtype=float).ravel(), np.asarray(y_train, dtype=float), s=22, color="k",
               zorder=3, label=tr("training points"))
    ax.set_ylabel("y")
    return _finish(ax, title)


def plot_contributions(x, contributions, c, target=None, ax=None, title=None):
    """Each hidden unit's contribution vᵢ·φ(wᵢx + bᵢ) (thin lines) and their sum + c (thick red).

    Parameters
    ----------
    x : array-like of shape (m,)
    contributions : array-like of shape (n_hidden, m)
    c : float
        The output bias.
    target : array-like of shape (m,), optional
        The function the network was fitted to (grey).

    Returns
    -------
    Axes

    Examples
    --------
    >>> x = np.linspace(-1, 1, 3)
    >>> ax = plot_contributions(x, np.array([x, -x]), 0.5)
    >>> ax.lines[-1].get_ydata().tolist()               # the sum: x − x + 0.5
    [0.5, 0.5, 0.5]
    """
    x = np.asarray(x, dtype=float).ravel()
    parts = np.asarray(contributions, dtype=float)
    if parts.ndim != 2 or parts.shape[1] != x.size:
        raise ValueError(f"contributions must have shape (n_hidden, {x.size}); got {parts.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(4.6, 3.2), layout="constrained")
    if target is not None:
        ax.plot(x, np.asarray(target, dtype=float), color="0.55", lw=4, alpha=0.6, label=tr("target"))
    for row in parts:
        ax.plot(x, row, lw=1, alpha=0.8)
    ax.plot(x, parts.sum(axis=0) + c, color="#d62728", lw=2, label=tr("sum + c = ŷ"))
    return _finish(ax, title)


def _finish(ax, title):
    ax.set_xlabel(tr("input x"))
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    if title:
        ax.set_title(title)
    return ax
