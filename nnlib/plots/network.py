"""Network diagrams: one column of nodes per layer, one edge per weight.

An edge's colour gives the weight's sign (red positive, blue negative) and its width ``|w|``,
so the diagram of a trained network shows at a glance which connections matter.

Weights follow scikit-learn's convention: ``weights[k]`` has shape (n_in, n_out) and connects
layer ``k`` to layer ``k + 1`` (``MLPClassifier.coefs_`` is such a list).

Examples
--------
>>> import numpy as np
>>> W1 = np.array([[1.0, -1.0], [1.0, -1.0]])   # 2 inputs -> 2 hidden units
>>> W2 = np.array([[1.0], [1.0]])               # 2 hidden -> 1 output
>>> ax = plot_network([W1, W2])
>>> len(ax.collections[0].get_segments())       # 4 + 2 edges
6
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection

from ..language import tr

__all__ = ["POSITIVE", "NEGATIVE", "layer_sizes", "network_layout", "network_edges", "plot_network"]

POSITIVE = "#d62728"  # red: positive weight
NEGATIVE = "#1f77b4"  # blue: negative weight


def _weights_of(model_or_weights):
    """The list of (n_in, n_out) weight matrices of a model or a list of matrices."""
    if hasattr(model_or_weights, "coefs_"):
        weights = list(model_or_weights.coefs_)
    elif isinstance(model_or_weights, (list, tuple)):
        weights = list(model_or_weights)
    else:
        raise TypeError(
            "weights must be a list of (n_in, n_out) weight matrices or a fitted model with coefs_; "
            f"got {type(model_or_weights).__name__}"
        )
    if not weights:
        raise ValueError("weights must hold at least one weight matrix")
    mats = []
    for k, W in enumerate(weights):
        W = np.asarray(W, dtype=float)
        if W.ndim == 1:
            W = W[:, None]
        if W.ndim != 2:
            raise ValueError(f"weights[{k}] must be a 2-D (n_in, n_out) matrix; got shape {W.shape}")
        if mats and mats[-1].shape[1] != W.shape[0]:
            raise ValueError(
                f"weights[{k}] has {W.shape[0]} rows but weights[{k - 1}] has {mats[-1].shape[1]} columns"
            )
        mats.append(W)
    return mats


def layer_sizes(model_or_weights):
    """Number of nodes per layer, input first.

    Examples
    --------
    >>> layer_sizes([np.zeros((2, 4)), np.zeros((4, 1))])
    [2, 4, 1]
    """
    mats = _weights_of(model_or_weights)
    return [mats[0].shape[0]] + [W.shape[1] for W in mats]


def network_layout(sizes, width=1.0, height=1.0):
    """Node positions: layer ``k`` at x = k·width/(L−1), its nodes top to bottom, centred.

    Returns
    -------
    list of ndarray, one (n_k, 2) array of (x, y) positions per layer.

    Examples
    --------
    >>> [p.tolist() for p in network_layout([1, 2])]
    [[[0.0, 0.5]], [[1.0, 0.75], [1.0, 0.25]]]
    """
    sizes = [int(s) for s in sizes]
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(f"sizes must list at least two layers of >= 1 node; got {sizes}")
    n_max = max(sizes)
    out = []
    for k, n in enumerate(sizes):
        x = width * k / (len(sizes) - 1)
        # same spacing in every layer, centred vertically
        ys = height * (np.arange(n) + 0.5 + (n_max - n) / 2) / n_max
        out.append(np.column_stack([np.full(n, x), ys[::-1]]))
    return out


def network_edges(model_or_weights):
    """Edge segments, signed weights and line widths for :func:`plot_network`.

    Returns
    -------
    segments : ndarray of shape (n_edges, 2, 2)
    weights : ndarray of shape (n_edges,)
    widths : ndarray of shape (n_edges,)
        0.4 + 3.6·|w| / max|w| points.

    Examples
    --------
    >>> seg, w, lw = network_edges([np.array([[2.0], [-1.0]])])
    >>> seg.shape, w.tolist(), lw.tolist()
    ((2, 2, 2), [2.0, -1.0], [4.0, 2.2])
    """
    mats = _weights_of(model_or_weights)
    pos = network_layout(layer_sizes(mats))
    segs, ws = [], []
    for k, W in enumerate(mats):
        a, b = pos[k], pos[k + 1]
        i, j = np.meshgrid(np.arange(W.shape[0]), np.arange(W.shape[1]), indexing="ij")
        segs.append(np.stack([a[i.ravel()], b[j.ravel()]], axis=1))
        ws.append(W.ravel())
    segments = np.concatenate(segs)
    weights = np.concatenate(ws)
    top = np.abs(weights).max()
    widths = 0.4 + 3.6 * (np.abs(weights) / top if top > 0 else np.zeros_like(weights))
    return segments, weights, widths


def plot_network(model_or_weights, ax=None, layer_names=None, title=None, node_size=None):
    """Draw a network: nodes per layer, edges red (w > 0) or blue (w < 0), width ∝ |w|.

    Parameters
    ----------
    model_or_weights : list of (n_in, n_out) arrays, or a model with ``coefs_``
    ax : Axes, optional
    layer_names : list of str, optional
        Labels under each layer; default "input", "hidden 1", ..., "output".
    title : str, optional

    Returns
    -------
    ax : Axes

    Examples
    --------
    >>> ax = plot_network([np.ones((2, 3)), -np.ones((3, 1))])
    >>> len(ax.collections[1].get_offsets())   # 2 + 3 + 1 nodes
    6
    """
    mats = _weights_of(model_or_weights)
    sizes = layer_sizes(mats)
    pos = network_layout(sizes)
    if layer_names is None:
        layer_names = [tr("input")] + [tr("hidden {k}", k=k) for k in range(1, len(sizes) - 1)] + [tr("output")]
    if len(layer_names) != len(sizes):
        raise ValueError(f"layer_names must have {len(sizes)} entries (one per layer); got {len(layer_names)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(1.6 + 1.5 * len(sizes), 0.6 + 0.45 * max(max(sizes), 3)),
                             layout="constrained")
    segments, weights, widths = network_edges(mats)
    colours = np.where(weights >= 0, POSITIVE, NEGATIVE)
    ax.add_collection(LineCollection(segments, colors=colours, linewidths=widths, alpha=0.75, zorder=1))
    nodes = np.concatenate(pos)
    size = node_size or max(60.0, 420.0 / max(sizes))
    ax.scatter(nodes[:, 0], nodes[:, 1], s=size, c="white", edgecolors="#333333", linewidths=1.3, zorder=2)
    for k, name in enumerate(layer_names):
        ax.text(pos[k][0, 0], -0.06, f"{name}\n({sizes[k]})", ha="center", va="top", fontsize="small")
    ax.plot([], [], color=POSITIVE, lw=2, label="w > 0")
    ax.plot([], [], color=NEGATIVE, lw=2, label="w < 0")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small", frameon=False)
    ax.set_xlim(-0.12, 1.12)
    ax.set_ylim(-0.22, 1.04)
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax
