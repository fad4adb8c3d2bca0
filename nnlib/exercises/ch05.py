"""Checks for chapter 05 (How a neuron learns: Hebb, perceptron and delta rules).

Exercise 5.4 is the delta rule written by the learner as a function and compared with
:func:`nnlib.learning_rules.delta_step` on fresh random inputs.

Examples
--------
>>> from nnlib.exercises import ch05
>>> ch05.check_perceptron_update(..., ...).status
'unanswered'
"""

from __future__ import annotations

import numpy as np

from ..datasets.logic import logic_gate
from ..language import tr, translatable
from ..learning_rules import classify, delta_step, hebb_step, hebb_train, perceptron_step
from . import compare_functions, exercise
from .functions import function_check

__all__ = ["check_which_rules_change", "check_perceptron_update", "check_hebb_or", "check_delta_update",
           "CORRECT_SAMPLE", "MISTAKE"]

#: Exercise 5.1: an AND neuron that already answers (1, 1) correctly (binary coding).
CORRECT_SAMPLE = dict(w=np.array([1.0, 1.0]), b=-1.5, x=np.array([1.0, 1.0]), y=1.0, lr=0.1)
#: Exercise 5.2: one perceptron step on a mistake (binary coding).
MISTAKE = dict(w=np.array([0.2, -0.4]), b=0.1, x=np.array([1.0, 1.0]), y=1.0, lr=0.5)


@exercise("5.1", difficulty="★ warm-up", hints=[
    translatable("Take the rules one at a time on w = (1, 1), b = −1.5, x = (1, 1), y = 1: what does each one "
    "need to know about the neuron's answer?"),
    translatable("Hebb: Δw = η·y·x uses no output at all. Perceptron: ŷ = step(z), Δw = η(y − ŷ)x. "
    "Delta: ŷ = z itself, Δw = η(y − ŷ)x. Compute z = w·x + b first."),
    translatable('Answer with a dict {"hebb": True/False, "perceptron": True/False, "delta": True/False}: '
    "True where Δw or Δb is not zero."),
])
def check_which_rules_change(changes):
    """Exercise 5.1: a dict rule -> True/False, does that rule change the weights on this sample."""
    if not isinstance(changes, dict) or set(changes) != {"hebb", "perceptron", "delta"}:
        return False, tr('answer with a dict with the keys "hebb", "perceptron" and "delta".')
    s = CORRECT_SAMPLE
    truth = {
        "hebb": hebb_step(s["w"], s["b"], s["x"], s["y"], s["lr"]).changed,
        "perceptron": perceptron_step(s["w"], s["b"], s["x"], s["y"], s["lr"]).changed,
        "delta": delta_step(s["w"], s["b"], s["x"], s["y"], s["lr"]).changed,
    }
    wrong = [k for k in truth if bool(changes[k]) != bool(truth[k])]
    if wrong:
        return False, tr("look again at {rules}: which quantity does that rule compare "
                         "with the target y, and is the difference zero here?", rules=tr(" and ").join(wrong))
    return True, tr("Only the perceptron leaves a correct answer alone. Hebb keeps growing the weights, "
                    "and the delta rule keeps pulling z = w·x + b towards the target itself.")


@exercise("5.2", difficulty="★ warm-up", hints=[
    translatable("First find out what the neuron answers now: compute z = w·x + b and ŷ = step(z)."),
    translatable("The perceptron rule: Δw = η(y − ŷ)x and Δb = η(y − ŷ); new w = w + Δw, new b = b + Δb."),
    translatable("With η = 0.5 and x = (1, 1), both weights move by the same amount, and so does the bias."),
])
def check_perceptron_update(new_w, new_b):
    """Exercise 5.2: the weights and bias after one perceptron step on MISTAKE."""
    m = MISTAKE
    u = perceptron_step(m["w"], m["b"], m["x"], m["y"], m["lr"])
    new_w = np.asarray(new_w, dtype=float).ravel()
    if new_w.shape != (2,):
        return False, tr("new_w should hold two numbers, e.g. [0.1, 0.2].")
    if np.allclose(new_w, m["w"]) and np.isclose(float(new_b), m["b"]):
        return False, tr("nothing moved: is the neuron's answer ŷ really equal to the target y = 1 here?")
    if not np.allclose(new_w, u.w, atol=1e-6):
        return False, ""
    if not np.isclose(float(new_b), u.b, atol=1e-6):
        return False, tr("the weights are right; the bias moves too, by η(y − ŷ) (its input is always 1).")
    return True, tr("w = [{w1:.1f}, {w2:.1f}], b = {b:.1f}; now z = w·x + b = {z:.1f} ≥ 0, so (1, 1) is answered right.",
                    w1=u.w[0], w2=u.w[1], b=u.b, z=u.w @ m["x"] + u.b)


