"""A single neuron's output over the 2-D input plane.

:func:`neuron_grid` (pure) evaluates the activation a = φ(w₁x₁ + w₂x₂ + b) on a grid;
:func:`plot_neuron_output` shows it as an image with the line z = 0 where the neuron's net input changes sign.

Examples
--------
>>> from nnlib.plots.neuron import neuron_grid
>>> x, Y = neuron_grid(1.0, 1.0, -1.5, "step", lim=(0, 1), n=2)
>>> Y.tolist()
[[0.0, 0.0], [0.0, 1.0]]
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .. import activations as _act
from .._checks import check_finite_scalar
from ..language import tr
from .gates import decision_line

__all__ = ["neuron_grid", "plot_neuron_output", "net_input_text", "OUTPUT_CMAP", "output_limits"]

OUTPUT_CMAP = "RdBu_r"  # low outputs blue (class 0), high outputs red (class 1)


def output_limits(activation):
    """Colour limits for an activation's output: (0, 1) for step/sigmoid, (−1, 1) for tanh, ...

    Examples
    --------
    >>> output_limits("tanh")
    (-1.0, 1.0)
    """
    name = _act.get(activation).name
    return {"tanh": (-1.0, 1.0), "relu": (0.0, 3.0), "leaky_relu": (-1.0, 3.0),
            "linear": (-3.0, 3.0)}.get(name, (0.0, 1.0))


def net_input_text(w1, w2, b):
    """The net input written out with proper signs: ``1·x₁ + 1·x₂ − 1.5``, never ``+ -1.5``.

    Examples
    --------
    >>> net_input_text(1.0, -0.5, -1.5), net_input_text(2, 1, 0)
    ('1·x₁ − 0.5·x₂ − 1.5', '2·x₁ + 1·x₂ + 0')
    """
    def signed(v):
        return f"− {abs(v):g}" if v < 0 else f"+ {v:g}"

    first = f"−{abs(w1):g}" if w1 < 0 else f"{w1:g}"
    return f"{first}·x₁ {signed(w2)}·x₂ {signed(b)}"


def neuron_grid(w1, w2, b, activation="sigmoid", lim=(-0.5, 1.5), n=81):
    """Evaluate a two-input neuron on an ``n × n`` grid covering ``lim`` × ``lim`` (vectorised).

    Returns
    -------
    x : ndarray of shape (n,)
        Grid coordinates (the same for x₁ and x₂).
    Y : ndarray of shape (n, n)
        The activation ``Y[i, j] = φ(w₁·x[j] + w₂·x[i] + b)`` — rows are x₂, as
        ``imshow(origin="lower")`` wants.

    Examples
    --------
    >>> x, Y = neuron_grid(0.0, 0.0, 0.0, "sigmoid", n=3)
    >>> Y.tolist()
    [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]
    """
    w1 = check_finite_scalar(w1, "w1")
    w2 = check_finite_scalar(w2, "w2")
    b = check_finite_scalar(b, "b")
    act = _act.get(activation)
    lo, hi = float(lim[0]), float(lim[1])
    if not lo < hi:
        raise ValueError(f"lim must be (low, high) with low < high; got {lim}")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"n must be an integer >= 2; got {n!r}")
    x = np.linspace(lo, hi, int(n))
    z = w1 * x[None, :] + w2 * x[:, None] + b
    return x, act.f(z)


def plot_neuron_output(w1, w2, b, activation="sigmoid", ax=None, lim=(-0.5, 1.5), n=81, points=None,
                       colorbar=True):
    """Show a two-input neuron's output as a colour image with its z = 0 line.

    Parameters
    ----------
    w1, w2, b : float
    activation : str
    ax : Axes, optional
    lim : (float, float)
    n : int
    points : array of shape (m, 2), optional
        Input points to mark (e.g. the four truth-table rows).
    colorbar : bool

    Returns
    -------
    ax : Axes

    Examples
    --------
    >>> ax = plot_neuron_output(1.0, 1.0, -1.5, "sigmoid", n=11, colorbar=False)
    >>> ax.images[0].get_array().shape
    (11, 11)
    """
    x, Y = neuron_grid(w1, w2, b, activation, lim, n)
    if ax is None:
        _, ax = plt.subplots(figsize=(4.2, 3.6), layout="constrained")
    vmin, vmax = output_limits(activation)
    im = ax.imshow(Y, origin="lower", extent=(x[0], x[-1], x[0], x[-1]), cmap=OUTPUT_CMAP, vmin=vmin,
                   vmax=vmax, interpolation="nearest")
    line = decision_line(w1, w2, b, lim, lim)
    if line is not None:
        ax.plot(*line, color="k", lw=1.5, ls="--", label="z = 0")
    if points is not None:
        P = np.asarray(points, dtype=float).reshape(-1, 2)
        ax.scatter(P[:, 0], P[:, 1], s=50, facecolors="none", edgecolors="k", zorder=3)
    if colorbar:
        cbar = ax.figure.colorbar(im, ax=ax, shrink=0.85)
        cbar.set_label(tr("activation a ({name})", name=_act.get(activation).name))
    ax.set_xlim(x[0], x[-1])
    ax.set_ylim(x[0], x[-1])
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.set_title(f"a = {_act.get(activation).name}({net_input_text(w1, w2, b)})", fontsize=10)
    return ax
