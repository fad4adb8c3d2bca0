# %% [markdown]
# Plausible wrong answers for chapter 02; every check must answer "Not yet".

# %% Exercise 2.1
# the AND weights, not NAND
w1 = 1.0
w2 = 1.0
b = -1.5

# %% Exercise 2.2
# copies the input instead of negating it
w = 1.0
b = -0.5

# %% Exercise 2.3
# a positive bias also fires for (0, 0)
b_or = 0.5
