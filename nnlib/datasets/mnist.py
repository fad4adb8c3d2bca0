"""MNIST: 70,000 handwritten digits of 28x28 pixels, read from the original IDX files.

MNIST is optional in the course: every chapter runs offline on the bundled 8x8 digits
(``nnlib.datasets.load_digits()``). ``load_mnist`` finds the files in this order:

1. ``path=`` a directory that already holds them (gzip or uncompressed): no network at all;
2. the cache directory (``cache_dir=``, else ``$NNLAB_DATA_DIR``, else ``~/.cache/nnlab/mnist``),
   used when the SHA-256 of the cached ``.gz`` file matches the published one;
3. a download from the mirrors in ``MIRRORS``, in order, each file checked against its SHA-256
   before it is written (atomically) into the cache.

Examples
--------
>>> from nnlib.datasets import load_mnist
>>> X, y = load_mnist(kind="test")                      # doctest: +SKIP
>>> X.shape, X.dtype, y[:5]                             # doctest: +SKIP
((10000, 784), dtype('float32'), array([7, 2, 1, 0, 4]))
"""

from __future__ import annotations

import hashlib
import http.client
import os
import tempfile
import urllib.request
from pathlib import Path

import numpy as np

from .._checks import check_choice, check_positive, check_positive_int
from .digits import Split
from .idx import parse_idx

__all__ = [
    "MIRRORS",
    "FILES",
    "SHA256",
    "MnistUnavailableError",
    "default_cache_dir",
    "load_mnist",
    "load_mnist_split",
]

MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
)

# kind -> (images file, labels file), as distributed (gzip-compressed).
FILES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}

