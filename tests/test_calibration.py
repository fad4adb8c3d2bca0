"""nnlib.calibration: temperature scaling recovers a known temperature; ECE by hand."""

import numpy as np
import pytest

from nnlib.activations import softmax
from nnlib.calibration import (TemperatureScaled, expected_calibration_error, fit_temperature,
                               log_probabilities)
from nnlib.datasets import load_digits
from nnlib.mlp import MLPClassifier


def test_fit_temperature_recovers_the_temperature_of_over_confident_logits():
    rng = np.random.default_rng(0)
    z = rng.normal(scale=2.0, size=(6000, 5))
    p = softmax(z, axis=1)
    y = (p.cumsum(axis=1) > rng.random((6000, 1))).argmax(axis=1)  # labels drawn from p: calibrated
    assert fit_temperature(z, y) == pytest.approx(1.0, abs=0.1)
    assert fit_temperature(3.0 * z, y) == pytest.approx(3.0, rel=0.1)  # 3x too sharp -> T ~ 3
    assert expected_calibration_error(p, y) < 0.03
    assert expected_calibration_error(softmax(3.0 * z, axis=1), y) > 0.1


def test_ece_by_hand():
    proba = np.array([[0.9, 0.1], [0.9, 0.1], [0.2, 0.8], [0.4, 0.6]])
    # bins: {0.9, 0.9} 1 of 2 right, {0.8} right, {0.6} right
    want = 0.5 * abs(0.5 - 0.9) + 0.25 * abs(1 - 0.8) + 0.25 * abs(1 - 0.6)
    assert expected_calibration_error(proba, np.array([0, 1, 1, 1])) == pytest.approx(want)


def test_log_probabilities_stay_finite():
    assert np.isfinite(log_probabilities(np.array([[1.0, 0.0]]))).all()


@pytest.fixture(scope="module")
def fitted():
    data = load_digits(test_size=0.2, val_size=0.2, random_state=0)
    net = MLPClassifier(hidden_sizes=(32,), epochs=30, random_state=0).fit(data.X_train, data.y_train)
    return net, TemperatureScaled(net).fit(data.X_val, data.y_val), data


def test_temperature_scaling_softens_but_keeps_the_predictions(fitted):
    net, cal, data = fitted
    assert cal.temperature_ > 1.0
    np.testing.assert_array_equal(cal.predict(data.X_test), net.predict(data.X_test))
    p_net, p_cal = net.predict_proba(data.X_test), cal.predict_proba(data.X_test)
    np.testing.assert_allclose(p_cal.sum(axis=1), 1.0)
    assert p_cal.max(axis=1).mean() < p_net.max(axis=1).mean()
    # the fitted T is the one that minimises the validation cross-entropy
    def nll(model):
        p = model.predict_proba(data.X_val)[np.arange(len(data.y_val)), data.y_val]
        return -np.log(p).mean()
    assert nll(cal) <= nll(net)
    for t in (0.8 * cal.temperature_, 1.25 * cal.temperature_):
        assert nll(cal) <= nll(TemperatureScaled(net, temperature=t)) + 1e-12
    assert cal.score(data.X_test, data.y_test) == pytest.approx(net.score(data.X_test, data.y_test))


def test_bad_arguments(fitted):
    net, _, data = fitted
    with pytest.raises(ValueError, match="^model must be a fitted classifier"):
        TemperatureScaled(object())
    with pytest.raises(ValueError, match="^temperature must be given or fitted"):
        TemperatureScaled(net).predict_proba(data.X_val)
    with pytest.raises(ValueError, match="^temperature must be > 0"):
        TemperatureScaled(net, temperature=0.0)
    with pytest.raises(ValueError, match="^y_val contains labels the model does not know"):
        TemperatureScaled(net).fit(data.X_val[:3], [0, 1, 11])
