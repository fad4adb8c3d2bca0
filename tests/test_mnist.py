"""IDX parsing and the MNIST loader, with tiny files in tmp_path. Never touches the network."""

import gzip
import hashlib
import io
import struct
import urllib.error
from pathlib import Path

import numpy as np
import pytest

from nnlib.datasets import MnistUnavailableError, load_mnist, load_mnist_split, read_idx
from nnlib.datasets import mnist as M
from nnlib.datasets.idx import IDX_DTYPES

REAL_MNIST = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "mnist"
TEST_FILES = M.FILES["test"]
TRAIN_FILES = M.FILES["train"]


# -- helpers -------------------------------------------------------------------------------
def idx_bytes(array, type_code=0x08):
    """Encode ``array`` as IDX: magic, big-endian dims, big-endian data."""
    array = np.asarray(array)
    header = bytes([0, 0, type_code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(IDX_DTYPES[type_code]).tobytes()


@pytest.fixture
def tiny():
    """Five random 28x28 images and labels, as raw and gzip IDX bytes."""
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(5, 28, 28), dtype=np.uint8)
    labels = np.array([7, 2, 1, 0, 4], dtype=np.uint8)
    raw = {"images": idx_bytes(images), "labels": idx_bytes(labels)}
    gz = {k: gzip.compress(v, mtime=0) for k, v in raw.items()}
    return {"images": images, "labels": labels, "raw": raw, "gz": gz}


def write_kind(directory, tiny, kind="test", compressed=True):
    directory.mkdir(parents=True, exist_ok=True)
    images_name, labels_name = M.FILES[kind]
    data = tiny["gz"] if compressed else tiny["raw"]
    suffix = "" if compressed else ".gz"
    (directory / images_name.removesuffix(suffix)).write_bytes(data["images"])
    (directory / labels_name.removesuffix(suffix)).write_bytes(data["labels"])


@pytest.fixture
def checksums(monkeypatch, tiny):
    """Point the checksum table at the tiny gzip files (both kinds)."""
    table = {}
    for kind in ("train", "test"):
        images_name, labels_name = M.FILES[kind]
        table[images_name] = hashlib.sha256(tiny["gz"]["images"]).hexdigest()
        table[labels_name] = hashlib.sha256(tiny["gz"]["labels"]).hexdigest()
    monkeypatch.setattr(M, "SHA256", table)
    return table


@pytest.fixture
def no_network(monkeypatch):
    """Fail the test if anything tries to download."""
    def forbidden(url, timeout):
        raise AssertionError(f"_fetch must not be called (asked for {url})")

    monkeypatch.setattr(M, "_fetch", forbidden)


def serve(tiny, broken_mirrors=(), bad_mirrors=()):
    """A fake _fetch: log calls; URLError for broken mirrors, wrong bytes for bad ones."""
    calls = []

    def fake_fetch(url, timeout):
        calls.append(url)
        if any(url.startswith(m) for m in broken_mirrors):
            raise urllib.error.URLError("no route to host")
        if any(url.startswith(m) for m in bad_mirrors):
            return b"<html>captive portal</html>"
        key = "images" if "images" in url else "labels"
        return tiny["gz"][key]

    return fake_fetch, calls


def assert_no_temp_files(directory):
    if directory.exists():
        leftovers = [p.name for p in directory.iterdir() if p.name.endswith(".part")]
        assert leftovers == []


# -- read_idx ------------------------------------------------------------------------------
@pytest.mark.parametrize("compressed", [False, True])
def test_read_idx_gz_and_raw(tmp_path, tiny, compressed):
    data = tiny["gz"] if compressed else tiny["raw"]
    # Deliberately misleading names: compression is detected from the content.
    (tmp_path / "images.bin").write_bytes(data["images"])
    (tmp_path / "labels.gz").write_bytes(data["labels"])
    images = read_idx(tmp_path / "images.bin")
    labels = read_idx(str(tmp_path / "labels.gz"))
    np.testing.assert_array_equal(images, tiny["images"])
    np.testing.assert_array_equal(labels, tiny["labels"])
    assert images.dtype == np.uint8 and images.shape == (5, 28, 28)
    images[0, 0, 0] = 1  # writable, not a view of read-only bytes


def test_read_idx_file_object_and_bytes(tiny):
    np.testing.assert_array_equal(read_idx(io.BytesIO(tiny["gz"]["labels"])), tiny["labels"])
    np.testing.assert_array_equal(read_idx(tiny["raw"]["images"]), tiny["images"])


@pytest.mark.parametrize("type_code", sorted(IDX_DTYPES))
def test_read_idx_every_type_code(type_code):
    values = np.array([[-3, 0, 5], [1, 2, 100]])
    if type_code == 0x08:
        values = np.abs(values)
    array = read_idx(idx_bytes(values, type_code))
    np.testing.assert_array_equal(array, values)
    assert array.dtype == IDX_DTYPES[type_code].newbyteorder("=")
    assert array.dtype.isnative


def test_truncated_file_says_how_many_bytes(tmp_path, tiny):
    path = tmp_path / "t10k-images-idx3-ubyte"
    path.write_bytes(tiny["raw"]["images"][:-10])
    with pytest.raises(ValueError, match=r"truncated: expected 3920 bytes, got 3910") as info:
        read_idx(path)
    assert str(path) in str(info.value)


def test_truncated_header(tmp_path):
    path = tmp_path / "short"
    path.write_bytes(bytes([0, 0, 8, 3, 0, 0]))
    with pytest.raises(ValueError, match="truncated"):
        read_idx(path)


def test_truncated_gzip(tmp_path, tiny):
    path = tmp_path / "cut.gz"
    path.write_bytes(tiny["gz"]["images"][:100])
    with pytest.raises(ValueError, match="cut.gz.*(truncated|corrupt)"):
        read_idx(path)


def test_wrong_magic_names_file_and_value(tmp_path):
    path = tmp_path / "not-idx.bin"
    path.write_bytes(b"PK\x03\x04" + bytes(20))
    with pytest.raises(ValueError, match=r"not-idx\.bin.*magic.*0x504B0304"):
        read_idx(path)


def test_unexpected_magic_number(tmp_path, tiny):
    path = tmp_path / "labels"
    path.write_bytes(tiny["raw"]["labels"])
    with pytest.raises(ValueError, match=r"labels.*expected 0x00000803, found 0x00000801"):
        read_idx(path, magic=0x00000803)


def test_trailing_junk(tmp_path, tiny):
    path = tmp_path / "junk"
    path.write_bytes(tiny["raw"]["labels"] + b"\x00\x01")
    with pytest.raises(ValueError, match=r"junk.*trailing.*2 extra"):
        read_idx(path)


def test_read_idx_rejects_text_mode(tmp_path):
    with pytest.raises(TypeError, match="^path_or_fileobj"):
        read_idx(io.StringIO("abc"))
    with pytest.raises(TypeError, match="^path_or_fileobj"):
        read_idx(12)


# -- load_mnist from a directory -----------------------------------------------------------
@pytest.mark.parametrize("compressed", [True, False])
def test_path_directory_works_without_network(tmp_path, tiny, no_network, compressed):
    write_kind(tmp_path, tiny, "test", compressed=compressed)
    X, y = load_mnist(tmp_path, kind="test")
    assert X.shape == (5, 784) and X.dtype == np.float32
    assert 0.0 <= X.min() and X.max() <= 1.0
    np.testing.assert_allclose(X, tiny["images"].reshape(5, -1) / 255.0, rtol=1e-6)
    assert y.dtype == np.int64
    np.testing.assert_array_equal(y, tiny["labels"])


def test_raw_pixels_and_unflattened(tmp_path, tiny, no_network):
    write_kind(tmp_path, tiny, "train")
    X, y = load_mnist(str(tmp_path), normalize=False, flatten=False)
    assert X.dtype == np.uint8 and X.shape == (5, 28, 28)
    np.testing.assert_array_equal(X, tiny["images"])


def test_path_with_missing_files_is_a_clear_error(tmp_path, no_network):
    with pytest.raises(MnistUnavailableError) as info:
        load_mnist(tmp_path, kind="test")
    message = str(info.value)
    assert "load_digits" in message
    assert all(name in message for name in TEST_FILES)


def test_images_and_labels_swapped_is_a_magic_error(tmp_path, tiny, no_network):
    write_kind(tmp_path, tiny, "test")
    images_name, labels_name = TEST_FILES
    (tmp_path / images_name).write_bytes(tiny["gz"]["labels"])
    with pytest.raises(ValueError, match=f"{images_name}.*0x00000803.*0x00000801"):
        load_mnist(tmp_path, kind="test")


def test_mismatched_counts(tmp_path, tiny, no_network):
    write_kind(tmp_path, tiny, "test")
    (tmp_path / TEST_FILES[1]).write_bytes(gzip.compress(idx_bytes(np.arange(4, dtype=np.uint8))))
    with pytest.raises(ValueError, match="5 images.*4 labels"):
        load_mnist(tmp_path, kind="test")


def test_load_mnist_split(tmp_path, tiny, no_network):
    write_kind(tmp_path, tiny, "test")
    split = load_mnist_split(tmp_path, n_train=3)
    assert split.X_train.shape == (3, 784) and split.X_test.shape == (2, 784)
    np.testing.assert_array_equal(split.y_train, [7, 2, 1])
    np.testing.assert_array_equal(split.y_test, [0, 4])
    assert split.images_shape == (28, 28)
    with pytest.raises(ValueError, match="^n_train"):
        load_mnist_split(tmp_path, n_train=5)
    with pytest.raises(TypeError, match="^n_train"):
        load_mnist_split(tmp_path, n_train=2.5)


# -- cache and download --------------------------------------------------------------------
def test_download_then_cache_hit(tmp_path, tiny, checksums, monkeypatch):
    fake, calls = serve(tiny)
    monkeypatch.setattr(M, "_fetch", fake)
    X, y = load_mnist(kind="test", cache_dir=tmp_path)
    assert calls == [M.MIRRORS[0] + name for name in TEST_FILES]
    np.testing.assert_array_equal(y, tiny["labels"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(TEST_FILES)

    monkeypatch.setattr(M, "_fetch", lambda url, timeout: pytest.fail("cache hit must not fetch"))
    X2, y2 = load_mnist(kind="test", cache_dir=tmp_path)
    np.testing.assert_array_equal(X, X2)


def test_checksum_mismatch_on_first_mirror_then_second(tmp_path, tiny, checksums, monkeypatch):
    fake, calls = serve(tiny, bad_mirrors=[M.MIRRORS[0]])
    monkeypatch.setattr(M, "_fetch", fake)
    X, y = load_mnist(kind="train", cache_dir=tmp_path)
    np.testing.assert_array_equal(y, tiny["labels"])
    images_name = TRAIN_FILES[0]
    assert calls[:2] == [M.MIRRORS[0] + images_name, M.MIRRORS[1] + images_name]
    # Only the verified bytes reach the cache.
    cached = (tmp_path / images_name).read_bytes()
    assert hashlib.sha256(cached).hexdigest() == checksums[images_name]
    assert_no_temp_files(tmp_path)


def test_corrupt_cache_file_is_downloaded_again(tmp_path, tiny, checksums, monkeypatch):
    write_kind(tmp_path, tiny, "test")
    (tmp_path / TEST_FILES[0]).write_bytes(b"half a file")
    fake, calls = serve(tiny)
    monkeypatch.setattr(M, "_fetch", fake)
    load_mnist(kind="test", cache_dir=tmp_path)
    assert calls == [M.MIRRORS[0] + TEST_FILES[0]]  # the good labels file was a cache hit
    assert (tmp_path / TEST_FILES[0]).read_bytes() == tiny["gz"]["images"]


def test_all_mirrors_failing_gives_the_offline_message(tmp_path, tiny, checksums, monkeypatch):
    fake, calls = serve(tiny, broken_mirrors=M.MIRRORS)
    monkeypatch.setattr(M, "_fetch", fake)
    with pytest.raises(MnistUnavailableError) as info:
        load_mnist(kind="test", cache_dir=tmp_path)
    message = str(info.value)
    assert "could not be downloaded" in message
    assert "load_digits" in message
    assert all(name in message for name in TEST_FILES)
    assert str(tmp_path) in message and "path=" in message
    assert all(mirror in message for mirror in M.MIRRORS)  # what was tried ...
    assert "no route to host" in message  # ... and why it failed
    assert len(calls) == 2 * len(M.MIRRORS)
    assert isinstance(info.value, OSError)
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_download_false_never_fetches(tmp_path, no_network):
    with pytest.raises(MnistUnavailableError) as info:
        load_mnist(kind="train", cache_dir=tmp_path / "empty", download=False)
    message = str(info.value)
    assert "download=False" in message and "load_digits" in message
    assert all(name in message for name in TRAIN_FILES)


def test_custom_urls_are_tried_in_order(tmp_path, tiny, checksums, monkeypatch):
    fake, calls = serve(tiny, broken_mirrors=["https://a.example/"])
    monkeypatch.setattr(M, "_fetch", fake)
    load_mnist(kind="test", cache_dir=tmp_path, urls=["https://a.example", "https://b.example/x/"])
    assert calls[:2] == [
        "https://a.example/" + TEST_FILES[0],
        "https://b.example/x/" + TEST_FILES[0],
    ]


def test_file_without_known_checksum_is_validated_as_idx(tmp_path, tiny, monkeypatch):
    monkeypatch.setattr(M, "SHA256", {})
    fake, calls = serve(tiny, bad_mirrors=[M.MIRRORS[0]])
    monkeypatch.setattr(M, "_fetch", fake)
    X, y = load_mnist(kind="test", cache_dir=tmp_path)
    assert len(calls) == 4  # each file: the first mirror's page is rejected, the second used
    np.testing.assert_array_equal(y, tiny["labels"])


def test_failed_write_leaves_no_temp_file(tmp_path, tiny, checksums, monkeypatch):
    def broken_replace(src, dst):
        raise OSError("disk full")

    fake, _ = serve(tiny)
    monkeypatch.setattr(M, "_fetch", fake)
    monkeypatch.setattr(M.os, "replace", broken_replace)
    # The download still serves the learner from memory; the cache stays clean.
    X, y = load_mnist(kind="test", cache_dir=tmp_path)
    np.testing.assert_array_equal(y, tiny["labels"])
    assert list(tmp_path.iterdir()) == []


def test_interrupted_write_leaves_no_temp_file(tmp_path, monkeypatch):
    class Interrupted(Exception):
        pass

    def interrupted_fsync(fd):
        raise Interrupted

    monkeypatch.setattr(M.os, "fsync", interrupted_fsync)
    with pytest.raises(Interrupted):
        M._write_atomically(tmp_path, "x.gz", b"data")
    assert list(tmp_path.iterdir()) == []


def test_env_var_sets_the_cache_dir(tmp_path, tiny, checksums, monkeypatch, no_network):
    write_kind(tmp_path / "data", tiny, "test")
    monkeypatch.setenv("NNLAB_DATA_DIR", str(tmp_path / "data"))
    assert M.default_cache_dir() == tmp_path / "data"
    X, y = load_mnist(kind="test")
    np.testing.assert_array_equal(y, tiny["labels"])


def test_default_cache_dir_without_env(monkeypatch):
    monkeypatch.delenv("NNLAB_DATA_DIR", raising=False)
    assert M.default_cache_dir() == Path.home() / ".cache" / "nnlab" / "mnist"


def test_cache_dir_argument_wins_over_env(tmp_path, tiny, checksums, monkeypatch, no_network):
    write_kind(tmp_path / "mine", tiny, "test")
    monkeypatch.setenv("NNLAB_DATA_DIR", str(tmp_path / "elsewhere"))
    load_mnist(kind="test", cache_dir=tmp_path / "mine")


def test_path_message_names_the_folder_not_download_or_env(tmp_path, no_network):
    """A learner who passed path= never set download or NNLAB_DATA_DIR: don't talk about them."""
    with pytest.raises(MnistUnavailableError) as info:
        load_mnist(tmp_path, kind="test")
    message = str(info.value)
    assert f"not found in {tmp_path}" in message
    assert "download=False" not in message and "NNLAB_DATA_DIR" not in message


@pytest.mark.parametrize(
    "images_name, labels_name",
    [
        ("t10k-images.idx3-ubyte", "t10k-labels.idx1-ubyte"),  # 7-Zip / browser unpacking
        ("T10K-IMAGES-IDX3-UBYTE", "T10K-LABELS-IDX1-UBYTE"),  # an upper-casing file system
        ("t10k_images_idx3_ubyte.gz", "t10k_labels_idx1_ubyte.gz"),
    ],
)
def test_names_unpackers_produce_are_found(tmp_path, tiny, no_network, images_name, labels_name):
    (tmp_path / images_name).write_bytes(tiny["raw"]["images"] if not images_name.endswith(".gz")
                                         else tiny["gz"]["images"])
    (tmp_path / labels_name).write_bytes(tiny["raw"]["labels"] if not labels_name.endswith(".gz")
                                         else tiny["gz"]["labels"])
    X, y = load_mnist(tmp_path, kind="test", normalize=False, flatten=False)
    np.testing.assert_array_equal(X, tiny["images"])
    np.testing.assert_array_equal(y, tiny["labels"])


def test_near_misses_are_named_when_the_kind_is_missing(tmp_path, tiny, no_network):
    write_kind(tmp_path, tiny, "test")
    with pytest.raises(MnistUnavailableError) as info:
        load_mnist(tmp_path, kind="train")
    message = str(info.value)
    assert all(name in message for name in TRAIN_FILES)  # what was looked for
    assert all(name in message for name in TEST_FILES)  # what is there instead


def test_path_to_a_file_says_pass_its_folder(tmp_path, tiny, no_network):
    write_kind(tmp_path, tiny, "test")
    with pytest.raises(ValueError, match="^path must be the folder") as info:
        load_mnist(tmp_path / TEST_FILES[0], kind="test")
    assert repr(str(tmp_path)) in str(info.value) and "NNLAB_DATA_DIR" not in str(info.value)


def test_path_that_does_not_exist(tmp_path, no_network):
    with pytest.raises(ValueError, match="^path must be an existing folder"):
        load_mnist(tmp_path / "nowhere", kind="test")


@pytest.mark.parametrize(
    "kwargs, error, arg",
    [
        ({"kind": "validation"}, ValueError, "kind"),
        ({"kind": "TRAIN"}, ValueError, "kind"),
        ({"download": "no"}, TypeError, "download"),
        ({"normalize": 1}, TypeError, "normalize"),
        ({"timeout": 0}, ValueError, "timeout"),
        ({"urls": []}, ValueError, "urls"),
    ],
)
def test_bad_arguments_name_the_argument(tmp_path, no_network, kwargs, error, arg):
    with pytest.raises(error, match=f"^{arg}") as info:
        load_mnist(cache_dir=tmp_path, **kwargs)
    if arg == "kind":
        assert "'train'" in str(info.value) and "'test'" in str(info.value)


def test_fetch_is_a_plain_module_function():
    # Tests (and users behind a proxy) replace it; keep its signature stable.
    import inspect

    assert list(inspect.signature(M._fetch).parameters) == ["url", "timeout"]


# -- the real MNIST test set, when this machine has it ---------------------------------------
@pytest.mark.skipif(not (REAL_MNIST / TEST_FILES[0]).exists(), reason="no ../shared/data/mnist")
def test_real_mnist_test_set(no_network):
    for name in TEST_FILES:
        digest = hashlib.sha256((REAL_MNIST / name).read_bytes()).hexdigest()
        assert digest == M.SHA256[name]
    X, y = load_mnist(REAL_MNIST, kind="test")
    assert X.shape == (10000, 784) and X.dtype == np.float32
    assert 0.0 <= X.min() and X.max() <= 1.0
    assert y.dtype == np.int64 and set(y.tolist()) == set(range(10))
    np.testing.assert_array_equal(y[:5], [7, 2, 1, 0, 4])  # the well-known first test digits
    split = load_mnist_split(REAL_MNIST)
    assert split.X_train.shape == (8000, 784) and split.X_test.shape == (2000, 784)
