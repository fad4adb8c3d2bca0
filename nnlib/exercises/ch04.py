"""Checks for chapter 04, "The multilayer perceptron".

Exercise 4.1 counts a network's parameters, 4.2 is the forward pass of a two-layer network
written by the learner and compared with nnlib's :class:`~nnlib.layers.Dense` layers on fresh
random inputs, 4.3 designs a network for the circles, judged on a validation set.

Examples
--------
>>> bool(check_count_parameters(lambda sizes: sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))))
True
>>> check_forward_pass(...).status
'unanswered'
"""

from __future__ import annotations

import numpy as np

from .. import activations, datasets
from ..language import tr, translatable
from ..layers import Dense
from ..mlp import MLPClassifier
from . import compare_functions, exercise
from .functions import function_check

__all__ = ["check_count_parameters", "check_forward_pass", "check_circles_settings", "circles_data",
           "CIRCLES_MAX_EPOCHS"]

#: The most epochs exercise 4.3 may use.
CIRCLES_MAX_EPOCHS = 60


# --------------------------------------------------------------------------- 4.1 parameter count


def _dense_parameter_count(sizes):
    """What nnlib really allocates: the sizes of W (n_in, n_out) and b (n_out,) of every Dense layer."""
    return sum(layer.W.size + layer.b.size
               for layer in (Dense(n_in, n_out, rng=0) for n_in, n_out in zip(sizes[:-1], sizes[1:])))


def _random_sizes(rng):
    return ([int(n) for n in rng.integers(1, 40, size=rng.integers(2, 6))],)


@exercise("4.1", difficulty="★ warm-up", hints=[
    translatable("Count layer by layer: every pair of neighbouring sizes (n_in, n_out) is one dense layer."),
    translatable("Section 4: a dense layer from n_in to n_out units has n_in·n_out weights (the matrix W) "
    "and n_out biases (the vector b)."),
    translatable("Shape of the code: return sum(<parameters of one layer> for n_in, n_out in zip(sizes[:-1], sizes[1:]))."),
])
def _check_count(count_parameters):
    """Exercise 4.1: ``count_parameters(sizes)``, weights + biases of a dense network with layer ``sizes``."""
    ok, why = compare_functions(count_parameters, _dense_parameter_count, _random_sizes, trials=8)
    if not ok:
        # "returns None" / "returns 2 values" help; "different numbers" would only repeat the hints
        return False, why if why.kind in ("none", "count") else ""
    return True, tr("e.g. the 64-16-16-10 digit network of chapter 07 has "
                    "{n} weights and biases to learn.", n=_dense_parameter_count([64, 16, 16, 10]))


check_count_parameters = function_check(_check_count, ([2, 2, 1],))


# --------------------------------------------------------------------------- 4.2 forward pass


def _reference_forward(X, W1, b1, W2, b2, phi):
    """nnlib's layers: Dense (z = xW + b), the activation φ, Dense, φ."""
    layer1, layer2 = Dense(*W1.shape, rng=0), Dense(*W2.shape, rng=0)
    layer1.W[...], layer1.b[...] = W1, b1
    layer2.W[...], layer2.b[...] = W2, b2
    return phi(layer2.forward(phi(layer1.forward(X))))


def _random_network(rng):
    n, n_in, n_hidden, n_out = (int(k) for k in rng.integers(2, 7, size=4))
    phi = (activations.sigmoid, activations.tanh, activations.step)[int(rng.integers(3))]
    return (rng.normal(size=(n, n_in)), rng.normal(size=(n_in, n_hidden)), rng.normal(size=n_hidden),
            rng.normal(size=(n_hidden, n_out)), rng.normal(size=n_out), phi)


@exercise("4.2", difficulty="★★ practice", hints=[
    translatable("Two layers, each the same two moves: a weighted sum plus bias, then the activation phi."),
    translatable("Section 1: h = φ(x W⁽¹⁾ + b⁽¹⁾) and ŷ = φ(h W⁽²⁾ + b⁽²⁾). With one sample per row of X, "
    "X @ W1 computes every row's weighted sums at once (W1 has shape (n_in, n_hidden))."),
    translatable("Shape of the code: h = phi(X @ W1 + ...), then return phi(... @ W2 + ...)."),
])
def _check_forward(forward):
    """Exercise 4.2: ``forward(X, W1, b1, W2, b2, phi)``, the output of a two-layer network."""
    ok, why = compare_functions(forward, _reference_forward, _random_network, trials=6)
    if not ok:
        return False, why
    X, _ = datasets.logic_gate("XOR")
    W1, b1 = np.array([[1.0, -1.0], [1.0, -1.0]]), np.array([-0.5, 1.5])
    W2, b2 = np.array([[1.0], [1.0]]), np.array([-1.5])
    xor = np.asarray(forward(X, W1, b1, W2, b2, activations.step)).ravel().astype(int).tolist()
    return True, tr("it agrees with nnlib's Dense layers on random networks, and with section 1's weights "
                    "and phi=step it gives {outputs}: XOR.", outputs=xor)


check_forward_pass = function_check(_check_forward, _random_network(np.random.default_rng(0)))


# --------------------------------------------------------------------------- 4.3 circles


def circles_data():
    """Training and validation data of exercise 4.3 (circles, noise 0.08, seeds 0 and 1).

    The validation points are separate draws from the same distribution; the check only scores
    on them, so tuning the settings never touches a test set.
    """
    X_train, y_train = datasets.circles(n_samples=200, noise=0.08, factor=0.5, random_state=0)
    X_val, y_val = datasets.circles(n_samples=400, noise=0.08, factor=0.5, random_state=1)
    return X_train, y_train, X_val, y_val


@exercise("4.3", difficulty="★★ practice", hints=[
    translatable("Try settings in the playground first (data set circles): which boundary shape do the circles need?"),
    translatable("A curved, closed boundary needs at least one hidden layer of several units with a nonlinear "
    "activation (section 3); the learning rate is Adam's, as in the playground."),
    translatable("Fill in the dict: hidden_sizes a tuple such as (n,), activation one of 'tanh', 'relu', 'sigmoid', "
    "lr a number like the playground's, epochs at most 60."),
])
def check_circles_settings(settings):
    """Exercise 4.3: dict with hidden_sizes, activation, lr, epochs (≤ 60); validation accuracy ≥ 0.95."""
    keys = {"hidden_sizes", "activation", "lr", "epochs"}
    if not isinstance(settings, dict) or set(settings) != keys:
        return False, tr("settings must be a dict with exactly the keys {keys}.", keys=sorted(keys))
    epochs = int(settings["epochs"])
    if not 1 <= epochs <= CIRCLES_MAX_EPOCHS:
        return False, tr("use between 1 and {most} epochs; got {epochs}.", most=CIRCLES_MAX_EPOCHS, epochs=epochs)
    X_train, y_train, X_val, y_val = circles_data()
    model = MLPClassifier(hidden_sizes=tuple(settings["hidden_sizes"]), activation=settings["activation"],
                          lr=float(settings["lr"]), epochs=epochs, random_state=0).fit(X_train, y_train)
    acc = float(model.score(X_val, y_val))
    if acc >= 0.95:
        return True, tr("validation accuracy {accuracy:.3f} after {epochs} epochs.", accuracy=acc, epochs=epochs)
    return False, tr("validation accuracy is {accuracy:.3f} (< 0.95). A linear activation or too few units gives a "
                     "straight boundary; too small a learning rate needs more epochs.", accuracy=acc)
