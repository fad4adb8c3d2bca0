"""Playground: train a small network live on a 2-D data set, in the spirit of TensorFlow Playground.

Pick a data set, the hidden layers, the activation and the learning rate; press ▶ (Train) and
watch the decision regions bend into shape while the loss curve falls. "Step" trains one epoch,
"Reset" starts again from fresh random weights (same seed, so the same start every time).

Three parts, as every nnlab widget:

1. pure functions: :func:`make_dataset`, :func:`make_model`, :func:`playground_state` (what the
   picture and readout show for a model) and :func:`playground_run` (build, train ``epochs``
   epochs, return the state) — the browser test compares the readout with them;
2. :class:`Playground` draws the image, points and loss curve once and updates them in place;
3. training is driven by an ``ipywidgets.Play`` timer: each tick trains a few epochs and
   returns, so the kernel stays responsive and the picture updates between ticks.

Examples
--------
>>> s = playground_run("xor", hidden="4", activation="tanh", lr=0.03, epochs=2)
>>> s["epoch"], s["Z"].shape
(2, (80, 80))
"""

from __future__ import annotations

import time

import ipywidgets as w
import numpy as np
from matplotlib.ticker import MaxNLocator

from .. import datasets as _datasets
from .._checks import check_choice, check_positive, check_positive_int
from ..mlp import MLPClassifier
from ..plots.decision import REGION_CMAP, class_marker_line, decision_grid, grid_limits
from ._base import LiveWidget, doubled_limit, live_figure

__all__ = ["DATASETS", "HIDDEN", "ACTIVATIONS", "LEARNING_RATES", "make_dataset", "make_model",
           "playground_state", "playground_run", "readout_html", "Playground"]

#: Data set name -> (generator name in nnlib.datasets, keyword arguments).
DATASETS = {
    "xor": ("xor_cloud", dict(noise=0.3)),
    "circles": ("circles", dict(noise=0.08, factor=0.5)),
    "moons": ("moons", dict(noise=0.15)),
    "spiral": ("spiral", dict(noise=0.05)),
}
#: Hidden-layer choices: label -> hidden_sizes.
HIDDEN = {"2": (2,), "4": (4,), "8": (8,), "8-8": (8, 8), "16-16": (16, 16)}
ACTIVATIONS = ("tanh", "relu", "sigmoid")
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3)
N_SAMPLES = 200
RESOLUTION = 80


def make_dataset(name="xor", n_samples=N_SAMPLES, random_state=0):
    """The playground's data set ``name`` (one of :data:`DATASETS`) as ``(X, y)``.

    Examples
    --------
    >>> X, y = make_dataset("circles")
    >>> X.shape, sorted(set(y.tolist()))
    ((200, 2), [0, 1])
    """
    check_choice(name, "dataset", tuple(DATASETS))
    func, kw = DATASETS[name]
    return getattr(_datasets, func)(n_samples=n_samples, random_state=random_state, **kw)


def make_model(hidden="8", activation="tanh", lr=0.03, random_state=0, batch_size=32):
    """A fresh :class:`nnlib.mlp.MLPClassifier` (Adam) for the playground's settings.

    ``hidden`` is a label of :data:`HIDDEN` (``"8-8"``) or a tuple of sizes.

    Examples
    --------
    >>> make_model("8-8", "relu").hidden_sizes
    (8, 8)
    """
    if isinstance(hidden, str):
        check_choice(hidden, "hidden", tuple(HIDDEN))
        hidden = HIDDEN[hidden]
    check_choice(activation, "activation", ACTIVATIONS)
    lr = check_positive(lr, "lr")
    return MLPClassifier(hidden_sizes=tuple(hidden), activation=activation, optimizer="adam", lr=lr,
                         batch_size=batch_size, epochs=1, random_state=random_state, progress=False)


def playground_state(model, X, y, resolution=RESOLUTION, limits=None):
    """What the playground shows for ``model`` on ``(X, y)``.

    Returns
    -------
    dict with ``epoch`` (epochs trained), ``loss`` (mean training loss of the last epoch, NaN
    before training), ``accuracy`` (accuracy on all of X after the last epoch), ``loss_history``,
    ``Z`` (P(class 1) on a resolution × resolution grid), ``limits`` and ``readout`` (HTML).

    Examples
    --------
    >>> X, y = make_dataset("xor")
    >>> s = playground_state(make_model().initialize(2, [0, 1]), X, y, resolution=10)
    >>> s["epoch"], bool(np.isnan(s["loss"]))
    (0, True)
    """
    resolution = check_positive_int(resolution, "resolution", minimum=2)
    limits = grid_limits(X, 0.5) if limits is None else limits
    history = list(getattr(model, "loss_history_", []))
    epoch = int(getattr(model, "n_iter_", 0))
    loss = float(history[-1]) if history else float("nan")
    accuracy = float(model.score(X, y))
    _, _, Z = decision_grid(model, X, resolution=resolution, limits=limits)
    state = dict(epoch=epoch, loss=loss, accuracy=accuracy, loss_history=np.asarray(history, dtype=float),
                 Z=Z, limits=limits, lr=float(model.lr))
    state["readout"] = readout_html(state)
    return state


