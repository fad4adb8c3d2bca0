"""GradientDescentExplorer: drag the learning rate and the start point, watch descent crawl, zig-zag or blow up.

Three parts, as every nnlab widget:

1. :func:`descent_picture` (pure) runs :func:`nnlib.descent.gradient_descent_path` and returns the
   path, the loss per step, the verdict (converged / crawling / oscillating / diverged) and the
   readout text;
2. :class:`GradientDescentExplorer` draws a contour map and a loss curve once and moves the
   pure function's numbers into those artists on every change;
3. :func:`compare_optimizers_picture` (pure) runs SGD, momentum and Adam side by side.

Examples
--------
>>> pic = descent_picture("valley", lr=0.05, x0=-4.0, y0=1.5, steps=50)
>>> pic["verdict"], pic["final"].round(4).tolist()
('crawling', [-0.3078, 0.0])
"""

from __future__ import annotations

import functools
import warnings

import ipywidgets as w
import numpy as np
from matplotlib.ticker import MaxNLocator

from .. import descent as D
from .._checks import check_choice, check_finite_scalar, check_positive, check_positive_int
from ..language import tr, translatable
from ._base import LiveWidget, live_figure, shown_options

__all__ = ["VERDICTS", "lr_on_slider", "descent_picture", "readout_html", "compare_optimizers_picture",
           "GradientDescentExplorer"]

#: What each verdict of :func:`nnlib.descent.describe_run` means for the learning rate.
VERDICTS = {
    "converged": translatable("converged ✓"),
    "crawling": translatable("too small (or too few steps): still crawling"),
    "oscillating": translatable("too big: oscillating across the valley"),
    "diverged": translatable("too big: diverged"),
}

#: The verdict in one word, for the loss plot's title.
VERDICT_WORDS = {
    "converged": translatable("converged"),
    "crawling": translatable("crawling"),
    "oscillating": translatable("oscillating"),
    "diverged": translatable("diverged"),
}

#: What the surface dropdown shows for each surface.
SURFACE_LABELS = {"bowl": translatable("bowl"), "valley": translatable("valley"), "banana": translatable("banana")}


_LR_MIN = float(np.log10(0.05)) - 1.7   # ≈ 0.001
_LR_MAX = float(np.log10(0.05)) + 1.8   # ≈ 3.16


def lr_on_slider(lr):
    """The learning rate the explorer's log slider actually takes for ``lr``.

    The browser snaps a log slider's exponent to its grid (steps of 0.01 in log₁₀, about 2.3 %),
    also for a typed value: typing 0.18 gives 10^−0.741 ≈ 0.1815.

    Examples
    --------
    >>> lr_on_slider(0.05), lr_on_slider(0.18)
    (0.05, 0.1815)
    """
    e = _LR_MIN + round((np.log10(check_positive(lr, "lr")) - _LR_MIN) / 0.01) * 0.01
    return float(f"{10 ** min(max(e, _LR_MIN), _LR_MAX):.4g}")


def _fmt(v):
    v = float(v)
    if v != 0 and (abs(v) >= 1e5 or abs(v) < 1e-4):
        return f"{v:.3e}"
    return f"{v:.4f}"


@functools.lru_cache(maxsize=8)
def _background(name, n=70):
    """log10(loss − min + 1e-3) on an n × n grid: the shading behind the contour lines."""
    s = D.get_surface(name)
    xs, ys, Z = s.grid(n)
    return xs, ys, np.log10(Z - s.min_loss + 1e-3)


