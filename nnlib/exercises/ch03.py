"""Checks for chapter 03, "Why one perceptron cannot learn XOR".

Examples
--------
>>> check_separable_count(..., ...).status
'unanswered'
>>> bool(check_product_feature((1.0, 1.0, -2.0, -0.5)))
True
"""

from __future__ import annotations

import numpy as np

from .. import separability
from . import exercise

__all__ = ["check_separable_count", "check_moved_point", "check_product_feature"]

_X = separability.INPUTS
_XOR = np.array([0, 1, 1, 0])


def _as_table(f):
    t = tuple(int(v) for v in np.asarray(f).ravel())
    if len(t) != 4 or not set(t) <= {0, 1}:
        raise ValueError(f"each truth table must be 4 outputs of 0/1; got {f!r}")
    return t


@exercise("3.1", hint="Loop over separability.boolean_functions() and ask separability.max_rows_right("
                      "separability.INPUTS, f) for each; a function is separable when some line gets all 4 rows.")
def check_separable_count(n_separable, not_separable):
    """``n_separable``: how many of the 16 functions are linearly separable; ``not_separable``: the
    truth tables (outputs for (0,0), (0,1), (1,0), (1,1)) of those that are not."""
    F = separability.boolean_functions()
    best = np.array([separability.max_rows_right(_X, f) for f in F])
    expected_n = int((best == 4).sum())
    expected_bad = {tuple(int(v) for v in f) for f, m in zip(F, best) if m < 4}
    given_bad = {_as_table(f) for f in not_separable}
    if int(n_separable) != expected_n:
        return False, (f"{n_separable} is not the number of separable functions: count the functions whose "
                       "best line gets 4 of 4 rows right.")
    if given_bad != expected_bad:
        return False, ("the count is right, but the list of non-separable truth tables is not: "
                       "which tables have a best line with only 3 rows right?")
    return True, (f"{expected_n} of 16 are linearly separable; only XOR (0,1,1,0) and XNOR (1,0,0,1) need "
                  "more than one line.")


@exercise("3.2", hint="Move the (1, 1) point (target 0) so that both 0-points lie on one side of a line "
                      "and both 1-points on the other, e.g. over to the (0, 0) corner's side.")
def check_moved_point(moved_point, separating_line):
    """``moved_point``: new position for the input (1, 1) (target 0); ``separating_line``: (w1, w2, b)."""
    p = np.asarray(moved_point, dtype=float).ravel()
    if p.shape != (2,) or not np.all(np.isfinite(p)):
        return False, "moved_point must be two finite numbers (x1, x2)."
    w1, w2, b = (float(v) for v in separating_line)
    X = _X.copy()
    X[3] = p
    out = separability.step_outputs(X, w1, w2, b)
    if np.array_equal(out, _XOR):
        return True, (f"with (1, 1) moved to ({p[0]:g}, {p[1]:g}) the line {w1:g}·x1 + {w2:g}·x2 + {b:g} = 0 "
                      "separates the classes: the convex hulls no longer cross.")
    if not separability.is_linearly_separable(X, _XOR):
        return False, (f"with the point at ({p[0]:g}, {p[1]:g}) the two classes' hulls still cross, so no line "
                       "works; move it further.")
    wrong = [tuple(float(t) for t in X[i]) for i in range(4) if out[i] != _XOR[i]]
    return False, (f"the points can now be separated, but your line gets {wrong} wrong: "
                   "check the outputs step(w1·x1 + w2·x2 + b) row by row.")


@exercise("3.3", hint="With the extra input x3 = x1·x2 only the row (1, 1) has x3 = 1: give x3 a large "
                      "negative weight so it switches that row off, and make w1, w2, b an OR.")
def check_product_feature(weights):
    """``weights``: (w1, w2, w3, b) for step(w1·x1 + w2·x2 + w3·x1·x2 + b) to compute XOR."""
    w1, w2, w3, b = (float(v) for v in weights)
    x1, x2 = _X[:, 0], _X[:, 1]
    out = (w1 * x1 + w2 * x2 + w3 * x1 * x2 + b >= 0).astype(int)
    if np.array_equal(out, _XOR):
        return True, ("one neuron computes XOR once it gets the product x1·x2 as a third input: in 3-D the "
                      "points are separable by a plane. A hidden layer learns such features by itself.")
    return False, f"your neuron outputs {out.tolist()} for (0,0), (0,1), (1,0), (1,1); XOR is [0, 1, 1, 0]."
