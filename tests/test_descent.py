"""nnlib.descent: surfaces and their gradients, descent paths, divergence, verdicts, mini-batches."""

import warnings

import numpy as np
import pytest

from nnlib import descent as D
from nnlib.gradient_check import numerical_gradient


@pytest.mark.parametrize("name", list(D.SURFACES) + list(D.SURFACES_1D))
def test_gradients_match_finite_differences(name):
    s = D.get_surface(name)
    rng = np.random.default_rng(0)
    for _ in range(5):
        p = rng.uniform(-1.5, 1.5, size=s.dim)
        num = numerical_gradient(lambda q: float(s.f(q)), p.copy())
        np.testing.assert_allclose(s.grad(p), num, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("name", list(D.SURFACES) + list(D.SURFACES_1D))
def test_minimum_has_zero_gradient_and_is_lowest_on_grid(name):
    s = D.get_surface(name)
    m = np.array(s.minimum)
    assert np.allclose(s.grad(m), 0.0, atol=1e-3)
    if s.dim == 2:
        assert s.grid(60)[2].min() >= s.min_loss - 1e-12


def test_sgd_on_the_bowl_is_a_geometric_sequence():
    s = D.get_surface("bowl")
    run = D.gradient_descent_path(s.grad, [2.0, -1.0], lr=0.1, steps=10, f=s.f)
    expected = np.array([2.0, -1.0]) * (1 - 2 * 0.1) ** np.arange(11)[:, None]
    np.testing.assert_allclose(run.path, expected)
    np.testing.assert_allclose(run.losses, s.f(expected))
    assert run.diverged is False and run.diverged_at == -1


def test_momentum_and_adam_match_hand_written_updates():
    s = D.get_surface("valley")
    x0 = np.array([-4.0, 1.5])
    # momentum
    x, v = x0.copy(), np.zeros(2)
    for _ in range(5):
        v = 0.9 * v - 0.05 * s.grad(x)
        x = x + v
    run = D.gradient_descent_path(s.grad, x0, 0.05, 5, "momentum")
    np.testing.assert_allclose(run.path[-1], x)
    # adam
    x, m, v = x0.copy(), np.zeros(2), np.zeros(2)
    for t in range(1, 6):
        g = s.grad(x)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        x = x - 0.1 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    run = D.gradient_descent_path(s.grad, x0, 0.1, 5, "adam")
    np.testing.assert_allclose(run.path[-1], x)


def test_divergence_is_detected_without_warnings_or_nan():
    s = D.get_surface("rosenbrock")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = D.gradient_descent_path(s.grad, [-1.5, 2.5], lr=1.0, steps=500, f=s.f)
    assert run.diverged and run.diverged_at > 0
    assert len(run.path) == run.diverged_at + 1
    assert np.all(np.isfinite(run.path)) and np.all(np.isfinite(run.losses))
    assert D.describe_run(run, s) == "diverged"


def test_batch_of_starts_is_vectorised_and_freezes_diverged_rows():
    s = D.get_surface("valley")
    starts = np.array([[-4.0, 1.5], [1.0, 0.0]])  # the second start never moves in y
    run = D.gradient_descent_path(s.grad, starts, lr=0.25, steps=60, f=s.f)
    assert run.path.shape == (61, 2, 2) and run.losses.shape == (61, 2)
    assert run.diverged.tolist() == [True, False]
    k = run.diverged_at[0]
    assert np.all(run.path[k:, 0] == run.path[k, 0])
    single = D.gradient_descent_path(s.grad, starts[1], lr=0.25, steps=60)
    np.testing.assert_allclose(run.path[:, 1], single.path)


@pytest.mark.parametrize("lr, verdict", [(0.001, "crawling"), (0.18, "converged"),
                                         (0.199, "oscillating"), (0.25, "diverged")])
def test_verdicts_on_the_valley(lr, verdict):
    s = D.get_surface("valley")
    run = D.gradient_descent_path(s.grad, s.default_start, lr, 50, f=s.f)
    assert D.describe_run(run, s) == verdict


def test_compare_optimizers_ranks_as_the_chapter_says():
    runs = D.compare_optimizers("rosenbrock", steps=200)
    final = {k: r.losses[-1] for k, r in runs.items()}
    assert final["momentum"] < final["sgd"] and final["adam"] < final["sgd"]
    assert all(np.allclose(r.path[0], D.SURFACES["rosenbrock"].default_start) for r in runs.values())


def test_linear_regression_sgd_batch_sizes():
    rng = np.random.default_rng(0)
    X = rng.uniform(-2, 2, size=(200, 1))
    y = 3 * X[:, 0] - 1 + rng.normal(0, 0.5, 200)
    full = D.linear_regression_sgd(X, y, batch_size=200, lr=0.05, epochs=2000)
    w_ls = np.linalg.lstsq(np.column_stack([X, np.ones(200)]), y, rcond=None)[0]
    np.testing.assert_allclose(np.append(full["w"], full["b"]), w_ls, atol=1e-6)
    mini = D.linear_regression_sgd(X, y, batch_size=20, lr=0.05, epochs=5)
    assert mini["updates_per_epoch"] == 10 and len(mini["loss_per_update"]) == 50
    assert D.linear_regression_sgd(X, y, 7, epochs=1)["updates_per_epoch"] == 29


@pytest.mark.parametrize("kwargs, name", [
    (dict(lr=0.0), "lr"), (dict(steps=-1), "steps"), (dict(optimizer="rmsprop"), "optimizer"),
    (dict(start=[[[1.0]]]), "start"), (dict(start=[np.nan, 0.0]), "start"),
])
def test_bad_arguments_name_the_argument(kwargs, name):
    s = D.get_surface("bowl")
    args = dict(grad_f=s.grad, start=[1.0, 1.0], lr=0.1, steps=5)
    args.update(kwargs)
    with pytest.raises((ValueError, TypeError), match=f"^{name}"):
        D.gradient_descent_path(**args)


def test_unknown_surface_and_bad_batch_size():
    with pytest.raises(ValueError, match="^surface"):
        D.get_surface("saddle")
    with pytest.raises(ValueError, match="^batch_size"):
        D.linear_regression_sgd(np.zeros((5, 1)), np.zeros(5), batch_size=6)
