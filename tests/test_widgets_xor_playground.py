"""XorNetworkExplorer and Playground: pure functions with real numbers, in-place updates, timing."""

import time

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from nnlib.datasets import circles, logic_gate, xor_cloud
from nnlib.mlp import MLPClassifier
from nnlib.widgets import playground as PG
from nnlib.widgets import xor_network as XN
from nnlib.widgets.playground import Playground, playground_run, playground_state
from nnlib.widgets.xor_network import XOR_SOLUTION, XorNetworkExplorer, xor_network_state

#: Kernel-side update medians (ms, update + full Agg render), filled by test_update_times.
MEDIANS = {}


def _agg_update_ms(widget, action, values):
    """Median ms of one control action: its update() plus one full Agg render of the figure.

    The figure is rebound to a plain Agg canvas, whose ``draw_idle`` (called by
    ``LiveWidget.refresh``) renders at once, so each action is timed with exactly one render.
    """
    FigureCanvasAgg(widget.fig)
    times = []
    for v in values:
        t0 = time.perf_counter()
        action(v)
        times.append((time.perf_counter() - t0) * 1000.0)
    return float(np.median(times))


# --------------------------------------------------------------------------- xor network
def _independent_network(p):
    X, _ = logic_gate("XOR")
    h1 = (p["w11"] * X[:, 0] + p["w12"] * X[:, 1] + p["b1"] >= 0).astype(int)
    h2 = (p["w21"] * X[:, 0] + p["w22"] * X[:, 1] + p["b2"] >= 0).astype(int)
    out = (p["v1"] * h1 + p["v2"] * h2 + p["c"] >= 0).astype(int)
    return np.column_stack([h1, h2]), out


@pytest.mark.parametrize("params", [
    XOR_SOLUTION,
    dict(XOR_SOLUTION, b1=-1.5),                       # h1 = AND: XOR lost
    dict(w11=1, w12=1, b1=-0.5, w21=1, w22=1, b2=-1.5, v1=1, v2=-1, c=-0.5),  # OR and not AND
    dict(w11=0.3, w12=-1.2, b1=0.1, w21=-0.7, w22=1.9, b2=-0.4, v1=-1.1, v2=0.6, c=0.2),
])
def test_xor_state_matches_an_independent_computation(params):
    s = xor_network_state(**params)
    H, out = _independent_network({k: float(v) for k, v in params.items()})
    np.testing.assert_array_equal(s["hidden"], H)
    np.testing.assert_array_equal(s["output"], out)
    right = int((out == np.array([0, 1, 1, 0])).sum())
    assert s["rows_right"] == right and s["solved"] == (right == 4)
    assert f"rows right {right}/4" in s["readout"]
    # hidden unit 1's line really is w11*x1 + w12*x2 + b1 = 0 at both endpoints
    (xa, xb), (ya, yb) = s["line_h1"]
    for x, yv in ((xa, ya), (xb, yb)):
        assert params["w11"] * x + params["w12"] * yv + params["b1"] == pytest.approx(0.0, abs=1e-9)
    # the region image is the network's output on the grid
    g = np.linspace(-0.5, 1.5, s["region"].shape[0])
    i, j = 7, 41
    x1, x2 = g[j], g[i]
    h = [params["w11"] * x1 + params["w12"] * x2 + params["b1"] >= 0,
         params["w21"] * x1 + params["w22"] * x2 + params["b2"] >= 0]
    assert s["region"][i, j] == float(params["v1"] * h[0] + params["v2"] * h[1] + params["c"] >= 0)


def test_xor_solution_groups_the_true_inputs_on_one_corner():
    s = xor_network_state(**XOR_SOLUTION)
    assert s["groups"][(1, 1)] == [(0, 1), (1, 0)]
    assert s["groups"][(0, 1)] == [(0, 0)] and s["groups"][(1, 0)] == [(1, 1)]
    np.testing.assert_array_equal(s["hidden_shown"], s["hidden"])  # no corner holds both classes
    assert "XOR solved" in s["readout"]
    assert "h1 = step(1.0·x1 + 1.0·x2 − 0.5)" in s["readout"] and "y = step(1.0·h1 + 1.0·h2 − 1.5)" in s["readout"]


def test_xor_widget_updates_artists_in_place():
    ex = XorNetworkExplorer()
    line, img = ex.l1, ex.img
    assert all(f"nnlab-xornet-{k}" in ex.sliders[k]._dom_classes for k in XN.PARAMS)
    assert "nnlab-xornet-readout" in ex.readout._dom_classes
    ex.sliders["b1"].value = -1.5
    expected = xor_network_state(**dict(XOR_SOLUTION, b1=-1.5))
    assert ex.l1 is line and ex.img is img
    np.testing.assert_allclose(line.get_xdata(), expected["line_h1"][0])
    np.testing.assert_allclose(line.get_ydata(), expected["line_h1"][1])
    np.testing.assert_array_equal(img.get_array(), expected["region"])
    # h1 = AND: (0,0), (0,1), (1,0) share the corner (0, 1) -> drawn pulled apart by class
    np.testing.assert_allclose(expected["hidden_shown"], [[-0.09, 1], [0.09, 1], [0.09, 1], [1, 0]])
    np.testing.assert_allclose(np.column_stack(ex.hpts[1].get_data()), [[0.09, 1], [0.09, 1]])
    np.testing.assert_allclose(np.column_stack(ex.hpts[0].get_data()), [[-0.09, 1], [1, 0]])
    assert ex.readout.value == expected["readout"]
    assert len(ex.update_times_ms) == 2


