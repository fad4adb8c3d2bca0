"""nnlib.separability: the exhaustive weight-grid search of chapter 03."""

import itertools

import numpy as np
import pytest

from nnlib import separability as S
from nnlib.datasets import logic_gate


def _loop_rows_right(X, y, grid):
    """Independent (slow, looped) count of rows right for every (w1, w2, b)."""
    out = np.zeros((len(grid),) * 3, dtype=int)
    for (i, w1), (j, w2), (k, b) in itertools.product(enumerate(grid), repeat=3):
        pred = [(1 if w1 * x1 + w2 * x2 + b >= 0 else 0) for x1, x2 in X]
        out[i, j, k] = sum(int(p == t) for p, t in zip(pred, y))
    return out


@pytest.mark.parametrize("gate", ["AND", "XOR", "NAND"])
def test_rows_right_matches_a_plain_loop(gate):
    X, y = logic_gate(gate)
    grid = np.linspace(-1.5, 1.5, 7)
    np.testing.assert_array_equal(S.rows_right(X, y, grid, grid, grid), _loop_rows_right(X, y, grid))


def test_xor_histogram_is_deterministic_and_never_four():
    X, y = logic_gate("XOR")
    hist = S.rows_right_histogram(X, y)
    assert hist == {0: 0, 1: 9840, 2: 48787, 3: 10294, 4: 0}
    assert sum(hist.values()) == 41**3
    assert S.max_rows_right(X, y) == 3


@pytest.mark.parametrize("gate", ["AND", "OR", "NAND", "NOR"])
def test_separable_gates_reach_four_and_best_line_works(gate):
    X, y = logic_gate(gate)
    w1, w2, b, best = S.best_line(X, y)
    assert best == 4
    np.testing.assert_array_equal(S.step_outputs(X, w1, w2, b), y)


def test_fourteen_of_sixteen_boolean_functions_are_separable():
    F = S.boolean_functions()
    assert F.shape == (16, 4) and len({tuple(f) for f in F}) == 16
    best = [S.max_rows_right(S.INPUTS, f) for f in F]
    exact = [S.is_linearly_separable(S.INPUTS, f) for f in F]
    assert sum(b == 4 for b in best) == 14
    assert [b == 4 for b in best] == exact
    assert {tuple(f) for f, b in zip(F, best) if b < 4} == {(0, 1, 1, 0), (1, 0, 0, 1)}


def test_is_linearly_separable_on_moved_points():
    X, y = logic_gate("XOR")
    Xm = X.copy()
    Xm[3] = (-1.0, -1.0)
    assert S.is_linearly_separable(Xm, y)
    Xm[3] = (2.0, 2.0)
    assert not S.is_linearly_separable(Xm, y)


def test_bad_inputs_name_the_argument():
    X, y = logic_gate("AND")
    with pytest.raises(ValueError, match="^X"):
        S.rows_right(X[:, :1], y)
    with pytest.raises(ValueError, match="^y"):
        S.rows_right(X, [0, 1, 2, 1])
    with pytest.raises(ValueError, match="^w1_values"):
        S.rows_right(X, y, w1_values=[[1.0]])
    with pytest.raises(ValueError, match="^n_angles"):
        S.is_linearly_separable(X, y, n_angles=2)


def test_inputs_come_from_the_one_truth_table_source():
    from nnlib.datasets import logic

    assert S.INPUTS is logic.INPUTS
    assert not S.INPUTS.flags.writeable  # nobody can change the shared rows by accident
    F = S.boolean_functions()
    for gate, outputs in logic.TRUTH_TABLES.items():
        k = int("".join(str(v) for v in outputs), 2)
        assert F[k].tolist() == list(outputs) == logic_gate(gate)[1].tolist()
