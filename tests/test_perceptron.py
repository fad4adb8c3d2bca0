"""Perceptron and Adaline: convergence, XOR, least squares, divergence, sklearn compatibility."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.datasets import make_blobs
from sklearn.exceptions import ConvergenceWarning, NotFittedError
from sklearn.model_selection import cross_val_score

from nnlib.perceptron import Adaline, Perceptron

X01 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
GATES = {
    "AND": np.array([0, 0, 0, 1]),
    "OR": np.array([0, 1, 1, 1]),
    "NAND": np.array([1, 1, 1, 0]),
}
XOR = np.array([0, 1, 1, 0])


def separable_set(seed, n=40, margin=0.1):
    """Points in [-1, 1]² labelled by a random line, keeping only those at least ``margin`` away.

    The margin is measured for the augmented vector (w, b) of unit length, so the perceptron
    convergence theorem bounds the number of updates by (R / margin)² with R² = 3: at most 300.
    """
    rng = np.random.default_rng(seed)
    wb = rng.normal(size=3)
    wb[2] *= 0.5  # keep the line through the square most of the time
    wb /= np.linalg.norm(wb)
    points = rng.uniform(-1, 1, size=(20 * n, 2))
    z = points @ wb[:2] + wb[2]
    keep = np.abs(z) >= margin
    X, y = points[keep][:n], (z[keep][:n] > 0).astype(int)
    return X, y


def well_conditioned(seed=0, n=60, d=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = (X @ rng.normal(size=d) + 0.5 * rng.normal(size=n) > 0).astype(int)
    return X, y


def least_squares(X, t):
    A = np.column_stack([X, np.ones(len(X))])
    return np.linalg.lstsq(A, t, rcond=None)[0]


# --------------------------------------------------------------------------- Perceptron


@pytest.mark.parametrize("gate", GATES)
@pytest.mark.parametrize("labels", ["binary", "bipolar", "strings"])
def test_perceptron_learns_linearly_separable_gates(gate, labels):
    y = GATES[gate]
    y = {"binary": y, "bipolar": 2 * y - 1, "strings": np.array(["off", "on"])[y]}[labels]
    p = Perceptron().fit(X01, y)
    assert p.converged_ is True
    assert p.updates_[-1] == 0 and all(e > 0 for e in p.updates_[:-1])
    assert p.misclassified_[-1] == 0
    assert p.n_epochs_ == len(p.updates_) == len(p.misclassified_) == len(p.weights_history_) < p.max_epochs
    np.testing.assert_array_equal(p.predict(X01), y)
    assert p.score(X01, y) == 1.0
    # The decision function's sign agrees with the prediction.
    np.testing.assert_array_equal(p.classes_[(p.decision_function(X01) >= 0).astype(int)], y)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    shuffle=st.booleans(),
    init=st.sampled_from(["zeros", "random"]),
    lr=st.sampled_from([0.1, 1.0]),
)
def test_perceptron_converges_on_any_separable_set(seed, shuffle, init, lr):
    X, y = separable_set(seed)
    if len(np.unique(y)) < 2:
        return  # the random line missed the square; nothing to separate
    p = Perceptron(lr=lr, max_epochs=400, shuffle=shuffle, init=init, random_state=seed).fit(X, y)
    assert p.converged_ and p.updates_[-1] == 0 and p.misclassified_[-1] == 0
    assert p.score(X, y) == 1.0
    # Convergence theorem: total updates <= (R / margin)^2 = 3 / 0.1^2 (+ slack for init="random").
    assert sum(p.updates_) <= 310


@pytest.mark.parametrize("shuffle", [False, True])
def test_perceptron_never_converges_on_xor(shuffle):
    with pytest.warns(ConvergenceWarning, match="cannot be separated by a straight line"):
        p = Perceptron(max_epochs=50, shuffle=shuffle, random_state=0).fit(X01, XOR)
    assert p.converged_ is False
    assert p.n_epochs_ == 50
    assert min(p.updates_) > 0  # no epoch is ever mistake-free
    assert min(p.misclassified_) >= 1  # no line gets all four rows
    assert p.score(X01, XOR) <= 0.75
    if not shuffle:
        # With a fixed order and integer steps the weights are bounded and must cycle.
        seen = [tuple(np.append(w, b)) for w, b in p.weights_history_]
        assert len(set(seen)) < len(seen)


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")  # deliberately short runs
def test_perceptron_on_xor_counts_updates_and_misclassified_separately():
    p = Perceptron(lr=0.1, max_epochs=20).fit(X01, XOR)
    # During each pass the rule corrects 3 (epochs 1-2) or 4 mistakes, but the weights it ends a
    # pass with always get exactly 2 of the 4 rows wrong.
    assert p.updates_ == [3, 3] + [4] * 18
    assert p.misclassified_ == [2] * 20
    assert p.errors_ is p.updates_  # the old name is the same list
    for (w, b), wrong in zip(p.weights_history_, p.misclassified_, strict=True):
        assert np.sum((X01 @ w + b >= 0).astype(int) != XOR) == wrong


def test_perceptron_misclassified_is_counted_after_the_epoch():
    p = Perceptron().fit(X01, GATES["AND"])
    assert p.updates_ == [2, 3, 3, 2, 1, 0]
    assert p.misclassified_ == [3, 2, 1, 2, 0, 0]  # the 5th epoch's last update fixed everything


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")  # deliberately short runs
def test_perceptron_update_is_the_learning_rules_one(monkeypatch):
    import nnlib.perceptron as P

    calls = []
    real = P.error_correction_rule

    def spy(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(P, "error_correction_rule", spy)
    p = Perceptron().fit(X01, GATES["OR"])
    assert len(calls) == sum(p.updates_) > 0
    monkeypatch.setattr(P, "error_correction_rule", lambda *a: (np.zeros(2), 0.0))
    assert Perceptron(max_epochs=3).fit(X01, GATES["OR"]).w_.tolist() == [0.0, 0.0]


def test_perceptron_lr_only_rescales_zero_initialised_weights():
    X, y = separable_set(5)
    a = Perceptron(lr=1.0).fit(X, y)
    b = Perceptron(lr=0.01).fit(X, y)
    assert a.updates_ == b.updates_ and a.misclassified_ == b.misclassified_
    np.testing.assert_allclose(b.w_, 0.01 * a.w_)
    assert b.b_ == pytest.approx(0.01 * a.b_)


def test_perceptron_partial_fit_is_one_epoch_of_fit():
    y = GATES["AND"]
    full = Perceptron().fit(X01, y)
    p = Perceptron()
    for epoch in range(full.n_epochs_):
        p.partial_fit(X01, y)
        assert p.n_epochs_ == epoch + 1
        assert p.updates_ == full.updates_[: epoch + 1]
        assert p.misclassified_ == full.misclassified_[: epoch + 1]
    np.testing.assert_array_equal(p.w_, full.w_)
    assert p.b_ == full.b_ and p.converged_


def test_perceptron_partial_fit_classes():
    p = Perceptron().partial_fit(X01[:3], [0, 0, 0], classes=[0, 1])  # y alone has one class
    np.testing.assert_array_equal(p.classes_, [0, 1])
    p.partial_fit(X01[3:], [1])
    assert p.n_epochs_ == 2
    with pytest.raises(ValueError, match="^y must contain exactly two classes"):
        Perceptron().partial_fit(X01[:3], [0, 0, 0])
    with pytest.raises(ValueError, match="^classes must match"):
        p.partial_fit(X01, GATES["AND"], classes=["a", "b"])
    with pytest.raises(ValueError, match="^y contains labels not seen"):
        p.partial_fit(X01, [0, 1, 2, 1])
    with pytest.raises(ValueError, match="^X must have 2 features"):
        p.partial_fit(np.ones((2, 3)), [0, 1])


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")  # deliberately short runs
def test_perceptron_fit_restarts_and_random_init_is_seeded():
    p = Perceptron().fit(X01, XOR)
    p.fit(X01, GATES["OR"])
    assert p.converged_ and p.n_epochs_ < 10
    a = Perceptron(init="random", random_state=3).fit(X01, XOR)
    b = Perceptron(init="random", random_state=3).fit(X01, XOR)
    c = Perceptron(init="random", random_state=4).fit(X01, XOR)
    np.testing.assert_array_equal(a.w_, b.w_)
    assert not np.array_equal(a.w_, c.w_)


# --------------------------------------------------------------------------- Adaline


@pytest.mark.parametrize("encoding, levels", [("binary", (0.0, 1.0)), ("bipolar", (-1.0, 1.0))])
def test_adaline_full_batch_reaches_the_least_squares_solution(encoding, levels):
    X, y = well_conditioned()
    ada = Adaline(lr=0.2, max_epochs=2000, encoding=encoding).fit(X, y)
    t = np.asarray(levels)[y]
    expected = least_squares(X, t)
    np.testing.assert_allclose(ada.w_, expected[:-1], atol=1e-4)
    assert ada.b_ == pytest.approx(expected[-1], abs=1e-4)
    assert ada.converged_ and not ada.diverged_
    assert len(ada.losses_) == ada.n_epochs_ == 2000
    # Full-batch descent on a convex bowl with a small step never goes uphill.
    assert np.all(np.diff(ada.losses_) <= 1e-15)
    A = np.column_stack([X, np.ones(len(X))])
    assert ada.losses_[-1] == pytest.approx(np.mean((A @ expected - t) ** 2), rel=1e-8)


def test_adaline_tol_stops_early():
    X, y = well_conditioned()
    ada = Adaline(lr=0.2, max_epochs=5000, tol=1e-9).fit(X, y)
    assert ada.converged_ and ada.n_epochs_ < 5000
    assert abs(ada.losses_[-2] - ada.losses_[-1]) <= 1e-9


def test_adaline_reports_not_converged_when_stopped_too_early():
    X, y = well_conditioned()
    with pytest.warns(ConvergenceWarning, match="Adaline did not converge in 5 epoch"):
        ada = Adaline(lr=0.001, max_epochs=5).fit(X, y)
    assert not ada.converged_ and not ada.diverged_ and ada.n_epochs_ == 5


def test_adaline_predict_thresholds_at_the_midpoint():
    X, y = make_blobs(n_samples=80, centers=[[-1, -1], [1, 1]], cluster_std=0.9, random_state=2)
    for encoding, mid in [("binary", 0.5), ("bipolar", 0.0)]:
        ada = Adaline(lr=0.1, max_epochs=300, encoding=encoding).fit(X, y)
        z = ada.net_input(X)
        assert np.any(np.abs(z - mid) < 0.3)  # some points are near the threshold: a real test
        np.testing.assert_array_equal(ada.predict(X), (z >= mid).astype(int))
        np.testing.assert_allclose(ada.decision_function(X), z - mid)
        assert ada.score(X, y) >= 0.85


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")  # deliberately short runs
def test_adaline_stochastic_learns_and_is_seeded():
    X, y = make_blobs(n_samples=80, centers=[[-2, -2], [2, 2]], cluster_std=0.7, random_state=0)
    a = Adaline(lr=0.01, max_epochs=30, batch="stochastic", random_state=1).fit(X, y)
    b = Adaline(lr=0.01, max_epochs=30, batch="stochastic", random_state=1).fit(X, y)
    c = Adaline(lr=0.01, max_epochs=30, batch="stochastic", random_state=2).fit(X, y)
    np.testing.assert_array_equal(a.w_, b.w_)
    assert not np.array_equal(a.w_, c.w_)
    assert a.score(X, y) == 1.0
    assert a.losses_[-1] < a.losses_[0]
    expected = least_squares(X, y.astype(float))
    np.testing.assert_allclose(np.append(a.w_, a.b_), expected, atol=0.05)  # LMS jitters near it


@pytest.mark.parametrize(
    "params",
    [
        dict(lr=5.0),  # grows by a moderate factor per epoch: caught at 1e6x, long before overflow
        dict(lr=1e200),  # the very first loss overflows
        dict(lr=5.0, batch="stochastic"),
    ],
)
def test_adaline_divergence_is_detected_without_numpy_warnings(params):
    X, y = well_conditioned()
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.warns(RuntimeWarning, match="Adaline diverged") as record:
            ada = Adaline(max_epochs=1000, **params).fit(X, y)
        assert len(record) == 1  # ours only: no overflow/invalid warning from numpy
        assert f"lr={params['lr']:g}" in str(record[0].message)
        assert ada.diverged_ and not ada.converged_
        assert ada.n_epochs_ < 1000
        assert np.all(np.isfinite(ada.w_)) and np.isfinite(ada.b_)
        ada.predict(X)  # the kept (finite) weights still give predictions, silently
    best = min([np.mean(y**2)] + ada.losses_[:-1])  # the starting weights' loss counts too
    assert ada.losses_[-1] > 1e6 * best
    assert all(np.isfinite(ada.losses_[:-1]))


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")  # deliberately short runs
def test_adaline_divergence_keeps_the_last_good_weights():
    X, y = well_conditioned()
    with pytest.warns(RuntimeWarning, match=r"lr=5\b"):
        ada = Adaline(lr=5.0, max_epochs=1000).fit(X, y)
    # Re-run the accepted epochs: the kept weights are those after the last accepted epoch
    # (the loss grows every epoch here, so the last accepted one is the one before the stop).
    replay = Adaline(lr=5.0, max_epochs=ada.n_epochs_ - 1).fit(X, y)
    np.testing.assert_array_equal(ada.w_, replay.w_)
    assert ada.b_ == replay.b_ and not replay.diverged_
    # lr=1e200 overflows in the first epoch: the kept weights are the zero start.
    with pytest.warns(RuntimeWarning, match="lr=1e"):
        ada = Adaline(lr=1e200).fit(X, y)
    assert ada.n_epochs_ == 1 and ada.losses_ == [np.inf]
    np.testing.assert_array_equal(ada.w_, np.zeros(3))
    assert ada.b_ == 0.0


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")  # deliberately short runs
def test_adaline_full_batch_step_is_the_batch_error_correction_rule():
    from nnlib.learning_rules import error_correction_rule

    X, y = well_conditioned()
    ada = Adaline(lr=0.05, max_epochs=1).fit(X, y)
    dw, db = error_correction_rule(X, y.astype(float), np.zeros(len(X)), 0.05)
    np.testing.assert_allclose(ada.w_, dw)
    assert ada.b_ == pytest.approx(db)


# --------------------------------------------------------------------------- scikit-learn


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")  # deliberately short runs
@pytest.mark.parametrize("model", [Perceptron(lr=0.5, max_epochs=7), Adaline(lr=0.05, tol=1e-6)])
def test_sklearn_clone_and_params(model):
    params = model.get_params()
    expected = {
        Perceptron: dict(lr=0.5, max_epochs=7, shuffle=False, random_state=0, init="zeros"),
        Adaline: dict(lr=0.05, max_epochs=200, batch="full", shuffle=True, random_state=0,
                      tol=1e-6, encoding="binary"),
    }[type(model)]  # fmt: skip
    assert params == expected
    model.fit(X01, GATES["OR"])
    copy = clone(model)
    assert copy.get_params() == params
    assert not hasattr(copy, "w_")
    copy.set_params(max_epochs=3)
    assert copy.max_epochs == 3 and model.max_epochs != 3


@pytest.mark.parametrize("model", [Perceptron(), Adaline(lr=0.05)])
def test_sklearn_cross_val_score_on_blobs(model):
    X, y = make_blobs(n_samples=100, centers=[[-2, -2], [2, 2]], cluster_std=0.8, random_state=0)
    scores = cross_val_score(model, X, y, cv=5)
    assert scores.shape == (5,) and scores.mean() >= 0.95


@pytest.mark.parametrize("cls", [Perceptron, Adaline])
def test_string_and_bipolar_labels(cls):
    X, y = make_blobs(n_samples=60, centers=[[-2, -2], [2, 2]], cluster_std=0.5, random_state=1)
    names = np.array(["cat", "dog"])[y]
    model = cls().fit(X, names)
    np.testing.assert_array_equal(model.classes_, ["cat", "dog"])
    np.testing.assert_array_equal(model.predict(X), names)
    bipolar = cls().fit(X, 2 * y - 1)
    np.testing.assert_array_equal(bipolar.predict(X), 2 * y - 1)


@pytest.mark.parametrize("cls", [Perceptron, Adaline])
def test_unfitted_model_refuses_to_predict(cls):
    with pytest.raises(NotFittedError):
        cls().predict(X01)


# --------------------------------------------------------------------------- bad input

Y = GATES["AND"]
BAD_FITS = [
    # (params, X, y, exception, message must start with)
    ({}, [0.0, 1.0, 1.0, 0.0], Y, ValueError, "X"),
    ({}, [[0.0, np.nan]] * 4, Y, ValueError, "X"),
    ({}, np.empty((0, 2)), [], ValueError, "X"),
    ({}, [["a", "b"]] * 4, Y, TypeError, "X"),
    ({}, X01, Y[:3], ValueError, "y"),
    ({}, X01, [[0, 0], [0, 1], [1, 0], [1, 1]], ValueError, "y"),
    ({}, X01, [0.0, np.nan, 1.0, 1.0], ValueError, "y"),
    ({}, X01, [0, 1, 2, 1], ValueError, "y must contain exactly two classes"),
    ({}, X01, [1, 1, 1, 1], ValueError, "y must contain exactly two classes"),
    ({"lr": 0}, X01, Y, ValueError, "lr"),
    ({"lr": -0.1}, X01, Y, ValueError, "lr"),
    ({"lr": "fast"}, X01, Y, TypeError, "lr"),
    ({"max_epochs": 0}, X01, Y, ValueError, "max_epochs"),
    ({"max_epochs": 2.5}, X01, Y, TypeError, "max_epochs"),
    ({"shuffle": "yes"}, X01, Y, TypeError, "shuffle"),
    ({"random_state": "seed"}, X01, Y, TypeError, "random_state"),
]
PERCEPTRON_ONLY = [({"init": "ones"}, X01, Y, ValueError, "init")]
ADALINE_ONLY = [
    ({"batch": "mini"}, X01, Y, ValueError, "batch"),
    ({"tol": 0.0}, X01, Y, ValueError, "tol"),
    ({"encoding": "unipolar"}, X01, Y, ValueError, "encoding"),
]


@pytest.mark.parametrize(
    "cls, params, X, y, exc, start",
    [(Perceptron, *case) for case in BAD_FITS + PERCEPTRON_ONLY]
    + [(Adaline, *case) for case in BAD_FITS + ADALINE_ONLY],
)
def test_bad_fit_input_names_the_argument(cls, params, X, y, exc, start):
    with pytest.raises(exc, match=rf"^{start}\b"):
        cls(**params).fit(X, y)


def test_bad_partial_fit_input_names_the_argument():
    with pytest.raises(ValueError, match=r"^classes must contain exactly two classes"):
        Perceptron().partial_fit(X01, Y, classes=[0, 1, 2])
    with pytest.raises(ValueError, match=r"^lr\b"):
        Perceptron(lr=0).partial_fit(X01, Y)
    with pytest.raises(ValueError, match=r"^X\b"):
        Perceptron().partial_fit([[np.nan, 0.0]], [1], classes=[0, 1])


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")  # deliberately short runs
@pytest.mark.parametrize("cls", [Perceptron, Adaline])
@pytest.mark.parametrize(
    "X, start",
    [([[0.0, 1.0, 2.0]], "X must have 2 features"), ([0.0, 1.0], "X"), ([[np.inf, 0.0]], "X")],
)
def test_bad_predict_input_names_the_argument(cls, X, start):
    model = cls().fit(X01, Y)
    for method in (model.predict, model.net_input, model.decision_function):
        with pytest.raises(ValueError, match=rf"^{start}\b"):
            method(X)
