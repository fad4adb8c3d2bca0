"""Playground: train a small network live on a 2-D data set, in the spirit of TensorFlow Playground.

Pick a data set, its noise and how much of it trains (the rest is held out as "test" data), the
input features, the hidden layers, the activation, the learning rate, the batch size and the
regularisation; press ▶ (Train) and watch the decision regions bend into shape, the training and
test loss fall, and every first-layer neuron's output over the plane. "Step" trains one epoch,
"Reset" starts again from fresh random weights (same seed, so the same start every time), and
"Show as code" prints the nnlib code that reproduces the current state.

Three parts, as every nnlab widget:

1. pure functions: :func:`make_dataset`, :func:`input_features`, :func:`make_model`,
   :func:`playground_setup` (data, split, features and a fresh model), :func:`train_epoch`,
   :func:`playground_state` (what the picture and readout show), :func:`playground_run` (set up,
   train ``epochs`` epochs, return the state) and :func:`playground_code` — the browser test
   compares the readout with them;
2. :class:`Playground` draws the images, points and loss curves once and updates them in place;
3. training is driven by an ``ipywidgets.Play`` timer: each tick trains a few epochs and
   returns, so the kernel stays responsive and the picture updates between ticks.

Here "test" data is what TensorFlow Playground calls it: data held out from training and looked
at after every epoch. In the terms of chapters 07 and 08 it plays the role of a validation set.

Examples
--------
>>> s = playground_run("xor", hidden="4", activation="tanh", lr=0.03, epochs=2)
>>> s["epoch"], s["Z"].shape, len(s["test_loss_history"])
(2, (80, 80), 2)
"""

from __future__ import annotations

import html
import time

import ipywidgets as w
import numpy as np
from matplotlib.ticker import MaxNLocator

from .. import datasets as _datasets
from .._checks import check_choice, check_positive, check_positive_int
from ..language import tr
from ..losses import categorical_cross_entropy
from ..mlp import MLPClassifier
from ..plots.decision import REGION_CMAP, class_marker_line, decision_grid, grid_limits
from ._base import LiveWidget, doubled_limit, live_figure
from .digit_inspector import hidden_activations

__all__ = ["DATASETS", "HIDDEN", "ACTIVATIONS", "LEARNING_RATES", "BATCH_SIZES", "REGULARIZATIONS",
           "REG_RATES", "FEATURES", "make_dataset", "input_features", "make_model", "playground_setup",
           "train_epoch", "playground_state", "playground_run", "playground_code", "readout_html",
           "Playground"]

#: Data set name -> (generator name in nnlib.datasets, keyword arguments; ``noise`` at noise × 1).
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
BATCH_SIZES = (1, 4, 10, 32)
REGULARIZATIONS = ("none", "L2", "L1")
REG_RATES = (0.0001, 0.001, 0.003, 0.01, 0.03, 0.1)
#: Input feature name -> the column it makes from the two coordinates (x1, x2); the code text
#: is what "show as code" prints, so the two are written side by side.
FEATURES = {
    "x1": ("x1", lambda x1, x2: x1),
    "x2": ("x2", lambda x1, x2: x2),
    "x1^2": ("x1**2", lambda x1, x2: x1**2),
    "x2^2": ("x2**2", lambda x1, x2: x2**2),
    "x1x2": ("x1 * x2", lambda x1, x2: x1 * x2),
    "sin x1": ("np.sin(x1)", lambda x1, x2: np.sin(x1)),
    "sin x2": ("np.sin(x2)", lambda x1, x2: np.sin(x2)),
}
#: The labels shown on the feature toggles.
FEATURE_LABELS = {"x1": "x₁", "x2": "x₂", "x1^2": "x₁²", "x2^2": "x₂²", "x1x2": "x₁x₂",
                  "sin x1": "sin x₁", "sin x2": "sin x₂"}
