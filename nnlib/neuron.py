"""One artificial neuron (인공 뉴런): a weighted sum of the inputs plus a bias, then an activation.

    z = x · w + b        (the net input, 순입력)
    a = φ(z)             (the activation: the neuron's output)

Examples
--------
>>> from nnlib.neuron import Neuron
>>> and_gate = Neuron(weights=[1.0, 1.0], bias=-1.5, activation="step")
>>> and_gate([[0, 0], [0, 1], [1, 0], [1, 1]])
array([0., 0., 0., 1.])
"""

from __future__ import annotations

from . import activations
from ._checks import as_1d_float, as_float_array, check_finite_scalar, check_n_features

__all__ = ["Neuron", "neuron_output"]


def _inputs(X, n_features):
    """X as a 2-D batch (n, d) or one 1-D sample (d,); returns the array and whether it was 1-D."""
    X = as_float_array(X, "X")
    if X.ndim == 1:
        if X.shape[0] != n_features:
            raise ValueError(f"X must have {n_features} entries (one per weight); got {X.shape[0]}")
        return X, True
    if X.ndim != 2:
        raise ValueError(f"X must be one sample of shape ({n_features},) or a batch of shape "
                         f"(n_samples, {n_features}); got shape {X.shape}")
    check_n_features(X, n_features, "X")
    return X, False


class Neuron:
    """A single neuron with fixed weights: ``a = φ(X · w + b)``.

    Parameters
    ----------
    weights : array-like of shape (n_features,)
        One weight per input.
    bias : float, default 0.0
        Added to the weighted sum; −bias is the neuron's threshold.
    activation : str or nnlib.activations.Activation, default "step"
        Any name :func:`nnlib.activations.get` accepts.

    Attributes
    ----------
    weights : ndarray of shape (n_features,)
    bias : float
    activation : nnlib.activations.Activation

    Examples
    --------
    >>> n = Neuron([0.5, -1.0], bias=0.25, activation="sigmoid")
    >>> n.net_input([1.0, 1.0])
    -0.25
    >>> n([[0.0, 0.0], [2.0, 0.0]]).round(3)
    array([0.562, 0.777])
    """

    def __init__(self, weights, bias=0.0, activation="step"):
        self.weights = as_1d_float(weights, "weights")
        self.bias = check_finite_scalar(bias, "bias")
        self.activation = activations.get(activation)

    @property
    def n_features(self):
        """Number of inputs (the length of ``weights``)."""
        return self.weights.shape[0]

    def net_input(self, X):
        """The weighted sum z = X · w + b.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features) or (n_features,)

        Returns
        -------
        ndarray of shape (n_samples,), or a float for a single 1-D sample.

        Examples
        --------
        >>> Neuron([2.0, 1.0], bias=-1.0).net_input([[1.0, 1.0], [0.0, 0.0]])
        array([ 2., -1.])
        """
        X, single = _inputs(X, self.n_features)
        z = X @ self.weights + self.bias
        return float(z) if single else z

    def forward(self, X):
        """The neuron's output, its activation a = φ(z), for a batch or a single sample.

        Examples
        --------
        >>> Neuron([1.0, 1.0], bias=-0.5, activation="step").forward([[0, 0], [1, 0]])
        array([0., 1.])
        """
        X, single = _inputs(X, self.n_features)
        a = self.activation.f(X @ self.weights + self.bias)
        return float(a) if single else a

    __call__ = forward

    def __repr__(self):
        return f"Neuron(weights={self.weights.tolist()!r}, bias={self.bias!r}, activation={self.activation.name!r})"


def neuron_output(X, weights, bias=0.0, activation="step"):
    """Output φ(X · w + b) of a neuron given by its weights, without building a :class:`Neuron`.

    Examples
    --------
    >>> neuron_output([[0, 0], [1, 1]], weights=[1.0, 1.0], bias=-1.5)
    array([0., 1.])
    """
    return Neuron(weights, bias, activation).forward(X)
