"""The classic one-neuron learning rules: each written once, shown one sample at a time.

Two update formulas cover the three rules of chapter 05:

==================  ===========================  =============================================
rule                prediction ŷ                  update (η = ``lr``)
==================  ===========================  =============================================
Hebb (1949)         (none: the target y is used)  Δw = η·y·x,          Δb = η·y
perceptron (1958)   ŷ = step(w·x + b)             Δw = η·(y − ŷ)·x,    Δb = η·(y − ŷ)
delta / LMS (1960)  ŷ = w·x + b  (linear)         Δw = η·(y − ŷ)·x,    Δb = η·(y − ŷ)
==================  ===========================  =============================================

:func:`hebb_rule` and :func:`error_correction_rule` are those two formulas and nothing else;
everything in nnlib that learns with them calls these functions (the ``*_step`` functions
below, :func:`train_steps`, and :class:`nnlib.perceptron.Perceptron` / ``Adaline``). The perceptron
rule and the delta rule share the error-correction formula; they differ only in ŷ.

Each ``*_step`` function is one line of the textbook made executable: it takes the current
weights ``w``, bias ``b`` and one sample, and returns an :class:`Update` holding the *new*
weights, the change ``dw``/``db`` and what the neuron did. Inputs are never modified, so a
chapter can keep every intermediate state. :func:`train_steps` runs a rule over a data set and
records every single step (:class:`Step`) for the stepper widget; :func:`epoch_errors` turns
those records into per-epoch counts. These deliberately loop over samples (see CONTRIBUTING):
the point is to watch the rule act.

Sources: D. O. Hebb, *The Organization of Behavior* (1949); F. Rosenblatt, "The perceptron: a
probabilistic model for information storage and organization in the brain", *Psychological
Review* 65 (1958); B. Widrow & M. E. Hoff, "Adaptive switching circuits", *IRE WESCON
Convention Record* (1960).

Examples
--------
>>> import numpy as np
>>> u = perceptron_step(np.zeros(2), 0.0, np.array([1.0, 1.0]), y=0)
>>> u.y_hat, u.w, u.b
(1.0, array([-1., -1.]), -1.0)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnlib import _checks as C
from nnlib.activations import step
from nnlib.datasets.logic import ENCODINGS, LEVELS

__all__ = [
    "ENCODINGS",
    "RULES",
    "Update",
    "Step",
    "EpochErrors",
    "hebb_rule",
    "error_correction_rule",
    "threshold_output",
    "hebb_step",
    "perceptron_step",
    "delta_step",
    "classify",
    "train_steps",
    "epoch_errors",
    "hebb_train",
]

#: Names accepted by :func:`train_steps`.
RULES = ("hebb", "perceptron", "delta")


# --------------------------------------------------------------------------- the two formulas


def hebb_rule(x, y, lr=1.0):
    """Hebb's rule (Hebb 1949): ``Δw = η·y·x`` and ``Δb = η·y``.

    Each weight grows by the product of its input x (pre-synaptic activity) and the target y
    (post-synaptic activity, clamped to the answer we want). No error, no check: the formula
    only, for one sample. Validation is the caller's job (:func:`hebb_step` does it).

    Parameters
    ----------
    x : ndarray of shape (n_features,), float
        One sample.
    y : float
        Its target.
    lr : float, default 1.0
        Learning rate η.

    Returns
    -------
    dw : ndarray of shape (n_features,)
    db : float

    Examples
    --------
    >>> hebb_rule(np.array([1.0, -1.0]), -1.0, lr=0.5)
    (array([-0.5,  0.5]), -0.5)
    """
    return lr * y * x, lr * y


def error_correction_rule(x, y, y_hat, lr):
    """The error-correction update ``Δw = η·(y − ŷ)·x``, ``Δb = η·(y − ŷ)``.

    It is the perceptron rule when ŷ = step(w·x + b) (Rosenblatt 1958) and the delta rule
    (Widrow & Hoff 1960, least mean squares) when ŷ = w·x + b. For the delta rule it is one
    step of gradient descent on the squared error L = ½(ŷ − y)²: ∂L/∂w = (ŷ − y)·x.

    For a batch (``x`` 2-D) the per-sample changes are averaged: the step down the gradient of
    the mean of L over the batch (Adaline's full-batch step). No validation: the formula only.

    Parameters
    ----------
    x : ndarray of shape (n_features,) or (n_samples, n_features), float
        One sample, or a batch with one sample per row.
    y, y_hat : float, or ndarray of shape (n_samples,) for a batch
        Targets and predictions.
    lr : float
        Learning rate η.

    Returns
    -------
    dw : ndarray of shape (n_features,)
    db : float

    Examples
    --------
    >>> error_correction_rule(np.array([1.0, 2.0]), 1.0, 0.0, lr=0.1)     # one sample
    (array([0.1, 0.2]), 0.1)
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> error_correction_rule(X, np.array([1.0, 0.0]), np.array([0.0, 1.0]), lr=1.0)   # batch mean
    (array([ 0.5, -0.5]), 0.0)
    """
    error = y - y_hat
    if np.ndim(x) == 1:
        return lr * error * x, lr * error
    return lr * (error @ x) / len(x), lr * float(np.mean(error))


def threshold_output(z, encoding="binary"):
    """The step neuron's prediction ŷ in an encoding's levels: high where z ≥ 0, else low.

    A net input of exactly 0 counts as firing (step(0) = 1, as in :func:`nnlib.activations.step`).

    Parameters
    ----------
    z : float or ndarray
        Net input(s) w·x + b.
    encoding : {"binary", "bipolar"}, default "binary"
        Levels {0, 1} or {−1, +1}.

    Returns
    -------
    float, or ndarray of z's shape

    Examples
    --------
    >>> threshold_output(0.0), threshold_output(np.array([-2.0, 3.0]), "bipolar")
    (1.0, array([-1.,  1.]))
    """
    low, high = LEVELS[C.check_choice(encoding, "encoding", ENCODINGS)]
    fired = step(z)
    return np.where(fired == 1.0, high, low) if np.ndim(z) else (high if fired == 1.0 else low)


@dataclass(frozen=True)
class Update:
    """The result of one learning step.

    Attributes
    ----------
    w : ndarray of shape (n_features,)
        New weights (a fresh array; the ``w`` passed in is untouched).
    b : float
        New bias.
    dw : ndarray of shape (n_features,)
        Weight change, ``w_new − w_old``.
    db : float
        Bias change.
    y_hat : float
        The prediction ŷ the rule used: the step output (perceptron), the linear output w·x + b
        (delta), or for Hebb the post-synaptic activity, which is the target y itself.
    error : float or None
        ``y − ŷ``; ``None`` for Hebb, whose rule has no error signal.
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
    y_hat: float
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
        Epoch number, counted from 1 (epoch 1 is the first pass over the data).
    index : int
        Position of this step within its epoch, from 0.
    sample : int
        Row of ``X`` used, from 0 (differs from ``index`` when shuffling).
    x : ndarray of shape (n_features,)
    y : float
        The sample's target.
    y_hat, error :
        As in :class:`Update`.
    w_before, b_before, w_after, b_after, dw, db :
        Weights and bias before and after the step, and the change.
    changed : bool

    Examples
    --------
    >>> s = train_steps("hebb", [[1.0, 1.0]], [1.0], lr=1.0)[0]
    >>> s.epoch, s.w_before, s.w_after
    (1, array([0., 0.]), array([1., 1.]))
    """

    rule: str
    epoch: int
    index: int
    sample: int
    x: np.ndarray
    y: float
    y_hat: float
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
    """Per-epoch summary of a :func:`train_steps` run; entry 0 is epoch 1.

    Attributes
    ----------
    updates : ndarray of int, shape (n_epochs,)
        Steps in the epoch that moved the weights. For the perceptron this is the number of
        mistakes made *during* the epoch, each corrected at once (``Perceptron.updates_``).
    misclassified : ndarray of int, shape (n_epochs,)
        Rows of ``X`` that the weights at the *end* of the epoch classify wrongly
        (``Perceptron.misclassified_``). This is the curve nnlib plots.
    mse : ndarray of float, shape (n_epochs,)
        Mean squared error mean((z − y)²) between the net input z and the targets at the end of
        the epoch (the delta rule descends half of it).

    Examples
    --------
    >>> X, y = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]          # XOR
    >>> summary = epoch_errors(train_steps("perceptron", X, y, lr=1.0, epochs=4), X, y)
    >>> summary.updates, summary.misclassified
    (array([3, 3, 4, 4]), array([2, 2, 2, 2]))
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


