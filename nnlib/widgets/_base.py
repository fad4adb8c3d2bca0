"""Plumbing shared by every live widget: an in-place-updating figure, named controls, timing.

A widget in nnlab is three parts (see CONTRIBUTING.md): a pure function that computes the
picture's data, a drawing step that makes the matplotlib artists once, and this wiring, which
moves data into those artists when a control changes. Only the wiring lives here.
"""

from __future__ import annotations

import base64
import io
import itertools
import struct
import time
import zlib

import ipywidgets as w
from IPython.display import HTML, Image, display
import numpy as np
from matplotlib.figure import Figure

__all__ = ["LiveWidget", "live_figure", "figure_png", "doubled_limit"]

_figure_numbers = itertools.count(1000)
_canvas_class = None


def encode_png(rgba, level=1):
    """PNG bytes of an (h, w, 4) uint8 RGBA array, written for speed rather than size.

    Every live frame is sent to the browser as a PNG. Pillow tries five row filters per row and
    keeps the best, which took 14 ms for a 672×316 playground frame; filter "None" with zlib
    level 1 takes a third of that, and a diff frame (zeros wherever nothing changed) still
    compresses well.

    Examples
    --------
    >>> encode_png(np.zeros((2, 3, 4), np.uint8))[1:4]
    b'PNG'
    """
    rgba = np.asarray(rgba)
    if rgba.dtype != np.uint8 or rgba.ndim != 3 or rgba.shape[2] != 4:
        raise ValueError(f"rgba must be a uint8 array of shape (height, width, 4); "
                         f"got {rgba.dtype} {rgba.shape}")
    h, w_ = rgba.shape[:2]
    rows = np.zeros((h, 1 + 4 * w_), np.uint8)  # each row starts with its filter type, 0 = None
    rows[:, 1:] = rgba.reshape(h, 4 * w_)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", w_, h, 8, 6, 0, 0, 0)  # 8 bits per channel, RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows.tobytes(), level)) + chunk(b"IEND", b""))


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
                    self._data_url = "data:image/png;base64," + base64.b64encode(encode_png(rgba, 6)).decode()
                self.send({"data": '{"type": "binary"}'}, buffers=[data])

            def get_diff_image(self):
                # matplotlib's webagg version with a fast PNG encoder (see encode_png): a blitted
                # move redraws a few artists, and encoding the frame took longer than drawing them.
                if not self._png_is_old:
                    return None
                pixels = np.asarray(self.get_renderer().buffer_rgba())
                buff = pixels.view(np.uint32).squeeze(2)
                if (self._force_full or buff.shape != self._last_buff.shape
                        or (pixels[:, :, 3] != 255).any()):
                    self.set_image_mode("full")
                    output = buff
                else:
                    self.set_image_mode("diff")
                    output = np.where(buff != self._last_buff, buff, 0)
                self._last_buff = buff.copy()
                self._force_full = False
                self._png_is_old = False
                return encode_png(output.view(dtype=np.uint8).reshape((*output.shape, 4)))

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


