"""Reference answers for chapter 07, "Recognising handwritten digits".

Try each exercise yourself first: the checks in the notebook give hints. Each cell below
replaces the body of the matching answer cell in chapters/07_digit_recognition.ipynb.
"""

# %% Exercise 7.1
n_inputs = 8 * 8   # one input neuron per pixel of the 8x8 image

# %% Exercise 7.2
my_settings = dict(hidden_sizes=(64, 64), lr=0.01)   # wider hidden layers: about 0.98

# %% Exercise 7.3
my_steps = ["crop_to_ink", "pad_to_square", "resize_area", "thicken",
            "centre_by_mass", "block_pool", "scale_to_unit"]