def descent_picture(surface="valley", lr=0.05, x0=-4.0, y0=1.5, steps=50, optimizer="sgd"):
    """Everything the explorer shows for one setting of its controls.

    Parameters
    ----------
    surface : {"bowl", "valley", "banana"}
    lr : float > 0
        Learning rate (학습률), used rounded to 4 significant digits.
    x0, y0 : float
        Start point.
    steps : int >= 1
    optimizer : {"sgd", "momentum", "adam"}

    Returns
    -------
    dict
        ``path`` (n, 2), ``losses`` (n,), ``verdict`` (key of :data:`VERDICTS`), ``final`` (2,),
        ``final_loss``, ``steps_taken``, ``diverged_at`` (-1 if not), ``surface`` (the Surface),
        ``readout`` (dict label -> text shown in the widget).
    """
    check_choice(surface, "surface", tuple(D.SURFACES))
    # 4 significant digits, as the readout shows it: a log slider's value carries float noise
    # from the browser (10 ** exponent), which must not change the picture
    lr = float(f"{check_positive(lr, 'lr'):.4g}")
    x0 = check_finite_scalar(x0, "x0")
    y0 = check_finite_scalar(y0, "y0")
    steps = check_positive_int(steps, "steps")
    check_choice(optimizer, "optimizer", D.OPTIMIZERS)
    s = D.SURFACES[surface]
    with warnings.catch_warnings():  # a diverging run is a verdict here, not a problem
        warnings.filterwarnings("ignore", "gradient descent .* diverged", RuntimeWarning)
        run = D.gradient_descent_path(s.grad, [x0, y0], lr, steps, optimizer, f=s.f)
    verdict = D.describe_run(run, s)
    final = run.path[-1]
    # Labels stay English here (the keys callers look up); readout_html translates them.
    readout = {
        translatable("verdict"): tr(VERDICTS[verdict]),
        translatable("learning rate"): _fmt(lr),
        translatable("steps taken"): f"{len(run.path) - 1}" + (
            tr(" (stopped: diverged at step {step})", step=run.diverged_at) if run.diverged else ""),
        translatable("final position"): f"({_fmt(final[0])}, {_fmt(final[1])})",
        translatable("final loss"): _fmt(run.losses[-1]),
        translatable("minimum"): tr("({w1}, {w2}), loss {loss}", w1=_fmt(s.minimum[0]), w2=_fmt(s.minimum[1]),
                                    loss=_fmt(s.min_loss)),
    }
    return {
        "path": run.path,
        "losses": run.losses,
        "verdict": verdict,
        "final": final,
        "final_loss": float(run.losses[-1]),
        "steps_taken": len(run.path) - 1,
        "diverged_at": run.diverged_at,
        "surface": s,
        "readout": readout,
    }


def readout_html(readout):
    """The readout dict as the HTML lines the widget shows (one ``label: value`` per line, labels in
    the selected language)."""
    return "<br>".join(f"<b>{tr(k)}</b>: {v}" for k, v in readout.items())


def compare_optimizers_picture(surface="banana", steps=200, lrs=None, start=None):
    """SGD, momentum and Adam from the same start: the runs and each one's final loss.

    Returns
    -------
    dict
        ``runs`` (name -> DescentPath) and ``final_loss`` (name -> float).

    Examples
    --------
    >>> pic = compare_optimizers_picture("banana")
    >>> {k: round(v, 4) for k, v in pic["final_loss"].items()}
    {'sgd': 3.7726, 'momentum': 0.0, 'adam': 0.0}
    """
    runs = D.compare_optimizers(surface, start=start, steps=steps, lrs=lrs)
    return {"runs": runs, "final_loss": {k: float(r.losses[-1]) for k, r in runs.items()}}


_STEP_LIMITS = (10, 20, 50, 100, 200)


def loss_steps_limit(steps):
    """Right end of the loss plot's step axis: the first of 10, 20, 50, 100, 200 that fits.

    Examples
    --------
    >>> loss_steps_limit(1), loss_steps_limit(50), loss_steps_limit(51)
    (10, 50, 100)
    """
    return next((r for r in _STEP_LIMITS if steps <= r), int(steps))