def readout_html(state):
    """The readout line: epoch, loss (4 decimals), accuracy (3 decimals) and the learning rate.

    Examples
    --------
    >>> readout_html(dict(epoch=3, loss=0.51234, accuracy=0.8, lr=0.03))
    '<b>epoch 3</b> · loss 0.5123 · accuracy 0.800 · lr 0.03'
    """
    loss = "–" if not np.isfinite(state["loss"]) else f"{state['loss']:.4f}"
    return f"<b>epoch {state['epoch']}</b> · loss {loss} · accuracy {state['accuracy']:.3f} · lr {state['lr']:g}"


def playground_run(dataset="xor", hidden="8", activation="tanh", lr=0.03, epochs=0, random_state=0,
                   resolution=RESOLUTION):
    """Build the data and a fresh model, train ``epochs`` epochs, return :func:`playground_state`.

    Exactly what the widget does after Reset followed by ``epochs`` Steps.

    Examples
    --------
    >>> a = playground_run("moons", epochs=3)
    >>> b = playground_run("moons", epochs=3)
    >>> a["loss"] == b["loss"]
    True
    """
    epochs = check_positive_int(epochs, "epochs", minimum=0)
    X, y = make_dataset(dataset, random_state=random_state)
    model = make_model(hidden, activation, lr, random_state=random_state).initialize(2, [0, 1])
    for _ in range(epochs):
        model.partial_fit(X, y)
    state = playground_state(model, X, y, resolution=resolution)
    state["model"] = model
    return state


