# %% [markdown]
# Plausible wrong answers for chapter 00; every check must answer "Not yet".

# %% Exercise 0.1
# one row missing
inputs = np.array([[0, 0], [0, 1], [1, 0]])

# %% Exercise 0.2
# Rosenblatt's perceptron, not the book
year = 1958
