"""Reference answers for chapter 05, "How a neuron learns: Hebb, perceptron and delta rules".

Try each exercise yourself first: the checks in the notebook give hints. Each cell below
replaces the body of the matching answer cell in chapters/05_learning_rules.ipynb.
"""

# %% Exercise 5.1
# Hebb adds η·y·x = 0.1·[1, 1] whatever the output; the perceptron's answer step(0.5) = 1 is
# right, so it does nothing; the delta rule sees ŷ = z = 0.5 ≠ 1 and moves by 0.1·0.5·x.
changes = {"hebb": True, "perceptron": False, "delta": True}

# %% Exercise 5.2
# z = 0.2·1 − 0.4·1 + 0.1 = −0.1 < 0 -> ŷ = 0, y − ŷ = 1 − 0 = 1
# w ← w + 0.5·1·[1, 1] = [0.7, 0.1],  b ← 0.1 + 0.5·1 = 0.6
new_w = [0.7, 0.1]
new_b = 0.6

# %% Exercise 5.3
# w = Σ y·x = −1·[−1, −1] + 1·[−1, 1] + 1·[1, −1] + 1·[1, 1] = [2, 2];  b = Σ y = −1 + 1 + 1 + 1 = 2
w_hebb = [2.0, 2.0]
b_hebb = 2.0

# %% Exercise 5.4
def delta_update(w, b, x, y, lr):
    """One step of the delta rule: ŷ = w·x + b, Δw = η(y − ŷ)x, Δb = η(y − ŷ)."""
    y_hat = x @ w + b
    error = y - y_hat
    return w + lr * error * x, b + lr * error
