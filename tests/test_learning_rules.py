"""One-step learning rules (Hebb, perceptron, delta): exact numbers, purity, the classic results."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlib import learning_rules as L
from nnlib.perceptron import Perceptron

# Truth tables, written out here so these tests do not depend on nnlib.datasets.
X01 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
AND01 = np.array([0, 0, 0, 1], dtype=float)
XPM = 2 * X01 - 1  # bipolar inputs: (-1,-1), (-1,1), (1,-1), (1,1)
ANDPM = 2 * AND01 - 1


# ------------------------------------------------------------------------- the classic Hebb results


def test_hebb_learns_bipolar_and_in_one_pass():
    w, b = L.hebb_train(XPM, ANDPM)
    np.testing.assert_array_equal(w, [2.0, 2.0])
    assert b == -2.0
    np.testing.assert_array_equal(np.sign(XPM @ w + b), ANDPM)  # no net input lands on 0
    np.testing.assert_array_equal(L.classify(w, b, XPM, encoding="bipolar"), ANDPM)
    # The one-step records of a single pass end at the same weights.
    last = L.train_steps("hebb", XPM, ANDPM, lr=1.0)[-1]
    np.testing.assert_array_equal(last.w_after, w)
    assert last.b_after == b


def test_hebb_fails_with_binary_encoding():
    w, b = L.hebb_train(X01, AND01)
    predicted = L.classify(w, b, X01, encoding="binary")
    assert np.sum(predicted != AND01) >= 1
    # Why: a target of 0 means no post-synaptic activity, so only the (1, 1) row teaches anything.
    steps = L.train_steps("hebb", X01, AND01, lr=1.0)
    assert [s.changed for s in steps] == [False, False, False, True]
    np.testing.assert_array_equal(w, [1.0, 1.0])
    assert b == 1.0  # (0, 0) has net input 1 > 0: fires, wrongly


def test_hebb_weights_only_grow_and_keep_their_direction():
    epochs = 6
    steps = L.train_steps("hebb", XPM, ANDPM, lr=0.5, epochs=epochs)
    ends = [s for s in steps if s.index == len(XPM) - 1]
    wb = np.array([np.append(s.w_after, s.b_after) for s in ends])
    norms = np.linalg.norm(wb, axis=1)
    assert np.all(np.diff(norms) > 0)
    # After k epochs the weights are exactly k times those after one: same line, longer vector.
    np.testing.assert_allclose(wb, np.arange(1, epochs + 1)[:, None] * wb[0])
    summary = L.epoch_errors(steps, XPM, ANDPM, encoding="bipolar")
    np.testing.assert_array_equal(summary.misclassified, np.zeros(epochs))
    np.testing.assert_array_equal(summary.updates, np.full(epochs, 4))  # Hebb never stops
    w, b = L.hebb_train(XPM, ANDPM, lr=0.5, epochs=epochs)
    np.testing.assert_allclose(w, wb[-1, :2])
    assert b == pytest.approx(wb[-1, 2])


def test_hebb_is_order_independent():
    plain = L.train_steps("hebb", XPM, ANDPM, lr=1.0, epochs=3)[-1]
    shuffled = L.train_steps("hebb", XPM, ANDPM, lr=1.0, epochs=3, shuffle=True, random_state=7)[-1]
    np.testing.assert_array_equal(plain.w_after, shuffled.w_after)
    assert plain.b_after == shuffled.b_after


# --------------------------------------------------------------------------- one step by hand


W, B, X = np.array([0.5, -1.0]), 0.25, np.array([1.0, 2.0])  # net input 0.5 - 2 + 0.25 = -1.25


def test_hebb_step_hand_example():
    u = L.hebb_step(W, B, X, y=-1.0, lr=0.5)
    np.testing.assert_array_equal(u.dw, [-0.5, -1.0])
    np.testing.assert_array_equal(u.w, [0.0, -2.0])
    assert (u.db, u.b, u.y_hat, u.error, u.changed) == (-0.5, -0.25, -1.0, None, True)


def test_perceptron_step_hand_example_binary_and_bipolar():
    u = L.perceptron_step(W, B, X, y=1, lr=0.5)
    assert (u.y_hat, u.error, u.changed) == (0.0, 1.0, True)
    np.testing.assert_array_equal(u.dw, [0.5, 1.0])
    np.testing.assert_array_equal(u.w, [1.0, 0.0])
    assert (u.db, u.b) == (0.5, 0.75)

    u = L.perceptron_step(W, B, X, y=1, lr=0.5, encoding="bipolar")
    assert (u.y_hat, u.error) == (-1.0, 2.0)  # a bipolar mistake is a double step
    np.testing.assert_array_equal(u.w, [1.5, 1.0])
    assert u.b == 1.25


def test_delta_step_hand_example():
    u = L.delta_step(W, B, X, y=1.0, lr=0.1)
    assert u.y_hat == -1.25
    assert u.error == 2.25
    np.testing.assert_allclose(u.dw, [0.225, 0.45])
    np.testing.assert_allclose(u.w, [0.725, -0.55])
    assert u.db == pytest.approx(0.225)
    assert u.b == pytest.approx(0.475)


@pytest.mark.parametrize(
    "w, b, x, target, encoding",
    [
        ([1.0, 1.0], -1.5, [1.0, 1.0], 1, "binary"),  # net 0.5: fires, right
        ([1.0, 1.0], -1.5, [0.0, 1.0], 0, "binary"),  # net -0.5: silent, right
        ([1.0, 1.0], -1.0, [0.0, 1.0], 1, "binary"),  # net exactly 0 counts as firing
        ([1.0, 1.0], -1.0, [1.0, -1.0], -1, "bipolar"),
        ([1.0, 1.0], -1.0, [1.0, 1.0], 1, "bipolar"),
    ],
)
def test_perceptron_step_changes_nothing_when_correct(w, b, x, target, encoding):
    u = L.perceptron_step(w, b, x, target, lr=0.7, encoding=encoding)
    assert u.changed is False and u.error == 0.0 and u.y_hat == target
    np.testing.assert_array_equal(u.w, w)
    np.testing.assert_array_equal(u.dw, [0.0, 0.0])
    assert u.b == b and u.db == 0.0


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.floats(-3, 3), min_size=7, max_size=7),
    st.floats(0.01, 1.0),
)
def test_delta_step_is_a_gradient_step_on_half_squared_error(values, lr):
    w, x, b, t = np.array(values[:3]), np.array(values[3:6]), values[6], 0.5

    def half_sq(wb):
        return 0.5 * (t - (x @ wb[:3] + wb[3])) ** 2

    wb = np.append(w, b)
    eps = 1e-6
    grad = np.array([(half_sq(wb + e) - half_sq(wb - e)) / (2 * eps) for e in eps * np.eye(4)])
    u = L.delta_step(w, b, x, t, lr=lr)
    np.testing.assert_allclose(np.append(u.dw, u.db), -lr * grad, atol=1e-6)


@pytest.mark.parametrize(
    "call",
    [
        lambda w, b, x: L.hebb_step(w, b, x, 1.0),
        lambda w, b, x: L.perceptron_step(w, b, x, 1),
        lambda w, b, x: L.delta_step(w, b, x, 1.0),
    ],
)
def test_steps_never_mutate_their_inputs(call):
    w, x = np.array([0.5, -1.0]), np.array([1.0, 2.0])
    w_copy, x_copy = w.copy(), x.copy()
    u = call(w, B, x)
    np.testing.assert_array_equal(w, w_copy)
    np.testing.assert_array_equal(x, x_copy)
    assert u.w is not w and not np.shares_memory(u.w, w)
    with pytest.raises(AttributeError):
        u.w = None  # Update is frozen


# --------------------------------------------------------------------------- train_steps


@pytest.mark.parametrize("rule, lr", [("hebb", 1.0), ("perceptron", 0.5), ("delta", 0.1)])
@pytest.mark.parametrize("shuffle", [False, True])
def test_train_steps_records_every_step_and_replays(rule, lr, shuffle):
    epochs, n = 3, len(X01)
    y = AND01
    steps = L.train_steps(rule, X01, y, lr=lr, epochs=epochs, shuffle=shuffle, random_state=3)
    assert len(steps) == epochs * n
    # epochs are counted from 1, positions within an epoch (and sample rows) from 0
    assert [(s.epoch, s.index) for s in steps] == [(e, i) for e in range(1, epochs + 1) for i in range(n)]
    for e in range(epochs):
        assert sorted(s.sample for s in steps[e * n : (e + 1) * n]) == list(range(n))
    # Each record starts where the previous one ended, and replaying the one-step function in the
    # recorded order lands on the same final weights.
    w, b = np.zeros(2), 0.0
    one_step = {"hebb": L.hebb_step, "perceptron": L.perceptron_step, "delta": L.delta_step}[rule]
    for s in steps:
        np.testing.assert_array_equal(s.w_before, w)
        assert s.b_before == b
        np.testing.assert_array_equal(s.x, X01[s.sample])
        assert s.y == y[s.sample] and s.rule == rule
        u = one_step(w, b, X01[s.sample], y[s.sample], lr=lr)
        w, b = u.w, u.b
    np.testing.assert_array_equal(steps[-1].w_after, w)
    assert steps[-1].b_after == b


def test_train_steps_shuffle_is_seeded():
    a = L.train_steps("perceptron", X01, AND01, lr=1.0, epochs=4, shuffle=True, random_state=1)
    b = L.train_steps("perceptron", X01, AND01, lr=1.0, epochs=4, shuffle=True, random_state=1)
    assert [s.sample for s in a] == [s.sample for s in b]
    orders = {tuple(s.sample for s in a[e * 4 : (e + 1) * 4]) for e in range(4)}
    assert len(orders) > 1  # a new order each epoch


def test_train_steps_starts_from_w0_b0():
    steps = L.train_steps("delta", X01, AND01, lr=0.1, w0=[1.0, -1.0], b0=0.5)
    np.testing.assert_array_equal(steps[0].w_before, [1.0, -1.0])
    assert steps[0].b_before == 0.5


@pytest.mark.parametrize("encoding", ["binary", "bipolar"])
def test_perceptron_via_train_steps_learns_and(encoding):
    X, y = (X01, AND01) if encoding == "binary" else (XPM, ANDPM)
    steps = L.train_steps("perceptron", X, y, lr=1.0, epochs=10, encoding=encoding)
    summary = L.epoch_errors(steps, X, y, encoding=encoding)
    assert summary.updates[-1] == 0
    assert summary.misclassified[-1] == 0
    last = steps[-1]
    np.testing.assert_array_equal(L.classify(last.w_after, last.b_after, X, encoding), y)


def test_train_steps_perceptron_matches_the_perceptron_class():
    steps = L.train_steps("perceptron", X01, AND01, lr=1.0, epochs=6)
    model = Perceptron(lr=1.0).fit(X01, AND01)
    ends = [s for s in steps if s.index == 3][: model.n_epochs_]
    for s, (w, b) in zip(ends, model.weights_history_, strict=True):
        np.testing.assert_array_equal(s.w_after, w)
        assert s.b_after == b
    summary = L.epoch_errors(steps, X01, AND01)
    np.testing.assert_array_equal(summary.updates[: model.n_epochs_], model.updates_)
    np.testing.assert_array_equal(summary.misclassified[: model.n_epochs_], model.misclassified_)


def test_xor_updates_and_misclassified_are_different_counts():
    # XOR with the rows in order: the perceptron fixes 3-4 mistakes during each pass, yet after
    # every pass exactly 2 of the 4 rows are wrong (no line gets more than 3 right, and the
    # cycle it falls into ends each pass with 2 right).
    XOR = np.array([0, 1, 1, 0], dtype=float)
    summary = L.epoch_errors(L.train_steps("perceptron", X01, XOR, lr=1.0, epochs=8), X01, XOR)
    np.testing.assert_array_equal(summary.updates, [3, 3, 4, 4, 4, 4, 4, 4])
    np.testing.assert_array_equal(summary.misclassified, [2] * 8)


# --------------------------------------------------------------------------- the two formulas


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(-3, 3), min_size=6, max_size=6), st.floats(0.01, 1.0))
def test_perceptron_and_delta_steps_are_the_one_error_correction_rule(values, lr):
    w, x, b = np.array(values[:2]), np.array(values[2:4]), values[4]
    y = float(values[5] > 0)
    for u, y_hat in ((L.perceptron_step(w, b, x, y, lr), float(x @ w + b >= 0)),
                     (L.delta_step(w, b, x, y, lr), float(x @ w + b))):
        dw, db = L.error_correction_rule(x, y, y_hat, lr)
        np.testing.assert_allclose(u.dw, dw)
        assert u.db == pytest.approx(db) and u.y_hat == pytest.approx(y_hat)


def test_error_correction_rule_on_a_batch_is_the_mean_of_the_one_sample_updates():
    rng = np.random.default_rng(0)
    X, y, y_hat = rng.normal(size=(5, 3)), rng.normal(size=5), rng.normal(size=5)
    dw, db = L.error_correction_rule(X, y, y_hat, 0.3)
    singles = [L.error_correction_rule(X[i], y[i], y_hat[i], 0.3) for i in range(5)]
    np.testing.assert_allclose(dw, np.mean([d for d, _ in singles], axis=0))
    assert db == pytest.approx(np.mean([d for _, d in singles]))
    assert isinstance(db, float)


def test_hebb_train_is_the_hebb_rule_summed_over_rows():
    w, b = L.hebb_train(XPM, ANDPM, lr=0.5, epochs=3)
    dws = [L.hebb_rule(x, t, 0.5) for x, t in zip(XPM, ANDPM)]
    np.testing.assert_allclose(w, 3 * np.sum([d for d, _ in dws], axis=0))
    assert b == pytest.approx(3 * sum(d for _, d in dws))


def test_encodings_come_from_the_one_source_in_datasets():
    from nnlib.datasets import logic

    assert L.ENCODINGS is logic.ENCODINGS
    assert L.threshold_output(np.array([-0.1, 0.0]), "bipolar").tolist() == list(logic.LEVELS["bipolar"])


def test_delta_rule_mse_falls_towards_least_squares():
    steps = L.train_steps("delta", XPM, ANDPM, lr=0.05, epochs=200)
    mse = L.epoch_errors(steps, XPM, ANDPM, encoding="bipolar").mse
    A = np.column_stack([XPM, np.ones(4)])
    best = np.mean((A @ np.linalg.lstsq(A, ANDPM, rcond=None)[0] - ANDPM) ** 2)
    assert mse[-1] < mse[0]
    assert mse[-1] == pytest.approx(best, abs=0.01)


def test_classify_thresholds():
    z = [[-1.0], [0.0], [0.3], [0.7]]
    np.testing.assert_array_equal(L.classify([1.0], 0.0, z), [0, 1, 1, 1])
    np.testing.assert_array_equal(L.classify([1.0], 0.0, z, threshold=0.5), [0, 0, 0, 1])
    np.testing.assert_array_equal(
        L.classify([1.0], 0.0, [[-1.0], [0.0]], encoding="bipolar"), [-1.0, 1.0]
    )


# --------------------------------------------------------------------------- bad input

STEP = L.train_steps("hebb", XPM, ANDPM, lr=1.0)

BAD_CALLS = [
    # (call, exception, message must start with)
    (lambda: L.hebb_step([[1.0, 2.0]], 0.0, [1.0, 2.0], 1.0), ValueError, "w"),
    (lambda: L.hebb_step([1.0, 2.0], 0.0, [1.0, 2.0, 3.0], 1.0), ValueError, "x"),
    (lambda: L.hebb_step([1.0, 2.0], 0.0, [1.0, np.nan], 1.0), ValueError, "x"),
    (lambda: L.hebb_step([1.0, 2.0], np.nan, [1.0, 2.0], 1.0), ValueError, "b"),
    (lambda: L.hebb_step([], 0.0, [], 1.0), ValueError, "w"),
    (lambda: L.hebb_step([1.0], 0.0, [1.0], "yes"), TypeError, "y"),
    (lambda: L.hebb_step([1.0], 0.0, [1.0], 1.0, lr=0), ValueError, "lr"),
    (lambda: L.perceptron_step([1.0], 0.0, [1.0], 2), ValueError, "y"),
    (lambda: L.perceptron_step([1.0], 0.0, [1.0], 0, encoding="bipolar"), ValueError, "y"),
    (lambda: L.perceptron_step([1.0], 0.0, [1.0], 1, encoding="unipolar"), ValueError, "encoding"),
    (lambda: L.perceptron_step([1.0], 0.0, [1.0], 1, lr=-1.0), ValueError, "lr"),
    (lambda: L.perceptron_step([1.0], 0.0, "ab", 1), TypeError, "x"),
    (lambda: L.delta_step([1.0], 0.0, [1.0], np.inf), ValueError, "y"),
    (lambda: L.delta_step([1.0], 0.0, [1.0], 1.0, lr=0.0), ValueError, "lr"),
    (lambda: L.train_steps("oja", X01, AND01, lr=1.0), ValueError, "rule"),
    (lambda: L.train_steps("hebb", [1.0, 2.0], [1.0, 2.0], lr=1.0), ValueError, "X"),
    (lambda: L.train_steps("hebb", np.empty((0, 2)), [], lr=1.0), ValueError, "X"),
    (lambda: L.train_steps("hebb", [[np.nan, 1.0]], [1.0], lr=1.0), ValueError, "X"),
    (lambda: L.train_steps("hebb", X01, AND01[:3], lr=1.0), ValueError, "y"),
    (lambda: L.train_steps("hebb", X01, [[0, 0, 0, 1]], lr=1.0), ValueError, "y"),
    (lambda: L.train_steps("hebb", X01, AND01, lr=0.0), ValueError, "lr"),
    (lambda: L.train_steps("hebb", X01, AND01, lr=1.0, epochs=0), ValueError, "epochs"),
    (lambda: L.train_steps("hebb", X01, AND01, lr=1.0, epochs=1.5), TypeError, "epochs"),
    (lambda: L.train_steps("hebb", X01, AND01, lr=1.0, w0=[0.0]), ValueError, "w0"),
    (lambda: L.train_steps("hebb", X01, AND01, lr=1.0, b0=None), TypeError, "b0"),
    (lambda: L.train_steps("hebb", X01, AND01, lr=1.0, encoding="ternary"), ValueError, "encoding"),
    (lambda: L.train_steps("hebb", X01, AND01, lr=1.0, shuffle="yes"), TypeError, "shuffle"),
    (lambda: L.train_steps("hebb", X01, AND01, 1.0, random_state="x"), TypeError, "random_state"),
    (lambda: L.train_steps("perceptron", X01, ANDPM, lr=1.0), ValueError, "y"),
    (lambda: L.classify([1.0, 1.0], 0.0, [[1.0, 2.0, 3.0]]), ValueError, "X"),
    (lambda: L.classify([1.0], 0.0, [[1.0]], encoding="sign"), ValueError, "encoding"),
    (lambda: L.epoch_errors([], XPM, ANDPM), ValueError, "steps"),
    (lambda: L.epoch_errors(STEP, XPM[:, :1], ANDPM), ValueError, "X"),
    (lambda: L.epoch_errors(STEP, XPM, ANDPM[:2]), ValueError, "y"),
    (lambda: L.hebb_train(X01, AND01, lr=-0.5), ValueError, "lr"),
    (lambda: L.hebb_train(X01, AND01, epochs=0), ValueError, "epochs"),
    (lambda: L.hebb_train(X01, AND01[:2]), ValueError, "y"),
    (lambda: L.hebb_train([[1.0, np.nan]], [1.0]), ValueError, "X"),
]


@pytest.mark.parametrize("call, exc, name", BAD_CALLS)
def test_bad_input_names_the_argument(call, exc, name):
    with pytest.raises(exc, match=rf"^{name}\b"):
        call()


def test_unknown_rule_lists_the_valid_ones():
    with pytest.raises(ValueError, match="'hebb', 'perceptron', 'delta'"):
        L.train_steps("widrow", X01, AND01, lr=1.0)
