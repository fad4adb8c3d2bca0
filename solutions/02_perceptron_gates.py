# %% [markdown]
# Reference answers for chapter 02 (The perceptron: AND, OR, NAND).
#
# Try each exercise yourself first: the check under it gives a hint when you are stuck.
# Each cell below replaces the answer cell with the same number in the notebook.

# %% Exercise 2.1
# NAND = not AND: flip every sign of the AND perceptron (1, 1, -1.5).
w1 = -1.0
w2 = -1.0
b = 1.5

# %% Exercise 2.2
# x = 0: z = b = 0.5 >= 0 -> 1;  x = 1: z = -1 + 0.5 < 0 -> 0.
w = -1.0
b = 0.5

# %% Exercise 2.3
# z is b at (0, 0) and 1 + b at (0, 1), (1, 0): any -1 <= b < 0 gives OR.
b_or = -0.5
