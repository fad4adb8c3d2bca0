"""Reference answers for chapter 03, "Why one perceptron cannot learn XOR".

Try each exercise yourself first: the checks in the notebook give hints. Each cell below
replaces the body of the matching answer cell in chapters/03_xor_problem.ipynb.
"""

# %% Exercise 3.1
F = separability.boolean_functions()
best = [separability.max_rows_right(separability.INPUTS, f) for f in F]
n_separable = sum(b == 4 for b in best)
not_separable = [tuple(int(v) for v in f) for f, b in zip(F, best) if b < 4]

# %% Exercise 3.2
# Move (1, 1), a 0-point, next to the other 0-point (0, 0): now the line x1 + x2 = 0.5 separates.
moved_point = (-1.0, -1.0)
separating_line = (1.0, 1.0, -0.5)   # (w1, w2, b)

# %% Exercise 3.3
# OR of x1 and x2, with the product x1·x2 switching the (1, 1) row off.
weights_with_product = (1.0, 1.0, -2.0, -0.5)   # (w1, w2, w3, b)

# %% Exercise 3.4
def find_separating_line(X, y, grid):
    for w1 in grid:
        for w2 in grid:
            for b in grid:
                outputs = (w1 * X[:, 0] + w2 * X[:, 1] + b >= 0).astype(int)   # step(z), fires at z >= 0
                if np.all(outputs == y):
                    return (w1, w2, b)
    return None
