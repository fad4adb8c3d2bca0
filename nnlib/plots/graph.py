"""A small computational graph (계산 그래프) with forward values and gradients, for backprop by hand.

Nodes show their forward value (black) and ∂L/∂node (red); each edge shows its *local* gradient
∂(head)/∂(tail). Backpropagation is then visible: a node's gradient is the sum, over its outgoing
edges, of local gradient × the gradient at the edge's head.

Examples
--------
>>> import numpy as np
>>> nodes, edges = tiny_network_graph([1.0, 0.5], [[0.15, 0.25], [0.2, 0.3]], [0.35, 0.35],
...                                   [[0.4], [0.45]], [0.6], 1.0)
>>> sorted(nodes)[:3], len(edges)
(['L', 'h1', 'h2'], 10)
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .. import activations
from ..language import tr
from ..layers import Dense, MeanSquaredError, Sigmoid

__all__ = ["tiny_network_graph", "plot_computational_graph"]


def tiny_network_graph(x, W1, b1, W2, b2, y):
    """Forward values and gradients of a 2-2-1 sigmoid network with loss L = ½(ŷ − y)².

    The network is z = xW1 + b1, h = σ(z), z₃ = h·W2 + b2, ŷ = σ(z₃), built from nnlib's own
    layers (``Dense``, ``Sigmoid``, ``MeanSquaredError``): every number shown is what their
    ``forward`` and ``backward`` return. ``W[i, j]`` joins input i to neuron j, as in
    :class:`nnlib.layers.Dense`.

    Returns
    -------
    nodes : dict
        name -> {"pos": (x, y), "label": str, "value": float, "grad": float} for x1, x2, z1, z2,
        h1, h2, z3, yhat, L.
    edges : list of (tail, head, local_gradient, label)
        The local gradient ∂head/∂tail and a short label such as ``"w₁₁"`` or ``"σ′"``.
    """
    x = np.asarray(x, dtype=float).reshape(1, -1)
    W1, b1 = np.asarray(W1, dtype=float), np.asarray(b1, dtype=float).ravel()
    W2, b2 = np.asarray(W2, dtype=float).reshape(-1, 1), np.asarray(b2, dtype=float).ravel()
    if x.shape != (1, 2) or W1.shape != (2, 2) or b1.shape != (2,) or W2.shape != (2, 1) or b2.shape != (1,):
        raise ValueError("x must have 2 entries, W1 shape (2, 2), b1 2 entries, W2 2 entries and b2 one "
                         "for the 2-2-1 network")
    dense1, sig1, dense2, sig2, head = Dense(2, 2), Sigmoid(), Dense(2, 1), Sigmoid(), MeanSquaredError()
    dense1.W, dense1.b, dense2.W, dense2.b = W1, b1, W2, b2
    z = dense1.forward(x)
    h = sig1.forward(z)
    z3 = dense2.forward(h)
    y_hat = sig2.forward(z3)
    L = head.forward(y_hat, np.array([[float(y)]]))
    dy_hat = head.backward()
    dz3 = sig2.backward(dy_hat)
    dh = dense2.backward(dz3)
    dz = sig1.backward(dh)
    dx = dense1.backward(dz)
    dsig = activations.d_sigmoid(z)[0]  # the local gradients σ′(z) on the edges z → h
    dsig3 = float(activations.d_sigmoid(z3)[0, 0])
    (x, z, h, dx, dz, dh) = (a[0] for a in (x, z, h, dx, dz, dh))
    nodes = {
        "x1": {"pos": (0.0, 1), "label": "x₁", "value": x[0], "grad": dx[0]},
        "x2": {"pos": (0.0, 0), "label": "x₂", "value": x[1], "grad": dx[1]},
        "z1": {"pos": (1.5, 1), "label": "z₁", "value": z[0], "grad": dz[0]},
        "z2": {"pos": (1.5, 0), "label": "z₂", "value": z[1], "grad": dz[1]},
        "h1": {"pos": (3.0, 1), "label": "h₁", "value": h[0], "grad": dh[0]},
        "h2": {"pos": (3.0, 0), "label": "h₂", "value": h[1], "grad": dh[1]},
        "z3": {"pos": (4.5, 0.5), "label": "z₃", "value": z3[0, 0], "grad": dz3[0, 0]},
        "yhat": {"pos": (6.0, 0.5), "label": "ŷ", "value": y_hat[0, 0], "grad": dy_hat[0, 0]},
        "L": {"pos": (7.5, 0.5), "label": "L", "value": L, "grad": 1.0},
    }
    sub = "₁₂"
    edges = []
    for i in range(2):
        for j in range(2):
            edges.append((f"x{i + 1}", f"z{j + 1}", float(W1[i, j]), f"w{sub[i]}{sub[j]}"))
    for j in range(2):
        edges.append((f"z{j + 1}", f"h{j + 1}", float(dsig[j]), "σ′"))
    for j in range(2):
        edges.append((f"h{j + 1}", "z3", float(W2[j, 0]), f"v{sub[j]}"))
    edges.append(("z3", "yhat", dsig3, "σ′"))
    edges.append(("yhat", "L", float(dy_hat[0, 0]), "ŷ − y"))
    for n in nodes.values():
        n["value"], n["grad"] = float(n["value"]), float(n["grad"])
    return nodes, edges


def plot_computational_graph(nodes, edges, ax=None, decimals=4):
    """Draw a computational graph: nodes with value (black) and ∂L/∂node (red), edges with local gradients.

    Parameters
    ----------
    nodes : dict
        name -> {"pos": (x, y), "label": str, "value": float, "grad": float}.
    edges : list of (tail, head, local_gradient, label)
    ax : matplotlib Axes, optional
    decimals : int
        Digits printed.

    Returns
    -------
    matplotlib.axes.Axes
        One ``ax.patches`` arrow per edge; node texts are in ``ax.texts``.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 3.6), layout="constrained")
    fmt = f"{{:.{decimals}f}}"
    for tail, head, local, label in edges:
        (x0, y0), (x1, y1) = nodes[tail]["pos"], nodes[head]["pos"]
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops=dict(arrowstyle="-|>", color="#777", lw=1.2, shrinkA=24, shrinkB=24))
        # straight edges are labelled in the middle, slanted ones near their tail so that
        # crossing edges do not collide
        frac = 0.5 if y0 == y1 else 0.3
        mx, my = x0 + frac * (x1 - x0), y0 + frac * (y1 - y0)
        ax.text(mx, my + 0.06, f"{label} = {fmt.format(local)}", ha="center", va="bottom",
                fontsize=7.5, color="#2ca02c",
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
    for name, n in nodes.items():
        x, y = n["pos"]
        ax.add_patch(plt.Circle((x, y), 0.2, fc="#f2f2f2", ec="#333", lw=1.2, zorder=3))
        ax.text(x, y, n["label"], ha="center", va="center", fontsize=12, zorder=4)
        ax.text(x, y + 0.26, fmt.format(n["value"]), ha="center", va="bottom", fontsize=8.5, zorder=4)
        ax.text(x, y - 0.26, fmt.format(n["grad"]), ha="center", va="top", fontsize=8.5,
                color="#d62728", zorder=4)
    xs = [n["pos"][0] for n in nodes.values()]
    ys = [n["pos"][1] for n in nodes.values()]
    ax.set_xlim(min(xs) - 0.5, max(xs) + 0.5)
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(tr("forward value (black, above) · ∂L/∂node (red, below) · local gradient on each edge (green)"),
                 fontsize=9)
    return ax
