"""Linear separability (선형 분리 가능) by brute force: try every line on a grid of weights.

A single step neuron with weights ``w1, w2`` and bias ``b`` outputs 1 where
``w1*x1 + w2*x2 + b >= 0`` and 0 elsewhere, so it draws one straight line through the input
plane. :func:`rows_right` tries *every* ``(w1, w2, b)`` on a grid at once (one vectorised numpy
expression, no Python loop over the grid) and counts, for each, how many rows of a truth table it
gets right. For AND, OR and NAND some grid point gets all four rows; for XOR none gets more than
three — the grid search makes visible what the convex-hull argument proves.

Sources: M. Minsky & S. Papert, *Perceptrons* (1969) for the limits of one threshold unit;
the 14 of 16 two-input boolean functions that one unit can compute are listed e.g. in
R. Rojas, *Neural Networks: A Systematic Introduction* (1996), ch. 3.

Examples
--------
>>> from nnlib.datasets import logic_gate
>>> X, y = logic_gate("XOR")
>>> int(rows_right(X, y).max())
3
>>> rows_right_histogram(*logic_gate("AND"))[4] > 0
True
"""

from __future__ import annotations

import numpy as np

from ._checks import as_1d_float, as_2d_float, as_labels, check_positive_int
from .datasets.logic import INPUTS

__all__ = [
    "DEFAULT_GRID",
    "step_outputs",
    "rows_right",
    "rows_right_histogram",
    "best_line",
    "max_rows_right",
    "is_linearly_separable",
    "boolean_functions",
    "INPUTS",
]

#: The default grid of values tried for each of w1, w2 and b: -2.0, -1.9, ..., 2.0 (41 values).
DEFAULT_GRID = np.round(np.linspace(-2.0, 2.0, 41), 10)

# INPUTS (imported above) are the four rows (0,0), (0,1), (1,0), (1,1) of every truth table,
# written once in nnlib.datasets.logic; boolean_functions() lists outputs in their order.


def _check_xy(X, y):
    X = as_2d_float(X, "X", n_features=2)
    y = as_labels(y, "y", n_samples=X.shape[0])
    if not set(np.unique(y).tolist()) <= {0, 1}:
        raise ValueError(f"y must hold 0/1 labels; got values {np.unique(y).tolist()}")
    return X, y.astype(np.int64)


def _grid(values, name):
    return DEFAULT_GRID if values is None else as_1d_float(values, name)


def step_outputs(X, w1, w2, b):
    """Outputs (0/1) of the step neuron ``step(w1*x1 + w2*x2 + b)`` for every row of ``X``.

    ``w1``, ``w2``, ``b`` may be numbers or arrays that broadcast together; the rows of ``X``
    go along a new last axis.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2), float
    w1, w2, b : float or ndarray (broadcasting together)

    Returns
    -------
    ndarray of int64, shape ``broadcast(w1, w2, b).shape + (n_samples,)``

    Raises
    ------
    ValueError
        If ``X`` is not 2-D with two columns or holds non-finite values.

    Examples
    --------
    >>> step_outputs(INPUTS, 1.0, 1.0, -1.5)
    array([0, 0, 0, 1])
    """
    X = as_2d_float(X, "X", n_features=2)
    w1, w2, b = (np.asarray(v, dtype=float)[..., None] for v in (w1, w2, b))
    return (w1 * X[:, 0] + w2 * X[:, 1] + b >= 0).astype(np.int64)


def rows_right(X, y, w1_values=None, w2_values=None, b_values=None):
    """How many rows each line ``(w1, w2, b)`` on a grid classifies correctly.

    Parameters
    ----------
    X : array of shape (n, 2)
        Inputs (for a truth table, the four rows).
    y : array of shape (n,)
        Targets in {0, 1}.
    w1_values, w2_values, b_values : 1-D arrays, optional
        Values tried for each parameter; default :data:`DEFAULT_GRID` (41 values in [-2, 2]).

    Returns
    -------
    counts : ndarray of int, shape (len(w1_values), len(w2_values), len(b_values))
        ``counts[i, j, k]`` is the number of rows the neuron with ``w1_values[i]``,
        ``w2_values[j]``, ``b_values[k]`` gets right.

    Raises
    ------
    ValueError, TypeError
        For bad shapes, labels other than 0/1 or non-finite grid values; the message names the
        argument.

    Examples
    --------
    >>> from nnlib.datasets import logic_gate
    >>> rows_right(*logic_gate("OR")).shape
    (41, 41, 41)
    """
    X, y = _check_xy(X, y)
    w1 = _grid(w1_values, "w1_values")[:, None, None]
    w2 = _grid(w2_values, "w2_values")[None, :, None]
    b = _grid(b_values, "b_values")[None, None, :]
    out = step_outputs(X, w1, w2, b)  # shape (n1, n2, nb, n_rows)
    return (out == y).sum(axis=-1)


