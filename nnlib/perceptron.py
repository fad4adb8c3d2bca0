"""Single-neuron classifiers: Rosenblatt's perceptron and Widrow–Hoff's Adaline.

Both follow scikit-learn's conventions (``fit``/``predict``/``score``, ``get_params``,
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
from sklearn.utils.validation import check_is_fitted

from nnlib import _checks as C
from nnlib.activations import step
from nnlib.learning_rules import _make_rng

__all__ = ["Perceptron", "Adaline"]

# Loss growth (relative to the loss of the starting weights) at which Adaline gives up.
_DIVERGENCE_FACTOR = 1e6


# ----------------------------------------------------------------------------- helpers


def _check_bool(value, name):
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {type(value).__name__}")
    return bool(value)


def _two_classes(labels, name, model):
    classes = np.unique(labels)
    if classes.shape[0] != 2:
        shown = ", ".join(repr(c) for c in classes[:5].tolist())
        raise ValueError(
            f"{name} must contain exactly two classes for {model} (a single neuron separates "
            f"two classes); got {classes.shape[0]}: {shown}{', ...' if len(classes) > 5 else ''}"
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
    y = C.as_labels(y, "y", n_samples=X.shape[0])
    return X, y


class _LinearUnit(ClassifierMixin, BaseEstimator):
    """Shared parts of a single linear threshold unit: net input, prediction, validation."""

    # Value of the net input where the unit switches class; Adaline overrides it.
    def _threshold(self):
        return 0.0

    def net_input(self, X):
        """Net input z = X·w + b of every sample (vectorised).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        X = C.as_2d_float(X, "X", n_features=self.n_features_in_)
        return X @ self.w_ + self.b_

    def decision_function(self, X):
        """Signed score: positive means ``classes_[1]``, negative ``classes_[0]``.

        It is the net input shifted by the unit's threshold, so its sign gives the class.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        return self.net_input(X) - self._threshold()

    def predict(self, X):
        """Class label of every sample: ``classes_[1]`` where the unit fires, else ``classes_[0]``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        fires = step(self.decision_function(X)).astype(int)
        return self.classes_[fires]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags


# ----------------------------------------------------------------------------- Perceptron


