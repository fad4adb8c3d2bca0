"""How big the gradient is in each layer: the picture of vanishing gradients (기울기 소실).

Examples
--------
>>> from nnlib.plots.gradients import layer_gradient_sizes
>>> sizes = layer_gradient_sizes("sigmoid", n_layers=4, random_state=0)
>>> sizes.shape, bool(sizes[0] < sizes[-1])
((4,), True)
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .._checks import check_choice, check_positive_int
from ..language import tr

__all__ = ["layer_gradient_sizes", "plot_gradient_sizes"]

_INIT = {"sigmoid": "xavier", "tanh": "xavier", "relu": "he", "leaky_relu": "he"}


def layer_gradient_sizes(activation="sigmoid", n_layers=10, width=32, n_samples=64, random_state=0):
    """Mean |∂L/∂W| of each hidden layer of a deep network, after one backward pass.

    The network is ``n_layers`` blocks of ``Dense(width) → activation`` (Xavier initialisation for
    sigmoid/tanh, Glorot & Bengio 2010; He for ReLU, He et al. 2015) and a linear ``Dense(1)``
    output, trained on nothing: random inputs and targets, mean squared error. Only the sizes of
    the gradients matter here (the vanishing gradient problem, Hochreiter 1991; Glorot & Bengio
    2010).

    Parameters
    ----------
    activation : {"sigmoid", "tanh", "relu", "leaky_relu"}, default "sigmoid"
    n_layers : int, default 10
    width : int, default 32
    n_samples : int, default 64
    random_state : int, numpy Generator or None, default 0

    Returns
    -------
    ndarray of shape (n_layers,), float
        Layer 1 (nearest the input) first.

    Raises
    ------
    ValueError, TypeError
        For an unknown activation or a non-positive size.

    Examples
    --------
    >>> sizes = layer_gradient_sizes("relu", n_layers=3, width=8, random_state=0)
    >>> sizes.shape, bool(np.all(sizes > 0))
    ((3,), True)
    """
    from .. import layers as Lyr

    check_choice(activation, "activation", tuple(_INIT))
    n_layers = check_positive_int(n_layers, "n_layers")
    width = check_positive_int(width, "width")
    n_samples = check_positive_int(n_samples, "n_samples")
    rng = np.random.default_rng(random_state)
    X = rng.standard_normal((n_samples, width))
    y = rng.standard_normal((n_samples, 1))
    net = []
    for _ in range(n_layers):
        net += [Lyr.Dense(width, width, rng, init=_INIT[activation]), Lyr.activation_layer(activation)]
    net.append(Lyr.Dense(width, 1, rng, init="xavier"))
    out = X
    for layer in net:
        out = layer.forward(out)
    head = Lyr.MeanSquaredError()
    head.forward(out, y)
    grad = head.backward()
    for layer in reversed(net):
        grad = layer.backward(grad)
    return np.array([np.mean(np.abs(layer.dW)) for layer in net[:-1:2]])


def plot_gradient_sizes(sizes, ax=None):
    """Gradient size per layer (log scale), one line per network (``sizes``: label -> array).

    Parameters
    ----------
    sizes : dict of str -> array-like of shape (n_layers,)
        E.g. ``{"sigmoid": layer_gradient_sizes("sigmoid")}``; a label starting with "sigmoid",
        "relu" or "tanh" gets that activation's colour.
    ax : Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One line per entry of ``sizes``, x = layer number 1..n.

    Examples
    --------
    >>> ax = plot_gradient_sizes({"sigmoid": [1e-4, 1e-2, 1.0]})
    >>> ax.lines[0].get_xdata().tolist(), ax.get_xlabel()
    ([1, 2, 3], 'layer (1 = next to the input)')
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.6), layout="constrained")
    colours = {"sigmoid": "#9467bd", "relu": "#2ca02c", "tanh": "#ff7f0e"}
    for i, (label, s) in enumerate(sizes.items()):
        s = np.asarray(s, dtype=float)
        ax.semilogy(np.arange(1, len(s) + 1), s, "o-", lw=1.8,
                    color=colours.get(label.split()[0].lower(), f"C{i}"), label=label)
    ax.set_xlabel(tr("layer (1 = next to the input)"))
    ax.set_ylabel(tr("mean |∂L/∂W| (log scale)"))
    ax.set_title(tr("gradient size per layer"))
    ax.grid(alpha=0.3, which="both")
    ax.legend()
    return ax