N_SAMPLES = 200
#: The noise slider's top: the plane shown always covers the data at this noise, so moving the
#: slider keeps the axes (and redraws only the images and points).
NOISE_MAX = 2.0
RESOLUTION = 80
#: Neuron pictures: the first layer's first MAX_NEURONS units, each on a NEURON_RES² grid.
MAX_NEURONS = 8
NEURON_RES = 24


def make_dataset(name="xor", n_samples=N_SAMPLES, random_state=0, noise=1.0):
    """The playground's data set ``name`` (one of :data:`DATASETS`) as ``(X, y)``.

    ``noise`` scales the data set's usual noise (0 = no noise, 2 = twice as noisy).

    Examples
    --------
    >>> X, y = make_dataset("circles")
    >>> X.shape, sorted(set(y.tolist()))
    ((200, 2), [0, 1])
    """
    return getattr(_datasets, DATASETS[check_choice(name, "dataset", tuple(DATASETS))][0])(
        n_samples=n_samples, random_state=random_state, **_generator_kwargs(name, noise))


def _generator_kwargs(name, noise):
    noise = float(noise)
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite number >= 0; got {noise}")
    kw = dict(DATASETS[name][1])
    kw["noise"] = round(kw["noise"] * noise, 6)
    return kw


def _check_features(features):
    features = tuple(features)
    if not features:
        raise ValueError("features must name at least one input feature")
    for f in features:
        check_choice(f, "features (each)", tuple(FEATURES))
    return tuple(f for f in FEATURES if f in features)  # one fixed order, whatever was given


def input_features(X, features=("x1", "x2")):
    """The network's input: one column per chosen feature of :data:`FEATURES`, shape (n, k).

    Examples
    --------
    >>> input_features(np.array([[2.0, 3.0]]), ["x1x2", "x1"])
    array([[2., 6.]])
    """
    features = _check_features(features)
    x1, x2 = X[:, 0], X[:, 1]
    return np.column_stack([FEATURES[f][1](x1, x2) for f in features])


def _reg_kwargs(regularization, reg_rate):
    check_choice(regularization, "regularization", REGULARIZATIONS)
    reg_rate = check_positive(reg_rate, "reg_rate")
    return {} if regularization == "none" else {regularization.lower(): reg_rate}


def make_model(hidden="8", activation="tanh", lr=0.03, random_state=0, batch_size=32, regularization="none",
               reg_rate=0.01):
    """A fresh :class:`nnlib.mlp.MLPClassifier` (Adam) for the playground's settings.

    ``hidden`` is a label of :data:`HIDDEN` (``"8-8"``) or a tuple of sizes; ``regularization``
    "L2" or "L1" sets ``l2`` or ``l1`` to ``reg_rate``.

    Examples
    --------
    >>> m = make_model("8-8", "relu", regularization="L1", reg_rate=0.003)
    >>> m.hidden_sizes, m.l1, m.l2
    ((8, 8), 0.003, 0.0)
    """
    if isinstance(hidden, str):
        check_choice(hidden, "hidden", tuple(HIDDEN))
        hidden = HIDDEN[hidden]
    check_choice(activation, "activation", ACTIVATIONS)
    lr = check_positive(lr, "lr")
    return MLPClassifier(hidden_sizes=tuple(hidden), activation=activation, optimizer="adam", lr=lr,
                         batch_size=batch_size, epochs=1, random_state=random_state, progress=False,
                         **_reg_kwargs(regularization, reg_rate))


def _split(n, train_ratio, random_state):
    """Indices of the training and the held-out ("test") samples: a seeded shuffle, then a cut."""
    if not 0 < float(train_ratio) < 1:
        raise ValueError(f"train_ratio must be between 0 and 1 (exclusive); got {train_ratio}")
    order = np.random.default_rng(random_state).permutation(n)
    n_train = int(round(train_ratio * n))
    return order[:n_train], order[n_train:]


