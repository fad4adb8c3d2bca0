"""Data sets for the course: truth tables, 2-D toy sets, the bundled digits and MNIST.

Everything here works offline except a first ``load_mnist()`` without ``path=``, which downloads
(and caches) the MNIST files; the digit chapter's default, ``load_digits()``, needs no network.

Examples
--------
>>> from nnlib import datasets
>>> X, y = datasets.logic_gate("AND")
>>> X.shape, y.tolist()
((4, 2), [0, 0, 0, 1])
>>> datasets.spiral(n_samples=50)[0].shape
(50, 2)
"""

from .digits import Split, load_digits
from .idx import read_idx
from .logic import ENCODINGS, GATES, INPUTS, LEVELS, TRUTH_TABLES, logic_gate, not_gate
from .mnist import MIRRORS, MnistUnavailableError, load_mnist, load_mnist_split
from .toy import blobs, circles, moons, spiral, xor_cloud

__all__ = [
    "GATES",
    "ENCODINGS",
    "LEVELS",
    "INPUTS",
    "TRUTH_TABLES",
    "logic_gate",
    "not_gate",
    "blobs",
    "moons",
    "circles",
    "xor_cloud",
    "spiral",
    "Split",
    "load_digits",
    "read_idx",
    "load_mnist",
    "load_mnist_split",
    "MnistUnavailableError",
    "MIRRORS",
]
