"""Reference answers for chapter 04, "The multilayer perceptron".

Try each exercise yourself first: the checks in the notebook give hints. Each cell below
replaces the body of the matching answer cell in chapters/04_multilayer_perceptron.ipynb.
"""

# %% Exercise 4.1
def count_parameters(sizes):
    """Weights plus biases of a fully connected network with layer sizes [n_in, ..., n_out]."""
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))

# %% Exercise 4.2
def forward(X, W1, b1, W2, b2, phi):
    """Output of a two-layer network: h = φ(X W1 + b1), ŷ = φ(h W2 + b2), one sample per row."""
    h = phi(X @ W1 + b1)
    return phi(h @ W2 + b2)

# %% Exercise 4.3
circles_settings = dict(hidden_sizes=(8,), activation="tanh", lr=0.03, epochs=40)
