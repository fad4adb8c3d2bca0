# %% [markdown]
# Reference answers for chapter 01 (The artificial neuron).
#
# Try each exercise yourself first: the check under it gives a hint when you are stuck.
# Each cell below replaces the answer cell with the same number in the notebook.

# %% Exercise 1.1
# z = w1*x1 + w2*x2 + b = 0.5*2.0 + (-1.0)*1.0 + 0.25
z = 0.25

# %% Exercise 1.2
# z is b, 1 + b, 1 + b, 2 + b for the four inputs: only 2 + b may reach 0, so -2 <= b < -1.
w1 = 1.0
w2 = 1.0
b = -1.5

# %% Exercise 1.3
activation = "tanh"
