# %% [markdown]
# Reference answers for chapter 02 (The perceptron: AND, OR, NAND).
#
# Try each exercise yourself first: the check under it gives a hint when you are stuck.
# Each cell below replaces the answer cell with the same number in the notebook.

# %% Exercise 2.1
def computes_gate(w, b, X, y):
    outputs = (X @ w + b >= 0).astype(int)   # step(z): fires when z >= 0
    return bool(np.all(outputs == y))

# %% Exercise 2.2
# x = 0: z = b = 0.5 >= 0 -> 1;  x = 1: z = -1 + 0.5 < 0 -> 0.
w = -1.0
b = 0.5

# %% Exercise 2.3
# z = b < 0 at (0, 0); w1 + b >= 0 at (1, 0); w2 + b < 0 at (0, 1); w1 + w2 + b < 0 at (1, 1).
w1 = 1.0
w2 = -1.0
b = -0.5
