"""XorNetworkExplorer and Playground: pure functions with real numbers, in-place updates, timing."""

import time

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from nnlib.datasets import logic_gate, moons, xor_cloud
from nnlib.mlp import MLPClassifier
from nnlib.widgets import playground as PG
from nnlib.widgets import xor_network as XN
from nnlib.widgets.playground import Playground, playground_run
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
def _by_hand(dataset_fn, hidden, activation, lr, epochs, ratio=0.5, features=None, **model_kw):
    """The playground's run written out with nnlib and numpy alone (an independent computation)."""
    X, y = dataset_fn
    order = np.random.default_rng(0).permutation(len(X))
    n_train = int(round(ratio * len(X)))
    tr, te = order[:n_train], order[n_train:]
    F = X if features is None else features(X[:, 0], X[:, 1])
    m = MLPClassifier(hidden_sizes=hidden, activation=activation, lr=lr, random_state=0, **model_kw)
    m.initialize(F.shape[1], [0, 1])
    for _ in range(epochs):
        m.partial_fit(F[tr], y[tr])
    return m, F, y, tr, te


def _xent(m, F, y):
    """Mean cross-entropy −log P(true class), from predict_proba."""
    return float(-np.mean(np.log(m.predict_proba(F)[np.arange(len(y)), y])))


def test_playground_run_equals_training_by_hand():
    s = playground_run("xor", hidden="8-8", activation="relu", lr=0.01, epochs=3, resolution=20)
    m, F, y, tr, te = _by_hand(xor_cloud(n_samples=200, noise=0.3, random_state=0), (8, 8), "relu", 0.01, 3,
                               batch_size=32)
    assert s["epoch"] == 3 and len(s["loss_history"]) == 3 and len(s["test_loss_history"]) == 3
    assert s["loss"] == pytest.approx(_xent(m, F[tr], y[tr]), rel=1e-9)
    assert s["test_loss"] == pytest.approx(_xent(m, F[te], y[te]), rel=1e-9)
    assert s["test_loss_history"][-1] == s["test_loss"] and s["loss_history"][-1] == s["loss"]
    assert s["test_accuracy"] == pytest.approx(float(np.mean(m.predict(F[te]) == y[te])))
    # the image is P(class 1) on the grid, row i = x2 value i
    x0, x1, y0, y1 = s["limits"]
    gx, gy = np.linspace(x0, x1, 20), np.linspace(y0, y1, 20)
    assert s["Z"][5, 13] == pytest.approx(m.predict_proba([[gx[13], gy[5]]])[0, 1])
    assert s["readout"] == (f"<b>epoch 3</b> · training loss {s['loss']:.4f} · test loss {s['test_loss']:.4f}"
                            f" · test accuracy {s['test_accuracy']:.3f} · lr 0.01")


def test_playground_new_settings_equal_training_by_hand():
    """noise, ratio, batch size, L1/L2 and features each reach the model as written out by hand."""
    s = playground_run("moons", hidden="4", activation="tanh", lr=0.03, epochs=4, resolution=10, noise=2.0,
                       train_ratio=0.7, batch_size=4, regularization="L1", reg_rate=0.003,
                       features=("x1x2", "x1", "sin x2", "x2^2"))
    m, F, y, tr, te = _by_hand(moons(n_samples=200, noise=0.3, random_state=0), (4,), "tanh", 0.03, 4, ratio=0.7,
                               features=lambda a, b: np.column_stack([a, b**2, a * b, np.sin(b)]),
                               batch_size=4, l1=0.003)
    assert len(tr) == 140 and s["run"]["F"].shape == (200, 4)
    assert s["loss"] == pytest.approx(_xent(m, F[tr], y[tr]), rel=1e-9)
    assert s["test_loss"] == pytest.approx(_xent(m, F[te], y[te]), rel=1e-9)
    l2 = playground_run("moons", hidden="4", epochs=2, resolution=10, regularization="L2", reg_rate=0.1)
    assert l2["model"].l2 == 0.1 and l2["model"].l1 == 0.0
    assert l2["loss"] != playground_run("moons", hidden="4", epochs=2, resolution=10)["loss"]


def test_playground_neuron_pictures_are_first_layer_activations():
    s = playground_run("circles", hidden="16-16", activation="sigmoid", epochs=2, resolution=10,
                       features=("x1", "x2", "x1^2"))
    m = s["model"]
    assert s["neurons"].shape == (PG.MAX_NEURONS, PG.NEURON_RES, PG.NEURON_RES)
    x0, x1, y0, y1 = s["limits"]
    px, py = np.linspace(x0, x1, PG.NEURON_RES)[7], np.linspace(y0, y1, PG.NEURON_RES)[3]
    W, b = m.coefs_[0], m.intercepts_[0]
    a = 1 / (1 + np.exp(-(np.array([px, py, px**2]) @ W + b)))
    np.testing.assert_allclose(s["neurons"][:, 3, 7], a[:PG.MAX_NEURONS])
    mosaic = PG.neuron_mosaic(s["neurons"][:3])
    assert np.isnan(mosaic[:, -1]).all() and mosaic[0, 0] == s["neurons"][0, 0, 0]


