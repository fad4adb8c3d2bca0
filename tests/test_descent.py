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
    run = D.gradient_descent_path(s.grad, x0, 0.05, 5, "momentum", f=s.f)
    np.testing.assert_allclose(run.path[-1], x)
    # adam
    x, m, v = x0.copy(), np.zeros(2), np.zeros(2)
    for t in range(1, 6):
        g = s.grad(x)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        x = x - 0.1 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    run = D.gradient_descent_path(s.grad, x0, 0.1, 5, "adam", f=s.f)
    np.testing.assert_allclose(run.path[-1], x)
    np.testing.assert_array_equal(x0, [-4.0, 1.5])  # the start is never updated in place


@pytest.mark.parametrize("name, cls", [("sgd", "SGD"), ("momentum", "Momentum"), ("adam", "Adam")])
def test_descent_steps_with_the_one_optimizer_implementation(monkeypatch, name, cls):
    from nnlib import optimizers

    assert D._make_optimizer(name, 0.1).__class__ is getattr(optimizers, cls)
    calls = []
    real_step = getattr(optimizers, cls).step

    def spy(self, params, grads):
        calls.append(len(params))
        return real_step(self, params, grads)

    monkeypatch.setattr(getattr(optimizers, cls), "step", spy)
    s = D.get_surface("bowl")
    D.gradient_descent_path(s.grad, [1.0, 1.0], 0.05, 7, name, f=s.f)
    assert calls == [1] * 7
    # descent has no update formula of its own any more
    import inspect

    source = inspect.getsource(D)
    assert "beta1 * m" not in source and "m_hat" not in source and "np.sqrt(v" not in source


def test_divergence_warns_once_naming_lr_and_keeps_the_last_good_point():
    s = D.get_surface("banana")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(all="raise"):  # no overflow or invalid value reaches numpy's warnings
            run = D.gradient_descent_path(s.grad, [-1.5, 2.5], lr=1.0, steps=500, f=s.f)
    assert [w.category for w in caught] == [RuntimeWarning]
    assert "lr=1" in str(caught[0].message)
    assert run.diverged and run.diverged_at > 0
    assert len(run.path) == len(run.losses) == run.diverged_at  # points 0 .. diverged_at - 1
    assert np.all(np.isfinite(run.path)) and np.all(np.isfinite(run.losses))
    np.testing.assert_allclose(run.losses, s.f(run.path))
    assert D.describe_run(run, s) == "diverged"
    # the same run without the last step is the kept path
    again = D.gradient_descent_path(s.grad, [-1.5, 2.5], lr=1.0, steps=run.diverged_at - 1, f=s.f)
    np.testing.assert_array_equal(again.path, run.path)
    assert not again.diverged


def test_passing_through_the_minimum_is_not_divergence():
    # Momentum on the round bowl from a start on a line through the minimum passes (almost)
    # exactly through it, then climbs back a little: the loss is "far above its best" (1e-30)
    # but still far below where it started, so the run converges instead of diverging.
    s = D.get_surface("bowl")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = D.gradient_descent_path(s.grad, [-2.5, 2.0], 0.02812, 200, "momentum", f=s.f)
    assert not run.diverged and D.describe_run(run, s) == "converged"
    # without the floor the rule would have fired: some loss is > 1e6 times an earlier one
    ratios = run.losses[1:] / np.minimum.accumulate(run.losses[:-1])
    assert ratios.max() > 1e6 and run.losses[-1] < 1e-6 * run.losses[0]


def test_growing_oscillation_counts_as_diverged():
    # |1 − 2η| = 1.238 > 1: every step overshoots further; the loss grows 1.53x per step.
    s = D.get_surface("bowl")
    with pytest.warns(RuntimeWarning, match="lr=1.119"):
        run = D.gradient_descent_path(s.grad, [1.0, 0.0], 1.119, 100, f=s.f)
    assert run.diverged and np.all(np.diff(run.losses) > 0)


@pytest.mark.parametrize("lr, verdict", [(0.001, "crawling"), (0.18, "converged"),
                                         (0.199, "oscillating"), (0.25, "diverged")])
def test_verdicts_on_the_valley(lr, verdict):
    s = D.get_surface("valley")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "gradient descent .* diverged", RuntimeWarning)
        run = D.gradient_descent_path(s.grad, s.default_start, lr, 50, f=s.f)
    assert D.describe_run(run, s) == verdict


def test_compare_optimizers_ranks_as_the_chapter_says():
    runs = D.compare_optimizers("banana", steps=200)
    final = {k: r.losses[-1] for k, r in runs.items()}
    assert final["momentum"] < 1e-4 and final["adam"] < 1e-4 and final["sgd"] > 1.0
    assert all(np.allclose(r.path[0], D.SURFACES["banana"].default_start) for r in runs.values())


