"""Plot helpers of chapters 00-02: activations, a neuron over the plane, gates, the timeline."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib import activations  # noqa: E402
from nnlib.datasets import logic_gate  # noqa: E402
from nnlib.plots import activations as act_plots  # noqa: E402
from nnlib.plots import gates, neuron, timeline  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _area(poly):
    x, y = poly[:, 0], poly[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


# --------------------------------------------------------------------------- activations
def test_plot_activations_draws_each_function_and_derivative():
    fig, axes = act_plots.plot_activations(["sigmoid", "tanh", "relu"])
    assert len(axes) == 3
    for ax, name in zip(axes, ["sigmoid", "tanh", "relu"]):
        f_line, df_line = ax.lines[0], ax.lines[1]
        z = f_line.get_xdata()
        np.testing.assert_allclose(f_line.get_ydata(), activations.get(name).f(z))
        np.testing.assert_allclose(df_line.get_ydata(), activations.get(name).df(z))
        assert name in ax.get_title()


def test_plot_activations_step_has_a_gap_not_a_vertical_segment():
    _, (ax,) = act_plots.plot_activations("step", derivatives=False)
    y = ax.lines[0].get_ydata()
    assert np.isnan(y).sum() == 1 and set(np.unique(y[~np.isnan(y)])) == {0.0, 1.0}


@pytest.mark.parametrize("kwargs, name", [({"names": []}, "names"), ({"names": ["softmax"]}, "names"),
                                          ({"z_range": (2, 1)}, "z_range")])
def test_plot_activations_rejects_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=f"^{name}"):
        act_plots.plot_activations(**kwargs)


# --------------------------------------------------------------------------- gates geometry
@pytest.mark.parametrize("w1, w2, b", [(1.0, 1.0, -1.5), (-2.0, 0.5, 0.3), (0.7, -1.2, 0.1)])
def test_decision_line_points_lie_on_the_line(w1, w2, b):
    (xa, xb), (ya, yb) = gates.decision_line(w1, w2, b)
    assert (xa, xb) == gates.LIMITS
    np.testing.assert_allclose([w1 * xa + w2 * ya + b, w1 * xb + w2 * yb + b], 0.0, atol=1e-12)


def test_decision_line_vertical_and_missing():
    assert gates.decision_line(2.0, 0.0, -1.0) == ((0.5, 0.5), gates.LIMITS)
    assert gates.decision_line(0.0, 0.0, -1.0) is None
    with pytest.raises(ValueError, match="^w2"):
        gates.decision_line(1.0, float("nan"), 0.0)


def test_half_plane_polygon_area_and_sides():
    poly = gates.half_plane_polygon(1.0, 1.0, -1.5)  # x1 + x2 >= 1.5 inside [-0.5, 1.5]^2
    assert _area(poly) == pytest.approx(1.5 ** 2 / 2)
    assert np.all(poly @ [1.0, 1.0] - 1.5 >= -1e-12)
    assert _area(gates.half_plane_polygon(0.0, 0.0, 1.0)) == pytest.approx(4.0)
    assert gates.half_plane_polygon(0.0, 0.0, -1.0).shape == (0, 2)
    # the two sides of a line add up to the whole box
    a = _area(gates.half_plane_polygon(0.3, -1.1, 0.2))
    b = _area(gates.half_plane_polygon(-0.3, 1.1, -0.2))
    assert a + b == pytest.approx(4.0)


def test_solution_region_matches_a_loop():
    w, counts = gates.solution_region("NAND", b=1.5, w_range=(-2, 2), n=9)
    X, y = logic_gate("NAND")
    for i, w2 in enumerate(w):
        for j, w1 in enumerate(w):
            expected = sum(int(w1 * a + w2 * c + 1.5 >= 0) == t for (a, c), t in zip(X, y))
            assert counts[i, j] == expected
    assert counts.max() == 4


def test_solution_region_xor_never_reaches_four():
    for b in (-1.5, -0.5, 0.0, 0.5, 1.5):
        assert gates.solution_region("XOR", b, n=41)[1].max() <= 3
    assert gates.solution_region("XOR", -0.5, n=41)[1].max() == 3


@pytest.mark.parametrize("kwargs, name", [({"gate": "XAND"}, "name"), ({"n": 1}, "n"),
                                          ({"w_range": (1, -1)}, "w_range")])
def test_solution_region_rejects_bad_arguments(kwargs, name):
    args = {"gate": "AND", "b": -1.5, **kwargs}
    with pytest.raises(ValueError, match=f"^{name}"):
        gates.solution_region(**args)


def test_plot_gate_draws_points_by_class_and_the_line():
    ax = gates.plot_gate("OR", 1.0, 1.0, -0.5)
    X, y = logic_gate("OR")
    blue, red = ax.collections
    np.testing.assert_array_equal(blue.get_offsets(), X[y == 0])
    np.testing.assert_array_equal(red.get_offsets(), X[y == 1])
    (line,) = ax.lines
    np.testing.assert_allclose(line.get_xdata(), gates.LIMITS)
    np.testing.assert_allclose(line.get_ydata(), [1.0, -1.0])
    assert len(ax.patches) == 1
    assert len(gates.plot_gate("AND").lines) == 0


def test_plot_solution_region_image_is_the_count_grid():
    ax = gates.plot_solution_region("AND", -1.5, n=31, mark=[(1.0, 1.0)])
    _, counts = gates.solution_region("AND", -1.5, n=31)
    np.testing.assert_array_equal(ax.images[0].get_array(), counts)
    assert ax.lines[0].get_xdata()[0] == 1.0


# --------------------------------------------------------------------------- neuron plane
def test_neuron_grid_matches_a_loop_and_plot_uses_it():
    x, Y = neuron.neuron_grid(0.5, -2.0, 0.25, "tanh", n=7)
    for i, x2 in enumerate(x):
        for j, x1 in enumerate(x):
            assert Y[i, j] == pytest.approx(np.tanh(0.5 * x1 - 2.0 * x2 + 0.25))
    ax = neuron.plot_neuron_output(0.5, -2.0, 0.25, "tanh", n=7, points=[[0, 0], [1, 1]])
    np.testing.assert_allclose(ax.images[0].get_array(), Y)
    assert ax.images[0].get_clim() == (-1.0, 1.0)
    assert len(ax.collections[0].get_offsets()) == 2


def test_neuron_grid_rejects_bad_arguments():
    with pytest.raises(ValueError, match="^activation"):
        neuron.neuron_grid(1, 1, 0, "sigmoidal")
    with pytest.raises(ValueError, match="^n"):
        neuron.neuron_grid(1, 1, 0, n=1)
    with pytest.raises(ValueError, match="^b"):
        neuron.neuron_grid(1, 1, float("inf"))


# --------------------------------------------------------------------------- timeline
def test_timeline_has_the_required_milestones_in_order():
    years = [e.year for e in timeline.EVENTS]
    assert years == sorted(years)
    for year in (1943, 1949, 1958, 1960, 1969, 1986, 1989, 2012, 2014, 2015, 2017):
        assert year in years
    ax = timeline.plot_timeline()
    texts = [t.get_text() for t in ax.texts]
    assert sum(t.startswith(tuple(str(y) for y in years)) for t in texts) == len(years)
    assert any("AI winter" in t for t in texts)


def test_save_timeline_writes_a_png(tmp_path):
    path = timeline.save_timeline(tmp_path / "t.png")
    assert path.read_bytes().startswith(b"\x89PNG")
    with pytest.raises(ValueError, match="^events"):
        timeline.plot_timeline(events=[])
