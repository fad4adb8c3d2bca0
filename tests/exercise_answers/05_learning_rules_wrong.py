"""Plausible wrong answers for chapter 05's exercises (each check must say "Not yet")."""

# %% Exercise 5.1
# Thinks every rule learns from every sample.
changes = {"hebb": True, "perceptron": True, "delta": True}

# %% Exercise 5.2
# Updates the weights but forgets the bias.
new_w = [0.7, 0.1]
new_b = 0.1

# %% Exercise 5.3
# Uses the AND targets (one +1, three −1) instead of OR.
w_hebb = [2.0, 2.0]
b_hebb = -2.0

# %% Exercise 5.4
# Keeps the perceptron's step: the output is thresholded before the error is taken.
def delta_update(w, b, x, y, lr):
    y_hat = 1.0 if x @ w + b >= 0 else 0.0
    error = y - y_hat
    return w + lr * error * x, b + lr * error
