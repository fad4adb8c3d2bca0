"""Digit widgets: the pure functions, in-place updates, timing, the canvas's picture encoding."""

import time

import numpy as np
import pytest

from nnlib import preprocess as pp
from nnlib.datasets import load_digits
from nnlib.mlp import MLPClassifier
from nnlib.widgets.digit_inspector import DigitInspector, inspect_digit, next_wrong
from nnlib.widgets.draw_digit import (MIN_CONFIDENCE, NOT_A_DIGIT, DigitDrawer, DrawCanvas, decode_pixels,
                                      drawer_state, encode_pixels, train_pad_model)


@pytest.fixture(scope="module")
def data():
    return load_digits()


@pytest.fixture(scope="module")
def model(data):
    return MLPClassifier(hidden_sizes=(16, 16), lr=0.01, epochs=15, random_state=0).fit(data.X_train, data.y_train)


# -- DigitInspector ------------------------------------------------------------------------------


def test_inspect_digit_matches_an_independent_forward_pass(model, data):
    s = inspect_digit(model, data.X_test, data.y_test, 7)
    x = data.X_test[7]
    h1 = np.maximum(x @ model.coefs_[0] + model.intercepts_[0], 0)
    h2 = np.maximum(h1 @ model.coefs_[1] + model.intercepts_[1], 0)
    z = h2 @ model.coefs_[2] + model.intercepts_[2]
    p = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    np.testing.assert_allclose(s["activations"][0], h1, atol=1e-10)
    np.testing.assert_allclose(s["activations"][1], h2, atol=1e-10)
    np.testing.assert_allclose(s["proba"], p, atol=1e-10)
    assert s["prediction"] == int(np.argmax(p)) == model.predict(x[None])[0]
    assert s["true"] == data.y_test[7]
    assert f"true label {data.y_test[7]}" in s["readout"] and f"probability {p.max():.3f}" in s["readout"]
    np.testing.assert_array_equal(s["image"], x.reshape(8, 8))


def test_next_wrong_wraps_around():
    assert next_wrong([1, 2, 3, 4], [1, 0, 3, 0], 0) == 1
    assert next_wrong([1, 2, 3, 4], [1, 0, 3, 0], 1) == 3
    assert next_wrong([1, 2, 3, 4], [1, 0, 3, 0], 3) == 1
    assert next_wrong([1, 2], [1, 2], 0) is None


def test_inspector_updates_artists_in_place(model, data):
    ins = DigitInspector(model, data.X_test, data.y_test)
    image_artist, strips, bars = ins.image_artist, list(ins.strips), list(ins.bars)
    ins.index.value = 12
    s = inspect_digit(model, data.X_test, data.y_test, 12)
    assert ins.image_artist is image_artist and ins.strips == strips and list(ins.bars) == bars
    np.testing.assert_array_equal(image_artist.get_array(), s["image"])
    np.testing.assert_allclose(strips[1].get_array()[0], s["activations"][1])
    np.testing.assert_allclose([b.get_height() for b in bars], s["proba"])
    assert ins.readout.value == s["readout"]
    assert "nnlab-digitinspector-index" in ins.index._dom_classes
    assert "nnlab-digitinspector-next-wrong" in ins.next_button._dom_classes
    # the button jumps to the next misclassified image
    preds = model.predict(data.X_test)
    ins.next_button.click()
    assert ins.index.value == next_wrong(preds, data.y_test, 12)
    assert preds[ins.index.value] != data.y_test[ins.index.value]
    times = []
    for i in range(20):
        ins.index.value = i
        t0 = time.perf_counter()
        ins.update()
        ins.fig.canvas.draw()
        times.append((time.perf_counter() - t0) * 1000)
    print(f"DigitInspector update+draw median {np.median(times):.1f} ms")
    assert len(ins.update_times_ms) >= 20


