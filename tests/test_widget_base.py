"""LiveWidget plumbing: named controls, in-place refresh, timing, static picture."""

import ipywidgets as w
import numpy as np

from nnlib.widgets._base import LiveWidget, figure_png, live_figure


class Scaled(LiveWidget):
    name = "scaled"

    def __init__(self):
        super().__init__()
        self.gain = self.named("gain", w.FloatSlider(value=1.0, min=-2, max=2))
        self.fig = live_figure((3, 2))
        ax = self.fig.add_subplot()
        self.x = np.linspace(-1, 1, 50)
        (self.line,) = ax.plot(self.x, self.x)
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
