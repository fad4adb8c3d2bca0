"""Logic gates as pictures: truth-table points, a perceptron's decision line, its solution region.

A perceptron (퍼셉트론) with weights w₁, w₂ and bias b answers ŷ = 1 where
z = w₁·x₁ + w₂·x₂ + b ≥ 0, i.e. where w·x reaches the threshold θ = −b. The border of that
half-plane is the decision line
x₂ = −(w₁·x₁ + b) / w₂. The pure helpers here (:func:`decision_line`,
:func:`half_plane_polygon`, :func:`solution_region`) compute the geometry; the ``plot_*``
functions draw it.

Examples
--------
>>> from nnlib.plots.gates import decision_line
>>> decision_line(1.0, 1.0, -1.5, xlim=(-0.5, 1.5))
((-0.5, 1.5), (2.0, 0.0))
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .._checks import check_finite_scalar
from ..datasets.logic import logic_gate
from ..language import tr

__all__ = [
    "CLASS_COLOURS",
    "POSITIVE_SHADE",
    "LIMITS",
    "decision_line",
    "half_plane_polygon",
    "solution_region",
    "draw_gate_points",
    "plot_gate",
    "plot_solution_region",
]

CLASS_COLOURS = ("#1f77b4", "#d62728")  # class 0 blue, class 1 red
CLASS_MARKERS = ("o", "s")
POSITIVE_SHADE = "#d62728"
LIMITS = (-0.5, 1.5)


def _limits(lim, name):
    lo, hi = float(lim[0]), float(lim[1])
    if not lo < hi:
        raise ValueError(f"{name} must be (low, high) with low < high; got {lim}")
    return lo, hi


def decision_line(w1, w2, b, xlim=LIMITS, ylim=LIMITS):
    """Two points of the line w₁·x₁ + w₂·x₂ + b = 0 spanning the box, or ``None`` if there is none.

    The one place nnlib computes a neuron's decision line (the gate explorer, the rule stepper,
    the neuron plots all call it). For w₂ ≠ 0 the points are at the left and right edges
    (x₂ = −(w₁x₁ + b)/w₂); for w₂ = 0 (or so small against w₁ that the line is vertical to
    float precision) it is vertical at x₁ = −b/w₁ (bottom to top edge). With w₁ = w₂ = 0 there
    is no line. For a unit that switches at z = c instead of 0 (Adaline), pass ``b − c``.

    Parameters
    ----------
    w1, w2, b : float
        Weights and bias (finite).
    xlim, ylim : (float, float), default (−0.5, 1.5)
        The box; low < high.

    Returns
    -------
    ((x_a, x_b), (y_a, y_b)) or None

    Raises
    ------
    ValueError, TypeError
        For non-finite numbers or an empty box; the message names the argument.

    Examples
    --------
    >>> decision_line(1.0, 0.0, -0.5)
    ((0.5, 0.5), (-0.5, 1.5))
    >>> decision_line(0.0, 0.0, 1.0) is None
    True
    """
    w1 = check_finite_scalar(w1, "w1")
    w2 = check_finite_scalar(w2, "w2")
    b = check_finite_scalar(b, "b")
    x0, x1 = _limits(xlim, "xlim")
    y0, y1 = _limits(ylim, "ylim")
    if abs(w2) > 1e-12 * max(1.0, abs(w1)):
        return (x0, x1), (float(-(w1 * x0 + b) / w2) + 0.0, float(-(w1 * x1 + b) / w2) + 0.0)
    if w1 != 0.0:
        xv = float(-b / w1) + 0.0
        return (xv, xv), (y0, y1)
    return None


def half_plane_polygon(w1, w2, b, xlim=LIMITS, ylim=LIMITS):
    """Vertices of the part of the box where w₁·x₁ + w₂·x₂ + b ≥ 0 (the perceptron says 1).

    The box is clipped against the half-plane (one Sutherland–Hodgman step, Sutherland &
    Hodgman 1974), so the result has 0 to 5 vertices; an empty (0, 2) array means the neuron
    never fires inside the box.

    Returns
    -------
    ndarray of shape (n_vertices, 2), float

    Examples
    --------
    >>> half_plane_polygon(0.0, 0.0, 1.0, xlim=(0, 1), ylim=(0, 1)).tolist()
    [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]
    >>> half_plane_polygon(1.0, 0.0, -0.5, xlim=(0, 1), ylim=(0, 1)).tolist()
    [[0.5, 0.0], [1.0, 0.0], [1.0, 1.0], [0.5, 1.0]]
    """
    w1 = check_finite_scalar(w1, "w1")
    w2 = check_finite_scalar(w2, "w2")
    b = check_finite_scalar(b, "b")
    x0, x1 = _limits(xlim, "xlim")
    y0, y1 = _limits(ylim, "ylim")
    box = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    out = []
    for i, p in enumerate(box):
        q = box[(i + 1) % 4]
        zp = w1 * p[0] + w2 * p[1] + b
        zq = w1 * q[0] + w2 * q[1] + b
        if zp >= 0:
            out.append(p)
        if (zp >= 0) != (zq >= 0):
            t = zp / (zp - zq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return np.array(out, dtype=float).reshape(-1, 2)


def solution_region(gate, b, w_range=(-3.0, 3.0), n=101):
    """How many truth-table rows a step perceptron gets right, over a grid of (w₁, w₂) at fixed b.

    Vectorised: all ``n × n`` weight pairs are tried on the four rows at once.

    Parameters
    ----------
    gate : str
        A gate name for :func:`nnlib.datasets.logic_gate` ("AND", "OR", "NAND", ...).
    b : float
        The fixed bias.
    w_range : (float, float)
        The range of w₁ and w₂.
    n : int
        Grid points per axis.

    Returns
    -------
    w : ndarray of shape (n,)
        The grid values (the same for w₁ and w₂).
    n_correct : ndarray of shape (n, n), int
        ``n_correct[i, j]`` is the number of rows right for w₂ = w[i], w₁ = w[j] (image order).

    Examples
    --------
    >>> w, counts = solution_region("AND", b=-1.5, w_range=(0, 2), n=3)
    >>> w.tolist(), counts.tolist()
    ([0.0, 1.0, 2.0], [[3, 3, 3], [3, 4, 3], [3, 3, 2]])
    """
    X, y = logic_gate(gate)
    b = check_finite_scalar(b, "b")
    lo, hi = _limits(w_range, "w_range")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"n must be an integer >= 2; got {n!r}")
    w = np.linspace(lo, hi, int(n))
    W1, W2 = np.meshgrid(w, w)  # rows: w2, columns: w1
    z = W1[..., None] * X[:, 0] + W2[..., None] * X[:, 1] + b  # (n, n, 4)
    out = (z >= 0).astype(int)
    return w, (out == y).sum(axis=-1)


def draw_gate_points(ax, X, y, size=110):
    """Scatter the truth-table rows: target y = 0 as blue circles, y = 1 as red squares.

    Parameters
    ----------
    ax : matplotlib Axes
    X : array-like of shape (n_samples, 2), float
    y : array-like of shape (n_samples,), 0/1 targets
    size : float, default 110
        Marker area (points²).

    Returns
    -------
    list of two PathCollection
        y = 0 first, labelled "y = 0" and "y = 1" for a legend.

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> [a.get_label() for a in draw_gate_points(ax, *logic_gate("OR"))]
    ['y = 0', 'y = 1']
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    arts = []
    for label in (0, 1):
        m = y == label
        arts.append(ax.scatter(X[m, 0], X[m, 1], s=size, c=CLASS_COLOURS[label], marker=CLASS_MARKERS[label],
                               edgecolors="white", linewidths=1.2, zorder=3, label=f"y = {label}"))
    return arts