def test_playground_code_reproduces_the_widget_state(capsys):
    pg = Playground(dataset="spiral", hidden="8", activation="relu", lr=0.01, noise=0.5, train_ratio=0.6,
                    batch_size=10, regularization="L2", reg_rate=0.001, features=("x1", "x2", "sin x1"),
                    resolution=20)
    for _ in range(3):
        pg.step_epoch()
    pg.lr.value = 0.03  # changed during training: the code repeats the change
    pg.step_epoch()
    pg.code_button.click()
    assert "MLPClassifier(" in pg.code_view.value
    exec(pg.code(), {})
    printed = capsys.readouterr().out.strip()
    assert printed == f"epoch 4: training loss {pg.state['loss']:.4f}, test loss {pg.state['test_loss']:.4f}"
    assert "spiral(n_samples=200, noise=0.025" in pg.code() and "l2=0.001" in pg.code()


def test_playground_widget_step_reset_and_controls():
    pg = Playground(dataset="circles", hidden="4", activation="tanh", lr=0.03, resolution=30)
    names = ["dataset", "hidden", "activation", "lr", "train", "step", "reset", "readout", "noise", "ratio",
             "batch", "reg", "regrate", "code", "feature-x1", "feature-sinx2"]
    for n, ctrl in zip(names, [pg.dataset, pg.hidden, pg.activation, pg.lr, pg.play, pg.step_button,
                               pg.reset_button, pg.readout, pg.noise, pg.ratio, pg.batch, pg.reg, pg.reg_rate,
                               pg.code_button, pg.feature_toggles["x1"], pg.feature_toggles["sin x2"]]):
        assert f"nnlab-playground-{n}" in ctrl._dom_classes
    img, line = pg.img, pg.loss_line
    pg.step_button.click()
    expected = playground_run("circles", "4", "tanh", 0.03, epochs=1, resolution=30)
    assert pg.readout.value == expected["readout"]
    np.testing.assert_allclose(img.get_array(), expected["Z"])
    np.testing.assert_allclose(pg.neuron_img.get_array()[:, :PG.NEURON_RES], expected["neurons"][0])
    assert pg.img is img and pg.loss_line is line and len(line.get_xdata()) == 1
    assert pg.test_line.get_ydata()[0] == expected["test_loss"]
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
    # every new control resets to epoch 0 with its setting
    settings = dict(dataset="moons", hidden="8-8")
    for control, value, key, arg in [(pg.noise, 1.5, "noise", 1.5), (pg.ratio, 80, "train_ratio", 0.8),
                                     (pg.batch, 4, "batch_size", 4), (pg.reg, "L1", "regularization", "L1"),
                                     (pg.reg_rate, 0.03, "reg_rate", 0.03),
                                     (pg.feature_toggles["x1x2"], True, "features", ("x1", "x2", "x1x2"))]:
        control.value = value
        settings[key] = arg
        assert pg.state["epoch"] == 0
        pg.step_button.click()
        assert pg.readout.value == playground_run(**settings, epochs=1, resolution=30)["readout"], key


def test_playground_keeps_one_feature_on():
    pg = Playground(dataset="xor", hidden="2", resolution=10)
    pg.feature_toggles["x1"].value = False
    assert pg.settings()["features"] == ("x2",) and pg.run["F"].shape == (200, 1)
    pg.feature_toggles["x2"].value = False  # the last one: switched back on
    assert pg.feature_toggles["x2"].value and pg.settings()["features"] == ("x2",)


def test_playground_lr_change_continues_training():
    pg = Playground(dataset="xor", hidden="4", resolution=20)
    pg.step_epoch()
    pg.lr.value = 0.1
    assert pg.run["model"].lr == 0.1 and pg.state["epoch"] == 1 and pg.lr_changes == [(2, 0.1)]
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
    with pytest.raises(ValueError, match="^features"):
        playground_run(features=())
    with pytest.raises(ValueError, match="^features"):
        playground_run(features=("x3",))
    with pytest.raises(ValueError, match="^noise"):
        playground_run(noise=-1)
    with pytest.raises(ValueError, match="^train_ratio"):
        playground_run(train_ratio=1.0)
    with pytest.raises(ValueError, match="^regularization"):
        playground_run(regularization="L3")
    with pytest.raises(ValueError, match="^batch_size"):
        Playground(batch_size=7)


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