# SHA-256 of the distributed .gz files. The test-set sums were checked against the files in
# ../shared/data/mnist; the training-set sums are the ones published identically by many
# independent loaders (PyTorch's S3 mirror, TensorFlow's GCS mirror, yann.lecun.com).
SHA256 = {
    "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}

_IMAGES_MAGIC = 0x00000803  # uint8, 3-D (n, rows, cols)
_LABELS_MAGIC = 0x00000801  # uint8, 1-D (n,)

# What a failed download can raise: URLError/HTTPError/timeouts are OSErrors; a connection
# cut mid-body is an http.client.IncompleteRead; a malformed URL is a ValueError.
_FETCH_ERRORS = (OSError, http.client.HTTPException, ValueError)


class MnistUnavailableError(OSError):
    """MNIST files could neither be found locally nor downloaded.

    The message lists what was tried and why it failed, points to the offline
    ``load_digits()`` and says where to put the files by hand.

    Examples
    --------
    >>> issubclass(MnistUnavailableError, OSError)
    True
    """


def _fetch(url, timeout):
    """Download ``url`` and return its bytes (tests replace this function).

    Examples
    --------
    >>> data = _fetch(MIRRORS[0] + "t10k-labels-idx1-ubyte.gz", 30)   # doctest: +SKIP
    """
    request = urllib.request.Request(url, headers={"User-Agent": "nnlab (nnlib.datasets)"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read()


def default_cache_dir():
    """The MNIST cache directory: ``$NNLAB_DATA_DIR`` if set, else ``~/.cache/nnlab/mnist``.

    The files go straight into ``$NNLAB_DATA_DIR`` (no ``mnist`` subfolder is added).

    Examples
    --------
    >>> default_cache_dir().name                     # doctest: +SKIP
    'mnist'
    """
    env = os.environ.get("NNLAB_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".cache" / "nnlab" / "mnist"


def _sha256(data):
    return hashlib.sha256(data).hexdigest()


def _unavailable(kind, problems, directory, *, downloaded):
    """Build the error that tells a learner what happened and how to continue."""
    images, labels = FILES[kind]
    head = (
        f"MNIST ({kind} set) could not be downloaded."
        if downloaded
        else f"MNIST ({kind} set) is not available locally and download=False."
    )
    tried = "\n".join(f"  - {p}" for p in problems)
    raw = ", ".join(name[: -len(".gz")] for name in (images, labels))
    return MnistUnavailableError(
        f"{head}\nTried:\n{tried}\n"
        "The course works offline without MNIST: use nnlib.datasets.load_digits() "
        "(scikit-learn's bundled 8x8 digits).\n"
        f"To use MNIST anyway, download these files by hand (e.g. from {MIRRORS[0]}):\n"
        f"  {images}\n  {labels}\n"
        f"and put them into {directory} (set NNLAB_DATA_DIR or cache_dir= to use another "
        "directory), or put them (gzip or uncompressed: "
        f"{raw}) into any directory and call load_mnist(path='that/directory', kind='{kind}')."
    )


def _write_atomically(directory, name, data):
    """Write ``data`` to directory/name so that readers never see a partial file."""
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, Path(directory) / name)  # atomic on POSIX and Windows
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _name_key(filename):
    """A file name folded so that the spellings unpackers produce compare equal.

    ``t10k-images-idx3-ubyte.gz``, ``t10k-images.idx3-ubyte`` (7-Zip, some browsers) and
    ``T10K-IMAGES-IDX3-UBYTE`` all fold to ``t10k-images-idx3-ubyte``.
    """
    name = filename.lower()
    if name.endswith(".gz"):
        name = name[: -len(".gz")]
    return name.replace(".", "-").replace("_", "-")


def _from_directory(directory, kind):
    """Bytes of the images and labels files found in a user-given directory (no network).

    The content decides (gzip or not, IDX magic); the name only has to fold to the
    distributed one (see :func:`_name_key`), so unpacked copies are found however the
    unpacker spelled them.
    """
    directory = Path(directory).expanduser()
    if directory.is_file():
        raise ValueError(
            f"path must be the folder that holds the MNIST files; got the file {directory}. "
            f"Pass its folder instead: load_mnist(path={str(directory.parent)!r}, kind={kind!r})"
        )
    if not directory.is_dir():
        raise ValueError(f"path must be an existing folder; {directory} does not exist")
    present = sorted(p for p in directory.iterdir() if p.is_file())
    found, missing = [], []
    for name in FILES[kind]:
        hits = [p for p in present if _name_key(p.name) == _name_key(name)]
        # Prefer the distributed .gz when both copies are there.
        hits.sort(key=lambda p: (not p.name.endswith(".gz"), p.name))
        if hits:
            found.append((hits[0], hits[0].read_bytes()))
        else:
            missing.append(name)
    if missing:
        wanted = "; ".join(
            f"{n} (or {n[: -len('.gz')]}, or {n[: -len('.gz')].replace('-idx', '.idx')})" for n in missing
        )
        near = [p.name for p in present if "idx" in p.name.lower() or "ubyte" in p.name.lower()]
        others = f" Files there that look like IDX data: {', '.join(near)}." if near else ""
        raise MnistUnavailableError(
            f"MNIST ({kind} set): not found in {directory}. Looked for {wanted}.{others}\n"
            "Rename or add the missing files (gzip or uncompressed both work), or pass the folder "
            "that holds them as path=. The course works offline without MNIST: "
            "nnlib.datasets.load_digits() gives scikit-learn's bundled 8x8 digits."
        )
    return found


def _from_cache_or_mirrors(kind, cache_dir, download, urls, timeout):
    """Bytes of the images and labels files from the cache, downloading what is missing."""
    found, problems = [], []
    for name in FILES[kind]:
        target = cache_dir / name
        expected = SHA256.get(name)
        if target.is_file():
            data = target.read_bytes()
            if expected is None or _sha256(data) == expected:
                found.append((target, data))
                continue
            problems.append(f"{target}: in the cache but its SHA-256 does not match")
        if not download:
            if not target.is_file():
                problems.append(f"{target}: not found")
            continue
        data = _download(name, expected, urls, timeout, problems)
        if data is None:
            continue
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            _write_atomically(cache_dir, name, data)
        except OSError as exc:
            # A read-only cache must not cost the learner the download: use it from memory.
            problems.append(f"{target}: downloaded but could not be cached ({exc})")
        found.append((target, data))
    if len(found) < len(FILES[kind]):
        raise _unavailable(kind, problems, cache_dir, downloaded=download)
    return found


def _download(name, expected, urls, timeout, problems):
    """Try each mirror in turn; return verified bytes or None (reasons go into ``problems``)."""
    for base in urls:
        url = base.rstrip("/") + "/" + name
        try:
            data = _fetch(url, timeout)
        except _FETCH_ERRORS as exc:
            problems.append(f"{url}: {type(exc).__name__}: {exc}")
            continue
        if expected is not None:
            got = _sha256(data)
            if got != expected:
                problems.append(f"{url}: SHA-256 mismatch (got {got}, expected {expected})")
                continue
        else:
            # No published checksum to compare with: at least insist on a well-formed IDX file.
            try:
                parse_idx(data, name=url)
            except ValueError as exc:
                problems.append(f"{url}: {exc}")
                continue
        return data
    return None


def load_mnist(
    path=None,
    *,
    kind="train",
    cache_dir=None,
    download=True,
    normalize=True,
    flatten=True,
    urls=None,
    timeout=30.0,
):
    """Load the MNIST training (60,000) or test (10,000) images and labels.

    Parameters
    ----------
    path : str or os.PathLike, optional
        A directory already holding the files (``train-images-idx3-ubyte.gz``,
        ``train-labels-idx1-ubyte.gz``, ``t10k-images-idx3-ubyte.gz``,
        ``t10k-labels-idx1-ubyte.gz``, or the same names without ``.gz``, uncompressed; the
        spellings unpackers produce, such as ``t10k-images.idx3-ubyte``, are found too).
        Given ``path``, nothing is downloaded and no cache is used; the files are checked
        for being well-formed IDX, not against checksums (recompressed copies are fine).
    kind : {"train", "test"}
        The 60,000-image training set or the 10,000-image test set (``t10k`` files).
    cache_dir : str or os.PathLike, optional
        Where downloads are kept; default ``$NNLAB_DATA_DIR``, else ``~/.cache/nnlab/mnist``.
        A cached file is used only if its SHA-256 matches the published one.
    download : bool
        If False, never use the network: missing files raise ``MnistUnavailableError``.
    normalize : bool
        True: float32 pixels in [0, 1] (divided by 255); False: the raw uint8 values 0..255.
    flatten : bool
        True: X has shape (n, 784); False: (n, 28, 28).
    urls : sequence of str, optional
        Mirror base URLs to try in order instead of ``MIRRORS``.
    timeout : float
        Seconds to wait for each mirror before trying the next.

    Returns
    -------
    X : ndarray of shape (n, 784) or (n, 28, 28)
        float32 in [0, 1], or uint8 with ``normalize=False``.
    y : ndarray of shape (n,), int64
        Digit labels 0..9.

    Raises
    ------
    MnistUnavailableError
        The files are not in the folder ``path`` (the message names the folder and the file
        names looked for), or neither in the cache nor downloadable. The message lists
        what was tried, points to the offline ``load_digits()`` and says where to put the
        files by hand.
    ValueError
        Bad arguments (``path`` a file or a folder that does not exist), or a file that is not
        valid MNIST IDX data (named in the message).

    Examples
    --------
    >>> X, y = load_mnist("../shared/data/mnist", kind="test")   # doctest: +SKIP
    >>> X.shape, X.dtype, y.dtype                                # doctest: +SKIP
    ((10000, 784), dtype('float32'), dtype('int64'))
    """
    check_choice(kind, "kind", tuple(FILES))
    for flag_name, flag in (("download", download), ("normalize", normalize), ("flatten", flatten)):
        if not isinstance(flag, (bool, np.bool_)):
            raise TypeError(f"{flag_name} must be True or False; got {type(flag).__name__}")
    timeout = check_positive(timeout, "timeout")
    if urls is None:
        urls = MIRRORS
    elif isinstance(urls, str):
        urls = (urls,)
    else:
        urls = tuple(urls)
        if not urls or not all(isinstance(u, str) for u in urls):
            raise ValueError("urls must be a non-empty sequence of base URL strings")

    if path is not None:
        files = _from_directory(path, kind)
    else:
        directory = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
        files = _from_cache_or_mirrors(kind, directory, download, urls, timeout)

    (images_path, images_data), (labels_path, labels_data) = files
    images = parse_idx(images_data, name=str(images_path), magic=_IMAGES_MAGIC)
    labels = parse_idx(labels_data, name=str(labels_path), magic=_LABELS_MAGIC)
    if len(images) != len(labels):
        raise ValueError(
            f"{images_path} has {len(images)} images but {labels_path} has {len(labels)} labels"
        )
    if flatten:
        images = images.reshape(len(images), -1)
    if normalize:
        X = images.astype(np.float32)
        X /= 255  # in place: no second 188 MB array for the training set
    else:
        X = images
    return X, labels.astype(np.int64)


def load_mnist_split(path=None, n_train=8000, *, normalize=True, flatten=True, **kwargs):
    """The benchmark split of the 10,000-image MNIST test set: first ``n_train`` train, rest test.

    Only the ``t10k`` files are needed, which is why the benchmarks use this split (the
    60,000-image training files are large and not on every machine).

    Parameters
    ----------
    path : str or os.PathLike, optional
        Directory with the two ``t10k`` files; None uses the cache/download like ``load_mnist``.
    n_train : int
        Number of leading images used for training (default 8,000, leaving 2,000 to test).
    normalize, flatten : bool
        As in ``load_mnist``.
    **kwargs
        Passed on to ``load_mnist`` (``cache_dir``, ``download``, ``urls``, ``timeout``).

    Returns
    -------
    Split
        ``X_train, X_test, y_train, y_test`` and ``images_shape=(28, 28)``.

    Examples
    --------
    >>> data = load_mnist_split("../shared/data/mnist")         # doctest: +SKIP
    >>> data.X_train.shape, data.X_test.shape                   # doctest: +SKIP
    ((8000, 784), (2000, 784))
    """
    n_train = check_positive_int(n_train, "n_train")
    X, y = load_mnist(path, kind="test", normalize=normalize, flatten=flatten, **kwargs)
    if n_train >= len(X):
        raise ValueError(f"n_train must be < {len(X)} (the number of images); got {n_train}")
    return Split(X[:n_train], X[n_train:], y[:n_train], y[n_train:], images_shape=(28, 28))
