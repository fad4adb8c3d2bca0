"""Checks for chapter 07, "Recognising handwritten digits".

Examples
--------
>>> bool(check_input_size(64))
True
>>> check_beat_accuracy(...).status
'unanswered'
>>> bool(check_step_order(list(STEP_NAMES)))
True
"""

from __future__ import annotations

import numbers

import numpy as np

from .. import preprocess as pp
from ..datasets import load_digits
from ..mlp import MLPClassifier
from . import exercise

__all__ = ["check_input_size", "check_beat_accuracy", "check_step_order", "TARGET_ACCURACY",
           "EPOCHS", "STEP_NAMES"]

#: Test accuracy exercise 7.2 asks for (the 16-16 network of the chapter gets about 0.962).
TARGET_ACCURACY = 0.97
#: Epochs every network of exercise 7.2 trains for (the same as in the chapter).
EPOCHS = 30
#: The preprocessing steps of the 8x8 digits, in the right order (exercise 7.3).
STEP_NAMES = ("crop_to_ink", "pad_to_square", "resize_area", "thicken", "centre_by_mass",
              "block_pool", "scale_to_unit")


@exercise("7.1", hint="Each 8x8 image is flattened into one row: one input neuron per pixel.")
def check_input_size(n_inputs):
    """The number of input neurons the network needs for one 8x8 image."""
    data = load_digits()
    expected = int(np.prod(data.images_shape))
    if isinstance(n_inputs, bool) or not isinstance(n_inputs, numbers.Integral):
        return False, f"give a whole number of input neurons; got {n_inputs!r}"
    if n_inputs == expected:
        return True, (f"{data.images_shape[0]} × {data.images_shape[1]} = {expected} pixels, one input "
                      f"neuron each (X_train.shape[1] is {data.X_train.shape[1]}).")
    if n_inputs in (8, 16):
        return False, "that is one row (or two); the network sees every pixel of the image at once."
    return False, "count the pixels of one image: rows × columns."


def _check_settings(settings):
    if not isinstance(settings, dict):
        raise TypeError(f"settings must be a dict like dict(hidden_sizes=(32,), lr=0.01); got {type(settings).__name__}")
    unknown = set(settings) - {"hidden_sizes", "lr"}
    if unknown:
        raise ValueError(f"settings may only set hidden_sizes and lr; got {sorted(unknown)}")
    hidden = tuple(int(h) for h in settings.get("hidden_sizes", (16, 16)))
    if not 1 <= len(hidden) <= 4 or not all(1 <= h <= 512 for h in hidden):
        raise ValueError("hidden_sizes must be 1 to 4 layers of 1 to 512 neurons")
    lr = float(settings.get("lr", 0.01))
    if not 0 < lr <= 10:
        raise ValueError(f"lr must be in (0, 10]; got {lr}")
    return hidden, lr


@exercise("7.2", hint="Start from dict(hidden_sizes=(16, 16), lr=0.01) — about 0.962 — and make the hidden "
                      "layers wider (e.g. 32 or 64 neurons), or try a learning rate a little lower or higher.")
def check_beat_accuracy(settings):
    """Train ``MLPClassifier(**settings, epochs=30, random_state=0)`` on the digits; test accuracy >= 0.97?"""
    hidden, lr = _check_settings(settings)
    data = load_digits()
    model = MLPClassifier(hidden_sizes=hidden, lr=lr, epochs=EPOCHS, random_state=0)
    model.fit(data.X_train, data.y_train)
    acc = float(model.score(data.X_test, data.y_test))
    n_params = sum(W.size + b.size for W, b in zip(model.coefs_, model.intercepts_))
    if acc >= TARGET_ACCURACY:
        return True, (f"hidden_sizes={hidden}, lr={lr:g}: test accuracy {acc:.3f} ≥ {TARGET_ACCURACY} "
                      f"with {n_params} parameters.")
    if acc < 0.5:
        return False, (f"test accuracy {acc:.3f}: training went wrong — a learning rate that is too large "
                       "overshoots and one that is too small barely moves in 30 epochs.")
    return False, (f"hidden_sizes={hidden}, lr={lr:g} reach {acc:.3f}, below {TARGET_ACCURACY}: "
                   "give the hidden layers more neurons (32 or 64) and keep lr near 0.01.")


def _run_steps(names, image):
    spec = pp.TARGETS["digits"]
    funcs = {
        "crop_to_ink": pp.crop_to_ink,
        "pad_to_square": pp.pad_to_square,
        "resize_area": lambda im: pp.resize_area(im, spec.box),
        "thicken": lambda im: pp.thicken(im, spec.stroke),
        "centre_by_mass": lambda im: pp.centre_by_mass(im, spec.canvas),
        "block_pool": lambda im: pp.block_pool(im, spec.pool),
        "scale_to_unit": pp.scale_to_unit,
    }
    out = image / image.max()
    for name in names:
        out = funcs[name](out)
    return out


@exercise("7.3", hint="Follow the training images' recipe: find the ink, make the box square, shrink it to "
                      "32x32, match the pen width, centre it, average 4x4 blocks, then stretch to [0, 1].")
def check_step_order(steps):
    """``steps``: the seven names of ``STEP_NAMES`` in the order the pipeline should apply them."""
    steps = [str(s) for s in steps]
    unknown = [s for s in steps if s not in STEP_NAMES]
    if unknown:
        return False, f"unknown step names {unknown}; use the names in STEP_NAMES: {list(STEP_NAMES)}"
    missing = [s for s in STEP_NAMES if s not in steps]
    if missing:
        return False, f"a step is missing: {missing}. A drawing needs all seven to look like a training image."
    if len(steps) != len(STEP_NAMES):
        return False, "use each step exactly once."
    drawings = [pp.example_drawing(d, size=56, scale=s, shift=sh)
                for d, s, sh in (("3", 0.5, (-0.2, 0.15)), ("7", 0.8, (0.1, 0.0)), ("0", 0.6, (0.0, -0.1)))]
    for img in drawings:
        try:
            got = _run_steps(steps, img)
        except ValueError as exc:
            return False, f"in this order a step gets an image it cannot handle ({exc})."
        want = pp.preprocess(img, target="digits")
        if got.shape != (8, 8) or not np.allclose(got.ravel(), want, atol=1e-9):
            return False, (f"this order gives a {got.shape[0]}x{got.shape[1]} image that differs from the "
                           "training recipe; crop first (so small drawings get large), pool near the end.")
    return True, "the drawings now become 8x8 images made exactly like the training digits."
