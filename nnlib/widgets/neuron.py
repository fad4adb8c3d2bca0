"""NeuronExplorer: move a neuron's weights, bias and activation and watch its output change.

Left: the activation curve φ(z) with the current input's net input z marked. Right: the neuron's
activation a = φ(w₁x₁ + w₂x₂ + b) over the input plane, with the line z = 0 and the chosen input point.

The pure function :func:`neuron_picture` computes everything shown; the widget only moves its
result into existing matplotlib artists.

Examples
--------
>>> from nnlib.widgets.neuron import neuron_picture
>>> p = neuron_picture(1.0, 1.0, -1.5, "step", x1=1.0, x2=1.0)
>>> p.z, p.y
(0.5, 1.0)
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w
import numpy as np

from .. import activations as _act
from .._checks import check_choice, check_finite_scalar
from ..language import tr
from ..plots.gates import decision_line
from ..plots.neuron import OUTPUT_CMAP, neuron_grid, output_limits
from ._base import LiveWidget, live_figure

__all__ = ["ACTIVATIONS", "NeuronPicture", "neuron_picture", "readout_text", "NeuronExplorer"]

#: The activations offered in the dropdown, in the order chapter 01 introduces them.
ACTIVATIONS = ("step", "sigmoid", "tanh", "relu")
LIMITS = (-0.5, 1.5)
Z_RANGE = (-4.0, 4.0)
GRID_N = 81
CURVE_N = 201


@dataclass(frozen=True)
class NeuronPicture:
    """Everything :class:`NeuronExplorer` shows for one setting of its controls."""

    w1: float
    w2: float
    b: float
    activation: str
    x1: float
    x2: float
    z: float                 # net input of the chosen point
    y: float                 # activation a = φ(z) of the chosen point
    curve_z: np.ndarray      # (CURVE_N,) z values of the activation curve
    curve_y: np.ndarray      # (CURVE_N,) φ(z)
    curve_ylim: tuple        # y-limits of the left panel
    grid_x: np.ndarray       # (n,) coordinates of the output image
    grid_y: np.ndarray       # (n, n) output over the plane, rows = x₂
    clim: tuple              # colour limits of the image
    line: tuple | None       # ((x_a, x_b), (y_a, y_b)) of z = 0, or None
    readout: str             # the readout's HTML


def _fmt(v):
    # Round first so -0.00001 does not print as "-0.0000".
    return f"{round(float(v), 4) + 0.0:.4f}"


def readout_text(w1, w2, b, activation, x1, x2, z, y):
    """The readout's HTML: the net input written out, then z and the activation a (4 decimals).

    Examples
    --------
    >>> print(readout_text(1, 1, -1.5, "step", 1, 1, 0.5, 1.0))  # doctest: +NORMALIZE_WHITESPACE
    <b>z</b> = w₁·x₁ + w₂·x₂ + b = 1.00·1.00 + 1.00·1.00 + (-1.50) = <b>0.5000</b><br><b>a</b> = step(z) = <b>1.0000</b>
    """
    return (
        f"<b>z</b> = w₁·x₁ + w₂·x₂ + b = {w1:.2f}·{x1:.2f} + {w2:.2f}·{x2:.2f} + ({b:.2f}) = <b>{_fmt(z)}</b><br>"
        f"<b>a</b> = {activation}(z) = <b>{_fmt(y)}</b>"
    )


def neuron_picture(w1, w2, b, activation="sigmoid", x1=1.0, x2=1.0, n=GRID_N):
    """Compute the NeuronExplorer picture for weights ``w1, w2``, bias ``b`` and input ``(x1, x2)``.

    Parameters
    ----------
    w1, w2, b : float
        The neuron's weights (가중치) and bias (편향).
    activation : str
        One of :data:`ACTIVATIONS`.
    x1, x2 : float
        The input point whose z and y are marked and printed.
    n : int
        Grid points per axis of the output image.

    Returns
    -------
    NeuronPicture

    Raises
    ------
    ValueError
        For an unknown activation or a non-finite number (the message names the argument).

    Examples
    --------
    >>> p = neuron_picture(0.5, -1.0, 0.25, "sigmoid", x1=2.0, x2=1.0)
    >>> p.z, round(p.y, 4)
    (0.25, 0.5622)
    """
    w1 = check_finite_scalar(w1, "w1")
    w2 = check_finite_scalar(w2, "w2")
    b = check_finite_scalar(b, "b")
    x1 = check_finite_scalar(x1, "x1")
    x2 = check_finite_scalar(x2, "x2")
    check_choice(activation, "activation", ACTIVATIONS)
    act = _act.get(activation)
    z = w1 * x1 + w2 * x2 + b
    y = float(act.f(np.array([z]))[0])
    curve_z = np.linspace(*Z_RANGE, CURVE_N)
    curve_y = act.f(curve_z)
    lo, hi = output_limits(activation)
    pad = 0.1 * (hi - lo)
    gx, gy = neuron_grid(w1, w2, b, activation, LIMITS, n)
    return NeuronPicture(
        w1=w1, w2=w2, b=b, activation=activation, x1=x1, x2=x2, z=z, y=y,
        curve_z=curve_z, curve_y=curve_y, curve_ylim=(lo - pad, hi + pad),
        grid_x=gx, grid_y=gy, clim=(lo, hi), line=decision_line(w1, w2, b, LIMITS, LIMITS),
        readout=readout_text(w1, w2, b, activation, x1, x2, z, y),
    )


class NeuronExplorer(LiveWidget):
    """Sliders for w₁, w₂, b and the input (x₁, x₂), a dropdown for the activation.

    Parameters
    ----------
    w1, w2, b : float
        Starting weights and bias (sliders span −3 … 3 in steps of 0.1).
    activation : str
        Starting activation, one of :data:`ACTIVATIONS`.
    x1, x2 : float
        Starting input point (sliders span −0.5 … 1.5).

    Controls carry the CSS classes ``nnlab-neuron-w1``, ``-w2``, ``-b``, ``-x1``, ``-x2``,
    ``-activation`` and the readout ``nnlab-neuron-readout``.

    Examples
    --------
    >>> ex = NeuronExplorer(w1=1.0, w2=1.0, b=-1.5, activation="step")
    >>> ex.picture().y
    1.0
    """

    name = "neuron"

    def __init__(self, w1=1.0, w2=1.0, b=-1.5, activation="sigmoid", x1=1.0, x2=1.0):
        super().__init__()
        start = neuron_picture(w1, w2, b, activation, x1, x2)  # validates the arguments
        slider = dict(min=-3.0, max=3.0, step=0.1, readout_format=".1f", continuous_update=True,
                      layout=w.Layout(width="15em"), style={"description_width": "2em"})
        xslider = dict(slider, min=-0.5, max=1.5)
        self.w1 = self.named("w1", w.FloatSlider(value=start.w1, description="w₁", **slider))
        self.w2 = self.named("w2", w.FloatSlider(value=start.w2, description="w₂", **slider))
        self.b = self.named("b", w.FloatSlider(value=start.b, description="b", **slider))
        self.x1 = self.named("x1", w.FloatSlider(value=start.x1, description="x₁", **xslider))
        self.x2 = self.named("x2", w.FloatSlider(value=start.x2, description="x₂", **xslider))
        self.activation = self.named("activation", w.Dropdown(
            options=list(ACTIVATIONS), value=start.activation, description="φ",
            layout=w.Layout(width="11em"), style={"description_width": "2em"}))
        self._draw(start)
        self.make_readout()
        self.assemble([self.w1, self.w2, self.b, self.activation, self.x1, self.x2], self.readout)
        self.observe(self.w1, self.w2, self.b, self.x1, self.x2, self.activation)
        self.refresh()
        self.freeze_layout()

    # -- drawing (once) ---------------------------------------------------------------------
    def _draw(self, p):
        self.fig = live_figure((7.6, 3.3))
        ax_c, ax_p = self.fig.subplots(1, 2, width_ratios=(1, 1.15))
        self.ax_curve, self.ax_plane = ax_c, ax_p
        (self.curve,) = ax_c.plot(p.curve_z, p.curve_y, color="#1f77b4", lw=2)
        self.z_vline = ax_c.axvline(p.z, color="0.4", lw=1, ls=":")
        (self.z_mark,) = ax_c.plot([p.z], [p.y], "o", color="#d62728", ms=8, zorder=3)
        ax_c.axhline(0, color="0.7", lw=0.8, zorder=0)
        ax_c.axvline(0, color="0.7", lw=0.8, zorder=0)
        ax_c.set_xlim(*Z_RANGE)
        # Few fixed ticks: tick labels are most of a redraw's cost.
        ax_c.set_xticks([Z_RANGE[0], Z_RANGE[0] / 2, 0, Z_RANGE[1] / 2, Z_RANGE[1]])
        ax_c.set_xlabel(tr("net input z"))
        ax_c.set_ylabel(tr("activation a = φ(z)"))
        self.curve_title = ax_c.set_title("", fontsize=9)
        ax_c.grid(alpha=0.3)

        gx = p.grid_x
        self.image = ax_p.imshow(p.grid_y, origin="lower", extent=(gx[0], gx[-1], gx[0], gx[-1]),
                                 cmap=OUTPUT_CMAP, interpolation="nearest", vmin=p.clim[0], vmax=p.clim[1])
        (self.zero_line,) = ax_p.plot([], [], color="k", lw=1.5, ls="--")
        corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
        self.corners = ax_p.scatter(corners[:, 0], corners[:, 1], s=30, facecolors="none", edgecolors="0.3",
                                    zorder=2)
        (self.point,) = ax_p.plot([p.x1], [p.x2], "o", color="#d62728", mec="white", ms=9, zorder=3)
        ax_p.set_xlim(*LIMITS)
        ax_p.set_ylim(*LIMITS)
        ax_p.set_xticks([0, 1])
        ax_p.set_yticks([0, 1])
        ax_p.set_xlabel("x₁")
        ax_p.set_ylabel("x₂")
        ax_p.set_title(tr("activation a over the input plane (dashed: z = 0)"), fontsize=9)
        self.colorbar = self.fig.colorbar(self.image, ax=ax_p, shrink=0.9)
        self._activation_shown = None
        # What a move changes; the corners and the frame sit on the image, so they are redrawn
        # with it. The curve, its limits and the colour scale change only with the activation
        # (a full redraw then).
        self.animate(self.z_vline, self.z_mark, self.curve_title, self.image, self.zero_line,
                     self.corners, self.point, *ax_p.spines.values())

    # -- updating ---------------------------------------------------------------------------
    def picture(self):
        """The pure picture for the controls' current values."""
        return neuron_picture(self.w1.value, self.w2.value, self.b.value, self.activation.value,
                              self.x1.value, self.x2.value)

    def update(self):
        p = self.picture()
        if p.activation != self._activation_shown:  # static parts: the next render is a full one
            self._activation_shown = p.activation
            self.curve.set_ydata(p.curve_y)
            self.ax_curve.set_ylim(*p.curve_ylim)
            ticks = [p.clim[0], (p.clim[0] + p.clim[1]) / 2, p.clim[1]]
            self.ax_curve.set_yticks(ticks)
            self.image.set_clim(*p.clim)
            self.colorbar.set_ticks(ticks)
            self.request_full_redraw()
        zc = float(np.clip(p.z, *Z_RANGE))  # keep the marker on screen; the readout has the exact z
        self.z_vline.set_xdata([zc, zc])
        self.z_mark.set_data([zc], [p.y])
        self.curve_title.set_text(f"{p.activation}:  z = {p.z:.2f} → a = {p.y:.3f}")
        self.image.set_data(p.grid_y)
        if p.line is None:
            self.zero_line.set_data([], [])
        else:
            self.zero_line.set_data(*p.line)
        self.point.set_data([p.x1], [p.x2])
        self.readout.value = p.readout

