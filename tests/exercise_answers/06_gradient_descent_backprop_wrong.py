"""Plausible wrong answers for chapter 06's exercises (each check must say "Not yet")."""

# %% Exercise 6.1
# Forgets the output neuron's sigmoid: ∂L/∂ŷ · h₁ only.
dL_dv1 = (0.7620 - 1.0) * 0.6457

# %% Exercise 6.2
# "Bigger is faster" — past 0.2 the steep direction explodes.
lr_valley = 0.25

# %% Exercise 6.3
# Adds the factors instead of multiplying them.
max_factor = 0.25 * 10
