"""How honest is the digit pad? Accuracy on drawn digits, refusals of non-digits, calibration.

The drawings are :func:`nnlib.preprocess.drawing_set` at the pad's resolution (56x56): every
digit 0-9 written in two or three ways, each large, small and off-centre, slanted with a thick
pen and tilted with a thin pen (92 drawings), plus 32 non-digits (dots, a tick, bars, specks,
dashes). Three networks answer, each through the pad's rule (:func:`drawer_state`: refuse what
:func:`~nnlib.preprocess.digit_check` rules out, and answers below ``MIN_CONFIDENCE``):

- ``plain``: the chapter's 64-64 network trained on the training digits only, uncalibrated;
- ``augmented``: the same trained on the digits plus 4 distorted copies each, uncalibrated;
- ``augmented + calibrated``: that network temperature-scaled on the validation digits — what
  the pad uses (:func:`nnlib.widgets.draw_digit.train_pad_model`).

Reported per network: digits read right (named and correct), digits refused, digits named
wrong, non-digits refused, the mean top probability on the drawn digits, and on the
validation digits the expected calibration error (ECE, 10 bins) and the temperature.
Training time is wall time on a shared machine: noisy.

Last, random zig-zag scribbles (4-8 random points joined by one stroke, seed 0): how many the
pad refuses. This is the hard case — a network trained only on digits has no "none of these"
answer — and some scribbles do look like a digit, so no rate here is "right"; it is reported
to show the limit of the rule, not as a target.

Run: ``python bench/digit_pad.py``
"""

from __future__ import annotations

import time

import numpy as np

from _common import machine
from nnlib import preprocess as pp
from nnlib.augment import augment_digits
from nnlib.calibration import TemperatureScaled, expected_calibration_error
from nnlib.datasets import load_digits
from nnlib.mlp import MLPClassifier
from nnlib.widgets.draw_digit import MIN_CONFIDENCE, drawer_state, train_pad_model


def pad_rates(model, images, labels):
    """Fractions of digits read right / refused / named wrong, of non-digits refused, mean p."""
    states = [drawer_state(img, model) for img in images]
    digit = labels >= 0
    named = np.array([s["digit"] for s in states])
    right = np.array([s["prediction"] == y for s, y in zip(states, labels)])
    top_p = np.array([s["probability"] if s["probability"] is not None else np.nan for s in states])
    return {
        "read right": right[digit].mean(),
        "refused": (~named[digit]).mean(),
        "named wrong": (named & ~right)[digit].mean(),
        "non-digits refused": (~named[~digit]).mean(),
        "mean top p (digits)": np.nanmean(top_p[digit]),
    }


def random_scribbles(n, seed=0, size=56):
    """``n`` zig-zag strokes through 4-8 random points in the middle 70 % of the pad."""
    rng = np.random.default_rng(seed)
    return [pp.rasterize_strokes([rng.uniform(0.15, 0.85, size=(int(rng.integers(4, 9)), 2))], size=size)
            for _ in range(n)]


def main():
    print(f"machine: {machine()}")
    data = load_digits(test_size=0.2, val_size=0.2, random_state=0)
    images, labels, _ = pp.drawing_set(size=56)
    print(f"drawings: {int((labels >= 0).sum())} digits, {int((labels < 0).sum())} non-digits; "
          f"MIN_CONFIDENCE = {MIN_CONFIDENCE}\n")

    t0 = time.perf_counter()
    plain = MLPClassifier(hidden_sizes=(64, 64), lr=0.01, epochs=30, random_state=0).fit(data.X_train, data.y_train)
    t_plain = time.perf_counter() - t0
    t0 = time.perf_counter()
    pad = train_pad_model(data)
    t_pad = time.perf_counter() - t0
    X_more, y_more = augment_digits(data.X_train, data.y_train, n_copies=4, rng=0)
    models = [("plain", plain, t_plain), ("augmented", pad.model, None),
              ("augmented + calibrated", pad, t_pad)]
    plain_cal = TemperatureScaled(plain).fit(data.X_val, data.y_val)

    cols = ["read right", "refused", "named wrong", "non-digits refused", "mean top p (digits)"]
    print("| network | " + " | ".join(cols) + " | ECE (val) | T | val acc | train s |")
    print("|---" * (len(cols) + 5) + "|")
    for name, model, secs in models:
        r = pad_rates(model, images, labels)
        ece = expected_calibration_error(model.predict_proba(data.X_val), data.y_val)
        temp = f"{model.temperature_:.2f}" if hasattr(model, "temperature_") else "1"
        print(f"| {name} | " + " | ".join(f"{r[c]:.3f}" for c in cols)
              + f" | {ece:.3f} | {temp} | {model.score(data.X_val, data.y_val):.3f} | "
              + ("" if secs is None else f"{secs:.1f}") + " |")
    print(f"\nplain network calibrated too: T = {plain_cal.temperature_:.2f}, ECE (val) "
          f"{expected_calibration_error(plain.predict_proba(data.X_val), data.y_val):.3f} -> "
          f"{expected_calibration_error(plain_cal.predict_proba(data.X_val), data.y_val):.3f}")
    scribbles = random_scribbles(100)
    for name, model, _ in models:
        refused = np.mean([not drawer_state(img, model)["digit"] for img in scribbles])
        print(f"random scribbles refused by the pad with the {name} network: {refused:.2f} (of 100)")
    print(f"augmented training set: {len(data.X_train)} + {len(X_more)} images; "
          f"test accuracy of the pad's network (reported once): {pad.score(data.X_test, data.y_test):.3f}")


if __name__ == "__main__":
    main()
