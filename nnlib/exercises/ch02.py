"""Checks for chapter 02 (The perceptron: AND, OR, NAND). Each runs your perceptron on the truth table.

Examples
--------
>>> from nnlib.exercises import ch02
>>> ch02.check_nand(-2.0, -2.0, 3.0)
✅ Correct! w₁ = -2, w₂ = -2, b = 3 computes NAND: 1, 1, 1, 0.
"""

from __future__ import annotations

import numpy as np

from ..datasets.logic import not_gate
from ..widgets.gates import gate_picture
from . import exercise

__all__ = ["check_nand", "check_not", "check_or_from_and", "AND_WEIGHTS"]

#: The AND perceptron of the chapter, whose bias exercise 2.3 changes.
AND_WEIGHTS = (1.0, 1.0, -1.5)


def _rows_wrong(p):
    return "; ".join(f"({a:.0f}, {c:.0f}) gives {o}, should be {t}"
                     for (a, c), o, t, ok in zip(p.X, p.output, p.target, p.correct) if not ok)


@exercise("2.1", hint="NAND is 'not AND': flip the signs of the AND weights and bias, then check (0, 0).")
def check_nand(w1, w2, b):
    """Exercise 2.1: weights and bias of a perceptron computing NAND."""
    p = gate_picture("NAND", float(w1), float(w2), float(b))
    if p.solved:
        return True, f"w₁ = {w1:g}, w₂ = {w2:g}, b = {b:g} computes NAND: 1, 1, 1, 0."
    return False, _rows_wrong(p) + "."


@exercise("2.2", hint="NOT has one input: y = 1 when w·x + b ≥ 0. At x = 0 only b counts.")
def check_not(w, b):
    """Exercise 2.2: a one-input perceptron computing NOT (0 → 1, 1 → 0)."""
    X, y = not_gate()
    out = (X[:, 0] * float(w) + float(b) >= 0).astype(int)
    if np.array_equal(out, y):
        return True, f"z = {w:g}·x + {b:g}: ≥ 0 at x = 0, < 0 at x = 1. That is NOT."
    wrong = [f"x = {x:.0f} gives {o}, should be {t}" for x, o, t in zip(X[:, 0], out, y) if o != t]
    return False, "; ".join(wrong) + "."


@exercise("2.3", hint="With w₁ = w₂ = 1, z is b at (0, 0), 1 + b at (0, 1) and (1, 0). Which b fires for one input but not none?")
def check_or_from_and(b_or):
    """Exercise 2.3: keep AND's weights (1, 1) and choose only a new bias that makes OR."""
    w1, w2, _ = AND_WEIGHTS
    p = gate_picture("OR", w1, w2, float(b_or))
    if p.solved:
        return True, f"moving b from {AND_WEIGHTS[2]:g} to {b_or:g} slides the line without turning it: AND became OR."
    return False, _rows_wrong(p) + "."
