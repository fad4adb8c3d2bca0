"""The 8x8 handwritten digits bundled with scikit-learn: the course's offline digit data set.

``load_digits()`` needs no network and no files: scikit-learn ships the 1,797 images inside
its package. This is the default data set of the digit chapter; full-size MNIST
(``load_mnist``) is optional and only used where a notebook says so.

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
    """A train/test split of an image data set.

    Attributes
    ----------
    X_train, X_test : ndarray
        Images, one per row (flattened) or of shape (n, *images_shape).
    y_train, y_test : ndarray of int
        Class labels.
    images_shape : tuple of int
        Height and width of one image, for ``x.reshape(images_shape)`` when plotting.

    Unpacks like scikit-learn's ``train_test_split``:
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

    def __iter__(self):
        return iter((self.X_train, self.X_test, self.y_train, self.y_test))


def load_digits(test_size=0.25, random_state=0, flatten=True):
    """Load scikit-learn's bundled 8x8 digits, scaled to [0, 1], split train/test.

    This is the offline default for the digit chapter: it works without internet or any
    downloaded files. The split is stratified, so both parts keep the ten classes in
    (almost) the same proportions.

    Parameters
    ----------
    test_size : float in (0, 1)
        Fraction of the 1,797 images that goes to the test part (rounded up).
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
    """
    test_size = check_fraction(test_size, "test_size", inclusive_low=False)
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
    return Split(X_train, X_test, y_train, y_test, images_shape=(8, 8))
