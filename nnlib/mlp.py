"""Multi-layer perceptrons (다층 퍼셉트론) with a scikit-learn interface.

``MLPClassifier`` and ``MLPRegressor`` are thin wrappers: they check the hyper-parameters and
the data, build a :class:`nnlib.network.Network` (Dense → φ → … → Dense, then
SoftmaxCrossEntropy or MeanSquaredError) and call its ``train_epoch`` once per epoch. The
training step itself is :meth:`nnlib.network.Network.train_step`.

They follow scikit-learn's conventions (``fit`` returns ``self``, learned attributes end in
``_``, ``get_params``/``set_params``/``clone`` work), so they plug into ``cross_val_score``,
``confusion_matrix`` and pipelines.

Examples
--------
>>> import numpy as np
>>> from nnlib.mlp import MLPClassifier
>>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
>>> y = np.array([0, 1, 1, 0])                        # XOR
>>> model = MLPClassifier(hidden_sizes=(8,), activation="tanh", lr=0.05, epochs=300)
>>> model.fit(X, y).predict(X)
array([0, 1, 1, 0])
"""

from __future__ import annotations

import contextlib
import numbers

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.exceptions import NotFittedError

from . import activations
from ._checks import (
    as_2d_float,
    as_class_labels,
    as_float_array,
    as_labels,
    check_bool,
    check_choice,
    check_dtype,
    check_non_negative,
    check_positive,
    check_positive_int,
    check_random_state,
    check_same_length,
    check_y_given,
)
from .divergence import DivergenceGuard
from .language import tr
from .layers import ACTIVATION_LAYERS, Dense, MeanSquaredError, SoftmaxCrossEntropy
from .network import Network
from .optimizers import OPTIMIZERS

__all__ = ["MLPClassifier", "MLPRegressor"]


def _check_hidden_sizes(sizes, name):
    if isinstance(sizes, numbers.Integral) and not isinstance(sizes, bool):
        sizes = (sizes,)
    if not isinstance(sizes, (tuple, list)):
        raise TypeError(f"{name} must be a tuple of layer sizes such as (16, 16); got {type(sizes).__name__}")
    return tuple(check_positive_int(s, f"{name} (each size)") for s in sizes)


#: Every hyper-parameter and its check, ``check(value, name) -> cleaned value`` (one table,
#: run once at the start of ``fit``, as scikit-learn's ``_parameter_constraints``).
PARAMETERS = {
    "hidden_sizes": _check_hidden_sizes,
    "activation": lambda v, name: check_choice(v, name, tuple(ACTIVATION_LAYERS)),
    "optimizer": lambda v, name: check_choice(v, name, tuple(OPTIMIZERS)),
    "lr": check_positive,
    "batch_size": check_positive_int,
    "epochs": check_positive_int,
    "l2": check_non_negative,
    "l1": check_non_negative,
    "dtype": check_dtype,
    "random_state": check_random_state,
    "progress": check_bool,
}


