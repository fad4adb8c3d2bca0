"""Turn a drawing into the network's input, one visible step at a time.

A network trained on the 8x8 digits only knows images that were made the way those were: the
digit cropped to its ink, scaled (keeping its shape) until it fills a 32x32 box, then every 4x4
block of that bitmap summed into one pixel (0..16, which the course divides by 16 to get [0, 1]).
MNIST is made differently: the digit is scaled into a 20x20 box and placed in a 28x28 image so
that its centre of mass sits in the middle. A drawing from the mouse has none of that — it can be
small, off-centre, thin or thick — so before asking the network we repeat the same steps:

0. **checks**   — dark ink on a light background (paper, a scan) is turned into light ink on
   black, the convention of the training data, and a drawing that cannot be a digit (a dot, a
   flat bar, scattered specks) is refused with :class:`NotADigitError` (see :func:`digit_check`);
1. **input**    — the drawing, ink scaled to [0, 1] (bright = ink);
2. **cropped**  — cut to the bounding box of the ink;
3. **square**   — padded with background on the short side, so resizing keeps the aspect ratio;
4. **resized**  — area-averaged down (or up) to the box size of the training data;
4b. **thickened** — thin pen strokes grown to the training digits' typical pen width;
5. **centred**  — placed in the training image size with its centre of mass in the middle;
6. **pooled**   — (8x8 digits only) each 4x4 block averaged, 32x32 -> 8x8;
7. **scaled**   — stretched so the brightest pixel is 1, the value range of the training images.

Everything here is numpy (and ``scipy.ndimage.label`` to count pieces of ink) with no Python
loop over pixels. :func:`preprocess_steps` returns
every intermediate image (for the notebook to show), :func:`preprocess` only the final input row.
:func:`rasterize_strokes` draws pen strokes into an image, so examples and tests can make
"handwriting" without a mouse.

Examples
--------
>>> import numpy as np
>>> img = rasterize_strokes([[(0.5, 0.2), (0.5, 0.8)]], size=56, width=0.08)   # a "1"
>>> x = preprocess(img, target="digits")
>>> x.shape, float(x.max())
((64,), 1.0)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._checks import as_1d_float, as_float_array, check_choice, check_fraction, check_positive, check_positive_int
from .language import translatable

__all__ = [
    "TARGETS",
    "Target",
    "NotADigitError",
    "ink_on_black",
    "pen_width",
    "digit_check",
    "has_ink",
    "crop_to_ink",
    "pad_to_square",
    "resize_area",
    "stroke_width",
    "thicken",
    "centre_by_mass",
    "block_pool",
    "scale_to_unit",
    "preprocess_steps",
    "preprocess",
    "rasterize_strokes",
    "DIGIT_STYLES",
    "EXAMPLE_STROKES",
    "NON_DIGIT_STROKES",
    "VARIATIONS",
    "drawing_set",
    "example_drawing",
]


@dataclass(frozen=True)
class Target:
    """How the training images of one data set were made.

    Attributes
    ----------
    box : int
        Side of the square the digit is scaled into (32 for the 8x8 digits, 20 for MNIST).
    canvas : int
        Side of the image the box is placed in, centred by mass (32 and 28).
    pool : int
        Block size summed into one output pixel (4 for the 8x8 digits, 1 = none for MNIST).
    stroke : float
        Typical pen width of the training digits, in pixels of the box (thinner drawings are
        thickened to it).
    """

    name: str
    box: int
    canvas: int
    pool: int
    stroke: float

    @property
    def size(self):
        """Side of the final image (8 or 28)."""
        return self.canvas // self.pool

    @property
    def n_features(self):
        """Length of the network's input row (64 or 784)."""
        return self.size * self.size


TARGETS = {
    "digits": Target("digits", box=32, canvas=32, pool=4, stroke=6.0),
    "mnist": Target("mnist", box=20, canvas=28, pool=1, stroke=2.5),
}

STEP_TITLES = {
    "input": translatable("drawing"),
    "cropped": translatable("cropped to the ink"),
    "square": translatable("padded to a square"),
    "resized": translatable("resized"),
    "thickened": translatable("pen width matched"),
    "centred": translatable("centred by mass"),
    "pooled": translatable("4x4 blocks averaged"),
    "scaled": translatable("scaled to [0, 1]"),
}


