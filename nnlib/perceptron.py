"""Single-neuron classifiers: Rosenblatt's perceptron (1958) and Widrow–Hoff's Adaline (1960).

Both learn with the rules of :mod:`nnlib.learning_rules` (written there once), and both follow scikit-learn's conventions (``fit``/``predict``/``score``, ``get_params``,
``clone``, ``cross_val_score``) and keep their training history for plotting. Labels can be
any two values ({0, 1}, {−1, +1}, strings...): they are kept in ``classes_``, and
``classes_[1]`` is the class the neuron "fires" for.

Examples
--------
>>> import numpy as np
>>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
>>> Perceptron().fit(X, [0, 0, 0, 1]).predict(X)                      # AND
array([0, 0, 0, 1])
>>> Adaline(lr=0.1, max_epochs=500).fit(X, [-1, 1, 1, 1]).predict(X)  # OR
array([-1,  1,  1,  1])
"""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils.validation import check_is_fitted

from nnlib import _checks as C
from nnlib.activations import step
from nnlib.datasets.logic import ENCODINGS, LEVELS
from nnlib.divergence import DivergenceGuard
from nnlib.learning_rules import error_correction_rule

__all__ = ["Perceptron", "Adaline"]


# ----------------------------------------------------------------------------- helpers


def _two_classes(labels, name, model):
    classes = np.unique(labels)
    if classes.shape[0] != 2:
        shown = ", ".join(repr(c) for c in classes[:5].tolist())
        raise ValueError(
            f"{name} must contain exactly two classes for {model} (a single neuron separates "
            f"two classes); got {classes.shape[0]} class(es): {shown}{', ...' if len(classes) > 5 else ''}"
        )
    return classes


def _encode(y, classes, name="y"):
    """Index of each label in ``classes`` (0 or 1); raise on labels outside ``classes``."""
    idx = np.searchsorted(classes, y)
    idx = np.clip(idx, 0, len(classes) - 1)
    unknown = classes[idx] != y
    if np.any(unknown):
        raise ValueError(
            f"{name} contains labels not seen in classes {classes.tolist()}: {y[unknown][0]!r}"
        )
    return idx


def _check_X_y(X, y):
    X = C.as_2d_float(X, "X")
    y = C.as_class_labels(y, "y", n_samples=X.shape[0])
    return X, y


def _rng(random_state):
    return np.random.default_rng(C.check_random_state(random_state))


def _warn_not_converged(model, n_epochs, what_to_try):
    """The one warning of a fit that stopped before converging, saying what to try."""
    warnings.warn(
        f"{model} did not converge in {n_epochs} epoch(s). Try: standardise X "
        f"((X - X.mean(axis=0)) / X.std(axis=0)), {what_to_try}.",
        ConvergenceWarning,
        stacklevel=3,
    )


class _LinearUnit(ClassifierMixin, BaseEstimator):
    """Shared parts of a single linear threshold unit: net input, prediction, validation."""

    # Value of the net input where the unit switches class; Adaline overrides it.
    def _threshold(self):
        return 0.0

    def net_input(self, X):
        """Net input z = X·w + b of every sample (vectorised).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features), float

        Returns
        -------
        ndarray of shape (n_samples,), float

        Examples
        --------
        >>> Perceptron().fit([[0.0], [1.0]], [0, 1]).net_input([[0.0], [2.0]])
        array([-1.,  1.])
        """
        check_is_fitted(self)
        X = C.as_2d_float(X, "X", n_features=self.n_features_in_)
        return X @ self.w_ + self.b_

    def decision_function(self, X):
        """Signed score: positive means ``classes_[1]``, negative ``classes_[0]``.

        It is the net input shifted by the unit's switching point (0 for the perceptron, the
        midpoint of the target levels for Adaline), so its sign gives the class.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features), float

        Returns
        -------
        ndarray of shape (n_samples,), float

        Examples
        --------
        >>> ada = Adaline(lr=0.1, max_epochs=1000).fit([[0.0], [1.0]], [0, 1])   # z = x exactly
        >>> ada.decision_function([[0.0], [1.0]]).round(6)
        array([-0.5,  0.5])
        """
        return self.net_input(X) - self._threshold()

    def predict(self, X):
        """Class label of every sample: ``classes_[1]`` where the unit fires, else ``classes_[0]``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features), float

        Returns
        -------
        ndarray of shape (n_samples,), the dtype of ``classes_``

        Raises
        ------
        sklearn.exceptions.NotFittedError
            Before ``fit``.
        ValueError
            If ``X`` has the wrong number of features or non-finite values.

        Examples
        --------
        >>> Perceptron().fit([[0.0], [1.0]], ["off", "on"]).predict([[0.2], [1.5]])
        array(['off', 'on'], dtype='<U3')
        """
        fires = step(self.decision_function(X)).astype(int)
        return self.classes_[fires]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags


