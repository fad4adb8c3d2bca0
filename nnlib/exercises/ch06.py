"""Checks for chapter 06 (Gradient descent and backpropagation).

Examples
--------
>>> from nnlib.exercises import ch06
>>> ch06.check_valley_lr(...)
✏️ Not answered yet — hint: On the valley ½x² + 5y² the steep direction has curvature 10: above η = 0.2 it overshoots and blows up, far below it the flat direction crawls.
"""

from __future__ import annotations

import numpy as np

from .. import descent as D
from ..plots.graph import tiny_network_graph
from . import exercise

__all__ = ["TINY_NET", "VALLEY_STEPS", "check_dL_dv1", "check_valley_lr", "check_sigmoid_chain"]

#: The 2-2-1 sigmoid network of the backprop section (weights as in nnlib.layers.Dense).
TINY_NET = dict(x=[1.0, 0.5], W1=[[0.15, 0.25], [0.20, 0.30]], b1=[0.35, 0.35], W2=[[0.40], [0.45]],
                b2=[0.60], y=1.0)
#: Exercise 6.2: the step budget on the valley.
VALLEY_STEPS = 50


@exercise("6.1", hint="Chain rule along the path L ← ŷ ← z₃ ← v₁: ∂L/∂v₁ = ∂L/∂ŷ · σ′(z₃) · h₁. "
                      "All three numbers are printed above.")
def check_dL_dv1(dL_dv1):
    """Exercise 6.1: ∂L/∂v₁, the gradient of the weight from h₁ to the output neuron."""
    nodes, _ = tiny_network_graph(**TINY_NET)
    ref = nodes["z3"]["grad"] * nodes["h1"]["value"]
    val = float(dL_dv1)
    if np.isclose(val, nodes["yhat"]["grad"] * nodes["h1"]["value"], atol=5e-4):
        return False, "you skipped the sigmoid of the output neuron: multiply by σ′(z₃) = ŷ(1 − ŷ) too."
    if np.isclose(val, -ref, atol=5e-4):
        return False, "right size, wrong sign: ŷ < y, so raising v₁ lowers the loss and the gradient is negative."
    return bool(np.isclose(val, ref, atol=5e-4)), f"∂L/∂v₁ = {ref:.4f} (the same number nnlib's Dense layer gives)."


@exercise("6.2", hint="On the valley ½x² + 5y² the steep direction has curvature 10: above η = 0.2 it "
                      "overshoots and blows up, far below it the flat direction crawls.")
def check_valley_lr(lr):
    """Exercise 6.2: a learning rate with which plain SGD converges on the valley within 50 steps."""
    lr = float(lr)
    if not lr > 0:
        return False, "a learning rate must be a positive number."
    s = D.SURFACES["valley"]
    run = D.gradient_descent_path(s.grad, s.default_start, lr, VALLEY_STEPS, f=s.f)
    verdict = D.describe_run(run, s)
    if verdict == "converged":
        return True, f"η = {lr:g} reaches loss {run.losses[-1]:.2e} in {VALLEY_STEPS} steps."
    if verdict == "diverged":
        return False, f"η = {lr:g} is too big: the steep y-direction blows up (step {run.diverged_at}). Stay below 0.2."
    if verdict == "oscillating":
        return False, (f"η = {lr:g} ends at loss {run.losses[-1]:.4f}: the steep y-direction is still "
                       "bouncing from wall to wall. Take η a little smaller.")
    return False, (f"η = {lr:g} ends at loss {run.losses[-1]:.4f} — still {verdict}. "
                   "The flat x-direction shrinks by (1 − η) per step: make η larger, but below 0.2.")


@exercise("6.3", hint="Each sigmoid layer multiplies the gradient by σ′(z) ≤ 0.25 (ignore the weights). "
                      "Ten layers in a row multiply ten such factors.")
def check_sigmoid_chain(factor):
    """Exercise 6.3: the largest factor ten sigmoid derivatives in a row can give (0.25¹⁰)."""
    val = float(factor)
    ref = 0.25**10
    if np.isclose(val, 0.25 * 10):
        return False, "the chain rule multiplies the factors, it does not add them."
    return bool(np.isclose(val, ref, rtol=1e-3, atol=0)), (
        f"0.25¹⁰ ≈ {ref:.2e}: at best a millionth of the gradient reaches layer 1 — gradients vanish.")