def _as_image(image, name="image"):
    arr = as_float_array(image, name)
    if arr.ndim != 2:
        raise ValueError(f"{name} must be a 2-D grayscale image (height, width); got shape {arr.shape}")
    if arr.min() < 0:
        raise ValueError(f"{name} must not contain negative values (0 = background, larger = ink)")
    return arr


def _check_level(value, name):
    """A fraction strictly between 0 and 1 (``threshold``, ``level``); bool, NaN, inf refused."""
    return check_fraction(value, name, inclusive_low=False)


class NotADigitError(ValueError):
    """The drawing cannot be a digit (a dot, a flat bar, scattered specks); ``reason`` says which."""

    def __init__(self, reason):
        super().__init__(f"image does not look like a digit: {reason}")
        self.reason = reason


def ink_on_black(image):
    """The drawing as light ink on a black background, whichever way round it came.

    The background is read from the image's border (its outermost pixels), where a digit
    written in the middle of a page leaves paper: the median of the border is the background
    level. If that level is in the upper half of the value range, the image is dark ink on a
    light background (a scan, ``1 - drawing``) and is flipped. Either way the background is
    subtracted, so the result is 0 on the background and positive on the ink.

    Raises
    ------
    ValueError
        If ``image`` is not a 2-D array of finite, non-negative values.

    Examples
    --------
    >>> img = np.ones((5, 5)); img[1:4, 2] = 0.0      # a dark bar on white paper
    >>> ink_on_black(img)[:, 2]
    array([0., 1., 1., 1., 0.])
    """
    arr = _as_image(image)
    border = np.concatenate([arr[0], arr[-1], arr[1:-1, 0], arr[1:-1, -1]])
    background = float(np.median(border))
    lo, hi = float(arr.min()), float(arr.max())
    ink = background - arr if background > (lo + hi) / 2.0 else arr - background
    return np.clip(ink, 0.0, None)


#: A digit is at least this many pen widths tall or wide (a dot is about one).
MIN_EXTENT = 3.0
#: Ink whose spread across its main direction is under this fraction of the spread along it
#: is a straight line.
LINE_RATIO = 0.4
#: At most this many separate pieces of ink (a 4 or a 5 may be written in two strokes).
MAX_PIECES = 3


def pen_width(ink):
    """The pen width of a boolean ink mask, in pixels: twice the median ridge distance.

    The distance transform gives every ink pixel its distance to the nearest background pixel;
    along the middle of a stroke (its ridge, where that distance is a local maximum) it is
    half the pen width, wherever the stroke runs and however long it is.

    Examples
    --------
    >>> bar = np.zeros((20, 20), bool); bar[3:17, 8:13] = True      # 5 pixels wide
    >>> pen_width(bar)
    5.0
    """
    from scipy import ndimage  # scipy comes with scikit-learn; imported only when needed

    ink = np.asarray(ink, dtype=bool)
    if not ink.any():
        return 0.0
    dist = ndimage.distance_transform_edt(np.pad(ink, 1))[1:-1, 1:-1]
    ridge = ink & (dist >= ndimage.maximum_filter(dist, size=3))
    # dist is measured to background pixel centres, half a pixel beyond the stroke's edge
    return float(2.0 * np.median(dist[ridge]) - 1.0)


