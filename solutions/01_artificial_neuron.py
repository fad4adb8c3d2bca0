# %% [markdown]
# Reference answers for chapter 01 (The artificial neuron).
#
# Try each exercise yourself first: the check under it gives a hint when you are stuck.
# Each cell below replaces the answer cell with the same number in the notebook.

# %% Exercise 1.1
# step: {0, 1}; sigmoid: (0, 1); ReLU: [0, ∞); only tanh, (−1, 1), goes below 0.
activation = "tanh"

# %% Exercise 1.2
# z is b, 1 + b, 1 + b, 2 + b for the four inputs: only 2 + b may reach 0, so -2 <= b < -1.
w1 = 1.0
w2 = 1.0
b = -1.5

# %% Exercise 1.3
def neuron_forward(X, w, b, phi):
    z = X @ w + b      # net input of every row (sample) of X, shape (n_samples,)
    return phi(z)      # activation a = φ(z)
