"""MLPClassifier / MLPRegressor: learning, scikit-learn compatibility, determinism, bad inputs."""

import time
import warnings

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import load_digits
from sklearn.exceptions import NotFittedError
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import cross_val_score, train_test_split

from nnlib.layers import Dense, MeanSquaredError, ReLU, SoftmaxCrossEntropy, Tanh
from nnlib.mlp import PARAMETERS, MLPClassifier, MLPRegressor
from nnlib.network import Network
from nnlib.optimizers import Adam, Momentum

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([0, 1, 1, 0])


def blobs(n=120, seed=0):
    """Three well separated 2-D clusters (labels 0, 1, 2)."""
    rng = np.random.default_rng(seed)
    centers = np.array([[-2.0, 0.0], [2.0, 0.0], [0.0, 2.5]])
    y = np.arange(n) % 3
    return centers[y] + rng.normal(scale=0.5, size=(n, 2)), y


@pytest.fixture(scope="module")
def digits():
    d = load_digits()
    return train_test_split(d.data / 16.0, d.target, test_size=0.25, stratify=d.target, random_state=0)


# -- learning --------------------------------------------------------------------------------------
def test_learns_xor_from_a_fixed_seed():
    model = MLPClassifier(hidden_sizes=(8,), activation="tanh", lr=0.05, epochs=300, random_state=0)
    model.fit(XOR_X, XOR_Y)
    np.testing.assert_array_equal(model.predict(XOR_X), XOR_Y)
    assert model.score(XOR_X, XOR_Y) == 1.0
    assert model.loss_history_[-1] < 0.05 < model.loss_history_[0]


def test_digits_reach_95_percent_in_a_few_seconds(digits):
    X_train, X_test, y_train, y_test = digits
    t0 = time.perf_counter()
    model = MLPClassifier(hidden_sizes=(64,), epochs=20, random_state=0).fit(X_train, y_train, X_test, y_test)
    seconds = time.perf_counter() - t0
    assert model.score(X_test, y_test) >= 0.95
    assert seconds < 10  # typically well under a second
    assert len(model.val_accuracy_history_) == len(model.val_loss_history_) == model.n_iter_ == 20
    assert model.val_accuracy_history_[-1] == pytest.approx(model.score(X_test, y_test))
    assert model.accuracy_history_[-1] > model.accuracy_history_[0]


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh", "leaky_relu"])
def test_every_optimizer_and_activation_learns_blobs(optimizer, activation):
    X, y = blobs()
    lr = {"sgd": 0.5, "momentum": 0.05, "adam": 0.02}[optimizer]
    model = MLPClassifier(hidden_sizes=(8,), activation=activation, optimizer=optimizer, lr=lr,
                          batch_size=16, epochs=30).fit(X, y)
    assert model.score(X, y) > 0.95
    assert model.loss_history_[-1] < model.loss_history_[0]


def test_float32_model_learns_and_computes_in_float32(digits):
    X_train, X_test, y_train, y_test = digits
    model = MLPClassifier(hidden_sizes=(32,), epochs=10, dtype="float32").fit(X_train, y_train)
    assert all(W.dtype == np.float32 for W in model.coefs_)
    assert model.predict_proba(X_test).dtype == np.float32
    assert model.score(X_test, y_test) > 0.93


def test_softmax_regression_with_no_hidden_layer():
    X, y = blobs()
    model = MLPClassifier(hidden_sizes=(), lr=0.05, epochs=30).fit(X, y)
    assert [W.shape for W in model.coefs_] == [(2, 3)]
    assert model.score(X, y) > 0.95


def test_l2_shrinks_the_weights():
    X, y = blobs()
    norms = [sum(float(np.sum(W**2)) for W in MLPClassifier(hidden_sizes=(8,), l2=l2, epochs=30).fit(X, y).coefs_)
             for l2 in (0.0, 0.1)]
    assert norms[1] < 0.5 * norms[0]


def test_l1_shrinks_the_sum_of_absolute_weights():
    X, y = blobs()
    sums = [sum(float(np.sum(np.abs(W))) for W in MLPClassifier(hidden_sizes=(8,), l1=l1, epochs=30).fit(X, y).coefs_)
            for l1 in (0.0, 0.05)]
    assert sums[1] < 0.5 * sums[0]


