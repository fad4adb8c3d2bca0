"""RuleStepper: watch Hebb's rule, the perceptron rule and the delta rule learn, one sample at a time.

Three parts, as every nnlab widget:

1. :func:`stepper_state` (pure) replays a rule with :func:`nnlib.learning_rules.train_steps` and
   returns the state after ``k`` single-sample steps: weights, the step just made, the decision
   line, the misclassified-after-each-epoch curve and the readout text;
2. :class:`RuleStepper` draws the data, the line and the curve once and moves the pure
   function's numbers into them;
3. buttons Step (k + 1), Epoch (to the end of the current epoch) and Reset (k = 0). Changing a
   dropdown or the learning rate starts again from k = 0.

Examples
--------
>>> st = stepper_state("perceptron", "AND", "binary", lr=1.0, k=24)
>>> st["w"].tolist(), st["b"]
([2.0, 1.0], -3.0)
"""

from __future__ import annotations

import functools
import math

import ipywidgets as w
import numpy as np
from matplotlib.patches import Polygon
from matplotlib.ticker import MaxNLocator

from .. import learning_rules as LR
from .._checks import check_choice, check_positive, check_positive_int
from ..datasets import blobs, logic_gate
from ..datasets.logic import ENCODINGS, LEVELS
from ..language import get_language, tr, translatable
from ..plots.gates import CLASS_COLOURS, decision_line, half_plane_polygon
from ..plots.training import MISCLASSIFIED_LABEL, MISCLASSIFIED_XLABEL
from ._base import LiveWidget, doubled_limit, live_figure, shown_options

__all__ = ["RULES", "DATASETS", "ENCODINGS", "LEARNING_RATES", "load_dataset", "stepper_state",
           "readout_html", "RuleStepper"]

#: Dropdown label -> rule name of :mod:`nnlib.learning_rules`.
#: (The dropdown shows each label through ``tr``; its value stays the English label.)
RULES = {translatable("Hebb"): "hebb", translatable("perceptron"): "perceptron",
         translatable("delta (Widrow–Hoff)"): "delta"}
DATASETS = ("AND", "OR", "XOR", translatable("noisy blobs"))
#: What the encoding dropdown shows for each encoding.
ENCODING_LABELS = {"binary": translatable("binary"), "bipolar": translatable("bipolar")}
LEARNING_RATES = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0)


@functools.lru_cache(maxsize=16)
def _data(dataset, encoding):
    if dataset == "noisy blobs":
        X, y = blobs(n_samples=20, centers=[[-1.0, -0.6], [1.0, 0.6]], noise=1.0, random_state=0)
        y = y.astype(float)
        if encoding == "bipolar":
            y = 2.0 * y - 1.0
        return X, y
    X, y = logic_gate(dataset, encoding)
    return X, y.astype(float)


def load_dataset(dataset, encoding="binary"):
    """The stepper's data: a logic gate's truth table, or 20 overlapping 2-D points.

    Targets use the encoding's levels ({0, 1} or {−1, +1}); for the blobs only the targets
    change with the encoding, the points stay where they are.

    Examples
    --------
    >>> X, y = load_dataset("AND", "bipolar")
    >>> y.tolist()
    [-1.0, -1.0, -1.0, 1.0]
    """
    check_choice(dataset, "dataset", DATASETS)
    check_choice(encoding, "encoding", ENCODINGS)
    X, y = _data(dataset, encoding)
    return X.copy(), y.copy()


@functools.lru_cache(maxsize=64)
def _steps(rule, dataset, encoding, lr, epochs):
    X, y = _data(dataset, encoding)
    return LR.train_steps(rule, X, y, lr, epochs=epochs, encoding=encoding)


def _vec(v):
    return "[" + ", ".join(_num(x) for x in v) + "]"


def _num(v):
    return "—" if v is None else f"{round(float(v), 4) + 0.0:.4f}"  # + 0.0: no "-0.0000"