def test_banana_is_named_for_what_it_is():
    s = D.get_surface("banana")
    assert s.title == "banana valley  (1−w₁)² + 10(w₂−w₁²)²"  # not "Rosenbrock": his has 100
    assert "Rosenbrock" in D.__doc__ and "10 instead of Rosenbrock's 100" in D.__doc__
    assert float(s.f(np.array([0.0, 1.0]))) == 1.0 + 10.0  # (1 − 0)² + 10·(1 − 0)²
    with pytest.raises(ValueError, match="^surface"):
        D.get_surface("rosenbrock")


def test_linear_regression_sgd_batch_sizes():
    rng = np.random.default_rng(0)
    X = rng.uniform(-2, 2, size=(200, 1))
    y = 3 * X[:, 0] - 1 + rng.normal(0, 0.5, 200)
    full = D.linear_regression_sgd(X, y, batch_size=200, lr=0.1, epochs=2000)
    assert not full["diverged"]
    w_ls = np.linalg.lstsq(np.column_stack([X, np.ones(200)]), y, rcond=None)[0]
    np.testing.assert_allclose(np.append(full["w"], full["b"]), w_ls, atol=1e-6)
    mini = D.linear_regression_sgd(X, y, batch_size=20, lr=0.05, epochs=5)
    assert mini["updates_per_epoch"] == 10 and len(mini["loss_per_update"]) == 50
    assert D.linear_regression_sgd(X, y, 7, epochs=1)["updates_per_epoch"] == 29


def test_linear_regression_step_is_sgd_on_half_the_squared_error():
    X = np.array([[1.0], [2.0]])
    y = np.array([1.0, 0.0])
    res = D.linear_regression_sgd(X, y, batch_size=2, lr=0.5, epochs=1)
    # from w = b = 0: ŷ − y = (−1, 0); ∂L/∂w = mean((ŷ − y)·x) = −0.5, ∂L/∂b = −0.5 (no factor 2)
    np.testing.assert_allclose(res["w"], [0.25])
    assert res["b"] == pytest.approx(0.25)
    assert res["loss_per_update"][0] == pytest.approx(np.mean((X[:, 0] * 0.25 + 0.25 - y) ** 2))


def test_linear_regression_divergence_keeps_the_last_good_weights():
    rng = np.random.default_rng(0)
    X = rng.uniform(-2, 2, size=(50, 1)) * 3  # curvature mean(x²) ≈ 12: stable only for η < 0.17
    y = 3 * X[:, 0] - 1
    with pytest.warns(RuntimeWarning, match=r"lr=0.5\b") as record:
        res = D.linear_regression_sgd(X, y, batch_size=10, lr=0.5, epochs=50)
    assert len(record) == 1 and res["diverged"]
    assert np.all(np.isfinite(res["w"])) and np.isfinite(res["b"])
    n_good = len(res["loss_per_update"]) - 1
    assert n_good >= 1
    kept = np.mean((X @ res["w"] + res["b"] - y) ** 2)
    assert kept == pytest.approx(res["loss_per_update"][-2])  # the last accepted update


@pytest.mark.parametrize("kwargs, name", [
    (dict(lr=0.0), "lr"), (dict(steps=-1), "steps"), (dict(optimizer="rmsprop"), "optimizer"),
    (dict(start=[[[1.0]]]), "start"), (dict(start=[np.nan, 0.0]), "start"), (dict(f=None), "f"),
])
def test_bad_arguments_name_the_argument(kwargs, name):
    s = D.get_surface("bowl")
    args = dict(grad_f=s.grad, start=[1.0, 1.0], lr=0.1, steps=5, f=s.f)
    args.update(kwargs)
    with pytest.raises((ValueError, TypeError), match=f"^{name}"):
        D.gradient_descent_path(**args)


def test_unknown_surface_and_bad_batch_size():
    with pytest.raises(ValueError, match="^surface"):
        D.get_surface("saddle")
    with pytest.raises(ValueError, match="^batch_size"):
        D.linear_regression_sgd(np.zeros((5, 1)), np.zeros(5), batch_size=6)


def test_modules_are_reachable_as_attributes_of_nnlib():
    import subprocess
    import sys

    code = ("import nnlib; print(nnlib.descent.__name__, nnlib.separability.__name__, "
            "nnlib.learning_rules.__name__, nnlib.preprocess.__name__, nnlib.perceptron.Adaline.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["nnlib.descent", "nnlib.separability", "nnlib.learning_rules",
                           "nnlib.preprocess", "Adaline"]