# -- scikit-learn compatibility --------------------------------------------------------------------
def test_cross_val_score_clone_and_confusion_matrix():
    X, y = blobs()
    model = MLPClassifier(hidden_sizes=(8,), epochs=20)
    scores = cross_val_score(model, X, y, cv=3)
    assert scores.shape == (3,) and scores.min() > 0.9
    assert not hasattr(model, "classes_")  # cross_val_score fitted clones, not the model itself
    twin = clone(model)
    assert twin.get_params() == model.get_params() and twin is not model
    model.fit(X, y)
    cm = confusion_matrix(y, model.predict(X))
    assert cm.shape == (3, 3) and np.trace(cm) > 0.95 * len(y)
    model.set_params(epochs=3, lr=0.001)
    assert model.get_params()["epochs"] == 3


def test_string_labels_and_classes():
    X, y = blobs()
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    model = MLPClassifier(hidden_sizes=(8,), epochs=20).fit(X, names)
    np.testing.assert_array_equal(model.classes_, ["setosa", "versicolor", "virginica"])
    assert model.predict(X[:5]).dtype.kind == "U"
    assert model.score(X, names) > 0.95
    proba = model.predict_proba(X[:5])
    np.testing.assert_array_equal(model.classes_[proba.argmax(axis=1)], model.predict(X[:5]))
    cm = confusion_matrix(names, model.predict(X), labels=model.classes_)
    assert cm.sum() == len(X)


def test_same_seed_same_run_and_other_seed_other_run():
    X, y = blobs()
    runs = [MLPClassifier(hidden_sizes=(8,), epochs=5, random_state=s).fit(X, y).loss_history_ for s in (3, 3, 4)]
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]
    rng_a, rng_b = np.random.default_rng(5), np.random.default_rng(5)
    a = MLPClassifier(hidden_sizes=(8,), epochs=3, random_state=rng_a).fit(X, y).loss_history_
    b = MLPClassifier(hidden_sizes=(8,), epochs=3, random_state=rng_b).fit(X, y).loss_history_
    assert a == b


def test_refit_restarts_from_scratch():
    X, y = blobs()
    model = MLPClassifier(hidden_sizes=(8,), epochs=4)
    first = list(model.fit(X, y, X_val=X[:10], y_val=y[:10]).loss_history_)
    assert len(model.val_accuracy_history_) == 4
    assert model.fit(X, y).loss_history_ == first and model.n_iter_ == 4
    assert not hasattr(model, "val_accuracy_history_")  # no stale validation history


# -- the rest of the public API --------------------------------------------------------------------
def test_network_coefs_and_intercepts_are_the_live_arrays():
    model = MLPClassifier(hidden_sizes=(5,), activation="tanh").initialize(3, ["a", "b", "c"])
    net = model.network_
    assert isinstance(net, Network)
    assert [type(layer) for layer in net.layers] == [Dense, Tanh, Dense]
    assert isinstance(net.loss, SoftmaxCrossEntropy) and isinstance(net.optimizer, Adam)
    assert [W.shape for W in model.coefs_] == [(3, 5), (5, 3)]
    assert [b.shape for b in model.intercepts_] == [(5,), (3,)]
    assert model.coefs_[0] is net.layers[0].W and net.params()[0] is net.layers[0].W
    X = np.ones((2, 3))
    model.intercepts_[1][:] = [0.0, 100.0, 0.0]  # writes through to the network
    np.testing.assert_array_equal(model.predict(X), ["b", "b"])
    assert model.n_features_in_ == 3 and model.n_iter_ == 0 and model.loss_history_ == []
    assert isinstance(MLPClassifier(hidden_sizes=(4, 4)).initialize(2, [0, 1]).network_.layers[1], ReLU)
    regressor = MLPRegressor(hidden_sizes=(4,), optimizer="momentum").initialize(2)
    assert isinstance(regressor.network_.loss, MeanSquaredError)
    assert isinstance(regressor.network_.optimizer, Momentum)


def test_fit_is_the_network_training_loop():
    # The wrapper adds nothing to the arithmetic: the same network trained by hand gives the same weights.
    X, y = blobs()
    model = MLPClassifier(hidden_sizes=(6,), epochs=3, batch_size=16, random_state=0).fit(X, y)
    twin = MLPClassifier(hidden_sizes=(6,), random_state=0).initialize(2, [0, 1, 2])
    rng = np.random.default_rng(0)
    rng.standard_normal((2, 6)), rng.standard_normal((6, 3))  # the draws that made the weights
    losses = [twin.network_.train_epoch(X, y, 16, rng)[0] for _ in range(3)]
    assert losses == model.loss_history_
    for a, b in zip(model.coefs_, twin.coefs_):
        np.testing.assert_array_equal(a, b)