def _limits(X):
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = 0.15 * (hi - lo) + 0.3
    return (float(lo[0] - pad[0]), float(hi[0] + pad[0])), (float(lo[1] - pad[1]), float(hi[1] + pad[1]))


def stepper_state(rule="perceptron", dataset="AND", encoding="binary", lr=0.1, k=0):
    """The learner's state after ``k`` single-sample steps of ``rule`` (samples in order, w = 0, b = 0).

    Parameters
    ----------
    rule : {"hebb", "perceptron", "delta"}
    dataset : {"AND", "OR", "XOR", "noisy blobs"}
    encoding : {"binary", "bipolar"}
    lr : float > 0
    k : int >= 0
        Steps taken so far; step k uses sample ``(k − 1) mod n``.

    Returns
    -------
    dict
        ``X``, ``y``, ``w``, ``b``, ``step`` (the last :class:`nnlib.learning_rules.Step`, or None),
        ``epoch`` (epochs completed), ``misclassified`` (rows misclassified at the end of each
        completed epoch, epoch 1 first — the quantity of ``Perceptron.misclassified_``; the
        readout's "misclassified now" counts with the current weights), ``predicted`` (current
        class of each row),
        ``threshold`` (where the unit switches), ``line`` (two points of the decision line or None),
        ``xlim``, ``ylim``, ``readout`` (dict label -> text).

    Examples
    --------
    >>> st = stepper_state("hebb", "AND", "bipolar", lr=1.0, k=4)
    >>> st["w"].tolist(), st["b"], st["misclassified"].tolist()
    ([2.0, 2.0], -2.0, [0])
    """
    check_choice(rule, "rule", tuple(RULES.values()))
    check_choice(dataset, "dataset", DATASETS)
    check_choice(encoding, "encoding", ENCODINGS)
    lr = check_positive(lr, "lr")
    k = check_positive_int(k, "k", minimum=0)
    X, y = _data(dataset, encoding)
    n = len(X)
    low, high = LEVELS[encoding]
    threshold = (low + high) / 2 if rule == "delta" else 0.0
    xlim, ylim = _limits(X)
    if k == 0:
        steps, last = [], None
        w_, b = np.zeros(X.shape[1]), 0.0
    else:
        epochs = 10 * math.ceil(math.ceil(k / n) / 10)  # replay in blocks of 10 passes (cached)
        steps = _steps(rule, dataset, encoding, lr, epochs)[:k]
        last = steps[-1]
        w_, b = last.w_after, float(last.b_after)
    net = X @ w_ + b
    predicted = np.where(net >= threshold, high, low)
    done = (k // n) * n  # steps of the completed epochs: the curve shows only those
    if done:
        misclassified = LR.epoch_errors(list(steps[:done]), X, y, encoding=encoding).misclassified
    else:
        misclassified = np.zeros(0, dtype=int)
    # Labels stay English here (the keys callers look up); readout_html translates them.
    readout = {
        translatable("step"): tr("{k} (epoch {epoch}, sample {sample} of {n})",
                                 k=k, epoch=last.epoch, sample=last.sample + 1, n=n) if last
        else tr("0 (nothing learned yet)"),
        "x": _vec(last.x) if last else "—",
        translatable("target y"): _num(last.y) if last else "—",
        translatable("prediction ŷ"): _num(last.y_hat) if last else "—",
        translatable("error y − ŷ"): (_num(last.error) if last.error is not None
                                      else tr("— (Hebb has no error)")) if last else "—",
        "Δw": _vec(last.dw) if last else "—",
        "Δb": _num(last.db) if last else "—",
        translatable("new w"): _vec(w_),
        translatable("new b"): _num(b),
        translatable("misclassified now"): tr("{wrong} of {n}", wrong=int(np.sum(predicted != y)), n=n),
    }
    return {
        "X": X, "y": y, "w": np.asarray(w_, dtype=float), "b": float(b), "step": last,
        "epoch": k // n, "misclassified": np.asarray(misclassified), "predicted": predicted,
        "threshold": threshold, "line": decision_line(w_[0], w_[1], b - threshold, xlim, ylim),
        "xlim": xlim, "ylim": ylim, "readout": readout,
    }


def readout_html(readout):
    """The readout dict as HTML, one ``label: value`` per line (labels in the selected language)."""
    return "<br>".join(f"<b>{tr(k)}</b>: {v}" for k, v in readout.items())


class RuleStepper(LiveWidget):
    """Step through Hebb, perceptron or delta-rule learning one sample at a time.

    Controls: rule, dataset and encoding dropdowns, a learning-rate slider, and buttons Step,
    Epoch and Reset. The left panel shows the data (class 0 blue circles, class 1 red squares),
    the sample just used (black ring), the decision line with the "class 1" side shaded; the
    right panel the number of samples misclassified after each epoch (epoch 1 first). The
    readout lists x, the target y, the prediction ŷ, the error y − ŷ, Δw, Δb and the new w, b.

    Examples
    --------
    >>> rs = RuleStepper()
    >>> rs.step_once(); rs.k
    1
    """

    name = "stepper"

    def __init__(self, rule="perceptron", dataset="AND", encoding="binary", lr=0.1):
        super().__init__()
        check_choice(rule, "rule", tuple(RULES.values()))
        self.k = 0
        self.state = stepper_state(rule, dataset, encoding, lr, 0)  # validates the rest
        label = {v: k for k, v in RULES.items()}[rule]
        style = {"description_width": "initial"}
        # Dropdowns show their options in the selected language; the values stay the English names.
        self.rule = self.named("rule", w.Dropdown(options=shown_options(RULES), value=label,
                                                  description=tr("rule"),
                                                  style=style, layout=w.Layout(width="15em")))
        self.dataset = self.named("dataset", w.Dropdown(options=shown_options(DATASETS), value=dataset,
                                                        description=tr("data"), style=style,
                                                        layout=w.Layout(width="11em")))
        self.encoding = self.named("encoding", w.Dropdown(
            options=shown_options(ENCODINGS, ENCODING_LABELS), value=encoding,
            description=tr("encoding"), style=style, layout=w.Layout(width="12em")))
        self.lr = self.named("lr", w.SelectionSlider(options=list(LEARNING_RATES), value=lr,
                                                     description=tr("learning rate η"), style=style))
        wide = get_language() != "en"  # room for the icon and a label of two Hangul words
        self.step_button = self.named("step", w.Button(description=tr("Step"), icon="step-forward",
                                                       layout=w.Layout(width="7.5em" if wide else "6em")))
        self.epoch_button = self.named("epoch", w.Button(description=tr("Epoch"), icon="forward",
                                                         layout=w.Layout(width="7.5em" if wide else "6.5em")))
        self.reset_button = self.named("reset", w.Button(description=tr("Reset"), icon="undo",
                                                         layout=w.Layout(width="8em" if wide else "6em")))
        self.make_readout()
        self._draw()
        self.update()
        self.freeze_layout()
        self.assemble([self.rule, self.dataset, self.encoding, self.lr,
                       self.step_button, self.epoch_button, self.reset_button], right=self.readout)
        for c in (self.rule, self.dataset, self.encoding, self.lr):
            c.observe(self._on_setting, names="value")
        self.step_button.on_click(lambda _: self.step_once())
        self.epoch_button.on_click(lambda _: self.epoch_once())
        self.reset_button.on_click(lambda _: self.reset())

    # -- actions ----------------------------------------------------------------------------
    def values(self):
        """Current settings as keyword arguments of :func:`stepper_state` (``k`` included)."""
        return dict(rule=RULES[self.rule.value], dataset=self.dataset.value,
                    encoding=self.encoding.value, lr=self.lr.value, k=self.k)

    def _on_setting(self, change=None):
        self.k = 0
        self.refresh()

    def step_once(self):
        """One sample: k → k + 1."""
        self.k += 1
        self.refresh()

    def epoch_once(self):
        """On to the end of the current epoch (a whole epoch if at an epoch boundary)."""
        n = len(self.state["X"])
        self.k = (self.k // n + 1) * n
        self.refresh()

    def reset(self):
        """Back to w = 0, b = 0."""
        self.k = 0
        self.refresh()

    # -- drawing ----------------------------------------------------------------------------
    def _draw(self):
        self.fig = live_figure((7.2, 3.2))
        ax, ax2 = self.fig.subplots(1, 2, width_ratios=[1.1, 1])
        self.ax, self.ax_err = ax, ax2
        self.shade = Polygon(np.zeros((0, 2)), closed=True, facecolor="#d62728", alpha=0.10,
                             edgecolor="none")
        ax.add_patch(self.shade)
        self.points = [ax.scatter([], [], s=70, c=CLASS_COLOURS[0], marker="o", edgecolors="white",
                                  zorder=3, label=tr("class 0 / −1")),
                       ax.scatter([], [], s=70, c=CLASS_COLOURS[1], marker="s", edgecolors="white",
                                  zorder=3, label=tr("class 1 / +1"))]
        (self.ring,) = ax.plot([], [], "o", ms=17, mfc="none", mec="black", mew=2, zorder=4)
        (self.line,) = ax.plot([], [], "-", color="black", lw=2, zorder=2)
        ax.set_xlabel("x₁")
        ax.set_ylabel("x₂")
        self.title = ax.set_title("")
        ax.set_aspect("auto")
        (self.err_line,) = ax2.plot([], [], "o-", color="#ff7f0e", lw=1.6, ms=4)
        ax2.set_xlabel(tr(MISCLASSIFIED_XLABEL))
        ax2.set_ylabel(tr(MISCLASSIFIED_LABEL))
        ax2.grid(alpha=0.3)
        ax2.set_title(tr("misclassified after each epoch"))
        for a in (ax, ax2):
            a.xaxis.set_major_locator(MaxNLocator(5, integer=a is ax2))
            a.yaxis.set_major_locator(MaxNLocator(5, integer=a is ax2))
        # A step changes these; the axes change only with the data set (and the error axis when
        # the passes outgrow it), which makes the next render a full one.
        self.animate(self.shade, *self.points, self.ring, self.line, self.title, self.err_line)

    def update(self):
        st = stepper_state(**self.values())
        self.state = st
        X, y = st["X"], st["y"]
        for cls, pc in enumerate(self.points):
            pc.set_offsets(X[(y == 1.0) == bool(cls)])
        step = st["step"]
        if step is None:
            self.ring.set_data([], [])
        else:
            self.ring.set_data([X[step.sample, 0]], [X[step.sample, 1]])
        xlim, ylim = st["xlim"], st["ylim"]
        if st["line"] is None:
            self.line.set_data([], [])
            self.shade.set_xy(np.zeros((0, 2)))
        else:
            self.line.set_data(*st["line"])
            self.shade.set_xy(half_plane_polygon(st["w"][0], st["w"][1], st["b"] - st["threshold"], xlim, ylim))
        self.set_limits(self.ax, xlim, ylim)
        rule_label = {v: k for k, v in RULES.items()}[self.values()["rule"]]
        self.title.set_text(tr("{rule} on {dataset} — step {k}", rule=tr(rule_label), dataset=tr(self.dataset.value),
                               k=self.k))
        wrong = st["misclassified"]
        self.err_line.set_data(np.arange(1, len(wrong) + 1), wrong)  # epoch 1 at x = 1
        right = doubled_limit(len(wrong), 5)  # room for 5, 10, 20... epochs
        self.set_limits(self.ax_err, (0.5, right + 0.5), (-0.3, len(X) + 0.3))
        self.readout.value = readout_html(st["readout"])
