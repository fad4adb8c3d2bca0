"""RuleStepper and GradientDescentExplorer: pure state functions, in-place updates, timing, bad inputs."""

import time
import warnings

import numpy as np
import pytest

from nnlib import descent as D
from nnlib import learning_rules as LR
from nnlib.datasets import logic_gate
from nnlib.widgets import descent as WD
from nnlib.widgets import rule_stepper as RS


# -- RuleStepper: the pure function ----------------------------------------------------------


def test_state_after_k_steps_is_the_one_step_rule_applied_k_times():
    X, y = logic_gate("AND", "bipolar")
    w, b = np.zeros(2), 0.0
    for k in range(1, 11):
        u = LR.perceptron_step(w, b, X[(k - 1) % 4], y[(k - 1) % 4], 0.2, "bipolar")
        w, b = u.w, u.b
        st = RS.stepper_state("perceptron", "AND", "bipolar", 0.2, k)
        np.testing.assert_allclose(st["w"], w)
        assert st["b"] == pytest.approx(b)
        assert st["step"].sample == (k - 1) % 4
        np.testing.assert_allclose(st["step"].dw, u.dw)


def test_readout_lists_the_update_numbers():
    st = RS.stepper_state("delta", "OR", "binary", 0.1, 2)
    s = st["step"]  # second sample (0, 1), target 1, output w·x + b after step 1
    assert st["readout"]["x"] == "[0.0000, 1.0000]"
    assert st["readout"]["target y"] == "1.0000"
    assert float(st["readout"]["error y − ŷ"]) == pytest.approx(s.error, abs=5e-5)
    assert float(st["readout"]["prediction ŷ"]) == pytest.approx(s.y_hat, abs=5e-5)
    assert st["readout"]["step"] == "2 (epoch 1, sample 2 of 4)"
    assert st["readout"]["Δw"] == "[" + ", ".join(f"{v:.4f}" for v in s.dw) + "]"
    assert st["readout"]["new b"] == f"{s.b_after:.4f}"
    html = RS.readout_html(st["readout"])
    assert "<b>Δb</b>: " in html and "misclassified now" in html


def test_hebb_learns_bipolar_and_but_not_binary_and_perceptron_cycles_on_xor():
    assert RS.stepper_state("hebb", "AND", "bipolar", 1.0, 4)["misclassified"].tolist() == [0]
    assert RS.stepper_state("hebb", "AND", "binary", 1.0, 4)["misclassified"][-1] > 0
    xor = RS.stepper_state("perceptron", "XOR", "binary", 1.0, 200)
    assert len(xor["misclassified"]) == 50 and xor["misclassified"].min() > 0
    assert RS.stepper_state("hebb", "AND", "bipolar", 1.0, 4)["readout"]["error y − ŷ"].startswith("—")


def test_delta_rule_line_uses_the_midpoint_threshold():
    st = RS.stepper_state("delta", "AND", "binary", 0.1, 400)
    assert st["threshold"] == 0.5
    (x0, x1), (y0, y1) = st["line"]
    for px, py in ((x0, y0), (x1, y1)):
        assert st["w"] @ [px, py] + st["b"] == pytest.approx(0.5)


def test_k_zero_and_epoch_boundaries():
    st = RS.stepper_state("perceptron", "noisy blobs", "binary", 0.1, 0)
    assert st["step"] is None and st["line"] is None and len(st["misclassified"]) == 0
    assert RS.stepper_state("perceptron", "noisy blobs", "binary", 0.1, 20)["epoch"] == 1
    X, y = RS.load_dataset("noisy blobs", "bipolar")
    assert X.shape == (20, 2) and set(y) == {-1.0, 1.0}


@pytest.mark.parametrize("kwargs, name", [
    (dict(rule="oja"), "rule"), (dict(dataset="NAND3"), "dataset"), (dict(encoding="ternary"), "encoding"),
    (dict(lr=0.0), "lr"), (dict(k=-1), "k"),
])
def test_stepper_bad_inputs_name_the_argument(kwargs, name):
    with pytest.raises((ValueError, TypeError), match=f"^{name}"):
        RS.stepper_state(**kwargs)


# -- RuleStepper: the widget -------------------------------------------------------------------


def test_stepper_buttons_and_artists_follow_the_pure_function():
    rs = RS.RuleStepper(rule="perceptron", dataset="AND", encoding="binary", lr=0.1)
    line, ring = rs.line, rs.ring
    for c in ("rule", "dataset", "encoding", "lr", "step", "epoch", "reset", "readout"):
        assert f"nnlab-stepper-{c}" in getattr(rs, {"step": "step_button", "epoch": "epoch_button",
                                                     "reset": "reset_button"}.get(c, c))._dom_classes
    for _ in range(4):
        rs.step_button.click()
    assert rs.k == 4
    st = RS.stepper_state("perceptron", "AND", "binary", 0.1, 4)
    assert rs.readout.value == RS.readout_html(st["readout"])
    assert rs.line is line and rs.ring is ring  # same artists, new data
    np.testing.assert_allclose(np.array(rs.line.get_data()), np.array(st["line"]))
    np.testing.assert_allclose(np.array(rs.ring.get_data()).ravel(), st["X"][st["step"].sample])
    rs.epoch_button.click()
    assert rs.k == 8
    rs.step_button.click()
    rs.epoch_button.click()
    assert rs.k == 12
    np.testing.assert_allclose(rs.err_line.get_ydata(), RS.stepper_state(**rs.values())["misclassified"])
    rs.reset_button.click()
    assert rs.k == 0
    rs.step_button.click()
    rs.dataset.value = "XOR"  # a new setting starts again
    assert rs.k == 0 and "0 (nothing learned yet)" in rs.readout.value


