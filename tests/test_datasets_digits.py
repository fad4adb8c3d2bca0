"""The bundled 8x8 digits: offline, scaled to [0, 1], stratified and reproducible split."""

import numpy as np
import pytest

from nnlib.datasets import Split, load_digits


@pytest.fixture(scope="module")
def data():
    return load_digits()


def test_shapes_and_dtypes(data):
    assert isinstance(data, Split)
    assert data.X_train.shape[1] == data.X_test.shape[1] == 64
    assert len(data.X_train) + len(data.X_test) == 1797
    assert len(data.X_train) == len(data.y_train) and len(data.X_test) == len(data.y_test)
    assert len(data.X_test) == 450  # ceil(0.25 * 1797)
    assert data.X_train.dtype == np.float64 and data.y_train.dtype.kind == "i"
    assert data.images_shape == (8, 8)


def test_values_in_unit_interval(data):
    for X in (data.X_train, data.X_test):
        assert X.min() == 0.0 and X.max() == 1.0
    # Pixel values were 0..16, so every value is a multiple of 1/16.
    np.testing.assert_array_equal(data.X_train * 16, np.round(data.X_train * 16))


def test_stratified_split_keeps_all_classes(data):
    assert set(data.y_train.tolist()) == set(range(10))
    assert set(data.y_test.tolist()) == set(range(10))
    train_share = np.bincount(data.y_train) / len(data.y_train)
    test_share = np.bincount(data.y_test) / len(data.y_test)
    np.testing.assert_allclose(train_share, test_share, atol=0.01)


def test_same_seed_same_split_other_seed_other_split(data):
    again = load_digits(random_state=0)
    np.testing.assert_array_equal(data.X_train, again.X_train)
    np.testing.assert_array_equal(data.y_test, again.y_test)
    other = load_digits(random_state=1)
    assert not np.array_equal(data.y_train, other.y_train)


def test_unflattened_images_and_unpacking():
    X_train, X_test, y_train, y_test = load_digits(test_size=0.5, flatten=False)
    assert X_train.shape[1:] == (8, 8) and X_test.shape[1:] == (8, 8)
    assert abs(len(X_train) - len(X_test)) <= 1
    assert len(y_train) == len(X_train)


@pytest.mark.parametrize(
    "kwargs, error, arg",
    [
        ({"test_size": 0}, ValueError, "test_size"),
        ({"test_size": 1.0}, ValueError, "test_size"),
        ({"test_size": "a"}, TypeError, "test_size"),
        ({"random_state": 0.5}, TypeError, "random_state"),
        ({"flatten": "yes"}, TypeError, "flatten"),
    ],
)
def test_bad_arguments_name_the_argument(kwargs, error, arg):
    with pytest.raises(error, match=f"^{arg}"):
        load_digits(**kwargs)


def test_validation_part():
    three = load_digits(test_size=0.2, val_size=0.2, random_state=0)
    two = load_digits(test_size=0.2, random_state=0)
    assert two.X_val is None and two.y_val is None
    assert len(three.X_train) + len(three.X_val) + len(three.X_test) == 1797
    assert len(three.X_val) == 360 and len(three.X_test) == 360
    np.testing.assert_array_equal(three.X_test, two.X_test)  # the test part does not depend on val_size
    rows = {tuple(r) for r in three.X_train}
    assert not any(tuple(r) in rows for r in three.X_val)
    assert set(np.bincount(three.y_val).tolist()) <= {35, 36, 37}  # stratified
    with pytest.raises(ValueError, match="^val_size must leave images for training"):
        load_digits(test_size=0.5, val_size=0.5)
    with pytest.raises(ValueError, match="^val_size"):
        load_digits(val_size=-0.1)