def plot_gate(gate, w1=None, w2=None, b=None, ax=None, title=None):
    """Draw a gate's four points and, if weights are given, the perceptron's line and positive side.

    Parameters
    ----------
    gate : str
        Gate name ("AND", "OR", "NAND", "NOR", "XOR", "XNOR").
    w1, w2, b : float, optional
        A perceptron; the side where it outputs 1 is shaded red.
    ax : Axes, optional

    Returns
    -------
    ax : Axes

    Examples
    --------
    >>> ax = plot_gate("AND", 1.0, 1.0, -1.5)
    >>> len(ax.collections), len(ax.patches), len(ax.lines)   # points, shaded side, line
    (2, 1, 1)
    """
    X, y = logic_gate(gate)
    if ax is None:
        _, ax = plt.subplots(figsize=(3.6, 3.6), layout="constrained")
    draw_gate_points(ax, X, y)
    if w1 is not None and w2 is not None and b is not None:
        poly = half_plane_polygon(w1, w2, b)
        if len(poly):
            ax.fill(poly[:, 0], poly[:, 1], color=POSITIVE_SHADE, alpha=0.12, zorder=1, lw=0)
        line = decision_line(w1, w2, b)
        if line is not None:
            ax.plot(*line, color="k", lw=2, zorder=2, label=tr("decision line"))
        title = title or f"{gate.upper()}: w₁={w1:g}, w₂={w2:g}, b={b:g}"
    ax.set_xlim(*LIMITS)
    ax.set_ylim(*LIMITS)
    ax.set_aspect("equal")
    ax.set_xticks([0, 1])
    ax.set_yticks([0, 1])
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.set_title(title or tr("{gate} truth table", gate=gate.upper()), fontsize=10)
    ax.grid(alpha=0.3)
    return ax


def plot_solution_region(gate, b, w_range=(-3.0, 3.0), n=121, ax=None, mark=None):
    """Colour the (w₁, w₂) plane at fixed b by how many of the gate's rows a perceptron gets right.

    The yellow region (4 of 4) is every weight pair that solves the gate: there are many.

    Parameters
    ----------
    gate : str
    b : float
    w_range : (float, float)
    n : int
    ax : Axes, optional
    mark : sequence of (w1, w2), optional
        Weight pairs to mark with a star (e.g. a hand-picked solution).

    Returns
    -------
    ax : Axes

    Examples
    --------
    >>> ax = plot_solution_region("OR", b=-0.5, n=21)
    >>> ax.images[0].get_array().shape
    (21, 21)
    """
    w, counts = solution_region(gate, b, w_range, n)
    if ax is None:
        _, ax = plt.subplots(figsize=(4.2, 3.6), layout="constrained")
    cmap = plt.get_cmap("viridis", 5)
    im = ax.imshow(counts, origin="lower", extent=(w[0], w[-1], w[0], w[-1]), cmap=cmap, vmin=-0.5,
                   vmax=4.5, interpolation="nearest")
    cbar = ax.figure.colorbar(im, ax=ax, ticks=range(5), shrink=0.85)
    cbar.set_label(tr("rows right (of 4)"))
    for m in mark or ():
        ax.plot(m[0], m[1], marker="*", ms=14, color="white", mec="k", zorder=3)
    ax.axhline(0, color="w", lw=0.6, alpha=0.6)
    ax.axvline(0, color="w", lw=0.6, alpha=0.6)
    ax.set_xlabel("w₁")
    ax.set_ylabel("w₂")
    ax.set_title(tr("{gate} with b = {b:g}", gate=gate.upper(), b=b), fontsize=10)
    return ax
