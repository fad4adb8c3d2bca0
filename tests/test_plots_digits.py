"""nnlib.plots.digits: each helper draws what it should."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib.plots import digits as dp  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_mosaic_places_tiles():
    tiles = np.arange(6 * 4, dtype=float).reshape(6, 2, 2)
    big = dp.mosaic(tiles, ncols=3, gap=1)
    assert big.shape == (5, 8)
    np.testing.assert_array_equal(big[3:5, 3:5], tiles[4])
    assert np.isnan(big[2, 0])


def test_digits_are_white_ink_on_black():
    ax = dp.plot_digit_grid(np.eye(1, 64))
    assert ax.images[0].get_cmap().name.startswith("gray") and not ax.images[0].get_cmap().name.endswith("_r")


def test_digit_grid_marks_wrong_predictions_red():
    images = np.random.default_rng(0).random((5, 64))
    ax = dp.plot_digit_grid(images, labels=[1, 2, 3, 4, 5], predictions=[1, 2, 8, 4, 0])
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["1", "2", "3→8", "4", "5→0"]
    assert [t.get_color() for t in ax.texts].count(dp.WRONG) == 2


def test_weight_images_use_a_symmetric_scale():
    W = np.random.default_rng(1).normal(size=(64, 10))
    ax = dp.plot_weight_images(W, n=10, ncols=5)
    im = ax.images[0]
    lo, hi = im.get_clim()
    assert lo == -hi == -np.abs(W).max()
    assert im.get_array().shape == (2 * 8 + 1, 5 * 8 + 4)


def test_confusion_matrix_counts_match_sklearn():
    from sklearn.metrics import confusion_matrix

    rng = np.random.default_rng(2)
    y = rng.integers(0, 4, 50)
    p = np.where(rng.random(50) < 0.7, y, rng.integers(0, 4, 50))
    ax = dp.plot_confusion_matrix(y, p, labels=np.arange(4))
    counts = np.array([int(t.get_text()) for t in ax.texts]).reshape(4, 4)
    np.testing.assert_array_equal(counts, confusion_matrix(y, p))


def test_probability_bars_highlight_the_top_class():
    ax = dp.plot_probabilities([0.1, 0.2, 0.6, 0.1], true=1)
    heights = [p.get_height() for p in ax.patches]
    np.testing.assert_allclose(heights, [0.1, 0.2, 0.6, 0.1])
    assert matplotlib.colors.to_hex(ax.patches[2].get_facecolor()) == dp.WRONG
    assert ax.patches[1].get_linewidth() == 1.5


def test_preprocessing_steps_and_learning_curves():
    from nnlib.preprocess import example_drawing, preprocess_steps

    axes = dp.plot_preprocessing_steps(preprocess_steps(example_drawing("4", size=56)))
    assert [ax.images[0].get_array().shape for ax in axes][-1] == (8, 8)

    class Fitted:
        loss_history_ = [2.0, 1.0, 0.5]
        accuracy_history_ = [0.3, 0.6, 0.9]

    ax, ax2 = dp.plot_learning_curves(Fitted())
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [2.0, 1.0, 0.5])
    np.testing.assert_allclose(ax2.lines[0].get_xdata(), [1, 2, 3])  # epochs count from 1
    assert len(ax.lines) == 1  # no validation data, no validation curve

    class WithValidation(Fitted):
        val_loss_history_ = [2.2, 1.4, 1.3]
        val_accuracy_history_ = [0.2, 0.5, 0.7]

    ax, ax2 = dp.plot_learning_curves(WithValidation())
    assert [line.get_label() for line in ax2.lines] == ["training", "validation"]
    np.testing.assert_allclose(ax2.lines[1].get_ydata(), [0.2, 0.5, 0.7])
    assert ax.get_xlabel() == "epoch" and ax2.get_ylabel() == "accuracy"
