"""nnlib.plots.decision / network / training: pure helpers with real numbers, plus smoke tests."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib import Perceptron  # noqa: E402
from nnlib.datasets import logic_gate  # noqa: E402
from nnlib.plots import decision, gates, network, training  # noqa: E402


class Diagonal:
    """Class 1 above the line x2 = x1, as probabilities."""

    def predict_proba(self, X):
        p = (np.asarray(X)[:, 1] > np.asarray(X)[:, 0]).astype(float)
        return np.column_stack([1 - p, p])


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_decision_grid_values_and_shape():
    xx, yy, Z = decision.decision_grid(Diagonal(), [[0, 0], [2, 2]], resolution=21, margin=0.0)
    assert xx.shape == yy.shape == Z.shape == (21, 21)
    assert xx[0, 0] == 0 and xx[0, -1] == 2 and yy[-1, 0] == 2
    np.testing.assert_array_equal(Z, (yy > xx).astype(float))


def test_decision_grid_uses_predict_when_no_proba():
    X, y = logic_gate("AND")
    p = Perceptron().fit(X, y)
    _, _, Z = decision.decision_grid(p, X, resolution=30)
    assert set(np.unique(Z).tolist()) == {0.0, 1.0}
    with pytest.raises(TypeError, match="^model"):
        decision.decision_grid(object(), X)
    with pytest.raises(ValueError, match="^resolution"):
        decision.decision_grid(p, X, resolution=1)


def test_plot_decision_regions_draws_image_and_all_points():
    X, y = logic_gate("XOR")
    ax = decision.plot_decision_regions(Diagonal(), X, y, resolution=40)
    assert len(ax.images) == 1 and ax.images[0].get_array().shape == (40, 40)
    n_points = sum(len(c.get_offsets()) for c in ax.collections if hasattr(c, "get_offsets") and c.get_label().startswith("class"))
    assert n_points == 4


def test_convex_hull_and_xor_hulls_cross():
    hull = decision.convex_hull([[0, 0], [2, 0], [2, 2], [0, 2], [1, 1], [1, 0]])
    assert sorted(map(tuple, hull.tolist())) == [(0, 0), (0, 2), (2, 0), (2, 2)]
    ax = decision.plot_class_hulls(*logic_gate("XOR"))
    segs = [p.get_xy()[:2] for p in ax.patches]
    assert sorted(map(tuple, segs[0].tolist())) == [(0.0, 0.0), (1.0, 1.0)]
    assert sorted(map(tuple, segs[1].tolist())) == [(0.0, 1.0), (1.0, 0.0)]


def test_network_layout_edges_colours_and_widths():
    W1 = np.array([[1.0, -2.0, 0.5], [0.0, 1.0, -1.0]])
    W2 = np.array([[2.0], [-1.0], [1.0]])
    assert network.layer_sizes([W1, W2]) == [2, 3, 1]
    pos = network.network_layout([2, 3, 1])
    assert [p.shape for p in pos] == [(2, 2), (3, 2), (1, 2)]
    seg, w, lw = network.network_edges([W1, W2])
    assert seg.shape == (9, 2, 2)
    np.testing.assert_array_equal(w, np.concatenate([W1.ravel(), W2.ravel()]))
    assert lw.max() == pytest.approx(4.0) and lw[np.argmin(np.abs(w))] == pytest.approx(0.4)
    # edge from input 0 to hidden 1 starts at input 0 and ends at hidden 1
    np.testing.assert_allclose(seg[1], [pos[0][0], pos[1][1]])
    ax = network.plot_network([W1, W2])
    colours = ax.collections[0].get_colors()
    red = matplotlib.colors.to_rgba(network.POSITIVE, 0.75)
    assert np.allclose(colours[0], red)  # w = +1
    assert len(ax.collections[1].get_offsets()) == 6
    with pytest.raises(ValueError, match="weights"):
        network.plot_network([W1, np.ones((2, 1))])


def test_plot_network_accepts_a_trained_mlp():
    from nnlib.mlp import MLPClassifier

    m = MLPClassifier(hidden_sizes=(4,), epochs=2).fit(*logic_gate("XOR"))
    ax = network.plot_network(m)
    assert len(ax.collections[0].get_segments()) == 2 * 4 + 4 * 2


def test_training_curves():
    ax = training.plot_misclassified([2, 2, 2, 2])
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), [1, 2, 3, 4])  # epochs from 1
    assert ax.get_ylabel() == "misclassified after the epoch" and ax.get_xlabel() == "epoch"
    with pytest.raises(ValueError, match="^misclassified"):
        training.plot_misclassified([])
    ax = training.plot_history([0.7, 0.4], [0.5, 0.9])
    assert ax.lines[0].get_ydata().tolist() == [0.7, 0.4]
    ax = training.plot_train_test([0.5, 1.0], [0.5, 0.8])
    assert len(ax.lines) == 2
    with pytest.raises(ValueError, match="^accuracy"):
        training.plot_history([0.7, 0.4], [0.5])


def test_perceptron_curve_plots_misclassified_not_updates():
    from nnlib.perceptron import Perceptron

    p = Perceptron(lr=0.1, max_epochs=20).fit(*logic_gate("XOR"))
    ax = training.plot_misclassified(p.misclassified_)
    assert ax.lines[0].get_ydata().tolist() == [2] * 20  # 2 of 4 XOR rows wrong after each epoch
    assert max(p.updates_) == 4  # what the old curve showed under the same label


def test_rule_stepper_and_training_plot_share_quantity_and_labels():
    from nnlib.perceptron import Perceptron
    from nnlib.widgets.rule_stepper import RuleStepper, stepper_state

    X, y = logic_gate("XOR")
    st = stepper_state("perceptron", "XOR", "binary", lr=1.0, k=4 * 8)
    model = Perceptron(lr=1.0, max_epochs=8).fit(X, y)
    assert st["misclassified"].tolist() == model.misclassified_
    rs = RuleStepper()
    ax = training.plot_misclassified(model.misclassified_)
    assert (rs.ax_err.get_xlabel(), rs.ax_err.get_ylabel()) == (ax.get_xlabel(), ax.get_ylabel())


def test_one_decision_line_function():
    import inspect

    from nnlib.widgets import rule_stepper

    src = inspect.getsource(rule_stepper)
    assert "decision_line(" in src and "def _line" not in src and "def _half_plane" not in src
    st = rule_stepper.stepper_state("delta", "AND", "binary", 0.1, 7)
    assert st["line"] == gates.decision_line(st["w"][0], st["w"][1], st["b"] - 0.5, st["xlim"], st["ylim"])
    # a vertical line to float precision (w2 tiny next to w1) is drawn vertical, not off to infinity
    (xa, xb), _ = gates.decision_line(1.0, 1e-15, -0.5)
    assert xa == xb == 0.5
