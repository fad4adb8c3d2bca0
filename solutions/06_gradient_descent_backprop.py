"""Reference answers for chapter 06, "Gradient descent and backpropagation".

Try each exercise yourself first: the checks in the notebook give hints. Each cell below
replaces the body of the matching answer cell in chapters/06_gradient_descent_backprop.ipynb.
"""

# %% Exercise 6.1
# ∂L/∂v₁ = ∂L/∂ŷ · σ′(z₃) · h₁ = (ŷ − y) · ŷ(1 − ŷ) · h₁, with the printed forward values
dL_dv1 = (0.7620 - 1.0) * 0.7620 * (1 - 0.7620) * 0.6457

# %% Exercise 6.2
# Close to 2 / (1 + 10), the rate that shrinks both directions equally fast.
lr_valley = 0.18

# %% Exercise 6.3
# Each sigmoid layer contributes a factor σ′(z) ≤ 0.25; the chain rule multiplies them.
max_factor = 0.25**10
