"""A network (신경망) as a list of layers, and the training loop: read this next to chapter 06.

One training step on a mini-batch (X, y) is four lines of :meth:`Network.train_step`:

1. forward: each layer's output is the next layer's input, ŷ = layerₖ(… layer₁(X));
2. loss: the loss layer compares ŷ with y (plus the L2 or L1 penalty, if any);
3. backward: ∂L/∂ŷ goes through the layers in reverse, each storing its ∂L/∂W and ∂L/∂b;
4. update: the optimizer moves every parameter against its gradient.

An epoch (:meth:`Network.train_epoch`) shuffles the samples and does one step per mini-batch.
:class:`nnlib.mlp.MLPClassifier` builds a Network and calls ``train_epoch`` once per epoch.

Examples
--------
>>> import numpy as np
>>> from nnlib.layers import Dense, Tanh, SoftmaxCrossEntropy
>>> from nnlib.optimizers import Adam
>>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
>>> y = np.array([0, 1, 1, 0])                                     # XOR
>>> rng = np.random.default_rng(0)
>>> net = Network([Dense(2, 8, rng, init="xavier"), Tanh(), Dense(8, 2, rng, init="xavier")],
...               loss=SoftmaxCrossEntropy(), optimizer=Adam(lr=0.05))
>>> for epoch in range(300):
...     loss, _ = net.train_epoch(X, y, batch_size=4, rng=rng)
>>> net.forward(X).argmax(axis=1)
array([0, 1, 1, 0])
"""

from __future__ import annotations

import numpy as np

from ._checks import check_has_methods, check_non_negative
from .layers import Dense
from .regularization import l1_gradient, l1_penalty, l2_gradient, l2_penalty

__all__ = ["Network"]


class Network:
    """A feed-forward network: layers applied in order, a loss layer, an optimizer.

    Parameters
    ----------
    layers : list of nnlib.layers.Layer
        Applied in order; the last one's output is ŷ (logits for a classifier).
    loss : nnlib.layers.SoftmaxCrossEntropy or nnlib.layers.MeanSquaredError
        ``loss.forward(y_hat, y)`` returns the mean loss, ``loss.backward()`` ∂L/∂ŷ.
    optimizer : nnlib.optimizers.SGD, Momentum or Adam
        ``optimizer.step(params, grads)`` updates the parameters in place.
    l2 : float, default 0.0
        Weight decay (L2 regularisation): the loss gets + ½·l2·Σ‖W‖² over every Dense layer's W
        (biases are not penalised), so each ∂L/∂W gets + l2·W.
    l1 : float, default 0.0
        L1 regularisation: the loss gets + l1·Σ|W| over every Dense layer's W, so each ∂L/∂W
        gets + l1·sign(W). Both may be set (elastic net).

    Examples
    --------
    >>> from nnlib.layers import Dense, MeanSquaredError
    >>> from nnlib.optimizers import SGD
    >>> net = Network([Dense(1, 1, rng=0)], MeanSquaredError(), SGD(lr=0.1))
    >>> net.params()[0] is net.layers[0].W
    True
    """

    def __init__(self, layers, loss, optimizer, l2=0.0, l1=0.0):
        # Checked once here, so the training step below needs no checks.
        if not isinstance(layers, (list, tuple)):
            raise TypeError(f"layers must be a list of layers; got {type(layers).__name__}")
        for layer in layers:
            check_has_methods(layer, "layers (each)", ("forward", "backward", "params", "grads"), "a layer")
        self.layers = list(layers)
        self.loss = check_has_methods(loss, "loss", ("forward", "backward"), "a loss layer")
        self.optimizer = check_has_methods(optimizer, "optimizer", ("step",), "an optimizer")
        self.l2 = check_non_negative(l2, "l2")
        self.l1 = check_non_negative(l1, "l1")

    def forward(self, X, training=False):
        """ŷ for a batch X of shape (n_samples, n_features); every layer keeps what backward needs."""
        for layer in self.layers:
            X = layer.forward(X, training)
        return X

    def backward(self, grad):
        """Backpropagate ∂L/∂ŷ through the layers in reverse; return ∂L/∂X."""
        for layer in reversed(self.layers):
            grad = layer.backward(grad)
        for W, dW in self._weights_and_grads():
            for lam, _, gradient in self._regularizers():
                dW += gradient(W, lam)
        return grad

    def penalty(self):
        """The penalty ½·l2·Σ‖W‖² + l1·Σ|W| (0 without regularisation)."""
        return sum((penalty(W, lam) for W, _ in self._weights_and_grads() for lam, penalty, _ in self._regularizers()),
                   0.0)

    def _regularizers(self):
        """(rate, penalty, gradient) of each regularisation in use."""
        return [r for r in ((self.l2, l2_penalty, l2_gradient), (self.l1, l1_penalty, l1_gradient)) if r[0]]

    def _weights_and_grads(self):
        return [(layer.W, layer.dW) for layer in self.layers if isinstance(layer, Dense)]

    def params(self):
        """Every layer's parameters, in order (the arrays themselves, not copies)."""
        return [p for layer in self.layers for p in layer.params()]

    def grads(self):
        """Every layer's gradients from the last backward, in the order of :meth:`params`."""
        return [g for layer in self.layers for g in layer.grads()]

    def train_step(self, X, y):
        """One gradient-descent step on the mini-batch (X, y); returns (loss before the step, ŷ)."""
        y_hat = self.forward(X, training=True)
        loss = self.loss.forward(y_hat, y) + self.penalty()
        self.backward(self.loss.backward())
        self.optimizer.step(self.params(), self.grads())
        return loss, y_hat

    def train_epoch(self, X, y, batch_size, rng):
        """One pass over (X, y) in shuffled mini-batches of ``batch_size``, one step each.

        Returns
        -------
        loss : float
            The mean over the epoch's samples of the loss each step saw (before its update).
        y_hat : ndarray
            The output for every sample as its mini-batch was trained, in the order of X.
        """
        order = rng.permutation(len(X))
        total, outputs = 0.0, []
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            loss, y_hat = self.train_step(X[idx], y[idx])
            total += loss * len(idx)
            outputs.append(y_hat)
        return total / len(X), np.concatenate(outputs)[np.argsort(order)]  # back in the order of X

    def __repr__(self):
        return f"Network({self.layers!r}, loss={self.loss!r}, optimizer={self.optimizer!r}, l2={self.l2}, l1={self.l1})"
