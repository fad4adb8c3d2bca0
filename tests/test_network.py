"""Network: the training step is forward, loss, backward, update — checked against numbers by hand."""

import numpy as np
import pytest

from nnlib.gradient_check import check_gradients, max_relative_error
from nnlib.layers import Dense, MeanSquaredError, ReLU, Sigmoid, SoftmaxCrossEntropy, Tanh
from nnlib.network import Network
from nnlib.optimizers import SGD, Adam

RNG = np.random.default_rng(0)
X = RNG.normal(size=(8, 3))
Y = np.array([0, 1, 2, 1, 0, 2, 2, 1])


def small_net(optimizer=None, l2=0.0, l1=0.0):
    rng = np.random.default_rng(1)
    return Network([Dense(3, 5, rng), Tanh(), Dense(5, 3, rng)], SoftmaxCrossEntropy(), optimizer or SGD(lr=0.1), l2=l2, l1=l1)


def test_forward_and_backward_chain_the_layers():
    net = small_net()
    d1, tanh, d2 = net.layers
    np.testing.assert_allclose(net.forward(X), np.tanh(X @ d1.W + d1.b) @ d2.W + d2.b)
    G = RNG.normal(size=(8, 3))
    dX = net.backward(G)
    np.testing.assert_allclose(d2.dW, np.tanh(X @ d1.W + d1.b).T @ G)
    np.testing.assert_allclose(dX, ((G @ d2.W.T) * (1 - np.tanh(X @ d1.W + d1.b) ** 2)) @ d1.W.T)
    assert all(p is q for p, q in zip(net.params(), [d1.W, d1.b, d2.W, d2.b]))
    assert all(g is q for g, q in zip(net.grads(), [d1.dW, d1.db, d2.dW, d2.db]))


def test_train_step_is_one_sgd_update_with_the_backprop_gradients():
    net = small_net(SGD(lr=0.1))
    before = [p.copy() for p in net.params()]
    loss_before = net.loss.forward(net.forward(X), Y)
    net.backward(net.loss.backward())
    expected = [p - 0.1 * g for p, g in zip(before, net.grads())]
    loss, y_hat = net.train_step(X, Y)
    assert loss == pytest.approx(loss_before)  # the loss the update saw, before it
    assert y_hat.shape == (8, 3)
    for p, e in zip(net.params(), expected):
        np.testing.assert_allclose(p, e)
    assert net.loss.forward(net.forward(X), Y) < loss_before


def test_train_epoch_visits_every_sample_once_in_shuffled_batches():
    net = Network([Dense(3, 1, rng=0)], MeanSquaredError(), SGD(lr=1e-12))  # lr ~0: the weights stay put
    y = RNG.normal(size=(8, 1))
    loss, y_hat = net.train_epoch(X, y, batch_size=3, rng=np.random.default_rng(0))
    np.testing.assert_allclose(y_hat, net.forward(X))  # in X's order, whatever the shuffle
    assert loss == pytest.approx(net.loss.forward(net.forward(X), y))  # batches 3+3+2 weighted by size


def test_l2_adds_the_penalty_to_the_loss_and_l2_w_to_each_weight_gradient():
    plain, decayed = small_net(), small_net(l2=0.5)
    W_sum = sum(float(np.sum(layer.W**2)) for layer in decayed.layers if isinstance(layer, Dense))
    assert decayed.penalty() == pytest.approx(0.25 * W_sum) and plain.penalty() == 0.0
    for net in (plain, decayed):
        net.loss.forward(net.forward(X), Y)
        net.backward(net.loss.backward())
    np.testing.assert_allclose(decayed.layers[0].dW, plain.layers[0].dW + 0.5 * plain.layers[0].W)
    np.testing.assert_allclose(decayed.layers[0].db, plain.layers[0].db)  # biases are not penalised
    assert max_relative_error(check_gradients(decayed, X, Y)) < 1e-7


def test_l1_adds_l1_sum_abs_w_to_the_loss_and_l1_sign_w_to_each_weight_gradient():
    plain, sparse = small_net(), small_net(l1=0.3)
    W_abs = sum(float(np.sum(np.abs(layer.W))) for layer in sparse.layers if isinstance(layer, Dense))
    assert sparse.penalty() == pytest.approx(0.3 * W_abs)
    for net in (plain, sparse):
        net.loss.forward(net.forward(X), Y)
        net.backward(net.loss.backward())
    np.testing.assert_allclose(sparse.layers[2].dW, plain.layers[2].dW + 0.3 * np.sign(plain.layers[2].W))
    np.testing.assert_allclose(sparse.layers[2].db, plain.layers[2].db)
    both = small_net(l2=0.5, l1=0.3)
    assert both.penalty() == pytest.approx(decayed_penalty(both) + 0.3 * W_abs)
    assert max_relative_error(check_gradients(sparse, X, Y)) < 1e-6


def decayed_penalty(net):
    return 0.25 * sum(float(np.sum(layer.W**2)) for layer in net.layers if isinstance(layer, Dense))


def test_a_network_learns_xor_with_every_block():
    Xx = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    yx = np.array([0, 1, 1, 0])
    rng = np.random.default_rng(3)
    for act in (Tanh(), Sigmoid(), ReLU()):
        net = Network([Dense(2, 8, rng), act, Dense(8, 2, rng)], SoftmaxCrossEntropy(), Adam(lr=0.05))
        for _ in range(400):
            net.train_epoch(Xx, yx, batch_size=4, rng=rng)
        np.testing.assert_array_equal(net.forward(Xx).argmax(axis=1), yx)


def test_the_training_flag_reaches_every_layer():
    seen = []

    class Spy(Tanh):
        def forward(self, x, training=False):
            seen.append(training)
            return super().forward(x, training)

    net = Network([Dense(3, 3, rng=0), Spy()], SoftmaxCrossEntropy(), SGD())
    net.train_step(X, Y)
    net.forward(X)
    assert seen == [True, False]


def test_every_submodule_is_an_attribute_of_nnlib():
    import pkgutil

    import nnlib

    names = [m.name for m in pkgutil.iter_modules(nnlib.__path__) if not m.name.startswith("_")]
    assert "network" in names
    for name in names:
        assert getattr(nnlib, name).__name__ == f"nnlib.{name}"
    assert nnlib.network.Network is Network
