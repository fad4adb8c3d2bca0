"""Checks for chapter 08 (Generalisation).

Each exercise has the learner write one of the chapter's remedies as a function; the check calls
it and nnlib's version (:mod:`nnlib.regularization`) on the same fresh random inputs
(:func:`nnlib.exercises.compare_functions`), so no hard-coded answer can pass.

Examples
--------
>>> from nnlib.exercises import ch08
>>> ch08.check_l2(...).status
'unanswered'
"""

from __future__ import annotations

import numpy as np

from .. import regularization as R
from ..language import tr, translatable
from . import compare_functions, exercise
from .functions import function_check

__all__ = ["check_l2", "check_dropout", "check_early_stopping"]


def _compare_then_diagnose(learner, reference, make_inputs, trials, probe, diagnose):
    """``compare_functions`` on fresh random inputs; when they differ, run the learner once on the
    fixed ``probe`` arguments and let ``diagnose(*result)`` name a known mistake ("" if none).

    Returns ``(ok, reason)``; the reason never contains the expected numbers.
    """
    ok, why = compare_functions(learner, reference, make_inputs, trials=trials)
    if ok:
        return True, ""
    try:
        result = learner(*probe)
    except Exception:  # compare_functions has already said what is wrong
        return False, why
    if not (isinstance(result, tuple) and len(result) == 2):
        return False, why
    return False, diagnose(*result) or why


# --------------------------------------------------------------------------- 8.1 L2 penalty


def _reference_l2(W, lam):
    return R.l2_penalty(W, lam), R.l2_gradient(W, lam)


def _l2_inputs(rng):
    shape = tuple(int(k) for k in rng.integers(1, 5, size=2))
    return rng.normal(size=shape), float(rng.uniform(0.01, 1.0))


@exercise("8.1", difficulty="★ warm-up", hints=[
    translatable("The penalty adds up one term per weight, and that term grows with the square of the weight."),
    translatable("Section 5: the penalty is ½·λ·Σw²; differentiate one term ½·λ·w² with respect to its own w."),
    translatable("Return two things: a number made with np.sum(...) over W, and an array of the shape of W."),
])
def _check_l2(l2_penalty_and_gradient):
    """Exercise 8.1: ``l2_penalty_and_gradient(W, lam) -> (½·λ·Σw², λ·W)``."""
    W, lam = np.array([[1.0, -2.0], [0.5, 3.0]]), 0.3

    def diagnose(penalty, grad):
        if np.isclose(float(penalty), 2 * R.l2_penalty(W, lam)):
            return tr("your penalty is twice too big: the course's L2 penalty has a ½ in front (it cancels the 2 of w²).")
        if np.shape(grad) == W.shape and np.allclose(grad, 2 * R.l2_gradient(W, lam)):
            return tr("your gradient is twice too big: the ½ of the penalty cancels the 2 from differentiating w².")
        return ""

    ok, why = _compare_then_diagnose(l2_penalty_and_gradient, _reference_l2, _l2_inputs, 6, (W.copy(), lam), diagnose)
    return ok, (tr("penalty and gradient match nnlib.regularization.l2_penalty / l2_gradient on random weights.")
                if ok else why)


check_l2 = function_check(_check_l2, (np.ones((1, 2)), 0.1))


# --------------------------------------------------------------------------- 8.2 dropout


def _reference_dropout(x, grad, keep, p):
    layer = R.Dropout(p)
    out = layer.forward(x, training=True, keep=keep)
    return out, layer.backward(grad)


def _dropout_inputs(rng):
    shape = tuple(int(k) for k in rng.integers(2, 6, size=2))
    keep = rng.random(shape) >= 0.5
    keep.flat[0], keep.flat[-1] = True, False  # both kinds of entries, always
    return rng.normal(size=shape), rng.normal(size=shape), keep, float(rng.choice([0.2, 0.25, 0.5, 0.6]))