class Perceptron(_LinearUnit):
    """Rosenblatt's perceptron: a step-activation neuron that learns from its mistakes.

    For each sample in turn, the neuron answers ``ŷ = step(w·x + b)`` (1 means ``classes_[1]``)
    and, only if it is wrong, moves its weights towards the right answer::

        w ← w + lr·(y − ŷ)·x        b ← b + lr·(y − ŷ)

    (the same rule as :func:`nnlib.learning_rules.perceptron_step`). Training stops after the
    first epoch without a mistake. If the classes can be separated by a straight line
    (hyperplane) this happens after finitely many updates (the perceptron convergence theorem);
    if they cannot — XOR — the weights keep cycling and ``converged_`` stays ``False``.

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
    w_ : ndarray of shape (n_features,)
        Weights.
    b_ : float
        Bias (the negative of the threshold).
    classes_ : ndarray of shape (2,)
        The two labels; the neuron fires for ``classes_[1]``.
    errors_ : list of int
        Misclassifications (= updates) in each epoch.
    weights_history_ : list of (ndarray, float)
        ``(w, b)`` after each epoch, for drawing the moving decision boundary.
    converged_ : bool
        True when the last epoch made no mistake.
    n_epochs_ : int
        Epochs run.
    n_features_in_ : int

    Examples
    --------
    >>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    >>> p = Perceptron().fit(X, [0, 1, 1, 1])                          # OR
    >>> p.errors_, p.converged_
    ([2, 2, 1, 0], True)
    >>> p.predict(X)
    array([0, 1, 1, 1])
    """

    def __init__(self, lr=1.0, max_epochs=100, shuffle=False, random_state=0, init="zeros"):
        self.lr = lr
        self.max_epochs = max_epochs
        self.shuffle = shuffle
        self.random_state = random_state
        self.init = init

    def _check_params(self):
        lr = C.check_positive(self.lr, "lr")
        max_epochs = C.check_positive_int(self.max_epochs, "max_epochs")
        _check_bool(self.shuffle, "shuffle")
        C.check_choice(self.init, "init", ("zeros", "random"))
        return lr, max_epochs

    def _start(self, n_features, classes):
        """Reset the learned state: fresh weights, empty history."""
        self._rng = _make_rng(self.random_state)
        if self.init == "random":
            self.w_ = self._rng.normal(0.0, 0.01, size=n_features)
        else:
            self.w_ = np.zeros(n_features)
        self.b_ = 0.0
        self.classes_ = classes
        self.n_features_in_ = n_features
        self.errors_ = []
        self.weights_history_ = []
        self.converged_ = False
        self.n_epochs_ = 0

    def _epoch(self, X, t, lr):
        """One pass of the perceptron rule; returns the number of mistakes.

        The loop over samples is the algorithm itself: each update changes the weights the
        next sample sees.
        """
        w, b = self.w_.copy(), float(self.b_)
        order = self._rng.permutation(len(X)) if self.shuffle else range(len(X))
        mistakes = 0
        for i in order:
            x = X[i]
            output = 1.0 if x @ w + b >= 0.0 else 0.0  # step(z), firing at z = 0
            error = t[i] - output
            if error != 0.0:
                w += lr * error * x
                b += lr * error
                mistakes += 1
        self.w_, self.b_ = w, float(b)
        self.errors_.append(mistakes)
        self.weights_history_.append((w.copy(), float(b)))
        self.converged_ = mistakes == 0
        self.n_epochs_ += 1
        return mistakes

    def fit(self, X, y):
        """Train from scratch until an epoch has no mistakes or ``max_epochs`` is reached.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Exactly two distinct labels.

        Returns
        -------
        self

        Examples
        --------
        >>> Perceptron().fit([[0, 0], [1, 1]], ["no", "yes"]).predict([[0.9, 0.8]])
        array(['yes'], dtype='<U3')
        """
        lr, max_epochs = self._check_params()
        X, y = _check_X_y(X, y)
        classes = _two_classes(y, "y", "a Perceptron")
        t = _encode(y, classes).astype(float)
        self._start(X.shape[1], classes)
        for _ in range(max_epochs):
            if self._epoch(X, t, lr) == 0:
                break
        return self

    def partial_fit(self, X, y, classes=None):
        """Run exactly one epoch of the perceptron rule, continuing from the current weights.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
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
        >>> p.errors_
        [2, 3, 3]
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
        t = _encode(y, self.classes_).astype(float)
        self._epoch(X, t, lr)
        return self


# ----------------------------------------------------------------------------- Adaline


class Adaline(_LinearUnit):
    """Adaline (ADAptive LInear NEuron): a linear unit trained by the Widrow–Hoff delta rule.

    Unlike the perceptron, Adaline learns from its continuous net input ``z = X·w + b``, not from
    the thresholded answer: it minimises the mean squared error between ``z`` and the targets
    (``classes_`` coded as 0/1 or −1/+1, see ``encoding``) by gradient descent::

        w ← w + lr·mean((t − z)·x)        b ← b + lr·mean(t − z)

    i.e. a step of ``lr`` down the gradient of ½·MSE (the average of the per-sample
    :func:`nnlib.learning_rules.delta_step` updates). The step is only applied for prediction:
    ``predict`` thresholds ``z`` halfway between the two target codes.

    Because the MSE is a convex bowl, full-batch training with a small enough ``lr``
    (below 2 / largest eigenvalue of ``[X, 1]ᵀ[X, 1] / n``) converges to the least-squares
    solution, whatever the data; with too large an ``lr`` every step overshoots further and the
    loss explodes. Adaline detects this: when the loss becomes non-finite or grows to
    1e6 × its starting value it stops, sets ``diverged_ = True`` and emits a ``RuntimeWarning``.
    Standardising the features (``(X − mean) / std``) makes a good ``lr`` much easier to find.

    Parameters
    ----------
    lr : float, default 0.01
        Learning rate η (> 0).
    max_epochs : int, default 50
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
        decision threshold is their midpoint (0.5 or 0).

    Attributes
    ----------
    w_ : ndarray of shape (n_features,)
    b_ : float
        Weights and bias (the last finite ones if training diverged).
    classes_ : ndarray of shape (2,)
    losses_ : list of float
        MSE on the training set after each epoch (``inf`` if it overflowed).
    converged_ : bool
        True when the loss has levelled off: the last epoch changed it by at most ``tol``
        (by at most 1e-12 × the starting loss when ``tol`` is None) and training did not diverge.
    diverged_ : bool
        True when training stopped because the loss blew up (``lr`` too large).
    n_epochs_ : int
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
        lr=0.01,
        max_epochs=50,
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

    def _levels(self):
        return (0.0, 1.0) if self.encoding == "binary" else (-1.0, 1.0)

    def _threshold(self):
        low, high = self._levels()
        return (low + high) / 2

    def _check_params(self):
        lr = C.check_positive(self.lr, "lr")
        max_epochs = C.check_positive_int(self.max_epochs, "max_epochs")
        C.check_choice(self.batch, "batch", ("full", "stochastic"))
        _check_bool(self.shuffle, "shuffle")
        C.check_choice(self.encoding, "encoding", ("binary", "bipolar"))
        tol = None if self.tol is None else C.check_positive(self.tol, "tol")
        return lr, max_epochs, tol

    def fit(self, X, y):
        """Train by gradient descent on the mean squared error of the net input.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Exactly two distinct labels.

        Returns
        -------
        self

        Warns
        -----
        RuntimeWarning
            If the loss blows up (``lr`` too large); ``diverged_`` is then True.

        Examples
        --------
        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     ada = Adaline(lr=5.0).fit([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])
        >>> ada.diverged_, ada.n_epochs_, caught[0].category.__name__
        (True, 3, 'RuntimeWarning')
        """
        lr, max_epochs, tol = self._check_params()
        X, y = _check_X_y(X, y)
        self.classes_ = _two_classes(y, "y", "an Adaline")
        t = np.asarray(self._levels())[_encode(y, self.classes_)]
        n_samples, n_features = X.shape
        rng = _make_rng(self.random_state)

        w, b = np.zeros(n_features), 0.0
        start_loss = float(np.mean(t**2))  # loss of the zero starting weights
        limit = _DIVERGENCE_FACTOR * max(start_loss, np.finfo(float).tiny)
        settle = tol if tol is not None else 1e-12 * start_loss
        losses, previous = [], start_loss
        self.converged_ = self.diverged_ = False

        for epoch in range(max_epochs):
            # A too-large lr overflows to inf/NaN on purpose here; we check for it just below
            # instead of letting numpy warn, and keep the last finite weights.
            with np.errstate(over="ignore", invalid="ignore"):
                if self.batch == "full":
                    error = t - (X @ w + b)
                    new_w = w + lr * (X.T @ error) / n_samples
                    new_b = b + lr * float(np.mean(error))
                else:
                    new_w, new_b = w.copy(), b
                    order = rng.permutation(n_samples) if self.shuffle else range(n_samples)
                    for i in order:  # online LMS: each sample's step sees the previous ones
                        e = t[i] - (X[i] @ new_w + new_b)
                        new_w += lr * e * X[i]
                        new_b += lr * e
                loss = float(np.mean((t - (X @ new_w + new_b)) ** 2))

            if not np.isfinite(loss) or loss > limit:
                losses.append(loss if np.isfinite(loss) else np.inf)
                if np.all(np.isfinite(new_w)) and np.isfinite(new_b):
                    w, b = new_w, new_b
                self.diverged_, self.converged_ = True, False
                warnings.warn(
                    f"Adaline diverged at epoch {epoch + 1}: the loss grew from {start_loss:.3g} "
                    f"to {losses[-1]:.3g}; lr={self.lr} is too large (try a smaller lr or "
                    "standardise X)",
                    RuntimeWarning,
                    stacklevel=2,
                )
                break
            w, b = new_w, new_b
            losses.append(loss)
            if abs(previous - loss) <= settle:
                self.converged_ = True
                if tol is not None:
                    break
            else:
                self.converged_ = False
            previous = loss

        self.w_, self.b_ = w, float(b)
        self.losses_ = losses
        self.n_epochs_ = len(losses)
        self.n_features_in_ = n_features
        return self