def _check_target(y, encoding=None):
    y = C.check_finite_scalar(y, "y")
    if encoding is not None and y not in LEVELS[encoding]:
        low, high = LEVELS[encoding]
        raise ValueError(f"y must be {low:g} or {high:g} for encoding={encoding!r}; got {y:g}")
    return y


def _changed(dw, db):
    return bool(np.any(dw != 0) or db != 0)


# --------------------------------------------------------------------------- one-step rules


def hebb_step(w, b, x, y, lr=1.0):
    """One step of Hebb's rule (Hebb 1949), validated: ``w ← w + η·y·x``, ``b ← b + η·y``.

    The neuron's current output plays no part, so nothing ever stops the weights from growing,
    and with 0/1 coding a target of 0 teaches nothing at all.

    Parameters
    ----------
    w : array-like of shape (n_features,), float
    b : float
    x : array-like of shape (n_features,), float
    y : float
        Target, used as the post-synaptic activity.
    lr : float, default 1.0
        Learning rate η (> 0).

    Returns
    -------
    Update
        ``y_hat`` is ``y`` and ``error`` is ``None``.

    Raises
    ------
    ValueError, TypeError
        For arrays of the wrong shape, non-finite numbers or ``lr <= 0``; the message names the
        argument.

    Examples
    --------
    >>> u = hebb_step([0.0, 0.0], 0.0, [1.0, -1.0], y=-1.0)
    >>> u.w, u.b
    (array([-1.,  1.]), -1.0)
    """
    w, b, x = _check_w_b_x(w, b, x)
    y = _check_target(y)
    lr = C.check_positive(lr, "lr")
    dw, db = hebb_rule(x, y, lr)
    return Update(w + dw, b + db, dw, db, y, None, _changed(dw, db))


