"""Bad input gets a ValueError/TypeError that names the argument — the cases of issue #13.

Each case is one that a learner or a fuzzer hit, and each kind was fixed wherever it occurs;
the module tests of each file hold the rest.
"""

import warnings

import numpy as np
import pytest
import scipy.sparse
from sklearn.datasets import make_blobs
from sklearn.exceptions import ConvergenceWarning

from nnlib import activations, datasets, descent, gradient_check, layers, learning_rules, losses, network, regularization
from nnlib.mlp import MLPClassifier, MLPRegressor
from nnlib.perceptron import Adaline, Perceptron


@pytest.mark.parametrize(
    "make, kwargs, arg",
    [
        (datasets.blobs, dict(n_samples=12, centers=2**63), "centers"),  # was ZeroDivisionError
        (datasets.blobs, dict(n_samples=2, centers=5), "centers"),  # clusters with no point
        (datasets.blobs, dict(n_samples=1, centers=[[0, 0], [1, 1]]), "centers"),
        (datasets.spiral, dict(n_samples=3, n_classes=2**40), "n_classes"),  # was MemoryError
        (datasets.moons, dict(n_samples=2**62), "n_samples"),  # was numpy's "array is too big"
        (datasets.circles, dict(n_samples=10**8), "n_samples"),
        (datasets.xor_cloud, dict(n_samples=10**8), "n_samples"),
    ],
)
def test_toy_set_sizes_are_checked_before_numpy_sees_them(make, kwargs, arg):
    with pytest.raises(ValueError, match=f"^{arg} must be at most"):
        make(**kwargs)


def test_every_cluster_gets_a_point_at_the_limit():
    X, y = datasets.blobs(n_samples=3, centers=3, noise=0.0)
    assert np.bincount(y).tolist() == [1, 1, 1]


@pytest.mark.parametrize("data", [None, 3, "t10k-images-idx3-ubyte", np.zeros(3), [0, 0, 8, 1]])
def test_parse_idx_wants_bytes(data):
    from nnlib.datasets.idx import parse_idx

    with pytest.raises(TypeError, match="^data must be bytes"):
        parse_idx(data)


# --------------------------------------------------------------------------- item 2: the kind of error

X6 = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.5, 0.5], [0.2, 0.9]])
CLASSIFIERS = [lambda: MLPClassifier(hidden_sizes=(4,), epochs=2), Perceptron, Adaline]


def test_describe_run_wants_a_run():
    with pytest.raises(TypeError, match="^run must be a DescentPath"):
        descent.describe_run(None, "bowl")  # was AttributeError


@pytest.mark.parametrize("start", [[1.0], [1.0, 2.0, 3.0], [[1.0, 2.0]]])
def test_compare_optimizers_start_must_fit_the_surface(start):
    with pytest.raises(ValueError, match="^start must"):  # was IndexError; 3 entries were accepted
        descent.compare_optimizers("bowl", start=start, steps=5)


def test_describe_run_refuses_a_path_of_another_surface():
    bowl = descent.get_surface("bowl")
    run = descent.gradient_descent_path(bowl.grad, [1.0, 1.0], 0.1, 3, f=bowl.f)
    with pytest.raises(ValueError, match="^run must be a path on surface 'parabola'"):
        descent.describe_run(run, "parabola")


@pytest.mark.parametrize("errors, kind", [([1e-9], TypeError), ({"W1": None}, TypeError), ({"W1": -1.0}, ValueError)])
def test_max_relative_error_wants_the_dict_of_errors(errors, kind):
    with pytest.raises(kind, match="^errors"):  # was AttributeError for the list
        gradient_check.max_relative_error(errors)


@pytest.mark.parametrize("fn", [activations.softmax, activations.log_softmax])
@pytest.mark.parametrize("axis, kind", [(2**63, ValueError), (2, ValueError), (-3, ValueError), (1.0, TypeError), (None, TypeError)])
def test_softmax_axis_is_checked(fn, axis, kind):
    with pytest.raises(kind, match="^axis must"):  # 2**63 was OverflowError
        fn(np.ones((2, 3)), axis=axis)


def test_softmax_axis_still_works():
    np.testing.assert_allclose(activations.softmax(np.zeros((2, 3)), axis=0), np.full((2, 3), 0.5))


@pytest.mark.parametrize("make", CLASSIFIERS)
@pytest.mark.parametrize(
    "y, message",
    [
        (np.array(["a", "b", "a", "b", np.nan, "a"], dtype=object), "^y has missing values"),
        (["a", "b", "a", "b", None, "a"], "^y has missing values"),
        ([0.0, 1.0, np.nan, 1.0, 0.0, 1.0], "^y has missing values"),
        ([1, "1", 1, "1", 0, "0"], "^y mixes strings and numbers"),
        (np.array([1, "b", 1, "b", 1, "b"], dtype=object), "^y mixes strings and numbers"),
    ],
)
def test_labels_with_gaps_or_mixed_kinds_are_named(make, y, message):
    with pytest.raises(ValueError, match=message):  # was numpy's "'<' not supported"
        make().fit(X6, y)


