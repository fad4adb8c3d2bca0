"""Decision regions of any classifier over the plane, with its data points on top.

:func:`decision_grid` is pure: it evaluates a model on a regular grid of 2-D points and returns
the arrays (the live widgets reuse it for their ``imshow`` image). :func:`plot_decision_regions`
draws them. Any object with ``predict_proba`` (probability of class 1 is shown) or ``predict``
works: ``nnlib.Perceptron``, ``nnlib.MLPClassifier``, scikit-learn classifiers...

Examples
--------
>>> import numpy as np
>>> class Right:                       # "class 1 right of x1 = 0"
...     def predict(self, X):
...         return (np.asarray(X)[:, 0] > 0).astype(int)
>>> X = np.array([[-1.0, 0.0], [1.0, 0.0]])
>>> xx, yy, Z = decision_grid(Right(), X, resolution=5)
>>> Z.shape, float(Z[0, 0]), float(Z[0, -1])
((5, 5), 0.0, 1.0)
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LinearSegmentedColormap, to_rgba

from .._checks import as_2d_float, as_labels, check_finite_scalar, check_positive_int
from ..language import tr
from .gates import CLASS_COLOURS, CLASS_MARKERS

__all__ = [
    "CLASS_COLOURS",
    "CLASS_MARKERS",
    "REGION_CMAP",
    "grid_limits",
    "decision_grid",
    "model_scores",
    "draw_points",
    "class_marker_line",
    "plot_decision_regions",
    "convex_hull",
    "plot_class_hulls",
]

#: Pale blue (P(class 1) = 0) through white (0.5) to pale red (1).
REGION_CMAP = LinearSegmentedColormap.from_list("nnlab_regions", ["#9ecae1", "#f7f7f7", "#f4a6a6"])


def grid_limits(X, margin=0.5):
    """The box ``(x_min, x_max, y_min, y_max)`` around the points of ``X``, widened by ``margin``.

    Examples
    --------
    >>> grid_limits([[0, 0], [1, 2]], margin=0.5)
    (-0.5, 1.5, -0.5, 2.5)
    """
    X = as_2d_float(X, "X", n_features=2)
    margin = check_finite_scalar(margin, "margin")
    if margin < 0:
        raise ValueError(f"margin must be >= 0; got {margin}")
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    return float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1])


def model_scores(model, P):
    """The model's score for class 1 at the points ``P``: ``predict_proba[:, 1]`` or ``predict``.

    Examples
    --------
    >>> class Const:
    ...     def predict(self, X):
    ...         return np.ones(len(X))
    >>> model_scores(Const(), np.zeros((3, 2))).tolist()
    [1.0, 1.0, 1.0]
    """
    if hasattr(model, "predict_proba"):
        proba = np.asarray(model.predict_proba(P), dtype=float)
        return proba[:, -1] if proba.ndim == 2 else proba
    if hasattr(model, "predict"):
        return np.asarray(model.predict(P), dtype=float)
    raise TypeError(f"model must have predict_proba or predict; got {type(model).__name__}")


def decision_grid(model, X, resolution=100, margin=0.5, limits=None):
    """Evaluate ``model`` on a ``resolution × resolution`` grid covering the data ``X``.

    Parameters
    ----------
    model : object with ``predict_proba`` or ``predict``
        For ``predict_proba`` the last column (class 1) is returned, else the predictions.
    X : array of shape (n, 2)
        The data; the grid covers its bounding box widened by ``margin``.
    resolution : int
        Grid points per axis (≥ 2).
    margin : float
        Extra space around the data.
    limits : (x_min, x_max, y_min, y_max), optional
        Use this box instead of the data's.

    Returns
    -------
    xx, yy : ndarray of shape (resolution, resolution)
        Grid coordinates (``xx[i, j]`` grows with ``j``, ``yy[i, j]`` with ``i``).
    Z : ndarray of shape (resolution, resolution)
        The model's class-1 probability (or prediction) at each grid point.

    Examples
    --------
    >>> class Sum:
    ...     def predict(self, X):
    ...         return (np.asarray(X).sum(axis=1) > 1).astype(int)
    >>> xx, yy, Z = decision_grid(Sum(), [[0, 0], [1, 1]], resolution=3, margin=0)
    >>> Z.tolist()
    [[0.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 1.0]]
    """
    resolution = check_positive_int(resolution, "resolution", minimum=2)
    if limits is None:
        limits = grid_limits(X, margin)
    else:
        limits = tuple(check_finite_scalar(v, "limits") for v in limits)
        if len(limits) != 4 or not (limits[0] < limits[1] and limits[2] < limits[3]):
            raise ValueError(f"limits must be (x_min, x_max, y_min, y_max) with min < max; got {limits}")
    x0, x1, y0, y1 = limits
    xx, yy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    P = np.column_stack([xx.ravel(), yy.ravel()])
    Z = model_scores(model, P).reshape(xx.shape)
    return xx, yy, Z


def draw_points(ax, X, y, size=28, edge="white"):
    """Scatter class 0 as blue circles and class 1 as red squares; returns the two collections.

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> a, b = draw_points(ax, [[0, 0], [1, 1], [2, 2]], [0, 1, 1])
    >>> len(a.get_offsets()), len(b.get_offsets())
    (1, 2)
    """
    X = as_2d_float(X, "X", n_features=2)
    y = as_labels(y, "y", n_samples=X.shape[0])
    arts = []
    for label in (0, 1):
        m = y == label
        arts.append(ax.scatter(X[m, 0], X[m, 1], s=size, c=CLASS_COLOURS[label], marker=CLASS_MARKERS[label],
                               edgecolors=edge, linewidths=0.6, zorder=3, label=tr("class {label}", label=label)))
    return arts


def class_marker_line(ax, label, x=(), y=(), size=5.0, edge_width=1.0):
    """Class ``label``'s points as a marker-only line: blue circles for 0, red squares for 1.

    They look like :func:`draw_points` (``size`` is the marker's width in points, the square root
    of a scatter's ``s``), but a ``Line2D`` draws its markers about 9x faster than a scatter's
    collection, so live widgets use it for points redrawn on every move. Move them with
    ``set_data(x, y)``.

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> line = class_marker_line(ax, 1, [0.0, 1.0], [1.0, 0.0])
    >>> line.get_marker(), line.get_linestyle()
    ('s', 'None')
    """
    return ax.plot(x, y, ls="", marker=CLASS_MARKERS[label], ms=size, mfc=CLASS_COLOURS[label],
                   mec="white", mew=edge_width, zorder=3)[0]


def plot_decision_regions(model, X, y, ax=None, resolution=100, margin=0.5, title=None, boundary=True,
                          point_size=28):
    """Shade where ``model`` says class 1 (red) or class 0 (blue) and draw the data on top.

    Parameters
    ----------
    model : object with ``predict_proba`` or ``predict``
    X, y : the 2-D data and its 0/1 labels
    ax : Axes, optional
    resolution : int
        Grid points per axis.
    boundary : bool
        Draw the 0.5 contour (the decision boundary, 결정 경계) as a black line.

    Returns
    -------
    ax : Axes

    Examples
    --------
    >>> class Right:
    ...     def predict(self, X):
    ...         return (np.asarray(X)[:, 0] > 0).astype(int)
    >>> ax = plot_decision_regions(Right(), [[-1, 0], [1, 0]], [0, 1], resolution=20)
    >>> len(ax.images), len(ax.collections) >= 2
    (1, True)
    """
    X = as_2d_float(X, "X", n_features=2)
    y = as_labels(y, "y", n_samples=X.shape[0])
    if ax is None:
        _, ax = plt.subplots(figsize=(4.0, 3.6), layout="constrained")
    xx, yy, Z = decision_grid(model, X, resolution, margin)
    extent = (xx[0, 0], xx[0, -1], yy[0, 0], yy[-1, 0])
    ax.imshow(Z, origin="lower", extent=extent, cmap=REGION_CMAP, vmin=0.0, vmax=1.0, aspect="auto",
              interpolation="bilinear")
    if boundary and Z.min() < 0.5 < Z.max():
        ax.contour(xx, yy, Z, levels=[0.5], colors="k", linewidths=1.2)
    draw_points(ax, X, y, size=point_size)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    return ax


def _cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def convex_hull(points):
    """Vertices of the convex hull of 2-D ``points`` in counter-clockwise order (Andrew's monotone chain, 1979).

    One point gives itself, two points the segment between them.

    Examples
    --------
    >>> convex_hull([[0, 0], [1, 0], [0, 1], [1, 1], [0.5, 0.5]]).tolist()
    [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]
    """
    P = np.unique(as_2d_float(points, "points", n_features=2), axis=0)
    if len(P) <= 2:
        return P

    def half(pts):
        out = []
        for p in pts:
            while len(out) >= 2 and _cross(out[-2], out[-1], p) <= 0:
                out.pop()
            out.append(p)
        return out

    lower = half(P)
    upper = half(P[::-1])
    return np.array(lower[:-1] + upper[:-1])


def plot_class_hulls(X, y, ax=None, title=None, limits=(-0.5, 1.5)):
    """Draw each class's points and the convex hull (볼록 껍질) around them, in the class colour.

    For XOR both hulls are the diagonals of the unit square, and they cross at (0.5, 0.5): no
    line can have one hull on each side.

    Returns
    -------
    ax : Axes

    Examples
    --------
    >>> from nnlib.datasets import logic_gate
    >>> ax = plot_class_hulls(*logic_gate("XOR"))
    >>> len(ax.patches)
    2
    """
    X = as_2d_float(X, "X", n_features=2)
    y = as_labels(y, "y", n_samples=X.shape[0])
    if ax is None:
        _, ax = plt.subplots(figsize=(3.6, 3.6), layout="constrained")
    for label in (0, 1):
        hull = convex_hull(X[y == label])
        poly = plt.Polygon(hull, closed=True, facecolor=to_rgba(CLASS_COLOURS[label], 0.15),
                           edgecolor=to_rgba(CLASS_COLOURS[label], 0.8), linewidth=2.5, zorder=2)
        ax.add_patch(poly)
    draw_points(ax, X, y, size=110)
    ax.set_xlim(*limits)
    ax.set_ylim(*limits)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="upper right", fontsize="small", framealpha=0.9)
    if title:
        ax.set_title(title)
    return ax
