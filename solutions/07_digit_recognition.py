"""Reference answers for chapter 07, "Recognising handwritten digits".

Try each exercise yourself first: the checks in the notebook give hints. Each cell below
replaces the body of the matching answer cell in chapters/07_digit_recognition.ipynb.
"""

# %% Exercise 7.1
import numpy as np


def train_epoch(layers, head, optimizer, X, y, batch_size, rng):
    """One epoch of mini-batch training; returns the mean loss over the batches."""
    order = rng.permutation(len(X))          # a new shuffle every epoch
    dense = [layer for layer in layers if hasattr(layer, "W")]
    losses = []
    for start in range(0, len(X), batch_size):
        batch = order[start:start + batch_size]
        out = X[batch]
        for layer in layers:                 # forward
            out = layer.forward(out)
        losses.append(head.forward(out, y[batch]))
        grad = head.backward()               # backward, last layer first
        for layer in reversed(layers):
            grad = layer.backward(grad)
        params = [p for layer in dense for p in (layer.W, layer.b)]     # update all at once
        grads = [g for layer in dense for g in (layer.dW, layer.db)]
        optimizer.step(params, grads)
    return float(np.mean(losses))

# %% Exercise 7.2
my_settings = dict(hidden_sizes=(256,), lr=0.005)   # one wide hidden layer: about 0.981 on validation

# %% Exercise 7.3
import numpy as np


def softmax_T(z, T):
    """Row-wise softmax of the logits z (n, k) at temperature T."""
    v = np.asarray(z, dtype=float) / T
    v = v - v.max(axis=1, keepdims=True)     # exp never overflows
    e = np.exp(v)
    return e / e.sum(axis=1, keepdims=True)
