"""nnlib.augment: each distortion does what it says, on hand-made images and on the digits."""

import numpy as np
import pytest

from nnlib.augment import augment_digits, distort, random_distortions
from nnlib.datasets import load_digits
from nnlib.preprocess import centre_of_mass


def _one(image, shift=(0.0, 0.0), rotation=0.0, slant=0.0, scale=(1.0, 1.0), stroke=0):
    return distort(image[None], np.array([shift]), np.array([rotation]), np.array([slant]),
                   np.array([scale]), np.array([stroke]))[0]


@pytest.fixture(scope="module")
def bar():
    img = np.zeros((8, 8))
    img[1:7, 3:5] = 1.0  # an upright bar, 6 tall, 2 wide
    return img


def test_no_distortion_keeps_the_image(bar):
    assert np.abs(_one(bar) - bar).max() < 0.2
    digits = load_digits().X_train[:20].reshape(-1, 8, 8)
    same = distort(digits, np.zeros((20, 2)), np.zeros(20), np.zeros(20), np.ones((20, 2)), np.zeros(20, int))
    corr = [np.corrcoef(a.ravel(), b.ravel())[0, 1] for a, b in zip(same, digits)]
    assert min(corr) > 0.95


def test_shift_moves_the_centre_of_mass(bar):
    r0, c0 = centre_of_mass(bar)
    r, c = centre_of_mass(_one(bar, shift=(1.0, -1.0)))
    assert r == pytest.approx(r0 + 1.0, abs=0.25) and c == pytest.approx(c0 - 1.0, abs=0.25)


def test_rotation_by_90_degrees_lays_the_bar_down(bar):
    turned = _one(bar, rotation=90.0)
    rows, cols = np.nonzero(turned > 0.5)
    assert np.ptp(cols) > np.ptp(rows)  # now wider than tall


def test_scale_and_slant_and_stroke(bar):
    small = _one(bar, scale=(0.5, 1.0))
    assert (small.sum(axis=1) > 0.3).sum() < (bar.sum(axis=1) > 0.3).sum()  # fewer rows with ink
    slanted = _one(bar, slant=0.5)
    top_c = centre_of_mass(slanted[:3])[1]
    bottom_c = centre_of_mass(slanted[5:])[1]
    assert top_c > bottom_c  # the top leans right, like forward-leaning handwriting
    digit = load_digits().X_train[3].reshape(8, 8)
    assert _one(digit, stroke=1).sum() > _one(digit).sum() > _one(digit, stroke=-1).sum()


def test_augment_digits_shapes_labels_range_and_seed():
    data = load_digits()
    X, y = augment_digits(data.X_train[:10], data.y_train[:10], n_copies=3, rng=1)
    assert X.shape == (30, 64) and y.tolist() == np.repeat(data.y_train[:10], 3).tolist()
    assert X.min() >= 0.0 and np.allclose(X.max(axis=1), 1.0)
    X2, _ = augment_digits(data.X_train[:10], data.y_train[:10], n_copies=3, rng=1)
    X3, _ = augment_digits(data.X_train[:10], data.y_train[:10], n_copies=3, rng=2)
    np.testing.assert_array_equal(X, X2)
    assert not np.allclose(X, X3)


def test_random_distortions_stay_in_their_ranges():
    d = random_distortions(500, np.random.default_rng(0), max_shift=0.5, max_rotation=10, max_slant=0.2,
                           scale=(0.8, 1.2))
    assert np.abs(d["shift"]).max() <= 0.5 and np.abs(d["rotation"]).max() <= 10
    assert np.abs(d["slant"]).max() <= 0.2 and d["scale"].min() >= 0.8 and d["scale"].max() <= 1.2
    assert set(d["stroke"].tolist()) == {-1, 0, 1}


def test_bad_arguments_name_the_argument():
    data = load_digits()
    with pytest.raises(ValueError, match="^X must have 64 features"):
        augment_digits(np.zeros((3, 10)), [0, 1, 2])
    with pytest.raises(ValueError, match="^y"):
        augment_digits(data.X_train[:3], [0, 1])
    with pytest.raises(ValueError, match="^n_copies"):
        augment_digits(data.X_train[:3], data.y_train[:3], n_copies=0)
    with pytest.raises(ValueError, match="^scale"):
        augment_digits(data.X_train[:3], data.y_train[:3], scale=(1.2, 0.8))
    with pytest.raises(TypeError, match="^max_rotation"):
        augment_digits(data.X_train[:3], data.y_train[:3], max_rotation="a lot")
