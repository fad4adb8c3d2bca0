"""Reference answers for chapter 04, "The multilayer perceptron".

Try each exercise yourself first: the checks in the notebook give hints. Each cell below
replaces the body of the matching answer cell in chapters/04_multilayer_perceptron.ipynb.
"""

# %% Exercise 4.1
hidden_or = (1.0, 1.0, -0.5)     # fires when at least one input is 1
hidden_nand = (-1.0, -1.0, 1.5)  # fires unless both inputs are 1
output_and = (1.0, 1.0, -1.5)    # fires when both hidden units fire

# %% Exercise 4.2
circles_settings = dict(hidden_sizes=(8,), activation="tanh", lr=0.03, epochs=40)

# %% Exercise 4.3
def count_parameters(sizes):
    """Weights plus biases of a fully connected network with layer sizes [n_in, ..., n_out]."""
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
