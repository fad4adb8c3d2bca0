# %% [markdown]
# Plausible wrong answers for chapter 01; every check must answer "Not yet".

# %% Exercise 1.1
# sigmoid's outputs lie in (0, 1): never negative
activation = "sigmoid"

# %% Exercise 1.2
# this neuron also fires for (0, 1) and (1, 0): it is OR, not AND
w1 = 1.0
w2 = 1.0
b = -0.5

# %% Exercise 1.3
# forgets the bias
def neuron_forward(X, w, b, phi):
    return phi(X @ w)
