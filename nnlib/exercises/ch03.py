"""Checks for chapter 03, "Why one perceptron cannot learn XOR".

Examples
--------
>>> check_separable_count(..., ...).status
'unanswered'
>>> bool(check_product_feature((1.0, 1.0, -2.0, -0.5)))
True
>>> check_line_search(...).status
'unanswered'
"""

from __future__ import annotations

import numpy as np

from .. import separability
from ..datasets.logic import TRUTH_TABLES
from ..language import tr, translatable
from . import compare_functions, exercise
from .functions import still_a_stub

__all__ = ["check_separable_count", "check_moved_point", "check_product_feature", "check_line_search",
           "SEARCH_GRID"]

#: The grid exercise 3.4's checker hands to the learner's search: -2, -1.5, ..., 2 for each of w1, w2, b.
SEARCH_GRID = np.round(np.linspace(-2.0, 2.0, 9), 10)

_X = separability.INPUTS
_XOR = np.array(TRUTH_TABLES["XOR"])


def _as_table(f):
    t = tuple(int(v) for v in np.asarray(f).ravel())
    if len(t) != 4 or not set(t) <= {0, 1}:
        raise ValueError(f"each truth table must be 4 outputs of 0/1; got {f!r}")
    return t


@exercise("3.1", hints=[translatable("A function is linearly separable when some line gets all 4 of its rows right."),
                        translatable("separability.max_rows_right(separability.INPUTS, f) gives the best any grid line "
                                     "does on the truth table f; separability.boolean_functions() lists all 16 tables."),
                        translatable("Loop over the 16 tables; count those whose best is 4 and collect (as tuples) the "
                                     "others.")],
          difficulty="★★ practice")
def check_separable_count(n_separable, not_separable):
    """``n_separable``: how many of the 16 functions are linearly separable; ``not_separable``: the
    truth tables (outputs for (0,0), (0,1), (1,0), (1,1)) of those that are not."""
    F = separability.boolean_functions()
    best = np.array([separability.max_rows_right(_X, f) for f in F])
    expected_n = int((best == 4).sum())
    expected_bad = {tuple(int(v) for v in f) for f, m in zip(F, best) if m < 4}
    given_bad = {_as_table(f) for f in not_separable}
    if int(n_separable) != expected_n:
        return False, tr("{n} is not the number of separable functions: count the functions whose "
                         "best line gets 4 of 4 rows right.", n=n_separable)
    if given_bad != expected_bad:
        return False, tr("the count is right, but the list of non-separable truth tables is not: "
                         "which tables have a best line with only 3 rows right?")
    return True, tr("{n} of 16 are linearly separable; only XOR (0,1,1,0) and XNOR (1,0,0,1) need "
                    "more than one line.", n=expected_n)


@exercise("3.2", hints=[translatable("Sketch the four points and the two convex hulls (the two diagonals). Where can the "
                                     "(1, 1) point go so that the hulls no longer cross?"),
                        translatable("Both 0-points must end up on one side of a line and both 1-points on the other: "
                                     "move (1, 1) over to the (0, 0) corner's side of the 1-points."),
                        translatable("Then pick (w1, w2, b) with step(w1·x1 + w2·x2 + b) = 1 only at (0, 1) and (1, 0); "
                                     "check all four rows, with the moved point, by hand.")],
          difficulty="★★ practice")
def check_moved_point(moved_point, separating_line):
    """``moved_point``: new position for the input (1, 1) (target 0); ``separating_line``: (w1, w2, b)."""
    p = np.asarray(moved_point, dtype=float).ravel()
    if p.shape != (2,) or not np.all(np.isfinite(p)):
        return False, tr("moved_point must be two finite numbers (x1, x2).")
    w1, w2, b = (float(v) for v in separating_line)
    X = _X.copy()
    X[3] = p
    out = separability.step_outputs(X, w1, w2, b)
    if np.array_equal(out, _XOR):
        return True, tr("with (1, 1) moved to ({x1:g}, {x2:g}) the line {w1:g}·x1 + {w2:g}·x2 + {b:g} = 0 "
                        "separates the classes: the convex hulls no longer cross.",
                        x1=p[0], x2=p[1], w1=w1, w2=w2, b=b)
    if not separability.is_linearly_separable(X, _XOR):
        return False, tr("with the point at ({x1:g}, {x2:g}) the two classes' hulls still cross, so no line "
                         "works; move it further.", x1=p[0], x2=p[1])
    wrong = [tuple(float(t) for t in X[i]) for i in range(4) if out[i] != _XOR[i]]
    return False, tr("the points can now be separated, but your line gets {rows} wrong: "
                     "check the outputs step(w1·x1 + w2·x2 + b) row by row.", rows=wrong)


