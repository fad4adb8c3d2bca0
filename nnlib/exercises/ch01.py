"""Checks for chapter 01 (The artificial neuron).

Examples
--------
>>> from nnlib.exercises import ch01
>>> ch01.check_negative_outputs("tanh")
✅ Correct! tanh is the only one of the four that is centred on 0: φ(−z) = −φ(z), outputs in (−1, 1).
>>> import numpy as np
>>> from nnlib import activations
>>> def forward(X, w, b, phi):
...     return phi(np.asarray(X) @ w + b)
>>> bool(ch01.check_forward(forward))
True
"""

from __future__ import annotations

import numpy as np

from .. import activations
from ..datasets.logic import logic_gate
from ..language import tr, translatable
from ..neuron import neuron_output
from . import compare_functions, exercise
from .functions import still_a_stub

__all__ = ["check_negative_outputs", "check_fires_only_for_both", "check_forward", 
           "FORWARD_ACTIVATIONS"]

#: The activations exercise 1.3 hands to the learner's forward pass, as the functions of nnlib.activations.
FORWARD_ACTIVATIONS = {"step": activations.step, "sigmoid": activations.sigmoid, "tanh": activations.tanh,
                       "relu": activations.relu}


@exercise("1.1", hints=[translatable("The output range of each activation is in the table of the section "
                                     "'Activation functions'."),
                        translatable("Step gives 0 or 1, the sigmoid lies between 0 and 1, ReLU is never below 0."),
                        translatable('Answer with one name in quotes, such as "relu".')],
          difficulty="★ warm-up")
def check_negative_outputs(name):
    """Exercise 1.1: the only one of the four activations that can output a negative number (tanh)."""
    act = activations.get(name)
    if act.name not in FORWARD_ACTIVATIONS:
        return False, tr("{name} is not one of the four activations of this chapter (step, sigmoid, tanh, relu).",
                         name=act.name)
    if act.output_range[0] < 0:
        return True, tr("tanh is the only one of the four that is centred on 0: φ(−z) = −φ(z), outputs in (−1, 1).")
    return False, tr("{name} never outputs a negative number; which curve goes below the z axis?", name=act.name)


@exercise("1.2", hints=[translatable("The neuron fires when z = w₁·x₁ + w₂·x₂ + b ≥ 0. Write z for each of the four "
                                     "inputs (0, 0), (0, 1), (1, 0), (1, 1)."),
                        translatable("With w₁ = w₂ = 1, z is b, 1 + b, 1 + b and 2 + b: only the last one may reach 0."),
                        translatable("So b must make 2 + b ≥ 0 but 1 + b < 0.")],
          difficulty="★ warm-up")
def check_fires_only_for_both(w1, w2, b):
    """Exercise 1.2: a step neuron that outputs 1 only for the input (1, 1)."""
    X, y = logic_gate("AND")
    out = neuron_output(X, [float(w1), float(w2)], float(b), "step").astype(int)
    if np.array_equal(out, y):
        return True, tr("z ≥ 0 only at (1, 1): this neuron is an AND gate (chapter 02).")
    wrong = [tr("({x1:.0f}, {x2:.0f}) gives {output}", x1=a, x2=c, output=o)
             for (a, c), o, target in zip(X, out, y) if o != target]
    if np.all(out >= y):   # fires too often: the threshold θ = −b is too low
        direction = tr("it fires too often: make b more negative (a higher threshold θ = −b)")
    elif np.all(out <= y):  # never fires where it should
        direction = tr("it does not fire for (1, 1): make b less negative (a lower threshold θ = −b)")
    else:
        direction = tr("compare z at (1, 1) with z at (0, 1) and (1, 0): the weights matter too")
    return False, tr("{rows} — {direction}.", rows="; ".join(wrong), direction=direction)


def _forward_inputs(rng):
    """Random batch X (n, d), weights w (d,), bias b and one of the four activation functions."""
    n, d = int(rng.integers(1, 7)), int(rng.integers(1, 5))
    phi = list(FORWARD_ACTIVATIONS.values())[int(rng.integers(len(FORWARD_ACTIVATIONS)))]
    return rng.normal(size=(n, d)), rng.normal(size=d), float(rng.normal()), phi


def _reference_forward(X, w, b, phi):
    name = next(k for k, f in FORWARD_ACTIVATIONS.items() if f is phi)
    return neuron_output(X, w, b, name)


@exercise("1.3", hints=[translatable("Two steps: first the net input z of every row of X, then the activation φ."),
                        translatable("For a batch, z = X @ w + b is one matrix–vector product (section 'A whole batch "
                                     "at once'); then apply phi to z."),
                        translatable("The body has two lines: z = (net input); return phi(z)")],
          difficulty="★★ practice")
def _check_forward(neuron_forward):
    rng = np.random.default_rng()
    X, w, b, _ = _forward_inputs(rng)
    phi = activations.sigmoid  # never the identity on z, so the two common slips below show
    got = neuron_forward(X.copy(), w.copy(), b, phi)
    if got is not None and np.shape(got) == (X.shape[0],):
        got = np.asarray(got, dtype=float)
        if np.allclose(got, phi(X @ w)) and not np.allclose(got, _reference_forward(X, w, b, phi)):
            return False, tr("your function ignores the bias: z is the weighted sum plus b.")
        if np.allclose(got, X @ w + b) and not np.allclose(got, _reference_forward(X, w, b, phi)):
            return False, tr("you return the net input z; the neuron's output is the activation phi(z).")
    ok, why = compare_functions(neuron_forward, _reference_forward, _forward_inputs, trials=6)
    if not ok:
        return False, tr("{reason} Each row of X is one sample; its output is phi(w·x + b).", reason=why)
    return True, tr("your forward pass matches nnlib.neuron.neuron_output on random batches: one line of "
                    "numpy computes every sample's output at once.")


def check_forward(neuron_forward):
    """Exercise 1.3: ``neuron_forward(X, w, b, phi)`` returns phi(X @ w + b) for a batch X of shape (n, d).

    Compared with :func:`nnlib.neuron.neuron_output` on fresh random batches and activations.
    """
    if still_a_stub(neuron_forward, (np.ones((2, 2)), np.ones(2), 0.0, activations.sigmoid)):
        return _check_forward(...)
    return _check_forward(neuron_forward)


check_forward.exercise = "1.3"
check_forward.hints = _check_forward.hints
check_forward.difficulty = _check_forward.difficulty