def test_a_copied_model_trains_exactly_like_the_original():
    import copy
    import pickle

    X, y = blobs()
    model = MLPClassifier(hidden_sizes=(6,), optimizer="adam", epochs=2, random_state=0).fit(X, y)
    for twin in (copy.deepcopy(model), pickle.loads(pickle.dumps(model))):
        twin.partial_fit(X, y)
        assert twin.loss_history_[:2] == model.loss_history_
    model.partial_fit(X, y)
    assert twin.loss_history_ == model.loss_history_
    for a, b in zip(twin.coefs_ + twin.intercepts_, model.coefs_ + model.intercepts_):
        np.testing.assert_array_equal(a, b)


def test_a_layer_given_new_weights_trains_from_them():
    X, y = blobs()
    model = MLPClassifier(hidden_sizes=(6,), epochs=1, random_state=0).fit(X, y)
    model.network_.layers[0].W = np.full_like(model.coefs_[0], 0.1)  # a new array: no flat buffer to break
    model.partial_fit(X, y)
    assert not np.allclose(model.coefs_[0], 0.1)  # it trained, from the new weights


def test_partial_fit_trains_one_epoch_at_a_time():
    X, y = blobs()
    model = MLPClassifier(hidden_sizes=(8,), batch_size=16)
    for _ in range(15):
        model.partial_fit(X, y)
    assert model.n_iter_ == 15 and len(model.loss_history_) == 15 and len(model.accuracy_history_) == 15
    assert model.score(X, y) > 0.95
    # `classes` announces labels that the first batch lacks.
    partial = MLPClassifier(hidden_sizes=(8,)).partial_fit(X[y < 2], y[y < 2], classes=[0, 1, 2])
    np.testing.assert_array_equal(partial.classes_, [0, 1, 2])
    partial.partial_fit(X, y)
    with pytest.raises(ValueError, match="classes must equal classes_"):
        partial.partial_fit(X, y, classes=[0, 1])
    with pytest.raises(ValueError, match=r"y contains labels not in classes_ \[0, 1, 2\]: \[7\]"):
        partial.partial_fit(X[:2], [0, 7])
    with pytest.raises(ValueError, match="y contains labels not in classes_"):
        partial.partial_fit(X[:2], ["a", "b"])


def test_partial_fit_matches_fit_epoch_for_epoch():
    X, y = blobs()
    fitted = MLPClassifier(hidden_sizes=(8,), epochs=3).fit(X, y)
    stepped = MLPClassifier(hidden_sizes=(8,))
    for _ in range(3):
        stepped.partial_fit(X, y)
    assert stepped.loss_history_ == fitted.loss_history_


def test_loss_history_with_l2_is_the_loss_each_update_saw():
    X, y = blobs()
    model = MLPClassifier(hidden_sizes=(8,), l2=0.05, batch_size=len(X), epochs=3, random_state=0).fit(X, y)
    # Full batch: one update per epoch, so the loss it saw is the loss of the weights before it.
    twin = MLPClassifier(hidden_sizes=(8,), l2=0.05, batch_size=len(X), random_state=0).initialize(2, [0, 1, 2])
    net = twin.network_
    seen = []
    for _ in range(3):
        order = np.random.default_rng()  # full batch: the order does not change the loss
        seen.append(net.loss.forward(net.forward(X), y) + net.penalty())
        net.train_epoch(X, y, len(X), order)
    np.testing.assert_allclose(model.loss_history_, seen, rtol=1e-12)
    assert seen[0] > net.loss.forward(MLPClassifier(hidden_sizes=(8,), random_state=0).initialize(
        2, [0, 1, 2]).network_.forward(X), y)  # the penalty is in it


def test_progress_bar_and_silence(capsys):
    X, y = blobs(30)
    MLPClassifier(hidden_sizes=(4,), epochs=2, progress=False).fit(X, y)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    MLPClassifier(hidden_sizes=(4,), epochs=2, progress=True).fit(X, y)
    err = capsys.readouterr().err
    assert "loss=" in err and "2/2" in err


