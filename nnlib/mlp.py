"""Multi-layer perceptrons (다층 퍼셉트론) built from :mod:`nnlib.layers`, trained by backpropagation.

``MLPClassifier`` and ``MLPRegressor`` follow scikit-learn's conventions (``fit`` returns
``self``, learned attributes end in ``_``, ``get_params``/``set_params``/``clone`` work), so they
plug into ``cross_val_score``, ``confusion_matrix`` and pipelines.

The network is a plain list of layers, ``layers_``::

    Dense → φ → Dense → φ → ... → Dense        (then SoftmaxCrossEntropy or MeanSquaredError)

and one training step is the textbook loop: forward through the list, loss, backward through
the list in reverse, optimizer step.

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
import warnings

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.exceptions import NotFittedError

from . import activations as _activations
from . import optimizers as _optimizers
from ._checks import (
    as_2d_float,
    as_float_array,
    as_labels,
    check_choice,
    check_fraction,
    check_positive,
    check_positive_int,
    check_same_length,
)
from .layers import INITS, Dense, MeanSquaredError, SoftmaxCrossEntropy, activation_layer, as_dtype

__all__ = ["MLPClassifier", "MLPRegressor"]

#: Hidden-layer activations an MLP can be trained with (the step has no gradient).
HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "linear")

# Mini-batch matrix products in this range of multiply-adds run on one BLAS thread (see
# _BaseMLP._blas_threads). Below it OpenBLAS uses one thread anyway.
_SINGLE_THREAD_MACS = (2**18, 2**24)
_blas_controller = None


def _pack(layers):
    """Copy the layers' parameters (and gradients) into one flat array each; rebind them as views."""
    arrays = [p for layer in layers for p in layer.params()]
    size = sum(p.size for p in arrays)
    params, grads = np.empty(size, dtype=arrays[0].dtype), np.zeros(size, dtype=arrays[0].dtype)
    start = 0
    for layer in layers:
        for name in layer.param_names:
            value = getattr(layer, name)
            stop = start + value.size
            view = params[start:stop].reshape(value.shape)
            view[...] = value
            setattr(layer, name, view)
            grad = grads[start:stop].reshape(value.shape)
            grad[...] = getattr(layer, "d" + name)
            setattr(layer, "d" + name, grad)
            start = stop
    return params, grads