def test_xor_bad_inputs_raise():
    with pytest.raises(TypeError, match="^w11"):
        xor_network_state(w11="a")
    with pytest.raises(ValueError, match="^c"):
        xor_network_state(c=float("nan"))
    with pytest.raises(ValueError, match="^params"):
        XorNetworkExplorer(w99=1.0)


# --------------------------------------------------------------------------- playground
def test_playground_run_equals_training_by_hand():
    s = playground_run("xor", hidden="8-8", activation="relu", lr=0.01, epochs=3, resolution=20)
    X, y = xor_cloud(n_samples=200, noise=0.3, random_state=0)
    m = MLPClassifier(hidden_sizes=(8, 8), activation="relu", lr=0.01, batch_size=32, random_state=0)
    m.initialize(2, [0, 1])
    for _ in range(3):
        m.partial_fit(X, y)
    assert s["epoch"] == 3
    assert s["loss"] == pytest.approx(m.loss_history_[-1], abs=0)
    assert s["accuracy"] == pytest.approx(float(np.mean(m.predict(X) == y)))
    # the image is P(class 1) on the grid, row i = x2 value i
    x0, x1, y0, y1 = s["limits"]
    gx, gy = np.linspace(x0, x1, 20), np.linspace(y0, y1, 20)
    assert s["Z"][5, 13] == pytest.approx(m.predict_proba([[gx[13], gy[5]]])[0, 1])
    assert s["readout"] == f"<b>epoch 3</b> · loss {m.loss_history_[-1]:.4f} · accuracy {s['accuracy']:.3f} · lr 0.01"


def test_playground_untrained_state():
    X, y = circles(n_samples=200, noise=0.08, random_state=0)
    s = playground_state(PG.make_model("4").initialize(2, [0, 1]), X, y, resolution=10)
    assert s["epoch"] == 0 and np.isnan(s["loss"]) and "loss –" in s["readout"]


def test_playground_widget_step_reset_and_controls():
    pg = Playground(dataset="circles", hidden="4", activation="tanh", lr=0.03, resolution=30)
    names = ["dataset", "hidden", "activation", "lr", "train", "step", "reset", "readout"]
    for n, ctrl in zip(names, [pg.dataset, pg.hidden, pg.activation, pg.lr, pg.play, pg.step_button,
                               pg.reset_button, pg.readout]):
        assert f"nnlab-playground-{n}" in ctrl._dom_classes
    img, line = pg.img, pg.loss_line
    pg.step_button.click()
    expected = playground_run("circles", "4", "tanh", 0.03, epochs=1, resolution=30)
    assert pg.readout.value == expected["readout"]
    np.testing.assert_allclose(img.get_array(), expected["Z"])
    assert pg.img is img and pg.loss_line is line and len(line.get_xdata()) == 1
    pg.step_button.click()
    pg.reset_button.click()
    pg.step_button.click()
    assert pg.readout.value == expected["readout"]  # reset: the same start again
    # a tick of the Play timer trains epochs_per_tick epochs
    pg._last_tick = 0.0
    pg.play.value = 1
    assert pg.state["epoch"] == 1 + pg.epochs_per_tick
    # changing the data set resets to epoch 0 on the new data
    pg.dataset.value = "moons"
    assert pg.state["epoch"] == 0
    assert len(pg.pts[0].get_xdata()) + len(pg.pts[1].get_xdata()) == 200
    pg.hidden.value = "8-8"
    pg.step_button.click()
    assert pg.readout.value == playground_run("moons", "8-8", "tanh", 0.03, epochs=1, resolution=30)["readout"]


def test_playground_lr_change_continues_training():
    pg = Playground(dataset="xor", hidden="4", resolution=20)
    pg.step_epoch()
    pg.lr.value = 0.1
    assert pg.model.lr == 0.1 and pg.state["epoch"] == 1
    pg.step_epoch()
    assert pg.state["epoch"] == 2


def test_playground_bad_inputs_raise():
    with pytest.raises(ValueError, match="^dataset"):
        playground_run("swirl")
    with pytest.raises(ValueError, match="^hidden"):
        PG.make_model("3-3")
    with pytest.raises(ValueError, match="^activation"):
        Playground(activation="step")
    with pytest.raises(ValueError, match="^lr"):
        Playground(lr=0.5)


# --------------------------------------------------------------------------- timing
def test_update_times_are_recorded():
    """Kernel-side update incl. an Agg render, recorded (targets live in bench/, not here)."""
    ex = XorNetworkExplorer()
    MEDIANS["xornet.b1"] = _agg_update_ms(ex, lambda v: setattr(ex.sliders["b1"], "value", v),
                                          [-0.5, -1.0, -1.5, 0.3] * 4)
    pg = Playground(dataset="circles", hidden="8-8")
    MEDIANS["playground.step"] = _agg_update_ms(pg, lambda v: pg.step_epoch(), range(12))
    pg._last_tick = 0.0
    MEDIANS["playground.tick"] = _agg_update_ms(pg, lambda v: (setattr(pg, "_last_tick", 0.0),
                                                               setattr(pg.play, "value", v)), range(1, 13))
    MEDIANS["playground.dataset"] = _agg_update_ms(pg, lambda v: setattr(pg.dataset, "value", v),
                                                   ["xor", "moons", "spiral", "circles"] * 2)
    print("\nkernel-side update medians (ms):", {k: round(v, 1) for k, v in MEDIANS.items()})
    assert all(v > 0 for v in MEDIANS.values())
    assert ex.update_times_ms and pg.update_times_ms
