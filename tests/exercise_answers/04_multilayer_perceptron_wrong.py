"""Plausible wrong answers for chapter 04's exercises (each check must say "Not yet")."""

# %% Exercise 4.1
# An OR as the output unit: every input then gives 1.
hidden_or = (1.0, 1.0, -0.5)
hidden_nand = (-1.0, -1.0, 1.5)
output_and = (1.0, 1.0, -0.5)

# %% Exercise 4.2
# Two big hidden layers, but linear: they collapse to one line.
circles_settings = dict(hidden_sizes=(16, 16), activation="linear", lr=0.03, epochs=40)

# %% Exercise 4.3
# Forgets the biases.
def count_parameters(sizes):
    return sum(n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
