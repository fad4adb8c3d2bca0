"""Bad input gets a ValueError/TypeError that names the argument — the cases of issue #13.

Each case is one that a learner or a fuzzer hit, and each kind was fixed wherever it occurs;
the module tests of each file hold the rest.
"""

import numpy as np
import pytest

from nnlib import datasets


@pytest.mark.parametrize(
    "make, kwargs, arg",
    [
        (datasets.blobs, dict(n_samples=12, centers=2**63), "centers"),  # was ZeroDivisionError
        (datasets.blobs, dict(n_samples=2, centers=5), "centers"),  # clusters with no point
        (datasets.blobs, dict(n_samples=1, centers=[[0, 0], [1, 1]]), "centers"),
        (datasets.spiral, dict(n_samples=3, n_classes=2**40), "n_classes"),  # was MemoryError
        (datasets.moons, dict(n_samples=2**62), "n_samples"),  # was numpy's "array is too big"
        (datasets.circles, dict(n_samples=10**8), "n_samples"),
        (datasets.xor_cloud, dict(n_samples=10**8), "n_samples"),
    ],
)
def test_toy_set_sizes_are_checked_before_numpy_sees_them(make, kwargs, arg):
    with pytest.raises(ValueError, match=f"^{arg} must be at most"):
        make(**kwargs)


def test_every_cluster_gets_a_point_at_the_limit():
    X, y = datasets.blobs(n_samples=3, centers=3, noise=0.0)
    assert np.bincount(y).tolist() == [1, 1, 1]


@pytest.mark.parametrize("data", [None, 3, "t10k-images-idx3-ubyte", np.zeros(3), [0, 0, 8, 1]])
def test_parse_idx_wants_bytes(data):
    from nnlib.datasets.idx import parse_idx

    with pytest.raises(TypeError, match="^data must be bytes"):
        parse_idx(data)
