"""Checks for chapter 06 (Gradient descent and backpropagation).

Exercises 6.1 and 6.2 are the backward passes of the sigmoid and of a dense layer, written by
the learner. The checks compare them, on fresh random inputs, with a numerical gradient
(:func:`nnlib.gradient_check.numerical_gradient`, which needs no calculus) and with the
``backward`` of nnlib's layers (:class:`~nnlib.layers.Sigmoid`, :class:`~nnlib.layers.Dense`).
As in every layer, ``grad`` is ∂L/∂(the layer's output) and the function returns ∂L/∂(its
inputs); the checks use L = Σ (output ⊙ grad), whose gradient with respect to the output is
exactly ``grad``.

Examples
--------
>>> from nnlib.exercises import ch06
>>> ch06.check_sigmoid_backward(...).status
'unanswered'
"""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid
from ..gradient_check import numerical_gradient, relative_error
from ..language import tr, translatable
from ..layers import Dense, Sigmoid
from . import exercise
from .functions import function_check

__all__ = ["TINY_NET", "check_sigmoid_backward", "check_dense_backward", "check_sigmoid_chain"]

#: The 2-2-1 sigmoid network of the backprop section (weights as in nnlib.layers.Dense), target y.
TINY_NET = dict(x=[1.0, 0.5], W1=[[0.15, 0.25], [0.20, 0.30]], b1=[0.35, 0.35], W2=[[0.40], [0.45]],
                b2=[0.60], y=1.0)

#: Largest relative error (nnlib.gradient_check.relative_error) accepted against the numerical gradient.
TOLERANCE = 1e-6
TRIALS = 4


def _agrees(name, got, numerical, reference):
    """None if the learner's array ``name`` matches the numerical gradient and nnlib's backward
    (shape and values), else the reason."""
    got = np.asarray(got, dtype=float)
    if got.shape != reference.shape:
        return tr("{name} has shape {got}; it should have the shape {expected} of what it is the gradient of.",
                  name=name, got=got.shape, expected=reference.shape)
    if relative_error(got, numerical) > TOLERANCE or relative_error(got, reference) > TOLERANCE:
        return tr("{name} differs from the numerical gradient on random inputs.", name=name)
    return None


def _returned(result, names):
    """``result`` as a tuple of one value per name in ``names``, or the reason it is not."""
    if result is None:
        return None, tr("your function returns None: end it with `return ...` of the gradient(s).")
    parts = result if isinstance(result, tuple) else (result,)
    if len(parts) != len(names):
        why = tr("your function returns {got} value(s); it should return {expected}.",
                 got=len(parts), expected=len(names))
        if len(names) > 1:
            why = tr("{reason} ({names}, in this order)", reason=why, names=", ".join(names))
        return None, why
    return parts, None


# --------------------------------------------------------------------------- 6.1 sigmoid


@exercise("6.1", difficulty="★★ practice", hints=[
    translatable("The sigmoid acts on each entry separately, so each entry of grad is multiplied by its own local gradient."),
    translatable("Section 3: σ′(z) = σ(z)(1 − σ(z)), and the chain rule gives ∂L/∂z = ∂L/∂a · σ′(z), entry by entry "
    "(* in numpy, not @)."),
    translatable("Shape of the code: s = 1 / (1 + np.exp(-z)), then return grad * (σ′ written with s)."),
])
def _check_sigmoid(sigmoid_backward):
    """Exercise 6.1: ``sigmoid_backward(z, grad) -> dz``, with ``grad`` = ∂L/∂σ(z)."""
    rng = np.random.default_rng()
    for _ in range(TRIALS):
        shape = tuple(int(k) for k in rng.integers(1, 5, size=2))
        z, grad = rng.normal(scale=2.0, size=shape), rng.normal(size=shape)
        parts, why = _returned(sigmoid_backward(z.copy(), grad.copy()), ("dz",))
        if why:
            return False, why
        numerical = numerical_gradient(lambda z_: float(np.sum(sigmoid(z_) * grad)), z.copy())
        layer = Sigmoid()
        layer.forward(z.copy())
        problem = _agrees("∂L/∂z", parts[0], numerical, layer.backward(grad.copy()))
        if problem:
            got = np.asarray(parts[0], dtype=float)
            if got.shape == z.shape and relative_error(got, sigmoid(z) * (1 - sigmoid(z))) < TOLERANCE:
                return False, tr("that is σ′(z) alone: the chain rule multiplies it by the incoming grad.")
            return False, problem
    return True, tr("it matches the numerical gradient and nnlib's Sigmoid().backward on random inputs.")