def digit_check(image, threshold=0.5):
    """Why ``image`` cannot be a digit, or ``None`` if it could be one.

    The rule measures the ink in units of its own pen width (:func:`pen_width`), so neither
    the size of the canvas nor the thickness of the pen matters. Ink is every pixel brighter
    than ``threshold`` x the brightest, after :func:`ink_on_black`:

    - no ink at all -> ``"no ink"``;
    - the ink's bounding box is under ``MIN_EXTENT`` (3) pen widths both ways and the ink is
      roundish (not a short upright stroke, which a thick-pen 1 can be) -> ``"too little ink
      (a dot)"``: every digit is a stroke several pen widths long;
    - the ink is a straight line (its spread across its main direction is under ``LINE_RATIO``
      (0.4) of the spread along it) closer to horizontal than to vertical -> ``"a flat line"``:
      the only digit that is one straight line is a 1, and a 1 stands upright;
    - more than ``MAX_PIECES`` (3) separate pieces of ink, or a largest piece that is itself
      under ``MIN_EXTENT`` pen widths -> ``"scattered pieces"``: a digit is one to three strokes,
      and its main body is more than a speck.

    A drawing that passes can still be a scribble; the digit pad also refuses answers the
    network is not confident about (see :mod:`nnlib.widgets.draw_digit`).

    Examples
    --------
    >>> digit_check(example_drawing("7", size=56)) is None
    True
    >>> digit_check(rasterize_strokes([[(0.5, 0.5)]], size=56))
    'too little ink (a dot)'
    >>> digit_check(rasterize_strokes([[(0.2, 0.5), (0.8, 0.55)]], size=56))
    'a flat line'
    >>> digit_check(rasterize_strokes([[(0.2, 0.2)], [(0.8, 0.8)]], size=56))
    'scattered pieces'
    """
    from scipy import ndimage

    threshold = _check_level(threshold, "threshold")
    arr = ink_on_black(image)
    if arr.max() <= 0:
        return "no ink"
    ink = arr > threshold * arr.max()
    pen = max(pen_width(ink), 1.0)
    if _is_dot(ink, pen):
        return "too little ink (a dot)"
    spread, (main_row, main_col) = _principal_spread(ink)
    if spread < LINE_RATIO and abs(main_row) < abs(main_col):
        return "a flat line"
    labels, n_pieces = ndimage.label(ink, structure=np.ones((3, 3)))
    largest = labels == 1 + np.argmax(np.bincount(labels.ravel())[1:])
    if n_pieces > MAX_PIECES or _is_dot(largest, pen):
        return "scattered pieces"
    return None


def _principal_spread(mask):
    """Spread of the mask's pixels across their main direction over the spread along it, and
    that main direction as (row, column): from the eigenvectors of the pixels' covariance."""
    rows, cols = np.nonzero(mask)
    variances, axes = np.linalg.eigh(np.cov(np.vstack([rows, cols]).astype(float)))
    return float(np.sqrt(max(variances[0], 0.0) / max(variances[1], 1e-12))), axes[:, 1]


def _is_dot(mask, pen):
    """Under ``MIN_EXTENT`` pens both ways and roundish (a short upright stroke is a thick 1)."""
    rows, cols = np.nonzero(mask)
    small = max(np.ptp(rows), np.ptp(cols)) + 1 < MIN_EXTENT * pen
    return bool(small and (len(rows) < 3 or _principal_spread(mask)[0] > 0.5))


def has_ink(image, threshold=0.1):
    """True when some pixel is brighter than ``threshold`` times the brightest possible ink.

    ``image`` is expected in [0, 1]; an all-black drawing has no ink.

    Examples
    --------
    >>> has_ink(np.zeros((5, 5))), has_ink(np.eye(5))
    (False, True)
    """
    arr = _as_image(image)
    return bool(arr.max() > _check_level(threshold, "threshold"))