def playground_setup(dataset="xor", hidden="8", activation="tanh", lr=0.03, random_state=0, noise=1.0,
                     train_ratio=0.5, batch_size=32, regularization="none", reg_rate=0.01,
                     features=("x1", "x2")):
    """Everything Reset builds: the data, its split, the input features and a fresh model.

    Returns
    -------
    dict with ``X``, ``y`` (all points), ``train`` and ``test`` (index arrays), ``F`` (the input
    features of every point), ``features``, ``model`` (initialised, untrained), ``history``
    (``{"train": [], "test": []}``, one loss per epoch, filled by :func:`train_epoch`) and
    ``limits`` (the plane shown: it covers the data set at any noise up to :data:`NOISE_MAX`).

    Examples
    --------
    >>> run = playground_setup("moons", train_ratio=0.7, features=["x1", "x2", "x1x2"])
    >>> len(run["train"]), len(run["test"]), run["F"].shape
    (140, 60, (200, 3))
    """
    features = _check_features(features)
    X, y = make_dataset(dataset, random_state=random_state, noise=noise)
    train, test = _split(len(X), train_ratio, random_state)
    F = input_features(X, features)
    model = make_model(hidden, activation, lr, random_state=random_state, batch_size=batch_size,
                       regularization=regularization, reg_rate=reg_rate).initialize(F.shape[1], [0, 1])
    limits = grid_limits(make_dataset(dataset, random_state=random_state, noise=NOISE_MAX)[0], 0.5)
    return dict(X=X, y=y, train=train, test=test, F=F, features=features, model=model,
                history=dict(train=[], test=[]), limits=limits)


def data_loss(model, F, y):
    """Mean cross-entropy of ``model`` on (F, y), without the regularisation penalty: what the
    loss curves show for both the training and the test data, so the two can be compared."""
    return float(categorical_cross_entropy(model.network_.forward(F), y))


def train_epoch(run):
    """Train ``run["model"]`` one epoch on the training points, then record both losses."""
    F, y, model = run["F"], run["y"], run["model"]
    model.partial_fit(F[run["train"]], y[run["train"]])
    run["history"]["train"].append(data_loss(model, F[run["train"]], y[run["train"]]))
    run["history"]["test"].append(data_loss(model, F[run["test"]], y[run["test"]]))


class _OnFeatures:
    """The model seen from the plane: maps (x1, x2) points to the input features first."""

    def __init__(self, model, features):
        self.model, self.features = model, features

    def predict_proba(self, P):
        return self.model.predict_proba(input_features(P, self.features))


def neuron_outputs(model, features, limits, resolution=NEURON_RES, max_neurons=MAX_NEURONS):
    """a⁽¹⁾ of the first hidden layer's first ``max_neurons`` units over the plane.

    Returns an array of shape (k, resolution, resolution): row i of unit j's picture is at
    x₂ = i-th grid value, as ``imshow(origin="lower")`` expects.

    Examples
    --------
    >>> m = make_model("4").initialize(2, [0, 1])
    >>> neuron_outputs(m, ("x1", "x2"), (-1, 1, -1, 1), resolution=5).shape
    (4, 5, 5)
    """
    x0, x1, y0, y1 = limits
    xx, yy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    F = input_features(np.column_stack([xx.ravel(), yy.ravel()]), features)
    A = hidden_activations(model, F)[0][:, :max_neurons]
    return A.T.reshape(-1, resolution, resolution)