def test_huge_inputs_stay_finite_and_silent():
    X, y = blobs()
    model = MLPClassifier(hidden_sizes=(8,), epochs=2).fit(X, y)
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        proba = model.predict_proba(X * 1e4)
    assert np.all(np.isfinite(proba))


def test_divergence_on_raw_large_inputs_warns_once_naming_lr_and_stops():
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 1000, size=(60, 2))  # raw pixel-like scale, not standardised
    y = (X[:, 0] > X[:, 1]).astype(int)
    model = MLPClassifier(hidden_sizes=(8,), optimizer="sgd", lr=10.0, epochs=30)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(X, y)
    messages = [str(w.message) for w in caught]
    assert len(messages) == 1 and "lr=10" in messages[0] and "diverged" in messages[0], messages
    assert model.diverged_ and model.n_iter_ < 30
    assert all(np.isfinite(loss) and loss < 1e6 for loss in model.loss_history_)
    assert all(np.all(np.isfinite(W)) for W in model.coefs_)
    assert not MLPClassifier(hidden_sizes=(8,), epochs=5).fit(*blobs()).diverged_


def test_a_diverged_regressor_keeps_finite_weights_and_predictions():
    X = np.linspace(-1, 1, 20).reshape(-1, 1) * 100
    model = MLPRegressor(hidden_sizes=(8,), optimizer="sgd", lr=10.0, epochs=50)
    with pytest.warns(RuntimeWarning, match=r"MLPRegressor diverged .* lr=10"):
        model.fit(X, X[:, 0] ** 2)
    assert model.diverged_ and model.n_iter_ < 50
    assert all(np.all(np.isfinite(p)) for p in model.network_.params())
    assert np.all(np.isfinite(model.predict(X)))


# -- regression ------------------------------------------------------------------------------------
def test_regressor_fits_a_curve_and_scores_r2():
    X = np.linspace(-2, 2, 80).reshape(-1, 1)
    y = np.sin(X[:, 0])
    model = MLPRegressor(hidden_sizes=(16,), activation="tanh", lr=0.02, epochs=150).fit(X, y)
    assert model.predict(X).shape == (80,)
    assert model.score(X, y) > 0.98
    assert model.loss_history_[-1] < 0.005  # ½·MSE
    scores = cross_val_score(MLPRegressor(hidden_sizes=(16,), activation="tanh", lr=0.02, epochs=100), X, y, cv=2)
    assert scores.shape == (2,)


def test_regressor_multi_output_partial_fit_and_validation():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 3))
    Y = np.column_stack([X[:, 0] + X[:, 1], X[:, 2] * 2])
    model = MLPRegressor(hidden_sizes=(16,), epochs=60).fit(X, Y, X_val=X[:10], y_val=Y[:10])
    assert model.predict(X).shape == (60, 2) and model.n_outputs_ == 2
    assert model.score(X, Y) > 0.9
    assert len(model.val_loss_history_) == 60
    model.partial_fit(X, Y)
    assert model.n_iter_ == 61
    with pytest.raises(ValueError, match=r"y must have 2 output column\(s\); got 1"):
        model.partial_fit(X, Y[:, 0])
    r = MLPRegressor(hidden_sizes=(4,)).initialize(3)
    assert r.predict(X).shape == (60,) and not hasattr(r, "accuracy_history_")


# -- bad inputs ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "params, exc, match",
    [
        (dict(hidden_sizes=(16, 0)), ValueError, r"hidden_sizes \(each size\) must be >= 1"),
        (dict(hidden_sizes=(16, 2.5)), TypeError, r"hidden_sizes \(each size\) must be an integer"),
        (dict(hidden_sizes=None), TypeError, "hidden_sizes must be a tuple"),
        (dict(activation="step"), ValueError, "activation must be one of 'sigmoid'"),
        (dict(activation="swish"), ValueError, "activation must be one of"),
        (dict(optimizer="rmsprop"), ValueError, "optimizer must be one of 'sgd', 'momentum', 'adam'"),
        (dict(lr=0), ValueError, "lr must be > 0"),
        (dict(lr=-1.0), ValueError, "lr must be > 0"),
        (dict(batch_size=0), ValueError, "batch_size must be >= 1"),
        (dict(batch_size=2.5), TypeError, "batch_size must be an integer"),
        (dict(epochs=0), ValueError, "epochs must be >= 1"),
        (dict(l2=-0.1), ValueError, "l2 must be >= 0"),
        (dict(dtype="float16"), ValueError, "dtype must be 'float32' or 'float64'"),
        (dict(random_state="seed"), TypeError, "random_state must be None, an int"),
        (dict(progress="yes"), TypeError, "progress must be True or False"),
    ],
)
def test_bad_hyper_parameters_are_named_at_fit(params, exc, match):
    model = MLPClassifier(**params)  # stored unchanged: scikit-learn checks in fit
    with pytest.raises(exc, match=match):
        model.fit(XOR_X, XOR_Y)
    with pytest.raises(exc, match=match):
        MLPRegressor(**params).fit(XOR_X, XOR_Y.astype(float))
    assert {next(iter(params))} <= set(PARAMETERS) == set(MLPClassifier().get_params())  # one table