class _BaseMLP(BaseEstimator):
    """Everything the classifier and the regressor share: building, training loop, helpers.

    Subclasses set the output head and how targets are encoded (``_encode_targets``).
    """

    def __init__(
        self,
        hidden_sizes=(16, 16),
        activation="relu",
        optimizer="adam",
        lr=0.01,
        batch_size=32,
        epochs=20,
        momentum=0.9,
        l2=0.0,
        init=None,
        dtype="float64",
        random_state=0,
        progress=False,
        shuffle=True,
    ):
        # scikit-learn convention: store the arguments unchanged; they are checked in fit.
        self.hidden_sizes = hidden_sizes
        self.activation = activation
        self.optimizer = optimizer
        self.lr = lr
        self.batch_size = batch_size
        self.epochs = epochs
        self.momentum = momentum
        self.l2 = l2
        self.init = init
        self.dtype = dtype
        self.random_state = random_state
        self.progress = progress
        self.shuffle = shuffle

    # -- hyper-parameters ------------------------------------------------------------------------
    def _check_params(self):
        """Validate every hyper-parameter; store the cleaned values in private attributes."""
        sizes = self.hidden_sizes
        if isinstance(sizes, numbers.Integral) and not isinstance(sizes, bool):
            sizes = (sizes,)
        try:
            sizes = tuple(sizes)
        except TypeError:
            raise TypeError(f"hidden_sizes must be a tuple of layer sizes such as (16, 16); "
                            f"got {type(self.hidden_sizes).__name__}") from None
        for s in sizes:
            check_positive_int(s, "hidden_sizes (each size)")
        self._hidden = tuple(int(s) for s in sizes)
        act = _activations.get(self.activation).name
        if act not in HIDDEN_ACTIVATIONS:
            raise ValueError(f"activation must be one of {', '.join(map(repr, HIDDEN_ACTIVATIONS))} "
                             f"(the step's gradient is 0, so it cannot be trained); got {self.activation!r}")
        self._act = act
        check_choice(self.optimizer, "optimizer", _optimizers.NAMES)
        check_positive(self.lr, "lr")
        self._batch_size = check_positive_int(self.batch_size, "batch_size")
        self._epochs = check_positive_int(self.epochs, "epochs")
        check_fraction(self.momentum, "momentum")
        l2 = self.l2 if isinstance(self.l2, numbers.Real) and not isinstance(self.l2, bool) else None
        if l2 is None or not np.isfinite(l2) or l2 < 0:
            raise ValueError(f"l2 must be a finite number >= 0; got {self.l2!r}")
        self._l2 = float(l2)
        if self.init is not None:
            check_choice(self.init, "init", INITS)
        self._init = self.init or ("he" if act in ("relu", "leaky_relu") else "xavier")
        self._dtype = as_dtype(self.dtype)
        if not (self.random_state is None or isinstance(self.random_state, (numbers.Integral, np.random.Generator))):
            raise TypeError("random_state must be None, an int or a numpy Generator; "
                            f"got {type(self.random_state).__name__}")
        for flag in ("progress", "shuffle"):
            if not isinstance(getattr(self, flag), (bool, np.bool_)):
                raise TypeError(f"{flag} must be True or False; got {getattr(self, flag)!r}")

    def _make_optimizer(self):
        if self.optimizer == "momentum":
            return _optimizers.Momentum(self.lr, beta=self.momentum)
        return _optimizers.get(self.optimizer, lr=self.lr)

    # -- building --------------------------------------------------------------------------------
    def _build(self, n_features, n_outputs):
        """Create fresh layers, optimizer and histories for ``n_features`` inputs."""
        self._check_params()
        self._rng = np.random.default_rng(self.random_state)
        sizes = (n_features, *self._hidden, n_outputs)
        layers = []
        for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            layers.append(Dense(n_in, n_out, self._rng, init=self._init, dtype=self._dtype))
            if i < len(sizes) - 2:
                layers.append(activation_layer(self._act))
        self.layers_ = layers
        self.loss_layer_ = self._make_head()
        self.n_features_in_ = n_features
        self._optimizer = self._make_optimizer()
        self.loss_history_ = []
        self.n_iter_ = 0
        self.n_updates_ = 0
        for stale in ("val_loss_history_", "val_accuracy_history_", "_flat"):  # from an earlier fit
            self.__dict__.pop(stale, None)
        return self

    def _check_initialized(self):
        if not hasattr(self, "layers_"):
            raise NotFittedError(f"This {type(self).__name__} is not fitted yet: call fit, "
                                 "partial_fit or initialize first")

    @property
    def coefs_(self):
        """Weight matrices of the Dense layers, ``coefs_[i]`` of shape (n_in, n_out) (the live arrays)."""
        return [layer.W for layer in self.layers_ if isinstance(layer, Dense)]

    @property
    def intercepts_(self):
        """Bias vectors of the Dense layers (the live arrays)."""
        return [layer.b for layer in self.layers_ if isinstance(layer, Dense)]

    def _params_and_grads(self):
        """What the optimizer updates: every parameter as one flat array, and its gradient.

        The layers' ``W``, ``b``, ``dW`` and ``db`` are views into these two arrays, so each
        optimizer operation is one numpy call over all parameters instead of one call per array
        (for Adam on a 784-128-10 network, 12 calls per step instead of 48).
        """
        layers = [layer for layer in self.layers_ if layer.param_names]
        flat = getattr(self, "_flat", None)
        if flat is None or any(p.base is not flat[0] for layer in layers for p in layer.params()):
            # First call, or the views were broken (deepcopy, pickling, or a layer given a new
            # array): copy the current values into fresh flat arrays.
            self._flat = flat = _pack(layers)
        return [flat[0]], [flat[1]]

    # -- forward / backward ---------------------------------------------------------------------
    def _output(self, X):
        """The last Dense layer's output (logits or predictions) for a prepared batch."""
        for layer in self.layers_:
            X = layer.forward(X)
        return X

    def _backward(self, grad):
        layers = self.layers_
        for layer in layers[:0:-1]:
            grad = layer.backward(grad)
        layers[0].backward(grad, input_grad=False)  # nothing upstream needs ∂L/∂X
        if self._l2:
            for layer in layers:
                if isinstance(layer, Dense):  # add ∂(l2/2·||W||²)/∂W = l2·W
                    layer.dW += self._l2 * layer.W

    def _penalty(self):
        if not self._l2:
            return 0.0
        return 0.5 * self._l2 * sum(float(np.vdot(W, W)) for W in self.coefs_)

    def _objective(self, X, T):
        """Mean loss (plus the L2 penalty) on a prepared batch; used by gradient checking."""
        return self.loss_layer_._forward(self._output(X), T) + self._penalty()

    def _train_batch(self, X, T):
        """One optimizer step on a prepared batch; returns the batch's loss and output."""
        out = self._output(X)
        loss = self.loss_layer_._forward(out, T)
        self._backward(self.loss_layer_.backward())
        self._optimizer.step(self._params, self._grads)
        self.n_updates_ += 1
        return loss, out

    def _epoch(self, X, T):
        """One pass over (X, T) in shuffled mini-batches; returns (mean loss, n correct or None)."""
        self._params, self._grads = self._params_and_grads()  # once per epoch, not per batch
        n, B = len(X), min(self._batch_size, len(X))
        order = self._rng.permutation(n) if self.shuffle else np.arange(n)
        total, correct = 0.0, 0
        count_correct = self._counts_correct
        for start in range(0, n, B):
            idx = order[start:start + B]
            t = T[idx]
            loss, out = self._train_batch(X[idx], t)
            total += loss * len(idx)
            if count_correct:  # running accuracy, measured as each batch is seen (as Keras does)
                correct += int(np.count_nonzero(out.argmax(axis=1) == t))
        return total / n + self._penalty(), (correct if count_correct else None)

    def _blas_threads(self, n_samples):
        """Context limiting BLAS to one thread while training with small matrix products.

        A mini-batch's products are small (64×784×128 is 6.4 M multiply-adds): a second BLAS
        thread saves little on them, and on a busy machine its spin-waiting between calls made
        an epoch over 20× slower in our measurements. Larger products keep every thread.
        """
        global _blas_controller
        batch = min(self._batch_size, n_samples)
        largest = max(layer.W.size for layer in self.layers_ if isinstance(layer, Dense)) * batch
        if not _SINGLE_THREAD_MACS[0] <= largest <= _SINGLE_THREAD_MACS[1]:
            return contextlib.nullcontext()
        if _blas_controller is None:
            try:
                from threadpoolctl import ThreadpoolController
            except ImportError:  # comes with scikit-learn; without it, keep the defaults
                return contextlib.nullcontext()
            _blas_controller = ThreadpoolController()  # finding the BLAS libraries takes ms: once
        return _blas_controller.limit(limits=1, user_api="blas")

    def _train(self, X, T, epochs, X_val=None, T_val=None):
        """Run ``epochs`` epochs, appending to the histories; optional tqdm progress bar."""
        with contextlib.ExitStack() as stack:
            stack.enter_context(self._blas_threads(len(X)))
            bar = None
            if self.progress:
                from tqdm.auto import tqdm

                bar = stack.enter_context(tqdm(total=epochs, desc=type(self).__name__, unit="epoch"))
            for _ in range(epochs):
                loss, correct = self._epoch(X, T)
                self.n_iter_ += 1
                self.loss_history_.append(loss)
                if correct is not None:
                    self.accuracy_history_.append(correct / len(X))
                if X_val is not None:
                    self._record_validation(X_val, T_val)
                if bar is not None:
                    bar.set_postfix(loss=f"{loss:.4f}", refresh=False)
                    bar.update()
                if not np.isfinite(loss):
                    warnings.warn(f"training diverged at epoch {self.n_iter_} (loss is {loss}); "
                                  "try a smaller lr", RuntimeWarning, stacklevel=3)
                    break
        return self

    # -- input checks (outside the hot loop) -----------------------------------------------------
    def _check_X(self, X, name="X"):
        return as_2d_float(X, name, n_features=self.n_features_in_, dtype=self._dtype)

    def _prepare(self, X, y, x_name="X", y_name="y", n_features=None):
        if hasattr(X, "toarray"):
            raise TypeError(f"{x_name} must be a dense array; sparse matrices are not supported "
                            f"(use {x_name}.toarray())")
        if y is None:
            raise ValueError(f"{y_name} is required: {type(self).__name__} requires y to be passed, "
                             f"but the target y is None")
        X = as_2d_float(X, x_name, n_features=n_features, dtype=self._dtype)
        y = self._check_y(y, y_name)
        check_same_length(X, y, x_name, y_name)
        return X, y

    def _start(self, X, y, classes=None):
        """Checked (X, y) for partial_fit/step, building the network on the first call."""
        if not hasattr(self, "layers_"):
            self._check_params()
            X, y = self._prepare(X, y)
            self._initialize_from(X, y, classes)
        else:
            X, y = self._prepare(X, y, n_features=self.n_features_in_)
            # Follow set_params(lr=...) between calls: the playground's lr slider does that.
            self._optimizer.lr = check_positive(self.lr, "lr")
        return X, y

    def _validation_arrays(self, X_val, y_val):
        if X_val is None and y_val is None:
            return None, None
        if X_val is None or y_val is None:
            raise ValueError("X_val and y_val must be given together")
        X_val, y_val = self._prepare(X_val, y_val, "X_val", "y_val", n_features=self.n_features_in_)
        T_val = self._encode_targets(y_val, "y_val")
        self.val_loss_history_ = []
        if self._counts_correct:
            self.val_accuracy_history_ = []
        return X_val, T_val

    def _record_validation(self, X_val, T_val):
        out = self._output(X_val)
        self.val_loss_history_.append(self.loss_layer_._forward(out, T_val) + self._penalty())
        if self._counts_correct:
            self.val_accuracy_history_.append(float(np.mean(out.argmax(axis=1) == T_val)))

    # -- public API ------------------------------------------------------------------------------
    def fit(self, X, y, X_val=None, y_val=None):
        """Train from scratch for ``epochs`` epochs of shuffled mini-batches.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        X_val, y_val : array-like, optional
            Held-out data scored after every epoch (``val_loss_history_`` and, for the
            classifier, ``val_accuracy_history_``).

        Returns
        -------
        self

        Examples
        --------
        >>> X, y = np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([0, 0, 1, 1])
        >>> model = MLPClassifier(hidden_sizes=(4,), epochs=5).fit(X, y)
        >>> len(model.loss_history_), model.n_iter_
        (5, 5)
        """
        self._check_params()
        X, y = self._prepare(X, y)
        self._initialize_from(X, y)
        T = self._encode_targets(y)
        X_val, T_val = self._validation_arrays(X_val, y_val)
        return self._train(X, T, self._epochs, X_val, T_val)

    def step(self, X, y):
        """Do exactly one gradient update on the mini-batch (X, y) and return its loss.

        Builds the network first if needed (call ``initialize`` beforehand when a batch might
        not contain every class). The playground widget drives training with this. A new ``lr``
        set with ``set_params`` applies from the next call; other hyper-parameters need ``fit``.

        Returns
        -------
        float
            The batch's loss before the update (plus the L2 penalty, if any).

        Examples
        --------
        >>> X, y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([0, 1])
        >>> model = MLPClassifier(hidden_sizes=(4,), lr=0.1)
        >>> first = model.step(X, y)
        >>> later = [model.step(X, y) for _ in range(20)][-1]
        >>> later < first
        True
        """
        X, y = self._start(X, y)
        T = self._encode_targets(y)
        self._params, self._grads = self._params_and_grads()
        penalty = self._penalty()
        loss, _ = self._train_batch(X, T)
        return loss + penalty

    def forward_activations(self, x):
        """Every layer's activation for one input (or a batch): ``[x, h1, h2, ..., output]``.

        The list has one entry per layer of neurons as drawn in a network diagram: the input, each
        hidden layer after its activation function, and the output (class probabilities for the
        classifier, predictions for the regressor).

        Parameters
        ----------
        x : array-like of shape (n_features,) or (n_samples, n_features)

        Returns
        -------
        list of ndarray
            1-D arrays for a single input, 2-D (n_samples, size) arrays for a batch.

        Examples
        --------
        >>> model = MLPClassifier(hidden_sizes=(5, 3)).initialize(4, ["a", "b"])
        >>> [a.shape for a in model.forward_activations([0.1, 0.2, 0.3, 0.4])]
        [(4,), (5,), (3,), (2,)]
        """
        self._check_initialized()
        arr = as_float_array(x, "x", dtype=self._dtype)
        single = arr.ndim == 1
        if single:
            arr = arr[None, :]
        arr = as_2d_float(arr, "x", n_features=self.n_features_in_, dtype=self._dtype)
        acts, out = [arr], arr
        for layer in self.layers_[:-1]:
            out = layer.forward(out)
            if not isinstance(layer, Dense):  # a hidden layer's activation φ(z)
                acts.append(out)
        out = self.layers_[-1].forward(out)
        acts.append(self._output_activation(out))
        return [a[0] for a in acts] if single else acts

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.non_deterministic = self.random_state is None
        return tags