class _BaseMLP(BaseEstimator):
    """What the classifier and the regressor share; they add the loss layer and the targets."""

    def __init__(self, hidden_sizes=(16, 16), activation="relu", optimizer="adam", lr=0.01, batch_size=32,
                 epochs=20, l2=0.0, dtype="float64", random_state=0, progress=False, l1=0.0):
        # scikit-learn convention: store the arguments unchanged; fit checks them.
        self.hidden_sizes = hidden_sizes
        self.activation = activation
        self.optimizer = optimizer
        self.lr = lr
        self.batch_size = batch_size
        self.epochs = epochs
        self.l2 = l2
        self.l1 = l1
        self.dtype = dtype
        self.random_state = random_state
        self.progress = progress

    # -- building ------------------------------------------------------------------------------
    def _build(self, n_features, n_outputs):
        """Check every hyper-parameter (once) and build a fresh network with random weights."""
        p = {name: check(getattr(self, name), name) for name, check in PARAMETERS.items()}
        self._rng = np.random.default_rng(p["random_state"])
        init = "he" if p["activation"] in ("relu", "leaky_relu") else "xavier"
        sizes = (n_features, *p["hidden_sizes"], n_outputs)
        layers = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            layers += [Dense(n_in, n_out, self._rng, init=init, dtype=p["dtype"]), ACTIVATION_LAYERS[p["activation"]]()]
        self.network_ = Network(layers[:-1], self._loss_layer(), OPTIMIZERS[p["optimizer"]](lr=p["lr"]),
                                l2=p["l2"], l1=p["l1"])
        self._guard = DivergenceGuard(p["lr"], type(self).__name__)
        self._batch_size, self._epochs, self._dtype = p["batch_size"], p["epochs"], p["dtype"]
        self.n_features_in_ = n_features
        self.loss_history_ = []
        self.n_iter_ = 0
        self.diverged_ = False
        for stale in ("val_loss_history_", "val_accuracy_history_"):  # from an earlier fit
            self.__dict__.pop(stale, None)

    @property
    def coefs_(self):
        """Weight matrices of the Dense layers, ``coefs_[i]`` of shape (n_in, n_out) (the live arrays)."""
        return [layer.W for layer in self.network_.layers if isinstance(layer, Dense)]

    @property
    def intercepts_(self):
        """Bias vectors of the Dense layers (the live arrays)."""
        return [layer.b for layer in self.network_.layers if isinstance(layer, Dense)]

    # -- training ------------------------------------------------------------------------------
    def _run_epochs(self, X, T, epochs, validation=None):
        """Train ``epochs`` epochs under the divergence guard; record the histories."""
        net, guard = self.network_, self._guard
        X = X.astype(self._dtype, copy=False)
        guard.lr = net.optimizer.lr  # the playground may have changed it between calls
        with contextlib.ExitStack() as stack:
            stack.enter_context(np.errstate(over="ignore", invalid="ignore"))  # the guard reports it
            stack.enter_context(_one_blas_thread_for_small_products(self.coefs_, min(self._batch_size, len(X))))
            bar = stack.enter_context(_progress_bar(self.progress, epochs, type(self).__name__))
            if guard.best_params is None:  # the loss before training: the first "good" weights
                guard.check(net.loss.forward(net.forward(X), T) + net.penalty(), net.params(), epoch=0)
            for _ in range(epochs):
                loss, Y_hat = net.train_epoch(X, T, self._batch_size, self._rng)
                if guard.check(loss, net.params(), epoch=self.n_iter_ + 1):
                    for p, good in zip(net.params(), guard.best_params):
                        p[...] = good
                    self.diverged_ = True
                    break
                self.n_iter_ += 1
                self.loss_history_.append(loss)
                self._record_epoch(T, Y_hat, validation)
                if bar is not None:
                    bar.set_postfix({tr("loss"): f"{loss:.4f}"}, refresh=False)
                    bar.update()
        return self

    def _record_validation(self, validation):
        """Append the validation loss; return the network's output on X_val."""
        X_val, T_val = validation
        out = self.network_.forward(X_val)
        self.val_loss_history_.append(self.network_.loss.forward(out, T_val) + self.network_.penalty())
        return out

    # -- data ------------------------------------------------------------------------------------
    def _check_data(self, X, y, x_name="X", y_name="y"):
        check_y_given(y, y_name)
        n_features = getattr(self, "n_features_in_", None)
        X = as_2d_float(X, x_name, n_features=n_features, dtype=getattr(self, "_dtype", np.float64))
        y = self._check_y(y, y_name)
        check_same_length(X, y, x_name, y_name)
        return X, y

    def _validation(self, X_val, y_val):
        if X_val is None and y_val is None:
            return None
        if X_val is None or y_val is None:
            raise ValueError("X_val and y_val must be given together")
        X_val, y_val = self._check_data(X_val, y_val, "X_val", "y_val")
        self.val_loss_history_ = []
        return X_val, self._encode(y_val, "y_val")

    def _check_fitted(self):
        if not hasattr(self, "network_"):
            raise NotFittedError(f"This {type(self).__name__} is not fitted yet: call fit, partial_fit or "
                                 "initialize first")

    def _output(self, X):
        """The network's output ŷ for X (logits for the classifier)."""
        self._check_fitted()
        return self.network_.forward(as_2d_float(X, "X", n_features=self.n_features_in_, dtype=self._dtype))

    def fit(self, X, y, X_val=None, y_val=None):
        """Train from fresh random weights for ``epochs`` epochs of shuffled mini-batches.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,) (the regressor also takes (n_samples, n_outputs))
        X_val, y_val : array-like, optional
            Held-out data scored after every epoch (``val_loss_history_`` and, for the
            classifier, ``val_accuracy_history_``): watch them to stop early.

        Returns
        -------
        self

        Raises
        ------
        ValueError, TypeError
            For a bad hyper-parameter or bad data, naming it.

        Examples
        --------
        >>> X, y = np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([0, 0, 1, 1])
        >>> model = MLPClassifier(hidden_sizes=(4,), epochs=5).fit(X, y)
        >>> len(model.loss_history_), model.n_iter_
        (5, 5)
        """
        for fitted in ("network_", "n_features_in_", "_dtype"):
            self.__dict__.pop(fitted, None)
        X, y = self._check_data(X, y)
        self._initialize_from(X, y)
        return self._run_epochs(X, self._encode(y), self._epochs, self._validation(X_val, y_val))


