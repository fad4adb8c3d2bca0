"""nnlib.plots.generalisation: the curves drawn are the numbers given."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib.plots.generalisation import plot_contributions, plot_fits  # noqa: E402


def test_plot_fits_draws_truth_each_fit_and_the_points():
    x = np.linspace(-1, 1, 7)
    X_train, y_train = np.array([[0.1], [0.5]]), np.array([0.2, -0.3])
    ax = plot_fits(X_train, y_train, x, {"a": x**2, "b": -x}, truth=np.sin(x), title="t")
    assert [line.get_label() for line in ax.lines] == ["true function", "a", "b"]
    np.testing.assert_allclose(ax.lines[2].get_ydata(), -x)
    np.testing.assert_allclose(ax.collections[0].get_offsets(), [[0.1, 0.2], [0.5, -0.3]])
    assert ax.get_title() == "t"
    with pytest.raises(ValueError, match=r"^fits\['c'\] must have one value per grid point"):
        plot_fits(X_train, y_train, x, {"c": np.zeros(3)})
    plt.close("all")


def test_plot_contributions_draws_each_unit_and_the_sum():
    x = np.linspace(0, 1, 5)
    parts = np.array([x, 2 * x, -x])
    ax = plot_contributions(x, parts, c=0.5, target=x)
    assert len(ax.lines) == 1 + 3 + 1
    np.testing.assert_allclose(ax.lines[-1].get_ydata(), 2 * x + 0.5)
    with pytest.raises(ValueError, match=r"^contributions must have shape \(n_hidden, 5\)"):
        plot_contributions(x, np.zeros((2, 4)), 0.0)
    plt.close("all")
