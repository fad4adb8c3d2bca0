"""Plausible wrong answers for chapter 03's exercises (each check must say "Not yet")."""

# %% Exercise 3.1
# Forgets XNOR: only XOR counted as not separable.
n_separable = 15
not_separable = [(0, 1, 1, 0)]

# %% Exercise 3.2
# Moving (1, 1) further out along the diagonal does not help: the hulls still cross.
moved_point = (2.0, 2.0)
separating_line = (1.0, 1.0, -0.5)

# %% Exercise 3.3
# A product weight too small to switch the (1, 1) row off.
weights_with_product = (1.0, 1.0, -1.0, -0.5)

# %% Exercise 3.4
# Searches only lines through the origin (b = 0): misses lines that exist on the grid.
def find_separating_line(X, y, grid):
    for w1 in grid:
        for w2 in grid:
            outputs = (w1 * X[:, 0] + w2 * X[:, 1] >= 0).astype(int)
            if np.all(outputs == y):
                return (w1, w2, 0.0)
    return None
