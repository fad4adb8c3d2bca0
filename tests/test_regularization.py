"""nnlib.regularization: Dropout, the L1/L2 penalties and EarlyStopping."""

import numpy as np
import pytest

from nnlib.gradient_check import numerical_gradient, relative_error
from nnlib.regularization import Dropout, EarlyStopping, l1_gradient, l1_penalty, l2_gradient, l2_penalty


# --------------------------------------------------------------------------- Dropout


def test_dropout_is_the_identity_at_prediction_time():
    x = np.random.default_rng(0).normal(size=(5, 7))
    drop = Dropout(p=0.6, rng=0)
    assert drop.forward(x) is x
    assert drop.forward(x, training=False) is x
    grad = np.ones_like(x)
    assert drop.backward(grad) is grad  # nothing was dropped, so nothing is masked


def test_dropout_training_zeroes_about_p_and_scales_the_rest():
    p = 0.3
    x = np.full((400, 250), 2.0)
    out = Dropout(p=p, rng=1).forward(x, training=True)
    dropped = out == 0
    assert abs(dropped.mean() - p) < 0.01                      # 100 000 draws: ±0.0046 is 3σ
    assert np.allclose(out[~dropped], 2.0 / (1 - p))          # inverted: kept values are scaled up
    assert abs(out.mean() - 2.0) < 0.02                        # so the expected value is unchanged


def test_dropout_p_zero_drops_nothing():
    x = np.arange(6.0).reshape(2, 3)
    assert np.array_equal(Dropout(p=0.0, rng=0).forward(x, training=True), x)


def test_dropout_backward_uses_the_forward_mask():
    x = np.random.default_rng(2).normal(size=(4, 6))
    drop = Dropout(p=0.5, rng=3)
    out = drop.forward(x, training=True)
    grad = np.random.default_rng(4).normal(size=x.shape)
    back = drop.backward(grad)
    assert np.array_equal(back == 0, out == 0)
    assert np.allclose(back[out != 0], 2.0 * grad[out != 0])


def test_dropout_gradient_check():
    """With the mask held fixed, backward equals the finite-difference gradient of Σ out ⊙ R."""
    rng = np.random.default_rng(5)
    x = rng.normal(size=(3, 5))
    R = rng.normal(size=(3, 5))
    keep = rng.random((3, 5)) >= 0.4
    drop = Dropout(p=0.4, rng=0)

    def loss(x_):
        return float(np.sum(drop.forward(x_, training=True, keep=keep) * R))

    numeric = numerical_gradient(loss, x)
    drop.forward(x, training=True, keep=keep)
    assert relative_error(drop.backward(R), numeric) < 1e-8


def test_dropout_same_seed_same_masks_and_new_masks_each_call():
    x = np.ones((6, 8))
    a, b = Dropout(0.5, rng=7), Dropout(0.5, rng=7)
    first = a.forward(x, training=True)
    assert np.array_equal(first, b.forward(x, training=True))
    assert not np.array_equal(first, a.forward(x, training=True))  # a fresh mask every batch
    gen = Dropout(0.5, rng=np.random.default_rng(7))
    assert np.array_equal(first, gen.forward(x, training=True))


def test_dropout_keeps_float32():
    x = np.ones((2, 3), dtype=np.float32)
    assert Dropout(0.5, rng=0).forward(x, training=True).dtype == np.float32


@pytest.mark.parametrize("p", [-0.1, 1.0, 1.5, float("nan")])
def test_dropout_bad_p_names_it(p):
    with pytest.raises(ValueError, match="^p must"):
        Dropout(p=p)


def test_dropout_bad_inputs_name_the_argument():
    drop = Dropout(0.5, rng=0)
    with pytest.raises(TypeError, match="^x must be a float numpy array"):
        drop.forward([[1.0, 2.0]], training=True)
    with pytest.raises(ValueError, match="^backward"):
        Dropout(0.5).backward(np.ones((1, 2)))
    with pytest.raises(ValueError, match="^keep must have the shape"):
        drop.forward(np.ones((2, 2)), training=True, keep=np.ones(3, bool))
    drop.forward(np.ones((2, 2)), training=True)
    with pytest.raises(ValueError, match="^grad must have the shape"):
        drop.backward(np.ones((3, 2)))
    with pytest.raises(TypeError, match="^rng must"):
        Dropout(0.5, rng="seed")


# --------------------------------------------------------------------------- L1 / L2


@pytest.mark.parametrize("penalty, gradient", [(l2_penalty, l2_gradient), (l1_penalty, l1_gradient)])
def test_penalty_gradient_check(penalty, gradient):
    W = np.random.default_rng(8).normal(size=(4, 3))
    W[np.abs(W) < 0.05] = 0.3  # |w| is not differentiable at 0: keep finite differences away from it
    numeric = numerical_gradient(lambda W_: penalty(W_, lam=0.7), W)
    assert relative_error(gradient(W, lam=0.7), numeric) < 1e-8


