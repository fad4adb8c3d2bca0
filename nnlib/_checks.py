"""Input validation shared by every public entry point.

Each helper raises a ``ValueError`` (or ``TypeError``) whose message starts with the argument's
name and says what was expected, so a learner sees at once which argument is wrong.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np
from sklearn.exceptions import DataConversionWarning

__all__ = [
    "as_float_array",
    "as_2d_float",
    "as_1d_float",
    "as_labels",
    "as_class_labels",
    "check_y_given",
    "check_same_length",
    "check_positive",
    "check_positive_int",
    "check_fraction",
    "check_choice",
    "check_finite_scalar",
    "check_n_features",
    "check_non_negative",
    "check_dtype",
    "check_bool",
    "check_random_state",
    "check_axis",
    "check_has_methods",
]


def _describe(x):
    return f"shape {np.shape(x)}" if hasattr(x, "shape") else f"{type(x).__name__} {x!r:.60}"


def _as_real_array(x, name):
    """``x`` as an ndarray of real numbers (any numeric dtype), or a TypeError naming ``name``.

    One place for the kinds of input numpy would silently turn into something else: None
    (becomes NaN), sparse matrices (become a 0-d object array), complex numbers (lose their
    imaginary part) and strings (``"1.5"`` would be parsed). Array-likes that are not ndarrays
    (lists, pandas objects, anything with ``__array__``) are converted first.
    """
    if x is None:
        raise TypeError(f"{name} must be array-like; got None")
    if hasattr(x, "toarray") and not isinstance(x, np.ndarray):
        raise TypeError(f"{name} must be a dense array; sparse matrices are not supported "
                        f"(use {name}.toarray())")
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as exc:  # e.g. ragged nested lists
        raise TypeError(f"{name} must be numeric array-like; got {_describe(x)}") from exc
    if arr.dtype.kind == "O":  # numbers stored as objects are fine; anything else is not
        if not all(isinstance(v, numbers.Number) for v in arr.flat):
            raise TypeError(f"{name} must be numeric array-like; got {_describe(x)}")
        if not all(isinstance(v, numbers.Real) for v in arr.flat):
            raise TypeError(f"{name} must be real numbers, not complex; got {_describe(x)}")
        arr = arr.astype(np.float64)
    if arr.dtype.kind == "c":  # astype(float) would drop the imaginary part with only a warning
        raise TypeError(f"{name} must be real numbers, not complex; got {_describe(x)}")
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be numeric array-like; got {_describe(x)} of dtype {arr.dtype}")
    return arr


def as_float_array(x, name, *, allow_empty=False, dtype=np.float64, finite=True):
    """Convert ``x`` to a float array, naming ``name`` in any error.

    ``dtype=None`` keeps a float input's dtype (float32 stays float32) and makes anything else
    float64. ``finite=False`` lets NaN and inf through (for element-wise functions).
    """
    arr = _as_real_array(x, name)
    if dtype is None:
        dtype = arr.dtype if arr.dtype.kind == "f" else np.float64
    arr = arr.astype(dtype, copy=False)
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} must not be empty; got {_describe(arr)}")
    if finite and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf)")
    return arr


def as_2d_float(X, name="X", *, n_features=None, dtype=np.float64):
    """Return ``X`` as a finite 2-D float array of shape (n_samples, n_features).

    Examples
    --------
    >>> as_2d_float([[0, 1], [1, 0]]).shape
    (2, 2)
    """
    arr = as_float_array(X, name, dtype=dtype)
    if arr.ndim != 2:
        raise ValueError(
            f"{name} must be a 2-D array of shape (n_samples, n_features); got shape {arr.shape}"
            + (" (use X.reshape(-1, 1) for a single feature)" if arr.ndim == 1 else "")
        )
    if n_features is not None:
        check_n_features(arr, n_features, name)
    return arr


def as_1d_float(x, name, *, size=None, dtype=np.float64):
    """Return ``x`` as a finite 1-D float array, optionally of a given size."""
    arr = as_float_array(x, name, dtype=dtype)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array; got shape {arr.shape}")
    if size is not None and arr.shape[0] != size:
        raise ValueError(f"{name} must have {size} entries; got {arr.shape[0]}")
    return arr


def check_y_given(y, name="y"):
    """Raise if the targets are missing (``fit(X)`` or ``fit(X, None)``)."""
    if y is None:  # scikit-learn's wording, which its estimator checks look for
        raise ValueError(f"{name} is required: fit requires y to be passed, but the target y is None")


def as_labels(y, name="y", *, n_samples=None):
    """Return ``y`` as a 1-D label array (any dtype), checking its length and for missing values.

    Labels may be numbers or strings, but not a mixture (numpy would turn ``[1, "1"]`` into
    the strings ``["1", "1"]``) and not missing (NaN or None, which cannot be sorted).
    """
    check_y_given(y, name)
    if hasattr(y, "toarray") and not isinstance(y, np.ndarray):
        raise TypeError(f"{name} must be a dense array; sparse matrices are not supported (use {name}.toarray())")
    raw = y if isinstance(y, np.ndarray) else np.asarray(y, dtype=object)
    if raw.dtype.kind == "O":  # the element types as given, before numpy converts them
        values = list(raw.flat)
        if any(v is None or (isinstance(v, numbers.Real) and v != v) for v in values):
            raise ValueError(f"{name} has missing values (NaN or None); drop or fill them first")
        if any(isinstance(v, (str, bytes)) for v in values) and any(isinstance(v, numbers.Number) for v in values):
            raise ValueError(f"{name} mixes strings and numbers (e.g. 1 and '1'); use one kind of label")
    arr = np.asarray(y)
    if arr.dtype.kind == "O":
        arr = np.asarray(list(arr.flat)).reshape(arr.shape)  # one dtype for labels given as objects
    if arr.dtype.kind == "c":
        raise TypeError(f"{name} must be real labels, not complex")
    if arr.ndim == 2 and arr.shape[1] == 1:
        warnings.warn(f"A column-vector {name} was passed when a 1d array was expected: {name} of shape "
                      f"{arr.shape} was flattened (pass {name}.ravel() to avoid this warning)",
                      DataConversionWarning, stacklevel=3)
        arr = arr.ravel()
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array of labels; got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} has missing values (NaN) or inf; drop or fill them first")
    if n_samples is not None and arr.shape[0] != n_samples:
        raise ValueError(f"{name} has {arr.shape[0]} labels but X has {n_samples} samples")
    return arr


def as_class_labels(y, name="y", *, n_samples=None):
    """Return ``y`` checked by :func:`as_labels`, refusing continuous values (a regression target).

    Examples
    --------
    >>> as_class_labels([0.0, 1.0, 1.0])
    array([0., 1., 1.])
    """
    y = as_labels(y, name, n_samples=n_samples)
    if y.dtype.kind == "f" and np.any(y != np.round(y)):
        raise ValueError(f"{name} must hold class labels, not continuous values such as "
                         f"{y[y != np.round(y)][0]!r} (use a regressor for regression)")
    return y


def check_same_length(X, y, x_name="X", y_name="y"):
    """Raise if ``X`` and ``y`` have a different number of samples."""
    if len(X) != len(y):
        raise ValueError(f"{y_name} has {len(y)} entries but {x_name} has {len(X)} samples")


def check_n_features(X, n_features, name="X"):
    """Raise if ``X`` (2-D) does not have ``n_features`` columns."""
    if X.shape[1] != n_features:
        raise ValueError(f"{name} must have {n_features} features (columns); got {X.shape[1]}")


def check_finite_scalar(value, name):
    """Return ``value`` as a finite float, or raise naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {type(value).__name__}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite; got {value}")
    return value