def playground_state(run, resolution=RESOLUTION, limits=None):
    """What the playground shows for the set-up ``run`` (see :func:`playground_setup`).

    Returns
    -------
    dict with ``epoch`` (epochs trained), ``loss`` and ``test_loss`` (cross-entropy on the
    training and the test points after the last epoch; before training, of the initial weights),
    ``accuracy`` and ``test_accuracy``, ``loss_history`` and ``test_loss_history``, ``Z``
    (P(class 1) on a resolution × resolution grid), ``neurons`` (:func:`neuron_outputs`),
    ``limits``, ``lr`` and ``readout`` (HTML).

    Examples
    --------
    >>> s = playground_state(playground_setup("xor", hidden="4"), resolution=10)
    >>> s["epoch"], s["neurons"].shape
    (0, (4, 24, 24))
    """
    resolution = check_positive_int(resolution, "resolution", minimum=2)
    model, F, y, tr, te = run["model"], run["F"], run["y"], run["train"], run["test"]
    limits = run["limits"] if limits is None else limits
    h = run["history"]
    _, _, Z = decision_grid(_OnFeatures(model, run["features"]), run["X"], resolution=resolution, limits=limits)
    state = dict(epoch=int(model.n_iter_), loss=data_loss(model, F[tr], y[tr]),
                 test_loss=data_loss(model, F[te], y[te]), accuracy=float(model.score(F[tr], y[tr])),
                 test_accuracy=float(model.score(F[te], y[te])),
                 loss_history=np.asarray(h["train"], dtype=float), test_loss_history=np.asarray(h["test"], dtype=float),
                 Z=Z, neurons=neuron_outputs(model, run["features"], limits), limits=limits, lr=float(model.lr))
    state["readout"] = readout_html(state)
    return state


def readout_html(state):
    """The readout: epoch, training and test loss (4 decimals), test accuracy, learning rate.

    Examples
    --------
    >>> readout_html(dict(epoch=3, loss=0.51234, test_loss=0.6, test_accuracy=0.8, lr=0.03))
    '<b>epoch 3</b> · training loss 0.5123 · test loss 0.6000 · test accuracy 0.800 · lr 0.03'
    """
    return tr("<b>epoch {epoch}</b> · training loss {loss:.4f} · test loss {test_loss:.4f} · "
              "test accuracy {test_accuracy:.3f} · lr {lr:g}", epoch=state["epoch"], loss=state["loss"],
              test_loss=state["test_loss"], test_accuracy=state["test_accuracy"], lr=state["lr"])


def playground_run(dataset="xor", hidden="8", activation="tanh", lr=0.03, epochs=0, random_state=0,
                   resolution=RESOLUTION, **settings):
    """Set up (:func:`playground_setup`, which takes the other ``settings``: noise, train_ratio,
    batch_size, regularization, reg_rate, features), train ``epochs`` epochs, return
    :func:`playground_state` with the set-up's ``model`` and ``run`` added.

    Exactly what the widget does after Reset followed by ``epochs`` Steps.

    Examples
    --------
    >>> a = playground_run("moons", epochs=3, features=("x1", "x2", "sin x1"))
    >>> b = playground_run("moons", epochs=3, features=("x1", "x2", "sin x1"))
    >>> a["loss"] == b["loss"]
    True
    """
    epochs = check_positive_int(epochs, "epochs", minimum=0)
    run = playground_setup(dataset, hidden, activation, lr, random_state, **settings)
    for _ in range(epochs):
        train_epoch(run)
    state = playground_state(run, resolution=resolution)
    state["model"], state["run"] = run["model"], run
    return state


