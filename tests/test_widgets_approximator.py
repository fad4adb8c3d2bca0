"""Chapter 08's FunctionApproximator: the pure picture against independent computations, and the
widget moving exactly those numbers into its artists and readout."""

import numpy as np
import pytest

from nnlib.mlp import MLPRegressor
from nnlib.widgets.approximator import (
    ACTIVATIONS,
    MAX_UNITS,
    TARGETS,
    FunctionApproximator,
    approximator_picture,
    hidden_units,
    network_contributions,
    picture_limits,
    readout_text,
)


def _phi(name, z):
    return 1.0 / (1.0 + np.exp(-z)) if name == "sigmoid" else np.maximum(z, 0.0)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("target", sorted(TARGETS))
def test_picture_is_the_least_squares_network(target, activation):
    n = 7
    p = approximator_picture(target, n, activation)
    # Each contribution is vᵢ·φ(wᵢx + bᵢ), the sum plus c is ŷ.
    hidden = _phi(activation, np.outer(p.x, p.w) + p.b)
    np.testing.assert_allclose(p.contributions, (hidden * p.v).T, atol=1e-12)
    np.testing.assert_allclose(p.y_hat, hidden @ p.v + p.c, atol=1e-12)
    np.testing.assert_allclose(p.y, TARGETS[target](p.x))
    # v, c are the least-squares ones: the same as numpy's SVD-based solver.
    ref, *_ = np.linalg.lstsq(np.column_stack([hidden, np.ones_like(p.x)]), p.y, rcond=None)
    np.testing.assert_allclose(np.append(p.v, p.c), ref, rtol=1e-6, atol=1e-8)
    err = p.y_hat - p.y
    assert p.max_error == pytest.approx(np.abs(err).max())
    assert p.rms_error == pytest.approx(np.sqrt(np.mean(err**2)))
    assert p.n_params == 3 * n + 1
    assert p.readout == readout_text(target, n, activation, p.max_error, p.rms_error, 3 * n + 1)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_more_units_approximate_a_continuous_function_better(activation):
    errors = [approximator_picture("sine", n, activation).max_error for n in (5, 10, 20, 40)]
    assert errors == sorted(errors, reverse=True)
    assert errors[-1] < 0.06


def test_least_squares_never_gets_worse_with_more_relu_hinges():
    """ReLU hinges at the left edges of 2n intervals include those of n: nested, so no worse."""
    for target in TARGETS:
        rms = [approximator_picture(target, n, "relu").rms_error for n in (5, 10, 20, 40)]
        assert all(b <= a + 1e-9 for a, b in zip(rms, rms[1:])), (target, rms)


def test_two_relu_units_make_abs_exactly():
    p = approximator_picture("|x|", 2, "relu")
    assert p.max_error < 1e-10
    np.testing.assert_allclose(p.b, [1.0, 0.0], atol=1e-15)   # hinges at -1 and 0


def test_hidden_units_are_evenly_placed():
    w, b = hidden_units(4, "sigmoid")
    np.testing.assert_allclose(-b / w, [-0.75, -0.25, 0.25, 0.75])   # step centres
    assert np.all(w == 20.0)


def test_custom_target_and_bad_inputs():
    p = approximator_picture("yours", 10, "relu", custom=lambda x: x**3)
    np.testing.assert_allclose(p.y, p.x**3)
    with pytest.raises(ValueError, match="^target must be one of"):
        approximator_picture("square")
    with pytest.raises(ValueError, match="^target 'yours' needs custom"):
        approximator_picture("yours")
    with pytest.raises(ValueError, match="^activation must be one of"):
        approximator_picture("sine", 3, "tanh")
    with pytest.raises(ValueError, match="^n_hidden must be <="):
        approximator_picture("sine", MAX_UNITS + 1)
    with pytest.raises(ValueError, match="^n_hidden must be >= 1"):
        approximator_picture("sine", 0)
    with pytest.raises(ValueError, match="^custom must return"):
        approximator_picture("yours", 3, custom=lambda x: np.full_like(x, np.nan))
    with pytest.raises(TypeError, match="^custom must be a function"):
        FunctionApproximator(custom=3.0)