def check_positive(value, name):
    """Return ``value`` as a float > 0, or raise naming ``name``."""
    value = check_finite_scalar(value, name)
    if value <= 0:
        raise ValueError(f"{name} must be > 0; got {value}")
    return value


def check_non_negative(value, name):
    """Return ``value`` as a finite float >= 0, or raise naming ``name``."""
    value = check_finite_scalar(value, name)
    if value < 0:
        raise ValueError(f"{name} must be >= 0; got {value}")
    return value


def check_positive_int(value, name, *, minimum=1):
    """Return ``value`` as an int >= ``minimum``, or raise naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer; got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {value}")
    return int(value)


def check_fraction(value, name, *, inclusive_low=True, inclusive_high=False):
    """Return ``value`` as a float in [0, 1) (bounds configurable), or raise."""
    value = check_finite_scalar(value, name)
    low_ok = value >= 0 if inclusive_low else value > 0
    high_ok = value <= 1 if inclusive_high else value < 1
    if not (low_ok and high_ok):
        lo = "[" if inclusive_low else "("
        hi = "]" if inclusive_high else ")"
        raise ValueError(f"{name} must be in {lo}0, 1{hi}; got {value}")
    return value


def check_choice(value, name, choices):
    """Return ``value`` if it is one of ``choices``, else raise listing the valid ones."""
    if isinstance(value, np.ndarray) or value not in choices:  # (an array compared with names is ambiguous)
        valid = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {valid}; got {value!r}")
    return value


def check_dtype(dtype, name="dtype"):
    """Return ``dtype`` ("float32", "float64" or a numpy float dtype) as a numpy dtype, or raise.

    Examples
    --------
    >>> check_dtype("float32")
    dtype('float32')
    """
    try:
        dt = np.dtype(dtype)
    except TypeError:
        dt = None
    if dt is None or dt.name not in ("float32", "float64"):
        raise ValueError(f"{name} must be 'float32' or 'float64'; got {dtype!r}")
    return dt


def check_bool(value, name):
    """Return ``value`` if it is True or False, else raise naming ``name``."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {value!r}")
    return bool(value)


def check_random_state(value, name="random_state"):
    """Return ``value`` if it can seed ``numpy.random.default_rng`` (None, an int, a Generator)."""
    if isinstance(value, bool) or not (value is None or isinstance(value, (numbers.Integral, np.random.Generator))):
        raise TypeError(f"{name} must be None, an int or a numpy Generator; got {type(value).__name__}")
    if isinstance(value, numbers.Integral) and value < 0:
        raise ValueError(f"{name} must be >= 0 (a seed); got {value}")
    return value


def check_axis(axis, ndim, name="axis"):
    """Return ``axis`` if it is an int in [−ndim, ndim), else raise naming ``name``."""
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise TypeError(f"{name} must be an integer; got {type(axis).__name__}")
    if not -ndim <= axis < ndim:
        raise ValueError(f"{name} must be in [{-ndim}, {ndim}) for an array with {ndim} dimension(s); got {axis}")
    return int(axis)


def check_has_methods(obj, name, methods, what):
    """Raise a TypeError naming ``name`` unless ``obj`` has every method in ``methods``."""
    missing = [m for m in methods if not callable(getattr(obj, m, None))]
    if missing:
        raise TypeError(f"{name} must be {what} (with {', '.join(methods)}); got {type(obj).__name__}")
    return obj
