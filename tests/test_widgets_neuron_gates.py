"""Widgets of chapters 00-02: WelcomeWidget, NeuronExplorer, GateExplorer.

The pure functions are checked against independent computations; the widgets must move exactly
the pure function's numbers into the same artists (in place) and the readout.
"""

import math
import time

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from nnlib.datasets import logic_gate
from nnlib.widgets.gates import GATES, GateExplorer, gate_picture
from nnlib.widgets.neuron import ACTIVATIONS, NeuronExplorer, neuron_picture
from nnlib.widgets.welcome import WelcomeWidget, welcome_picture

REFERENCE = {
    "step": lambda z: 1.0 if z >= 0 else 0.0,
    "sigmoid": lambda z: 1.0 / (1.0 + math.exp(-z)),
    "tanh": math.tanh,
    "relu": lambda z: max(0.0, z),
}

#: Kernel-side update medians (ms, update + full Agg render), filled by test_update_times.
MEDIANS = {}


def _agg_update_ms(widget, control, values):
    """Median ms of: set a control (runs update()) + render the whole figure with Agg."""
    agg = FigureCanvasAgg(widget.fig)  # rebinds fig.canvas to a plain Agg canvas
    times = []
    for v in values:
        t0 = time.perf_counter()
        control.value = v
        agg.draw()
        times.append((time.perf_counter() - t0) * 1000.0)
    return float(np.median(times))


# --------------------------------------------------------------------------- NeuronExplorer
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_neuron_picture_numbers_match_the_formulas(activation):
    w1, w2, b, x1, x2 = 0.7, -1.3, 0.2, 1.5, -0.25
    p = neuron_picture(w1, w2, b, activation, x1, x2, n=11)
    z = w1 * x1 + w2 * x2 + b
    assert p.z == pytest.approx(z)
    assert p.y == pytest.approx(REFERENCE[activation](z))
    assert f"<b>{round(z, 4):.4f}</b>" in p.readout and f"= {activation}(z) = <b>{p.y:.4f}</b>" in p.readout
    i, j = 3, 8  # one grid cell: row = x2, column = x1
    zx = w1 * p.grid_x[j] + w2 * p.grid_x[i] + b
    assert p.grid_y[i, j] == pytest.approx(REFERENCE[activation](zx))
    (xa, xb), (ya, yb) = p.line
    assert w1 * xa + w2 * ya + b == pytest.approx(0.0, abs=1e-12)
    np.testing.assert_allclose(p.curve_y, [REFERENCE[activation](v) for v in p.curve_z])


def test_neuron_picture_rejects_bad_inputs():
    with pytest.raises(ValueError, match="^activation"):
        neuron_picture(1, 1, 0, "softmax")
    with pytest.raises(ValueError, match="^x2"):
        neuron_picture(1, 1, 0, "step", 0.0, float("nan"))
    with pytest.raises(TypeError, match="^w1"):
        neuron_picture("1", 1, 0)


def test_neuron_explorer_updates_artists_in_place():
    ex = NeuronExplorer(w1=1.0, w2=1.0, b=-1.5, activation="sigmoid")
    image, curve, point = ex.image, ex.curve, ex.point
    ex.w1.value = -0.5
    ex.b.value = 0.3
    ex.x1.value = 0.2
    ex.activation.value = "tanh"
    p = neuron_picture(-0.5, 1.0, 0.3, "tanh", 0.2, 1.0)
    assert ex.image is image and ex.curve is curve and ex.point is point
    np.testing.assert_allclose(image.get_array(), p.grid_y)
    assert image.get_clim() == (-1.0, 1.0)
    np.testing.assert_allclose(curve.get_ydata(), p.curve_y)
    assert ex.z_mark.get_xdata()[0] == pytest.approx(p.z) and ex.z_mark.get_ydata()[0] == pytest.approx(p.y)
    assert list(point.get_xdata()) == [pytest.approx(0.2)]
    np.testing.assert_allclose(ex.zero_line.get_xdata(), p.line[0])
    np.testing.assert_allclose(ex.zero_line.get_ydata(), p.line[1])
    assert ex.readout.value == p.readout
    assert len(ex.update_times_ms) == 5  # the first draw + 4 changes
    for control in ("w1", "w2", "b", "x1", "x2", "activation", "readout"):
        assert f"nnlab-neuron-{control}" in getattr(ex, control)._dom_classes


def test_neuron_explorer_without_a_line():
    ex = NeuronExplorer(w1=0.0, w2=0.0, b=0.5, activation="step")
    assert len(ex.zero_line.get_xdata()) == 0
    assert "<b>1.0000</b>" in ex.readout.value


def test_neuron_explorer_rejects_bad_start():
    with pytest.raises(ValueError, match="^activation"):
        NeuronExplorer(activation="linearish")


# --------------------------------------------------------------------------- GateExplorer
HAND_PICKED = {"AND": (1, 1, -1.5), "OR": (1, 1, -0.5), "NAND": (-1, -1, 1.5), "NOR": (-1, -1, 0.5)}


