"""Pictures for the digit chapter: image grids, weights as images, confusion matrix, probabilities.

Every function takes ``ax=None`` (a new figure is made when None) and returns the axes. Grids
are drawn as one mosaic image in a single axes, which is fast and keeps the labels aligned.

Examples
--------
>>> import numpy as np
>>> ax = plot_digit_grid(np.zeros((4, 64)), labels=[0, 1, 2, 3])
>>> len(ax.texts)
4
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .._checks import as_float_array
from ..language import tr

__all__ = [
    "mosaic",
    "plot_digit_grid",
    "plot_weight_images",
    "plot_confusion_matrix",
    "plot_probabilities",
    "plot_preprocessing_steps",
    "plot_learning_curves",
]

RIGHT = "#1b7a2f"
WRONG = "#d62728"
BLUE = "#1f77b4"


def _new_ax(ax, figsize):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _images(images, image_shape=None, name="images", finite=True):
    arr = as_float_array(images, name) if finite else np.asarray(images, dtype=float)
    if arr.ndim == 2 and image_shape is None:
        side = int(round(np.sqrt(arr.shape[1])))
        if side * side != arr.shape[1]:
            raise ValueError(f"image_shape must be given: {arr.shape[1]} pixels is not a square image")
        image_shape = (side, side)
    if arr.ndim == 2:
        arr = arr.reshape(len(arr), *image_shape)
    if arr.ndim != 3:
        raise ValueError(f"{name} must have shape (n, h*w) or (n, h, w); got {arr.shape}")
    return arr


def mosaic(images, ncols=10, gap=1, fill=np.nan):
    """Tile images of shape (n, h, w) into one 2-D array, ``gap`` pixels of ``fill`` between.

    Examples
    --------
    >>> mosaic(np.ones((3, 2, 2)), ncols=2, gap=1).shape
    (5, 5)
    """
    arr = _images(images, finite=False)
    n, h, w = arr.shape
    ncols = max(1, min(int(ncols), n))
    nrows = -(-n // ncols)
    out = np.full((nrows * (h + gap) - gap, ncols * (w + gap) - gap), fill, dtype=float)
    rows, cols = np.divmod(np.arange(n), ncols)
    for k in range(n):  # n tiles (tens), not pixels
        r, c = rows[k] * (h + gap), cols[k] * (w + gap)
        out[r : r + h, c : c + w] = arr[k]
    return out


def plot_digit_grid(images, labels=None, predictions=None, probabilities=None, ncols=10,
                    image_shape=None, ax=None, cmap="gray"):
    """Show digit images in a grid, each titled with its label (and prediction when given).

    White ink on black, as everywhere in the course (pad, preprocessing strip, inspector).

    A tile whose prediction differs from its label is titled ``label→prediction`` in red.

    Parameters
    ----------
    images : array (n, h*w) or (n, h, w)
    labels, predictions : sequences of length n, optional
    probabilities : sequence of length n, optional
        Shown after the prediction, e.g. ``7→1 0.98``.
    """
    arr = _images(images, image_shape)
    n, h, w = arr.shape
    ncols = max(1, min(int(ncols), n))
    nrows = -(-n // ncols)
    gap_x, gap_y = 1, 3 if labels is not None or predictions is not None else 1
    tile = np.full((n, h + gap_y, w + gap_x), np.nan)
    tile[:, gap_y:, :w] = arr
    big = mosaic(tile, ncols=ncols, gap=0)
    ax = _new_ax(ax, (min(1.0 * ncols, 12), 1.15 * nrows + 0.2))
    cm = plt.get_cmap(cmap).with_extremes(bad="white")
    ax.imshow(big, cmap=cm, vmin=0, vmax=max(1.0, float(np.nanmax(arr)) if arr.size else 1.0),
              interpolation="nearest")
    ax.set_axis_off()
    if labels is None and predictions is None:
        return ax
    rows, cols = np.divmod(np.arange(n), ncols)
    for k in range(n):
        x = cols[k] * (w + gap_x) + (w - 1) / 2
        y = rows[k] * (h + gap_y) + gap_y - 1.2
        colour = "black"
        if labels is not None and predictions is not None:
            wrong = labels[k] != predictions[k]
            text = f"{labels[k]}→{predictions[k]}" if wrong else f"{labels[k]}"
            colour = WRONG if wrong else RIGHT
        elif predictions is not None:
            text = f"{predictions[k]}"
        else:
            text = f"{labels[k]}"
        if probabilities is not None:
            text += f" {probabilities[k]:.2f}"
        ax.text(x, y, text, ha="center", va="center", fontsize=9, color=colour)
    return ax


def plot_weight_images(W, image_shape=(8, 8), n=16, ncols=8, ax=None):
    """First-layer weights as images: column ``j`` of ``W`` (n_inputs, n_units) is what unit ``j``
    looks for — red pixels push it up, blue pixels push it down (one colour scale for all).

    Examples
    --------
    >>> ax = plot_weight_images(np.random.default_rng(0).normal(size=(64, 16)), n=16)
    >>> ax.images[0].get_array().shape
    (17, 71)
    """
    W = as_float_array(W, "W")
    if W.ndim != 2 or W.shape[0] != int(np.prod(image_shape)):
        raise ValueError(f"W must have shape ({int(np.prod(image_shape))}, n_units); got {W.shape}")
    n = min(int(n), W.shape[1])
    tiles = W[:, :n].T.reshape(n, *image_shape)
    big = mosaic(tiles, ncols=ncols, gap=1)
    limit = float(np.abs(tiles).max()) or 1.0
    ax = _new_ax(ax, (min(1.0 * ncols, 10), 1.1 * (-(-n // ncols)) + 0.3))
    cm = plt.get_cmap("RdBu_r").with_extremes(bad="white")
    im = ax.imshow(big, cmap=cm, vmin=-limit, vmax=limit, interpolation="nearest")
    ax.set_axis_off()
    ax.figure.colorbar(im, ax=ax, shrink=0.8, label=tr("weight"))
    return ax


def plot_confusion_matrix(y_true, y_pred, labels=None, ax=None, normalize=False):
    """A confusion matrix with the count written in every cell (rows: true, columns: predicted).

    Examples
    --------
    >>> ax = plot_confusion_matrix([0, 1, 1], [0, 1, 0])
    >>> [t.get_text() for t in ax.texts]
    ['1', '0', '1', '1']
    """
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    if y_true.shape != y_pred.shape or y_true.ndim != 1:
        raise ValueError(f"y_pred must have the same 1-D shape as y_true; got {y_pred.shape} vs {y_true.shape}")
    labels = np.unique(np.concatenate([y_true, y_pred])) if labels is None else np.asarray(labels)
    index = {v: i for i, v in enumerate(labels.tolist())}
    k = len(labels)
    cm = np.zeros((k, k), dtype=int)
    np.add.at(cm, ([index[v] for v in y_true.tolist()], [index[v] for v in y_pred.tolist()]), 1)
    shown = cm / np.maximum(cm.sum(axis=1, keepdims=True), 1) if normalize else cm
    ax = _new_ax(ax, (4.6, 4.0))
    ax.imshow(shown, cmap="Blues", interpolation="nearest")
    limit = shown.max() / 2.0 if shown.size else 0
    for i in range(k):
        for j in range(k):
            val = f"{shown[i, j]:.2f}" if normalize else f"{cm[i, j]}"
            ax.text(j, i, val, ha="center", va="center", fontsize=8,
                    color="white" if shown[i, j] > limit else ("#444" if cm[i, j] == 0 else "black"))
    ticks = np.arange(k)
    ax.set_xticks(ticks, [str(v) for v in labels])
    ax.set_yticks(ticks, [str(v) for v in labels])
    ax.set_xlabel(tr("predicted digit"))
    ax.set_ylabel(tr("true digit"))
    ax.set_title(tr("confusion matrix (counts)") if not normalize else tr("confusion matrix (row fractions)"))
    return ax


def plot_probabilities(proba, classes=None, true=None, ax=None):
    """Bar chart of one image's class probabilities; the top class red, the true class outlined.

    Examples
    --------
    >>> ax = plot_probabilities([0.1, 0.7, 0.2], true=1)
    >>> [round(float(p.get_height()), 1) for p in ax.patches]
    [0.1, 0.7, 0.2]
    """
    proba = as_float_array(proba, "proba")
    if proba.ndim != 1:
        raise ValueError(f"proba must be 1-D (one probability per class); got shape {proba.shape}")
    classes = np.arange(len(proba)) if classes is None else np.asarray(classes)
    ax = _new_ax(ax, (4.0, 2.4))
    best = int(np.argmax(proba))
    colours = ["#9bb7d4"] * len(proba)
    colours[best] = WRONG
    bars = ax.bar(np.arange(len(proba)), proba, color=colours)
    if true is not None:
        t = int(np.flatnonzero(classes == true)[0])
        bars[t].set_edgecolor("black")
        bars[t].set_linewidth(1.5)
    ax.set_xticks(np.arange(len(proba)), [str(c) for c in classes])
    ax.set_ylim(0, 1)
    ax.set_xlabel(tr("digit"))
    ax.set_ylabel(tr("probability"))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_preprocessing_steps(steps, axes=None):
    """Show every intermediate image of :func:`nnlib.preprocess.preprocess_steps` side by side.

    Examples
    --------
    >>> from nnlib.preprocess import preprocess_steps, example_drawing
    >>> axes = plot_preprocessing_steps(preprocess_steps(example_drawing("2", size=56)))
    >>> len(axes)
    8
    """
    from ..preprocess import STEP_TITLES

    names = list(steps)
    if axes is None:
        _, axes = plt.subplots(1, len(names), figsize=(1.6 * len(names), 2.0), layout="constrained")
    axes = np.atleast_1d(axes)
    for ax, name in zip(axes, names):
        img = steps[name]
        ax.imshow(img, cmap="gray", vmin=0, vmax=1, interpolation="nearest")
        ax.set_title(f"{tr(STEP_TITLES.get(name, name))}\n{img.shape[0]}×{img.shape[1]}", fontsize=8)
        ax.set_xticks([])
        ax.set_yticks([])
    return list(axes)


def plot_learning_curves(model, axes=None, title=None):
    """Loss (left panel) and accuracy (right panel) per epoch, training and validation side by side.

    Uses ``model.loss_history_`` and ``model.accuracy_history_``, and when the model was fitted
    with validation data ``val_loss_history_`` and ``val_accuracy_history_``. Epochs count
    from 1. Returns the two axes.

    Examples
    --------
    >>> class Fitted:
    ...     loss_history_, accuracy_history_ = [1.0, 0.5], [0.6, 0.8]
    ...     val_loss_history_, val_accuracy_history_ = [1.1, 0.7], [0.5, 0.7]
    >>> ax_loss, ax_acc = plot_learning_curves(Fitted())
    >>> [line.get_label() for line in ax_loss.lines]
    ['training', 'validation']
    """
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(9.0, 2.8), layout="constrained")
    ax_loss, ax_acc = axes
    curves = [(tr("training"), "", BLUE, "o"), (tr("validation"), "val_", WRONG, "s")]
    for name, prefix, colour, marker in curves:
        for ax, what in ((ax_loss, "loss_history_"), (ax_acc, "accuracy_history_")):
            values = np.asarray(getattr(model, prefix + what, []), dtype=float)
            if values.size:
                ax.plot(np.arange(1, values.size + 1), values, color=colour, marker=marker, ms=3, label=name)
    ax_loss.set_ylabel(tr("loss L (cross-entropy)"))
    ax_acc.set_ylabel(tr("accuracy"))
    ax_acc.set_ylim(None, 1.0)
    for ax in (ax_loss, ax_acc):
        ax.set_xlabel(tr("epoch"))
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(frameon=False)
        if title:
            ax.set_title(title)
    return ax_loss, ax_acc
