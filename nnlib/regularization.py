"""Regularisation (규제): ways to make a network do well on data it never saw (chapter 08).

- :class:`Dropout` — a layer that zeroes a random fraction ``p`` of its inputs while training
  and does nothing at prediction time (*inverted* dropout: the kept values are scaled by
  1/(1 − p) during training, so nothing needs rescaling afterwards).
  Srivastava, Hinton, Krizhevsky, Sutskever & Salakhutdinov (2014), "Dropout: a simple way to
  prevent neural networks from overfitting", JMLR 15.
- :func:`l2_penalty` / :func:`l2_gradient` — weight decay (가중치 감쇠): the loss gets
  ½·λ·Σw², each weight's gradient gets λ·w (Krogh & Hertz 1992, "A simple weight decay can
  improve generalization", NIPS 4).
- :func:`l1_penalty` / :func:`l1_gradient` — the L1 penalty λ·Σ|w|, gradient λ·sign(w)
  (Tibshirani 1996, "Regression shrinkage and selection via the lasso"); it pushes weights to
  exactly 0.
- :class:`EarlyStopping` — watch the validation loss after every epoch, keep a copy of the
  best weights, stop when it has not improved for ``patience`` epochs, put the best weights
  back (Prechelt 1998, "Early stopping — but when?"; Goodfellow, Bengio & Courville 2016, §7.8).

Examples
--------
>>> import numpy as np
>>> from nnlib.regularization import Dropout, l2_penalty, l2_gradient
>>> drop = Dropout(p=0.5, rng=0)
>>> x = np.ones((2, 4))
>>> drop.forward(x, training=True)              # kept values are doubled: 1 / (1 - 0.5)
array([[2., 0., 0., 0.],
       [2., 2., 2., 2.]])
>>> drop.forward(x)                             # prediction: the identity
array([[1., 1., 1., 1.],
       [1., 1., 1., 1.]])
>>> W = np.array([[1.0, -2.0]])
>>> l2_penalty(W, lam=0.1), l2_gradient(W, lam=0.1)
(0.25, array([[ 0.1, -0.2]]))
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ._checks import check_finite_scalar, check_fraction, check_positive_int

__all__ = ["Dropout", "l2_penalty", "l2_gradient", "l1_penalty", "l1_gradient", "EarlyStopping"]


def _check_weights(W, name="W"):
    if not isinstance(W, np.ndarray) or W.dtype.kind != "f":
        raise TypeError(f"{name} must be a float numpy array; got {type(W).__name__}"
                        + (f" of dtype {W.dtype}" if isinstance(W, np.ndarray) else ""))
    return W


def _check_lam(lam):
    lam = check_finite_scalar(lam, "lam")
    if lam < 0:
        raise ValueError(f"lam must be >= 0; got {lam}")
    return lam


def _rng(rng):
    if rng is None or isinstance(rng, np.random.Generator):
        return rng if rng is not None else np.random.default_rng()
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool):
        return np.random.default_rng(int(rng))
    raise TypeError(f"rng must be None, an int seed or a numpy Generator; got {type(rng).__name__}")


# --------------------------------------------------------------------------- dropout


class Dropout:
    """Inverted dropout (드롭아웃): while training, keep each value with probability 1 − p.

    Forward (training): draw a mask m with mᵢ = 1/(1 − p) where the value is kept (probability
    1 − p) and 0 where it is dropped; output x ⊙ m. Every output has the same expected value as
    its input, E[xᵢ mᵢ] = xᵢ, so at prediction time the layer is simply the identity.
    Backward: the output is x ⊙ m, so ∂L/∂x = ∂L/∂out ⊙ m — the same mask.

    Parameters
    ----------
    p : float in [0, 1), default 0.5
        The probability of *dropping* a value (Srivastava et al. 2014 write the keep
        probability 1 − p).
    rng : numpy.random.Generator, int or None
        Source of the masks; an int seeds ``numpy.random.default_rng``, so two layers made
        with the same seed drop the same values.

    Attributes
    ----------
    mask : ndarray or None
        The scaled mask m of the last training forward pass (None after a prediction pass).

    Raises
    ------
    ValueError
        ``p`` outside [0, 1); ``keep`` or ``grad`` of the wrong shape; backward before forward.
    TypeError
        ``x`` not a float numpy array; ``rng`` of the wrong kind.

    Examples
    --------
    >>> drop = Dropout(p=0.25, rng=1)
    >>> out = drop.forward(np.full((1000, 10), 3.0), training=True)
    >>> sorted(set(out.ravel().tolist()))          # dropped: 0; kept: 3 / 0.75
    [0.0, 4.0]
    >>> round(float(out.mean()), 2)                  # about the input's mean, 3
    3.0
    """

    param_names = ()

    def __init__(self, p=0.5, rng=None):
        self.p = check_fraction(p, "p")
        self.rng = _rng(rng)
        self.mask = None
        self._training_shape = None  # shape of the last forward pass (None: none yet)

    def forward(self, x, training=False, keep=None):
        """The layer's output for a batch ``x``.

        Parameters
        ----------
        x : ndarray of float, any shape (usually (n_samples, n_units))
        training : bool, default False
            False (prediction): return ``x`` unchanged. True: drop and rescale.
        keep : ndarray of bool, shape of ``x``, optional
            Which values to keep, instead of a random draw (for tests and exercises).

        Returns
        -------
        ndarray, the shape and dtype of ``x``
        """
        if not isinstance(x, np.ndarray) or x.dtype.kind != "f":
            raise TypeError(f"x must be a float numpy array; got {type(x).__name__}")
        self._training_shape = x.shape
        if not training or self.p == 0.0:
            self.mask = None
            return x
        if keep is None:
            keep = self.rng.random(x.shape) >= self.p      # True with probability 1 − p
        elif np.shape(keep) != x.shape:
            raise ValueError(f"keep must have the shape of x {x.shape}; got {np.shape(keep)}")
        self.mask = np.asarray(keep, dtype=x.dtype) / (1.0 - self.p)
        return x * self.mask

    def backward(self, grad):
        """∂L/∂x from ∂L/∂out: the same mask (the identity after a prediction pass)."""
        if self._training_shape is None:
            raise ValueError("backward() needs a forward() first")
        if getattr(grad, "shape", None) != self._training_shape:
            raise ValueError(f"grad must have the shape of this layer's last output "
                             f"{self._training_shape}; got {getattr(grad, 'shape', type(grad).__name__)}")
        return grad if self.mask is None else grad * self.mask

    def params(self):
        """No parameters (the network's optimizer skips this layer)."""
        return []

    def grads(self):
        return []

    def __repr__(self):
        return f"Dropout(p={self.p})"


# --------------------------------------------------------------------------- L2 and L1 penalties


def l2_penalty(W, lam):
    """The L2 penalty (weight decay) ½·λ·Σ w² of one weight array.

    Parameters
    ----------
    W : ndarray of float, any shape
    lam : float >= 0
        The strength λ (``l2`` in :class:`nnlib.mlp.MLPClassifier`).

    Returns
    -------
    float

    Examples
    --------
    >>> l2_penalty(np.array([3.0, 4.0]), lam=0.5)
    6.25
    """
    W, lam = _check_weights(W), _check_lam(lam)
    return 0.5 * lam * float(np.sum(W * W))


def l2_gradient(W, lam):
    """∂(½·λ·Σw²)/∂W = λ·W: each step shrinks every weight towards 0 by η·λ·w ("decay").

    Examples
    --------
    >>> l2_gradient(np.array([3.0, -4.0]), lam=0.5)
    array([ 1.5, -2. ])
    """
    W, lam = _check_weights(W), _check_lam(lam)
    return lam * W


def l1_penalty(W, lam):
    """The L1 penalty λ·Σ|w| of one weight array.

    Examples
    --------
    >>> l1_penalty(np.array([3.0, -4.0]), lam=0.5)
    3.5
    """
    W, lam = _check_weights(W), _check_lam(lam)
    return lam * float(np.sum(np.abs(W)))


def l1_gradient(W, lam):
    """∂(λ·Σ|w|)/∂W = λ·sign(w) (0 at w = 0, a subgradient): the same push for every weight,
    however small, which is why L1 drives many weights to exactly 0.

    Examples
    --------
    >>> l1_gradient(np.array([3.0, -4.0, 0.0]), lam=0.5)
    array([ 0.5, -0.5,  0. ])
    """
    W, lam = _check_weights(W), _check_lam(lam)
    return lam * np.sign(W)


# --------------------------------------------------------------------------- early stopping


def _check_param_list(params):
    if not isinstance(params, (list, tuple)) or not all(isinstance(p, np.ndarray) for p in params):
        raise TypeError(f"params must be a list of numpy arrays (e.g. model.coefs_ + model.intercepts_); "
                        f"got {type(params).__name__}")


class EarlyStopping:
    """Early stopping (조기 종료): keep the weights of the epoch with the lowest validation loss.

    Call :meth:`update` once per epoch (epochs counted from 1) with that epoch's validation
    loss and the model's parameter arrays. When the loss is lower than the best so far by more
    than ``min_delta``, a copy of the parameters is kept. :meth:`update` returns True once the
    loss has not improved for ``patience`` epochs in a row; :meth:`restore` then copies the best
    parameters back into the model's arrays.

    Parameters
    ----------
    patience : int >= 1, default 10
        Epochs without improvement before stopping.
    min_delta : float >= 0, default 0.0
        How much lower a loss must be to count as an improvement.

    Attributes
    ----------
    history_ : list of float
        Validation loss of every epoch seen.
    best_loss_ : float
    best_epoch_ : int
        The epoch (from 1) whose parameters are kept; 0 before the first update.
    stopped_epoch_ : int or None
        The epoch at which :meth:`update` first returned True.
    best_params_ : list of ndarray
        Copies of the parameters at ``best_epoch_``.

    Examples
    --------
    >>> w = np.array([0.0])
    >>> stopper = EarlyStopping(patience=2)
    >>> for epoch, val_loss in enumerate([0.9, 0.5, 0.6, 0.7, 0.4], start=1):
    ...     w[0] = epoch                            # "training" changes the weights
    ...     if stopper.update(val_loss, [w]):
    ...         break
    >>> stopper.best_epoch_, stopper.stopped_epoch_
    (2, 4)
    >>> stopper.restore([w]); w                  # the weights of epoch 2 are back
    array([2.])
    """

    def __init__(self, patience=10, min_delta=0.0):
        self.patience = check_positive_int(patience, "patience")
        min_delta = check_finite_scalar(min_delta, "min_delta")
        if min_delta < 0:
            raise ValueError(f"min_delta must be >= 0; got {min_delta}")
        self.min_delta = min_delta
        self.history_ = []
        self.best_loss_ = math.inf
        self.best_epoch_ = 0
        self.stopped_epoch_ = None
        self.best_params_ = []

    def update(self, val_loss, params):
        """Record one epoch's validation loss; return True when training should stop.

        Parameters
        ----------
        val_loss : float
        params : list of ndarray
            The model's parameter arrays (e.g. ``model.coefs_ + model.intercepts_``); copied
            when the loss improves.
        """
        if isinstance(val_loss, bool) or not isinstance(val_loss, numbers.Real):
            raise TypeError(f"val_loss must be a number; got {type(val_loss).__name__}")
        _check_param_list(params)
        val_loss = float(val_loss)
        if math.isnan(val_loss):
            raise ValueError("val_loss must be a number; got nan (has training diverged?)")
        self.history_.append(val_loss)
        epoch = len(self.history_)
        if val_loss < self.best_loss_ - self.min_delta:
            self.best_loss_, self.best_epoch_ = val_loss, epoch
            self.best_params_ = [np.array(p, copy=True) for p in params]
        stop = epoch - self.best_epoch_ >= self.patience
        if stop and self.stopped_epoch_ is None:
            self.stopped_epoch_ = epoch
        return stop

    def restore(self, params):
        """Copy the best parameters back into ``params`` (the same arrays, in the same order)."""
        _check_param_list(params)
        if not self.best_params_:
            raise ValueError("restore() needs an update() first")
        if len(params) != len(self.best_params_):
            raise ValueError(f"params must hold {len(self.best_params_)} arrays, as given to update(); "
                             f"got {len(params)}")
        for p, best in zip(params, self.best_params_):
            p[...] = best

    def __repr__(self):
        return f"EarlyStopping(patience={self.patience}, min_delta={self.min_delta})"