def perceptron_step(w, b, x, y, lr=1.0, encoding="binary"):
    """One step of Rosenblatt's perceptron rule (1958): learn only from mistakes.

    The neuron predicts ``ŷ = step(w·x + b)`` (1 or 0 for ``"binary"``, +1 or −1 for
    ``"bipolar"``; a net input of exactly 0 counts as firing). Then
    :func:`error_correction_rule` gives ``Δw = η·(y − ŷ)·x`` and ``Δb = η·(y − ŷ)``, which is zero
    when the answer is right. With bipolar coding a mistake gives ``y − ŷ = ±2``, i.e. a step of
    ``2·η·y·x``.

    Parameters
    ----------
    w : array-like of shape (n_features,), float
    b : float
    x : array-like of shape (n_features,), float
    y : float
        Target: 0 or 1 (``"binary"``), −1 or +1 (``"bipolar"``).
    lr : float, default 1.0
        Learning rate η (> 0).
    encoding : {"binary", "bipolar"}, default "binary"

    Returns
    -------
    Update

    Raises
    ------
    ValueError, TypeError
        As :func:`hebb_step`, and for a target that is not a level of ``encoding``.

    Examples
    --------
    >>> u = perceptron_step([0.5, 0.5], -0.7, [1.0, 1.0], y=1)   # z = 0.3 -> fires: right
    >>> u.changed, u.w
    (False, array([0.5, 0.5]))
    """
    w, b, x = _check_w_b_x(w, b, x)
    encoding = C.check_choice(encoding, "encoding", ENCODINGS)
    y = _check_target(y, encoding)
    lr = C.check_positive(lr, "lr")
    y_hat = threshold_output(float(x @ w + b), encoding)
    dw, db = error_correction_rule(x, y, y_hat, lr)
    return Update(w + dw, b + db, dw, db, y_hat, y - y_hat, _changed(dw, db))