def doubled_limit(needed, start):
    """The smallest ``start``·2ᵏ (k ≥ 0) that reaches ``needed``: an axis limit that grows by
    doubling, so a curve that lengthens step by step changes its axis (a full redraw) rarely.

    Examples
    --------
    >>> doubled_limit(3, 10.0), doubled_limit(11, 10.0), doubled_limit(45, 5)
    (10.0, 20.0, 80.0)
    """
    limit = float(start)
    if limit <= 0:
        raise ValueError(f"start must be > 0; got {start}")
    while needed > limit:
        limit *= 2
    return limit


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
    result into existing artists and the readout. Every update's kernel-side time (the update and
    the rendering it causes) is kept in ``update_times_ms`` so the benchmarks can report it.

    Rendering uses matplotlib's *blitting*: a widget registers the artists that change on a move
    with :meth:`animate`. Everything else (axes, ticks, labels, static titles) is the background,
    rendered by a full draw and cached; a move then restores that background, draws only the
    animated artists on top and sends the difference to the browser. A full draw still happens
    when the browser asks for one (first display, resize), when ``update()`` changes something
    static (axis limits, static text: matplotlib marks the figure stale, which is detected), or
    when ``update()`` calls :meth:`request_full_redraw`.
    """

    name = "widget"

    def __init__(self):
        self.update_times_ms = []
        self.fig = None
        self.ui = None
        self._animated = []
        self._background = None       # (BufferRegion, canvas key) of the last full draw
        self._draw_cid = None
        self._full_redraw = False
        self._ignore_draw_events = False
        self.n_full_draws = 0         # full renders caused by refresh() (not by the browser)
        self.n_blits = 0

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
        more than drawing the few artists that change. Nothing is rendered."""
        self._ignore_draw_events = True  # this layout pass is no picture: keep no background
        try:
            self.fig.draw_without_rendering()
        finally:
            self._ignore_draw_events = False
        self.fig.set_layout_engine("none")
        self._background = None

    def animate(self, *artists):
        """Register the artists a move changes: they are drawn on top of the cached background.

        They are drawn in ``zorder`` order (registration order among equals), so a static artist
        that must show *above* an animated one (points on an animated image, say) is registered
        too. Returns ``artists``.
        """
        for a in artists:
            if a is None or any(a is b for b in self._animated):
                continue
            a.set_animated(True)
            self._animated.append(a)
        self._animated.sort(key=lambda a: a.get_zorder())  # stable: keeps registration order
        if self._draw_cid is None and self.fig is not None:
            self._draw_cid = self.fig.canvas.mpl_connect("draw_event", self._on_draw_event)
        return artists

    @property
    def animated_artists(self):
        return tuple(self._animated)

    def observe(self, *controls):
        """Redraw whenever one of ``controls`` changes its value."""
        for c in controls:
            c.observe(self._on_change, names="value")

    # -- updating ---------------------------------------------------------------------------
    def _on_change(self, change=None):
        self.refresh()

    def request_full_redraw(self):
        """Called from ``update()`` when it changes something that is not animated."""
        self._full_redraw = True

    def set_limits(self, ax, xlim=None, ylim=None):
        """Set axis limits only if they differ (setting equal limits still forces a full draw)."""
        if xlim is not None and tuple(ax.get_xlim()) != tuple(float(v) for v in xlim):
            ax.set_xlim(*xlim)
        if ylim is not None and tuple(ax.get_ylim()) != tuple(float(v) for v in ylim):
            ax.set_ylim(*ylim)

    def refresh(self, full=False):
        """Run ``update()`` once and render the result; the whole time goes to ``update_times_ms``.

        Only the animated artists are redrawn (blitting) unless ``full`` is true, ``update()``
        asked for a full redraw, changed a static artist, or nothing has been drawn yet (then the
        browser's first draw renders the picture: no render happens in the kernel here).
        """
        t0 = time.perf_counter()
        self._full_redraw = bool(full)
        self.update()
        if self.fig is not None:
            self._render()
        self._full_redraw = False
        self.update_times_ms.append((time.perf_counter() - t0) * 1000.0)

    def _canvas_key(self):
        canvas = self.fig.canvas
        return (canvas, *canvas.get_width_height(physical=True), self.fig.dpi)

    def _render(self):
        canvas = self.fig.canvas
        if self._background is None:
            # Nothing rendered yet (no browser view, or the view has not asked for its first
            # picture): ask for a draw. ipympl's view requests one when it connects anyway.
            canvas.draw_idle()
            return
        if (self._full_redraw or self.fig.stale or not self._animated
                or self._background[1] != self._canvas_key()):
            self.n_full_draws += 1
            canvas.draw()  # the draw_event callback caches the background, draws the artists
            return
        self.n_blits += 1
        canvas.restore_region(self._background[0])
        self._draw_animated(canvas.get_renderer())
        canvas.blit(self.fig.bbox)

    def _draw_animated(self, renderer):
        for a in self._animated:
            if a.get_visible():
                a.draw(renderer)

    def _on_draw_event(self, event):
        """After every full draw: cache the background, then draw the animated artists on it.

        The canvas sends the picture after this callback returns (ipympl's ``draw()`` refreshes
        its views), so a draw the browser asks for shows the animated artists as well.
        """
        canvas = self.fig.canvas
        if (self._ignore_draw_events or canvas.is_saving() or not self._animated
                or event.renderer is not getattr(canvas, "renderer", None)):
            return  # savefig draws animated artists itself; layout passes render nothing
        self._background = (canvas.copy_from_bbox(self.fig.bbox), self._canvas_key())
        self._draw_animated(event.renderer)

    def update(self):  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    # -- showing ----------------------------------------------------------------------------
    def static_png(self):
        """The current picture as PNG bytes (the starting state, before any control moves).

        ``savefig`` draws animated artists too (matplotlib includes them while saving).
        """
        return figure_png(self.fig)

    def show(self, caption="Starting picture (a static copy for readers without a running kernel)"):
        """Display a static picture of the current state, then the live widget.

        The static PNG is what GitHub and nbviewer readers see; in JupyterLab the live widget
        below it takes over.
        """
        png = self.static_png()
        display(HTML(f'<div style="font-size:smaller;color:#666">{caption}</div>'))
        display(Image(png))
        self._store_snapshot(png)
        display(self.ui)
        return None

    def _store_snapshot(self, png):
        """Keep the starting picture as the canvas's saved-state snapshot.

        A stored notebook's widget state (and the offline HTML export built from it) can only
        show the live figure through this snapshot; a connected browser ignores it and draws the
        kernel's frames instead.
        """
        canvas = self.fig.canvas
        if getattr(canvas, "syncing_data_url", False):  # no browser view connected yet
            canvas._data_url = "data:image/png;base64," + base64.b64encode(png).decode()
            w_px, h_px = self.fig.get_size_inches() * self.fig.dpi
            canvas._size = (float(w_px), float(h_px))

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)