# ----------------------------------------------------------------------------- Perceptron


class Perceptron(_LinearUnit):
    """Rosenblatt's perceptron (1958): a step-activation neuron that learns from its mistakes.

    For each sample in turn, the neuron predicts ``ŷ = step(w·x + b)`` (1 means ``classes_[1]``)
    and, only if it is wrong, moves its weights towards the target y with the perceptron rule
    (:func:`nnlib.learning_rules.error_correction_rule`)::

        w ← w + η·(y − ŷ)·x        b ← b + η·(y − ŷ)

    Training stops after the first epoch without an update. If the classes can be separated by
    a straight line (hyperplane) this happens after finitely many updates (the perceptron
    convergence theorem, Novikoff 1962); if they cannot — XOR — the weights keep cycling and
    ``converged_`` stays ``False``. The perceptron cannot diverge (its error count is bounded by
    the number of samples), so it has no ``diverged_``.

    Two counts are kept per epoch. ``updates_`` counts the mistakes made *while* passing over
    the data (each is corrected at once, so a later sample sees new weights);
    ``misclassified_`` counts the samples that the weights at the *end* of the epoch get wrong.
    On XOR the perceptron makes 3–4 updates per epoch while 2 of the 4 rows are wrong after
    each epoch; ``misclassified_`` is the number to plot.

    Parameters
    ----------
    lr : float, default 1.0
        Learning rate η (> 0). With zero initial weights it only rescales w and b, so the
        decisions are the same for every ``lr``.
    max_epochs : int, default 100
        Maximum number of passes over the data.
    shuffle : bool, default False
        Visit the samples in a new random order each epoch.
    random_state : int, numpy Generator or None, default 0
        Seed for ``shuffle`` and ``init="random"``.
    init : {"zeros", "random"}, default "zeros"
        Starting weights: all zero, or small Gaussian values (σ = 0.01) with bias 0.

    Attributes
    ----------
    w_ : ndarray of shape (n_features,), float
        Weights.
    b_ : float
        Bias; the threshold is θ = −b (the neuron fires when w·x ≥ θ).
    classes_ : ndarray of shape (2,)
        The two labels; the neuron fires for ``classes_[1]``.
    updates_ : list of int
        Updates (= mistakes made during the pass) in each epoch, epoch 1 first.
    misclassified_ : list of int
        Training samples misclassified by the weights at the end of each epoch, epoch 1 first.
    errors_ : list of int
        The same list as ``updates_`` (the name used by Raschka's ``Perceptron``); plot
        ``misclassified_`` instead.
    weights_history_ : list of (ndarray, float)
        ``(w, b)`` after each epoch, epoch 1 first, for drawing the moving decision line.
    converged_ : bool
        True when the last epoch made no update. ``fit`` warns (``ConvergenceWarning``) when it
        stops at ``max_epochs`` without converging.
    n_epochs_ : int
        Epochs run.
    n_features_in_ : int

    Examples
    --------
    >>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    >>> p = Perceptron().fit(X, [0, 1, 1, 1])                          # OR
    >>> p.updates_, p.misclassified_, p.converged_
    ([2, 2, 1, 0], [1, 1, 0, 0], True)
    >>> p.predict(X)
    array([0, 1, 1, 1])
    >>> xor = Perceptron(max_epochs=4).fit(X, [0, 1, 1, 0])
    >>> xor.updates_, xor.misclassified_
    ([3, 3, 4, 4], [2, 2, 2, 2])
    """

    def __init__(self, lr=1.0, max_epochs=100, shuffle=False, random_state=0, init="zeros"):
        self.lr = lr
        self.max_epochs = max_epochs
        self.shuffle = shuffle
        self.random_state = random_state
        self.init = init

    @property
    def errors_(self):
        """The same list as ``updates_`` (Raschka's name); plot ``misclassified_`` instead."""
        return self.updates_

    def _check_params(self):
        lr = C.check_positive(self.lr, "lr")
        max_epochs = C.check_positive_int(self.max_epochs, "max_epochs")
        C.check_bool(self.shuffle, "shuffle")
        C.check_choice(self.init, "init", ("zeros", "random"))
        return lr, max_epochs

    def _start(self, n_features, classes):
        """Reset the learned state: fresh weights, empty history."""
        self._rng = _rng(self.random_state)
        if self.init == "random":
            self.w_ = self._rng.normal(0.0, 0.01, size=n_features)
        else:
            self.w_ = np.zeros(n_features)
        self.b_ = 0.0
        self.classes_ = classes
        self.n_features_in_ = n_features
        self.updates_ = []
        self.misclassified_ = []
        self.weights_history_ = []
        self.converged_ = False
        self.n_epochs_ = 0

    def _epoch(self, X, y, lr):
        """One pass of the perceptron rule over (X, y), y in {0, 1}; returns the number of updates.

        The loop over samples is the algorithm itself: each update changes the weights the
        next sample sees.
        """
        w, b = self.w_.copy(), float(self.b_)
        order = self._rng.permutation(len(X)) if self.shuffle else range(len(X))
        updates = 0
        for i in order:
            y_hat = float(step(X[i] @ w + b))  # fires at z = 0
            if y_hat != y[i]:
                dw, db = error_correction_rule(X[i], y[i], y_hat, lr)
                w += dw
                b += db
                updates += 1
        self.w_, self.b_ = w, float(b)
        self.updates_.append(updates)
        self.misclassified_.append(int(np.sum(step(X @ w + b) != y)))
        self.weights_history_.append((w.copy(), float(b)))
        self.converged_ = updates == 0
        self.n_epochs_ += 1
        return updates

    def fit(self, X, y):
        """Train from scratch until an epoch makes no update or ``max_epochs`` is reached.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features), float
        y : array-like of shape (n_samples,)
            Exactly two distinct labels (any dtype).

        Returns
        -------
        self

        Raises
        ------
        ValueError, TypeError
            For bad data or hyper-parameters; the message starts with the argument's name.

        Warns
        -----
        sklearn.exceptions.ConvergenceWarning
            Once, if ``max_epochs`` end with an epoch that still made updates, saying what to try.

        Examples
        --------
        >>> Perceptron().fit([[0, 0], [1, 1]], ["no", "yes"]).predict([[0.9, 0.8]])
        array(['yes'], dtype='<U3')
        """
        lr, max_epochs = self._check_params()
        X, y = _check_X_y(X, y)
        classes = _two_classes(y, "y", "a Perceptron")
        self._start(X.shape[1], classes)
        y01 = _encode(y, classes).astype(float)
        for _ in range(max_epochs):
            if self._epoch(X, y01, lr) == 0:
                break
        if not self.converged_:
            _warn_not_converged("Perceptron", max_epochs, "a larger max_epochs; if the classes cannot be "
                                "separated by a straight line (XOR), no number of epochs will do")
        return self

    def partial_fit(self, X, y, classes=None):
        """Run exactly one epoch of the perceptron rule, continuing from the current weights.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features), float
        y : array-like of shape (n_samples,)
        classes : array-like of shape (2,), optional
            Both labels. Needed on the first call only if ``y`` does not contain both.

        Returns
        -------
        self

        Examples
        --------
        >>> X, y = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1]
        >>> p = Perceptron()
        >>> for _ in range(3):
        ...     _ = p.partial_fit(X, y)
        >>> p.updates_, p.misclassified_
        ([2, 3, 3], [3, 2, 1])
        """
        lr, _ = self._check_params()
        X, y = _check_X_y(X, y)
        first_call = not hasattr(self, "w_")
        if classes is not None:
            classes = C.as_labels(classes, "classes")
            classes = _two_classes(classes, "classes", "a Perceptron")
            if not first_call and not np.array_equal(classes, self.classes_):
                raise ValueError(
                    f"classes must match those of the first call {self.classes_.tolist()}; "
                    f"got {classes.tolist()}"
                )
        elif first_call:
            classes = _two_classes(y, "y", "a Perceptron")
        if first_call:
            self._start(X.shape[1], classes)
        else:
            C.check_n_features(X, self.n_features_in_)
        self._epoch(X, _encode(y, self.classes_).astype(float), lr)
        return self


