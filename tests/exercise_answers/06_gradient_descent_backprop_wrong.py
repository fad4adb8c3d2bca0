"""Plausible wrong answers for chapter 06's exercises (each check must say "Not yet")."""

# %% Exercise 6.1
# Treats z as if it were already σ(z): z(1 − z) instead of σ(z)(1 − σ(z)).
def sigmoid_backward(z, grad):
    return grad * z * (1.0 - z)

# %% Exercise 6.2
# Forgets to sum the bias gradient over the samples.
def dense_backward(x, W, grad):
    return grad @ W.T, x.T @ grad, grad

# %% Exercise 6.3
# Adds the factors instead of multiplying them.
max_factor = 0.25 * 10
