"""Training curves: misclassified samples per epoch (perceptron), loss and accuracy per epoch (networks).

Every curve is plotted against the epoch, counted from 1 (epoch 1 is the first pass over the
training data), so the first value of a history sits at x = 1.

Examples
--------
>>> ax = plot_misclassified([3, 2, 0], label="AND")
>>> ax.lines[0].get_xdata().tolist(), ax.lines[0].get_ydata().tolist(), ax.get_ylabel()
([1, 2, 3], [3, 2, 0], 'misclassified after the epoch')
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from ..language import tr, translatable

__all__ = ["MISCLASSIFIED_LABEL", "MISCLASSIFIED_XLABEL", "plot_misclassified", "plot_history",
           "plot_train_test"]

#: Axis labels of the misclassified-per-epoch curve; the rule-stepper widget uses the same ones.
#: Pass them through ``tr`` where they are shown (they are translated when drawn, not at import).
MISCLASSIFIED_LABEL = translatable("misclassified after the epoch")
MISCLASSIFIED_XLABEL = translatable("epoch")

LOSS_COLOUR = "#333333"
ACCURACY_COLOUR = "#2ca02c"


def _series(values, name):
    arr = np.asarray(values, dtype=float).ravel()
    if arr.size == 0:
        raise ValueError(f"{name} must hold at least one value")
    return arr


def plot_misclassified(misclassified, ax=None, label=None, title=None, colour="#d62728"):
    """Training samples misclassified after each epoch (``Perceptron.misclassified_``).

    The count uses the weights at the *end* of each epoch. (``Perceptron.updates_``, the
    mistakes corrected *during* an epoch, is a different and larger number: on XOR 3–4 updates
    per epoch while 2 rows are wrong after it.)

    Parameters
    ----------
    misclassified : sequence of int
        Counts for epochs 1, 2, ...
    ax : Axes, optional
    label, title : str, optional
    colour : str, default red

    Returns
    -------
    ax : Axes
        The curve is ``ax.lines[0]``, x = 1, 2, ...

    Raises
    ------
    ValueError
        If ``misclassified`` is empty.

    Examples
    --------
    >>> ax = plot_misclassified([2, 2, 2], title="XOR")
    >>> ax.get_title(), ax.get_xlabel()
    ('XOR', 'epoch')
    """
    misclassified = np.asarray(misclassified)
    _series(misclassified, "misclassified")
    if ax is None:
        _, ax = plt.subplots(figsize=(4.0, 2.8), layout="constrained")
    epochs = np.arange(1, len(misclassified) + 1)
    ax.plot(epochs, misclassified, marker="o", ms=3.5, lw=1.5, color=colour, label=label)
    ax.set_xlabel(tr(MISCLASSIFIED_XLABEL))
    ax.set_ylabel(tr(MISCLASSIFIED_LABEL))
    ax.set_ylim(-0.2, max(float(np.max(misclassified)), 1.0) + 0.5)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(alpha=0.3)
    if label:
        ax.legend(fontsize="small")
    if title:
        ax.set_title(title)
    return ax


def plot_history(loss, accuracy=None, ax=None, title=None):
    """Loss per epoch (left axis) and, if given, accuracy per epoch (right axis, 0–1); epoch 1 first.

    Parameters
    ----------
    loss : sequence of float
    accuracy : sequence of float, optional
        One value per epoch, like ``loss``.
    ax : Axes, optional
    title : str, optional

    Raises
    ------
    ValueError
        For an empty ``loss`` or an ``accuracy`` of another length.

    Returns
    -------
    ax : Axes
        The loss axes; the accuracy axes (if any) is ``ax.right_ax``.

    Examples
    --------
    >>> ax = plot_history([0.7, 0.5, 0.3], [0.5, 0.75, 1.0])
    >>> ax.right_ax.lines[0].get_ydata().tolist()
    [0.5, 0.75, 1.0]
    """
    loss = _series(loss, "loss")
    if ax is None:
        _, ax = plt.subplots(figsize=(4.4, 2.8), layout="constrained")
    epochs = np.arange(1, len(loss) + 1)
    ax.plot(epochs, loss, color=LOSS_COLOUR, lw=1.6, label=tr("loss"))
    ax.set_xlabel(tr("epoch"))
    ax.set_ylabel(tr("loss"))
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.right_ax = None
    if accuracy is not None:
        acc = _series(accuracy, "accuracy")
        if len(acc) != len(loss):
            raise ValueError(f"accuracy must have one value per epoch ({len(loss)}); got {len(acc)}")
        ax2 = ax.twinx()
        ax2.plot(epochs, acc, color=ACCURACY_COLOUR, lw=1.6, ls="--", label=tr("accuracy"))
        ax2.set_ylim(0, 1.02)
        ax2.set_ylabel(tr("accuracy"), color=ACCURACY_COLOUR)
        ax.right_ax = ax2
    if title:
        ax.set_title(title)
    return ax


def plot_train_test(train, test, ax=None, title=None, ylabel=translatable("accuracy")):
    """Training and held-out curves on one axes, epoch 1 first (to spot over-fitting, 과적합).

    Parameters
    ----------
    train, test : sequence of float
        One value per epoch each, the same length.
    ax : Axes, optional
    title : str, optional
    ylabel : str, default "accuracy"
        Shown in the selected language when the catalogue has it ("accuracy", "loss", ...).

    Returns
    -------
    ax : Axes

    Raises
    ------
    ValueError
        For empty series or series of different lengths.

    Examples
    --------
    >>> ax = plot_train_test([0.6, 0.9], [0.6, 0.7])
    >>> [line.get_label() for line in ax.lines]
    ['training', 'held-out']
    """
    train = _series(train, "train")
    test = _series(test, "test")
    if len(train) != len(test):
        raise ValueError(f"test must have as many values as train ({len(train)}); got {len(test)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(4.4, 2.8), layout="constrained")
    epochs = np.arange(1, len(train) + 1)
    ax.plot(epochs, train, color="#ff7f0e", lw=1.6, label=tr("training"))
    ax.plot(epochs, test, color="#9467bd", lw=1.6, ls="--", label=tr("held-out"))
    ax.set_xlabel(tr("epoch"))
    ax.set_ylabel(tr(ylabel))
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    if title:
        ax.set_title(title)
    return ax