@exercise("8.2", difficulty="★★ practice", hints=[
    translatable("Forward: a dropped value becomes 0; a kept one is scaled so that its expected value stays what it was. "
    "Backward: only what went through can carry a gradient back."),
    translatable("Section 6: out = x ⊙ m with m = keep/(1 − p); since out is x times a constant mask, "
    "∂L/∂x = ∂L/∂out ⊙ m (element-wise, like the sigmoid's backward in chapter 06)."),
    translatable("Build the mask once from keep and p (keep is boolean: True/False act as 1/0), then return two "
    "element-wise products."),
])
def _check_dropout(dropout_forward_backward):
    """Exercise 8.2: ``dropout_forward_backward(x, grad, keep, p) -> (out, dx)``."""
    x, grad = np.array([[2.0, -1.0, 4.0]]), np.array([[1.0, 1.0, 1.0]])
    keep, p = np.array([[True, False, True]]), 0.5

    def diagnose(out, dx):
        out, dx = np.asarray(out, dtype=float), np.asarray(dx, dtype=float)
        if out.shape == x.shape and np.allclose(out, x * keep):
            return tr("the dropped values are right, but the kept ones must be scaled up so the expected output stays x.")
        if out.shape == x.shape and np.allclose(out, x * keep * (1 - p)):
            return tr("inverted dropout scales the kept values *up* while training (divide, do not multiply).")
        if dx.shape == x.shape and np.allclose(dx, grad):
            return tr("∂L/∂x is not ∂L/∂out: a dropped value had no effect on the loss, so its gradient is 0.")
        return ""

    ok, why = _compare_then_diagnose(dropout_forward_backward, _reference_dropout, _dropout_inputs, 6,
                                     (x.copy(), grad.copy(), keep.copy(), p), diagnose)
    return ok, (tr("out and ∂L/∂x match nnlib's Dropout layer (training=True) on random masks: "
                   "that is inverted dropout, forward and backward.") if ok else why)


check_dropout = function_check(
    _check_dropout, (np.ones((1, 2)), np.ones((1, 2)), np.ones((1, 2), bool), 0.5))


# --------------------------------------------------------------------------- 8.3 early stopping


def _reference_early_stopping(val_losses, patience):
    stopper = R.EarlyStopping(patience=int(patience))
    stop = len(val_losses)
    for epoch, loss in enumerate(val_losses, start=1):
        if stopper.update(loss, []):
            stop = epoch
            break
    return stopper.best_epoch_, stop


def _early_stopping_inputs(rng):
    """A noisy U-shaped validation curve (falls, then rises), 10-40 epochs, patience 2-6."""
    n = int(rng.integers(10, 41))
    t = np.linspace(0, 1, n)
    turn = rng.uniform(0.2, 0.9)
    losses = 0.3 + (t - turn) ** 2 + rng.normal(scale=0.02, size=n)
    return [float(v) for v in losses], int(rng.integers(2, 7))


@exercise("8.3", difficulty="★★ practice", hints=[
    translatable("Walk through the epochs, remembering the best validation loss so far and when it happened."),
    translatable("Section 4: training stops at the first epoch that is `patience` epochs after the best one; if that "
    "never happens it runs to the end. Epochs count from 1."),
    translatable("A for loop over enumerate(val_losses, start=1) with two variables, best_loss and best_epoch; "
    "return (best_epoch, the epoch you stopped at)."),
])
def _check_early_stopping(early_stopping_epochs):
    """Exercise 8.3: ``early_stopping_epochs(val_losses, patience) -> (best_epoch, stop_epoch)``."""
    def diagnose(best, stop):
        if (best, stop) == (1, 3):
            return tr("those are 0-based positions: the course counts epochs from 1 (epoch 1 is the first pass).")
        if stop == 5:
            return tr("your loop did not stop: after `patience` epochs without a new best, training ends.")
        return ""

    ok, why = _compare_then_diagnose(early_stopping_epochs, _reference_early_stopping, _early_stopping_inputs, 8,
                                     ([0.9, 0.5, 0.6, 0.7, 0.4], 2), diagnose)
    return ok, (tr("best and stopping epochs match nnlib.regularization.EarlyStopping on random validation curves.")
                if ok else why)


check_early_stopping = function_check(_check_early_stopping, ([1.0, 0.5], 2))