class MLPClassifier(ClassifierMixin, _BaseMLP):
    """A multi-layer perceptron classifier: softmax output, cross-entropy loss, backpropagation.

    Parameters
    ----------
    hidden_sizes : tuple of int, default (16, 16)
        Neurons in each hidden layer; ``()`` gives softmax regression.
    activation : {"relu", "sigmoid", "tanh", "leaky_relu", "linear"}, default "relu"
        Activation of the hidden layers.
    optimizer : {"adam", "sgd", "momentum"}, default "adam"
    lr : float, default 0.01
        Learning rate.
    batch_size : int, default 32
        Mini-batch size (capped at the number of samples).
    epochs : int, default 20
        Passes over the training data made by ``fit``.
    momentum : float in [0, 1), default 0.9
        β of the "momentum" optimizer.
    l2 : float, default 0.0
        Weight decay: the loss gets + l2/2·Σ||W||² (biases are not penalised).
    init : {"he", "xavier", "normal"} or None
        Weight initialisation; None picks "he" for ReLU-like activations and "xavier" otherwise.
    dtype : {"float64", "float32"}, default "float64"
        float32 halves memory and is faster; gradient checks need float64.
    random_state : int, numpy Generator or None, default 0
        Seeds the initial weights and the shuffling: same seed, same training run.
    progress : bool, default False
        Show a tqdm progress bar over epochs with the current loss.
    shuffle : bool, default True
        Reshuffle the samples every epoch.

    Attributes
    ----------
    classes_ : ndarray
        The class labels (any values, e.g. strings), in the order of the output units.
    n_features_in_ : int
    layers_ : list of Layer
        Dense and activation layers, in order; their output is the logits.
    loss_layer_ : SoftmaxCrossEntropy
    coefs_, intercepts_ : list of ndarray
        Each Dense layer's W and b (the live arrays, not copies).
    loss_history_ : list of float
        Mean training loss of each epoch (averaged over its mini-batches, as they were seen).
    accuracy_history_ : list of float
        Training accuracy of each epoch, counted on the mini-batches as they were seen.
    val_loss_history_, val_accuracy_history_ : list of float
        Loss and accuracy on (X_val, y_val) after each epoch, when validation data is given.
    n_iter_ : int
        Epochs trained so far; ``n_updates_`` counts mini-batch updates.

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> X, y = load_iris(return_X_y=True)
    >>> model = MLPClassifier(hidden_sizes=(16,), epochs=50).fit(X, y)
    >>> model.score(X, y) > 0.95
    True
    >>> [a.shape for a in model.forward_activations(X[0])]
    [(4,), (16,), (3,)]
    """

    _counts_correct = True

    def _make_head(self):
        return SoftmaxCrossEntropy()

    def _check_y(self, y, name="y"):
        y = as_labels(y, name)
        if y.dtype.kind == "f" and np.any(y != np.round(y)):
            raise ValueError(f"{name} must hold class labels, not continuous values such as "
                             f"{y[y != np.round(y)][0]!r} (use MLPRegressor for regression)")
        return y

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
                raise ValueError(f"y must contain at least 2 classes; got only {classes.tolist()}")
        self.initialize(X.shape[1], classes)

    def _encode_targets(self, y, name="y"):
        """Labels → class indices 0..k-1, refusing labels that are not in ``classes_``."""
        try:
            idx = np.searchsorted(self.classes_, y)
        except TypeError:  # e.g. numbers given to a model trained on strings
            raise ValueError(f"{name} contains labels not in classes_ {self.classes_.tolist()}") from None
        idx[idx == len(self.classes_)] = 0
        unknown = self.classes_[idx] != y
        if np.any(unknown):
            raise ValueError(f"{name} contains labels not in classes_ {self.classes_.tolist()}: "
                             f"{np.unique(np.asarray(y)[unknown]).tolist()[:5]}")
        return idx.astype(np.intp, copy=False)

    def _output_activation(self, logits):
        return _activations.softmax(logits)

    def partial_fit(self, X, y, classes=None):
        """Train for one epoch, continuing from the current weights (building them on first call).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        classes : array-like, optional
            All class labels; needed on the first call only if ``y`` does not contain every
            class. Later calls must not change them.

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
        if (classes is not None and hasattr(self, "classes_")
                and not np.array_equal(np.unique(as_labels(classes, "classes")), self.classes_)):
            raise ValueError(f"classes must equal classes_ {self.classes_.tolist()} set on the first call")
        X, y = self._start(X, y, classes)
        return self._train(X, self._encode_targets(y), 1)

    def logits(self, X):
        """Raw output scores z (before softmax), shape (n_samples, n_classes).

        Examples
        --------
        >>> m = MLPClassifier(hidden_sizes=(3,)).initialize(2, [0, 1])
        >>> m.logits([[0.0, 1.0]]).shape
        (1, 2)
        """
        self._check_initialized()
        return self._output(self._check_X(X))

    def decision_function(self, X):
        """scikit-learn's decision function: the logits, or for 2 classes z₁ − z₀ (the log-odds).

        Examples
        --------
        >>> m = MLPClassifier(hidden_sizes=(3,)).initialize(2, [0, 1])
        >>> m.decision_function([[0.0, 1.0], [1.0, 0.0]]).shape
        (2,)
        """
        z = self.logits(X)
        return z[:, 1] - z[:, 0] if z.shape[1] == 2 else z

    def predict_proba(self, X):
        """Class probabilities softmax(z), shape (n_samples, n_classes), columns in ``classes_`` order.

        Examples
        --------
        >>> m = MLPClassifier(hidden_sizes=(3,)).initialize(2, [0, 1])
        >>> round(float(m.predict_proba([[0.0, 1.0]]).sum()), 6)
        1.0
        """
        return _activations.softmax(self.logits(X))

    def predict(self, X):
        """The most probable class label for each sample.

        Examples
        --------
        >>> m = MLPClassifier(hidden_sizes=(3,)).initialize(2, ["cat", "dog"])
        >>> m.predict([[0.0, 1.0]])[0] in ("cat", "dog")
        True
        """
        z = self.logits(X)  # first: raises NotFittedError on an unfitted model
        return self.classes_[z.argmax(axis=1)]


class MLPRegressor(RegressorMixin, _BaseMLP):
    """A multi-layer perceptron for regression: linear output, mean-squared-error loss.

    Takes the same parameters as :class:`MLPClassifier`. ``y`` may be 1-D (one output) or
    2-D (several outputs); ``predict`` returns the same shape. ``score`` is R².

    Attributes
    ----------
    n_outputs_ : int
    layers_, loss_layer_, coefs_, intercepts_, loss_history_, val_loss_history_, n_iter_
        As for :class:`MLPClassifier` (``loss_layer_`` is a MeanSquaredError).

    Examples
    --------
    >>> X = np.linspace(-1, 1, 50).reshape(-1, 1)
    >>> model = MLPRegressor(hidden_sizes=(16,), activation="tanh", epochs=200).fit(X, X[:, 0] ** 2)
    >>> model.score(X, X[:, 0] ** 2) > 0.9
    True
    """

    _counts_correct = False

    def _make_head(self):
        return MeanSquaredError()

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
        n_outputs = check_positive_int(n_outputs, "n_outputs")
        self._build(n_features, n_outputs)
        self.n_outputs_ = n_outputs
        self._y_1d = n_outputs == 1
        return self

    def _initialize_from(self, X, y, classes=None):
        self.initialize(X.shape[1], 1 if y.ndim == 1 else y.shape[1])
        self._y_1d = y.ndim == 1

    def _encode_targets(self, y, name="y"):
        T = y.reshape(len(y), -1).astype(self._dtype, copy=False)
        if T.shape[1] != self.n_outputs_:
            raise ValueError(f"{name} must have {self.n_outputs_} output column(s); got {T.shape[1]}")
        return T

    def _output_activation(self, out):
        return out

    def partial_fit(self, X, y):
        """Train for one epoch, continuing from the current weights (building them on first call).

        Examples
        --------
        >>> m = MLPRegressor(hidden_sizes=(2,)).partial_fit([[0.0], [1.0]], [0.0, 1.0])
        >>> m.n_iter_
        1
        """
        X, y = self._start(X, y)
        return self._train(X, self._encode_targets(y), 1)

    def predict(self, X):
        """Predicted values, shape (n_samples,) for a 1-D ``y`` at fit time, else (n_samples, n_outputs).

        Examples
        --------
        >>> MLPRegressor(hidden_sizes=(3,)).initialize(2).predict([[0.0, 1.0]]).shape
        (1,)
        """
        self._check_initialized()
        out = self._output(self._check_X(X))
        return out[:, 0] if self._y_1d else out