@pytest.mark.parametrize(
    "X, y, match",
    [
        ([0.0, 1.0, 1.0, 0.0], XOR_Y, r"X must be a 2-D array .* got shape \(4,\)"),
        (np.empty((0, 2)), [], "X must not be empty"),
        ([[np.nan, 0.0]] * 4, XOR_Y, "X must contain only finite"),
        (XOR_X, [0, 1, 1], "y has 3 entries but X has 4 samples"),
        (XOR_X, [1, 1, 1, 1], r"y must contain at least 2 classes; got 1 class: \[1\]"),
        (XOR_X, [[0, 1], [1, 0], [1, 0], [0, 1]], "y must be a 1-D array of labels"),
        (XOR_X, [0.0, np.nan, 1.0, 0.0], "y has missing values"),
        (XOR_X, [0.0, 0.5, 1.0, 0.0], "y must hold class labels, not continuous values .* regressor"),
        (XOR_X, None, "y is required"),
    ],
)
def test_bad_training_data_is_named(X, y, match):
    with pytest.raises(ValueError, match=match):
        MLPClassifier().fit(X, y)


def test_bad_data_after_fitting_is_named():
    model = MLPClassifier(hidden_sizes=(4,), epochs=1).fit(XOR_X, XOR_Y)
    with pytest.raises(ValueError, match="X must have 2 features"):
        model.predict(np.ones((2, 3)))
    with pytest.raises(ValueError, match="X must have 2 features"):
        model.partial_fit(np.ones((2, 3)), [0, 1])
    with pytest.raises(ValueError, match="X_val must have 2 features"):
        MLPClassifier(epochs=1).fit(XOR_X, XOR_Y, X_val=np.ones((2, 3)), y_val=[0, 1])
    with pytest.raises(ValueError, match=r"y_val contains labels not in classes_ \[0, 1\]: \[5\]"):
        MLPClassifier(epochs=1).fit(XOR_X, XOR_Y, X_val=XOR_X[:2], y_val=[0, 5])
    with pytest.raises(ValueError, match="X_val and y_val must be given together"):
        MLPClassifier(epochs=1).fit(XOR_X, XOR_Y, X_val=XOR_X)
    with pytest.raises(ValueError, match="classes must hold at least 2 different labels"):
        MLPClassifier().initialize(2, [1, 1])
    with pytest.raises(ValueError, match="n_features must be >= 1"):
        MLPClassifier().initialize(0, [0, 1])
    with pytest.raises(TypeError, match="y must be numeric"):
        MLPRegressor().fit(XOR_X, ["a", "b", "c", "d"])
    sparse = pytest.importorskip("scipy.sparse")
    with pytest.raises(TypeError, match="X must be a dense array; sparse matrices are not supported"):
        MLPClassifier().fit(sparse.csr_matrix(XOR_X), XOR_Y)
    calls = (lambda m: m.predict(XOR_X), lambda m: m.predict_proba(XOR_X))
    for call in calls:
        with pytest.raises(NotFittedError, match="not fitted yet"):
            call(MLPClassifier())
    with pytest.raises(NotFittedError):
        MLPRegressor().predict(XOR_X)


def test_blas_threads_are_restored_after_training():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    before = [info["num_threads"] for info in threadpoolctl.threadpool_info() if info["user_api"] == "blas"]
    rng = np.random.default_rng(0)
    X, y = rng.random((80, 784)), np.arange(80) % 10  # 64×784×128 products: trained on one BLAS thread
    model = MLPClassifier(hidden_sizes=(128,), batch_size=64, epochs=1).fit(X, y)
    after = [info["num_threads"] for info in threadpoolctl.threadpool_info() if info["user_api"] == "blas"]
    assert after == before and model.n_iter_ == 1
