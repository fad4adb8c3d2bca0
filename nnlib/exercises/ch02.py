"""Checks for chapter 02 (The perceptron: AND, OR, NAND). Each runs your perceptron on the truth table.

Examples
--------
>>> from nnlib.exercises import ch02
>>> ch02.check_not(-2.0, 1.0)
✅ Correct! z = w·x + b is ≥ 0 at x = 0 and < 0 at x = 1: a NOT gate, one neuron with one input.
>>> ch02.check_x1_and_not_x2(..., 1.0, 1.0).status
'unanswered'
"""

from __future__ import annotations

import numpy as np

from ..datasets.logic import not_gate
from ..language import tr, translatable
from ..neuron import neuron_output
from ..separability import INPUTS, boolean_functions
from . import compare_functions, exercise
from .functions import still_a_stub

__all__ = ["check_computes_gate", "check_not", "check_x1_and_not_x2", "X1_AND_NOT_X2"]

#: Truth table of "x₁ AND NOT x₂" for the inputs (0, 0), (0, 1), (1, 0), (1, 1).
X1_AND_NOT_X2 = np.array([0, 0, 1, 0])


def _reference_computes_gate(w, b, X, y):
    """Whether the step neuron (w, b) outputs y on every row of X (nnlib's neuron)."""
    return bool(np.array_equal(neuron_output(X, w, b, "step"), y))


def _gate_inputs_factory():
    """make_inputs for exercise 2.1: alternately a table the neuron computes and one it gets wrong.

    Weights and biases are multiples of 0.5, and the first call (and every fourth after it) puts the
    row (1, 0) exactly on z = 0, where the step neuron fires (z ≥ 0): a function that uses z > 0
    is always caught.
    """
    calls = [0]

    def make(rng):
        calls[0] += 1
        w = rng.integers(-4, 5, size=2) / 2.0
        b = float(rng.integers(-4, 5)) / 2.0
        if calls[0] % 4 == 1:  # the row (1, 0) exactly on the line: z = w1 + b = 0
            b = -float(w[0])
        y = neuron_output(INPUTS, w, b, "step").astype(int)
        if calls[0] % 2 == 0:  # a table that differs in one or more rows
            others = [f for f in boolean_functions() if not np.array_equal(f, y)]
            y = others[int(rng.integers(len(others)))]
        return w, b, INPUTS.copy(), np.array(y)

    return make


@exercise("2.1", hints=[translatable("Run the neuron on all four rows of X, then compare its outputs with the truth table y."),
                        translatable("The outputs are step(X @ w + b), with step(z) = 1 when z ≥ 0 (chapter 01); the "
                                     "neuron computes the gate when every output equals its target."),
                        translatable("Two lines: outputs = (step of the net inputs, as 0/1); return whether all outputs "
                                     "equal y (np.all or np.array_equal).")],
          difficulty="★★ practice")
def _check_computes_gate(computes_gate):
    make = _gate_inputs_factory()
    for _ in range(2):  # first a table the neuron computes, then one it does not
        w, b, X, y = make(np.random.default_rng())
        got = computes_gate(w.copy(), b, X.copy(), y.copy())
        if np.ndim(got) != 0:
            return False, tr("return one True or False for the whole table, not one value per row.")
    ok, why = compare_functions(computes_gate, _reference_computes_gate, _gate_inputs_factory(), trials=12)
    if not ok:
        return False, tr("{reason}; remember that the neuron fires when z = 0 exactly (z ≥ 0).",
                         reason=why.rstrip("."))
    return True, tr("your checker agrees with nnlib's neuron on random weights and tables, including rows that "
                    "sit exactly on the line z = 0. Use it on your answers below.")


def check_computes_gate(computes_gate):
    """Exercise 2.1: ``computes_gate(w, b, X, y)`` is True when step(X @ w + b) equals y on every row.

    Compared with nnlib's step neuron on fresh random weights (multiples of 0.5, so rows on z = 0
    occur) and truth tables the neuron does and does not compute.
    """
    if still_a_stub(computes_gate, (np.ones(2), 0.0, INPUTS.copy(), np.ones(4, dtype=int))):
        return _check_computes_gate(...)
    return _check_computes_gate(computes_gate)


check_computes_gate.exercise = "2.1"
check_computes_gate.hints = _check_computes_gate.hints
check_computes_gate.difficulty = _check_computes_gate.difficulty


@exercise("2.2", hints=[translatable("NOT has one input: the neuron fires (outputs 1) when z = w·x + b ≥ 0."),
                        translatable("At x = 0 only b counts, so b decides the first row; at x = 1, z = w + b."),
                        translatable("You need b ≥ 0 and w + b < 0.")],
          difficulty="★ warm-up")
def check_not(w, b):
    """Exercise 2.2: a one-input perceptron computing NOT (0 → 1, 1 → 0)."""
    X, y = not_gate()
    out = (X[:, 0] * float(w) + float(b) >= 0).astype(int)
    if np.array_equal(out, y):
        return True, tr("z = w·x + b is ≥ 0 at x = 0 and < 0 at x = 1: a NOT gate, one neuron with one input.")
    wrong = [tr("x = {x:.0f} gives {output}, should be {target}", x=x, output=o, target=target)
             for x, o, target in zip(X[:, 0], out, y) if o != target]
    return False, tr("{rows}.", rows="; ".join(wrong))


@exercise("2.3", hints=[translatable("Draw the four points: the gate is 1 only at (1, 0). Which side of which line must "
                                     "that corner be on?"),
                        translatable("x₁ pushes the neuron to fire, x₂ holds it back: the signs of w₁ and w₂ follow. "
                                     "Then write z for each of the four rows and pick b."),
                        translatable("You need b < 0, w₁ + b ≥ 0, w₂ + b < 0 and w₁ + w₂ + b < 0. Test your numbers "
                                     "with your own computes_gate from exercise 2.1.")],
          difficulty="★★ practice")
def check_x1_and_not_x2(w1, w2, b):
    """Exercise 2.3: a perceptron for "x₁ AND NOT x₂" (1 only for the input (1, 0))."""
    out = neuron_output(INPUTS, [float(w1), float(w2)], float(b), "step").astype(int)
    if np.array_equal(out, X1_AND_NOT_X2):
        return True, tr("only (1, 0) is on the firing side: x₁ excites the neuron and x₂ inhibits it. "
                        "A gate you had not seen before, from the same one-line recipe.")
    wrong = [tr("({x1:.0f}, {x2:.0f}) gives {output}, should be {target}", x1=a, x2=c, output=o, target=target)
             for (a, c), o, target in zip(INPUTS, out, X1_AND_NOT_X2) if o != target]
    return False, tr("{rows}.", rows="; ".join(wrong))
