"""LiveWidget plumbing: named controls, in-place refresh (blitting), timing, static picture."""

import base64
import io

import ipywidgets as w
import matplotlib.image as mpimg
import numpy as np
from matplotlib.layout_engine import ConstrainedLayoutEngine

import pytest
from PIL import Image as PILImage

from nnlib.widgets._base import LiveWidget, encode_png, figure_png, live_figure


class Scaled(LiveWidget):
    name = "scaled"

    def __init__(self):
        super().__init__()
        self.gain = self.named("gain", w.FloatSlider(value=1.0, min=-2, max=2))
        self.fig = live_figure((3, 2))
        ax = self.fig.add_subplot()
        self.x = np.linspace(-1, 1, 50)
        (self.line,) = ax.plot(self.x, self.x, color="#d62728", lw=3)
        ax.set_xlim(-1.1, 1.1)
        ax.set_ylim(-2.2, 2.2)
        self.ax = ax
        self.animate(self.line)
        self.make_readout()
        self.assemble([self.gain], self.readout)
        self.observe(self.gain)
        self.refresh()

    def update(self):
        self.line.set_ydata(self.gain.value * self.x)
        self.readout.value = f"gain = {self.gain.value:.2f}"


def test_live_figure_is_a_bare_ipympl_canvas():
    fig = live_figure((2, 2))
    canvas = fig.canvas
    assert isinstance(canvas, w.DOMWidget)
    assert not canvas.header_visible and not canvas.footer_visible and not canvas.resizable
    assert figure_png(fig).startswith(b"\x89PNG")


def test_control_change_updates_the_same_artist_in_place():
    widget = Scaled()
    line = widget.line
    widget.gain.value = -1.5
    assert widget.line is line
    np.testing.assert_allclose(line.get_ydata(), -1.5 * widget.x)
    assert widget.readout.value == "gain = -1.50"
    assert len(widget.update_times_ms) == 2 and all(t >= 0 for t in widget.update_times_ms)
    assert "nnlab-scaled-gain" in widget.gain._dom_classes
    assert "nnlab-scaled-readout" in widget.readout._dom_classes


def test_static_png_reflects_the_current_state():
    widget = Scaled()
    before = widget.static_png()
    widget.gain.value = 2.0
    assert widget.static_png() != before


def test_drawing_before_the_browser_connects_sends_png_and_keeps_a_valid_snapshot():
    # Regression: ipympl sent raw RGBA here, which left the live figure 0x0 in JupyterLab.
    fig = live_figure((2, 2))
    fig.add_subplot().plot([0, 1], [1, 0])
    sent = []
    fig.canvas.send = lambda content, buffers=None: sent.append(buffers)
    fig.canvas.draw()
    buffers = [b for b in sent if b]
    assert buffers and bytes(buffers[-1][0][:8]) == b"\x89PNG\r\n\x1a\n"
    assert fig.canvas._data_url.startswith("data:image/png;base64,iVBOR")


# --------------------------------------------------------------------------- blitting
def _pixels(fig):
    return np.asarray(fig.canvas.get_renderer().buffer_rgba()).copy()


def _png_pixels(png):
    return mpimg.imread(io.BytesIO(png))


def _count_draws(fig):
    """Count full renders of ``fig`` (Figure.draw runs once per full draw, never for a blit)."""
    calls = []
    original = fig.draw
    fig.draw = lambda renderer: (calls.append(1), original(renderer))[1]
    return calls


def _is_red(rgba):
    return rgba[0] > 200 and rgba[1] < 80 and rgba[2] < 80


def test_constructor_renders_nothing_and_the_first_draw_caches_the_background():
    widget = Scaled()
    assert widget._background is None and widget.n_full_draws == 0 and widget.n_blits == 0
    assert widget.line.get_animated() and widget.animated_artists == (widget.line,)
    widget.fig.canvas.draw()  # what the browser view asks for when it connects
    assert widget._background is not None


def test_a_move_blits_without_a_full_draw():
    widget = Scaled()
    widget.fig.canvas.draw()
    draws = _count_draws(widget.fig)
    for g in (-1.5, 0.3, 2.0):
        widget.gain.value = g
    assert draws == [] and widget.n_blits == 3 and widget.n_full_draws == 0
    blitted = _pixels(widget.fig)
    widget.fig.canvas.draw()  # a full draw of the same state gives the very same picture
    assert len(draws) == 1
    np.testing.assert_array_equal(blitted, _pixels(widget.fig))


def test_every_frame_a_move_sends_is_the_whole_picture():
    # Never a diff: the browser drops a frame that arrives while the previous one decodes, and
    # diffs painted over a dropped frame left ghosts (two loss curves, "16" over "160").
    widget = Scaled()
    canvas = widget.fig.canvas
    canvas._handle_message(canvas, {"type": "initialized"}, [])  # as a connected view does
    canvas.draw()
    sent = []
    canvas.send = lambda content, buffers=None: sent.append((content, buffers))
    for g in (-1.0, 0.5):
        widget.gain.value = g
        frame = np.asarray(PILImage.open(io.BytesIO(bytes([b for _, b in sent if b][-1][0]))))
        np.testing.assert_array_equal(frame, _pixels(widget.fig))
    assert len([b for _, b in sent if b]) == 2 and widget.n_blits == 2
    assert canvas._current_image_mode == "full"


def test_show_is_one_output_live_or_a_picture():
    widget = Scaled()
    bundle = widget._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.jupyter.widget-view+json", "image/png", "text/plain"}
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == widget.ui.model_id
    png = base64.b64decode(bundle["image/png"])
    assert png == widget.static_png()
    assert "Run this cell" in bundle["text/plain"] and "children=" not in bundle["text/plain"]
    assert widget.fig.canvas._data_url == "data:image/png;base64," + bundle["image/png"]


