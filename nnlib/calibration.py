"""Calibration: make a classifier's probabilities mean what they say.

A network trained with cross-entropy until its training loss is tiny learns to push its
logits far apart, so softmax gives ~1.000 to its answer even where it is often wrong. Such
probabilities are *over-confident*: among the answers given with p ~ 0.99, far fewer than
99 % are right. **Temperature scaling** (Guo, Pleiss, Sun & Weinberger 2017, "On Calibration
of Modern Neural Networks", ICML) fixes this with one number T > 0 fitted after training: the
probabilities become softmax(z / T). T > 1 softens them; the prediction (the largest logit)
never changes. T is chosen to minimise the cross-entropy on *validation* data, which the
network did not train on.

:class:`TemperatureScaled` wraps a fitted classifier that has ``predict_proba`` (such as
:class:`nnlib.mlp.MLPClassifier`): log-probabilities differ from the logits z only by one
number per row, which softmax ignores, so softmax(log p / T) = softmax(z / T).
:func:`expected_calibration_error` measures how far confidence and accuracy are apart.

Examples
--------
>>> import numpy as np
>>> from nnlib.datasets import load_digits
>>> from nnlib.mlp import MLPClassifier
>>> data = load_digits(test_size=0.2, val_size=0.2, random_state=0)
>>> net = MLPClassifier(hidden_sizes=(32,), epochs=30, random_state=0).fit(data.X_train, data.y_train)
>>> calibrated = TemperatureScaled(net).fit(data.X_val, data.y_val)
>>> calibrated.temperature_ > 1.0          # the network was over-confident
True
>>> bool(np.all(calibrated.predict(data.X_test) == net.predict(data.X_test)))
True
"""

from __future__ import annotations

import numpy as np

from ._checks import as_2d_float, as_labels, check_positive, check_positive_int
from .activations import log_softmax, softmax

__all__ = ["log_probabilities", "fit_temperature", "expected_calibration_error", "TemperatureScaled"]

#: log(p) is clipped here so that a probability that underflowed to 0 stays finite.
LOG_FLOOR = float(np.log(np.finfo(float).tiny))


def log_probabilities(proba):
    """log(p), with probabilities that underflowed to 0 clipped to ``LOG_FLOOR`` (about -708).

    Examples
    --------
    >>> log_probabilities(np.array([[1.0, 0.0]])).round(1)
    array([[   0. , -708.4]])
    """
    with np.errstate(divide="ignore"):
        return np.maximum(np.log(np.asarray(proba, dtype=float)), LOG_FLOOR)


def _nll(log_p, y_index, temperature):
    """Mean cross-entropy of softmax(log_p / T) against the class indices."""
    log_q = log_softmax(log_p / temperature, axis=1)
    return float(-log_q[np.arange(len(y_index)), y_index].mean())


def fit_temperature(log_p, y_index, bounds=(0.05, 50.0)):
    """The temperature T in ``bounds`` that minimises the cross-entropy of softmax(log_p / T).

    A one-dimensional bounded search over log T (``scipy.optimize.minimize_scalar``): the
    loss is smooth in T and has one minimum, so a bracketing search needs no gradient.

    Parameters
    ----------
    log_p : ndarray of shape (n_samples, n_classes)
        Logits or log-probabilities of held-out samples.
    y_index : ndarray of int, shape (n_samples,)
        Column of the true class of each sample.

    Examples
    --------
    >>> logits = np.array([[4.0, 0.0], [4.0, 0.0], [0.0, 4.0], [0.0, 4.0]])
    >>> y = np.array([0, 1, 1, 1])               # one of the four confident answers is wrong
    >>> round(fit_temperature(logits, y), 2)     # softened until p(top) ~ 3/4
    3.64
    """
    from scipy.optimize import minimize_scalar  # scipy comes with scikit-learn

    lo, hi = (check_positive(b, "bounds") for b in bounds)
    result = minimize_scalar(lambda t: _nll(log_p, y_index, np.exp(t)),
                             bounds=(np.log(lo), np.log(hi)), method="bounded",
                             options={"xatol": 1e-6})
    return float(np.exp(result.x))


def expected_calibration_error(proba, y_index, n_bins=10):
    """Expected calibration error (ECE, Guo et al. 2017): the gap between confidence and accuracy.

    The samples are put into ``n_bins`` equal-width bins by their confidence (the largest
    probability); ECE is the average over bins of |accuracy - mean confidence|, weighted by
    the fraction of samples in the bin. 0 is perfectly calibrated.

    Examples
    --------
    >>> proba = np.array([[0.9, 0.1], [0.9, 0.1], [0.2, 0.8], [0.4, 0.6]])
    >>> round(expected_calibration_error(proba, np.array([0, 1, 1, 1])), 3)   # 0.5*0.4 + 0.25*0.2 + 0.25*0.4
    0.35
    """
    proba = as_2d_float(proba, "proba")
    y_index = np.asarray(y_index)
    n_bins = check_positive_int(n_bins, "n_bins")
    confidence = proba.max(axis=1)
    correct = proba.argmax(axis=1) == y_index
    bins = np.minimum((confidence * n_bins).astype(int), n_bins - 1)
    ece = 0.0
    for b in np.unique(bins):  # at most n_bins groups
        in_bin = bins == b
        ece += in_bin.mean() * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return float(ece)


class TemperatureScaled:
    """A fitted classifier whose probabilities are softened (or sharpened) by a temperature T.

    Parameters
    ----------
    model : fitted classifier with ``predict_proba`` and ``classes_``
    temperature : float > 0, optional
        A known T; leave it out and call :meth:`fit` on validation data to choose it.

    Attributes
    ----------
    temperature_ : float
        The temperature in use.
    classes_, n_features_in_
        Those of ``model``.
    """

    def __init__(self, model, temperature=None):
        if not hasattr(model, "predict_proba") or not hasattr(model, "classes_"):
            raise ValueError("model must be a fitted classifier with predict_proba and classes_")
        self.model = model
        self.classes_ = np.asarray(model.classes_)
        self.n_features_in_ = getattr(model, "n_features_in_", None)
        if temperature is not None:
            self.temperature_ = check_positive(temperature, "temperature")

    def _class_index(self, y, name="y"):
        index = {c: k for k, c in enumerate(self.classes_.tolist())}
        unknown = sorted({v for v in y.tolist() if v not in index}, key=str)
        if unknown:
            raise ValueError(f"{name} contains labels the model does not know: {unknown[:5]}")
        return np.array([index[v] for v in y.tolist()])

    def fit(self, X_val, y_val):
        """Choose T by minimising the cross-entropy on held-out data (never the training data)."""
        X_val = as_2d_float(X_val, "X_val")
        y_val = as_labels(y_val, "y_val", n_samples=len(X_val))
        log_p = log_probabilities(self.model.predict_proba(X_val))
        self.temperature_ = fit_temperature(log_p, self._class_index(y_val, "y_val"))
        return self

    def predict_proba(self, X):
        """softmax(log p / T): the model's probabilities at temperature T."""
        if not hasattr(self, "temperature_"):
            raise ValueError("temperature must be given or fitted: call fit(X_val, y_val) first")
        return softmax(log_probabilities(self.model.predict_proba(X)) / self.temperature_)

    def predict(self, X):
        """The same predictions as the wrapped model (T does not change the largest logit)."""
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    def score(self, X, y):
        """Accuracy on (X, y)."""
        return float(np.mean(self.predict(X) == np.asarray(y)))

    def __repr__(self):
        t = getattr(self, "temperature_", None)
        return f"TemperatureScaled({type(self.model).__name__}, temperature={t if t is None else round(t, 3)})"
