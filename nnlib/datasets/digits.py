"""The 8x8 handwritten digits bundled with scikit-learn: the course's offline digit data set.

``load_digits()`` needs no network and no files: scikit-learn ships the 1,797 images inside
its package. This is the default data set of the digit chapter; full-size MNIST
(``load_mnist``) is optional and only used where a notebook says so.

Where the images come from (scikit-learn's ``load_digits().DESCR``): they are the *test* part
of the UCI "Optical Recognition of Handwritten Digits" data, written by 13 people (30 others
wrote the UCI training part, 43 in all). A random split puts digits of the same 13 writers on
both sides, so its test accuracy says how well a network reads *these* writers' unseen
digits, not how well it reads a new person's handwriting.

Examples
--------
>>> from nnlib.datasets import load_digits
>>> data = load_digits()
>>> data.X_train.shape, data.images_shape
((1347, 64), (8, 8))
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from .._checks import check_fraction

__all__ = ["Split", "load_digits"]


@dataclass(frozen=True, eq=False)
class Split:
    """A train/test (and optionally validation) split of an image data set.

    Attributes
    ----------
    X_train, X_test : ndarray
        Images, one per row (flattened) or of shape (n, *images_shape).
    y_train, y_test : ndarray of int
        Class labels.
    images_shape : tuple of int
        Height and width of one image, for ``x.reshape(images_shape)`` when plotting.
    X_val, y_val : ndarray or None
        The validation part (for choosing settings), or None when none was asked for.

    Unpacks like scikit-learn's ``train_test_split`` (without the validation part):
    ``X_train, X_test, y_train, y_test = split``.

    Examples
    --------
    >>> s = Split(np.zeros((3, 4)), np.zeros((1, 4)), np.arange(3), np.arange(1), (2, 2))
    >>> X_train, X_test, y_train, y_test = s
    >>> X_train.shape, s.images_shape
    ((3, 4), (2, 2))
    """

    X_train: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray
    images_shape: tuple = (8, 8)
    X_val: np.ndarray | None = None
    y_val: np.ndarray | None = None

    def __iter__(self):
        return iter((self.X_train, self.X_test, self.y_train, self.y_test))


def load_digits(test_size=0.25, random_state=0, flatten=True, val_size=0.0):
    """Load scikit-learn's bundled 8x8 digits, scaled to [0, 1], split train/(validation/)test.

    This is the offline default for the digit chapter: it works without internet or any
    downloaded files. The split is stratified, so every part keeps the ten classes in
    (almost) the same proportions. The 1,797 digits were written by 13 people and the split
    is random, so the same writers appear in every part (see the module docstring).

    Parameters
    ----------
    test_size : float in (0, 1)
        Fraction of the 1,797 images that goes to the test part (rounded up).
    val_size : float in [0, 1)
        Fraction of the 1,797 images that goes to a validation part (``X_val``, ``y_val``),
        taken from what the test part leaves; 0 (the default) makes none. ``test_size +
        val_size`` must be below 1. The test part is the same whatever ``val_size`` is.
    random_state : int or None
        Seed of the shuffle before splitting; the same seed gives the same split.
    flatten : bool
        True: each image is a row of 64 values; False: arrays of shape (n, 8, 8).

    Returns
    -------
    Split
        ``X_train, X_test`` float64 in [0, 1] (pixel values 0..16 divided by 16),
        ``y_train, y_test`` int labels 0..9, ``images_shape=(8, 8)``.

    Examples
    --------
    >>> data = load_digits(test_size=0.25, random_state=0)
    >>> data.X_train.shape, data.X_test.shape
    ((1347, 64), (450, 64))
    >>> float(data.X_train.max()) <= 1.0
    True
    >>> three = load_digits(test_size=0.2, val_size=0.2, random_state=0)
    >>> three.X_train.shape, three.X_val.shape, three.X_test.shape
    ((1077, 64), (360, 64), (360, 64))
    """
    test_size = check_fraction(test_size, "test_size", inclusive_low=False)
    val_size = check_fraction(val_size, "val_size")
    if test_size + val_size >= 1.0:
        raise ValueError(f"val_size must leave images for training: test_size + val_size = "
                         f"{test_size + val_size:g} >= 1")
    if random_state is not None and (
        isinstance(random_state, bool) or not isinstance(random_state, numbers.Integral)
    ):
        raise TypeError(f"random_state must be an int or None; got {type(random_state).__name__}")
    if not isinstance(flatten, (bool, np.bool_)):
        raise TypeError(f"flatten must be True or False; got {type(flatten).__name__}")
    # Imported here so that `import nnlib.datasets` does not pay for scikit-learn.
    from sklearn.datasets import load_digits as _sk_load_digits
    from sklearn.model_selection import train_test_split

    bunch = _sk_load_digits()
    X = bunch.data.astype(np.float64) / 16.0
    y = bunch.target.astype(np.int64)
    if not flatten:
        X = X.reshape(-1, 8, 8)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_size, random_state=random_state, stratify=y
    )
    if val_size == 0:
        return Split(X_train, X_test, y_train, y_test, images_shape=(8, 8))
    # The validation part comes out of what is left, so the test part does not depend on it.
    n_val = int(np.ceil(val_size * len(bunch.target)))
    X_train, X_val, y_train, y_val = train_test_split(
        X_train, y_train, test_size=n_val, random_state=random_state, stratify=y_train
    )
    return Split(X_train, X_test, y_train, y_test, images_shape=(8, 8), X_val=X_val, y_val=y_val)
