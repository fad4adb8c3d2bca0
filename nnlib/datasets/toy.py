"""Two-dimensional toy data sets for decision-boundary pictures.

Every generator has the form ``f(n_samples=200, noise=..., random_state=0) -> (X, y)`` with
``X`` a float array of shape (n_samples, 2) and ``y`` integer labels 0, 1, ...
``noise`` is always the standard deviation of the Gaussian noise added to each coordinate, so
``noise=0`` gives the clean shape. Samples come shuffled (so the first mini-batch is not all
one class), and the same ``random_state`` always gives the same data.

=============  =======================================  ==================================
function       picture                                  separable by a line?
=============  =======================================  ==================================
``blobs``      two (or k) Gaussian clusters             yes (two well-separated blobs)
``xor_cloud``  four clusters at the quadrants, XOR      no: needs a hidden layer
``moons``      two interleaving half circles            no
``circles``    a small circle inside a large one        no
``spiral``     two (or three) interleaved spirals       no, and hard for small networks
=============  =======================================  ==================================

Examples
--------
>>> from nnlib.datasets import moons
>>> X, y = moons(n_samples=100, noise=0.1, random_state=0)
>>> X.shape, y.shape, sorted(set(y.tolist()))
((100, 2), (100,), [0, 1])
"""

from __future__ import annotations

import numbers

import numpy as np

from .._checks import as_2d_float, check_finite_scalar, check_fraction, check_positive_int

__all__ = ["blobs", "moons", "circles", "xor_cloud", "spiral"]


# -- shared helpers -------------------------------------------------------------------------
def _rng(random_state):
    """A seeded Generator from an int, None or an existing Generator."""
    if isinstance(random_state, np.random.Generator):
        return random_state
    if random_state is not None and (
        isinstance(random_state, bool) or not isinstance(random_state, numbers.Integral)
    ):
        raise TypeError(
            f"random_state must be an int, None or a numpy Generator; "
            f"got {type(random_state).__name__}"
        )
    if random_state is not None and random_state < 0:
        raise ValueError(f"random_state must be >= 0; got {random_state}")
    return np.random.default_rng(random_state)


