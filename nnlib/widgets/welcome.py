"""WelcomeWidget: the smallest live widget, to check that sliders and live plots work.

One slider sets a weight w; the plot shows the line y = w·x and the readout the value at x = 2.
If moving the slider changes the line and the number, the course's widgets will work too.

Examples
--------
>>> from nnlib.widgets.welcome import welcome_picture
>>> welcome_picture(1.5).readout
'w = 1.50 → at x = 2, y = w·x = 3.00'
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w
import numpy as np

from .._checks import check_finite_scalar
from ..language import tr
from ._base import LiveWidget, live_figure

__all__ = ["WelcomePicture", "welcome_picture", "WelcomeWidget"]

X_LINE = np.array([-2.0, 2.0])
X_PROBE = 2.0


@dataclass(frozen=True)
class WelcomePicture:
    """The line's end points and the readout for one weight."""

    w: float
    x: np.ndarray
    y: np.ndarray
    y_probe: float
    readout: str


def welcome_picture(w):
    """The line y = w·x over x ∈ [−2, 2] and its value at x = 2.

    Examples
    --------
    >>> welcome_picture(-0.5).y.tolist()
    [1.0, -1.0]
    """
    w = check_finite_scalar(w, "w")
    y = w * X_LINE + 0.0
    yp = w * X_PROBE + 0.0
    return WelcomePicture(w=w, x=X_LINE.copy(), y=y, y_probe=yp,
                          readout=tr("w = {w:.2f} → at x = 2, y = w·x = {y:.2f}", w=w, y=yp))


class WelcomeWidget(LiveWidget):
    """A slider for w (−2 … 2), the line y = w·x, and a readout (CSS ``nnlab-welcome-w``/``-readout``).

    Examples
    --------
    >>> ww = WelcomeWidget(w=0.5)
    >>> ww.readout.value
    'w = 0.50 → at x = 2, y = w·x = 1.00'
    """

    name = "welcome"

    def __init__(self, w=1.0):
        super().__init__()
        start = welcome_picture(w)
        self.w = self.named("w", _slider(start.w))
        self.fig = live_figure((3.2, 2.4))
        ax = self.fig.add_subplot()
        (self.line,) = ax.plot(start.x, start.y, color="#1f77b4", lw=2.5)
        (self.probe,) = ax.plot([X_PROBE], [start.y_probe], "o", color="#d62728", ms=8)
        ax.axhline(0, color="0.7", lw=0.8)
        ax.axvline(0, color="0.7", lw=0.8)
        ax.set_xlim(-2.2, 2.2)
        ax.set_ylim(-4.4, 4.4)
        ax.set_xlabel("x")
        ax.set_ylabel("y = w·x")
        ax.grid(alpha=0.3)
        self.animate(self.line, self.probe)
        self.make_readout()
        self.assemble([self.w], self.readout)
        self.observe(self.w)
        self.refresh()
        self.freeze_layout()

    def picture(self):
        """The pure picture for the slider's current value."""
        return welcome_picture(self.w.value)

    def update(self):
        p = self.picture()
        self.line.set_ydata(p.y)
        self.probe.set_ydata([p.y_probe])
        self.readout.value = p.readout


def _slider(value):
    return w.FloatSlider(value=value, min=-2.0, max=2.0, step=0.1, description="w", readout_format=".1f",
                         continuous_update=True, layout=w.Layout(width="18em"),
                         style={"description_width": "1.5em"})