def loss_gap_limits(gap, current=None):
    """y-limits of the loss plot: ``current`` while they still fit the curve snugly, else new ones.

    The curve needs [min − 0.5, max + 0.5]; new limits are that range widened to whole numbers
    plus one, so nearby settings share them and most moves redraw only the curve.

    Examples
    --------
    >>> loss_gap_limits(np.array([-2.2, 0.3]))
    (-4.0, 2.0)
    >>> loss_gap_limits(np.array([-2.0, 0.0]), (-4.0, 2.0))
    (-4.0, 2.0)
    """
    finite = np.asarray(gap, dtype=float)
    finite = finite[np.isfinite(finite)]
    lo, hi = (float(finite.min()) - 0.5, float(finite.max()) + 0.5) if len(finite) else (-1.0, 1.0)
    if current is not None:
        c0, c1 = (float(v) for v in current)
        if c0 <= lo and hi <= c1 and (c1 - c0) <= 2.0 * (hi - lo) + 4.0:
            return c0, c1
    return float(np.floor(lo)) - 1.0, float(np.ceil(hi)) + 1.0


class GradientDescentExplorer(LiveWidget):
    """Gradient descent on a 2-D loss surface, live.

    Controls: surface dropdown, learning-rate slider (log scale), start-point sliders w₁ and w₂,
    steps slider and optimiser dropdown. The left panel shows the contour map with the path,
    the right panel the loss per step (log scale); the readout says whether the learning rate
    crawls, converges, oscillates or diverges, with the final loss and position.

    Examples
    --------
    >>> gd = GradientDescentExplorer(lr=0.3)
    >>> gd.picture["verdict"]
    'diverged'
    """

    name = "descent"

    def __init__(self, surface="valley", lr=0.05, x0=-4.0, y0=1.5, steps=50, optimizer="sgd"):
        super().__init__()
        self.picture = descent_picture(surface, lr, x0, y0, steps, optimizer)  # validates
        style = {"description_width": "initial"}
        # the options are shown in the selected language; the values stay the surfaces' names
        self.surface = self.named("surface", w.Dropdown(
            options=shown_options(D.SURFACES, SURFACE_LABELS), value=surface,
            description=tr("surface"), style=style))
        # exponent grid of 0.01 placed so that 0.05 lies exactly on it: the browser snaps a log
        # slider's value to its grid when it first draws it
        self.lr = self.named("lr", w.FloatLogSlider(value=lr, base=10, min=_LR_MIN, max=_LR_MAX, step=0.01,
                                                    description=tr("learning rate η"), readout_format=".4f",
                                                    style=style, continuous_update=True))
        self.x0 = self.named("x0", w.FloatSlider(value=x0, min=-4.5, max=4.5, step=0.1,
                                                 description=tr("start w₁"), style=style))
        self.y0 = self.named("y0", w.FloatSlider(value=y0, min=-2.0, max=3.0, step=0.1,
                                                 description=tr("start w₂"), style=style))
        self.steps = self.named("steps", w.IntSlider(value=steps, min=1, max=200, step=1,
                                                     description=tr("steps"), style=style))
        self.optimizer = self.named("optimizer", w.Dropdown(options=list(D.OPTIMIZERS), value=optimizer,
                                                            description=tr("optimiser"), style=style))
        self.make_readout()
        self._draw()
        self.update()
        self.freeze_layout()
        self.assemble([self.surface, self.optimizer, self.lr, self.steps, self.x0, self.y0],
                      right=self.readout)
        self.observe(self.surface, self.lr, self.x0, self.y0, self.steps, self.optimizer)

    def values(self):
        """Current control values as keyword arguments of :func:`descent_picture`."""
        return dict(surface=self.surface.value, lr=self.lr.value, x0=self.x0.value, y0=self.y0.value,
                    steps=self.steps.value, optimizer=self.optimizer.value)

    def _draw(self):
        self.fig = live_figure((8.4, 3.4))
        ax, ax2 = self.fig.subplots(1, 2, width_ratios=[1.15, 1])
        self.ax, self.ax_loss = ax, ax2
        xs, ys, img = _background(self.surface.value)
        self.image = ax.imshow(img, origin="lower", extent=(xs[0], xs[-1], ys[0], ys[-1]),
                               aspect="auto", cmap="Blues_r", alpha=0.55, interpolation="bilinear")
        # contour lines cannot be updated in place, so each surface's set is drawn once and shown
        # or hidden when the dropdown changes
        self.contours = {}
        for name in D.SURFACES:
            from ..plots.surfaces import contour_levels

            s = D.SURFACES[name]
            gx, gy, Z = s.grid(60)
            cs = ax.contour(gx, gy, Z, levels=contour_levels(s, 10, 60), colors="#1f3b5c",
                            linewidths=0.6, alpha=0.6)
            cs.set_visible(name == self.surface.value)
            self.contours[name] = cs
        (self.min_marker,) = ax.plot([], [], "*", color="black", ms=12, zorder=5)
        (self.path_line,) = ax.plot([], [], ".-", color="#ff7f0e", lw=1.4, ms=4, zorder=4)
        (self.start_marker,) = ax.plot([], [], "o", color="black", ms=7, zorder=6)
        (self.end_marker,) = ax.plot([], [], "X", color="#d62728", ms=9, zorder=6)
        ax.set_xlabel("w₁")
        ax.set_ylabel("w₂")
        self.title = ax.set_title("")
        # log10 of the loss on a linear axis: the same picture as semilogy without re-typesetting
        # "10^k" tick labels on every move (that mathtext dominated the redraw time)
        (self.loss_line,) = ax2.plot([0], [0], color="#ff7f0e", lw=1.6)
        ax2.set_xlabel(tr("step"))
        ax2.set_ylabel(tr("log₁₀(loss − minimum)"))
        ax2.grid(alpha=0.3)
        self.loss_title = ax2.set_title(tr("loss per step"))
        for a in (ax, ax2):
            a.xaxis.set_major_locator(MaxNLocator(5, integer=a is ax2))
            a.yaxis.set_major_locator(MaxNLocator(5))
        # What a move changes. The shading, contours and both axes' limits are background: they
        # change with the surface, a far start point, or a loss range the axis no longer fits.
        self.animate(self.min_marker, self.path_line, self.start_marker, self.end_marker, self.loss_line,
                     self.loss_title)

    def update(self):
        pic = descent_picture(**self.values())
        self.picture = pic
        s = pic["surface"]
        if self.image.get_extent() != [s.xlim[0], s.xlim[1], s.ylim[0], s.ylim[1]]:
            xs, ys, img = _background(s.name)
            self.image.set_data(img)
            self.image.set_extent((xs[0], xs[-1], ys[0], ys[-1]))
            self.image.set_clim(img.min(), img.max())
        for name, cs in self.contours.items():
            if cs.get_visible() != (name == s.name):
                cs.set_visible(name == s.name)
        P = np.clip(pic["path"], -1e3, 1e3)
        self.path_line.set_data(P[:, 0], P[:, 1])
        self.start_marker.set_data(P[:1, 0], P[:1, 1])
        self.end_marker.set_data(P[-1:, 0], P[-1:, 1])
        self.min_marker.set_data([s.minimum[0]], [s.minimum[1]])
        # the surface's box, widened in steps of 0.5 when the start point lies outside it
        lo = np.floor(2 * (P[0] - 0.2)) / 2
        hi = np.ceil(2 * (P[0] + 0.2)) / 2
        self.set_limits(self.ax, (min(s.xlim[0], lo[0]), max(s.xlim[1], hi[0])),
                        (min(s.ylim[0], lo[1]), max(s.ylim[1], hi[1])))
        self.title.set_text(tr(s.title))
        gap = np.log10(np.maximum(pic["losses"] - s.min_loss, 1e-12))
        self.loss_line.set_data(np.arange(len(gap)), gap)
        self.set_limits(self.ax_loss, (0, loss_steps_limit(self.steps.value)),
                        loss_gap_limits(gap, self.ax_loss.get_ylim()))
        self.loss_title.set_text(tr("loss per step — {verdict}", verdict=tr(VERDICT_WORDS[pic["verdict"]])))
        self.readout.value = readout_html(pic["readout"])