class _ArrayLike:
    """Array-like but not an ndarray (like a pandas or xarray object)."""

    def __init__(self, data):
        self.data = np.asarray(data)

    def __array__(self, dtype=None, copy=None):
        return self.data if dtype is None else self.data.astype(dtype)

    def __len__(self):
        return len(self.data)


@pytest.mark.parametrize("make", [*CLASSIFIERS, lambda: MLPRegressor(hidden_sizes=(4,), epochs=2)])
def test_array_likes_that_are_not_ndarrays_are_converted_first(make):
    y = np.array([0, 0, 1, 1, 0, 1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # a 6-point toy set: not the point here
        expected = make().fit(X6, y).predict(X6)
        got = make().fit(_ArrayLike(X6), _ArrayLike(y)).predict(_ArrayLike(X6))
    np.testing.assert_array_equal(got, expected)  # was TypeError from np.iscomplexobj


# --------------------------------------------------------------------------- item 3: silent NaN
ELEMENTWISE = [activations.step, activations.d_step, activations.sigmoid, activations.d_sigmoid, activations.tanh,
               activations.d_tanh, activations.relu, activations.d_relu, activations.leaky_relu,
               activations.d_leaky_relu, activations.linear, activations.d_linear, activations.softmax,
               activations.log_softmax]


@pytest.mark.parametrize("fn", ELEMENTWISE, ids=lambda f: f.__name__)
@pytest.mark.parametrize("z, message", [(None, "^z must be array-like; got None"),
                                        (np.array([1 + 2j, 0.0]), "^z must be real numbers, not complex"),
                                        (["a", "b"], "^z must be numeric")])
def test_activations_refuse_what_is_not_real_numbers(fn, z, message):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no ComplexWarning on the way
        with pytest.raises(TypeError, match=message):  # None gave nan; complex lost its imaginary part
            fn(z)


@pytest.mark.parametrize("fn", [activations.leaky_relu, activations.d_leaky_relu, layers.LeakyReLU])
@pytest.mark.parametrize("alpha", [None, "0.1", np.nan])
def test_leaky_relu_alpha_is_checked(fn, alpha):
    with pytest.raises((TypeError, ValueError), match="^alpha must"):  # None gave NaN
        fn(np.array([-1.0]), alpha=alpha) if fn is not layers.LeakyReLU else fn(alpha=alpha)


@pytest.mark.parametrize("fn", [losses.binary_cross_entropy, losses.binary_cross_entropy_grad])
@pytest.mark.parametrize("eps", [1.0, 0.5, 0.0, -1e-12, np.nan, None])
def test_eps_is_validated(fn, eps):
    with pytest.raises((TypeError, ValueError), match="^eps must"):  # eps=1.0 gave nan
        fn([0.5, 0.5], [0.0, 1.0], eps=eps)




def test_cross_entropy_of_the_widest_logits_is_the_true_value():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "overflow in subtract", no "invalid value in multiply"
        z = np.array([[1e308, 0.0, -1e308]])
        assert losses.categorical_cross_entropy(z, np.array([[1.0, 0.0, 0.0]])) == 0.0  # was nan
        assert losses.categorical_cross_entropy(z, np.array([0])) == 0.0
        z32 = np.array([[3e38, 0.0, -3e38]], dtype=np.float32)
        assert layers.SoftmaxCrossEntropy().forward(z32, np.array([0])) == 0.0  # was nan in float32
        np.testing.assert_array_equal(activations.softmax(z), [[1.0, 0.0, 0.0]])
        np.testing.assert_array_equal(activations.softmax(z32), [[1.0, 0.0, 0.0]])
        assert np.all(np.isfinite(activations.log_softmax(z)))


def test_binary_cross_entropy_with_logits_mean_does_not_overflow():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert losses.binary_cross_entropy_with_logits([1e308, 1e308], [0.0, 0.0]) == 1e308  # was inf
        assert losses.binary_cross_entropy_with_logits([1e308, -1e308], [1.0, 0.0]) == 0.0


# --------------------------------------------------------------------------- item 4: one sparse message
SPARSE_MESSAGE = r"^X must be a dense array; sparse matrices are not supported \(use X.toarray\(\)\)$"


@pytest.mark.parametrize("make", [*CLASSIFIERS, lambda: MLPRegressor(hidden_sizes=(4,), epochs=2)])
@pytest.mark.parametrize("sparse", [scipy.sparse.csr_matrix, scipy.sparse.csr_array])
def test_sparse_input_gets_one_message_everywhere(make, sparse):
    y = np.array([0, 0, 1, 1, 0, 1])
    with pytest.raises(TypeError, match=SPARSE_MESSAGE):  # the perceptron said "numeric array-like"
        make().fit(sparse(X6), y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = make().fit(X6, y)
    with pytest.raises(TypeError, match=SPARSE_MESSAGE):
        model.predict(sparse(X6))


def test_sparse_input_to_the_functions_gets_the_same_message():
    with pytest.raises(TypeError, match=r"^y_pred must be a dense array; sparse matrices are not supported"):
        losses.mse(scipy.sparse.csr_matrix(np.ones((2, 2))), np.ones((2, 2)))


def test_check_gradients_of_a_correct_float32_model_reports_float64_accuracy():
    X = np.random.default_rng(0).normal(size=(5, 3)).astype(np.float32)
    model = MLPClassifier(hidden_sizes=(4,), activation="tanh", dtype="float32", l2=0.1).initialize(3, [0, 1, 2])
    errors = gradient_check.check_gradients(model.network_, X, np.array([0, 1, 2, 1, 0]))
    assert gradient_check.max_relative_error(errors) < 1e-7  # float32 itself gives 1e-2 ... 1e-1
    assert model.coefs_[0].dtype == np.float32  # checked on a float64 copy


# --------------------------------------------------------------------------- item 5: quiet failures
def _standardised_blobs():
    X, y = make_blobs(n_samples=200, centers=2, cluster_std=1.0, random_state=0)
    return (X - X.mean(axis=0)) / X.std(axis=0), y


def test_adaline_defaults_work_on_standardised_data():
    X, y = _standardised_blobs()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # converges: no warning
        ada = Adaline().fit(X, y)
    assert ada.score(X, y) >= 0.95  # was 0.55 with lr=0.01, 50 epochs
    assert ada.converged_


def _badly_scaled_separable():
    rng = np.random.default_rng(0)
    y = np.repeat([0, 1], 50)
    X = np.column_stack([1000 + rng.normal(0, 1, 100), np.where(y == 1, 1.0, -1.0) + rng.normal(0, 0.3, 100)])
    return X, y


def test_perceptron_that_stops_unconverged_says_what_to_try():
    X, y = _badly_scaled_separable()
    with pytest.warns(ConvergenceWarning, match=r"Perceptron did not converge in 50 epoch\(s\).*standardise X") as rec:
        p = Perceptron(max_epochs=50).fit(X, y)
    assert len(rec) == 1 and not p.converged_
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the advice works: standardised, it converges without a warning
        assert Perceptron(max_epochs=50).fit((X - X.mean(axis=0)) / X.std(axis=0), y).converged_


def test_adaline_that_stops_unconverged_says_what_to_try():
    X, y = _standardised_blobs()
    with pytest.warns(ConvergenceWarning, match=r"Adaline did not converge in 3 epoch\(s\).*max_epochs.*lr") as rec:
        Adaline(max_epochs=3).fit(X, y)
    assert len(rec) == 1


def test_adaline_that_diverges_warns_only_about_divergence():
    X, y = _standardised_blobs()
    with pytest.warns(RuntimeWarning, match="diverged") as rec:
        Adaline(lr=50.0).fit(X, y)
    assert [w.category for w in rec] == [RuntimeWarning]


# --------------------------------------------------------------------------- the same kinds elsewhere (fuzz finds)
def _bowl_f(w):
    return float(np.sum(np.asarray(w) ** 2))


@pytest.mark.parametrize(
    "call, kind, message",
    [
        (lambda: descent.gradient_descent_path(lambda w: np.ones(3), [1.0, 2.0], 0.1, 3, f=_bowl_f), ValueError,
         r"^grad_f must return a gradient of start's shape \(2,\)"),  # was "grads[0] ..." from the optimiser
        (lambda: descent.gradient_descent_path(lambda w: 2 * w, [1.0, 2.0], 0.1, 3, f=lambda w: "a"), TypeError,
         "^f\\(start\\) must be a real number"),  # was float()'s message
        (lambda: descent.gradient_descent_path(lambda w: 2 * w, [1.0, 2.0], 0.1, 3, f=lambda w: np.nan), ValueError,
         "^f\\(start\\) must be finite"),  # was a "diverged" warning at step 1
        (lambda: descent.get_surface(np.zeros(0)), ValueError, "^surface must be one of"),  # was numpy's "truth value"
        (lambda: gradient_check.relative_error(None, None), TypeError, "^a must be array-like"),  # was nan
        (lambda: gradient_check.check_gradients(None, np.ones((2, 2)), [0, 1]), TypeError, "^network must be"),
        (lambda: network.Network(None, None, None), TypeError, "^layers must be a list"),
        (lambda: learning_rules.threshold_output(0.0, "ternary"), ValueError,
         "^encoding must be one of"),  # was KeyError
        (lambda: regularization.EarlyStopping().update(None, []), TypeError,
         "^val_loss must be a number"),
        (lambda: regularization.EarlyStopping().update(1.0, np.ones(3)), TypeError,
         "^params must be a list of numpy arrays"),  # was "iteration over a 0-d array" for np.float64
        (lambda: Perceptron(random_state=-1).fit(X6, [0, 1, 0, 1, 0, 1]), ValueError, "^random_state must be >= 0"),
    ],
)
def test_the_same_kinds_elsewhere(call, kind, message):
    with pytest.raises(kind, match=message):
        call()