class Playground(LiveWidget):
    """Train a network live: data set, hidden layers, activation, learning rate; ▶, Step, Reset.

    Parameters
    ----------
    dataset : str
        One of :data:`DATASETS` ("xor", "circles", "moons", "spiral").
    hidden : str
        One of :data:`HIDDEN` ("2", "4", "8", "8-8", "16-16").
    activation : str
        "tanh", "relu" or "sigmoid".
    lr : float
        One of :data:`LEARNING_RATES`.
    epochs_per_tick : int
        Epochs trained per tick of the ▶ timer.
    interval : int
        Milliseconds between ticks.
    random_state : int
        Seed for the data and the initial weights.

    Examples
    --------
    >>> pg = Playground("circles", hidden="4")
    >>> pg.step_epoch(); pg.state["epoch"]
    1
    """

    name = "playground"

    def __init__(self, dataset="xor", hidden="8", activation="tanh", lr=0.03, epochs_per_tick=2, interval=150,
                 random_state=0, resolution=RESOLUTION):
        super().__init__()
        check_choice(dataset, "dataset", tuple(DATASETS))
        check_choice(hidden, "hidden", tuple(HIDDEN))
        check_choice(activation, "activation", ACTIVATIONS)
        check_choice(lr, "lr", LEARNING_RATES)
        self.epochs_per_tick = check_positive_int(epochs_per_tick, "epochs_per_tick")
        self.random_state = random_state
        self.resolution = check_positive_int(resolution, "resolution", minimum=2)
        dd = dict(layout=w.Layout(width="12.5em"), style={"description_width": "5.5em"})
        self.dataset = self.named("dataset", w.Dropdown(options=list(DATASETS), value=dataset,
                                                        description="data", **dd))
        self.hidden = self.named("hidden", w.Dropdown(options=list(HIDDEN), value=hidden,
                                                      description="hidden", **dd))
        self.activation = self.named("activation", w.Dropdown(options=list(ACTIVATIONS), value=activation,
                                                              description="activation", **dd))
        self.lr = self.named("lr", w.Dropdown(options=[(f"{v:g}", v) for v in LEARNING_RATES], value=lr,
                                              description="lr", **dd))
        self.play = self.named("train", w.Play(value=0, min=0, max=10**6, step=1, interval=int(interval),
                                               show_repeat=False, description="train",
                                               tooltip="train: a few epochs per tick"))
        self.step_button = self.named("step", w.Button(description="Step", tooltip="train one epoch",
                                                       layout=w.Layout(width="6em")))
        self.reset_button = self.named("reset", w.Button(description="Reset", tooltip="fresh random weights",
                                                         layout=w.Layout(width="6em")))
        self.fig = live_figure((7.0, 3.3))
        self._draw()
        self.make_readout()
        self.assemble([self.dataset, self.hidden, self.activation, self.lr, self.play, self.step_button,
                       self.reset_button], self.readout)
        for c in (self.dataset, self.hidden, self.activation):
            c.observe(self._on_reset, names="value")
        self.lr.observe(self._on_lr, names="value")
        self.play.observe(self._on_tick, names="value")
        self.step_button.on_click(lambda _: self.step_epoch())
        self.reset_button.on_click(lambda _: self.reset())
        self._last_tick = 0.0
        self.reset()

    # -- model ------------------------------------------------------------------------------
    def settings(self):
        """The current control values as :func:`playground_run` arguments."""
        return dict(dataset=self.dataset.value, hidden=self.hidden.value, activation=self.activation.value,
                    lr=float(self.lr.value), random_state=self.random_state)

    def reset(self):
        """New data for the chosen set and a fresh model (same seed: the same start every time)."""
        s = self.settings()
        self.X, self.y = make_dataset(s["dataset"], random_state=self.random_state)
        self.limits = grid_limits(self.X, 0.5)
        self.model = make_model(s["hidden"], s["activation"], s["lr"],
                                random_state=self.random_state).initialize(2, [0, 1])
        self._set_points()
        self.refresh()

    def train(self, epochs=1):
        """Train ``epochs`` epochs (no redraw)."""
        for _ in range(int(epochs)):
            self.model.partial_fit(self.X, self.y)

    def step_epoch(self):
        """Train one epoch and redraw."""
        self.train(1)
        self.refresh()

    def _on_reset(self, change=None):
        self.reset()

    def _on_lr(self, change=None):
        lr = float(self.lr.value)
        self.model.set_params(lr=lr)
        self.model.network_.optimizer.lr = lr  # the running optimizer keeps Adam's moments
        self.refresh()

    def _on_tick(self, change):
        # Ticks keep arriving while the kernel is busy; skip the backlog so the picture keeps up.
        now = time.perf_counter()
        if change["new"] <= change["old"] or now - self._last_tick < 0.4 * self.play.interval / 1000.0:
            return
        self.train(self.epochs_per_tick)
        self.refresh()
        self._last_tick = time.perf_counter()

    # -- drawing ----------------------------------------------------------------------------
    def _draw(self):
        ax, axl = self.fig.subplots(1, 2, width_ratios=(1.15, 1.0))
        self.ax, self.axl = ax, axl
        self.img = ax.imshow(np.full((self.resolution, self.resolution), 0.5), origin="lower",
                             extent=(0, 1, 0, 1), cmap=REGION_CMAP, vmin=0, vmax=1, interpolation="bilinear",
                             aspect="auto")
        self.pts = [class_marker_line(ax, k, size=3.7, edge_width=0.4) for k in (0, 1)]
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("$x_1$", labelpad=2)
        ax.set_ylabel("$x_2$", labelpad=2)
        ax.set_title("decision regions", fontsize=10)
        (self.loss_line,) = axl.plot([], [], color="#333333", lw=1.6)
        axl.set_xlabel("epoch", labelpad=1)
        axl.set_ylabel("cross-entropy L", labelpad=1)
        axl.set_title("training loss (mean per epoch)", fontsize=10)
        axl.grid(alpha=0.3)
        axl.set_xlim(0, 10)
        axl.set_ylim(0, 1)
        axl.xaxis.set_major_locator(MaxNLocator(4, integer=True))
        axl.yaxis.set_major_locator(MaxNLocator(4))
        # The regions image fills the left axes: the points and the frame are redrawn on it.
        self.animate(self.img, *self.pts, *ax.spines.values(), self.loss_line)
        self.freeze_layout()

    def _set_points(self):
        x0, x1, y0, y1 = self.limits
        if tuple(self.img.get_extent()) != (x0, x1, y0, y1):
            self.img.set_extent((x0, x1, y0, y1))
        self.set_limits(self.ax, (x0, x1), (y0, y1))  # a new data set: a full redraw
        for k, art in enumerate(self.pts):
            art.set_data(self.X[self.y == k].T)

    def update(self):
        s = playground_state(self.model, self.X, self.y, resolution=self.resolution, limits=self.limits)
        self.state = s
        self.img.set_data(s["Z"])
        h = s["loss_history"]
        self.loss_line.set_data(np.arange(1, len(h) + 1), h)
        self.set_limits(self.axl, *loss_limits(h, self.axl.get_xlim()[1], self.axl.get_ylim()[1]))
        self.readout.value = s["readout"]


def loss_limits(history, right=10.0, top=1.0):
    """Limits of the loss plot: (0, right) x (0, top), doubled only when the curve outgrows them.

    Fixed limits let a training tick redraw just the curve; the axes (tick labels and all) are
    redrawn only when a limit doubles, or when a fresh start (no history) brings them back.

    Examples
    --------
    >>> loss_limits([0.7, 0.6], 10.0, 1.0)
    ((0, 10.0), (0, 1.0))
    >>> loss_limits(np.full(11, 1.5), 10.0, 1.0)
    ((0, 20.0), (0, 2.0))
    >>> loss_limits([], 40.0, 4.0)
    ((0, 10.0), (0, 1.0))
    """
    h = np.asarray(history, dtype=float)
    if not len(h):
        return (0, 10.0), (0, 1.0)
    finite = h[np.isfinite(h)]
    peak = float(finite.max()) if len(finite) else 0.0
    return (0, doubled_limit(len(h), right)), (0, doubled_limit(peak, top))
