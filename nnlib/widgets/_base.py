"""Plumbing shared by every live widget: an in-place-updating figure, named controls, timing.

A widget in nnlab is three parts (see CONTRIBUTING.md): a pure function that computes the
picture's data, a drawing step that makes the matplotlib artists once, and this wiring, which
moves data into those artists when a control changes. Only the wiring lives here.
"""

from __future__ import annotations

import base64
import io
import itertools
import time

import ipywidgets as w
from IPython.display import HTML, Image, display
import matplotlib.image as plt_image
import numpy as np
from matplotlib.figure import Figure

__all__ = ["LiveWidget", "live_figure", "figure_png"]

_figure_numbers = itertools.count(1000)
_canvas_class = None


def _canvas_type():
    """ipympl's Canvas, with its drawing-before-the-browser-connects path mended.

    When a figure is drawn before its browser view connects (``fig.canvas.draw()`` in a widget's
    constructor, say), ipympl 0.9-0.10 sends the raw RGBA buffer where the browser expects a PNG
    and keeps the snapshot (``_data_url``, what saved notebooks and HTML exports show) without
    its ``data:`` prefix. The browser then holds a broken image, the first resize throws, and
    the live figure stays 0x0. This subclass sends the PNG and stores a valid data URL.
    """
    global _canvas_class
    if _canvas_class is None:
        from ipympl.backend_nbagg import Canvas

        class _Canvas(Canvas):
            def send_binary(self, data):
                if self.syncing_data_url:
                    rgba = np.asarray(self._last_buff).view(np.uint8).reshape((*self._last_buff.shape, 4))
                    buf = io.BytesIO()
                    plt_image.imsave(buf, rgba, format="png")
                    self._data_url = "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()
                self.send({"data": '{"type": "binary"}'}, buffers=[data])

        _canvas_class = _Canvas
    return _canvas_class


def live_figure(figsize=(6.0, 3.0), dpi=96, **subplot_kw):
    """A matplotlib ``Figure`` drawn by an ipympl canvas widget, whatever pyplot's backend is.

    The notebooks keep the inline backend, so their ordinary plots stay PNGs that GitHub can show;
    only widget figures are live canvases, which redraw in place when an artist changes.

    Examples
    --------
    >>> fig = live_figure((4, 3))
    >>> ax = fig.add_subplot()
    >>> fig.canvas.header_visible
    False
    """
    from ipympl.backend_nbagg import FigureManager

    fig = Figure(figsize=figsize, dpi=dpi, layout="constrained", **subplot_kw)
    canvas = _canvas_type()(fig)
    FigureManager(canvas, next(_figure_numbers))
    # A bare picture: no "Figure 1000" header, toolbar or footer, and no resize handle that a
    # lecturer could drag by accident.
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.toolbar_visible = False
    canvas.resizable = False
    return fig


def figure_png(fig, dpi=None):
    """Render ``fig`` to PNG bytes with Agg (no display needed)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi or fig.dpi)
    return buf.getvalue()


class LiveWidget:
    """Base class for the course's widgets.

    Subclasses set ``name`` (used in CSS classes ``nnlab-<name>-<control>``), build their controls
    with :meth:`named`, a figure with :func:`live_figure`, a readout with :meth:`make_readout`,
    then call :meth:`assemble` and :meth:`observe`. Their ``update()`` moves the pure function's
    result into existing artists and the readout. Every update's kernel-side time is kept in
    ``update_times_ms`` so the benchmarks can report it.
    """

    name = "widget"

    def __init__(self):
        self.update_times_ms = []
        self.fig = None
        self.ui = None

    # -- building ---------------------------------------------------------------------------
    def named(self, control, widget):
        """Give ``widget`` the CSS class ``nnlab-<name>-<control>`` the browser tests look for."""
        widget.add_class(f"nnlab-{self.name}-{control}")
        return widget

    def make_readout(self):
        """An HTML readout with the numbers the picture shows (class ``nnlab-<name>-readout``)."""
        self.readout = self.named("readout", w.HTML(layout=w.Layout(min_width="16em")))
        return self.readout

    def assemble(self, controls, right=None):
        """Lay out controls on top and the figure (plus an optional right panel) below."""
        canvas = self.fig.canvas
        body = w.HBox([canvas] + ([right] if right is not None else []))
        self.ui = w.VBox([w.HBox(controls, layout=w.Layout(flex_flow="row wrap")), body])
        self.ui.add_class(f"nnlab-{self.name}")
        return self.ui

    def freeze_layout(self):
        """Solve the constrained layout once, then keep it: re-solving it on every move costs
        more than drawing the few artists that change."""
        self.fig.draw_without_rendering()
        self.fig.set_layout_engine("none")

    def observe(self, *controls):
        """Redraw whenever one of ``controls`` changes its value."""
        for c in controls:
            c.observe(self._on_change, names="value")

    # -- updating ---------------------------------------------------------------------------
    def _on_change(self, change=None):
        self.refresh()

    def refresh(self):
        """Run ``update()`` once, time it, and ask the canvas to redraw (only what changed)."""
        t0 = time.perf_counter()
        self.update()
        if self.fig is not None:
            self.fig.canvas.draw_idle()
        self.update_times_ms.append((time.perf_counter() - t0) * 1000.0)

    def update(self):  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    # -- showing ----------------------------------------------------------------------------
    def static_png(self):
        """The current picture as PNG bytes (the starting state, before any control moves)."""
        return figure_png(self.fig)

    def show(self, caption="Starting picture (a static copy for readers without a running kernel)"):
        """Display a static picture of the current state, then the live widget.

        The static PNG is what GitHub and nbviewer readers see; in JupyterLab the live widget
        below it takes over.
        """
        display(HTML(f'<div style="font-size:smaller;color:#666">{caption}</div>'))
        display(Image(self.static_png()))
        display(self.ui)
        return None

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)
