"""Data augmentation: more training digits made by moving, turning, resizing and re-inking them.

A network learns only the variation it sees. The 8x8 training digits are all scaled to fill
their box, upright and written with one kind of pen; a learner's drawing is not. Each
augmented copy of a training digit is the same digit, slightly

1. **shifted** (up to ``max_shift`` pixels of the 8x8 image, in any direction),
2. **rotated** (up to ``max_rotation`` degrees either way) and **slanted** (a shear of up to
   ``max_slant``: x moves by slant x y, as in forward-leaning handwriting),
3. **scaled** (by a factor drawn from ``scale``, the width independently of the height, so
   narrow and wide writing both occur), and
4. **thinner or thicker** (grey erosion or dilation, one pixel of the 32x32 bitmap).

The geometry is done on a 32x32 version of the image (the resolution the 8x8 digits were
made from): each image is enlarged 4x (bilinear), moved by one affine map with
``scipy.ndimage.map_coordinates`` (all images in one call), its pen width changed, and
averaged back to 8x8 in 4x4 blocks, exactly like the original data.

Source: augmenting digits with small affine distortions is as old as the MNIST benchmarks
(LeCun, Bottou, Bengio & Haffner 1998, "Gradient-based learning applied to document
recognition"; Simard, Steinkraus & Platt 2003, "Best practices for convolutional neural
networks applied to visual document analysis").

Examples
--------
>>> import numpy as np
>>> from nnlib.datasets import load_digits
>>> data = load_digits()
>>> X_more, y_more = augment_digits(data.X_train[:5], data.y_train[:5], n_copies=3, rng=0)
>>> X_more.shape, y_more.tolist()[:6]
((15, 64), [7, 7, 7, 3, 3, 3])
"""

from __future__ import annotations

import numpy as np

from ._checks import as_2d_float, as_labels, check_finite_scalar, check_positive_int

__all__ = ["random_distortions", "distort", "augment_digits"]

#: Each 8x8 pixel becomes UPSAMPLE x UPSAMPLE pixels while distorting (32x32, as the data was made).
UPSAMPLE = 4


def random_distortions(n, rng, max_shift=1.0, max_rotation=12.0, max_slant=0.3, scale=(0.75, 1.1),
                       stroke=(-1, 0, 1)):
    """Draw ``n`` random distortions: shifts (rows, columns), angles, slants, scale factors, pen changes.

    Returns
    -------
    dict of ndarrays of length ``n``: ``shift`` (n, 2) in 8x8 pixels, ``rotation`` in degrees,
    ``slant``, ``scale`` (n, 2) for (height, width), ``stroke`` (-1 thinner, 0 unchanged,
    +1 thicker).

    Examples
    --------
    >>> d = random_distortions(4, np.random.default_rng(0))
    >>> d["shift"].shape, bool(np.all(np.abs(d["rotation"]) <= 12))
    ((4, 2), True)
    """
    rng = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    max_shift = check_finite_scalar(max_shift, "max_shift")
    max_rotation = check_finite_scalar(max_rotation, "max_rotation")
    max_slant = check_finite_scalar(max_slant, "max_slant")
    lo, hi = (check_finite_scalar(v, "scale") for v in scale)
    if not 0 < lo <= hi:
        raise ValueError(f"scale must be a range (low, high) with 0 < low <= high; got {scale}")
    return {
        "shift": rng.uniform(-max_shift, max_shift, size=(n, 2)),
        "rotation": rng.uniform(-max_rotation, max_rotation, size=n),
        "slant": rng.uniform(-max_slant, max_slant, size=n),
        "scale": rng.uniform(lo, hi, size=(n, 2)),
        "stroke": rng.choice(np.asarray(stroke, dtype=int), size=n),
    }