def _check_noise(noise):
    noise = check_finite_scalar(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise must be >= 0; got {noise}")
    return noise


#: Toy sets are for pictures and small experiments; far larger requests are a typo (and would
#: fail deep inside numpy with a MemoryError instead of a message naming the argument).
MAX_SAMPLES = 10_000_000


def _check_n_samples(n_samples):
    n_samples = check_positive_int(n_samples, "n_samples")
    if n_samples > MAX_SAMPLES:
        raise ValueError(f"n_samples must be at most {MAX_SAMPLES:,} for a toy data set; got {n_samples:,}")
    return n_samples


def _check_groups(k, name, n_samples):
    """Every class or cluster needs at least one point: k ≤ n_samples."""
    if k > n_samples:
        raise ValueError(f"{name} must be at most n_samples ({n_samples}), so that every one gets a "
                         f"point; got {k}")
    return k


def _split_counts(n_samples, k):
    """Split n_samples into k class sizes that differ by at most one."""
    counts = np.full(k, n_samples // k)
    counts[: n_samples % k] += 1
    return counts


def _finish(X, y, noise, rng):
    """Add the coordinate noise, shuffle, and fix the dtypes."""
    X = X + rng.normal(scale=noise, size=X.shape) if noise > 0 else X
    order = rng.permutation(len(y))
    return np.ascontiguousarray(X[order], dtype=np.float64), y[order].astype(np.int64)


# -- generators -----------------------------------------------------------------------------
def blobs(n_samples=200, centers=2, noise=0.5, random_state=0):
    """Gaussian clusters, one class per cluster.

    Parameters
    ----------
    n_samples : int
        Total number of points, shared as evenly as possible between the clusters.
    centers : int or array-like of shape (k, 2)
        Either the number of clusters k (their centres are then spread evenly on a circle of
        radius 2, so two blobs sit at (2, 0) and (-2, 0)), or the centres themselves.
    noise : float
        Standard deviation of each cluster.
    random_state : int, None or numpy.random.Generator

    Returns
    -------
    X : ndarray of shape (n_samples, 2), float
    y : ndarray of shape (n_samples,), int
        The index of each point's cluster, 0 .. k-1.

    Raises
    ------
    ValueError
        ``n_samples`` not a positive int up to ``MAX_SAMPLES``, more clusters than points,
        centres not of shape (k, 2) or not finite, or a negative ``noise``.
    TypeError
        ``centers`` neither an int nor an array.

    Examples
    --------
    >>> X, y = blobs(n_samples=6, centers=[[0, 0], [5, 5]], noise=0.0)
    >>> X[y == 1]
    array([[5., 5.],
           [5., 5.],
           [5., 5.]])
    """
    n_samples = _check_n_samples(n_samples)
    noise = _check_noise(noise)
    rng = _rng(random_state)
    if isinstance(centers, numbers.Integral) and not isinstance(centers, bool):
        k = _check_groups(check_positive_int(centers, "centers"), "centers", n_samples)
        # Fixed, evenly spread centres: the picture does not change with the seed, only the points.
        angles = 2 * np.pi * np.arange(k) / k
        centers = 2.0 * np.column_stack([np.cos(angles), np.sin(angles)])
    elif isinstance(centers, bool) or np.isscalar(centers):
        raise TypeError(
            f"centers must be an int or an array of shape (k, 2); got {type(centers).__name__}"
        )
    else:
        centers = as_2d_float(centers, "centers", n_features=2)
        _check_groups(len(centers), "centers", n_samples)
    y = np.repeat(np.arange(len(centers)), _split_counts(n_samples, len(centers)))
    return _finish(centers[y], y, noise, rng)


def moons(n_samples=200, noise=0.1, random_state=0):
    """Two interleaving half circles ("moons").

    The upper moon (label 0) is the half circle of radius 1 around (0, 0); the lower moon
    (label 1) is the same half circle turned over and moved to (1, 0.5).

    Parameters
    ----------
    n_samples : int
        Total number of points (the upper moon gets the odd one).
    noise : float
        Standard deviation of the Gaussian noise added to each coordinate.
    random_state : int, None or numpy.random.Generator

    Returns
    -------
    X : ndarray of shape (n_samples, 2), float
    y : ndarray of shape (n_samples,), int in {0, 1}

    Examples
    --------
    >>> X, y = moons(n_samples=200, noise=0.0)
    >>> bool(np.allclose(np.hypot(X[y == 0, 0], X[y == 0, 1]), 1.0))
    True
    """
    n_samples = _check_n_samples(n_samples)
    noise = _check_noise(noise)
    rng = _rng(random_state)
    n_upper, n_lower = _split_counts(n_samples, 2)
    t_upper = np.linspace(0, np.pi, n_upper)
    t_lower = np.linspace(0, np.pi, n_lower)
    upper = np.column_stack([np.cos(t_upper), np.sin(t_upper)])
    lower = np.column_stack([1 - np.cos(t_lower), 0.5 - np.sin(t_lower)])
    y = np.repeat([0, 1], [n_upper, n_lower])
    return _finish(np.vstack([upper, lower]), y, noise, rng)


def circles(n_samples=200, noise=0.05, factor=0.5, random_state=0):
    """A small circle (label 1) inside a large one (label 0).

    Parameters
    ----------
    n_samples : int
        Total number of points (the outer circle gets the odd one).
    noise : float
        Standard deviation of the Gaussian noise added to each coordinate.
    factor : float in (0, 1)
        Radius of the inner circle; the outer one has radius 1.
    random_state : int, None or numpy.random.Generator

    Returns
    -------
    X : ndarray of shape (n_samples, 2), float
    y : ndarray of shape (n_samples,), int in {0, 1}

    Examples
    --------
    >>> X, y = circles(n_samples=8, noise=0.0, factor=0.25)
    >>> np.round(np.hypot(X[:, 0], X[:, 1])[np.argsort(y)], 2)
    array([1.  , 1.  , 1.  , 1.  , 0.25, 0.25, 0.25, 0.25])
    """
    n_samples = _check_n_samples(n_samples)
    noise = _check_noise(noise)
    factor = check_fraction(factor, "factor", inclusive_low=False)
    rng = _rng(random_state)
    n_outer, n_inner = _split_counts(n_samples, 2)
    # endpoint=False: 0 and 2*pi are the same point, do not draw it twice.
    t_outer = np.linspace(0, 2 * np.pi, n_outer, endpoint=False)
    t_inner = np.linspace(0, 2 * np.pi, n_inner, endpoint=False)
    outer = np.column_stack([np.cos(t_outer), np.sin(t_outer)])
    inner = factor * np.column_stack([np.cos(t_inner), np.sin(t_inner)])
    y = np.repeat([0, 1], [n_outer, n_inner])
    return _finish(np.vstack([outer, inner]), y, noise, rng)


def xor_cloud(n_samples=200, noise=0.3, random_state=0):
    """Four Gaussian clusters at (+-1, +-1), labelled like XOR.

    The clusters at (-1, -1) and (1, 1) get label 0, those at (-1, 1) and (1, -1) label 1:
    the XOR truth table with noise, which no single line separates.

    Parameters
    ----------
    n_samples : int
        Total number of points, shared as evenly as possible between the four clusters.
    noise : float
        Standard deviation of each cluster.
    random_state : int, None or numpy.random.Generator

    Returns
    -------
    X : ndarray of shape (n_samples, 2), float
    y : ndarray of shape (n_samples,), int in {0, 1}
        The label of the point's cluster (with large noise a point may stray into
        a neighbouring quadrant; it keeps its cluster's label).

    Examples
    --------
    >>> X, y = xor_cloud(n_samples=8, noise=0.0)
    >>> bool(np.all(y == ((X[:, 0] > 0) != (X[:, 1] > 0))))
    True
    """
    n_samples = _check_n_samples(n_samples)
    noise = _check_noise(noise)
    rng = _rng(random_state)
    # Same order as the logic_gate rows: (0,0), (0,1), (1,0), (1,1) mapped to -1/+1.
    centers = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])
    labels = np.array([0, 1, 1, 0])
    cluster = np.repeat(np.arange(4), _split_counts(n_samples, 4))
    return _finish(centers[cluster], labels[cluster], noise, rng)