# --------------------------------------------------------------------------- Korean edition
def test_widgets_speak_korean(korean):
    ex = XorNetworkExplorer()
    assert "정답 행 4/4" in ex.readout.value and "XOR 해결 ✓" in ex.readout.value
    ex.sliders["v1"].value = 0.0
    assert "정답 행 2/4" in ex.readout.value and "아직 XOR 아님" in ex.readout.value
    titles = [ax.get_title() for ax in ex.fig.axes]
    assert titles[0].startswith("입력 공간") and titles[1].startswith("은닉 공간")
    assert "사각형" in ex.fig.axes[0].get_xlabel()
    groups = [box.children[0].value for box in _boxes_with_title(ex.ui)]
    assert groups == ["<b>은닉 유닛 h₁</b>", "<b>은닉 유닛 h₂</b>", "<b>출력 유닛 y</b>"]

    pg = Playground(dataset="circles", hidden="4", resolution=10)
    pg.step_epoch()
    s = pg.state
    assert pg.readout.value == (f"<b>에폭 1</b> · 훈련 손실 {s['loss']:.4f} · 테스트 손실 {s['test_loss']:.4f}"
                                f" · 테스트 정확도 {s['test_accuracy']:.3f} · lr 0.03")
    assert (pg.step_button.description, pg.reset_button.description, pg.code_button.description) == (
        "한 단계", "다시 시작", "코드로 보기")
    assert (pg.noise.description, pg.ratio.description, pg.reg_rate.description) == ("잡음 ×", "훈련 %", "규제율")
    assert pg.dataset.value == "circles" and pg.dataset.options == tuple(PG.DATASETS)  # code names stay
    assert pg.ax.get_title() == "결정 영역" and pg.axl.get_xlabel() == "에폭"
    assert [t.get_text() for t in pg.axl.get_legend().get_texts()] == ["훈련 세트", "테스트 세트"]
    # generated code stays English
    assert "training loss" in pg.code()


def _boxes_with_title(ui):
    """The boxes whose first child is an HTML title (the xor network's three slider groups)."""
    import ipywidgets as w

    found, stack = [], [ui]
    while stack:
        node = stack.pop(0)
        kids = getattr(node, "children", ())
        if kids and isinstance(kids[0], w.HTML) and kids[0].value.startswith("<b>"):
            found.append(node)
        stack.extend(kids)
    return found


def test_english_is_unchanged_after_korean():
    import nnlib

    nnlib.set_language("ko")
    nnlib.set_language("en")
    ex = XorNetworkExplorer()
    assert "rows right 4/4" in ex.readout.value and "XOR solved ✓" in ex.readout.value
    assert ex.fig.axes[0].get_title() == "input space: h₁ line orange, h₂ dashed"
    assert PG.readout_html(dict(epoch=3, loss=0.51234, test_loss=0.6, test_accuracy=0.8, lr=0.03)) == (
        "<b>epoch 3</b> · training loss 0.5123 · test loss 0.6000 · test accuracy 0.800 · lr 0.03")
    pg = Playground(resolution=10)
    assert (pg.step_button.description, pg.noise.description, pg.axn.get_title()) == (
        "Step", "noise ×", "first hidden layer: each unit's output a⁽¹⁾ over the plane (at most 8 shown)")


# --------------------------------------------------------------------------- first picture
def _frames(canvas):
    """Collect the PNG frames the canvas sends to the browser."""
    sent = []
    canvas.send = lambda content, buffers=None: sent.extend(buffers or [])
    return sent


@pytest.mark.parametrize("make", [XorNetworkExplorer, lambda: Playground(resolution=20)],
                         ids=["xornet", "playground"])
def test_browser_picture_requests_resend_the_current_picture(make):
    """When the view connects, the browser asks for a picture (twice: ipympl answers "initialized"
    with a resize, which the browser answers with another refresh). Nothing changed since show():
    the canvas sends the picture it holds, the same pixels as a fresh render, without rendering."""
    from io import BytesIO

    from PIL import Image

    widget = make()
    widget._repr_mimebundle_()  # what show() displays
    canvas = widget.fig.canvas
    renders = []
    canvas.mpl_connect("draw_event", lambda event: renders.append(event))
    sent = _frames(canvas)
    for message in ("refresh", "send_image_mode", "initialized", "draw", "refresh", "draw"):
        canvas._handle_message(canvas, {"type": message}, [])
    assert not renders and len(sent) == 2
    fresh = np.asarray(Image.open(BytesIO(widget.static_png())))
    for frame in sent:
        np.testing.assert_array_equal(np.asarray(Image.open(BytesIO(frame))), fresh)
    # something static changed (a title): the next request renders the figure again
    renders.clear()  # (static_png rendered too)
    widget.fig.axes[0].set_title("changed")
    canvas._handle_message(canvas, {"type": "draw"}, [])
    assert len(renders) == 1 and len(sent) == 3