def delta_step(w, b, x, y, lr=0.1):
    """One step of the Widrow–Hoff delta rule (LMS, 1960), as used by Adaline.

    The neuron's prediction is its linear net input ``ŷ = w·x + b``; the update
    ``Δw = η·(y − ŷ)·x`` (:func:`error_correction_rule`) is a gradient-descent step on the squared
    error L = ½(ŷ − y)², so, unlike the perceptron, it also learns from answers that are right but
    not by much.

    Parameters
    ----------
    w : array-like of shape (n_features,), float
    b : float
    x : array-like of shape (n_features,), float
    y : float
        Target.
    lr : float, default 0.1
        Learning rate η (> 0).

    Returns
    -------
    Update

    Raises
    ------
    ValueError, TypeError
        As :func:`hebb_step`.

    Examples
    --------
    >>> u = delta_step([0.0, 0.0], 0.0, [1.0, 2.0], y=1.0, lr=0.1)
    >>> u.y_hat, u.error, u.dw, u.db
    (0.0, 1.0, array([0.1, 0.2]), 0.1)
    """
    w, b, x = _check_w_b_x(w, b, x)
    y = _check_target(y)
    lr = C.check_positive(lr, "lr")
    y_hat = float(x @ w + b)
    dw, db = error_correction_rule(x, y, y_hat, lr)
    return Update(w + dw, b + db, dw, db, y_hat, y - y_hat, _changed(dw, db))


_STEP_FUNCTIONS = {
    "hebb": lambda w, b, x, y, lr, encoding: hebb_step(w, b, x, y, lr),
    "perceptron": lambda w, b, x, y, lr, encoding: perceptron_step(w, b, x, y, lr, encoding),
    "delta": lambda w, b, x, y, lr, encoding: delta_step(w, b, x, y, lr),
}


# --------------------------------------------------------------------------- whole data sets


def classify(w, b, X, encoding="binary", threshold=0.0):
    """Classify the rows of ``X`` with a threshold unit: high level where ``X·w + b ≥ threshold``.

    Parameters
    ----------
    w : array-like of shape (n_features,), float
    b : float
    X : array-like of shape (n_samples, n_features), float
    encoding : {"binary", "bipolar"}, default "binary"
        Output levels {0, 1} or {−1, +1}.
    threshold : float, default 0.0
        Where the unit switches (on the net input z; not the neuron's threshold θ = −b). 0 for
        Hebb and the perceptron; for a unit trained with the delta rule use the midpoint of the
        two target levels (0.5 for binary targets).

    Returns
    -------
    ndarray of shape (n_samples,), float

    Raises
    ------
    ValueError, TypeError
        For shapes that do not match ``w`` or an unknown encoding; the message names the argument.

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
    return threshold_output(X @ w + b - threshold, encoding)


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
    X : array-like of shape (n_samples, n_features), float
    y : array-like of shape (n_samples,), float
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
    random_state : int, numpy Generator or None, default 0
        Seed for the shuffling.

    Returns
    -------
    list of Step
        ``epochs × n_samples`` records, epoch 1 first; ``steps[-1].w_after`` are the final weights.

    Raises
    ------
    ValueError, TypeError
        For a bad argument; the message starts with its name.

    Examples
    --------
    >>> X, y = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1]          # AND
    >>> steps = train_steps("perceptron", X, y, lr=1.0, epochs=6)
    >>> len(steps), steps[-1].epoch, steps[-1].w_after, steps[-1].b_after
    (24, 6, array([2., 1.]), -3.0)
    """
    rule = C.check_choice(rule, "rule", RULES)
    X = C.as_2d_float(X, "X")
    y = C.as_1d_float(y, "y")
    C.check_same_length(X, y)
    lr = C.check_positive(lr, "lr")
    epochs = C.check_positive_int(epochs, "epochs")
    encoding = C.check_choice(encoding, "encoding", ENCODINGS)
    if rule == "perceptron":
        bad = ~np.isin(y, LEVELS[encoding])
        if np.any(bad):
            low, high = LEVELS[encoding]
            raise ValueError(
                f"y must contain only {low:g} and {high:g} for encoding={encoding!r}; "
                f"got {y[bad][0]:g}"
            )
    n_samples, n_features = X.shape
    w = np.zeros(n_features) if w0 is None else C.as_1d_float(w0, "w0", size=n_features)
    b = C.check_finite_scalar(b0, "b0")
    if not isinstance(shuffle, (bool, np.bool_)):
        raise TypeError(f"shuffle must be True or False; got {type(shuffle).__name__}")
    try:
        rng = np.random.default_rng(random_state)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"random_state must be None, a non-negative int or a numpy Generator; got {random_state!r}"
        ) from exc
    one_step = _STEP_FUNCTIONS[rule]

    steps = []
    for epoch in range(1, epochs + 1):
        order = rng.permutation(n_samples) if shuffle else np.arange(n_samples)
        for index, sample in enumerate(order):
            x, target = X[sample].copy(), float(y[sample])
            u = one_step(w, b, x, target, lr, encoding)
            steps.append(
                Step(rule, epoch, index, int(sample), x, target, u.y_hat, u.error,
                     w, b, u.w, u.b, u.dw, u.db, u.changed)
            )  # fmt: skip
            w, b = u.w, u.b  # each step returns fresh arrays, so the records never alias
    return steps