@exercise("5.3", difficulty="★★ practice", hints=[
    translatable("Hebb's rule does not look at the neuron's output, so the order of the rows does not matter: "
    "the four updates simply add up."),
    translatable("From zero with η = 1: w = Σₙ yₙ·xₙ (a sum of four vectors) and b = Σₙ yₙ."),
    translatable("Write the four products yₙ·xₙ for the OR rows and add them component by component; "
    "b is the sum of the four targets."),
])
def check_hebb_or(w, b):
    """Exercise 5.3: Hebb's weights and bias after one pass over bipolar OR (lr = 1, from zero)."""
    X, y = logic_gate("OR", "bipolar")
    w_ref, b_ref = hebb_train(X, y, lr=1.0)
    w = np.asarray(w, dtype=float).ravel()
    if w.shape != (2,):
        return False, tr("w should hold two numbers.")
    if not (np.allclose(w, w_ref) and np.isclose(float(b), b_ref)):
        if np.allclose(w, w_ref):
            return False, tr("the weights are right; the bias adds up the targets y (its input is always 1).")
        return False, ""
    right = int(np.sum(classify(w, float(b), X, encoding="bipolar") == y))
    return True, tr("w = {w}, b = {b:g}: one pass of Hebb's rule gets {right} of 4 OR rows right.",
                    w=w_ref.tolist(), b=b_ref, right=right)


def _delta_reference(w, b, x, y, lr):
    u = delta_step(w, b, x, y, lr)
    return u.w, u.b


def _random_sample(rng):
    n = int(rng.integers(1, 6))
    return (rng.normal(size=n), float(rng.normal()), rng.normal(size=n), float(rng.normal()),
            float(rng.uniform(0.01, 1.0)))


@exercise("5.4", difficulty="★★ practice", hints=[
    translatable("The delta rule is the perceptron rule with the step taken away: the output is the net input itself."),
    translatable("Section 4: ŷ = z = w·x + b, then Δw = η(y − ŷ)x and Δb = η(y − ŷ); return the new w and b."),
    translatable("Shape of the code: y_hat = ...;  error = y - y_hat;  return w + lr * error * ..., b + ..."),
])
def _check_delta(delta_update):
    """Exercise 5.4: ``delta_update(w, b, x, y, lr) -> (new_w, new_b)``, one step of the delta rule."""
    ok, why = compare_functions(delta_update, _delta_reference, _random_sample, trials=8)
    if ok:
        return True, tr("your update is nnlib.learning_rules.delta_step: the gradient step on "
                        "L = ½(ŷ − y)² for one sample.")
    if why.kind == "values":
        # The two classic slips, told apart on one sample without showing the expected numbers.
        w, b, x, y, lr = np.array([0.5, -1.0]), 0.2, np.array([1.0, 2.0]), 1.0, 0.1
        got = delta_update(w.copy(), b, x.copy(), y, lr)
        new_w = np.asarray(got[0], dtype=float)
        ref_w = _delta_reference(w, b, x, y, lr)[0]
        if np.allclose(new_w, perceptron_step(w, b, x, y, lr).w):
            return False, tr("that is the perceptron rule: the delta rule uses z itself, not step(z).")
        if np.allclose(new_w, ref_w):
            return False, tr("the new w is right; the bias moves too, by η(y − ŷ) (its input is always 1).")
        if np.allclose(new_w, 2 * w - ref_w):
            return False, tr("right size, wrong direction: the error is y − ŷ (target minus prediction).")
        return False, ""
    return False, why


check_delta_update = function_check(_check_delta, (np.zeros(2), 0.0, np.ones(2), 1.0, 0.1))