def spiral(n_samples=200, noise=0.05, n_classes=2, random_state=0):
    """Interleaved spiral arms, one class per arm.

    Arm ``j`` is the curve ``r * (cos(theta), sin(theta))`` with the radius ``r`` going from
    0.05 to 1 while ``theta = 3 * pi * r + 2 * pi * j / n_classes`` makes one and a half turns.

    Parameters
    ----------
    n_samples : int
        Total number of points, shared as evenly as possible between the arms.
    noise : float
        Standard deviation of the Gaussian noise added to each coordinate (the arms are about
        ``0.67 / n_classes`` apart, so noise above ~0.1 starts to blur them together).
    n_classes : int
        Number of arms, at least 2 (2 by default; 3 is the classic softmax example).
    random_state : int, None or numpy.random.Generator

    Returns
    -------
    X : ndarray of shape (n_samples, 2), float
    y : ndarray of shape (n_samples,), int in 0 .. n_classes-1

    Examples
    --------
    >>> X, y = spiral(n_samples=300, n_classes=3)
    >>> X.shape, np.bincount(y)
    ((300, 2), array([100, 100, 100]))
    """
    n_samples = _check_n_samples(n_samples)
    noise = _check_noise(noise)
    n_classes = _check_groups(check_positive_int(n_classes, "n_classes", minimum=2), "n_classes", n_samples)
    rng = _rng(random_state)
    y = np.repeat(np.arange(n_classes), _split_counts(n_samples, n_classes))
    # Position along the arm, 0 .. 1 within each class (vectorised over all classes at once).
    starts = np.searchsorted(y, y)  # index of the first sample of each sample's class
    counts = np.bincount(y, minlength=n_classes)[y]
    s = (np.arange(n_samples) - starts) / np.maximum(counts - 1, 1)
    r = 0.05 + 0.95 * s  # start a little off the centre, where all arms would meet
    theta = 3 * np.pi * r + 2 * np.pi * y / n_classes
    X = r[:, None] * np.column_stack([np.cos(theta), np.sin(theta)])
    return _finish(X, y, noise, rng)