@exercise("3.3", hints=[translatable("Write the four inequalities of section 2 again, now with the extra term w3·x1·x2. "
                                     "In how many of them does w3 appear?"),
                        translatable("The rows (0, 0), (0, 1), (1, 0) do not see x3 (it is 0 there): first choose w1, w2, b "
                                     "that get those three rows right, as in chapter 02."),
                        translatable("Then choose w3 so that the last row, z = w1 + w2 + w3 + b, is below 0.")],
          difficulty="★★ practice")
def check_product_feature(weights):
    """``weights``: (w1, w2, w3, b) for step(w1·x1 + w2·x2 + w3·x1·x2 + b) to compute XOR."""
    w1, w2, w3, b = (float(v) for v in weights)
    x1, x2 = _X[:, 0], _X[:, 1]
    out = (w1 * x1 + w2 * x2 + w3 * x1 * x2 + b >= 0).astype(int)
    if np.array_equal(out, _XOR):
        return True, tr("one neuron computes XOR once it gets the product x1·x2 as a third input: in 3-D the "
                        "points are separable by a plane. A hidden layer learns such features by itself.")
    return False, tr("your neuron outputs {outputs} for (0,0), (0,1), (1,0), (1,1); XOR is [0, 1, 1, 0].",
                     outputs=out.tolist())


def _reference_has_line(X, y, grid):
    """1.0 when some (w1, w2, b) on the grid gets every row right (nnlib.separability), else 0.0."""
    best = separability.max_rows_right(X, y, w1_values=grid, w2_values=grid, b_values=grid)
    return 1.0 if best == len(y) else 0.0


def _search_inputs_factory():
    """make_inputs for exercise 3.4: a separable gate, XOR, then random tables and random points."""
    calls = [0]

    def make(rng):
        calls[0] += 1
        F = separability.boolean_functions()
        if calls[0] == 1:
            y = F[1 + 2 * int(rng.integers(0, 4))]  # 1 = AND, 3, 5, 7 = OR: separable
            X = _X.copy()
        elif calls[0] == 2:
            X, y = _X.copy(), _XOR.copy()
        elif calls[0] % 2:
            X, y = _X.copy(), F[int(rng.integers(1, 15))]
        else:  # four distinct points on a small integer grid, both classes present
            cells = rng.choice(16, size=4, replace=False)
            X = np.column_stack([cells // 4, cells % 4]).astype(float) - 1.0
            y = np.array([0, 1, int(rng.integers(2)), int(rng.integers(2))])[rng.permutation(4)]
        return X, np.array(y), SEARCH_GRID.copy()

    return make


@exercise("3.4", hints=[translatable("Try every line: three nested loops, over w1, w2 and b, each running through grid."),
                        translatable("For each (w1, w2, b), the outputs are step(w1·x1 + w2·x2 + b) for the four rows "
                                     "(fire when z ≥ 0); the line separates when they all equal y."),
                        translatable("for w1 in grid: for w2 in grid: for b in grid: (outputs) … if they all equal y: "
                                     "return (w1, w2, b). After the loops: return None.")],
          difficulty="★★★ challenge")
def _check_line_search(find_separating_line):
    make = _search_inputs_factory()

    class WrongLine(ValueError):
        """Feedback (translated) on the learner's line, raised out of compare_functions' trials."""

    def verdict(X, y, grid):
        """1.0 if the learner's line separates, 0.0 for None; a wrong line raises with a hint."""
        line = find_separating_line(X.copy(), y.copy(), grid.copy())
        if line is None:
            return 0.0
        if line is Ellipsis or np.size(line) != 3:
            raise WrongLine(tr("return a tuple (w1, w2, b), or None when no grid line separates the points"))
        w1, w2, b = (float(v) for v in line)
        if not np.array_equal(separability.step_outputs(X, w1, w2, b), y):
            raise WrongLine(tr("your function returned a line that gets some rows wrong; the neuron fires "
                               "when z ≥ 0"))
        return 1.0

    try:
        ok, _ = compare_functions(verdict, _reference_has_line, make, trials=8)
    except ValueError as exc:  # WrongLine, or a ValueError of the learner's own code (shown as it is)
        return False, str(exc) + "."
    if not ok:
        return False, tr("on some random points your function says None where a grid line exists, or the other "
                         "way round: try every combination of the three grid values.")
    return True, tr("your search agrees with nnlib.separability on random points and truth tables: it finds a "
                    "line exactly when one exists on the grid, and returns None for XOR.")



def check_line_search(find_separating_line):
    """Exercise 3.4: ``find_separating_line(X, y, grid)`` returns ``(w1, w2, b)`` with every value from
    ``grid`` and step(w1·x1 + w2·x2 + b) = y on all rows, or None when no grid line does that.

    Compared with :func:`nnlib.separability.max_rows_right` on the same grid, for fresh random
    labelled points (truth tables and points on a small integer grid).
    """
    if still_a_stub(find_separating_line):  # no probe: None is a legitimate answer
        return _check_line_search(...)
    return _check_line_search(find_separating_line)


check_line_search.exercise = "3.4"
check_line_search.hints = _check_line_search.hints
check_line_search.difficulty = _check_line_search.difficulty
