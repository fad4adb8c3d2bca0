"""A one-screen history of neural networks, drawn as a timeline.

Used by chapter 00 and, saved with :func:`save_timeline`, by the README
(``assets/ch00_timeline.png``).

Examples
--------
>>> from nnlib.plots.timeline import EVENTS
>>> EVENTS[0].year, EVENTS[0].title
(1943, 'McCulloch–Pitts neuron')
"""

from __future__ import annotations

from typing import NamedTuple

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from ..language import tr, translatable

__all__ = ["Event", "EVENTS", "AI_WINTER", "plot_timeline", "save_timeline"]


class Event(NamedTuple):
    """One milestone: the year, a short title, one line of detail, and the chapter that uses it.

    The texts are shown through :func:`nnlib.language.tr`, so the course's own events (marked
    ``translatable``) are drawn in the selected language; other texts are drawn as given.
    """

    year: int
    title: str
    detail: str
    chapter: str = ""


EVENTS = (
    Event(1943, translatable("McCulloch–Pitts neuron"), translatable("threshold logic, fixed weights"),
          translatable("ch 01–02")),
    Event(1949, translatable("Hebb's rule"), translatable("co-active connections strengthen"),
          translatable("ch 05")),
    Event(1958, translatable("Rosenblatt's perceptron"), translatable("a neuron that learns its weights"),
          translatable("ch 02, 05")),
    Event(1960, translatable("Widrow–Hoff ADALINE"), translatable("the delta (LMS) rule"), translatable("ch 05")),
    Event(1969, translatable("Minsky & Papert, Perceptrons"), translatable("one layer cannot compute XOR (parity)"),
          translatable("ch 03")),
    Event(1986, translatable("Backpropagation"), "Rumelhart, Hinton & Williams", translatable("ch 04, 06")),
    Event(1989, "LeNet (1989/1998)", translatable("convolutional nets read digits"), translatable("ch 07")),
    Event(2012, "AlexNet", translatable("deep nets win ImageNet on GPUs")),
    Event(2014, "Adam", translatable("adaptive gradient steps"), translatable("ch 06")),
    Event(2015, "ResNet", translatable("skip connections, 100+ layers")),
    Event(2017, translatable("Transformer"), translatable("attention is all you need")),
)

#: The first AI winter, when funding and interest in AI (neural networks included) dried up.
AI_WINTER = (1974, 1980)

# Label heights (alternating above/below the axis, further out where events crowd together).
_LEVELS = (1.0, -1.0, 2.1, -2.1, 1.0, -1.0, 2.1, 1.0, -1.0, 2.1, -2.1)


def plot_timeline(events=EVENTS, ax=None, winter=AI_WINTER):
    """Draw ``events`` on a horizontal time axis with staggered labels and the AI winter shaded.

    Parameters
    ----------
    events : sequence of Event
    ax : Axes, optional
        A new 11 × 3.6 inch figure is made when omitted.
    winter : (int, int) or None
        Years to shade as the first AI winter.

    Returns
    -------
    ax : Axes

    Examples
    --------
    >>> ax = plot_timeline()
    >>> len(ax.texts) >= len(EVENTS)
    True
    """
    events = list(events)
    if not events:
        raise ValueError("events must hold at least one Event")
    if ax is None:
        fig = plt.figure(figsize=(11, 3.6), layout="constrained")
        ax = fig.add_subplot()
    years = [e.year for e in events]
    lo, hi = min(years) - 4, max(years) + 6
    ax.axhline(0, color="0.25", lw=2, zorder=1)
    if winter is not None:
        ax.axvspan(*winter, ymin=0.05, ymax=0.95, color="#9ecae1", alpha=0.35, lw=0, zorder=0)
        ax.text(sum(winter) / 2, -2.75, tr("first AI winter"), ha="center", va="center", fontsize=8.5,
                color="#3b6e8f", style="italic")
    for i, e in enumerate(events):
        level = _LEVELS[i % len(_LEVELS)]
        colour = "#d62728" if e.year < 1970 else ("#1f77b4" if e.year < 2000 else "#2ca02c")
        ax.plot([e.year, e.year], [0, level], color=colour, lw=1, zorder=1)
        ax.plot(e.year, 0, "o", color=colour, ms=7, mec="white", zorder=2)
        va = "bottom" if level > 0 else "top"
        label = f"{e.year}  {tr(e.title)}\n{tr(e.detail)}"
        if e.chapter:
            label += f"\n[{tr(e.chapter)}]"
        ax.text(e.year, level + (0.08 if level > 0 else -0.08), label, ha="center", va=va, fontsize=8,
                linespacing=1.15,
                bbox=dict(boxstyle="round,pad=0.25", fc="white", ec=colour, lw=0.8))
    ax.set_xlim(lo, hi)
    ax.set_ylim(-3.6, 3.6)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_xticks(range(1940, hi + 1, 10))
    ax.set_xlabel(tr("year"))
    ax.set_title(tr("A short history of neural networks  (brackets: the chapter that uses it)"), fontsize=10)
    return ax


def save_timeline(path, dpi=110):
    """Draw the timeline on its own figure (no pyplot state) and save it to ``path`` (PNG, SVG...).

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "t.png")
    >>> save_timeline(p) == p
    True
    """
    fig = Figure(figsize=(11, 3.6), layout="constrained")
    plot_timeline(ax=fig.add_subplot())
    fig.savefig(path, dpi=dpi)
    return path
