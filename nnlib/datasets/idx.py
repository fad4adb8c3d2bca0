"""Reading IDX files, the simple binary format MNIST is distributed in.

An IDX file is a header followed by the raw array, all big-endian::

    bytes 0-1   0x00 0x00
    byte  2     element type: 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32,
                0x0D float32, 0x0E float64
    byte  3     number of dimensions, d
    4 * d       the size of each dimension, unsigned 32-bit
    ...         the elements, C order (last index fastest)

So the MNIST images start with the "magic number" 0x00000803 (uint8, 3-D: n x 28 x 28) and the
labels with 0x00000801 (uint8, 1-D). Files are often gzip-compressed; that is detected from the
content (gzip files start with the bytes 1F 8B), not from the file name.

Examples
--------
>>> import io
>>> from nnlib.datasets import read_idx
>>> raw = bytes([0, 0, 0x08, 1, 0, 0, 0, 3, 7, 2, 1])   # 1-D uint8 array of 3 labels
>>> read_idx(io.BytesIO(raw))
array([7, 2, 1], dtype=uint8)
"""

from __future__ import annotations

import gzip
import os
import zlib

import numpy as np

__all__ = ["IDX_DTYPES", "read_idx", "parse_idx"]

# Type code (3rd byte of the magic number) -> big-endian numpy dtype.
IDX_DTYPES = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}

_GZIP_MAGIC = b"\x1f\x8b"


def _source_name(source):
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    return getattr(source, "name", None) or f"<{type(source).__name__}>"


def read_idx(path_or_fileobj, *, magic=None):
    """Read an IDX file (gzip-compressed or not) into a numpy array.

    Parameters
    ----------
    path_or_fileobj : str, os.PathLike, binary file object, or bytes
        Where the IDX data is. Compression is detected from the first two bytes.
    magic : int, optional
        The magic number the file must have, e.g. ``0x00000803`` for MNIST images.

    Returns
    -------
    ndarray
        Shape from the header, native byte order, a fresh writable array.

    Raises
    ------
    ValueError
        Naming the file: not gzip/IDX data or an unexpected magic number; ``truncated:
        expected N bytes, got M`` when the file is shorter than its header says; trailing
        bytes after the data.

    Examples
    --------
    >>> import io
    >>> header = bytes([0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 3])   # uint8, shape (2, 3)
    >>> read_idx(io.BytesIO(header + bytes(range(6))))
    array([[0, 1, 2],
           [3, 4, 5]], dtype=uint8)
    """
    name = _source_name(path_or_fileobj)
    if isinstance(path_or_fileobj, (bytes, bytearray, memoryview)):
        data = bytes(path_or_fileobj)
    elif isinstance(path_or_fileobj, (str, os.PathLike)):
        with open(path_or_fileobj, "rb") as f:
            data = f.read()
    elif hasattr(path_or_fileobj, "read"):
        data = path_or_fileobj.read()
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError(
                f"path_or_fileobj must be opened in binary mode ('rb'); {name} gave "
                f"{type(data).__name__}"
            )
    else:
        raise TypeError(
            "path_or_fileobj must be a path, a binary file object or bytes; "
            f"got {type(path_or_fileobj).__name__}"
        )
    return parse_idx(data, name=name, magic=magic)


def parse_idx(data, *, name="<bytes>", magic=None):
    """Parse IDX bytes already in memory (see ``read_idx``); ``name`` is used in errors.

    Examples
    --------
    >>> parse_idx(bytes([0, 0, 0x08, 1, 0, 0, 0, 2, 4, 9]))
    array([4, 9], dtype=uint8)

    Raises
    ------
    TypeError
        ``data`` is not bytes, bytearray or memoryview.
    ValueError
        Corrupt gzip, a truncated header or body, an unknown type code or magic number.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data must be bytes (the file's content); got {type(data).__name__}")
    data = bytes(data)
    if data[:2] == _GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError
            raise ValueError(f"{name}: corrupt or truncated gzip data ({exc})") from exc
    if len(data) < 4:
        raise ValueError(
            f"{name}: truncated: expected at least 4 header bytes, got {len(data)}"
        )
    found = int.from_bytes(data[:4], "big")
    if magic is not None and found != magic:
        raise ValueError(
            f"{name}: wrong magic number: expected 0x{magic:08X}, found 0x{found:08X}"
        )
    type_code, ndim = data[2], data[3]
    if data[:2] != b"\x00\x00" or type_code not in IDX_DTYPES or ndim == 0:
        raise ValueError(
            f"{name}: not an IDX file: wrong magic number 0x{found:08X} (expected two zero "
            "bytes, a type code 08/09/0B/0C/0D/0E, then the number of dimensions >= 1)"
        )
    header = 4 + 4 * ndim
    if len(data) < header:
        raise ValueError(
            f"{name}: truncated: expected {header} header bytes, got {len(data)}"
        )
    shape = tuple(int(d) for d in np.frombuffer(data, dtype=">u4", count=ndim, offset=4))
    dtype = IDX_DTYPES[type_code]
    # Python ints: no overflow even for absurd header sizes.
    expected = dtype.itemsize * int(np.prod(shape, dtype=object))
    got = len(data) - header
    if got < expected:
        raise ValueError(f"{name}: truncated: expected {expected} bytes, got {got}")
    if got > expected:
        raise ValueError(
            f"{name}: trailing junk: expected {expected} bytes of data after the header, "
            f"got {got} ({got - expected} extra)"
        )
    array = np.frombuffer(data, dtype=dtype, count=expected // dtype.itemsize, offset=header)
    # astype copies: a writable array in native byte order, not a view of the file's bytes.
    return array.reshape(shape).astype(dtype.newbyteorder("="))
