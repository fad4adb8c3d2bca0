"""The classic one-neuron learning rules, one sample at a time.

Each ``*_step`` function is one line of the textbook made executable: it takes the current
weights ``w``, bias ``b`` and one example, and returns an :class:`Update` holding the *new*
weights, the change ``dw``/``db`` and what the neuron did. Inputs are never modified, so a
chapter can keep every intermediate state. :func:`train_steps` runs a rule over a data set and
records every single step (:class:`Step`) for the stepper widget; :func:`epoch_errors` turns
those records into the error curve.

============  ===========================  ======================================
rule          neuron output ``y``           update
============  ===========================  ======================================
Hebb          (none: ``y`` is the target)   Δw = η·t·x,          Δb = η·t
perceptron    step(w·x + b)                 Δw = η·(t − y)·x,    Δb = η·(t − y)
delta (LMS)   w·x + b  (linear)             Δw = η·(t − y)·x,    Δb = η·(t − y)
============  ===========================  ======================================

These functions deliberately loop over samples (see CONTRIBUTING): the point is to watch the
rule act. The models in :mod:`nnlib.perceptron` are the fast versions.

Examples
--------
>>> import numpy as np
>>> u = perceptron_step(np.zeros(2), 0.0, np.array([1.0, 1.0]), target=0)
>>> u.output, u.w, u.b
(1.0, array([-1., -1.]), -1.0)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnlib import _checks as C
from nnlib.activations import step

__all__ = [
    "ENCODINGS",
    "RULES",
    "Update",
    "Step",
    "EpochErrors",
    "hebb_step",
    "perceptron_step",
    "delta_step",
    "classify",
    "train_steps",
    "epoch_errors",
    "hebb_train",
]

#: Target/output codings for a two-class neuron: "binary" is {0, 1}, "bipolar" is {−1, +1}.
ENCODINGS = ("binary", "bipolar")
#: Names accepted by :func:`train_steps`.
RULES = ("hebb", "perceptron", "delta")

_LEVELS = {"binary": (0.0, 1.0), "bipolar": (-1.0, 1.0)}


@dataclass(frozen=True)
class Update:
    """The result of one learning step.

    Attributes
    ----------
    w : ndarray
        New weights (a fresh array; the ``w`` passed in is untouched).
    b : float
        New bias.
    dw : ndarray
        Weight change, ``w_new − w_old``.
    db : float
        Bias change.
    output : float
        The output ``y`` the rule used: the step output (perceptron), the linear output (delta),
        or for Hebb the post-synaptic activity, which is the target itself.
    error : float or None
        ``target − output``; ``None`` for Hebb, whose rule has no error signal.
    changed : bool
        Whether the weights or bias moved.

    Examples
    --------
    >>> u = hebb_step(np.zeros(2), 0.0, np.array([1.0, -1.0]), 1.0)
    >>> u.dw, u.changed
    (array([ 1., -1.]), True)
    """

    w: np.ndarray
    b: float
    dw: np.ndarray
    db: float
    output: float
    error: float | None
    changed: bool


@dataclass(frozen=True)
class Step:
    """One recorded step of :func:`train_steps` (everything a stepper widget shows).

    Attributes
    ----------
    rule : str
        ``"hebb"``, ``"perceptron"`` or ``"delta"``.
    epoch : int
        Epoch number, from 0.
    index : int
        Position of this step within its epoch, from 0.
    sample : int
        Row of ``X`` used (differs from ``index`` when shuffling).
    x : ndarray
    target : float
    output, error :
        As in :class:`Update`.
    w_before, b_before, w_after, b_after, dw, db :
        Weights and bias before and after the step, and the change.
    changed : bool

    Examples
    --------
    >>> s = train_steps("hebb", [[1.0, 1.0]], [1.0], lr=1.0)[0]
    >>> s.w_before, s.w_after
    (array([0., 0.]), array([1., 1.]))
    """

    rule: str
    epoch: int
    index: int
    sample: int
    x: np.ndarray
    target: float
    output: float
    error: float | None
    w_before: np.ndarray
    b_before: float
    w_after: np.ndarray
    b_after: float
    dw: np.ndarray
    db: float
    changed: bool


@dataclass(frozen=True)
class EpochErrors:
    """Per-epoch summary of a :func:`train_steps` run, for the error curve.

    Attributes
    ----------
    updates : ndarray of int
        Steps in the epoch that moved the weights. For the perceptron this is the number of
        mistakes made during the epoch (``Perceptron.errors_``).
    misclassified : ndarray of int
        Rows of ``X`` that the weights at the *end* of the epoch classify wrongly.
    mse : ndarray of float
        Mean squared error between the net input and the targets at the end of the epoch (the
        quantity the delta rule descends).

    Examples
    --------
    >>> X, y = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1]
    >>> epoch_errors(train_steps("perceptron", X, y, lr=1.0, epochs=6), X, y).updates
    array([2, 3, 3, 2, 1, 0])
    """

    updates: np.ndarray
    misclassified: np.ndarray
    mse: np.ndarray


# --------------------------------------------------------------------------- validation


def _check_w_b_x(w, b, x):
    w = C.as_1d_float(w, "w")
    b = C.check_finite_scalar(b, "b")
    x = C.as_1d_float(x, "x", size=w.shape[0])
    return w, b, x


def _check_target(target, encoding=None):
    t = C.check_finite_scalar(target, "target")
    if encoding is not None and t not in _LEVELS[encoding]:
        low, high = _LEVELS[encoding]
        raise ValueError(f"target must be {low:g} or {high:g} for encoding={encoding!r}; got {t:g}")
    return t


def _threshold_output(net, encoding):
    """Step output in the chosen encoding; net == 0 counts as firing (the high level)."""
    low, high = _LEVELS[encoding]
    fired = step(net)
    return np.where(fired == 1.0, high, low) if np.ndim(net) else (high if fired == 1.0 else low)


# --------------------------------------------------------------------------- one-step rules


def hebb_step(w, b, x, y, lr=1.0):
    """One step of Hebb's rule: "cells that fire together wire together".

    ``w ← w + lr·x·y`` and ``b ← b + lr·y``: each weight grows by the product of its input
    (pre-synaptic activity) and the target ``y`` (post-synaptic activity, clamped to the answer
    we want). The neuron's current output plays no part, so nothing ever stops the weights from
    growing, and with 0/1 coding a target of 0 teaches nothing at all.

    Parameters
    ----------
    w : array-like of shape (n_features,)
    b : float
    x : array-like of shape (n_features,)
    y : float
        Target, used as the post-synaptic activity.
    lr : float, default 1.0
        Learning rate η (> 0).

    Returns
    -------
    Update
        ``output`` is ``y`` and ``error`` is ``None``.

    Examples
    --------
    >>> u = hebb_step([0.0, 0.0], 0.0, [1.0, -1.0], y=-1.0)
    >>> u.w, u.b
    (array([-1.,  1.]), -1.0)
    """
    w, b, x = _check_w_b_x(w, b, x)
    y = C.check_finite_scalar(y, "y")
    lr = C.check_positive(lr, "lr")
    dw = lr * y * x
    db = lr * y
    return Update(w + dw, b + db, dw, db, y, None, bool(np.any(dw != 0) or db != 0))


def perceptron_step(w, b, x, target, lr=1.0, encoding="binary"):
    """One step of Rosenblatt's perceptron rule: learn only from mistakes.

    The neuron answers ``y = step(w·x + b)`` (1 or 0 for ``"binary"``, +1 or −1 for
    ``"bipolar"``; a net input of exactly 0 counts as firing). Then ``Δw = lr·(target − y)·x``
    and ``Δb = lr·(target − y)``, which is zero when the answer is right. With bipolar coding
    a mistake gives ``target − y = ±2``, i.e. a step of ``2·lr·target·x``.

    Parameters
    ----------
    w : array-like of shape (n_features,)
    b : float
    x : array-like of shape (n_features,)
    target : float
        0 or 1 (``"binary"``), −1 or +1 (``"bipolar"``).
    lr : float, default 1.0
    encoding : {"binary", "bipolar"}, default "binary"

    Returns
    -------
    Update

    Examples
    --------
    >>> u = perceptron_step([0.5, 0.5], -0.7, [1.0, 1.0], target=1)   # net 0.3 -> fires: right
    >>> u.changed, u.w
    (False, array([0.5, 0.5]))
    """
    w, b, x = _check_w_b_x(w, b, x)
    encoding = C.check_choice(encoding, "encoding", ENCODINGS)
    t = _check_target(target, encoding)
    lr = C.check_positive(lr, "lr")
    y = _threshold_output(float(x @ w + b), encoding)
    error = t - y
    dw = lr * error * x
    db = lr * error
    return Update(w + dw, b + db, dw, db, y, error, error != 0)


def delta_step(w, b, x, target, lr=0.1):
    """One step of the Widrow–Hoff delta rule (LMS), as used by Adaline.

    The neuron's output is its linear net input ``y = w·x + b``; the update
    ``Δw = lr·(target − y)·x`` is a gradient-descent step on the squared error
    ½(target − y)², so, unlike the perceptron, it also learns from answers that are right but
    not by much.

    Parameters
    ----------
    w : array-like of shape (n_features,)
    b : float
    x : array-like of shape (n_features,)
    target : float
    lr : float, default 0.1

    Returns
    -------
    Update

    Examples
    --------
    >>> u = delta_step([0.0, 0.0], 0.0, [1.0, 2.0], target=1.0, lr=0.1)
    >>> u.output, u.error, u.dw, u.db
    (0.0, 1.0, array([0.1, 0.2]), 0.1)
    """
    w, b, x = _check_w_b_x(w, b, x)
    t = _check_target(target)
    lr = C.check_positive(lr, "lr")
    y = float(x @ w + b)
    error = t - y
    dw = lr * error * x
    db = lr * error
    return Update(w + dw, b + db, dw, db, y, error, bool(np.any(dw != 0) or db != 0))


_STEP_FUNCTIONS = {
    "hebb": lambda w, b, x, t, lr, encoding: hebb_step(w, b, x, t, lr),
    "perceptron": lambda w, b, x, t, lr, encoding: perceptron_step(w, b, x, t, lr, encoding),
    "delta": lambda w, b, x, t, lr, encoding: delta_step(w, b, x, t, lr),
}


# --------------------------------------------------------------------------- whole data sets


def classify(w, b, X, encoding="binary", threshold=0.0):
    """Classify the rows of ``X`` with a threshold unit: high level where ``X·w + b ≥ threshold``.

    Parameters
    ----------
    w : array-like of shape (n_features,)
    b : float
    X : array-like of shape (n_samples, n_features)
    encoding : {"binary", "bipolar"}, default "binary"
        Output levels {0, 1} or {−1, +1}.
    threshold : float, default 0.0
        Where the unit switches. 0 for Hebb and the perceptron; for a unit trained with the
        delta rule use the midpoint of the two target levels (0.5 for binary targets).

    Returns
    -------
    ndarray of shape (n_samples,)

    Examples
    --------
    >>> classify([2.0, 2.0], -2.0, [[1, 1], [1, -1], [-1, -1]], encoding="bipolar")
    array([ 1., -1., -1.])
    """
    w = C.as_1d_float(w, "w")
    b = C.check_finite_scalar(b, "b")
    X = C.as_2d_float(X, "X", n_features=w.shape[0])
    encoding = C.check_choice(encoding, "encoding", ENCODINGS)
    threshold = C.check_finite_scalar(threshold, "threshold")
    return _threshold_output(X @ w + b - threshold, encoding)


def train_steps(
    rule,
    X,
    y,
    lr,
    epochs=1,
    w0=None,
    b0=0.0,
    encoding="binary",
    shuffle=False,
    random_state=0,
):
    """Run a learning rule over a data set and record every single step.

    Parameters
    ----------
    rule : {"hebb", "perceptron", "delta"}
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
        Targets. For the perceptron they must be the levels of ``encoding``; Hebb and delta
        accept any numbers.
    lr : float
        Learning rate η (> 0).
    epochs : int, default 1
        Passes over the data.
    w0 : array-like of shape (n_features,), optional
        Starting weights; zeros by default.
    b0 : float, default 0.0
        Starting bias.
    encoding : {"binary", "bipolar"}, default "binary"
        Output levels of the perceptron's step.
    shuffle : bool, default False
        Visit the samples in a new random order each epoch.
    random_state : int, optional
        Seed for the shuffling.

    Returns
    -------
    list of Step
        ``epochs × n_samples`` records; ``steps[-1].w_after`` are the final weights.

    Examples
    --------
    >>> X, y = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1]          # AND
    >>> steps = train_steps("perceptron", X, y, lr=1.0, epochs=6)
    >>> len(steps), steps[-1].w_after, steps[-1].b_after
    (24, array([2., 1.]), -3.0)
    """
    rule = C.check_choice(rule, "rule", RULES)
    X = C.as_2d_float(X, "X")
    y = C.as_1d_float(y, "y")
    C.check_same_length(X, y)
    lr = C.check_positive(lr, "lr")
    epochs = C.check_positive_int(epochs, "epochs")
    encoding = C.check_choice(encoding, "encoding", ENCODINGS)
    if rule == "perceptron":
        bad = ~np.isin(y, _LEVELS[encoding])
        if np.any(bad):
            low, high = _LEVELS[encoding]
            raise ValueError(
                f"y must contain only {low:g} and {high:g} for encoding={encoding!r}; "
                f"got {y[bad][0]:g}"
            )
    n_samples, n_features = X.shape
    w = np.zeros(n_features) if w0 is None else C.as_1d_float(w0, "w0", size=n_features)
    b = C.check_finite_scalar(b0, "b0")
    if not isinstance(shuffle, (bool, np.bool_)):
        raise TypeError(f"shuffle must be True or False; got {type(shuffle).__name__}")
    rng = _make_rng(random_state)
    one_step = _STEP_FUNCTIONS[rule]

    steps = []
    for epoch in range(epochs):
        order = rng.permutation(n_samples) if shuffle else np.arange(n_samples)
        for index, sample in enumerate(order):
            x, t = X[sample].copy(), float(y[sample])
            u = one_step(w, b, x, t, lr, encoding)
            steps.append(
                Step(rule, epoch, index, int(sample), x, t, u.output, u.error,
                     w, b, u.w, u.b, u.dw, u.db, u.changed)
            )  # fmt: skip
            w, b = u.w, u.b  # each step returns fresh arrays, so the records never alias
    return steps


def epoch_errors(steps, X, y, encoding="binary"):
    """Summarise :func:`train_steps` records per epoch, for plotting the error curve.

    Parameters
    ----------
    steps : list of Step
        Output of :func:`train_steps` on the same ``X`` and ``y``.
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    encoding : {"binary", "bipolar"}, default "binary"
        Used to classify with the end-of-epoch weights. Units trained with the delta rule are
        thresholded at the midpoint of the two levels, the others at 0.

    Returns
    -------
    EpochErrors

    Examples
    --------
    >>> X, y = [[1, 1], [1, -1], [-1, 1], [-1, -1]], [1, -1, -1, -1]    # bipolar AND
    >>> steps = train_steps("hebb", X, y, lr=1.0)
    >>> epoch_errors(steps, X, y, encoding="bipolar").misclassified
    array([0])
    """
    if not isinstance(steps, (list, tuple)) or not steps:
        raise ValueError("steps must be a non-empty list of Step records from train_steps")
    if not all(isinstance(s, Step) for s in steps):
        raise TypeError("steps must contain only Step records from train_steps")
    X = C.as_2d_float(X, "X", n_features=steps[0].w_after.shape[0])
    y = C.as_1d_float(y, "y", size=X.shape[0])
    encoding = C.check_choice(encoding, "encoding", ENCODINGS)
    low, high = _LEVELS[encoding]
    threshold = (low + high) / 2 if steps[0].rule == "delta" else 0.0

    n_epochs = steps[-1].epoch + 1
    updates = np.zeros(n_epochs, dtype=int)
    last = [None] * n_epochs
    for s in steps:
        updates[s.epoch] += s.changed
        last[s.epoch] = s
    # Weights at the end of each epoch, stacked so all epochs are scored in one product.
    W = np.stack([s.w_after for s in last])
    B = np.array([s.b_after for s in last])
    net = X @ W.T + B  # (n_samples, n_epochs)
    predicted = np.where(net >= threshold, high, low)
    misclassified = np.sum(predicted != y[:, None], axis=0)
    mse = np.mean((y[:, None] - net) ** 2, axis=0)
    return EpochErrors(updates, misclassified, mse)


def hebb_train(X, y, lr=1.0, epochs=1):
    """Hebb's rule over a whole table, ``epochs`` times, computed in one shot.

    Because the Hebb update ``lr·y·x`` does not depend on the current weights, the order of
    the samples does not matter and ``epochs`` passes simply add up:
    ``w = epochs·lr·Σ yᵢxᵢ = epochs·lr·Xᵀy`` and ``b = epochs·lr·Σ yᵢ`` (starting from 0).
    This gives exactly what :func:`train_steps` with ``rule="hebb"`` ends with.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    lr : float, default 1.0
    epochs : int, default 1

    Returns
    -------
    w : ndarray of shape (n_features,)
    b : float

    Examples
    --------
    >>> hebb_train([[1, 1], [1, -1], [-1, 1], [-1, -1]], [1, -1, -1, -1])
    (array([2., 2.]), -2.0)
    """
    X = C.as_2d_float(X, "X")
    y = C.as_1d_float(y, "y", size=X.shape[0])
    lr = C.check_positive(lr, "lr")
    epochs = C.check_positive_int(epochs, "epochs")
    scale = epochs * lr
    return scale * (X.T @ y), float(scale * np.sum(y))


def _make_rng(random_state):
    try:
        return np.random.default_rng(random_state)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            "random_state must be None, a non-negative int or a numpy Generator; "
            f"got {random_state!r}"
        ) from exc