class MLPClassifier(ClassifierMixin, _BaseMLP):
    """A multi-layer perceptron classifier: softmax output, cross-entropy loss, backpropagation.

    Parameters
    ----------
    hidden_sizes : tuple of int, default (16, 16)
        Neurons in each hidden layer; ``()`` gives softmax regression.
    activation : {"relu", "tanh", "sigmoid", "leaky_relu", "linear"}, default "relu"
        Activation φ of the hidden layers (He initialisation for ReLU-like ones, Xavier otherwise).
    optimizer : {"adam", "sgd", "momentum"}, default "adam"
        See :mod:`nnlib.optimizers` (default β's).
    lr : float, default 0.01
        Learning rate η.
    batch_size : int, default 32
        Mini-batch size (the last batch of an epoch may be smaller).
    epochs : int, default 20
        Passes over the training data made by ``fit``.
    l2 : float, default 0.0
        Weight decay: the loss gets + ½·l2·Σ‖W‖² (biases are not penalised).
    l1 : float, default 0.0
        L1 regularisation: the loss gets + l1·Σ|W|, which pushes many weights to exactly 0.
    dtype : {"float64", "float32"}, default "float64"
        float32 halves memory and is faster.
    random_state : int, numpy Generator or None, default 0
        Seeds the initial weights and the shuffling: same seed, same training run.
    progress : bool, default False
        Show a tqdm progress bar over the epochs with the current loss.

    Attributes
    ----------
    classes_ : ndarray
        The class labels (any values, e.g. strings), in the order of the output units.
    network_ : nnlib.network.Network
        The layers, the SoftmaxCrossEntropy loss layer and the optimizer.
    coefs_, intercepts_ : list of ndarray
        Each Dense layer's W and b (the live arrays, not copies).
    loss_history_ : list of float
        One entry per epoch: the mean over the epoch's mini-batches of the loss each update saw
        (cross-entropy plus the L2/L1 penalty at that moment, measured before the update).
    accuracy_history_ : list of float
        Training accuracy of each epoch, of the outputs the mini-batches had when they were trained.
    val_loss_history_, val_accuracy_history_ : list of float
        Loss and accuracy on (X_val, y_val) after each epoch, when validation data is given.
    n_iter_ : int
        Epochs trained so far.
    diverged_ : bool
        True if training stopped because the loss blew up (see :mod:`nnlib.divergence`); the
        weights are then the last good ones.
    n_features_in_ : int

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> X, y = load_iris(return_X_y=True)
    >>> model = MLPClassifier(hidden_sizes=(16,), epochs=50).fit(X, y)
    >>> model.score(X, y) > 0.95
    True
    """

    def _loss_layer(self):
        return SoftmaxCrossEntropy()

    def _check_y(self, y, name="y"):
        return as_class_labels(y, name)

    def initialize(self, n_features, classes):
        """Build the network with fresh random weights, without training.

        Parameters
        ----------
        n_features : int
        classes : array-like
            Every class label the model will see (at least 2).

        Returns
        -------
        self

        Examples
        --------
        >>> m = MLPClassifier(hidden_sizes=(3,)).initialize(2, ["no", "yes"])
        >>> [W.shape for W in m.coefs_]
        [(2, 3), (3, 2)]
        """
        n_features = check_positive_int(n_features, "n_features")
        classes = np.unique(as_labels(classes, "classes"))
        if len(classes) < 2:
            raise ValueError(f"classes must hold at least 2 different labels; got {classes.tolist()}")
        self._build(n_features, len(classes))
        self.classes_ = classes
        self.accuracy_history_ = []
        return self

    def _initialize_from(self, X, y, classes=None):
        if classes is None:
            classes = np.unique(y)
            if len(classes) < 2:
                raise ValueError(f"y must contain at least 2 classes; got 1 class: {classes.tolist()}")
        self.initialize(X.shape[1], classes)

    def _encode(self, y, name="y"):
        """Labels → class indices 0 … k − 1, refusing labels that are not in ``classes_``."""
        try:
            idx = np.searchsorted(self.classes_, y)
        except TypeError:  # e.g. numbers given to a model trained on strings
            raise ValueError(f"{name} contains labels not in classes_ {self.classes_.tolist()}") from None
        idx[idx == len(self.classes_)] = 0
        unknown = self.classes_[idx] != y
        if np.any(unknown):
            raise ValueError(f"{name} contains labels not in classes_ {self.classes_.tolist()}: "
                             f"{np.unique(np.asarray(y)[unknown]).tolist()[:5]}")
        return idx

    def _record_epoch(self, T, Y_hat, validation):
        self.accuracy_history_.append(float(np.mean(Y_hat.argmax(axis=1) == T)))
        if validation is not None:
            out = self._record_validation(validation)
            self.val_accuracy_history_.append(float(np.mean(out.argmax(axis=1) == validation[1])))

    def _validation(self, X_val, y_val):
        validation = super()._validation(X_val, y_val)
        if validation is not None:
            self.val_accuracy_history_ = []
        return validation

    def partial_fit(self, X, y, classes=None):
        """Train for one epoch, continuing from the current weights (building them on the first call).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        classes : array-like, optional
            All class labels; needed on the first call only if ``y`` lacks some class.

        Returns
        -------
        self

        Examples
        --------
        >>> X, y = np.array([[0.0], [1.0]]), np.array(["a", "b"])
        >>> m = MLPClassifier(hidden_sizes=(4,)).partial_fit(X, y).partial_fit(X, y)
        >>> m.n_iter_
        2
        """
        if hasattr(self, "network_"):
            if classes is not None and not np.array_equal(np.unique(as_labels(classes, "classes")), self.classes_):
                raise ValueError(f"classes must equal classes_ {self.classes_.tolist()} set on the first call")
            X, y = self._check_data(X, y)
        else:
            X, y = self._check_data(X, y)
            self._initialize_from(X, y, classes)
        return self._run_epochs(X, self._encode(y), 1)

    def predict_proba(self, X):
        """Class probabilities softmax(z), shape (n_samples, n_classes), columns in ``classes_`` order.

        Examples
        --------
        >>> m = MLPClassifier(hidden_sizes=(3,)).initialize(2, [0, 1])
        >>> round(float(m.predict_proba([[0.0, 1.0]]).sum()), 6)
        1.0
        """
        return activations.softmax(self._output(X))

    def predict(self, X):
        """The most probable class label for each sample.

        Examples
        --------
        >>> m = MLPClassifier(hidden_sizes=(3,)).initialize(2, ["cat", "dog"])
        >>> m.predict([[0.0, 1.0]])[0] in ("cat", "dog")
        True
        """
        z = self._output(X)  # first: raises NotFittedError on an unfitted model
        return self.classes_[z.argmax(axis=1)]


