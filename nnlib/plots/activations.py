"""Plots of activation functions (활성화 함수) and their derivatives.

Examples
--------
>>> from nnlib.plots.activations import plot_activations
>>> fig, axes = plot_activations(["sigmoid", "relu"])
>>> len(axes)
2
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .. import activations as _act
from ..language import tr

__all__ = ["plot_activations", "FUNCTION_COLOUR", "DERIVATIVE_COLOUR"]

FUNCTION_COLOUR = "#1f77b4"
DERIVATIVE_COLOUR = "#ff7f0e"

_RANGE_TEXT = {
    "step": "{0, 1}",
    "sigmoid": "(0, 1)",
    "tanh": "(−1, 1)",
    "relu": "[0, ∞)",
    "leaky_relu": "(−∞, ∞)",
    "linear": "(−∞, ∞)",
}


def plot_activations(names=("step", "sigmoid", "tanh", "relu"), z_range=(-4.0, 4.0), derivatives=True,
                     axes=None):
    """Draw each activation φ(z) (solid) and, optionally, its derivative φ'(z) (dashed).

    Parameters
    ----------
    names : sequence of str
        Activation names understood by :func:`nnlib.activations.get` (not ``"softmax"``).
    z_range : (float, float)
        The z interval shown.
    derivatives : bool
        Also draw φ'(z).
    axes : sequence of Axes, optional
        One Axes per name; a new 1 × len(names) figure is made when omitted.

    Returns
    -------
    fig : Figure
    axes : list of Axes

    Examples
    --------
    >>> fig, axes = plot_activations(["tanh"], derivatives=False)
    >>> len(axes[0].lines)   # φ(z) and the two axis lines
    3
    """
    names = [names] if isinstance(names, str) else list(names)
    if not names:
        raise ValueError("names must list at least one activation")
    acts = [_act.get(n) for n in names]
    if any(a.name == "softmax" for a in acts):
        raise ValueError("names must not contain 'softmax' (it acts on a whole vector, not on one z)")
    lo, hi = float(z_range[0]), float(z_range[1])
    if not lo < hi:
        raise ValueError(f"z_range must be (low, high) with low < high; got {z_range}")
    if axes is None:
        fig, axes = plt.subplots(1, len(acts), figsize=(3.0 * len(acts), 2.8), sharex=True,
                                 layout="constrained", squeeze=False)
        axes = list(axes[0])
    else:
        axes = list(np.atleast_1d(axes))
        if len(axes) != len(acts):
            raise ValueError(f"axes must hold one Axes per name ({len(acts)}); got {len(axes)}")
        fig = axes[0].figure
    z = np.linspace(lo, hi, 401)
    for ax, act in zip(axes, acts):
        y = act.f(z)
        if act.name == "step":
            # Break the line at the jump instead of drawing a vertical segment.
            y = y.copy()
            y[np.argmax(z >= 0) - 1] = np.nan
        ax.plot(z, y, color=FUNCTION_COLOUR, lw=2, label="φ(z)")
        if derivatives:
            ax.plot(z, act.df(z), color=DERIVATIVE_COLOUR, lw=1.5, ls="--", label="φ′(z)")
        ax.axhline(0, color="0.6", lw=0.8, zorder=0)
        ax.axvline(0, color="0.6", lw=0.8, zorder=0)
        rng = _RANGE_TEXT.get(act.name, "")
        ax.set_title(tr("{name}   range {range}", name=act.name, range=rng) if rng else act.name, fontsize=10)
        ax.set_xlabel("z")
        ax.set_xlim(lo, hi)
        ax.set_ylim(-1.2, 2.2 if act.name in ("relu", "leaky_relu", "linear") else 1.3)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel(tr("output"))
    axes[0].legend(loc="upper left", fontsize=8, frameon=False)
    return fig, axes
