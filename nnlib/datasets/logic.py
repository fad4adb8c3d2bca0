"""Truth tables of the logic gates, the first data sets a neuron learns.

Each gate gives ``(X, y)``: the four input pairs in the fixed order (0,0), (0,1), (1,0), (1,1)
and the gate's output for each. ``encoding="bipolar"`` writes 0 as -1, the form the Hebb rule
and the bipolar perceptron need (with 0/1 inputs a Hebb weight never changes on a 0 input).

Examples
--------
>>> from nnlib.datasets import logic_gate
>>> X, y = logic_gate("xor")
>>> y
array([0, 1, 1, 0])
"""

from __future__ import annotations

import numpy as np

from .._checks import check_choice

__all__ = ["GATES", "ENCODINGS", "LEVELS", "INPUTS", "TRUTH_TABLES", "logic_gate", "not_gate"]

#: Gate names accepted by :func:`logic_gate`.
GATES = ("AND", "OR", "NAND", "NOR", "XOR", "XNOR")
#: Codings of a two-valued signal: "binary" is {0, 1}, "bipolar" is {−1, +1}.
ENCODINGS = ("binary", "bipolar")
#: The (low, high) value of each encoding; the rest of nnlib reads the levels from here.
LEVELS = {"binary": (0.0, 1.0), "bipolar": (-1.0, 1.0)}

#: The four input rows (0,0), (0,1), (1,0), (1,1) of every two-input truth table, in this order.
#: Read-only: copy it (``logic_gate`` does) before changing it.
INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
INPUTS.flags.writeable = False

#: Each gate's outputs for the rows of :data:`INPUTS`, in {0, 1}: the one place they are written.
TRUTH_TABLES = {
    "AND": (0, 0, 0, 1),
    "OR": (0, 1, 1, 1),
    "NAND": (1, 1, 1, 0),
    "NOR": (1, 0, 0, 0),
    "XOR": (0, 1, 1, 0),
    "XNOR": (1, 0, 0, 1),
}


def _encode(X, y, encoding):
    check_choice(encoding, "encoding", ENCODINGS)
    if encoding == "bipolar":  # 0 -> −1, 1 -> +1
        return 2 * X - 1, 2 * y - 1
    return X, y


def logic_gate(name, encoding="binary"):
    """Truth table of a two-input logic gate.

    Parameters
    ----------
    name : str
        One of ``GATES`` ("AND", "OR", "NAND", "NOR", "XOR", "XNOR"); case does not matter.
    encoding : {"binary", "bipolar"}
        ``"binary"``: inputs and targets in {0, 1}; ``"bipolar"``: in {-1, +1}.

    Returns
    -------
    X : ndarray of shape (4, 2), float
        Rows (0,0), (0,1), (1,0), (1,1) (or their -1/+1 versions).
    y : ndarray of shape (4,), int
        The gate's output for each row.

    Examples
    --------
    >>> X, y = logic_gate("AND")
    >>> X
    array([[0., 0.],
           [0., 1.],
           [1., 0.],
           [1., 1.]])
    >>> y
    array([0, 0, 0, 1])
    >>> logic_gate("or", encoding="bipolar")[1]
    array([-1,  1,  1,  1])
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a string such as 'AND'; got {type(name).__name__}")
    check_choice(name.upper(), "name", GATES)
    y = np.array(TRUTH_TABLES[name.upper()], dtype=np.int64)
    return _encode(INPUTS.copy(), y, encoding)


def not_gate(encoding="binary"):
    """Truth table of the one-input NOT gate.

    Parameters
    ----------
    encoding : {"binary", "bipolar"}
        ``"binary"``: values in {0, 1}; ``"bipolar"``: in {-1, +1}.

    Returns
    -------
    X : ndarray of shape (2, 1), float
        The inputs 0 and 1 (or -1 and +1).
    y : ndarray of shape (2,), int
        Their negations.

    Examples
    --------
    >>> X, y = not_gate()
    >>> X.ravel(), y
    (array([0., 1.]), array([1, 0]))
    """
    X = np.array([[0.0], [1.0]])
    y = np.array([1, 0], dtype=np.int64)
    return _encode(X, y, encoding)