# ----------------------------------------------------------------------------- Adaline


class Adaline(_LinearUnit):
    """Adaline (ADAptive LInear NEuron, Widrow & Hoff 1960): a linear unit trained by the delta rule.

    Unlike the perceptron, Adaline learns from its continuous net input ``ŷ = z = X·w + b``, not
    from the thresholded answer: it minimises the mean of the squared error L = ½(ŷ − y)² between
    ``z`` and the targets y (``classes_`` coded as 0/1 or −1/+1, see ``encoding``) by gradient
    descent, one :func:`nnlib.learning_rules.error_correction_rule` step per epoch (full batch,
    the per-sample changes averaged) or per sample (stochastic)::

        w ← w + η·mean((y − z)·x)        b ← b + η·mean(y − z)

    The step function is only applied for prediction: ``predict`` thresholds ``z`` halfway
    between the two target codes.

    Because the loss is a convex bowl, full-batch training with a small enough ``lr``
    (below 2 / largest eigenvalue of ``[X, 1]ᵀ[X, 1] / n``) converges to the least-squares
    solution, whatever the data; with too large an ``lr`` every step overshoots further and the
    loss explodes. Adaline then follows nnlib's divergence rule
    (:class:`nnlib.divergence.DivergenceGuard`): when the loss becomes non-finite or grows far
    above its best, training stops, the last good weights are kept, ``diverged_`` is set and one
    ``RuntimeWarning`` names ``lr``. Standardising the features (``(X − mean) / std``) makes a
    good ``lr`` much easier to find.

    Parameters
    ----------
    lr : float, default 0.1
        Learning rate η (> 0). The defaults suit standardised features (mean 0, std 1).
    max_epochs : int, default 200
        Number of passes over the data (fewer if ``tol`` stops training early).
    batch : {"full", "stochastic"}, default "full"
        ``"full"``: one vectorised gradient step per epoch on the whole data set.
        ``"stochastic"``: one delta-rule step per sample (online LMS, Widrow & Hoff's original).
    shuffle : bool, default True
        Visit the samples in a new random order each epoch (``batch="stochastic"`` only).
    random_state : int, numpy Generator or None, default 0
        Seed for the shuffling.
    tol : float or None, default None
        Stop early once an epoch lowers the loss by less than ``tol``. With ``None`` all
        ``max_epochs`` epochs run.
    encoding : {"binary", "bipolar"}, default "binary"
        Targets used for ``classes_[0]`` and ``classes_[1]``: 0 and 1, or −1 and +1. The
        decision threshold on z is their midpoint (0.5 or 0).

    Attributes
    ----------
    w_ : ndarray of shape (n_features,), float
    b_ : float
        Weights and bias (the last good ones if training diverged).
    classes_ : ndarray of shape (2,)
    losses_ : list of float
        MSE = mean((z − y)²) on the training set after each epoch, epoch 1 first. If training
        diverged, the last entry is the loss that stopped it (``inf`` if it overflowed).
    converged_ : bool
        True when the loss has levelled off: the last epoch changed it by at most ``tol``
        (by at most 1e-6 × the starting loss when ``tol`` is None) and training did not diverge.
        ``fit`` warns (``ConvergenceWarning``) when training ends without converging.
    diverged_ : bool
        True when training stopped because the loss blew up (``lr`` too large).
    n_epochs_ : int
        Epochs run (``len(losses_)``).
    n_features_in_ : int

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> ada = Adaline(lr=0.1, max_epochs=1000).fit(X, [0, 0, 1, 1])
    >>> ada.w_.round(3), round(ada.b_, 3), ada.converged_       # least squares: z = 0.4x − 0.1
    (array([0.4]), -0.1, True)
    >>> ada.predict([[0.5], [2.5]])
    array([0, 1])
    """

    def __init__(
        self,
        lr=0.1,
        max_epochs=200,
        batch="full",
        shuffle=True,
        random_state=0,
        tol=None,
        encoding="binary",
    ):
        self.lr = lr
        self.max_epochs = max_epochs
        self.batch = batch
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol
        self.encoding = encoding

    def _threshold(self):
        low, high = LEVELS[self.encoding]
        return (low + high) / 2

    def _check_params(self):
        lr = C.check_positive(self.lr, "lr")
        max_epochs = C.check_positive_int(self.max_epochs, "max_epochs")
        C.check_choice(self.batch, "batch", ("full", "stochastic"))
        C.check_bool(self.shuffle, "shuffle")
        C.check_choice(self.encoding, "encoding", ENCODINGS)
        tol = None if self.tol is None else C.check_positive(self.tol, "tol")
        return lr, max_epochs, tol

    def fit(self, X, y):
        """Train by gradient descent on the mean squared error of the net input.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features), float
        y : array-like of shape (n_samples,)
            Exactly two distinct labels (any dtype).

        Returns
        -------
        self

        Raises
        ------
        ValueError, TypeError
            For bad data or hyper-parameters; the message starts with the argument's name.

        Warns
        -----
        RuntimeWarning
            Once, naming ``lr``, if the loss blows up; ``diverged_`` is then True and the last
            good weights are kept.
        sklearn.exceptions.ConvergenceWarning
            Once, if ``max_epochs`` end before the loss levels off, saying what to try.

        Examples
        --------
        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     ada = Adaline(lr=5.0).fit([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])
        >>> ada.diverged_, ada.n_epochs_, len(caught), "lr=5" in str(caught[0].message)
        (True, 3, 1, True)
        """
        lr, max_epochs, tol = self._check_params()
        X, y = _check_X_y(X, y)
        self.classes_ = _two_classes(y, "y", "an Adaline")
        targets = np.asarray(LEVELS[self.encoding])[_encode(y, self.classes_)]
        n_samples, n_features = X.shape
        rng = _rng(self.random_state)

        w, b = np.zeros(n_features), 0.0
        start_loss = float(np.mean(targets**2))  # loss of the zero starting weights
        guard = DivergenceGuard(lr, "Adaline")
        guard.check(start_loss, [w, b])  # "epoch 0": the starting weights are good
        settle = tol if tol is not None else 1e-6 * start_loss
        losses, previous = [], start_loss
        self.converged_ = self.diverged_ = False

        for epoch in range(1, max_epochs + 1):
            # A too-large lr overflows to inf/NaN on purpose here; the guard notices it below,
            # so numpy need not warn.
            with np.errstate(over="ignore", invalid="ignore"):
                if self.batch == "full":
                    dw, db = error_correction_rule(X, targets, X @ w + b, lr)
                    w, b = w + dw, b + db
                else:
                    w = w.copy()
                    order = rng.permutation(n_samples) if self.shuffle else range(n_samples)
                    for i in order:  # online LMS: each sample's step sees the previous ones
                        dw, db = error_correction_rule(X[i], targets[i], X[i] @ w + b, lr)
                        w += dw
                        b += db
                loss = float(np.mean((X @ w + b - targets) ** 2))
            losses.append(loss if np.isfinite(loss) else np.inf)
            if guard.check(loss, [w, b], epoch):
                w, b = guard.best_params
                self.diverged_, self.converged_ = True, False
                break
            if abs(previous - loss) <= settle:
                self.converged_ = True
                if tol is not None:
                    break
            else:
                self.converged_ = False
            previous = loss

        if not (self.converged_ or self.diverged_):
            _warn_not_converged("Adaline", max_epochs, "a larger max_epochs, or a larger lr")
        self.w_, self.b_ = w, float(b)
        self.losses_ = losses
        self.n_epochs_ = len(losses)
        self.n_features_in_ = n_features
        return self