def test_inspector_bad_inputs(model, data):
    with pytest.raises(ValueError, match="index must be in"):
        inspect_digit(model, data.X_test, data.y_test, 10_000)
    with pytest.raises(ValueError, match="y has"):
        DigitInspector(model, data.X_test, data.y_test[:-1])
    with pytest.raises(ValueError, match="image_shape must be given"):
        inspect_digit(model, data.X_test[:, :63], data.y_test, 0)


# -- drawing -------------------------------------------------------------------------------------


def test_pixels_round_trip_through_the_canvas_encoding():
    img = pp.example_drawing("3", size=56)
    back = decode_pixels(encode_pixels(img), 56)
    assert np.abs(back - img).max() <= 0.5 / 255 + 1e-12
    np.testing.assert_array_equal(decode_pixels("", 56), np.zeros((56, 56)))
    with pytest.raises(ValueError, match="pixels must hold"):
        decode_pixels(encode_pixels(np.zeros((4, 4))), 56)


def test_drawer_state_is_the_pipeline_plus_the_model(model):
    img = pp.example_drawing("7", size=56, scale=0.6, shift=(0.1, 0.1))
    s = drawer_state(img, model, "digits")
    x = pp.preprocess(img, "digits")
    p = model.predict_proba(x[None])[0]
    np.testing.assert_allclose(s["proba"], p)
    np.testing.assert_array_equal(s["input"], x.reshape(8, 8))
    assert s["prediction"] == int(np.argmax(p)) and not s["blank"]
    assert f"prediction: {s['prediction']}" in s["readout"]
    assert drawer_state(np.zeros((56, 56)), model)["readout"] == "draw a digit"


def test_drawer_follows_the_canvas_and_clears(model):
    dr = DigitDrawer(model)
    assert dr.target == "digits" and dr.readout.value == "draw a digit"
    image_artist, bars = dr.image_artist, list(dr.bars)
    times = []
    for d in ["0", "1", "2", "3", "4", "7"] * 3:
        img = pp.example_drawing(d, size=56, scale=0.8)
        dr.canvas.pixels = encode_pixels(img)  # what the browser does
        s = drawer_state(dr.canvas.image, model, "digits")
        assert dr.readout.value == s["readout"]
        assert dr.image_artist is image_artist
        np.testing.assert_allclose([b.get_height() for b in bars], s["proba"])
        times.append(dr.timed_update())
    print(f"DigitDrawer update+draw median {np.median(times):.1f} ms")
    dr.clear()
    assert dr.canvas.pixels == "" and dr.readout.value == "draw a digit"
    assert all(b.get_height() == 0 for b in bars)
    for control in ("canvas", "clear", "readout"):
        obj = {"canvas": dr.canvas, "clear": dr.clear_button, "readout": dr.readout}[control]
        assert f"nnlab-drawdigit-{control}" in obj._dom_classes


def test_canvas_and_drawer_bad_inputs(model):
    with pytest.raises(ValueError, match="size must divide"):
        DrawCanvas(size=57)
    with pytest.raises(ValueError, match="brush must be > 0"):
        DrawCanvas(brush=0)
    with pytest.raises(ValueError, match="model must be a fitted classifier"):
        DigitDrawer(object())
    with pytest.raises(ValueError, match="target must be one of"):
        DigitDrawer(model, target="svhn")


# -- the honest pad (issue 12.4) and the Clear race (issue 12.6) ---------------------------------


class _Uniform:
    """A model that is never sure: 0.1 for each digit."""

    classes_ = np.arange(10)

    def predict_proba(self, X):
        return np.full((len(X), 10), 0.1)


def test_drawer_refuses_what_is_not_a_digit(model):
    for strokes, reason in [([[(0.5, 0.5)]], "too little ink (a dot)"),
                            ([[(0.2, 0.5), (0.8, 0.5)]], "a flat line"),
                            ([[(0.2, 0.2)], [(0.7, 0.3)], [(0.4, 0.8)], [(0.8, 0.8)]], "scattered pieces")]:
        s = drawer_state(pp.rasterize_strokes(strokes, size=56), model)
        assert not s["digit"] and not s["blank"] and s["reason"] == reason
        assert s["prediction"] is None and s["guess"] is None
        assert NOT_A_DIGIT in s["readout"] and "prediction:" not in s["readout"]
        assert not s["proba"].any() and not s["input"].any()  # the network was not asked