def playground_code(dataset="xor", hidden="8", activation="tanh", lr=0.03, epochs=0, random_state=0,
                    noise=1.0, train_ratio=0.5, batch_size=32, regularization="none", reg_rate=0.01,
                    features=("x1", "x2"), lr_changes=()):
    """nnlib code that rebuilds the playground's setting and trains it ``epochs`` epochs.

    ``lr_changes`` lists ``(epoch, lr)``: the learning rate was changed to ``lr`` before that
    epoch (the widget's lr control keeps training going). The code ends by printing the
    training and test loss the readout shows.

    Examples
    --------
    >>> print(playground_code("moons", "4", epochs=2).splitlines()[4])
    X, y = moons(n_samples=200, noise=0.15, random_state=0)
    """
    features = _check_features(features)
    func = DATASETS[check_choice(dataset, "dataset", tuple(DATASETS))][0]
    data_kw = ", ".join(f"{k}={v!r}" for k, v in _generator_kwargs(dataset, noise).items())
    sizes = HIDDEN[hidden] if isinstance(hidden, str) else tuple(hidden)
    reg = "".join(f", {k}={v!r}" for k, v in _reg_kwargs(regularization, reg_rate).items())
    n_train = len(_split(N_SAMPLES, train_ratio, random_state)[0])
    cols = ", ".join(FEATURES[f][0] for f in features)
    lines = [
        "import numpy as np",
        f"from nnlib.datasets import {func}",
        "from nnlib.losses import categorical_cross_entropy",
        "from nnlib.mlp import MLPClassifier",
        f"X, y = {func}(n_samples={N_SAMPLES}, {data_kw}, random_state={random_state})",
        f"order = np.random.default_rng({random_state}).permutation(len(X))  # held-out split",
        f"train, test = order[:{n_train}], order[{n_train}:]",
        "x1, x2 = X[:, 0], X[:, 1]",
        f"F = np.column_stack([{cols}])  # input features",
        f"model = MLPClassifier(hidden_sizes={sizes!r}, activation={activation!r}, optimizer=\"adam\", "
        f"lr={float(lr)!r}, batch_size={int(batch_size)}{reg}, random_state={random_state})",
        "model.initialize(F.shape[1], [0, 1])",
        f"for epoch in range(1, {int(epochs)} + 1):",
    ]
    for epoch, new_lr in lr_changes:
        lines += [f"    if epoch == {int(epoch)}:  # the lr was changed here",
                  f"        model.set_params(lr={float(new_lr)!r})",
                  f"        model.network_.optimizer.lr = {float(new_lr)!r}"]
    lines += [
        "    model.partial_fit(F[train], y[train])",
        "train_loss = categorical_cross_entropy(model.network_.forward(F[train]), y[train])",
        "test_loss = categorical_cross_entropy(model.network_.forward(F[test]), y[test])",
        "print(f\"epoch {model.n_iter_}: training loss {train_loss:.4f}, test loss {test_loss:.4f}\")",
    ]
    return "\n".join(lines) + "\n"


#: Feature name -> the control name of its toggle (``nnlab-playground-feature-<slug>``).
FEATURE_SLUGS = {"x1": "x1", "x2": "x2", "x1^2": "x1sq", "x2^2": "x2sq", "x1x2": "x1x2",
                 "sin x1": "sinx1", "sin x2": "sinx2"}
_GAP = 3  # blank pixels between two neuron pictures


def neuron_mosaic(neurons, n_slots=MAX_NEURONS):
    """The neuron pictures side by side in one image (NaN = blank), ``n_slots`` places wide.

    Examples
    --------
    >>> neuron_mosaic(np.ones((2, 4, 4)), n_slots=3).shape
    (4, 18)
    """
    k, r, _ = neurons.shape
    mosaic = np.full((r, n_slots * (r + _GAP) - _GAP), np.nan)
    for i in range(min(k, n_slots)):
        mosaic[:, i * (r + _GAP):i * (r + _GAP) + r] = neurons[i]
    return mosaic


