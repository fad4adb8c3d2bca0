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

__all__ = ["layer_gradient_sizes", "plot_gradient_sizes"]

_INIT = {"sigmoid": "xavier", "tanh": "xavier", "relu": "he", "leaky_relu": "he"}


def layer_gradient_sizes(activation="sigmoid", n_layers=10, width=32, n_samples=64, random_state=0):
    """Mean |∂L/∂W| of each hidden layer of a deep network, after one backward pass.

    The network is ``n_layers`` blocks of ``Dense(width) → activation`` (Xavier initialisation for
    sigmoid/tanh, He for ReLU) and a linear ``Dense(1)`` output, trained on nothing: random inputs
    and targets, mean squared error. Only the sizes of the gradients matter here.

    Returns
    -------
    ndarray of shape (n_layers,)
        Layer 1 (nearest the input) first.
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

    Returns
    -------
    matplotlib.axes.Axes
        One line per entry of ``sizes``, x = layer number 1..n.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.6), layout="constrained")
    colours = {"sigmoid": "#9467bd", "relu": "#2ca02c", "tanh": "#ff7f0e"}
    for i, (label, s) in enumerate(sizes.items()):
        s = np.asarray(s, dtype=float)
        ax.semilogy(np.arange(1, len(s) + 1), s, "o-", lw=1.8,
                    color=colours.get(label.split()[0].lower(), f"C{i}"), label=label)
    ax.set_xlabel("layer (1 = next to the input)")
    ax.set_ylabel("mean |∂L/∂W| (log scale)")
    ax.set_title("gradient size per layer")
    ax.grid(alpha=0.3, which="both")
    ax.legend()
    return ax
