"""Look inside a trained digit network: one image, every layer's activations, the answer.

- :func:`inspect_digit` — the **pure** function: model + images + index -> the image, each
  layer's activations (from :func:`hidden_activations`), the probabilities, the true label,
  the prediction and the readout text.
- :func:`next_wrong` — the index of the next misclassified image (wrapping around).
- :class:`DigitInspector` — the live widget: an index slider and a "next wrong" button; the
  picture shows the image, one heat strip per hidden layer (bright = active neuron) and the
  output probabilities as bars, all updated in place.

Examples
--------
>>> from nnlib.mlp import MLPClassifier
>>> from nnlib.datasets import load_digits
>>> data = load_digits()
>>> model = MLPClassifier(hidden_sizes=(16, 16), epochs=5, random_state=0).fit(data.X_train, data.y_train)
>>> s = inspect_digit(model, data.X_test, data.y_test, 0)
>>> [a.shape for a in s["activations"]], s["true"]
([(16,), (16,), (10,)], 2)
"""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np

from .._checks import as_2d_float, as_labels
from ..language import tr
from ..layers import Dense
from ._base import LiveWidget, live_figure

__all__ = ["hidden_activations", "inspect_digit", "next_wrong", "DigitInspector"]

RIGHT = "#1b7a2f"
WRONG = "#d62728"
BAR_COLOUR = "#9bb7d4"
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")  # a⁽¹⁾, the notation of the chapters


def _check_index(index, n):
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)):
        raise TypeError(f"index must be an integer; got {type(index).__name__}")
    if not 0 <= index < n:
        raise ValueError(f"index must be in [0, {n - 1}]; got {index}")
    return int(index)


def _image_shape(n_features, image_shape):
    if image_shape is not None:
        return tuple(int(v) for v in image_shape)
    side = int(round(np.sqrt(n_features)))
    if side * side != n_features:
        raise ValueError(f"image_shape must be given: {n_features} pixels is not a square image")
    return (side, side)


def hidden_activations(model, X):
    """Each hidden layer's activations φ(z) for the images X: one (n_samples, n_neurons) array per layer.

    Runs ``model.network_``'s layers one by one and keeps the output of every activation layer.

    Examples
    --------
    >>> from nnlib.mlp import MLPClassifier
    >>> model = MLPClassifier(hidden_sizes=(16, 8)).initialize(64, list(range(10)))
    >>> [a.shape for a in hidden_activations(model, np.zeros((3, 64)))]
    [(3, 16), (3, 8)]
    """
    out, acts = np.asarray(X, dtype=model.coefs_[0].dtype), []
    for layer in model.network_.layers[:-1]:
        out = layer.forward(out)
        if not isinstance(layer, Dense):
            acts.append(out)
    return acts


def inspect_digit(model, X, y, index, image_shape=None):
    """Everything the inspector shows for image ``index`` of ``X`` (pure: no widgets).

    Returns
    -------
    dict with ``image`` (2-D), ``activations`` (list of 1-D arrays: each hidden layer, then the
    output probabilities), ``proba``, ``true``, ``prediction``, ``probability`` (of the
    prediction), ``correct`` and ``readout`` (HTML).
    """
    X = as_2d_float(X, "X")
    y = as_labels(y, "y", n_samples=len(X))
    index = _check_index(index, len(X))
    shape = _image_shape(X.shape[1], image_shape)
    image = X[index:index + 1]
    proba = np.asarray(model.predict_proba(image)[0], dtype=float)
    hidden_and_output = [np.asarray(a[0], dtype=float) for a in hidden_activations(model, image)] + [proba]
    classes = np.asarray(model.classes_)
    best = int(np.argmax(proba))
    prediction = classes[best].item()
    true = y[index].item()
    correct = prediction == true
    colour = RIGHT if correct else WRONG
    readout = (
        tr("image {index}: ", index=index)
        + '<span class="nnlab-digitinspector-true">'
        + tr("true label {label}", label=html.escape(str(true))) + "</span>"
        + f' · <b class="nnlab-digitinspector-prediction" style="color:{colour}">'
        + tr("prediction {label}", label=html.escape(str(prediction))) + "</b>"
        + ' · <span class="nnlab-digitinspector-probability">'
        + tr("probability {p:.3f}", p=proba[best]) + "</span>"
        + f" {'✓' if correct else '✗'}"
    )
    return {
        "image": X[index].reshape(shape),
        "activations": hidden_and_output,
        "proba": proba,
        "true": true,
        "prediction": prediction,
        "probability": float(proba[best]),
        "correct": bool(correct),
        "readout": readout,
    }


def next_wrong(predictions, y, index):
    """Index of the first misclassified image after ``index`` (wrapping around); None if none.

    Examples
    --------
    >>> next_wrong([0, 1, 2, 3], [0, 9, 2, 9], 1)
    3
    >>> next_wrong([0, 1, 2, 3], [0, 9, 2, 9], 3)
    1
    >>> next_wrong([0, 1], [0, 1], 0) is None
    True
    """
    predictions = np.asarray(predictions)
    y = np.asarray(y)
    if predictions.shape != y.shape:
        raise ValueError(f"predictions must have the shape of y {y.shape}; got {predictions.shape}")
    wrong = np.flatnonzero(predictions != y)
    if wrong.size == 0:
        return None
    later = wrong[wrong > index]
    return int(later[0] if later.size else wrong[0])