def distort(images, shift, rotation, slant, scale, stroke):
    """Apply one distortion per image to a stack of 8x8 images (values in [0, 1]).

    Parameters
    ----------
    images : ndarray of shape (n, 8, 8)
    shift : ndarray (n, 2)
        Move by (rows down, columns right), in pixels of the 8x8 image.
    rotation : ndarray (n,)
        Turn about the centre, degrees, clockwise on screen.
    slant : ndarray (n,)
        Shear: a point ``r`` rows above the centre moves ``slant * r`` columns right.
    scale : ndarray (n, 2)
        Enlarge (> 1) or shrink (< 1) the height and the width about the centre.
    stroke : ndarray (n,) of -1, 0, +1
        Thinner (grey erosion), unchanged or thicker (grey dilation) by one 32x32 pixel.

    Returns
    -------
    ndarray of shape (n, 8, 8), values in [0, 1], the brightest pixel of each image 1.

    Examples
    --------
    >>> img = np.zeros((1, 8, 8)); img[0, 2:6, 3:5] = 1.0
    >>> same = distort(img, np.zeros((1, 2)), np.zeros(1), np.zeros(1), np.ones((1, 2)), np.zeros(1, int))
    >>> bool(np.abs(same - img).max() < 0.2)
    True
    """
    from scipy import ndimage  # scipy comes with scikit-learn

    images = np.asarray(images, dtype=float)
    n, h, w = images.shape
    big = ndimage.zoom(images, (1, UPSAMPLE, UPSAMPLE), order=1, grid_mode=True, mode="grid-constant")
    H, W = big.shape[1:]
    # Each image's forward map (about the centre) is: scale, slant, rotate, shift. We need the
    # inverse: for every output pixel, the input position to read it from.
    centre = np.array([(H - 1) / 2.0, (W - 1) / 2.0])
    r, c = np.meshgrid(np.arange(H), np.arange(W), indexing="ij")
    out_rc = np.stack([r, c]).reshape(2, 1, H * W) - centre[:, None, None]   # (2, 1, HW)
    shift_px = np.asarray(shift, dtype=float).T[:, :, None] * UPSAMPLE        # (2, n, 1)
    dr, dc = out_rc[0] - shift_px[0], out_rc[1] - shift_px[1]                 # (n, HW)
    theta = np.radians(np.asarray(rotation, dtype=float))[:, None]
    cos, sin = np.cos(theta), np.sin(theta)
    rr, cc = cos * dr + sin * dc, -sin * dr + cos * dc                        # undo the rotation
    cc = cc + np.asarray(slant, dtype=float)[:, None] * rr                    # undo the slant
    scale = np.asarray(scale, dtype=float)
    src_r = rr / scale[:, 0:1] + centre[0]                                     # undo the scaling
    src_c = cc / scale[:, 1:2] + centre[1]
    src_n = np.repeat(np.arange(n, dtype=float)[:, None], H * W, axis=1)
    moved = ndimage.map_coordinates(big, [src_n, src_r, src_c], order=1, mode="constant")
    moved = moved.reshape(n, H, W)
    stroke = np.asarray(stroke)
    for change, grey_op in ((1, ndimage.grey_dilation), (-1, ndimage.grey_erosion)):
        pick = stroke == change
        if pick.any():  # a 3x3 neighbourhood in each image only (size 1 along the stack)
            moved[pick] = grey_op(moved[pick], size=(1, 3, 3))
    small = moved.reshape(n, h, UPSAMPLE, w, UPSAMPLE).mean(axis=(2, 4))
    peak = small.max(axis=(1, 2), keepdims=True)
    return np.divide(small, peak, out=np.zeros_like(small), where=peak > 0)


def augment_digits(X, y, n_copies=4, rng=0, image_shape=(8, 8), **distortions):
    """``n_copies`` randomly distorted copies of every image, with their labels.

    Parameters
    ----------
    X : array-like of shape (n_samples, 64)
        Flattened 8x8 images in [0, 1].
    y : array-like of shape (n_samples,)
    n_copies : int >= 1
        Copies per image; copy k of image i is row ``i * n_copies + k``.
    rng : numpy.random.Generator or int or None
        Source of the random distortions.
    **distortions
        ``max_shift``, ``max_rotation``, ``max_slant``, ``scale``, ``stroke`` for
        :func:`random_distortions`.

    Returns
    -------
    X_aug : ndarray of shape (n_samples * n_copies, 64)
    y_aug : ndarray of shape (n_samples * n_copies,)

    Raises
    ------
    ValueError
        If X is not a 2-D array of 8x8 images, or y does not match it.
    """
    X = as_2d_float(X, "X", n_features=int(np.prod(image_shape)))
    y = as_labels(y, "y", n_samples=len(X))
    n_copies = check_positive_int(n_copies, "n_copies")
    rng = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    images = np.repeat(X.reshape(-1, *image_shape), n_copies, axis=0)
    d = random_distortions(len(images), rng, **distortions)
    out = distort(images, d["shift"], d["rotation"], d["slant"], d["scale"], d["stroke"])
    return out.reshape(len(images), -1), np.repeat(y, n_copies)