def rows_right_histogram(X, y, w1_values=None, w2_values=None, b_values=None):
    """How many grid lines get 0, 1, ..., n rows right, as a dict ``{rows_right: count}``.

    Parameters are those of :func:`rows_right`.

    Returns
    -------
    dict of int -> int
        Keys 0 .. n_samples.

    Examples
    --------
    >>> from nnlib.datasets import logic_gate
    >>> hist = rows_right_histogram(*logic_gate("XOR"))
    >>> sorted(hist), hist[4]
    ([0, 1, 2, 3, 4], 0)
    """
    counts = rows_right(X, y, w1_values, w2_values, b_values)
    n_rows = np.shape(X)[0]
    freq = np.bincount(counts.ravel(), minlength=n_rows + 1)
    return {k: int(freq[k]) for k in range(n_rows + 1)}


def best_line(X, y, w1_values=None, w2_values=None, b_values=None):
    """The first grid line with the most rows right: ``(w1, w2, b, rows_right)``.

    Parameters are those of :func:`rows_right`; "first" is in the grid's (w1, w2, b) order.

    Returns
    -------
    (float, float, float, int)

    Examples
    --------
    >>> from nnlib.datasets import logic_gate
    >>> best_line(*logic_gate("AND"))[3]
    4
    """
    counts = rows_right(X, y, w1_values, w2_values, b_values)
    i, j, k = np.unravel_index(int(np.argmax(counts)), counts.shape)
    w1 = _grid(w1_values, "w1_values")[i]
    w2 = _grid(w2_values, "w2_values")[j]
    b = _grid(b_values, "b_values")[k]
    return float(w1), float(w2), float(b), int(counts[i, j, k])


def max_rows_right(X, y, **grids):
    """The largest number of rows any grid line gets right.

    Parameters are those of :func:`rows_right` (grids as keyword arguments).

    Returns
    -------
    int

    Examples
    --------
    >>> from nnlib.datasets import logic_gate
    >>> max_rows_right(*logic_gate("XOR")), max_rows_right(*logic_gate("NAND"))
    (3, 4)
    """
    return int(rows_right(X, y, **grids).max())


def is_linearly_separable(X, y, n_angles=3600):
    """Whether one straight line separates the 0s from the 1s (strictly), for any 2-D points.

    Works for any points, not just a truth table: every direction ``u`` at ``n_angles`` evenly
    spaced angles is tried, and the classes are separable along ``u`` when every class-0
    projection is below every class-1 projection. (Points that only touch a line count as not
    separated.) A class with no points is trivially separable.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2), float
    y : array-like of shape (n_samples,), 0/1 labels
    n_angles : int, default 3600
        Directions tried (>= 4).

    Returns
    -------
    bool

    Raises
    ------
    ValueError, TypeError
        For bad shapes, labels other than 0/1, or ``n_angles < 4``.

    Examples
    --------
    >>> from nnlib.datasets import logic_gate
    >>> is_linearly_separable(*logic_gate("XOR")), is_linearly_separable(*logic_gate("OR"))
    (False, True)
    """
    X, y = _check_xy(X, y)
    n_angles = check_positive_int(n_angles, "n_angles", minimum=4)
    if y.min() == y.max():
        return True
    theta = np.linspace(0.0, 2.0 * np.pi, n_angles, endpoint=False)
    U = np.stack([np.cos(theta), np.sin(theta)])  # (2, n_angles)
    proj = X @ U  # (n, n_angles)
    gap = proj[y == 1].min(axis=0) - proj[y == 0].max(axis=0)
    return bool(np.any(gap > 1e-9))


def boolean_functions():
    """All 16 boolean functions of two inputs, as a (16, 4) array of outputs for :data:`INPUTS`.

    Row ``k`` holds the bits of ``k``: the output for input row ``r`` is bit ``3 - r`` of ``k``,
    so row 1 is (0, 0, 0, 1) = AND and row 6 is (0, 1, 1, 0) = XOR.

    Returns
    -------
    ndarray of int64, shape (16, 4)

    Examples
    --------
    >>> F = boolean_functions()
    >>> F.shape, F[1].tolist(), F[6].tolist()
    ((16, 4), [0, 0, 0, 1], [0, 1, 1, 0])
    """
    k = np.arange(16)[:, None]
    return ((k >> np.arange(3, -1, -1)) & 1).astype(np.int64)
