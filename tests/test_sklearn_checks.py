"""scikit-learn's own estimator checks on nnlib's four estimators (issue #13, item 6).

nnlib keeps its own error messages, which start with the argument's name and say what to do
("X must be a 2-D array ...; use X.reshape(-1, 1)"). The checks listed in ``WORDING`` fail only
because scikit-learn looks for its own wording of the same error (each raises the ValueError
scikit-learn asks for, except ``check_complex_data``: see its reason); every other check must pass.
Small ``max_epochs``/``epochs`` keep the run short.
"""

import warnings

import pytest
from sklearn.utils.estimator_checks import check_estimator, parametrize_with_checks

from nnlib.mlp import MLPClassifier, MLPRegressor
from nnlib.perceptron import Adaline, Perceptron

WORDING = {
    "check_n_features_in_after_fitting": "nnlib says 'X must have 4 features (columns); got 3', "
    "scikit-learn looks for 'X has 3 features, but ... is expecting 4 features as input'",
    "check_dtype_object": "nnlib says 'X must be numeric array-like', scikit-learn looks for "
    "'argument must be a string or a number'",
    "check_estimators_empty_data_messages": "nnlib says 'X must not be empty; got shape (12, 0)', "
    "scikit-learn looks for '0 feature(s) (shape=(12, 0)) while a minimum of 1 is required'",
    "check_fit2d_predict1d": "nnlib says 'X must be a 2-D array ... (use X.reshape(-1, 1) for a "
    "single feature)', scikit-learn looks for 'Reshape your data'",
    "check_complex_data": "nnlib raises TypeError 'X must be real numbers, not complex' everywhere "
    "(complex is the wrong kind of number, not a bad value); scikit-learn looks for "
    "ValueError 'Complex data not supported'",
}
BINARY_ONLY = {
    "check_classifier_not_supporting_multiclass": "nnlib says 'y must contain exactly two classes "
    "for a Perceptron (a single neuron separates two classes); got 3 class(es)', scikit-learn "
    "looks for 'Only binary classification is supported'",
}


def expected_failures(estimator):
    single_neuron = isinstance(estimator, (Perceptron, Adaline))
    return {**WORDING, **(BINARY_ONLY if single_neuron else {})}


ESTIMATORS = [
    Perceptron(max_epochs=20),
    Adaline(max_epochs=50),
    MLPClassifier(hidden_sizes=(8,), epochs=5),
    MLPRegressor(hidden_sizes=(8,), epochs=5),
]


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")  # short runs on raw data
@pytest.mark.filterwarnings("ignore:.*diverged:RuntimeWarning")  # Adaline's lr on unscaled check data
@parametrize_with_checks(ESTIMATORS, expected_failed_checks=expected_failures)
def test_sklearn_compatible(estimator, check):
    check(estimator)


def test_the_expected_failures_are_still_failures():
    """An entry that scikit-learn's checks stop failing on must leave the list (no stale xfails)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for estimator in ESTIMATORS:
            results = check_estimator(estimator, on_fail=None)
            failed = {r["check_name"] for r in results if r["status"] == "failed"}
            assert failed == set(expected_failures(estimator)), type(estimator).__name__