check_sigmoid_backward = function_check(_check_sigmoid, (np.zeros((1, 2)), np.ones((1, 2))))


# --------------------------------------------------------------------------- 6.2 dense layer


def _dense_gradients(x, W, b, grad):
    """Numerical gradients of L = Σ((xW + b) ⊙ grad) with respect to x, W and b, and nnlib's."""
    def loss(x_, W_, b_):
        return float(np.sum((x_ @ W_ + b_) * grad))

    numerical = (numerical_gradient(lambda x_: loss(x_, W, b), x.copy()),
                 numerical_gradient(lambda W_: loss(x, W_, b), W.copy()),
                 numerical_gradient(lambda b_: loss(x, W, b_), b.copy()))
    layer = Dense(*W.shape, rng=0)
    layer.W[...], layer.b[...] = W, b
    layer.forward(x.copy())
    dx = layer.backward(grad.copy())
    return numerical, (dx, layer.dW.copy(), layer.db.copy())


@exercise("6.2", difficulty="★★★ challenge", hints=[
    translatable("Three gradients, one rule each: z = xW + b is linear in x, in W and in b. Check every shape: "
    "dx like x, dW like W, db like b."),
    translatable("Section 3 (the tiny network): ∂L/∂W = xᵀ·grad, ∂L/∂b = grad summed over the samples (rows), "
    "∂L/∂x = grad·Wᵀ."),
    translatable("Shape of the code: dx = grad @ ..., dW = ... @ grad, db = grad.sum(axis=...); return dx, dW, db."),
])
def _check_dense(dense_backward):
    """Exercise 6.2: ``dense_backward(x, W, grad) -> (dx, dW, db)`` for z = xW + b, ``grad`` = ∂L/∂z."""
    rng = np.random.default_rng()
    names = ("dx", "dW", "db")
    for _ in range(TRIALS):
        n, n_in, n_out = (int(k) for k in rng.integers(2, 6, size=3))
        if n_in == n_out:
            n_out += 1  # a transposed W must not fit by accident
        x, W, b = rng.normal(size=(n, n_in)), rng.normal(size=(n_in, n_out)), rng.normal(size=n_out)
        grad = rng.normal(size=(n, n_out))
        parts, why = _returned(dense_backward(x.copy(), W.copy(), grad.copy()), names)
        if why:
            return False, why
        numerical, reference = _dense_gradients(x, W, b, grad)
        for name, got, num, ref in zip(names, parts, numerical, reference):
            problem = _agrees(name, got, num, ref)
            if problem:
                if name == "db" and np.shape(got) == (n, n_out):
                    return False, tr("db has one entry per sample: the bias is shared by every row, so add them up.")
                return False, problem
    return True, tr("dx, dW and db match the numerical gradients and nnlib's Dense.backward on random "
                    "inputs: you have written backpropagation through a layer.")


check_dense_backward = function_check(_check_dense, (np.zeros((1, 2)), np.zeros((2, 3)), np.zeros((1, 3))))


# --------------------------------------------------------------------------- 6.3 vanishing


@exercise("6.3", difficulty="★ warm-up", hints=[
    translatable("On the way back, each sigmoid layer multiplies the gradient by its local gradient σ′(z)."),
    translatable("Section 4: σ′(z) = σ(z)(1 − σ(z)) is largest at z = 0. How large is it there, and what does "
    "the chain rule do with the factors of ten layers?"),
    translatable("The chain rule multiplies the ten factors: write the answer as a power (** in Python)."),
])
def check_sigmoid_chain(factor):
    """Exercise 6.3: the largest factor ten sigmoid derivatives in a row can give (0.25¹⁰)."""
    val = float(factor)
    ref = float(sigmoid(0.0) * (1 - sigmoid(0.0))) ** 10
    if np.isclose(val, 2.5):
        return False, tr("the chain rule multiplies the factors, it does not add them.")
    if np.isclose(val, 0.25):
        return False, tr("that is one layer's factor; ten layers multiply ten of them.")
    if not np.isclose(val, ref, rtol=1e-3, atol=0):
        return False, ""
    return True, tr("0.25¹⁰ ≈ {factor:.2e}: at best a millionth of the gradient reaches layer 1 — gradients vanish.",
                    factor=ref)