def test_limits_cover_every_unit_count():
    top, lo, hi = picture_limits("bump", "relu")
    for n in range(1, MAX_UNITS + 1):
        p = approximator_picture("bump", n, "relu")
        assert np.abs(p.contributions).max() <= top and abs(p.c) <= top
        assert lo <= min(p.y.min(), p.y_hat.min()) and max(p.y.max(), p.y_hat.max()) <= hi


def test_network_contributions_add_up_to_the_prediction():
    x = np.linspace(-1, 1, 40)
    model = MLPRegressor(hidden_sizes=(6,), activation="tanh", epochs=3, random_state=0).fit(x[:, None], np.sin(3 * x))
    parts, c = network_contributions(model, x)
    assert parts.shape == (6, 40)
    np.testing.assert_allclose(parts.sum(axis=0) + c, model.predict(x[:, None]), atol=1e-12)
    W1, b1 = model.coefs_[0][0], model.intercepts_[0]
    np.testing.assert_allclose(parts[2], np.tanh(x * W1[2] + b1[2]) * model.coefs_[1][2, 0], atol=1e-12)
    deep = MLPRegressor(hidden_sizes=(3, 3), epochs=1).fit(x[:, None], x)
    with pytest.raises(ValueError, match="^model must have one input, one hidden layer"):
        network_contributions(deep, x)


def test_widget_moves_the_pure_numbers_into_its_artists():
    ex = FunctionApproximator("sine", n_hidden=3, activation="sigmoid")
    for control, value in ((ex.units, 17), (ex.activation, "relu"), (ex.target, "bump"), (ex.units, 1)):
        control.value = value
        p = approximator_picture(ex.target.value, ex.units.value, ex.activation.value)
        segments = ex.unit_lines.get_segments()
        assert len(segments) == p.n_hidden
        np.testing.assert_allclose(segments[-1][:, 1], p.contributions[-1])
        np.testing.assert_allclose(ex.sum_line.get_ydata(), p.y_hat)
        np.testing.assert_allclose(ex.target_line.get_ydata(), p.y)
        assert ex.bias_line.get_ydata()[0] == pytest.approx(p.c)
        assert ex.readout.value == p.readout
        top, lo, hi = picture_limits(p.target, p.activation)
        assert ex.ax_units.get_ylim() == (-top, top) and ex.ax_sum.get_ylim() == (lo, hi)
    assert "nnlab-approx" in ex.ui._dom_classes
    assert "nnlab-approx-units" in ex.units._dom_classes and "nnlab-approx-readout" in ex.readout._dom_classes


def test_widget_offers_a_custom_curve_and_fits_the_column():
    ex = FunctionApproximator("yours", n_hidden=12, custom=lambda x: np.exp(-4 * x**2) * np.cos(6 * x))
    assert list(ex.target.options) == [*TARGETS, "yours"]
    assert ex.readout.value == approximator_picture("yours", 12, "sigmoid", ex.custom).readout
    width_px = ex.fig.get_size_inches()[0] * ex.fig.dpi
    assert width_px <= 1024 - 80   # a JupyterLab column is ~1024 px with margins and prompts


def test_unit_moves_only_blit():
    """Moving the units slider changes no axis, so it never re-renders the whole figure."""
    ex = FunctionApproximator()
    canvas = ex.fig.canvas
    canvas._handle_message(canvas, {"type": "initialized"}, [])  # what a browser view sends
    canvas.draw()
    before = ex.n_full_draws
    for n in range(1, MAX_UNITS + 1):
        ex.units.value = n
    assert ex.n_full_draws == before and ex.n_blits >= MAX_UNITS - 1
