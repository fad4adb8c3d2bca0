"""FunctionApproximator: a one-hidden-layer network, unit by unit, building a 1-D function.

A network with one hidden layer of n units computes

    ŷ(x) = Σᵢ vᵢ·φ(wᵢx + bᵢ) + c,

a sum of n *contributions* vᵢ·φ(wᵢx + bᵢ) plus the output bias c. The widget shows every
contribution (left) and their sum next to the target function (right). The hidden units are
placed by hand, as in the textbook argument for the universal approximation theorem
(보편 근사 정리): with φ = sigmoid, unit i is a steep step at the centre of the i-th of n equal
intervals; with φ = ReLU, a hinge at the interval's left edge. The output weights v and c are
then the least-squares best ones (one linear solve), so what you see is the best this hidden
layer can do, not what gradient descent would find.

Cybenko (1989), "Approximation by superpositions of a sigmoidal function"; Hornik (1991),
"Approximation capabilities of multilayer feedforward networks"; the picture follows
Nielsen, *Neural Networks and Deep Learning* (2015), chapter 4.

Examples
--------
>>> from nnlib.widgets.approximator import approximator_picture
>>> coarse, fine = approximator_picture("sine", 3), approximator_picture("sine", 30)
>>> coarse.rms_error > 0.3 > 0.05 > fine.rms_error     # more units, closer fit
True
>>> fine.contributions.shape                          # one row per hidden unit
(30, 301)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import ipywidgets as w
import numpy as np
from matplotlib.collections import LineCollection

from .. import activations as _act
from .._checks import check_choice, check_positive_int
from ..language import tr
from ._base import LiveWidget, live_figure

__all__ = ["TARGETS", "ACTIVATIONS", "MAX_UNITS", "ApproximatorPicture", "hidden_units",
           "approximator_picture", "picture_limits", "network_contributions", "readout_text", "FunctionApproximator"]

X_RANGE = (-1.0, 1.0)
N_POINTS = 301
MAX_UNITS = 40
#: The hidden activations offered (a step-like one and a hinge).
ACTIVATIONS = ("sigmoid", "relu")
#: Steepness of a sigmoid unit, per unit of interval count: the step rises from 0.1 to 0.9
#: within about a fifth of its interval.
SIGMOID_STEEPNESS = 10.0

#: The target functions on [−1, 1], in the dropdown's order; "yours" is added for a custom one.
TARGETS = {
    "step": lambda x: (x >= 0.2).astype(float),
    "bump": lambda x: ((x >= -0.3) & (x <= 0.3)).astype(float),
    "sine": lambda x: np.sin(2 * np.pi * x),
    "|x|": np.abs,
}

UNIT_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22")


@dataclass(frozen=True)
class ApproximatorPicture:
    """Everything :class:`FunctionApproximator` shows for one setting of its controls."""

    target: str
    n_hidden: int
    activation: str
    x: np.ndarray              # (N_POINTS,) inputs
    y: np.ndarray              # (N_POINTS,) target f(x)
    w: np.ndarray              # (n,) hidden weights wᵢ (set by hand)
    b: np.ndarray              # (n,) hidden biases bᵢ (set by hand)
    v: np.ndarray              # (n,) output weights (least squares)
    c: float                   # output bias (least squares)
    contributions: np.ndarray  # (n, N_POINTS) vᵢ·φ(wᵢx + bᵢ)
    y_hat: np.ndarray          # (N_POINTS,) Σ contributions + c
    max_error: float           # max |ŷ − f| over the grid
    rms_error: float           # √mean (ŷ − f)²
    n_params: int              # 3n + 1: wᵢ, bᵢ, vᵢ and c
    readout: str


def hidden_units(n_hidden, activation, x_range=X_RANGE):
    """The hand-placed hidden layer: weights w and biases b, each of shape (n_hidden,).

    Sigmoid: unit i is φ(s·(x − mᵢ)) with mᵢ the centre of the i-th of ``n_hidden`` equal
    intervals and s = 10·n/(width of the range), a step of height 1 at mᵢ. ReLU: unit i is
    max(0, x − kᵢ) with kᵢ the interval's left edge, a hinge that adds a new slope from kᵢ on.

    Examples
    --------
    >>> w, b = hidden_units(2, "relu")
    >>> w.tolist(), b.tolist()                       # hinges at x = -1 and x = 0
    ([1.0, 1.0], [1.0, -0.0])
    """
    n = check_positive_int(n_hidden, "n_hidden")
    check_choice(activation, "activation", ACTIVATIONS)
    lo, hi = x_range
    edges = np.linspace(lo, hi, n + 1)
    if activation == "sigmoid":
        s = SIGMOID_STEEPNESS * n / (hi - lo)
        centres = (edges[:-1] + edges[1:]) / 2
        return np.full(n, s), -s * centres
    return np.ones(n), -edges[:-1]


def readout_text(target, n_hidden, activation, max_error, rms_error, n_params):
    """The readout's HTML.

    Examples
    --------
    >>> print(readout_text("sine", 5, "relu", 0.12345, 0.05, 16))
    <b>sine</b> with <b>5</b> relu units (16 parameters): largest error |ŷ − f| = <b>0.1235</b>, RMS error <b>0.0500</b>
    """
    values = dict(target=target, n=n_hidden, activation=activation, n_params=n_params, max_error=max_error,
                  rms_error=rms_error)
    if n_hidden == 1:
        return tr("<b>{target}</b> with <b>{n}</b> {activation} unit ({n_params} parameters): "
                  "largest error |ŷ − f| = <b>{max_error:.4f}</b>, RMS error <b>{rms_error:.4f}</b>", **values)
    return tr("<b>{target}</b> with <b>{n}</b> {activation} units ({n_params} parameters): "
              "largest error |ŷ − f| = <b>{max_error:.4f}</b>, RMS error <b>{rms_error:.4f}</b>", **values)


def _target_function(target, custom):
    if target == "yours":
        if custom is None:
            raise ValueError("target 'yours' needs custom=f, a function of a numpy array x")
        return custom
    check_choice(target, "target", (*TARGETS, "yours"))
    return TARGETS[target]


def approximator_picture(target="sine", n_hidden=5, activation="sigmoid", custom=None):
    """Compute the picture for ``n_hidden`` hand-placed units fitted to ``target``.

    Parameters
    ----------
    target : str
        A key of :data:`TARGETS`, or ``"yours"`` with ``custom``.
    n_hidden : int, 1 … :data:`MAX_UNITS`
    activation : {"sigmoid", "relu"}
    custom : callable, optional
        ``custom(x) -> y`` for x a float array of shape (N_POINTS,) in [−1, 1].

    Returns
    -------
    ApproximatorPicture

    Raises
    ------
    ValueError
        Unknown target or activation, n_hidden out of range, or a custom function that does not
        return N_POINTS finite numbers (the message names the argument).

    Examples
    --------
    >>> p = approximator_picture("|x|", 2, "relu")  # |x| is two hinges: exact with 2 ReLU units
    >>> p.max_error < 1e-12, p.v.round(6).tolist(), p.n_params
    (True, [-1.0, 2.0], 7)
    """
    f = _target_function(target, custom)
    n = check_positive_int(n_hidden, "n_hidden")
    if n > MAX_UNITS:
        raise ValueError(f"n_hidden must be <= {MAX_UNITS}; got {n}")
    wts, bias = hidden_units(n, activation)
    x = np.linspace(*X_RANGE, N_POINTS)
    y = np.asarray(f(x), dtype=float)
    if y.shape != x.shape or not np.all(np.isfinite(y)):
        raise ValueError(f"custom must return {N_POINTS} finite numbers for an array x of shape {x.shape}; "
                         f"got shape {y.shape}")
    A = _act.get(activation).f(np.outer(x, wts) + bias)          # (N_POINTS, n) hidden activations
    design = np.column_stack([A, np.ones_like(x)])
    # v and c minimising Σ(ŷ − f)², from the normal equations DᵀD (v, c) = Dᵀf: an (n+1)×(n+1)
    # solve. (np.linalg.lstsq's SVD gives the same numbers but took 40-150 ms instead of 1 ms on
    # a busy 2-core machine, where its threads wait for each other.)
    coef = np.linalg.solve(design.T @ design, design.T @ y)
    v, c = coef[:-1], float(coef[-1])
    contributions = (A * v).T
    y_hat = contributions.sum(axis=0) + c
    err = y_hat - y
    max_error, rms_error = float(np.max(np.abs(err))), float(np.sqrt(np.mean(err**2)))
    return ApproximatorPicture(
        target=target, n_hidden=n, activation=activation, x=x, y=y, w=wts, b=bias, v=v, c=c,
        contributions=contributions, y_hat=y_hat, max_error=max_error, rms_error=rms_error,
        n_params=3 * n + 1, readout=readout_text(target, n, activation, max_error, rms_error, 3 * n + 1))


def picture_limits(target="sine", activation="sigmoid", custom=None):
    """Fixed y-limits of both panels for a target and activation: they cover every unit count.

    Moving the units slider then never changes an axis (a move redraws only the curves); only
    a new target or activation does. The limits of the built-in targets are computed once
    (40 small solves) and cached.

    Returns
    -------
    (units_top, sum_lo, sum_hi) : tuple of float
        The contributions panel spans ±units_top; the sum panel sum_lo … sum_hi.

    Examples
    --------
    >>> picture_limits("|x|", "relu")
    (2.75, -0.11, 1.16)
    """
    if custom is None:
        return _builtin_limits(target, activation)
    return _limits(target, activation, custom)


@functools.lru_cache(maxsize=None)
def _builtin_limits(target, activation):
    return _limits(target, activation, None)


def _limits(target, activation, custom):
    pics = [approximator_picture(target, n, activation, custom) for n in range(1, MAX_UNITS + 1)]
    top = max(max(float(np.max(np.abs(p.contributions))), abs(p.c)) for p in pics)
    lo = min(min(float(p.y.min()), float(p.y_hat.min())) for p in pics)
    hi = max(max(float(p.y.max()), float(p.y_hat.max())) for p in pics)
    pad = 0.1 * (hi - lo if hi > lo else 1.0)
    return round(1.1 * top, 2), round(lo - pad, 2), round(hi + pad, 2)


def network_contributions(model, x):
    """The same decomposition for a trained one-hidden-layer :class:`~nnlib.mlp.MLPRegressor`.

    Parameters
    ----------
    model : fitted MLPRegressor with one hidden layer and one output
    x : array-like of shape (n,)

    Returns
    -------
    contributions : ndarray of shape (n_hidden, n)
        vᵢ·φ(wᵢx + bᵢ) for every hidden unit i.
    c : float
        The output bias; ``contributions.sum(axis=0) + c`` equals ``model.predict(x[:, None])``.

    Examples
    --------
    >>> from nnlib.mlp import MLPRegressor
    >>> x = np.linspace(-1, 1, 50)
    >>> m = MLPRegressor(hidden_sizes=(4,), activation="tanh", epochs=5).fit(x[:, None], x**2)
    >>> parts, c = network_contributions(m, x)
    >>> parts.shape, bool(np.allclose(parts.sum(axis=0) + c, m.predict(x[:, None])))
    ((4, 50), True)
    """
    coefs = model.coefs_
    if len(coefs) != 2 or coefs[0].shape[0] != 1 or coefs[1].shape[1] != 1:
        raise ValueError("model must have one input, one hidden layer and one output; "
                         f"got weight shapes {[W.shape for W in coefs]}")
    x = np.asarray(x, dtype=float).ravel()
    dense, phi = model.network_.layers[:2]
    hidden = phi.forward(dense.forward(x[:, None]))                # (n, n_hidden) φ(wᵢx + bᵢ)
    return (hidden * coefs[1][:, 0]).T, float(model.intercepts_[1][0])


class FunctionApproximator(LiveWidget):
    """A target dropdown, a slider for the number of hidden units and an activation dropdown.

    Parameters
    ----------
    target : str
        Starting target (a key of :data:`TARGETS`, or "yours" when ``custom`` is given).
    n_hidden : int
        Starting number of hidden units (slider 1 … :data:`MAX_UNITS`).
    activation : {"sigmoid", "relu"}
    custom : callable, optional
        Your own target f(x) on [−1, 1]; it appears in the dropdown as "yours".

    Controls carry the CSS classes ``nnlab-approx-target``, ``-units``, ``-activation`` and the
    readout ``nnlab-approx-readout``.

    Examples
    --------
    >>> ex = FunctionApproximator("bump", n_hidden=4)
    >>> ex.units.value = 20
    >>> ex.picture().n_hidden
    20
    """

    name = "approx"

    def __init__(self, target="sine", n_hidden=5, activation="sigmoid", custom=None):
        super().__init__()
        if custom is not None and not callable(custom):
            raise TypeError(f"custom must be a function of x; got {type(custom).__name__}")
        self.custom = custom
        start = approximator_picture(target, n_hidden, activation, custom)  # validates
        options = [*TARGETS, "yours"] if custom is not None else list(TARGETS)
        self.target = self.named("target", w.Dropdown(
            options=options, value=start.target, description=tr("target"),
            layout=w.Layout(width="12em"), style={"description_width": "4em"}))
        self.units = self.named("units", w.IntSlider(
            value=start.n_hidden, min=1, max=MAX_UNITS, step=1, description=tr("hidden units"),
            continuous_update=True, layout=w.Layout(width="24em"), style={"description_width": "6em"}))
        self.activation = self.named("activation", w.Dropdown(
            options=list(ACTIVATIONS), value=start.activation, description="φ",
            layout=w.Layout(width="9em"), style={"description_width": "2em"}))
        self._draw(start)
        self.make_readout()
        self.readout.layout = w.Layout(width="100%", max_width="880px")  # fits a 1024-px projector column
        self.ui = w.VBox([w.HBox([self.target, self.units, self.activation],
                                 layout=w.Layout(flex_flow="row wrap")), self.fig.canvas, self.readout])
        self.ui.add_class(f"nnlab-{self.name}")
        self.observe(self.target, self.units, self.activation)
        self.refresh()
        self.freeze_layout()

    # -- drawing (once) ---------------------------------------------------------------------
    def _draw(self, p):
        self.fig = live_figure((9.2, 3.4))
        ax_u, ax_s = self.fig.subplots(1, 2, sharex=True)
        self.ax_units, self.ax_sum = ax_u, ax_s
        self.unit_lines = LineCollection([], linewidths=1.3)
        ax_u.add_collection(self.unit_lines)
        self.bias_line = ax_u.axhline(p.c, color="0.3", lw=1, ls="--")
        ax_u.axhline(0, color="0.75", lw=0.8, zorder=0)
        ax_u.set_xlim(*X_RANGE)
        ax_u.set_xlabel(tr("input x"))
        ax_u.set_ylabel(r"$v_i\,\varphi(w_i x + b_i)$")
        ax_u.set_title(tr("each hidden unit's contribution (dashed: the output bias c)"), fontsize=9)
        ax_u.grid(alpha=0.3)
        (self.target_line,) = ax_s.plot(p.x, p.y, color="0.55", lw=4, alpha=0.6, label=tr("target f(x)"))
        (self.sum_line,) = ax_s.plot(p.x, p.y_hat, color="#d62728", lw=1.8, label=tr("network ŷ(x) = Σ + c"))
        ax_s.set_xlabel(tr("input x"))
        ax_s.set_ylabel("y")
        ax_s.set_title(tr("the network's output: the contributions' sum + c"), fontsize=9)
        ax_s.legend(loc="lower right", fontsize=8)
        ax_s.grid(alpha=0.3)
        self._limits_for = None
        # Text is most of a render's cost, so the numbers go to the readout, not into titles.
        self.animate(self.unit_lines, self.bias_line, self.target_line, self.sum_line)

    # -- updating ---------------------------------------------------------------------------
    def picture(self):
        """The pure picture for the controls' current values."""
        return approximator_picture(self.target.value, self.units.value, self.activation.value, self.custom)

    def update(self):
        p = self.picture()
        key = (p.target, p.activation)
        if key != self._limits_for:  # axes change only with the target or φ (a full redraw)
            self._limits_for = key
            top, lo, hi = picture_limits(p.target, p.activation, self.custom)
            self.set_limits(self.ax_units, ylim=(-top, top))
            self.set_limits(self.ax_sum, ylim=(lo, hi))
        x = p.x
        self.unit_lines.set_segments([np.column_stack([x, row]) for row in p.contributions])
        self.unit_lines.set_color([UNIT_COLOURS[i % len(UNIT_COLOURS)] for i in range(p.n_hidden)])
        self.bias_line.set_ydata([p.c, p.c])
        self.target_line.set_ydata(p.y)
        self.sum_line.set_ydata(p.y_hat)
        self.readout.value = p.readout
