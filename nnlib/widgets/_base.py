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
from IPython.display import display
import numpy as np
from matplotlib.figure import Figure

from ..language import tr, translatable

__all__ = ["LiveWidget", "live_figure", "figure_png", "doubled_limit", "readable_text", "shown_options"]

_figure_numbers = itertools.count(1000)
_canvas_class = None

#: What a reader without a running kernel sees instead of the widget's raw repr, should neither
#: the widget nor its picture show (a plain-text viewer, say).
STATIC_TEXT = translatable("Run this cell to interact with the widget (this is its starting picture).")

#: Smallest font size (points) of any text in a widget figure: tick labels, titles, legends.
MIN_FONT_PT = 9.0

#: Width of every slider (label, track and number): a track of about 200 px, so one pixel of
#: drag moves a −3…3 weight by 0.03 instead of 0.08.
SLIDER_WIDTH = "22em"

_SLIDERS = (w.FloatSlider, w.IntSlider, w.FloatLogSlider, w.SelectionSlider)

#: The widgets' style sheet, shipped inside every widget (an invisible ipywidgets.HTML, added by
#: ``show()``), so it works in JupyterLab, Voila and the HTML export without an extension. Every
#: row of a widget wraps instead of overflowing. ipympl sizes its canvas
#: in pixels; here it scales down to the notebook column (keeping its aspect ratio: the first
#: canvas is the picture, the second the transparent layer for mouse events on top of it).
WIDGET_CSS = """<style>
.nnlab-widget, .nnlab-widget .widget-box { max-width: 100%; min-width: 0; }
.nnlab-widget.widget-hbox, .nnlab-widget .widget-hbox { flex-wrap: wrap; }
.nnlab-controls, .nnlab-body { align-items: flex-start; gap: 2px 12px; }
.nnlab-figure { flex: 0 1 auto; min-width: 0; max-width: 100%; }
.nnlab-figure .jupyter-matplotlib-figure, .nnlab-figure .jupyter-matplotlib-canvas-container
  { max-width: 100%; min-width: 0; overflow: visible; }
.nnlab-figure .jupyter-matplotlib-canvas-div { width: auto !important; height: auto !important;
  max-width: 100%; }
.nnlab-figure .jupyter-matplotlib-canvas-div > canvas:first-child
  { position: relative !important; max-width: 100%; height: auto !important; }
.nnlab-figure .jupyter-matplotlib-canvas-div > canvas:last-child
  { width: 100% !important; height: 100% !important; }
.nnlab-widget .widget-html-content { font-size: 14px; line-height: 1.45; }
</style>"""


def shown_options(values, labels=None):
    """A dropdown's ``options``: each value shown by its label in the selected language.

    ``labels`` maps a value to its English label (the value itself where missing). The value a
    dropdown holds stays the English name; only what it shows is translated. Where every label
    is its value (English) the options are the plain values, as before.

    Examples
    --------
    >>> shown_options(["bowl", "valley"])
    ['bowl', 'valley']
    """
    labels = labels or {}
    pairs = [(tr(labels.get(v, v)), v) for v in values]
    return [v for _, v in pairs] if all(label == v for label, v in pairs) else pairs


def _walk(widgets):
    """Every widget in ``widgets`` and inside their boxes, depth first."""
    for widget in widgets:
        yield widget
        yield from _walk(getattr(widget, "children", ()))


def readable_text(fig, minimum=MIN_FONT_PT):
    """Enlarge every text in ``fig`` smaller than ``minimum`` points, tick labels included
    (ticks made later, when an axis grows, get the size too).

    Examples
    --------
    >>> fig = Figure()
    >>> ax = fig.add_subplot()
    >>> t = ax.set_title("small", fontsize=6)
    >>> readable_text(fig, 9)
    >>> t.get_fontsize()
    9.0
    """
    from matplotlib.text import Text

    for ax in fig.axes:
        for axis, which in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            labels = axis.get_ticklabels()
            if labels and labels[0].get_fontsize() < minimum:
                ax.tick_params(axis=which, which="both", labelsize=minimum)
    for text in fig.findobj(Text):
        if text.get_fontsize() < minimum:
            text.set_fontsize(minimum)