def epoch_errors(steps, X, y, encoding="binary"):
    """Summarise :func:`train_steps` records per epoch: updates, misclassified rows and MSE.

    Parameters
    ----------
    steps : list of Step
        Output of :func:`train_steps` on the same ``X`` and ``y`` (or its first ``k`` records;
        a partly done last epoch is summarised with the weights reached so far).
    X : array-like of shape (n_samples, n_features), float
    y : array-like of shape (n_samples,), float
    encoding : {"binary", "bipolar"}, default "binary"
        Used to classify with the end-of-epoch weights. Units trained with the delta rule are
        thresholded at the midpoint of the two levels, the others at 0.

    Returns
    -------
    EpochErrors
        One entry per epoch, epoch 1 first.

    Raises
    ------
    ValueError, TypeError
        For an empty or foreign ``steps`` list, or ``X``/``y`` of the wrong shape.

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
    low, high = LEVELS[encoding]
    threshold = (low + high) / 2 if steps[0].rule == "delta" else 0.0

    n_epochs = steps[-1].epoch
    updates = np.zeros(n_epochs, dtype=int)
    last = [None] * n_epochs
    for s in steps:
        updates[s.epoch - 1] += s.changed
        last[s.epoch - 1] = s
    # Weights at the end of each epoch, stacked so all epochs are scored in one product.
    W = np.stack([s.w_after for s in last])
    B = np.array([s.b_after for s in last])
    z = X @ W.T + B  # (n_samples, n_epochs)
    misclassified = np.sum(threshold_output(z - threshold, encoding) != y[:, None], axis=0)
    mse = np.mean((z - y[:, None]) ** 2, axis=0)
    return EpochErrors(updates, misclassified, mse)


def hebb_train(X, y, lr=1.0, epochs=1):
    """Hebb's rule over a whole table, ``epochs`` times, computed in one shot.

    Because the Hebb update η·y·x does not depend on the current weights, the order of the
    samples does not matter and ``epochs`` passes simply add up:
    ``w = epochs·η·Σ yᵢxᵢ = epochs·η·Xᵀy`` and ``b = epochs·η·Σ yᵢ`` (starting from 0), i.e.
    :func:`hebb_rule` summed over the rows. This gives exactly what :func:`train_steps` with
    ``rule="hebb"`` ends with.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features), float
    y : array-like of shape (n_samples,), float
    lr : float, default 1.0
        Learning rate η (> 0).
    epochs : int, default 1

    Returns
    -------
    w : ndarray of shape (n_features,)
    b : float

    Raises
    ------
    ValueError, TypeError
        For a bad argument; the message starts with its name.

    Examples
    --------
    >>> hebb_train([[1, 1], [1, -1], [-1, 1], [-1, -1]], [1, -1, -1, -1])
    (array([2., 2.]), -2.0)
    """
    X = C.as_2d_float(X, "X")
    y = C.as_1d_float(y, "y", size=X.shape[0])
    lr = C.check_positive(lr, "lr")
    epochs = C.check_positive_int(epochs, "epochs")
    dw, db = hebb_rule(X.T, y, epochs * lr)  # (n_features, n_samples) · y per sample
    return dw.sum(axis=1), float(np.sum(db))
