# %% [markdown]
# Plausible wrong answers for chapter 02; every check must answer "Not yet".

# %% Exercise 2.1
# fires only when z > 0: wrong for rows that lie exactly on the line z = 0
def computes_gate(w, b, X, y):
    outputs = (X @ w + b > 0).astype(int)
    return bool(np.all(outputs == y))

# %% Exercise 2.2
# copies the input instead of negating it
w = 1.0
b = -0.5

# %% Exercise 2.3
# x2 excites instead of inhibits: this fires at (1, 1) too
w1 = 1.0
w2 = 1.0
b = -0.5
