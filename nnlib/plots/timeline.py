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

__all__ = ["Event", "EVENTS", "AI_WINTER", "plot_timeline", "save_timeline"]


class Event(NamedTuple):
    """One milestone: the year, a short title, one line of detail, and the chapter that uses it."""

    year: int
    title: str
    detail: str
    chapter: str = ""


EVENTS = (
    Event(1943, "McCulloch–Pitts neuron", "threshold logic, fixed weights", "ch 01–02"),
    Event(1949, "Hebb's rule", "co-active connections strengthen", "ch 05"),
    Event(1958, "Rosenblatt's perceptron", "a neuron that learns its weights", "ch 02, 05"),
    Event(1960, "Widrow–Hoff ADALINE", "the delta (LMS) rule", "ch 05"),
    Event(1969, "Minsky & Papert, Perceptrons", "one layer cannot compute XOR (parity)", "ch 03"),
    Event(1986, "Backpropagation", "Rumelhart, Hinton & Williams", "ch 04, 06"),
    Event(1989, "LeNet (1989/1998)", "convolutional nets read digits", "ch 07"),
    Event(2012, "AlexNet", "deep nets win ImageNet on GPUs"),
    Event(2014, "Adam", "adaptive gradient steps", "ch 06"),
    Event(2015, "ResNet", "skip connections, 100+ layers"),
    Event(2017, "Transformer", "attention is all you need"),
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
        ax.text(sum(winter) / 2, -2.75, "first AI winter", ha="center", va="center", fontsize=8.5,
                color="#3b6e8f", style="italic")
    for i, e in enumerate(events):
        level = _LEVELS[i % len(_LEVELS)]
        colour = "#d62728" if e.year < 1970 else ("#1f77b4" if e.year < 2000 else "#2ca02c")
        ax.plot([e.year, e.year], [0, level], color=colour, lw=1, zorder=1)
        ax.plot(e.year, 0, "o", color=colour, ms=7, mec="white", zorder=2)
        va = "bottom" if level > 0 else "top"
        label = f"{e.year}  {e.title}\n{e.detail}"
        if e.chapter:
            label += f"\n[{e.chapter}]"
        ax.text(e.year, level + (0.08 if level > 0 else -0.08), label, ha="center", va=va, fontsize=8,
                linespacing=1.15,
                bbox=dict(boxstyle="round,pad=0.25", fc="white", ec=colour, lw=0.8))
    ax.set_xlim(lo, hi)
    ax.set_ylim(-3.6, 3.6)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_xticks(range(1940, hi + 1, 10))
    ax.set_xlabel("year")
    ax.set_title("A short history of neural networks  (brackets: the chapter that uses it)", fontsize=10)
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
