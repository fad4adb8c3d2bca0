"""Checks for chapter 01 (The artificial neuron).

Examples
--------
>>> from nnlib.exercises import ch01
>>> ch01.check_net_input(0.25)
✅ Correct! z = 0.5·2 + (−1)·1 + 0.25 = 0.25.
"""

from __future__ import annotations

import numpy as np

from .. import activations
from ..datasets.logic import logic_gate
from ..neuron import neuron_output
from . import exercise

__all__ = ["check_net_input", "check_fires_only_for_both", "check_activation_range", "EXAMPLE"]

#: The numbers of exercise 1.1.
EXAMPLE = {"w": (0.5, -1.0), "b": 0.25, "x": (2.0, 1.0)}


@exercise("1.1", hint="Multiply each input by its weight, add the products, then add the bias.")
def check_net_input(z):
    """Exercise 1.1: z = w·x + b for w = (0.5, −1), b = 0.25, x = (2, 1)."""
    z = float(z)
    expected = float(np.dot(EXAMPLE["w"], EXAMPLE["x"]) + EXAMPLE["b"])
    if np.isclose(z, expected, atol=1e-9):
        return True, "z = 0.5·2 + (−1)·1 + 0.25 = 0.25."
    if np.isclose(z, expected - EXAMPLE["b"]):
        return False, "you have the weighted sum; now add the bias b."
    return False, f"z = w₁·x₁ + w₂·x₂ + b; your {z:g} is not it — recompute each product."


@exercise("1.2", hint="The neuron fires when w₁·x₁ + w₂·x₂ + b ≥ 0. With w₁ = w₂ = 1, z is b, 1 + b or 2 + b.")
def check_fires_only_for_both(w1, w2, b):
    """Exercise 1.2: a step neuron that outputs 1 only for the input (1, 1)."""
    X, y = logic_gate("AND")
    out = neuron_output(X, [float(w1), float(w2)], float(b), "step").astype(int)
    if np.array_equal(out, y):
        return True, f"z = {w1:g}·x₁ + {w2:g}·x₂ + {b:g} is ≥ 0 only at (1, 1): this neuron is an AND gate."
    wrong = [f"({a:.0f}, {c:.0f}) gives {o}" for (a, c), o, t in zip(X, out, y) if o != t]
    return False, "; ".join(wrong) + " — it should fire only for (1, 1). Try a more negative b."


@exercise("1.3", hint='Look at the plot of the four activations; answer with a name such as "relu".')
def check_activation_range(name):
    """Exercise 1.3: the activation whose outputs lie in (−1, 1) (tanh)."""
    act = activations.get(name)
    if act.output_range == (-1.0, 1.0):
        return True, "tanh: zero-centred, outputs between −1 and 1."
    lo, hi = act.output_range
    return False, f"{act.name} gives outputs in ({lo:g}, {hi:g}); which curve goes below zero down to −1?"
