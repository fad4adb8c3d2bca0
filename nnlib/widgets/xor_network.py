"""XorNetworkExplorer: a hand-wired 2-2-1 network of step neurons, seen in two spaces at once.

Left: the input space (x₁, x₂) with both hidden units' lines and the region where the network
answers 1. Right: the hidden space (h₁, h₂), where the hidden layer has moved the four inputs
and the output unit draws *one* line. With h₁ = OR, h₂ = NAND and output = AND the two red
inputs (0,1) and (1,0) land on the same corner (1, 1) and XOR becomes separable.

Three parts, as every nnlab widget:

1. :func:`xor_network_state` (pure) computes hidden codes, outputs, lines, region images and
   the readout text;
2. :class:`XorNetworkExplorer` draws the artists once and moves that state into them;
3. nine sliders (two hidden units and the output unit: w₁, w₂, b each).

Examples
--------
>>> s = xor_network_state(**XOR_SOLUTION)
>>> s["hidden"].tolist(), s["output"].tolist(), s["solved"]
([[0, 1], [1, 1], [1, 1], [1, 0]], [0, 1, 1, 0], True)
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from .._checks import check_finite_scalar, check_positive_int
from ..plots.decision import REGION_CMAP, class_marker_line
from ..plots.gates import decision_line
from ..language import tr
from ._base import LiveWidget, live_figure

__all__ = ["PARAMS", "XOR_SOLUTION", "LIMITS", "xor_network_state", "forward_step_network",
           "readout_html", "XorNetworkExplorer"]

#: Slider names: hidden unit 1 (w11, w12, b1), hidden unit 2 (w21, w22, b2), output (v1, v2, c).
PARAMS = ("w11", "w12", "b1", "w21", "w22", "b2", "v1", "v2", "c")

#: h₁ = OR, h₂ = NAND, output = AND(h₁, h₂): XOR.
XOR_SOLUTION = dict(w11=1.0, w12=1.0, b1=-0.5, w21=-1.0, w22=-1.0, b2=1.5, v1=1.0, v2=1.0, c=-1.5)

LIMITS = (-0.5, 1.5)
INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
TARGET = np.array([0, 1, 1, 0])
H1_COLOUR = "#ff7f0e"
H2_COLOUR = "#9467bd"
OUT_COLOUR = "#222222"


def forward_step_network(X, W, b, v, c):
    """Hidden codes and outputs of a 2-2-1 step network (step(z) = 1 where z ≥ 0).

    Parameters
    ----------
    X : array (n, 2)
    W : array (2, 2)
        ``W[k]`` holds hidden unit k's two input weights.
    b : array (2,)
        Hidden biases.
    v : array (2,), c : float
        Output unit's weights and bias.

    Returns
    -------
    H : int array (n, 2), y : int array (n,)

    Examples
    --------
    >>> H, y = forward_step_network(INPUTS, [[1, 1], [-1, -1]], [-0.5, 1.5], [1, 1], -1.5)
    >>> y.tolist()
    [0, 1, 1, 0]
    """
    X = np.asarray(X, dtype=float)
    H = (X @ np.asarray(W, dtype=float).T + np.asarray(b, dtype=float) >= 0).astype(np.int64)
    y = (H @ np.asarray(v, dtype=float) + float(c) >= 0).astype(np.int64)
    return H, y


def _line(w1, w2, b):
    seg = decision_line(w1, w2, b, xlim=LIMITS, ylim=LIMITS)
    return ([np.nan, np.nan], [np.nan, np.nan]) if seg is None else (list(seg[0]), list(seg[1]))


def xor_network_state(w11=1.0, w12=1.0, b1=-0.5, w21=-1.0, w22=-1.0, b2=1.5, v1=1.0, v2=1.0, c=-1.5,
                      resolution=60):
    """Everything the explorer shows for one setting of its nine sliders.

    Returns
    -------
    dict with
        ``hidden`` (4, 2) int — the hidden code (h₁, h₂) of each input row;
        ``output`` (4,) int — the network's answer; ``target`` (4,) — XOR;
        ``rows_right`` int, ``solved`` bool;
        ``line_h1``, ``line_h2`` — ((x_a, x_b), (y_a, y_b)) of each hidden unit's line in input
        space (NaN when the unit has no line); ``line_out`` — the output unit's line in h space;
        ``region`` (resolution, resolution) — the network's output over the input box;
        ``region_h`` (resolution, resolution) — the output unit's answer over the h box;
        ``groups`` — for each corner of h space (0,0), (0,1), (1,0), (1,1), the inputs landing there;
        ``hidden_shown`` (4, 2) — where the points are drawn in h space (the codes, pulled apart
        by ±0.09 sideways on a corner that holds both classes);
        ``readout`` — the readout HTML.

    Examples
    --------
    >>> s = xor_network_state(w11=1, w12=1, b1=-0.5, w21=1, w22=1, b2=-1.5, v1=1, v2=-1, c=-0.5)
    >>> s["output"].tolist(), s["rows_right"]
    ([0, 1, 1, 0], 4)
    """
    p = {k: check_finite_scalar(v, k) for k, v in zip(PARAMS, (w11, w12, b1, w21, w22, b2, v1, v2, c))}
    resolution = check_positive_int(resolution, "resolution", minimum=2)
    W = np.array([[p["w11"], p["w12"]], [p["w21"], p["w22"]]])
    b = np.array([p["b1"], p["b2"]])
    v = np.array([p["v1"], p["v2"]])
    H, y = forward_step_network(INPUTS, W, b, v, p["c"])
    g = np.linspace(*LIMITS, resolution)
    gx, gy = np.meshgrid(g, g)
    P = np.column_stack([gx.ravel(), gy.ravel()])
    _, region = forward_step_network(P, W, b, v, p["c"])
    region_h = (v[0] * gx + v[1] * gy + p["c"] >= 0).astype(float)
    groups = {}
    for code in ((0, 0), (0, 1), (1, 0), (1, 1)):
        rows = [tuple(int(t) for t in INPUTS[i]) for i in range(4) if tuple(H[i]) == code]
        groups[code] = rows
    # where the points are drawn in hidden space: at their code, pulled apart sideways on a corner
    # that holds inputs of both classes (those corners are what makes a layer fail)
    shown = H.astype(float)
    for code in groups:
        here = np.all(H == code, axis=1)
        if len(set(TARGET[here].tolist())) == 2:
            shown[here, 0] += np.where(TARGET[here] == 1, 0.09, -0.09)
    right = int((y == TARGET).sum())
    state = dict(
        params=p, hidden=H, hidden_shown=shown, output=y, target=TARGET.copy(), rows_right=right, solved=right == 4,
        line_h1=_line(p["w11"], p["w12"], p["b1"]), line_h2=_line(p["w21"], p["w22"], p["b2"]),
        line_out=_line(p["v1"], p["v2"], p["c"]), region=region.reshape(gx.shape).astype(float),
        region_h=region_h, groups=groups,
    )
    state["readout"] = readout_html(state)
    return state


_PAD = "padding:0 0.45em;text-align:center"


def _num(v):
    v = round(float(v), 2) + 0.0
    return f"{v:.1f}" if v >= 0 else f"−{-v:.1f}"


def _signed(v):
    v = round(float(v), 2) + 0.0
    return f"+ {v:.1f}" if v >= 0 else f"− {-v:.1f}"


def readout_html(state):
    """The readout: one table row per input (x → h → y vs target) and the verdict.

    Examples
    --------
    >>> "rows right 4/4" in readout_html(xor_network_state(**XOR_SOLUTION))
    True
    """
    rows = []
    for i in range(4):
        x1, x2 = (int(t) for t in INPUTS[i])
        h1, h2 = (int(t) for t in state["hidden"][i])
        out, tgt = int(state["output"][i]), int(state["target"][i])
        mark = "✓" if out == tgt else "✗"
        cells = "".join(f'<td style="{_PAD}">{v}</td>' for v in (f"({x1},{x2})", f"({h1},{h2})", out, tgt, mark))
        rows.append(f"<tr>{cells}</tr>")
    verdict = tr("XOR solved ✓") if state["solved"] else tr("not XOR yet")
    p = state["params"]

    def unit(a, b, c, x, y):
        return f"step({_num(p[a])}·{x} {_signed(p[b])}·{y} {_signed(p[c])})"

    eqs = (f"h1 = {unit('w11', 'w12', 'b1', 'x1', 'x2')}<br>h2 = {unit('w21', 'w22', 'b2', 'x1', 'x2')}<br>"
           f"y = {unit('v1', 'v2', 'c', 'h1', 'h2')}")
    return (
        f'<div style="font-family:monospace;font-size:smaller">{eqs}</div>'
        '<table style="border-collapse:collapse;font-family:monospace">'
        + "<tr>" + "".join(f'<th style="{_PAD}">{h}</th>' for h in ("x", "h=(h1,h2)", "y", "XOR", "")) + "</tr>"
        + "".join(rows)
        + "</table><div><b>" + tr("rows right {right}/4", right=state["rows_right"]) + f"</b> · {verdict}</div>"
    )


class XorNetworkExplorer(LiveWidget):
    """Nine sliders for a 2-2-1 step network; input space on the left, hidden space on the right.

    Parameters
    ----------
    **params : float
        Starting values for ``w11, w12, b1, w21, w22, b2, v1, v2, c`` (default: the XOR solution
        h₁ = OR, h₂ = NAND, output = AND).

    Examples
    --------
    >>> ex = XorNetworkExplorer(v1=0.0)
    >>> ex.state["rows_right"]
    2
    """

    name = "xornet"

    def __init__(self, resolution=60, **params):
        super().__init__()
        unknown = set(params) - set(PARAMS)
        if unknown:
            raise ValueError(f"params must be among {', '.join(PARAMS)}; got {sorted(unknown)}")
        start = {**XOR_SOLUTION, **{k: check_finite_scalar(v, k) for k, v in params.items()}}
        self.resolution = check_positive_int(resolution, "resolution", minimum=2)
        self.sliders = {}
        for k in PARAMS:
            self.sliders[k] = self.named(k, w.FloatSlider(
                value=start[k], min=-2.0, max=2.0, step=0.1, description=k, readout_format=".1f",
                continuous_update=True, layout=w.Layout(width="15.5em"),
                style={"description_width": "2.2em"}))
        groups = [(tr("hidden unit h₁"), ("w11", "w12", "b1")), (tr("hidden unit h₂"), ("w21", "w22", "b2")),
                  (tr("output unit y"), ("v1", "v2", "c"))]
        boxes = [w.VBox([w.HTML(f"<b>{title}</b>")] + [self.sliders[k] for k in keys]) for title, keys in groups]
        self.fig = live_figure((7.0, 3.35))
        self._draw()
        self.make_readout()
        self.assemble(boxes, self.readout)
        self.observe(*self.sliders.values())
        self.refresh()
        self.freeze_layout()

    def values(self):
        """The current slider values as a dict (the pure function's arguments)."""
        return {k: float(s.value) for k, s in self.sliders.items()}

    def _draw(self):
        ax, axh = self.fig.subplots(1, 2)
        self.ax, self.axh = ax, axh
        empty = np.zeros((self.resolution, self.resolution))
        ext = (*LIMITS, *LIMITS)
        self.img = ax.imshow(empty, origin="lower", extent=ext, cmap=REGION_CMAP, vmin=0, vmax=1,
                             interpolation="nearest", aspect="equal")
        self.img_h = axh.imshow(empty, origin="lower", extent=ext, cmap=REGION_CMAP, vmin=0, vmax=1,
                                interpolation="nearest", aspect="equal")
        (self.l1,) = ax.plot([], [], color=H1_COLOUR, lw=2.2, label=tr("h₁ line"))
        (self.l2,) = ax.plot([], [], color=H2_COLOUR, lw=2.2, ls="--", label=tr("h₂ line"))
        (self.lout,) = axh.plot([], [], color=OUT_COLOUR, lw=2.2, label=tr("output line"))
        inputs = [class_marker_line(ax, label, *INPUTS[TARGET == label].T, size=9.5) for label in (0, 1)]
        self.hpts = [class_marker_line(axh, label, size=9.5) for label in (0, 1)]
        self.htext = {}
        for code in ((0, 0), (0, 1), (1, 0), (1, 1)):
            self.htext[code] = axh.text(code[0], code[1] + (0.17 if code[1] else -0.17), "", ha="center",
                                        va="center", fontsize=7.5, zorder=4)
        # Plain subscripts, not $...$: matplotlib sets a label with math wholly in its math font,
        # which has no Hangul, so the Korean labels would show boxes.
        titles = (tr("input space: h₁ line orange, h₂ dashed"), tr("hidden space: output line black"))
        squares = []
        for a, (xl, yl), title in zip((ax, axh), (("x₁", "x₂"), ("h₁", "h₂")), titles):
            # no ticks (they are the slowest part of a redraw); a dotted unit square marks 0 and 1
            squares += a.plot([0, 1, 1, 0, 0], [0, 0, 1, 1, 0], ls=":", lw=0.8, color="#777777", zorder=1)
            a.set_xlim(*LIMITS)
            a.set_ylim(*LIMITS)
            a.set_xticks([])
            a.set_yticks([])
            a.set_xlabel(tr("{axis}  (square: 0 to 1)", axis=xl), labelpad=2, fontsize=9)
            a.set_ylabel(yl, labelpad=2)
            a.set_title(title, fontsize=9)
        # The region images change on every move and fill both axes, so everything drawn on them
        # (lines, points, unit squares, labels of the corners, the frames) is redrawn with them.
        self.animate(self.img, self.img_h, *squares, self.l1, self.l2, self.lout, *inputs, *self.hpts,
                     *self.htext.values(), *ax.spines.values(), *axh.spines.values())

    def update(self):
        s = xor_network_state(**self.values(), resolution=self.resolution)
        self.state = s
        self.img.set_data(s["region"])
        self.img_h.set_data(s["region_h"])
        self.l1.set_data(*s["line_h1"])
        self.l2.set_data(*s["line_h2"])
        self.lout.set_data(*s["line_out"])
        H = s["hidden_shown"]
        for label, art in zip((0, 1), self.hpts):
            art.set_data(H[TARGET == label].T)
        for code, txt in self.htext.items():
            rows = s["groups"][code]
            txt.set_text(" ".join(f"({a},{b})" for a, b in rows))
        self.readout.value = s["readout"]
