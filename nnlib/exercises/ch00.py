"""Checks for chapter 00 (Start here): two warm-ups that show how exercises work.

Examples
--------
>>> from nnlib.exercises import ch00
>>> ch00.check_inputs(...).status
'unanswered'
>>> ch00.check_year(1969)
✅ Correct! Minsky and Papert, 1969 — chapter 03 shows why XOR defeats one neuron.
"""

from __future__ import annotations

import re

import numpy as np

from ..language import tr, translatable
from . import exercise

__all__ = ["check_inputs", "check_year", "check_environment"]

_ROWS = {(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)}


@exercise("0.1", hints=[translatable("Each row is one input pair (x₁, x₂); each of x₁ and x₂ is 0 or 1. How many pairs "
                                     "are there?"),
                        translatable("A 2-D numpy array is a list of rows: np.array([[a, b], [c, d], ...])."),
                        translatable("Write the four pairs (0 or 1, 0 or 1) as four rows of np.array([[...], [...], [...], "
                                     "[...]]), each pair once.")],
          difficulty="★ warm-up")
def check_inputs(inputs):
    """Exercise 0.1: a (4, 2) array holding every pair of 0/1 inputs once (any order)."""
    arr = np.asarray(inputs, dtype=float)
    if arr.shape != (4, 2):
        return False, tr("the array should have 4 rows of 2 numbers, shape (4, 2); yours has shape {shape}.",
                         shape=arr.shape)
    rows = {tuple(r) for r in arr.tolist()}
    if rows != _ROWS:
        n_missing = len(_ROWS - rows)
        if n_missing == 1:
            return False, tr("every pair of 0s and 1s should appear once; 1 of the four pairs is missing "
                             "(or a row holds something other than 0 and 1).")
        return False, tr("every pair of 0s and 1s should appear once; {n} of the four pairs are missing "
                         "(or a row holds something other than 0 and 1).", n=n_missing)
    return True, tr("These four rows are the inputs of every two-input logic gate (chapter 02).")


@exercise("0.2", hints=[translatable("Look at the timeline: which book showed that a single-layer perceptron cannot "
                                     "compute XOR?"),
                        translatable("The book is called *Perceptrons*; its year is in the list under the timeline."),
                        translatable("Answer with the year as a whole number, e.g. year = 1900.")],
          difficulty="★ warm-up")
def check_year(year):
    """Exercise 0.2: the year of Minsky and Papert's *Perceptrons* (1969)."""
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
        return False, tr("answer with a whole number, a year such as 1900.")
    if year == 1958:
        return False, tr("1958 is Rosenblatt's perceptron; the book that analysed its limits came later.")
    if int(year) != 1969:
        return False, ""
    return True, tr("Minsky and Papert, 1969 — chapter 03 shows why XOR defeats one neuron.")


#: Minimum versions the course needs (the same bounds as pyproject.toml).
MINIMUMS = (
    ("numpy", "numpy", "1.24"),
    ("matplotlib", "matplotlib", "3.7"),
    ("ipywidgets", "ipywidgets", "8.1"),
    ("ipympl", "ipympl", "0.9.4"),
    ("scikit-learn", "sklearn", "1.3"),
)


def _version_tuple(text):
    """'2.1.3rc1' -> (2, 1, 3): the leading number of each of the first three dotted parts."""
    parts = []
    for piece in str(text).split(".")[:3]:
        match = re.match(r"\d+", piece)
        if match is None:
            break
        parts.append(int(match.group()))
    return tuple(parts)


def check_environment(verbose=True):
    """Check that Python and each package the course needs imports and is new enough.

    Prints one deterministic line per requirement ("numpy ≥ 1.24: OK") and a final verdict,
    never the installed version numbers (they differ between machines, and the notebooks'
    stored outputs must not). Returns True when everything is fine.

    Examples
    --------
    >>> check_environment(verbose=False)
    True
    """
    import importlib
    import importlib.util
    import sys
    from importlib import metadata

    lines, ok_all = [], True
    ok = sys.version_info >= (3, 10)
    lines.append("Python ≥ 3.10: " + (tr("OK") if ok else tr("TOO OLD — install Python 3.10 or newer")))
    ok_all &= ok
    for dist, module, minimum in MINIMUMS:
        try:
            if module == "ipympl":  # importing it switches pyplot's backend: plain plots must stay PNGs
                if importlib.util.find_spec(module) is None:
                    raise ImportError(module)
            else:
                importlib.import_module(module)
            ok = _version_tuple(metadata.version(dist)) >= _version_tuple(minimum)
            status = tr("OK") if ok else tr("TOO OLD — run: pip install -U {dist}", dist=dist)
        except Exception:  # not installed or broken
            ok, status = False, tr("MISSING — run: pip install {dist}", dist=dist)
        ok_all &= ok
        lines.append(f"{dist} ≥ {minimum}: {status}")
    try:
        import nnlib

        for name in ("activations", "neuron", "datasets", "plots", "widgets"):
            getattr(nnlib, name)
        lines.append("nnlib: " + tr("OK"))
    except Exception as exc:  # pragma: no cover - only on a broken install
        ok_all = False
        lines.append("nnlib: " + tr("BROKEN ({error}) — run: pip install -e . in the course folder",
                                    error=type(exc).__name__))
    lines.append(tr("environment OK") if ok_all
                 else tr("environment NOT OK — fix the lines above, then restart the kernel"))
    if verbose:
        print("\n".join(lines))
    return bool(ok_all)