class Playground(LiveWidget):
    """Train a network live, with TensorFlow Playground's controls; ▶, Step, Reset, Show as code.

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
    noise : float
        Scale of the data set's noise, 0 … 2 in steps of 0.25.
    train_ratio : float
        Share of the points that trains, 0.1 … 0.9 in steps of 0.1; the rest is the test data.
    batch_size : int
        One of :data:`BATCH_SIZES`.
    regularization : str
        "none", "L2" or "L1"; ``reg_rate`` one of :data:`REG_RATES`.
    features : sequence of str
        Names of :data:`FEATURES` fed to the network (at least one).
    epochs_per_tick : int
        Epochs trained per tick of the ▶ timer.
    interval : int
        Milliseconds between ticks.
    random_state : int
        Seed for the data, the split and the initial weights.

    Examples
    --------
    >>> pg = Playground("circles", hidden="4")
    >>> pg.step_epoch(); pg.state["epoch"]
    1
    """

    name = "playground"

    def __init__(self, dataset="xor", hidden="8", activation="tanh", lr=0.03, noise=1.0, train_ratio=0.5,
                 batch_size=32, regularization="none", reg_rate=0.01, features=("x1", "x2"), epochs_per_tick=2,
                 interval=80, random_state=0, resolution=RESOLUTION):
        super().__init__()
        check_choice(dataset, "dataset", tuple(DATASETS))
        check_choice(hidden, "hidden", tuple(HIDDEN))
        check_choice(activation, "activation", ACTIVATIONS)
        check_choice(lr, "lr", LEARNING_RATES)
        check_choice(batch_size, "batch_size", BATCH_SIZES)
        check_choice(regularization, "regularization", REGULARIZATIONS)
        check_choice(reg_rate, "reg_rate", REG_RATES)
        features = _check_features(features)
        self.epochs_per_tick = check_positive_int(epochs_per_tick, "epochs_per_tick")
        self.random_state = random_state
        self.resolution = check_positive_int(resolution, "resolution", minimum=2)
        dd = dict(layout=w.Layout(width="12.5em"), style={"description_width": "5.5em"})
        self.dataset = self.named("dataset", w.Dropdown(options=list(DATASETS), value=dataset,
                                                        description=tr("data"), **dd))
        self.noise = self.named("noise", w.FloatSlider(value=noise, min=0.0, max=NOISE_MAX, step=0.25,
                                                       description=tr("noise ×"), readout_format=".2f"))
        self.ratio = self.named("ratio", w.IntSlider(value=int(round(train_ratio * 100)), min=10, max=90, step=10,
                                                     description=tr("train %")))
        self.feature_toggles = {
            f: self.named(f"feature-{FEATURE_SLUGS[f]}",
                          w.ToggleButton(value=f in features, description=FEATURE_LABELS[f],
                                         tooltip=tr("input feature {name}", name=FEATURE_LABELS[f]),
                                         layout=w.Layout(width="4.6em")))
            for f in FEATURES}
        self.hidden = self.named("hidden", w.Dropdown(options=list(HIDDEN), value=hidden,
                                                      description=tr("hidden"), **dd))
        self.activation = self.named("activation", w.Dropdown(options=list(ACTIVATIONS), value=activation,
                                                              description=tr("activation"), **dd))
        self.lr = self.named("lr", w.Dropdown(options=[(f"{v:g}", v) for v in LEARNING_RATES], value=lr,
                                              description="lr", **dd))
        self.batch = self.named("batch", w.Dropdown(options=list(BATCH_SIZES), value=batch_size,
                                                    description=tr("batch size"), **dd))
        self.reg = self.named("reg", w.Dropdown(options=list(REGULARIZATIONS), value=regularization,
                                                description=tr("regular."), **dd))
        self.reg_rate = self.named("regrate", w.Dropdown(options=[(f"{v:g}", v) for v in REG_RATES],
                                                         value=reg_rate, description=tr("reg. rate"), **dd))
        self.play = self.named("train", w.Play(value=0, min=0, max=10**6, step=1, interval=int(interval),
                                               show_repeat=False, description=tr("train"),
                                               tooltip=tr("train: a few epochs per tick")))
        self.step_button = self.named("step", w.Button(description=tr("Step"), tooltip=tr("train one epoch"),
                                                       layout=w.Layout(width="6em")))
        self.reset_button = self.named("reset", w.Button(description=tr("Reset"), tooltip=tr("fresh random weights"),
                                                         layout=w.Layout(width="6em")))
        self.code_button = self.named("code", w.Button(description=tr("Show as code"),
                                                       tooltip=tr("print nnlib code that reproduces this state"),
                                                       layout=w.Layout(width="9em")))
        self.code_view = self.named("codeview", w.HTML(""))
        self.fig = live_figure((7.0, 4.3))
        self._draw()
        self.make_readout()
        features_box = w.HBox([w.Label(tr("features")), *self.feature_toggles.values()])
        self.assemble([self.dataset, self.noise, self.ratio, features_box, self.hidden, self.activation,
                       self.lr, self.batch, self.reg, self.reg_rate, self.play, self.step_button,
                       self.reset_button, self.code_button], self.readout)
        self.ui.children = (*self.ui.children, self.code_view)
        for c in (self.dataset, self.noise, self.ratio, self.hidden, self.activation, self.batch, self.reg,
                  self.reg_rate, *self.feature_toggles.values()):
            c.observe(self._on_reset, names="value")
        self.lr.observe(self._on_lr, names="value")
        self.play.observe(self._on_tick, names="value")
        self.step_button.on_click(lambda _: self.step_epoch())
        self.reset_button.on_click(lambda _: self.reset())
        self.code_button.on_click(lambda _: self.show_code())
        self._last_tick = 0.0
        self.reset()

    # -- model ------------------------------------------------------------------------------
    def settings(self):
        """The current control values as :func:`playground_run` arguments."""
        return dict(dataset=self.dataset.value, hidden=self.hidden.value, activation=self.activation.value,
                    lr=float(self.lr.value), random_state=self.random_state, noise=float(self.noise.value),
                    train_ratio=self.ratio.value / 100, batch_size=int(self.batch.value),
                    regularization=self.reg.value, reg_rate=float(self.reg_rate.value),
                    features=tuple(f for f, t in self.feature_toggles.items() if t.value))

    def reset(self):
        """New data for the chosen settings and a fresh model (same seed: the same start every time)."""
        self.run = playground_setup(**self.settings())
        self.limits = self.run["limits"]
        self._start_lr, self.lr_changes = float(self.lr.value), []
        self.code_view.value = ""
        self._set_points()
        self.refresh()

    def train(self, epochs=1):
        """Train ``epochs`` epochs (no redraw)."""
        for _ in range(int(epochs)):
            train_epoch(self.run)

    def step_epoch(self):
        """Train one epoch and redraw."""
        self.train(1)
        self.refresh()

    def code(self):
        """The nnlib code that reproduces the current state (:func:`playground_code`)."""
        s = self.settings()
        s["lr"] = self._start_lr
        return playground_code(**s, epochs=self.run["model"].n_iter_, lr_changes=self.lr_changes)

    def show_code(self):
        """Show :meth:`code` under the picture."""
        self.code_view.value = f"<pre style='font-size:12px; line-height:1.3'>{html.escape(self.code())}</pre>"

    def _on_reset(self, change=None):
        if not any(t.value for t in self.feature_toggles.values()):
            change["owner"].value = True  # at least one input feature stays on; this sets off a reset
            return
        self.reset()

    def _on_lr(self, change=None):
        lr = float(self.lr.value)
        model = self.run["model"]
        model.set_params(lr=lr)
        model.network_.optimizer.lr = lr  # the running optimizer keeps Adam's moments
        # "show as code" repeats the change before the next epoch
        self.lr_changes = [c for c in self.lr_changes if c[0] != model.n_iter_ + 1] + [(model.n_iter_ + 1, lr)]
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
        grid = self.fig.add_gridspec(2, 2, width_ratios=(1.15, 1.0), height_ratios=(3.3, 1.0))
        ax, axl = self.fig.add_subplot(grid[0, 0]), self.fig.add_subplot(grid[0, 1])
        axn = self.fig.add_subplot(grid[1, :])
        self.ax, self.axl, self.axn = ax, axl, axn
        self.img = ax.imshow(np.full((self.resolution, self.resolution), 0.5), origin="lower",
                             extent=(0, 1, 0, 1), cmap=REGION_CMAP, vmin=0, vmax=1, interpolation="bilinear",
                             aspect="auto")
        self.pts = [class_marker_line(ax, k, size=3.7, edge_width=0.4) for k in (0, 1)]
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("$x_1$", labelpad=2)
        ax.set_ylabel("$x_2$", labelpad=2)
        ax.set_title(tr("decision regions"), fontsize=10)
        (self.loss_line,) = axl.plot([], [], color="#333333", lw=1.6, label=tr("training"))
        (self.test_line,) = axl.plot([], [], color="#d95f02", lw=1.6, ls="--", label=tr("test"))
        axl.legend(loc="upper right", fontsize=9, frameon=False)
        axl.set_xlabel(tr("epoch"), labelpad=1)
        axl.set_ylabel(tr("cross-entropy L"), labelpad=1)
        axl.set_title(tr("loss after each epoch"), fontsize=10)
        axl.grid(alpha=0.3)
        axl.set_xlim(0, 10)
        axl.set_ylim(0, 1)
        axl.xaxis.set_major_locator(MaxNLocator(4, integer=True))
        axl.yaxis.set_major_locator(MaxNLocator(4))
        self.neuron_img = axn.imshow(neuron_mosaic(np.zeros((0, NEURON_RES, NEURON_RES))), origin="lower",
                                     cmap=REGION_CMAP, vmin=-1, vmax=1, interpolation="nearest", aspect="equal")
        axn.set_axis_off()
        axn.set_title(tr("first hidden layer: each unit's output a⁽¹⁾ over the plane (at most {n} shown)", n=MAX_NEURONS), fontsize=9)
        # The regions image fills the left axes: the points and the frame are redrawn on it.
        self.animate(self.img, *self.pts, *ax.spines.values(), self.loss_line, self.test_line, self.neuron_img)
        self.freeze_layout()

    def _set_points(self):
        x0, x1, y0, y1 = self.limits
        if tuple(self.img.get_extent()) != (x0, x1, y0, y1):
            self.img.set_extent((x0, x1, y0, y1))
        self.set_limits(self.ax, (x0, x1), (y0, y1))  # a new data set: a full redraw
        X, y = self.run["X"], self.run["y"]
        for k, art in enumerate(self.pts):
            art.set_data(X[y == k].T)

    def update(self):
        s = playground_state(self.run, resolution=self.resolution, limits=self.limits)
        self.state = s
        self.img.set_data(s["Z"])
        self.neuron_img.set_data(neuron_mosaic(s["neurons"]))
        # colour range of the activation: tanh −1…1, sigmoid 0…1, ReLU 0…its largest value here
        lo, hi = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}.get(
            self.activation.value, (0.0, max(float(np.max(s["neurons"])), 1e-6)))
        if self.neuron_img.get_clim() != (lo, hi):
            self.neuron_img.set_clim(lo, hi)
        h, ht = s["loss_history"], s["test_loss_history"]
        epochs = np.arange(1, len(h) + 1)
        self.loss_line.set_data(epochs, h)
        self.test_line.set_data(epochs, ht)
        self.set_limits(self.axl, *loss_limits(np.concatenate([h, ht]), self.axl.get_xlim()[1],
                                               self.axl.get_ylim()[1], n_epochs=len(h)))
        self.readout.value = s["readout"]


def loss_limits(history, right=10.0, top=1.0, n_epochs=None):
    """Limits of the loss plot: (0, right) x (0, top), doubled only when the curves outgrow them.

    ``history`` holds every plotted loss value; ``n_epochs`` (default ``len(history)``) the
    length of the curves. Fixed limits let a training tick redraw just the curves; the axes
    (tick labels and all) are redrawn only when a limit doubles, or when a fresh start (no
    history) brings them back.

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
    n = len(h) if n_epochs is None else n_epochs
    finite = h[np.isfinite(h)]
    peak = float(finite.max()) if len(finite) else 0.0
    return (0, doubled_limit(n, right)), (0, doubled_limit(peak, top))