def test_stepper_update_time_is_recorded():
    rs = RS.RuleStepper(dataset="noisy blobs")
    rs.fig.canvas.draw()
    times = []
    for _ in range(15):
        rs.k += 1
        t0 = time.perf_counter()
        rs.update()
        rs.fig.canvas.draw()
        times.append((time.perf_counter() - t0) * 1000)
    print(f"RuleStepper update+draw median {np.median(times):.1f} ms")
    rs.step_once()
    assert len(rs.update_times_ms) == 1 and rs.update_times_ms[0] > 0


# -- GradientDescentExplorer ---------------------------------------------------------------------


@pytest.mark.parametrize("surface, lr, opt", [("valley", 0.05, "sgd"), ("bowl", 1.2, "sgd"),
                                              ("banana", 0.005, "momentum"), ("valley", 0.3, "adam")])
def test_descent_picture_equals_an_independent_run(surface, lr, opt):
    s = D.SURFACES[surface]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pic = WD.descent_picture(surface, lr, -1.5, 1.0, 60, opt)
    assert caught == []  # the widget expects divergence: no warning in its output area
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        run = D.gradient_descent_path(s.grad, [-1.5, 1.0], lr, 60, opt, f=s.f)
    np.testing.assert_allclose(pic["path"], run.path)
    assert pic["final_loss"] == pytest.approx(float(s.f(run.path[-1])))
    assert pic["verdict"] == D.describe_run(run, s)
    assert pic["readout"]["final loss"] == WD._fmt(run.losses[-1])


def test_lr_on_slider_is_on_the_grid_and_rounded():
    assert WD.lr_on_slider(0.05) == 0.05
    assert WD.lr_on_slider(0.18) == 0.1815
    assert WD.lr_on_slider(1e-9) == pytest.approx(10**WD._LR_MIN, rel=1e-3)
    gd = WD.GradientDescentExplorer()
    assert gd.lr.min < np.log10(0.001) + 0.01 and gd.lr.max > np.log10(3.0)
    # a value with browser float noise gives the same picture as the clean one
    assert WD.descent_picture(lr=0.04999999999999997)["readout"] == WD.descent_picture(lr=0.05)["readout"]


def test_descent_verdicts_in_the_readout():
    assert WD.descent_picture("valley", lr=0.01)["readout"]["verdict"].startswith("too small")
    assert WD.descent_picture("valley", lr=0.18)["verdict"] == "converged"
    pic = WD.descent_picture("valley", lr=0.3)
    assert pic["verdict"] == "diverged" and "diverged at step" in pic["readout"]["steps taken"]


def test_explorer_updates_artists_in_place():
    gd = WD.GradientDescentExplorer()
    path_line, image = gd.path_line, gd.image
    for c in ("surface", "lr", "x0", "y0", "steps", "optimizer", "readout"):
        assert f"nnlab-descent-{c}" in getattr(gd, c)._dom_classes
    gd.surface.value = "banana"
    gd.lr.value = 0.01
    gd.optimizer.value = "momentum"
    pic = WD.descent_picture(**gd.values())
    assert gd.path_line is path_line and gd.image is image
    np.testing.assert_allclose(np.column_stack(gd.path_line.get_data()), np.clip(pic["path"], -1e3, 1e3))
    assert gd.readout.value == WD.readout_html(pic["readout"])
    assert gd.contours["banana"].get_visible() and not gd.contours["valley"].get_visible()
    assert tuple(gd.image.get_extent()) == (-2.0, 2.0, -1.0, 3.0)
    assert len(gd.update_times_ms) >= 3


def test_explorer_update_time_is_recorded():
    gd = WD.GradientDescentExplorer()
    gd.fig.canvas.draw()
    times = []
    for lr in np.geomspace(0.002, 0.5, 15):
        gd.lr.value = float(lr)
        t0 = time.perf_counter()
        gd.update()
        gd.fig.canvas.draw()
        times.append((time.perf_counter() - t0) * 1000)
    print(f"GradientDescentExplorer update+draw median {np.median(times):.1f} ms")
    assert len(gd.update_times_ms) >= 15


@pytest.mark.parametrize("kwargs, name", [
    (dict(surface="saddle"), "surface"), (dict(lr=-0.1), "lr"), (dict(x0=float("nan")), "x0"),
    (dict(steps=0), "steps"), (dict(optimizer="lbfgs"), "optimizer"),
])
def test_descent_bad_inputs_name_the_argument(kwargs, name):
    with pytest.raises((ValueError, TypeError), match=f"^{name}"):
        WD.descent_picture(**kwargs)


def test_compare_optimizers_picture():
    pic = WD.compare_optimizers_picture("banana")
    assert set(pic["final_loss"]) == {"sgd", "momentum", "adam"}
    assert pic["final_loss"]["adam"] < 1e-3 < pic["final_loss"]["sgd"]


def test_stepper_curve_is_misclassified_after_each_completed_epoch():
    from nnlib.perceptron import Perceptron

    X, y = logic_gate("AND")
    model = Perceptron(lr=1.0, max_epochs=5).fit(X, y)  # AND converges after 6 epochs: 5 run
    for k in range(0, 4 * 5 + 1):
        st = RS.stepper_state("perceptron", "AND", "binary", 1.0, k)
        assert st["misclassified"].tolist() == model.misclassified_[: k // 4]
    mid = RS.stepper_state("perceptron", "AND", "binary", 1.0, 6)
    assert mid["readout"]["misclassified now"] == f"{int(np.sum(mid['predicted'] != mid['y']))} of 4"