class DigitInspector(LiveWidget):
    """Pick an image (the chapter uses the validation digits) and see what every layer does with it.

    Parameters
    ----------
    model : fitted :class:`nnlib.mlp.MLPClassifier`
    X, y : images (one per row) and their labels, e.g. the validation digits
    image_shape : (height, width), optional — guessed for square images
    index : int — the image shown first

    Examples
    --------
    >>> DigitInspector(model, data.X_val, data.y_val).show()   # doctest: +SKIP
    """

    name = "digitinspector"

    def __init__(self, model, X, y, image_shape=None, index=0):
        super().__init__()
        self.model = model
        self.X = as_2d_float(X, "X")
        self.y = as_labels(y, "y", n_samples=len(self.X))
        self.image_shape = _image_shape(self.X.shape[1], image_shape)
        index = _check_index(index, len(self.X))
        self.predictions = np.asarray(model.predict(self.X))
        # one colour scale per layer, the same for every image, so strips can be compared
        all_acts = hidden_activations(model, self.X)
        self.layer_max = [float(np.max(a)) or 1.0 for a in all_acts]

        self.index = self.named(
            "index",
            w.IntSlider(value=index, min=0, max=len(self.X) - 1, description=tr("image"),
                        continuous_update=True, layout=w.Layout(width="22em")),
        )
        self.next_button = self.named(
            "next-wrong", w.Button(description=tr("next wrong"), icon="forward", layout=w.Layout(width="9em"))
        )
        self.next_button.on_click(self._go_next_wrong)
        self.make_readout()

        state = inspect_digit(model, self.X, self.y, index, self.image_shape)
        n_hidden = len(state["activations"]) - 1
        self.fig = live_figure((7.4, 2.7))
        grid = self.fig.add_gridspec(1, 3, width_ratios=[1, 2.2, 1.5])
        ax_img = self.fig.add_subplot(grid[0])
        self.image_artist = ax_img.imshow(state["image"], cmap="gray", vmin=0, vmax=1,  # white ink on black
                                          interpolation="nearest")
        ax_img.set_xticks([])
        ax_img.set_yticks([])
        self.image_title = ax_img.set_title("", fontsize=9)
        inner = grid[1].subgridspec(max(n_hidden, 1), 1, hspace=0.9)
        self.strips = []
        for k in range(n_hidden):
            ax = self.fig.add_subplot(inner[k])
            a = state["activations"][k]
            strip = ax.imshow(a[None, :], cmap="magma", vmin=0, vmax=self.layer_max[k],
                              aspect="auto", interpolation="nearest")
            ax.set_yticks([])
            ax.set_xticks([0, len(a) - 1], ["1", str(len(a))])
            ax.tick_params(labelsize=7, length=2)
            layer = str(k + 1).translate(_SUPERSCRIPT)
            ax.set_title(tr("hidden layer {k}: a⁽{layer}⁾ ({n} neurons)", k=k + 1, layer=layer, n=len(a)),
                         fontsize=8)
            self.strips.append(strip)
        ax_bar = self.fig.add_subplot(grid[2])
        classes = np.asarray(model.classes_)
        positions = np.arange(len(classes))
        self.bars = ax_bar.bar(positions, state["proba"], color=BAR_COLOUR)
        ax_bar.set_xticks(positions, [str(c) for c in classes])
        ax_bar.set_ylim(0, 1)
        ax_bar.set_title(tr("output ŷ (softmax probabilities)"), fontsize=8)
        ax_bar.tick_params(labelsize=7)
        ax_bar.spines[["top", "right"]].set_visible(False)

        # What a move changes (the image and the strips fill their axes: their frames too).
        self.animate(self.image_artist, self.image_title, *self.strips, *self.bars,
                     *[sp for a in self.fig.axes for sp in a.spines.values()])

        self.assemble([self.index, self.next_button], self.readout)
        self.observe(self.index)
        self.refresh()
        self.freeze_layout()

    def state(self):
        """The pure function's result for the current index."""
        return inspect_digit(self.model, self.X, self.y, self.index.value, self.image_shape)

    def update(self):
        s = self.state()
        self.image_artist.set_data(s["image"])
        self.image_title.set_text(tr("true {true} → predicted {predicted}", true=s["true"],
                                     predicted=s["prediction"]))
        self.image_title.set_color(RIGHT if s["correct"] else WRONG)
        for strip, a in zip(self.strips, s["activations"][:-1]):
            strip.set_data(a[None, :])
        best = int(np.argmax(s["proba"]))
        for k, (bar, p) in enumerate(zip(self.bars, s["proba"])):
            bar.set_height(p)
            bar.set_color((RIGHT if s["correct"] else WRONG) if k == best else BAR_COLOUR)
        self.readout.value = s["readout"]

    def _go_next_wrong(self, _=None):
        target = next_wrong(self.predictions, self.y, self.index.value)
        if target is not None:
            self.index.value = target  # the slider's observer redraws