def test_penalty_values():
    W = np.array([[1.0, -2.0], [0.0, 2.0]])
    assert l2_penalty(W, 0.5) == pytest.approx(0.5 * 0.5 * 9.0)
    assert l1_penalty(W, 0.5) == pytest.approx(0.5 * 5.0)
    assert np.array_equal(l1_gradient(W, 1.0), [[1.0, -1.0], [0.0, 1.0]])
    assert l2_penalty(W, 0.0) == 0.0 and not l2_gradient(W, 0.0).any()


def test_penalty_bad_inputs_name_the_argument():
    with pytest.raises(ValueError, match="^lam must be >= 0"):
        l2_penalty(np.ones(2), -1.0)
    with pytest.raises(TypeError, match="^W must be a float numpy array"):
        l1_gradient([1.0, 2.0], 0.1)
    with pytest.raises(TypeError, match="^lam must be a real number"):
        l2_gradient(np.ones(2), "0.1")


def test_l2_step_shrinks_weights_by_a_constant_factor():
    """Weight decay's name: with only the penalty, one step multiplies W by (1 − ηλ)."""
    W = np.array([2.0, -4.0])
    lr, lam = 0.1, 0.5
    assert np.allclose(W - lr * l2_gradient(W, lam), (1 - lr * lam) * W)


# --------------------------------------------------------------------------- EarlyStopping


def test_early_stopping_restores_the_best_weights_when_validation_loss_rises():
    W, b = np.zeros((2, 2)), np.zeros(2)
    stopper = EarlyStopping(patience=3)
    losses = [1.0, 0.7, 0.5, 0.45, 0.5, 0.6, 0.8, 0.9, 1.2]  # best at epoch 4, then rising
    stopped_at = None
    for epoch, loss in enumerate(losses, start=1):
        W[...] = epoch
        b[...] = -epoch
        if stopper.update(loss, [W, b]):
            stopped_at = epoch
            break
    assert (stopper.best_epoch_, stopped_at, stopper.stopped_epoch_) == (4, 7, 7)
    assert stopper.best_loss_ == 0.45
    assert W[0, 0] == 7.0                   # training went on past the best epoch...
    stopper.restore([W, b])
    assert np.all(W == 4.0) and np.all(b == -4.0)   # ...and the best weights are back, in place


def test_early_stopping_copies_rather_than_aliases():
    W = np.array([1.0])
    stopper = EarlyStopping(patience=5)
    stopper.update(0.5, [W])
    W[0] = 99.0
    assert stopper.best_params_[0][0] == 1.0


def test_early_stopping_min_delta_and_never_stopping():
    stopper = EarlyStopping(patience=2, min_delta=0.1)
    results = [stopper.update(v, [np.zeros(1)]) for v in [1.0, 0.95, 0.92]]
    assert results == [False, False, True] and stopper.best_epoch_ == 1
    keeps_improving = EarlyStopping(patience=1)
    assert not any(keeps_improving.update(v, [np.zeros(1)]) for v in [3.0, 2.0, 1.0])
    assert keeps_improving.stopped_epoch_ is None and keeps_improving.best_epoch_ == 3


def test_early_stopping_bad_inputs():
    with pytest.raises(ValueError, match="^patience must be >= 1"):
        EarlyStopping(patience=0)
    with pytest.raises(ValueError, match="^min_delta must be >= 0"):
        EarlyStopping(min_delta=-1.0)
    with pytest.raises(ValueError, match="^restore"):
        EarlyStopping().restore([np.zeros(1)])
    stopper = EarlyStopping()
    with pytest.raises(ValueError, match="^val_loss must be a number"):
        stopper.update(float("nan"), [np.zeros(1)])
    stopper.update(1.0, [np.zeros(1), np.zeros(2)])
    with pytest.raises(ValueError, match="^params must hold 2 arrays"):
        stopper.restore([np.zeros(1)])


# --------------------------------------------------------------------------- in a Network


def test_dropout_in_a_network_trains_and_is_off_at_prediction():
    from nnlib.gradient_check import check_gradients
    from nnlib.layers import Dense, MeanSquaredError, Tanh
    from nnlib.network import Network
    from nnlib.optimizers import SGD

    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(16, 3)), rng.normal(size=(16, 1))
    layers = [Dense(3, 8, rng=1), Tanh(), Dropout(0.5, rng=2), Dense(8, 1, rng=3)]
    net = Network(layers, MeanSquaredError(), SGD(lr=0.05))
    plain = Network([layers[0], layers[1], layers[3]], MeanSquaredError(), SGD(lr=0.05))
    assert np.array_equal(net.forward(X), plain.forward(X))            # prediction: no dropout
    assert not np.array_equal(net.forward(X, training=True), net.forward(X, training=True))
    assert max(check_gradients(net, X, Y).values()) < 1e-7              # checked with training off
    before = float(net.loss.forward(net.forward(X), Y))
    for _ in range(200):
        net.train_step(X, Y)
    assert float(net.loss.forward(net.forward(X), Y)) < 0.8 * before