def test_drawer_refuses_an_unsure_answer():
    s = drawer_state(pp.example_drawing("3", size=56), _Uniform())
    assert not s["digit"] and s["prediction"] is None and s["guess"] == 0 and s["probability"] == 0.1
    assert NOT_A_DIGIT in s["readout"] and "not sure" in s["reason"]
    assert drawer_state(pp.example_drawing("3", size=56), _Uniform(), min_confidence=0.05)["digit"]
    with pytest.raises(ValueError, match="^min_confidence"):
        drawer_state(pp.example_drawing("3", size=56), _Uniform(), min_confidence=1.5)


def test_drawer_reads_dark_ink_on_white_like_white_on_black(model):
    img = pp.example_drawing("7", size=56)
    a, b = drawer_state(img, model), drawer_state(1.0 - img, model)
    np.testing.assert_allclose(a["proba"], b["proba"])
    assert a["readout"] == b["readout"]


def test_a_picture_from_before_clear_is_ignored(model):
    dr = DigitDrawer(model)
    picture = encode_pixels(pp.example_drawing("3", size=56))
    dr.canvas.pixels = picture
    assert "prediction" in dr.readout.value
    dr.clear()
    assert dr.canvas.generation == 1 and dr.canvas.pixels == "" and dr.readout.value == "draw a digit"
    # The browser's last picture, encoded before the clear, arrives after it (the race):
    dr.canvas.set_state({"picture": {"pixels": picture, "generation": 0}})
    assert dr.canvas.pixels == "" and not dr.canvas.image.any() and dr.readout.value == "draw a digit"
    # A picture drawn after the clear is shown.
    dr.canvas.set_state({"picture": {"pixels": picture, "generation": 1}})
    assert dr.canvas.image.any() and "prediction" in dr.readout.value


@pytest.fixture(scope="module")
def pad():
    return train_pad_model()


@pytest.fixture(scope="module")
def drawings():
    return pp.drawing_set(size=56)


def _rates(model, drawings):
    images, labels, _ = drawings
    states = [drawer_state(img, model) for img in images]
    named = np.array([s["digit"] for s in states])
    right = np.array([s["prediction"] == y for s, y in zip(states, labels)])
    digit = labels >= 0
    return right[digit].mean(), (named & ~right)[digit].mean(), (~named[~digit]).mean()


def test_the_pad_reads_most_drawn_digits_and_refuses_non_digits(pad, drawings):
    read_right, named_wrong, refused = _rates(pad, drawings)
    print(f"pad: digits read right {read_right:.3f}, named wrong {named_wrong:.3f}, non-digits refused {refused:.3f}")
    # Floors a little below what the seeded pad reaches (0.78 read right, 0.21 named wrong, all
    # non-digits refused; bench/digit_pad.py): a regression in preprocessing, augmentation or
    # calibration drops below them.
    assert read_right >= 0.75
    assert named_wrong <= 0.25
    assert refused >= 0.95


def test_augmentation_helps_on_drawings_and_calibration_softens(pad, drawings):
    data = load_digits(test_size=0.2, val_size=0.2, random_state=0)
    plain = MLPClassifier(hidden_sizes=(64, 64), lr=0.01, epochs=30, random_state=0).fit(data.X_train, data.y_train)
    assert _rates(pad.model, drawings)[0] > _rates(plain, drawings)[0]
    assert pad.temperature_ > 1.0
    images, labels, _ = drawings
    X = np.array([pp.preprocess(img) for img in images[labels >= 0]])
    assert pad.predict_proba(X).max(axis=1).mean() < pad.model.predict_proba(X).max(axis=1).mean()
    assert MIN_CONFIDENCE == 0.5
