"""GateExplorer: find a perceptron's weights for a logic gate by hand.

Pick a gate, move w₁, w₂ and b: the plot shows the four truth-table points, the decision line
w₁·x₁ + w₂·x₂ + b = 0 with the side where the perceptron answers 1 shaded red, and the
readout is the truth table with ✓/✗ per row ("AND solved!" when all four are right).

Chapter 02 uses it for AND, OR, NAND (and NOR); chapter 03 uses it for XOR, where no setting
gets more than 3 of the 4 rows right.

Stable API (used by several chapters)
------------------------------------
``GateExplorer(gate="AND", w1=1.0, w2=1.0, b=-1.5, gates=GATES, w_range=(-3.0, 3.0), step=0.1)``

- controls: ``.gate`` (Dropdown), ``.w1``, ``.w2``, ``.b`` (FloatSliders), ``.readout`` (HTML);
  CSS classes ``nnlab-gates-gate``, ``-w1``, ``-w2``, ``-b``, ``-readout``;
- ``.picture()`` -> :class:`GatePicture` for the current values; ``.set_weights(w1, w2, b)``;
- pure function :func:`gate_picture(gate, w1, w2, b) <gate_picture>`.

Examples
--------
>>> from nnlib.widgets.gates import gate_picture
>>> p = gate_picture("AND", 1.0, 1.0, -1.5)
>>> p.output.tolist(), p.n_correct, p.status
([0, 0, 0, 1], 4, 'AND solved!')
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w
import numpy as np
from matplotlib.patches import Polygon

from .._checks import check_choice, check_finite_scalar
from ..datasets.logic import logic_gate
from ..language import get_language, tr
from ..plots.gates import (CLASS_COLOURS, CLASS_MARKERS, LIMITS, POSITIVE_SHADE, decision_line,
                           half_plane_polygon)
from ._base import LiveWidget, live_figure

__all__ = ["GATES", "GatePicture", "gate_picture", "truth_table_html", "GateExplorer"]

#: Gates offered by default, in teaching order.
GATES = ("AND", "OR", "NAND", "NOR", "XOR")


@dataclass(frozen=True)
class GatePicture:
    """Everything :class:`GateExplorer` shows for one gate and one (w₁, w₂, b)."""

    gate: str
    w1: float
    w2: float
    b: float
    X: np.ndarray          # (4, 2) inputs
    target: np.ndarray     # (4,) the gate's outputs, the targets y
    z: np.ndarray          # (4,) net inputs w·x + b
    output: np.ndarray     # (4,) perceptron outputs ŷ (1 where z >= 0)
    correct: np.ndarray    # (4,) bool
    n_correct: int
    solved: bool
    status: str            # "AND solved!" or "3 of 4 rows right"
    line: tuple | None     # decision line endpoints in the plot box, or None (w₁ = w₂ = 0)
    positive: np.ndarray   # (k, 2) polygon of the positive side inside the box (k may be 0)
    readout: str           # the readout's HTML


def _fmt(v):
    return f"{round(float(v), 2) + 0.0:.2f}"


def truth_table_html(p):
    """The readout: weights, the truth table with z, output and ✓/✗ per row, and the status line.

    Examples
    --------
    >>> html = truth_table_html(gate_picture("OR", 1.0, 1.0, -1.5))
    >>> "2 of 4 rows right" in html and html.count("✗") == 2
    True
    """
    rows = []
    for (x1, x2), t, z, o, ok in zip(p.X, p.target, p.z, p.output, p.correct):
        mark = '<span style="color:#1b7a2f">✓</span>' if ok else '<span style="color:#b3261e">✗</span>'
        rows.append(f"<tr><td>{x1:.0f}</td><td>{x2:.0f}</td><td>{t}</td><td>{_fmt(z)}</td>"
                    f"<td>{o}</td><td>{mark}</td></tr>")
    colour = "#1b7a2f" if p.solved else "#555"
    return (
        f'<div style="font-family:monospace">w₁ = {_fmt(p.w1)}, w₂ = {_fmt(p.w2)}, b = {_fmt(p.b)}'
        '<table style="border-collapse:collapse;text-align:center">'
        + "<tr><th>x₁</th><th>x₂</th><th>" + tr("target y") + "</th><th>z</th><th>" + tr("output ŷ")
        + "</th><th></th></tr>"
        + "".join(rows)
        + f'</table><b style="color:{colour}">{p.status}</b></div>'
    )


def gate_picture(gate, w1, w2, b):
    """Run a step perceptron (output 1 where w₁x₁ + w₂x₂ + b ≥ 0) on a gate's truth table.

    Parameters
    ----------
    gate : str
        "AND", "OR", "NAND", "NOR", "XOR" or "XNOR" (any case).
    w1, w2, b : float
        Weights and bias.

    Returns
    -------
    GatePicture

    Raises
    ------
    ValueError
        For an unknown gate or non-finite numbers; the message names the argument.

    Examples
    --------
    >>> p = gate_picture("nand", -1.0, -1.0, 1.5)
    >>> p.gate, p.z.tolist(), p.solved
    ('NAND', [1.5, 0.5, 0.5, -0.5], True)
    """
    if not isinstance(gate, str):
        raise TypeError(f"gate must be a gate name such as 'AND'; got {type(gate).__name__}")
    X, y = logic_gate(gate)
    gate = gate.upper()
    w1 = check_finite_scalar(w1, "w1")
    w2 = check_finite_scalar(w2, "w2")
    b = check_finite_scalar(b, "b")
    z = X @ np.array([w1, w2]) + b
    out = (z >= 0).astype(np.int64)
    correct = out == y
    n = int(correct.sum())
    solved = n == len(y)
    status = (tr("{gate} solved!", gate=gate) if solved
              else tr("{n} of {total} rows right", n=n, total=len(y)))
    p = GatePicture(gate=gate, w1=w1, w2=w2, b=b, X=X, target=y, z=z + 0.0, output=out, correct=correct,
                    n_correct=n, solved=solved, status=status, line=decision_line(w1, w2, b),
                    positive=half_plane_polygon(w1, w2, b), readout="")
    object.__setattr__(p, "readout", truth_table_html(p))
    return p


class GateExplorer(LiveWidget):
    """A gate dropdown and sliders for w₁, w₂, b, with the points, decision line and truth table.

    Parameters
    ----------
    gate : str
        Starting gate; must be one of ``gates``.
    w1, w2, b : float
        Starting weights and bias.
    gates : sequence of str
        The gates offered in the dropdown (default AND, OR, NAND, NOR, XOR).
    w_range : (float, float)
        Range of the three sliders.
    step : float
        Slider step.

    Examples
    --------
    >>> ex = GateExplorer("XOR", w1=1.0, w2=1.0, b=-0.5)
    >>> ex.picture().n_correct
    3
    >>> ex.set_weights(1.0, 1.0, -1.5); ex.gate.value = "AND"; ex.picture().solved
    True
    """

    name = "gates"

    def __init__(self, gate="AND", w1=1.0, w2=1.0, b=-1.5, gates=GATES, w_range=(-3.0, 3.0), step=0.1):
        super().__init__()
        gates = tuple(g.upper() for g in gates)
        for g in gates:
            logic_gate(g)  # validates each name
        if not gates:
            raise ValueError("gates must list at least one gate")
        if not isinstance(gate, str):
            raise TypeError(f"gate must be a gate name such as 'AND'; got {type(gate).__name__}")
        check_choice(gate.upper(), "gate", gates)
        lo, hi = float(w_range[0]), float(w_range[1])
        if not lo < hi:
            raise ValueError(f"w_range must be (low, high) with low < high; got {w_range}")
        step = check_finite_scalar(step, "step")
        if step <= 0:
            raise ValueError(f"step must be > 0; got {step}")
        for name, v in (("w1", w1), ("w2", w2), ("b", b)):
            v = check_finite_scalar(v, name)
            if not lo <= v <= hi:
                raise ValueError(f"{name} must lie in w_range {w_range}; got {v}")
        start = gate_picture(gate, w1, w2, b)
        slider = dict(min=lo, max=hi, step=step, readout_format=".1f", continuous_update=True,
                      layout=w.Layout(width="15em"), style={"description_width": "2em"})
        self.gate = self.named("gate", w.Dropdown(options=list(gates), value=start.gate, description=tr("gate"),
                                                  layout=w.Layout(width="10em"),
                                                  # room for three Hangul syllables (게이트)
                                                  style={"description_width": "3em" if get_language() == "en"
                                                         else "3.6em"}))
        self.w1 = self.named("w1", w.FloatSlider(value=start.w1, description="w₁", **slider))
        self.w2 = self.named("w2", w.FloatSlider(value=start.w2, description="w₂", **slider))
        self.b = self.named("b", w.FloatSlider(value=start.b, description="b", **slider))
        self._draw(start)
        self.make_readout()
        self.assemble([self.gate, self.w1, self.w2, self.b], self.readout)
        self.observe(self.gate, self.w1, self.w2, self.b)
        self.refresh()
        self.freeze_layout()

    def _draw(self, p):
        self.fig = live_figure((3.9, 3.6))
        ax = self.ax = self.fig.add_subplot()
        self.shade = Polygon(np.zeros((3, 2)), closed=True, color=POSITIVE_SHADE, alpha=0.12, lw=0, zorder=1)
        ax.add_patch(self.shade)
        (self.line,) = ax.plot([], [], color="k", lw=2, zorder=2)
        self.points = [
            ax.scatter(np.zeros(0), np.zeros(0), s=130, c=CLASS_COLOURS[k], marker=CLASS_MARKERS[k],
                       edgecolors="white", linewidths=1.2, zorder=3, label=tr("target {k}", k=k))
            for k in (0, 1)
        ]
        self.wrong = ax.scatter(np.zeros(0), np.zeros(0), s=420, facecolors="none", edgecolors="k",
                                linewidths=1.5, zorder=4, label=tr("wrong"))
        ax.set_xlim(*LIMITS)
        ax.set_ylim(*LIMITS)
        ax.set_aspect("equal")
        ax.set_xticks([0, 1])
        ax.set_yticks([0, 1])
        ax.set_xlabel("x₁")
        ax.set_ylabel("x₂")
        ax.grid(alpha=0.3)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize=8, frameon=False)
        self.title = ax.set_title("", fontsize=10)
        self.animate(self.shade, self.line, *self.points, self.wrong, self.title)

    # -- API --------------------------------------------------------------------------------
    def picture(self):
        """The pure picture for the controls' current values."""
        return gate_picture(self.gate.value, self.w1.value, self.w2.value, self.b.value)

    def set_weights(self, w1, w2, b):
        """Move the three sliders at once (one redraw)."""
        sliders = (self.w1, self.w2, self.b)
        for s in sliders:
            s.unobserve(self._on_change, names="value")
        try:
            for s, v in zip(sliders, (w1, w2, b)):
                s.value = check_finite_scalar(v, s.description.replace("₁", "1").replace("₂", "2"))
        finally:
            self.observe(*sliders)
        self.refresh()

    def update(self):
        p = self.picture()
        for k in (0, 1):
            self.points[k].set_offsets(p.X[p.target == k].reshape(-1, 2))
        self.wrong.set_offsets(p.X[~p.correct].reshape(-1, 2))
        if len(p.positive) >= 3:
            self.shade.set_xy(p.positive)
            self.shade.set_visible(True)
        else:
            self.shade.set_visible(False)
        if p.line is None:
            self.line.set_data([], [])
        else:
            self.line.set_data(*p.line)
        self.title.set_text(p.status if p.solved else f"{p.gate}: {p.status}")
        self.title.set_color("#1b7a2f" if p.solved else "k")
        self.readout.value = p.readout