@pytest.mark.parametrize("gate", GATES)
def test_gate_picture_matches_a_loop(gate):
    rng = np.random.default_rng(0)
    X, y = logic_gate(gate)
    for w1, w2, b in rng.uniform(-3, 3, size=(50, 3)):
        p = gate_picture(gate, w1, w2, b)
        out = [int(w1 * a + w2 * c + b >= 0) for a, c in X]
        assert p.output.tolist() == out
        assert p.n_correct == sum(o == t for o, t in zip(out, y))
        assert p.solved == (p.n_correct == 4)
        assert p.readout.count("✓") == p.n_correct and p.readout.count("✗") == 4 - p.n_correct


@pytest.mark.parametrize("gate", list(HAND_PICKED))
def test_gate_picture_hand_picked_solutions(gate):
    p = gate_picture(gate, *HAND_PICKED[gate])
    assert p.solved and p.status == f"{gate} solved!" and f"{gate} solved!" in p.readout


def test_gate_picture_xor_is_never_solved():
    rng = np.random.default_rng(1)
    best = max(gate_picture("xor", *wb).n_correct for wb in rng.uniform(-3, 3, size=(500, 3)))
    assert best == 3


def test_gate_picture_rejects_bad_inputs():
    with pytest.raises(ValueError, match="^name"):
        gate_picture("XAND", 1, 1, 0)
    with pytest.raises(ValueError, match="^b"):
        gate_picture("AND", 1, 1, float("inf"))


def test_gate_explorer_updates_artists_in_place():
    ex = GateExplorer()
    shade, line = ex.shade, ex.line
    ex.gate.value = "OR"
    ex.b.value = -2.0  # nothing fires: the 1-rows are wrong
    p = gate_picture("OR", 1.0, 1.0, -2.0)
    assert ex.shade is shade and ex.line is line
    X, y = logic_gate("OR")
    np.testing.assert_array_equal(ex.points[1].get_offsets(), X[y == 1])
    np.testing.assert_array_equal(ex.points[0].get_offsets(), X[y == 0])
    np.testing.assert_array_equal(ex.wrong.get_offsets(), X[~p.correct])
    np.testing.assert_allclose(ex.line.get_ydata(), p.line[1])
    np.testing.assert_allclose(ex.shade.get_xy()[: len(p.positive)], p.positive)
    assert ex.readout.value == p.readout and "2 of 4 rows right" in ex.readout.value
    for control in ("gate", "w1", "w2", "b", "readout"):
        assert f"nnlab-gates-{control}" in getattr(ex, control)._dom_classes


def test_gate_explorer_constructor_and_set_weights_for_xor():
    ex = GateExplorer("XOR", w1=1.0, w2=1.0, b=-0.5, gates=("XOR", "AND"))
    assert ex.gate.options == ("XOR", "AND") and ex.picture().n_correct == 3
    n = len(ex.update_times_ms)
    ex.set_weights(-1.0, -1.0, 1.5)
    assert len(ex.update_times_ms) == n + 1  # one redraw for three sliders
    assert (ex.w1.value, ex.w2.value, ex.b.value) == (-1.0, -1.0, 1.5)
    assert ex.readout.value == gate_picture("XOR", -1.0, -1.0, 1.5).readout


@pytest.mark.parametrize("kwargs, name", [({"gate": "XNOR"}, "gate"), ({"w1": 5.0}, "w1"),
                                          ({"gates": ("AND", "MAYBE")}, "name"), ({"step": 0}, "step"),
                                          ({"w_range": (1, 1)}, "w_range")])
def test_gate_explorer_rejects_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=f"^{name}"):
        GateExplorer(**kwargs)


# --------------------------------------------------------------------------- WelcomeWidget
def test_welcome_widget():
    p = welcome_picture(-1.5)
    assert p.y.tolist() == [3.0, -3.0] and p.y_probe == -3.0
    ww = WelcomeWidget()
    ww.w.value = -1.5
    np.testing.assert_allclose(ww.line.get_ydata(), p.y)
    assert ww.readout.value == p.readout == "w = -1.50 → at x = 2, y = w·x = -3.00"
    assert "nnlab-welcome-w" in ww.w._dom_classes
    with pytest.raises(ValueError, match="^w"):
        welcome_picture(float("nan"))


# --------------------------------------------------------------------------- timing
def test_update_times_are_recorded():
    """Kernel-side update incl. an Agg render, recorded (targets live in bench/, not here)."""
    cases = {
        "neuron.w1": (NeuronExplorer(), "w1", [0.5, 1.2, -0.3] * 5),
        "neuron.activation": (NeuronExplorer(), "activation", ["step", "tanh", "relu"] * 5),
        "gates.b": (GateExplorer(), "b", [-0.5, -1.0, -1.7] * 5),
        "gates.gate": (GateExplorer(), "gate", ["OR", "NAND", "XOR"] * 5),
        "welcome.w": (WelcomeWidget(), "w", [0.5, 1.0, 1.5] * 5),
    }
    for key, (widget, control, values) in cases.items():
        MEDIANS[key] = _agg_update_ms(widget, getattr(widget, control), values)
        assert widget.update_times_ms and all(t >= 0 for t in widget.update_times_ms)
    print("\nkernel-side update medians (ms):", {k: round(v, 1) for k, v in MEDIANS.items()})
    assert all(v > 0 for v in MEDIANS.values())
