"""Checks for chapter 05 (How a neuron learns: Hebb, perceptron and delta rules).

Examples
--------
>>> from nnlib.exercises import ch05
>>> ch05.check_perceptron_update(..., ...)
✏️ Not answered yet — hint: First the output: is w·x + b ≥ 0? Then Δw = η·(t − y)·x and Δb = η·(t − y).
"""

from __future__ import annotations

import numpy as np

from ..datasets.logic import logic_gate
from ..learning_rules import classify, delta_step, hebb_step, hebb_train, perceptron_step
from . import exercise

__all__ = ["check_which_rules_change", "check_perceptron_update", "check_hebb_or", "CORRECT_SAMPLE", "MISTAKE"]

#: Exercise 5.1: an AND neuron that already answers (1, 1) correctly.
CORRECT_SAMPLE = dict(w=np.array([1.0, 1.0]), b=-1.5, x=np.array([1.0, 1.0]), target=1.0, lr=0.1)
#: Exercise 5.2: one perceptron step on a mistake (binary coding).
MISTAKE = dict(w=np.array([0.2, -0.4]), b=0.1, x=np.array([1.0, 1.0]), target=1.0, lr=0.5)


@exercise("5.1", hint="Run each rule in your head on w = [1, 1], b = −1.5, x = [1, 1], target 1: "
                      "does Hebb look at the output? Is the perceptron's answer right? Is w·x + b exactly 1?")
def check_which_rules_change(changes):
    """Exercise 5.1: a dict rule -> True/False, does that rule change the weights on this sample."""
    if not isinstance(changes, dict) or set(changes) != {"hebb", "perceptron", "delta"}:
        return False, 'answer with a dict with the keys "hebb", "perceptron" and "delta".'
    s = CORRECT_SAMPLE
    truth = {
        "hebb": hebb_step(s["w"], s["b"], s["x"], s["target"], s["lr"]).changed,
        "perceptron": perceptron_step(s["w"], s["b"], s["x"], s["target"], s["lr"]).changed,
        "delta": delta_step(s["w"], s["b"], s["x"], s["target"], s["lr"]).changed,
    }
    wrong = [k for k in truth if bool(changes[k]) != bool(truth[k])]
    if wrong:
        return False, (f"look again at {', '.join(wrong)}. Hebb adds η·t·x whatever the output; the perceptron "
                       "only moves on a mistake; the delta rule moves unless w·x + b equals the target exactly "
                       "(here it is 0.5).")
    return True, ("Only the perceptron leaves a correct answer alone. Hebb keeps growing the weights, "
                  "and the delta rule keeps pulling w·x + b towards the target itself.")


@exercise("5.2", hint="First the output: is w·x + b ≥ 0? Then Δw = η·(t − y)·x and Δb = η·(t − y).")
def check_perceptron_update(new_w, new_b):
    """Exercise 5.2: the weights and bias after one perceptron step on MISTAKE."""
    m = MISTAKE
    u = perceptron_step(m["w"], m["b"], m["x"], m["target"], m["lr"])
    new_w = np.asarray(new_w, dtype=float).ravel()
    if new_w.shape != (2,):
        return False, "new_w should hold two numbers, e.g. [0.1, 0.2]."
    if not np.allclose(new_w, u.w, atol=1e-6):
        return False, ("net input 0.2 − 0.4 + 0.1 = −0.1 < 0, so the neuron says 0 but the target is 1: "
                       "error +1. Add η·error·x to w.")
    if not np.isclose(float(new_b), u.b, atol=1e-6):
        return False, "the weights are right; the bias moves too, by η·error (its input is always 1)."
    return True, f"w = [{u.w[0]:.1f}, {u.w[1]:.1f}], b = {u.b:.1f}; now w·x + b = {u.w @ m['x'] + u.b:.1f} ≥ 0, so (1, 1) is fixed."


@exercise("5.3", hint="With bipolar coding Hebb's weights after one pass (η = 1) are w = Σ tᵢ·xᵢ and b = Σ tᵢ. "
                      "Write out the four products for OR.")
def check_hebb_or(w, b):
    """Exercise 5.3: Hebb's weights and bias after one pass over bipolar OR (lr = 1, from zero)."""
    X, y = logic_gate("OR", "bipolar")
    w_ref, b_ref = hebb_train(X, y, lr=1.0)
    w = np.asarray(w, dtype=float).ravel()
    if w.shape != (2,):
        return False, "w should hold two numbers."
    if not (np.allclose(w, w_ref) and np.isclose(float(b), b_ref)):
        right = int(np.sum(classify(w, float(b), X, encoding="bipolar") == y))
        return False, (f"your neuron gets {right} of 4 OR rows right, but these are not Hebb's numbers: "
                       "add tᵢ·xᵢ over the rows (−1·[−1, −1] + 1·[−1, 1] + 1·[1, −1] + 1·[1, 1]) and Σ tᵢ for b.")
    right = int(np.sum(classify(w, float(b), X, encoding="bipolar") == y))
    return True, f"w = {w_ref.tolist()}, b = {b_ref:g}: one pass of Hebb's rule gets {right} of 4 OR rows right."