def test_widgets_leave_pyplot_backend_alone():
    import subprocess
    import sys

    code = ("import matplotlib; matplotlib.use('agg'); import matplotlib.pyplot as plt\n"
            "from nnlib.widgets._base import live_figure\n"
            "live_figure(); print(matplotlib.get_backend())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "agg"


def test_layout_wraps_and_sliders_are_long_enough():
    widget = Scaled()
    assert "nnlab-figure" in widget.fig.canvas._dom_classes
    assert widget.gain.layout.width == "22em" and widget.gain.layout.max_width == "100%"
    widget._repr_mimebundle_()
    widget._repr_mimebundle_()
    assert "nnlab-widget" in widget.ui._dom_classes
    styles = [c for c in widget.ui.children if "nnlab-style" in c._dom_classes]
    assert len(styles) == 1 and "flex-wrap: wrap" in styles[0].value


def test_tiny_text_is_made_readable_before_the_layout_freezes():
    widget = Scaled()
    widget.ax.set_title("t", fontsize=5)
    widget.ax.tick_params(labelsize=5)
    widget.freeze_layout()
    assert widget.ax.title.get_fontsize() >= 9
    assert all(t.get_fontsize() >= 9 for t in widget.ax.get_xticklabels())
    widget.ax.set_xlim(0, 1000)  # ticks made later get the size too
    assert all(t.get_fontsize() >= 9 for t in widget.ax.get_xticklabels())


def test_frozen_layout_leaves_room_for_the_last_tick_label():
    widget = Scaled()
    widget.freeze_layout()
    width = widget.fig.bbox.width
    assert width - widget.ax.get_position().x1 * width >= 0.15 * widget.fig.dpi


@pytest.mark.parametrize("shape", [(1, 1, 4), (5, 3, 4), (316, 672, 4)])
def test_encode_png_round_trips_through_a_png_decoder(shape):
    rgba = np.random.default_rng(0).integers(0, 256, size=shape, dtype=np.uint8)
    rgba[: shape[0] // 2] = 0  # long runs of zeros, as in a diff frame
    decoded = PILImage.open(io.BytesIO(encode_png(rgba)))
    assert decoded.mode == "RGBA" and decoded.size == (shape[1], shape[0])
    np.testing.assert_array_equal(np.asarray(decoded), rgba)


@pytest.mark.parametrize("bad", [np.zeros((2, 2, 3), np.uint8), np.zeros((2, 2, 4)), np.zeros((2, 4), np.uint8)])
def test_encode_png_names_a_bad_array(bad):
    with pytest.raises(ValueError, match="rgba must be a uint8 array of shape"):
        encode_png(bad)


def test_full_redraw_when_asked_or_when_something_static_changed():
    widget = Scaled()
    widget.fig.canvas.draw()
    draws = _count_draws(widget.fig)
    widget.refresh(full=True)
    assert len(draws) == 1 and widget.n_full_draws == 1
    widget.ax.set_ylim(-3, 3)  # a static change marks the figure stale: the next move redraws all
    widget.gain.value = 0.5
    assert len(draws) == 2 and widget.n_full_draws == 2
    widget.gain.value = 0.7  # and then blits again
    assert len(draws) == 2 and widget.n_blits == 1

    class Asking(Scaled):
        def update(self):
            super().update()
            self.request_full_redraw()

    asking = Asking()
    asking.fig.canvas.draw()
    draws = _count_draws(asking.fig)
    asking.gain.value = 0.5
    assert len(draws) == 1 and asking.n_blits == 0


def test_set_limits_leaves_equal_limits_alone():
    widget = Scaled()
    widget.fig.canvas.draw()
    assert not widget.fig.stale
    widget.set_limits(widget.ax, (-1.1, 1.1), (-2.2, 2.2))
    assert not widget.fig.stale
    widget.set_limits(widget.ax, ylim=(-3, 3))
    assert widget.fig.stale and widget.ax.get_ylim() == (-3, 3)


def test_a_full_draw_leaves_the_animated_artists_drawn():
    widget = Scaled()
    widget.gain.value = 2.0
    widget.fig.canvas.draw()
    with_line = _pixels(widget.fig)
    widget.line.set_visible(False)
    widget.refresh(full=True)
    without_line = _pixels(widget.fig)
    changed = np.any(with_line != without_line, axis=2)
    assert changed.sum() > 100
    assert sum(_is_red(p) for p in with_line[changed]) > 100


def test_static_png_contains_the_animated_artists():
    widget = Scaled()
    widget.fig.canvas.draw()
    widget.gain.value = 2.0
    with_line = _png_pixels(widget.static_png())
    widget.line.set_visible(False)
    without_line = _png_pixels(widget.static_png())
    changed = np.any(with_line != without_line, axis=2)
    assert changed.sum() > 100
    assert sum(_is_red(255 * p) for p in with_line[changed]) > 100
    # saving neither spoils the cached background nor the next blitted picture
    widget.line.set_visible(True)
    widget.gain.value = -2.0
    blitted = _pixels(widget.fig)
    widget.fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(widget.fig))


def test_freeze_layout_keeps_the_layout_and_renders_nothing():
    widget = Scaled()
    position = widget.ax.get_position().bounds
    draws = _count_draws(widget.fig)
    widget.freeze_layout()
    assert not isinstance(widget.fig.get_layout_engine(), ConstrainedLayoutEngine)
    assert widget._background is None
    assert len(draws) == 1  # one layout pass, with drawing disabled
    assert widget.ax.get_position().bounds != position  # constrained layout did run