class MLPRegressor(RegressorMixin, _BaseMLP):
    """A multi-layer perceptron for regression: linear output, squared-error loss.

    Takes the same parameters as :class:`MLPClassifier`. The loss is the mean of
    L = ½(ŷ − y)² (:class:`nnlib.layers.MeanSquaredError`), half the MSE. ``y`` may be 1-D
    (one output) or 2-D (several outputs); ``predict`` returns the same shape. ``score`` is R².

    Attributes
    ----------
    n_outputs_ : int
    network_, coefs_, intercepts_, loss_history_, val_loss_history_, n_iter_, diverged_
        As for :class:`MLPClassifier` (the loss layer is a MeanSquaredError).

    Examples
    --------
    >>> X = np.linspace(-1, 1, 50).reshape(-1, 1)
    >>> model = MLPRegressor(hidden_sizes=(16,), activation="tanh", epochs=200).fit(X, X[:, 0] ** 2)
    >>> model.score(X, X[:, 0] ** 2) > 0.9
    True
    """

    def _loss_layer(self):
        return MeanSquaredError()

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True  # y of shape (n_samples, n_outputs) is supported
        tags.regressor_tags.poor_score = False
        return tags

    def _check_y(self, y, name="y"):
        y = as_float_array(y, name)
        if y.ndim not in (1, 2):
            raise ValueError(f"{name} must be 1-D (n_samples,) or 2-D (n_samples, n_outputs); got shape {y.shape}")
        return y

    def initialize(self, n_features, n_outputs=1):
        """Build the network with fresh random weights, without training.

        Examples
        --------
        >>> [W.shape for W in MLPRegressor(hidden_sizes=(3,)).initialize(2).coefs_]
        [(2, 3), (3, 1)]
        """
        n_features = check_positive_int(n_features, "n_features")
        self.n_outputs_ = check_positive_int(n_outputs, "n_outputs")
        self._build(n_features, self.n_outputs_)
        self._y_1d = self.n_outputs_ == 1
        return self

    def _initialize_from(self, X, y, classes=None):
        self.initialize(X.shape[1], 1 if y.ndim == 1 else y.shape[1])
        self._y_1d = y.ndim == 1

    def _encode(self, y, name="y"):
        T = y.reshape(len(y), -1).astype(self._dtype, copy=False)
        if T.shape[1] != self.n_outputs_:
            raise ValueError(f"{name} must have {self.n_outputs_} output column(s); got {T.shape[1]}")
        return T

    def _record_epoch(self, T, Y_hat, validation):
        if validation is not None:
            self._record_validation(validation)

    def partial_fit(self, X, y):
        """Train for one epoch, continuing from the current weights (building them on the first call).

        Examples
        --------
        >>> m = MLPRegressor(hidden_sizes=(2,)).partial_fit([[0.0], [1.0]], [0.0, 1.0])
        >>> m.n_iter_
        1
        """
        X, y = self._check_data(X, y)
        if not hasattr(self, "network_"):
            self._initialize_from(X, y)
        return self._run_epochs(X, self._encode(y), 1)

    def predict(self, X):
        """Predicted values, shape (n_samples,) for a 1-D ``y`` at fit time, else (n_samples, n_outputs).

        Examples
        --------
        >>> MLPRegressor(hidden_sizes=(3,)).initialize(2).predict([[0.0, 1.0]]).shape
        (1,)
        """
        out = self._output(X)
        return out[:, 0] if self._y_1d else out


# -- outside the training step: a progress bar and a BLAS setting ---------------------------------
def _progress_bar(show, epochs, name):
    if not show:
        return contextlib.nullcontext()
    from tqdm.auto import tqdm

    return tqdm(total=epochs, desc=name, unit=tr("epoch"))


_blas_controller = None


def _one_blas_thread_for_small_products(weights, batch_size):
    """Speed only: run mini-batches whose largest product is mid-sized on one BLAS thread.

    A mini-batch's products are small (64×784×128 is 6.4 M multiply-adds): a second BLAS thread
    saves little on them, and on a busy machine its spin-waiting between calls made an epoch
    over 20× slower in our measurements. Tiny products use one thread anyway; large ones keep all.
    """
    global _blas_controller
    largest = batch_size * max(W.size for W in weights)
    if not 2**18 <= largest <= 2**24:
        return contextlib.nullcontext()
    if _blas_controller is None:
        try:
            from threadpoolctl import ThreadpoolController
        except ImportError:  # comes with scikit-learn; without it, keep the defaults
            return contextlib.nullcontext()
        _blas_controller = ThreadpoolController()  # finding the BLAS libraries takes ms: once
    return _blas_controller.limit(limits=1, user_api="blas")
