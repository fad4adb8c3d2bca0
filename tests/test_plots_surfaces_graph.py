"""Plot helpers of chapter 06: loss surfaces and paths, the computational graph, gradient sizes."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib import descent as D  # noqa: E402
from nnlib.plots import gradients, graph, surfaces  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_plot_surface_1d_draws_the_run():
    s = D.get_surface("parabola")
    run = D.gradient_descent_path(s.grad, [-1.5], 0.1, 12, f=s.f)
    ax = surfaces.plot_surface_1d(s, run)
    x, y = ax.lines[1].get_data()
    np.testing.assert_allclose(x, run.path[:, 0])
    np.testing.assert_allclose(y, run.losses)
    with pytest.raises(ValueError, match="^surface"):
        surfaces.plot_surface_1d("valley")


def test_plot_descent_paths_one_line_per_run_with_all_points():
    s = D.get_surface("valley")
    runs = {f"lr {lr}": D.gradient_descent_path(s.grad, s.default_start, lr, 30, f=s.f) for lr in (0.02, 0.15)}
    ax = surfaces.plot_descent_paths(s, runs)
    for line, run in zip(ax.lines[:2], runs.values()):
        np.testing.assert_allclose(np.column_stack(line.get_data()), run.path)
    assert ax.get_xlim() == s.xlim
    levels = surfaces.contour_levels(s)
    assert np.all(np.diff(levels) > 0) and levels[0] > s.min_loss


def test_optimizer_comparison_figure_has_paths_and_curves():
    runs = D.compare_optimizers("banana", steps=50)
    fig = surfaces.plot_optimizer_comparison("banana", runs)
    ax1, ax2 = fig.axes[:2]
    assert [ln.get_label() for ln in ax2.lines] == ["sgd", "momentum", "adam"]
    assert len(ax2.lines[0].get_xdata()) == 51


def test_tiny_network_graph_matches_the_chain_rule_by_hand():
    net = dict(x=[1.0, 0.5], W1=[[0.15, 0.25], [0.2, 0.3]], b1=[0.35, 0.35], W2=[[0.4], [0.45]], b2=[0.6], y=1.0)
    nodes, edges = graph.tiny_network_graph(**net)
    x, W1, b1 = np.array(net["x"]), np.array(net["W1"]), np.array(net["b1"])
    v, b2 = np.array(net["W2"])[:, 0], net["b2"][0]
    h = 1 / (1 + np.exp(-(x @ W1 + b1)))
    y_hat = 1 / (1 + np.exp(-(h @ v + b2)))
    assert nodes["L"]["value"] == pytest.approx(0.5 * (y_hat - 1.0) ** 2)  # L = ½(ŷ − y)²
    assert nodes["yhat"]["grad"] == pytest.approx(y_hat - 1.0)  # ∂L/∂ŷ = ŷ − y
    dz3 = (y_hat - 1.0) * y_hat * (1 - y_hat)
    dz = dz3 * v * h * (1 - h)
    assert nodes["z3"]["grad"] == pytest.approx(dz3)
    np.testing.assert_allclose([nodes["z1"]["grad"], nodes["z2"]["grad"]], dz)
    np.testing.assert_allclose([nodes["x1"]["grad"], nodes["x2"]["grad"]], W1 @ dz)
    np.testing.assert_allclose([nodes["h1"]["value"], nodes["h2"]["value"]], h)
    # the chain rule on the graph: a node's gradient = Σ over outgoing edges of local × head's gradient
    for name in nodes:
        out_edges = [e for e in edges if e[0] == name]
        if out_edges:
            assert nodes[name]["grad"] == pytest.approx(sum(loc * nodes[h]["grad"] for _, h, loc, _ in out_edges))


def test_plot_computational_graph_draws_every_edge_and_node():
    nodes, edges = graph.tiny_network_graph([1.0, 0.5], [[0.15, 0.25], [0.2, 0.3]], [0.35, 0.35],
                                            [[0.4], [0.45]], [0.6], 1.0)
    ax = graph.plot_computational_graph(nodes, edges)
    texts = [t.get_text() for t in ax.texts]
    assert sum(t.startswith("w") for t in texts) == 4
    assert f"{nodes['L']['value']:.4f}" in texts and "1.0000" in texts
    assert len(ax.patches) == len(nodes)  # circles
    assert sum(1 for c in ax.get_children() if type(c).__name__ == "Annotation") == len(edges)


def test_gradient_sizes_vanish_for_sigmoid_not_relu():
    sig = gradients.layer_gradient_sizes("sigmoid", n_layers=10, random_state=0)
    relu = gradients.layer_gradient_sizes("relu", n_layers=10, random_state=0)
    assert sig.shape == relu.shape == (10,)
    assert sig[0] / sig[-1] < 1e-4 and relu[0] / relu[-1] > 0.1
    ax = gradients.plot_gradient_sizes({"sigmoid": sig, "relu": relu})
    assert ax.get_yscale() == "log"
    np.testing.assert_allclose(ax.lines[0].get_ydata(), sig)
    np.testing.assert_allclose(ax.lines[1].get_xdata(), np.arange(1, 11))
    with pytest.raises(ValueError, match="^activation"):
        gradients.layer_gradient_sizes("softplus")
