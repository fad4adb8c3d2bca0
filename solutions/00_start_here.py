# %% [markdown]
# Reference answers for chapter 00 (Start here).
#
# Try each exercise yourself first: the check under it gives a hint when you are stuck.
# Each cell below replaces the answer cell with the same number in the notebook.

# %% Exercise 0.1
inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])

# %% Exercise 0.2
year = 1969
