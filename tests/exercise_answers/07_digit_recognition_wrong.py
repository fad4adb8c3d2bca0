"""Plausible wrong answers for chapter 07's exercises (each check must say "Not yet")."""

# %% Exercise 7.1
# Counts one row of pixels only.
n_inputs = 8

# %% Exercise 7.2
# Fewer neurons instead of more: one small hidden layer reaches about 0.90.
my_settings = dict(hidden_sizes=(8,), lr=0.01)

# %% Exercise 7.3
# Resizes before cropping: a small drawing stays small.
my_steps = ["resize_area", "crop_to_ink", "pad_to_square", "thicken",
            "centre_by_mass", "block_pool", "scale_to_unit"]