def encode_png(rgba, level=1):
    """PNG bytes of an (h, w, 4) uint8 RGBA array, written for speed rather than size.

    Every live frame is sent to the browser as a PNG. Pillow tries five row filters per row and
    keeps the best, which took 14 ms for a 672×316 playground frame; filter "None" with zlib
    level 1 takes a third of that.

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


def _ipympl():
    """ipympl's ``backend_nbagg`` module, imported without changing pyplot's backend.

    ``import ipympl`` calls ``matplotlib.use("module://ipympl.backend_nbagg")`` when matplotlib
    is already imported, so every later ``plt.subplots`` in the notebook would become an
    interactive canvas with a toolbar and a "Figure N" caption. The notebooks' plain plots must
    stay plain PNGs: only the widgets' own figures are canvases.
    """
    import sys

    import matplotlib

    if "ipympl.backend_nbagg" not in sys.modules:
        use = matplotlib.use
        matplotlib.use = lambda *args, **kwargs: None
        try:
            import ipympl.backend_nbagg  # noqa: F401
        finally:
            matplotlib.use = use
    return sys.modules["ipympl.backend_nbagg"]


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
        class _Canvas(_ipympl().Canvas):
            def send_binary(self, data):
                if self.syncing_data_url:
                    rgba = np.asarray(self._last_buff).view(np.uint8).reshape((*self._last_buff.shape, 4))
                    self._data_url = "data:image/png;base64," + base64.b64encode(encode_png(rgba, 6)).decode()
                self.send({"data": '{"type": "binary"}'}, buffers=[data])

            def handle_draw(self, event):
                # The browser asks for a picture when its view connects, and once more after the
                # resize that ipympl answers "initialized" with: two full renders per figure right
                # after Run All (90-230 ms each on a busy machine), and the learner's first move
                # waited behind them. If nothing changed since the last render, the renderer
                # already holds the current picture: send that instead of rendering it again.
                renderer = getattr(self, "renderer", None)
                current = (not self.figure.stale and renderer is not None and
                           (renderer.width, renderer.height, renderer.dpi)
                           == (*self.get_width_height(physical=True), self.figure.dpi))
                if current:
                    self.blit()  # sends the renderer's picture as it is
                else:
                    self.draw()

            def get_diff_image(self):
                # matplotlib's webagg version with a fast PNG encoder (see encode_png): a blitted
                # move redraws a few artists, and encoding the frame took longer than drawing them.
                # Every frame is a full picture, never a "diff" to paint over the last one: the
                # browser loads frames into one Image, so a frame that arrives while the previous
                # one is still decoding replaces it, and diffs painted over a missed frame left
                # ghosts (two loss curves, tick labels "16" and "160" on top of each other).
                if not self._png_is_old:
                    return None
                buff = np.asarray(self.get_renderer().buffer_rgba())
                self.set_image_mode("full")
                self._last_buff = buff.view(np.uint32).squeeze(2).copy()
                self._force_full = False
                self._png_is_old = False
                return encode_png(buff)

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
    fig = Figure(figsize=figsize, dpi=dpi, layout="constrained", **subplot_kw)
    canvas = _canvas_type()(fig)
    canvas.add_class("nnlab-figure")  # scales down to the notebook column (WIDGET_CSS)
    _ipympl().FigureManager(canvas, next(_figure_numbers))
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
        """Lay out the controls on top, then the figure with the readout (``right``) beside it.

        Everything wraps instead of overflowing: controls flow onto more rows, the readout goes
        directly under the figure when the column is too narrow for both, and the figure itself
        scales down to the notebook column (see :data:`WIDGET_CSS`). Sliders get a track long
        enough for fine control.
        """
        canvas = self.fig.canvas
        for control in _walk(controls):
            if isinstance(control, _SLIDERS):
                control.layout.width = SLIDER_WIDTH
                control.layout.max_width = "100%"
        body = w.HBox([canvas] + ([right] if right is not None else []))
        body.add_class("nnlab-body")
        top = w.HBox(controls)
        top.add_class("nnlab-controls")
        self.ui = w.VBox([top, body])
        self.ui.add_class(f"nnlab-{self.name}")
        return self.ui

    def freeze_layout(self):
        """Solve the constrained layout once, then keep it: re-solving it on every move costs
        more than drawing the few artists that change. Nothing is rendered.

        Text smaller than :data:`MIN_FONT_PT` is enlarged first (readable from the back of a
        room), so the frozen layout makes room for it.
        """
        readable_text(self.fig)
        self._ignore_draw_events = True  # this layout pass is no picture: keep no background
        try:
            self.fig.draw_without_rendering()
        finally:
            self._ignore_draw_events = False
        self.fig.set_layout_engine("none")
        self._room_for_growing_ticks()
        self._background = None

    def _room_for_growing_ticks(self, inches=0.18):
        """Keep ``inches`` between each axes' right edge and the figure's: the layout is solved
        once, for the first tick labels, and an x axis that grows ("10" → "160") puts a wider
        label at its right end, which would be cut off at the figure's edge."""
        room = inches / self.fig.get_figwidth()
        for ax in self.fig.axes:
            box = ax.get_position(original=True)
            if box.x1 > 1 - room:
                ax.set_position([box.x0, box.y0, 1 - room - box.x0, box.height])

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

    def show(self):
        """Display the widget as ONE output that is live where a kernel runs and a picture
        where none does.

        The output's mimebundle holds the widget view, the starting picture as a PNG (what
        GitHub, nbviewer and a stored notebook opened before Run All show) and a sentence
        instead of the raw widget repr. The picture also becomes the canvas's saved snapshot
        (the HTML export draws the widget from it), and the first move is warmed up.
        """
        display(self._repr_mimebundle_(), raw=True)
        return None

    def _with_style(self):
        """Put the style sheet inside ``self.ui`` (once), however the subclass built it, and mark
        the box ``nnlab-widget``: every widget wraps and scales the same way."""
        if not any("nnlab-style" in getattr(c, "_dom_classes", ()) for c in self.ui.children):
            style = w.HTML(WIDGET_CSS, layout=w.Layout(display="none"))
            style.add_class("nnlab-style")
            self.ui.children = (style, *self.ui.children)
        self.ui.add_class("nnlab-widget")

    def _repr_mimebundle_(self, **kwargs):
        self._with_style()
        png = self.static_png()
        self._store_snapshot(png)
        self.warm_up()
        view = self.ui._repr_mimebundle_(**kwargs)["application/vnd.jupyter.widget-view+json"]
        return {
            "application/vnd.jupyter.widget-view+json": view,
            "image/png": base64.b64encode(png).decode("ascii"),
            "text/plain": tr(STATIC_TEXT),
        }

    def warm_up(self):
        """Run the first move's code paths once, off screen, so the learner's first move is as
        fast as the later ones.

        WARMUP_DOC
        """
        canvas = self.fig.canvas
        renderer = canvas.get_renderer()
        self.fig.draw(renderer)  # fills matplotlib's glyph and text-layout caches
        self.update()            # the pure function's first numpy calls
        if self._background is not None:
            # as a move does: the cached background, the animated artists drawn once on top
            # (the renderer then holds the current picture: what a browser's picture request gets)
            canvas.restore_region(self._background[0])
        self._draw_animated(renderer)
        encode_png(np.asarray(renderer.buffer_rgba()))

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

