"""Optimizers: exact first steps, reference Adam, minimising a quadratic, in-place updates, bad inputs."""

import numpy as np
import pytest

from nnlib import optimizers as O

# f(w) = ½ wᵀAw − bᵀw, an ill-conditioned bowl with its minimum at A⁻¹b.
A = np.array([[3.0, 0.5], [0.5, 1.0]])
B = np.array([1.0, -2.0])
W_STAR = np.linalg.solve(A, B)


def quadratic_grad(w):
    return A @ w - B


@pytest.mark.parametrize(
    "opt, steps",
    [(O.SGD(lr=0.2), 200), (O.Momentum(lr=0.05, beta=0.9), 300), (O.Adam(lr=0.05), 1000)],
    ids=["sgd", "momentum", "adam"],
)
def test_optimizers_minimise_a_quadratic_in_place(opt, steps):
    w = np.zeros(2)
    grad = np.empty(2)
    w_id = id(w)
    for _ in range(steps):
        grad[:] = quadratic_grad(w)
        opt.step([w], [grad])
    assert id(w) == w_id  # updated in place: layers keep pointing at the same array
    np.testing.assert_allclose(w, W_STAR, atol=1e-3)


def test_sgd_and_momentum_exact_steps():
    w = np.array([1.0, 2.0])
    O.SGD(lr=0.5).step([w], [np.array([1.0, -1.0])])
    np.testing.assert_allclose(w, [0.5, 2.5])
    w = np.array([0.0])
    opt = O.Momentum(lr=1.0, beta=0.5)
    for _ in range(3):
        opt.step([w], [np.array([1.0])])
    np.testing.assert_allclose(w, [-(1 + 1.5 + 1.75)])  # velocities -1, -1.5, -1.75
    np.testing.assert_allclose(opt.velocity[0], [-1.75])


def test_adam_matches_the_textbook_formula():
    rng = np.random.default_rng(0)
    p = rng.normal(size=(3, 4))
    ref, m, v = p.copy(), np.zeros_like(p), np.zeros_like(p)
    opt = O.Adam(lr=0.01, beta1=0.8, beta2=0.99, eps=1e-6)
    for t in range(1, 21):
        g = rng.normal(size=p.shape)
        opt.step([p], [g.copy()])
        m = 0.8 * m + 0.2 * g
        v = 0.99 * v + 0.01 * g**2
        m_hat, v_hat = m / (1 - 0.8**t), v / (1 - 0.99**t)
        ref -= 0.01 * m_hat / (np.sqrt(v_hat) + 1e-6)
    np.testing.assert_allclose(p, ref, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(opt.m[0], m)
    np.testing.assert_allclose(opt.v[0], v)


def test_float32_parameters_stay_float32_and_several_params_update():
    W = np.ones((3, 2), dtype=np.float32)
    b = np.zeros(2, dtype=np.float32)
    for opt in (O.SGD(0.1), O.Momentum(0.1), O.Adam(0.1)):
        opt.step([W, b], [np.ones_like(W), np.ones_like(b)])
    assert W.dtype == b.dtype == np.float32
    assert np.all(W < 1) and np.all(b < 0)


def test_adam_counts_steps_and_keeps_one_moment_per_parameter():
    opt = O.Adam(lr=0.1)
    w, w2 = np.array([1.0]), np.array([1.0, 1.0])
    for _ in range(3):
        opt.step([w, w2], [np.array([1.0]), np.array([1.0, -1.0])])
    assert opt.t == 3 and [m.shape for m in opt.m] == [(1,), (2,)]
    np.testing.assert_allclose(w2, [1.0 - 0.3, 1.0 + 0.3])  # a constant gradient: steps of exactly lr


@pytest.mark.parametrize(
    "make, exc, match",
    [
        (lambda: O.SGD(lr=0), ValueError, "lr must be > 0"),
        (lambda: O.SGD(lr=-0.1), ValueError, "lr must be > 0"),
        (lambda: O.SGD(lr="fast"), TypeError, "lr must be a real number"),
        (lambda: O.Momentum(lr=0.1, beta=1.0), ValueError, r"beta must be in \[0, 1\)"),
        (lambda: O.Adam(lr=np.nan), ValueError, "lr must be finite"),
        (lambda: O.Adam(beta1=-0.1), ValueError, r"beta1 must be in \[0, 1\)"),
        (lambda: O.Adam(beta2=1.5), ValueError, r"beta2 must be in \[0, 1\)"),
        (lambda: O.Adam(eps=0.0), ValueError, "eps must be > 0"),
        (lambda: O.get("rmsprop"), ValueError, "optimizer must be one of 'sgd', 'momentum', 'adam'"),
        (lambda: O.get("sgd", lr=0.0), ValueError, "lr must be > 0"),
    ],
)
def test_bad_arguments_name_themselves(make, exc, match):
    with pytest.raises(exc, match=match):
        make()


def test_step_checks_params_and_grads():
    with pytest.raises(ValueError, match="grads must have one array per parameter"):
        O.SGD(0.1).step([np.zeros(2)], [])
    with pytest.raises(ValueError, match=r"grads\[0\] must have shape \(2,\)"):
        O.SGD(0.1).step([np.zeros(2)], [np.zeros(3)])
    with pytest.raises(TypeError, match=r"params\[0\] must be a float numpy array"):
        O.Adam().step([[0.0, 1.0]], [np.zeros(2)])
    with pytest.raises(TypeError, match=r"params\[0\] must be a float numpy array"):
        O.Momentum(0.1).step([np.zeros(2, dtype=int)], [np.zeros(2)])


def test_get_builds_by_name():
    assert isinstance(O.get("SGD", lr=0.1), O.SGD)
    opt = O.get("momentum", lr=0.1, beta=0.5)
    assert opt.beta == 0.5 and repr(opt) == "Momentum(lr=0.1, beta=0.5)"
    assert O.get("adam").lr == 1e-3
    assert tuple(O.OPTIMIZERS) == ("sgd", "momentum", "adam")