def crop_to_ink(image, threshold=0.1):
    """Cut ``image`` to the bounding box of its ink (pixels above ``threshold`` x max).

    Examples
    --------
    >>> img = np.zeros((6, 6)); img[2:4, 1:5] = 1
    >>> crop_to_ink(img).shape
    (2, 4)
    """
    arr = _as_image(image)
    threshold = _check_level(threshold, "threshold")
    peak = arr.max()
    if peak <= 0:
        raise ValueError("image must contain some ink (it is all background)")
    ink = arr > threshold * peak
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    return arr[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def pad_to_square(image):
    """Pad the short side with background, half on each side, so the result is square.

    Examples
    --------
    >>> pad_to_square(np.ones((4, 2)))[0]
    array([0., 1., 1., 0.])
    """
    arr = _as_image(image)
    h, w = arr.shape
    n = max(h, w)
    top, left = (n - h) // 2, (n - w) // 2
    out = np.zeros((n, n), dtype=float)
    out[top : top + h, left : left + w] = arr
    return out


def _area_matrix(n_in, n_out):
    """(n_out, n_in) matrix whose rows average the input cells each output cell covers."""
    edges_in = np.arange(n_in + 1) / n_in
    edges_out = np.arange(n_out + 1) / n_out
    lo = np.maximum(edges_out[:-1, None], edges_in[None, :-1])
    hi = np.minimum(edges_out[1:, None], edges_in[None, 1:])
    overlap = np.clip(hi - lo, 0.0, None)
    return overlap / overlap.sum(axis=1, keepdims=True)


def resize_area(image, size):
    """Resize ``image`` to ``size`` x ``size`` (or ``(h, w)``) by exact area averaging.

    Each output pixel is the mean of the input area it covers (a box filter), so thin strokes
    fade instead of vanishing when shrinking. Done as two matrix products, no loops.

    Examples
    --------
    >>> resize_area(np.arange(16.0).reshape(4, 4), 2)
    array([[ 2.5,  4.5],
           [10.5, 12.5]])
    """
    arr = _as_image(image)
    h, w = (size, size) if np.isscalar(size) else size
    h = check_positive_int(h, "size")
    w = check_positive_int(w, "size")
    return _area_matrix(arr.shape[0], h) @ arr @ _area_matrix(arr.shape[1], w).T


def stroke_width(image, level=0.5):
    """Estimate the pen width in pixels: ink area divided by half the ink's outline length.

    A stroke of length L and width w covers about L*w pixels and has an outline of about 2L,
    so area / (outline / 2) ~ w. Counts are taken on the image thresholded at ``level``.

    Examples
    --------
    >>> img = np.zeros((40, 40)); img[5:35, 18:22] = 1     # a bar 4 pixels wide
    >>> round(stroke_width(img), 1)
    3.5
    """
    arr = _as_image(image) > _check_level(level, "level")
    area = arr.sum()
    if area == 0:
        return 0.0
    padded = np.pad(arr, 1)
    outline = (padded[1:, :] != padded[:-1, :]).sum() + (padded[:, 1:] != padded[:, :-1]).sum()
    return float(area / (outline / 2.0) if outline else 0.0)


def thicken(image, width, level=0.5):
    """Grow thin strokes (grey dilation with a disk) until they are about ``width`` pixels wide.

    Strokes already that wide are left alone. The training digits were written with a pen and
    scaled up, so their strokes are thick; a thin mouse line would look unfamiliar otherwise.

    Examples
    --------
    >>> img = np.zeros((9, 9)); img[:, 4] = 1
    >>> thicken(img, 3)[4].tolist()
    [0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0]
    """
    arr = _as_image(image)
    radius = int(np.round((check_positive(width, "width") - stroke_width(arr, level)) / 2.0))
    if radius <= 0:
        return arr.copy()
    h, w = arr.shape
    padded = np.pad(arr, radius)
    out = arr.copy()
    for dy in range(-radius, radius + 1):  # loop over the disk's offsets, not over pixels
        for dx in range(-radius, radius + 1):
            if dy * dy + dx * dx <= radius * radius + radius:
                out = np.maximum(out, padded[radius + dy : radius + dy + h, radius + dx : radius + dx + w])
    return out


def centre_of_mass(image):
    """(row, column) of the ink's centre of mass, in pixel-centre coordinates."""
    arr = _as_image(image)
    total = arr.sum()
    if total <= 0:
        raise ValueError("image must contain some ink (it is all background)")
    rows = np.arange(arr.shape[0]) @ arr.sum(axis=1) / total
    cols = np.arange(arr.shape[1]) @ arr.sum(axis=0) / total
    return float(rows), float(cols)


def centre_by_mass(image, canvas):
    """Place ``image`` in a ``canvas`` x ``canvas`` background so its centre of mass is central.

    The shift is rounded to whole pixels and limited so that no ink falls off the edge (when the
    image already fills the canvas along an axis, it stays where it is along that axis).

    Examples
    --------
    >>> img = np.zeros((3, 3)); img[:, 2] = 1          # ink in the right column
    >>> centre_by_mass(img, 5)[:, 2]
    array([0., 1., 1., 1., 0.])
    """
    arr = _as_image(image)
    canvas = check_positive_int(canvas, "canvas")
    h, w = arr.shape
    if h > canvas or w > canvas:
        raise ValueError(f"canvas must be at least the image size {arr.shape}; got {canvas}")
    r, c = centre_of_mass(arr)
    centre = (canvas - 1) / 2.0
    top = int(np.clip(np.round(centre - r), 0, canvas - h))
    left = int(np.clip(np.round(centre - c), 0, canvas - w))
    out = np.zeros((canvas, canvas), dtype=float)
    out[top : top + h, left : left + w] = arr
    return out


def block_pool(image, block):
    """Average every ``block`` x ``block`` tile into one pixel (32x32 -> 8x8 for ``block=4``).

    The 8x8 digits were made by *counting* the ink pixels in each 4x4 block (0..16); dividing
    by 16 makes that the block's mean, which is what this returns.

    Examples
    --------
    >>> block_pool(np.arange(16.0).reshape(4, 4), 2)
    array([[ 2.5,  4.5],
           [10.5, 12.5]])
    """
    arr = _as_image(image)
    block = check_positive_int(block, "block")
    h, w = arr.shape
    if h % block or w % block:
        raise ValueError(f"block must divide the image size {arr.shape}; got {block}")
    return arr.reshape(h // block, block, w // block, block).mean(axis=(1, 3))


def scale_to_unit(image):
    """Stretch the values so the brightest pixel is 1 (the training images' range is [0, 1]).

    Examples
    --------
    >>> scale_to_unit(np.array([[0.0, 0.25], [0.5, 0.1]]))
    array([[0. , 0.5],
           [1. , 0.2]])
    """
    arr = _as_image(image)
    peak = arr.max()
    if peak <= 0:
        raise ValueError("image must contain some ink (it is all background)")
    return arr / peak


def preprocess_steps(image, target="digits", threshold=0.1, check=True):
    """Every intermediate image of the preprocessing, in order, as a dict name -> 2-D array.

    Parameters
    ----------
    image : array-like, shape (height, width)
        A grayscale drawing, any non-negative scale (e.g. 0..255): light ink on a dark
        background, or dark ink on a light one (it is flipped, see :func:`ink_on_black`).
    target : {"digits", "mnist"}
        Which training data to imitate: 8x8 digits (box 32, pooled 4x4) or 28x28 MNIST
        (20x20 box centred by mass in 28x28).
    threshold : float in (0, 1)
        Pixels above ``threshold`` x the brightest pixel count as ink for the bounding box.
    check : bool
        True: refuse drawings that cannot be a digit (:func:`digit_check`) instead of blowing
        a dot up to fill the box.

    Returns
    -------
    dict
        Keys ``input, cropped, square, resized, thickened, centred, [pooled,] scaled``; ``scaled`` is the
        network's input image (8x8 or 28x28, values in [0, 1]).

    Raises
    ------
    NotADigitError
        (a ``ValueError``) if ``check`` and the drawing cannot be a digit; ``.reason`` says why.
    ValueError
        If the image has no ink, or an argument is out of range.

    Examples
    --------
    >>> steps = preprocess_steps(example_drawing("7", size=56), target="digits")
    >>> [k for k in steps], steps["scaled"].shape
    (['input', 'cropped', 'square', 'resized', 'thickened', 'centred', 'pooled', 'scaled'], (8, 8))
    """
    check_choice(target, "target", tuple(TARGETS))
    spec = TARGETS[target]
    threshold = _check_level(threshold, "threshold")
    arr = ink_on_black(image)
    if arr.max() <= 0:
        raise ValueError("image must contain some ink (it is all background)")
    if not isinstance(check, (bool, np.bool_)):
        raise TypeError(f"check must be True or False; got {type(check).__name__}")
    if check:
        reason = digit_check(arr)
        if reason is not None:
            raise NotADigitError(reason)
    steps = {"input": arr / arr.max()}
    steps["cropped"] = crop_to_ink(steps["input"], threshold)
    steps["square"] = pad_to_square(steps["cropped"])
    steps["resized"] = resize_area(steps["square"], spec.box)
    steps["thickened"] = thicken(steps["resized"], spec.stroke)
    steps["centred"] = centre_by_mass(steps["thickened"], spec.canvas)
    last = steps["centred"]
    if spec.pool > 1:
        steps["pooled"] = last = block_pool(last, spec.pool)
    steps["scaled"] = scale_to_unit(last)
    return steps


def preprocess(image, target="digits", threshold=0.1, check=True):
    """The network's input row for a drawing: ``preprocess_steps(...)["scaled"].ravel()``.

    Examples
    --------
    >>> preprocess(example_drawing("0", size=56), target="mnist").shape
    (784,)
    """
    return preprocess_steps(image, target, threshold, check)["scaled"].ravel()


# -- drawing strokes without a mouse -----------------------------------------------------------


def rasterize_strokes(strokes, size=280, width=0.07):
    """Draw pen strokes into a ``size`` x ``size`` image (background 0, ink 1, soft edges).

    Parameters
    ----------
    strokes : list of sequences of (x, y) points
        Coordinates in [0, 1] of the drawing area, x to the right and y *down* (like a screen).
        Consecutive points of one stroke are joined by straight segments; a single point is a dot.
    size : int
        Side of the image in pixels.
    width : float
        Pen diameter as a fraction of ``size`` (0.07 of a 280-pixel canvas is a 20-pixel brush).

    Examples
    --------
    >>> img = rasterize_strokes([[(0.2, 0.5), (0.8, 0.5)]], size=10, width=0.1)
    >>> img.shape, float(img[5, 5]) > 0.4, float(img[0, 5])
    ((10, 10), True, 0.0)
    """
    size = check_positive_int(size, "size")
    width = check_positive(width, "width")
    a_list, b_list = [], []
    for k, stroke in enumerate(strokes):
        pts = as_float_array(stroke, f"strokes[{k}]")
        if pts.ndim != 2 or pts.shape[1] != 2:
            raise ValueError(f"strokes[{k}] must be a sequence of (x, y) points; got shape {pts.shape}")
        if len(pts) == 1:
            pts = np.vstack([pts, pts])
        a_list.append(pts[:-1])
        b_list.append(pts[1:])
    if not a_list:
        raise ValueError("strokes must contain at least one stroke")
    a = np.vstack(a_list) * size  # segment starts, pixel units
    b = np.vstack(b_list) * size
    centres = (np.arange(size) + 0.5)
    px, py = np.meshgrid(centres, centres)  # (size, size), x along columns
    p = np.stack([px.ravel(), py.ravel()], axis=1)  # (n_pix, 2)
    radius = width * size / 2.0
    dist = np.full(p.shape[0], np.inf)
    for start in range(0, len(a), 64):  # chunks of segments keep memory small
        sa, sb = a[start : start + 64], b[start : start + 64]
        d = sb - sa  # (m, 2)
        dd = np.maximum((d * d).sum(axis=1), 1e-12)
        t = np.clip(((p[:, None, :] - sa[None]) * d[None]).sum(axis=2) / dd, 0.0, 1.0)
        nearest = sa[None] + t[..., None] * d[None]
        seg_dist = np.sqrt(((p[:, None, :] - nearest) ** 2).sum(axis=2)).min(axis=1)
        dist = np.minimum(dist, seg_dist)
    # 1 inside the pen, 0 outside, a one-pixel anti-aliased edge in between
    return np.clip(radius - dist + 0.5, 0.0, 1.0).reshape(size, size)


def _arc(cx, cy, rx, ry, start_deg, end_deg, n=24):
    t = np.radians(np.linspace(start_deg, end_deg, n))
    return np.column_stack([cx + rx * np.cos(t), cy + ry * np.sin(t)])


def _line(*points):
    return np.asarray(points, dtype=float)


# Hand-made digits (x right, y down, in [0, 1]); angles run clockwise on screen. Each digit is
# written in two or three ways, as different people (and a mouse) write it; the first way is the
# one example_drawing shows.
DIGIT_STYLES = {
    "0": [
        [_arc(0.5, 0.5, 0.22, 0.32, 0, 360, 40)],
        [_arc(0.5, 0.5, 0.18, 0.33, -100, 280, 40)],                              # narrow, from the top
        [np.vstack([_arc(0.5, 0.5, 0.25, 0.3, -80, 290, 40)])],                   # round, overlapping
    ],
    "1": [
        [[(0.47, 0.23), (0.54, 0.16), (0.54, 0.84)]],                             # with a flag
        [[(0.5, 0.15), (0.5, 0.85)]],                                             # a plain stroke
        [[(0.4, 0.28), (0.53, 0.15), (0.53, 0.85)], [(0.4, 0.85), (0.66, 0.85)]],  # flag and base
    ],
    "2": [
        [np.vstack([_arc(0.5, 0.34, 0.2, 0.17, 200, 380, 20), [(0.3, 0.82)]]), [(0.3, 0.82), (0.74, 0.82)]],
        [np.vstack([_arc(0.5, 0.32, 0.22, 0.16, 180, 360, 20), [(0.28, 0.84), (0.76, 0.84)]])],
        [[(0.28, 0.24), (0.7, 0.2), (0.72, 0.38), (0.3, 0.82), (0.76, 0.8)]],       # angular
    ],
    "3": [
        [_arc(0.48, 0.34, 0.2, 0.16, 210, 450, 20), _arc(0.48, 0.66, 0.22, 0.17, 270, 510, 20)],
        [[(0.3, 0.18), (0.7, 0.18), (0.46, 0.46)], _arc(0.48, 0.64, 0.22, 0.19, 270, 510, 20)],  # flat top
    ],
    "4": [
        [[(0.62, 0.16), (0.26, 0.62), (0.78, 0.62)], [(0.62, 0.36), (0.62, 0.86)]],
        [[(0.3, 0.15), (0.28, 0.55), (0.76, 0.55)], [(0.64, 0.15), (0.64, 0.88)]],  # open top
    ],
    "5": [
        [[(0.7, 0.17), (0.36, 0.17), (0.33, 0.47)], _arc(0.5, 0.64, 0.2, 0.18, 240, 510, 24)],
        [np.vstack([[(0.34, 0.17), (0.33, 0.48)], _arc(0.5, 0.65, 0.2, 0.18, 235, 510, 24)]),
         [(0.34, 0.17), (0.72, 0.17)]],                                           # top bar last
    ],
    "6": [
        [[(0.66, 0.15), (0.34, 0.55)], _arc(0.5, 0.66, 0.18, 0.18, 0, 360, 30)],
        [np.vstack([_arc(0.62, 0.5, 0.3, 0.36, 250, 180, 16), _arc(0.5, 0.67, 0.18, 0.17, 180, 540, 28)])],
    ],
    "7": [
        [[(0.26, 0.18), (0.74, 0.18), (0.44, 0.84)]],
        [[(0.26, 0.18), (0.74, 0.18), (0.5, 0.84)], [(0.42, 0.5), (0.7, 0.5)]],   # with a bar
    ],
    "8": [
        [_arc(0.5, 0.32, 0.16, 0.15, 0, 360, 30), _arc(0.5, 0.66, 0.2, 0.18, 0, 360, 30)],
        [np.vstack([_arc(0.5, 0.32, 0.17, 0.15, 90, -180, 24), _arc(0.5, 0.66, 0.2, 0.19, -90, 180, 28)])],
    ],
    "9": [
        [_arc(0.5, 0.34, 0.18, 0.17, 0, 360, 30), [(0.68, 0.34), (0.66, 0.86)]],
        [np.vstack([_arc(0.5, 0.34, 0.18, 0.17, 0, -360, 30), [(0.62, 0.86)]])],   # one stroke
    ],
}
#: The first way of writing each digit (what :func:`example_drawing` draws).
EXAMPLE_STROKES = {d: styles[0] for d, styles in DIGIT_STYLES.items()}

#: Drawings that are not digits: what a digit pad must refuse instead of naming a digit.
NON_DIGIT_STROKES = {
    "dot": [[(0.5, 0.5)]],
    "dot off-centre": [[(0.25, 0.7)]],
    "short tick": [[(0.48, 0.5), (0.53, 0.53)]],
    "horizontal bar": [[(0.2, 0.5), (0.8, 0.5)]],
    "short bar": [[(0.4, 0.3), (0.62, 0.3)]],
    "specks": [[(0.2, 0.2)], [(0.7, 0.3)], [(0.4, 0.75)], [(0.8, 0.8)]],
    "scattered dashes": [[(0.15, 0.2), (0.25, 0.22)], [(0.7, 0.15), (0.78, 0.2)],
                         [(0.3, 0.7), (0.36, 0.78)], [(0.75, 0.75), (0.85, 0.72)]],
    "two far dots": [[(0.2, 0.25)], [(0.8, 0.75)]],
}


def _transform(strokes, scale=1.0, shift=(0.0, 0.0), slant=0.0, rotate=0.0):
    """Strokes scaled about the centre, slanted (x moves with -y), rotated (degrees) and shifted."""
    out = []
    c, s_ = np.cos(np.radians(rotate)), np.sin(np.radians(rotate))
    for st in strokes:
        pts = np.asarray(st, dtype=float) - 0.5
        x, y = pts[:, 0] - slant * pts[:, 1], pts[:, 1]
        pts = np.column_stack([c * x - s_ * y, s_ * x + c * y])
        out.append(0.5 + scale * pts + np.asarray(shift, dtype=float))
    return out


#: How each stroke set is varied in :func:`drawing_set`: (name, scale, shift, slant, rotate, pen width).
VARIATIONS = (
    ("large", 1.0, (0.0, 0.0), 0.0, 0.0, 0.07),
    ("small, off-centre", 0.55, (0.18, -0.15), 0.0, 0.0, 0.07),
    ("slanted, thick pen", 0.9, (-0.03, 0.02), 0.25, 0.0, 0.1),
    ("tilted, thin pen", 0.8, (0.05, 0.05), 0.0, -10.0, 0.045),
)


def drawing_set(size=56):
    """A fixed set of synthetic pad drawings: every digit style in every variation, and non-digits.

    Made for measuring a digit pad (tests and ``bench/digit_pad.py``): 10 digits x 2-3 ways of
    writing each (:data:`DIGIT_STYLES`) x 4 variations (:data:`VARIATIONS`: large; small and
    off-centre; slanted with a thick pen; tilted with a thin pen), then every drawing of
    :data:`NON_DIGIT_STROKES` in the same variations. ``size`` = 56 is what the pad sends.

    Returns
    -------
    images : ndarray of shape (n, size, size), ink 1 on background 0
    labels : ndarray of int, shape (n,)
        The digit, or -1 for a drawing that is not a digit.
    names : list of str
        A description of each drawing, e.g. ``"4 way 2, small, off-centre"``.

    Examples
    --------
    >>> images, labels, names = drawing_set(size=28)
    >>> images.shape[1:], int((labels >= 0).sum()), int((labels < 0).sum())
    ((28, 28), 92, 32)
    """
    images, labels, names = [], [], []
    sets = [(d, int(d), f"{d} way {k + 1}", st) for d, styles in DIGIT_STYLES.items()
            for k, st in enumerate(styles)]
    sets += [(name, -1, name, st) for name, st in NON_DIGIT_STROKES.items()]
    for _, label, name, strokes in sets:
        for vname, scale, shift, slant, rotate, width in VARIATIONS:
            moved = _transform(strokes, scale, shift, slant, rotate)
            images.append(rasterize_strokes(moved, size=size, width=width))
            labels.append(label)
            names.append(f"{name}, {vname}")
    return np.array(images), np.array(labels), names


def example_drawing(digit="3", size=280, width=0.07, scale=1.0, shift=(0.0, 0.0)):
    """A rasterised example drawing of ``digit`` (one of the keys of ``EXAMPLE_STROKES``).

    ``scale`` shrinks the digit about the centre and ``shift`` = (dx, dy) moves it (fractions of
    the canvas), to imitate a small, off-centre drawing.

    Examples
    --------
    >>> example_drawing("1", size=28).shape
    (28, 28)
    """
    key = str(digit)
    check_choice(key, "digit", tuple(EXAMPLE_STROKES))
    scale = check_positive(scale, "scale")
    offset = as_1d_float(shift, "shift", size=2)
    strokes = [0.5 + scale * (np.asarray(st, dtype=float) - 0.5) + offset for st in EXAMPLE_STROKES[key]]
    return rasterize_strokes(strokes, size=size, width=width)
