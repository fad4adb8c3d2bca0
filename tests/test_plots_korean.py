"""Every drawing function of nnlib.plots, in Korean: Hangul in its texts and no missing glyph.

Each function is drawn with small valid inputs under ``warnings.simplefilter("error")`` and the
figure is rendered (Agg), so a "Glyph ... missing from font" warning fails the test. The same
figures in English contain no Hangul. A new public ``plot_*``/``draw_*`` function fails
:func:`test_every_drawing_function_has_a_case` until a case is added here.
"""

import importlib
import re
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnlib  # noqa: E402
from nnlib import descent as D  # noqa: E402
from nnlib import plots  # noqa: E402
from nnlib.datasets import logic_gate  # noqa: E402

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


def _texts(fig):
    """Every text a learner can see in ``fig``: titles, axis labels, legends, texts, artist labels."""
    out = []
    if fig._suptitle is not None:
        out.append(fig._suptitle.get_text())
    out += [t.get_text() for t in fig.texts]
    for ax in fig.axes:  # colour bars are axes too
        out += [ax.get_title(loc) for loc in ("left", "center", "right")]
        out += [ax.get_xlabel(), ax.get_ylabel()]
        out += [t.get_text() for t in ax.texts]
        out += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        legend = ax.get_legend()
        if legend is not None:
            out += [t.get_text() for t in legend.get_texts()]
        out += [a.get_label() for a in ax.lines + ax.collections if not a.get_label().startswith("_")]
    return [t for t in out if t]


class _Fitted:
    loss_history_, accuracy_history_ = [1.0, 0.6, 0.4], [0.5, 0.7, 0.9]
    val_loss_history_, val_accuracy_history_ = [1.1, 0.8, 0.7], [0.4, 0.6, 0.7]


class _Right:
    def predict(self, X):
        return (np.asarray(X)[:, 0] > 0.5).astype(int)


def _run(surface="bowl", lr=0.1, steps=8):
    s = D.get_surface(surface)
    return D.gradient_descent_path(s.grad, s.default_start, lr, steps, f=s.f)


def _fig(ax_or_axes):
    first = ax_or_axes
    while isinstance(first, (list, tuple, np.ndarray)):
        first = first[0]
    return first.figure


def _new_ax():
    return plt.subplots()[1]


# name -> (function that draws and returns the figure, whether its texts must hold Hangul)
def _cases(tmp_path):
    from nnlib.plots import (activations, decision, digits, gates, generalisation, gradients, graph, network,
                             neuron, surfaces, timeline, training)
    from nnlib.preprocess import example_drawing, preprocess_steps

    rng = np.random.default_rng(0)
    X, y = logic_gate("XOR")
    x = np.linspace(-1, 1, 9)
    nodes, edges = graph.tiny_network_graph([1.0, 0.5], [[0.15, 0.25], [0.2, 0.3]], [0.35, 0.35],
                                            [[0.4], [0.45]], [0.6], 1.0)
    def save_timeline():
        saved = tmp_path / "timeline.png"
        timeline.save_timeline(saved, dpi=40)
        assert saved.stat().st_size > 0
        return None

    return {
        "activations.plot_activations": (lambda: activations.plot_activations(["step", "tanh"])[0], True),
        "neuron.plot_neuron_output": (lambda: _fig(neuron.plot_neuron_output(1.0, -1.0, -0.5, "tanh", n=11,
                                                                              points=X)), True),
        "gates.draw_gate_points": (lambda: _fig(gates.draw_gate_points(_new_ax(), X, y)[0].axes), False),
        "gates.plot_gate": (lambda: _fig(gates.plot_gate("AND")), True),
        "gates.plot_gate weights": (lambda: _fig(gates.plot_gate("AND", 1.0, 1.0, -1.5)), True),
        "gates.plot_solution_region": (lambda: _fig(gates.plot_solution_region("OR", -0.5, n=11,
                                                                              mark=[(1, 1)])), True),
        "decision.draw_points": (lambda: _fig(decision.draw_points(_new_ax(), X, y)[0].axes), True),
        "decision.class_marker_line": (lambda: _fig(decision.class_marker_line(_new_ax(), 1, [0.0], [1.0])),
                                       False),
        "decision.plot_decision_regions": (lambda: _fig(decision.plot_decision_regions(_Right(), X, y,
                                                                                       resolution=10)), True),
        "decision.plot_class_hulls": (lambda: _fig(decision.plot_class_hulls(X, y)), True),
        "digits.plot_digit_grid": (lambda: _fig(digits.plot_digit_grid(rng.random((4, 64)), labels=[0, 1, 2, 3],
                                                                        predictions=[0, 7, 2, 3],
                                                                        probabilities=[0.9] * 4)), False),
        "digits.plot_weight_images": (lambda: _fig(digits.plot_weight_images(rng.normal(size=(64, 8)), n=8)), True),
        "digits.plot_confusion_matrix": (lambda: _fig(digits.plot_confusion_matrix([0, 1, 1], [0, 1, 0])), True),
        "digits.plot_confusion_matrix normalized": (
            lambda: _fig(digits.plot_confusion_matrix([0, 1, 1], [0, 1, 0], normalize=True)), True),
        "digits.plot_probabilities": (lambda: _fig(digits.plot_probabilities([0.1, 0.7, 0.2], true=2)), True),
        "digits.plot_preprocessing_steps": (
            lambda: _fig(digits.plot_preprocessing_steps(preprocess_steps(example_drawing("2", size=56)))), True),
        "digits.plot_learning_curves": (lambda: _fig(digits.plot_learning_curves(_Fitted(), title="16-16")), True),
        "generalisation.plot_fits": (lambda: _fig(generalisation.plot_fits(x[:, None], np.sin(x), x,
                                                                           {"2-8-1": np.sin(x) + 0.1},
                                                                           truth=np.sin(x))), True),
        "generalisation.plot_contributions": (
            lambda: _fig(generalisation.plot_contributions(x, np.array([x, -0.5 * x]), 0.5, target=x)), True),
        "gradients.plot_gradient_sizes": (
            lambda: _fig(gradients.plot_gradient_sizes({"sigmoid": [1e-4, 1e-2, 1.0], "relu": [0.5, 0.6, 0.7]})),
            True),
        "graph.plot_computational_graph": (lambda: _fig(graph.plot_computational_graph(nodes, edges)), True),
        "network.plot_network": (lambda: _fig(network.plot_network([np.ones((2, 3)), -np.ones((3, 1))])), True),
        "surfaces.plot_surface_1d": (
            lambda: _fig(surfaces.plot_surface_1d("parabola", D.gradient_descent_path(
                D.get_surface("parabola").grad, [-1.5], 0.1, 5, f=D.get_surface("parabola").f))), True),
        "surfaces.plot_contour": (lambda: _fig(surfaces.plot_contour("valley", n=20)), True),
        "surfaces.plot_descent_paths": (lambda: _fig(surfaces.plot_descent_paths("bowl", {"η = 0.1": _run()},
                                                                                  n=20)), True),
        "surfaces.plot_loss_curves": (lambda: _fig(surfaces.plot_loss_curves({"η = 0.1": _run()})), True),
        "surfaces.plot_optimizer_comparison": (
            lambda: surfaces.plot_optimizer_comparison("banana", D.compare_optimizers("banana", steps=10)), True),
        "timeline.plot_timeline": (lambda: _fig(timeline.plot_timeline()), True),
        "timeline.save_timeline": (save_timeline, False),
        "training.plot_misclassified": (lambda: _fig(training.plot_misclassified([3, 1, 0], label="AND")), True),
        "training.plot_history": (lambda: _fig(training.plot_history([0.7, 0.5, 0.3], [0.5, 0.75, 1.0])), True),
        "training.plot_train_test": (lambda: _fig(training.plot_train_test([0.6, 0.9], [0.6, 0.7])), True),
        "training.plot_train_test loss": (
            lambda: _fig(training.plot_train_test([0.6, 0.3], [0.7, 0.5], ylabel="loss")), True),
    }


def _drawing_functions():
    out = set()
    for module_name in plots.__all__:
        module = importlib.import_module(f"nnlib.plots.{module_name}")
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if callable(obj) and getattr(obj, "__module__", "") == module.__name__ and (
                    name.startswith(("plot_", "draw_", "save_")) or name == "class_marker_line"):
                out.add(f"{module_name}.{name}")
    return out


CASE_NAMES = sorted(_cases(tmp_path=None))


@pytest.fixture(autouse=True)
def _english_after():
    yield
    nnlib.set_language("en")
    plt.close("all")


def test_every_drawing_function_has_a_case():
    covered = {name.split()[0] for name in CASE_NAMES}
    missing = _drawing_functions() - covered
    assert not missing, f"add a case to tests/test_plots_korean.py for {sorted(missing)}"


@pytest.mark.parametrize("case", CASE_NAMES)
def test_korean_figure_draws_every_glyph_and_shows_hangul(case, tmp_path):
    draw, needs_hangul = _cases(tmp_path)[case]
    family = list(matplotlib.rcParams["font.family"])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            nnlib.set_language("ko")
            fig = draw()
            if fig is not None:
                fig.canvas.draw()  # glyphs are looked up when the text is rendered
        if fig is not None:
            texts = _texts(fig)
            if needs_hangul:
                assert any(HANGUL.search(t) for t in texts), f"{case}: no Hangul in {texts}"
    finally:
        nnlib.set_language("en")
    assert list(matplotlib.rcParams["font.family"]) == family


@pytest.mark.parametrize("case", CASE_NAMES)
def test_english_figure_has_no_hangul(case, tmp_path):
    draw, _ = _cases(tmp_path)[case]
    fig = draw()
    if fig is not None:
        korean = [t for t in _texts(fig) if HANGUL.search(t)]
        assert not korean, f"{case}: Hangul in the English figure: {korean}"


def test_korean_labels_follow_the_language_switched_after_import():
    from nnlib.plots import timeline, training

    nnlib.set_language("ko")
    ax = training.plot_misclassified([2, 1])
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("에폭", "에폭 후 오분류 수")
    ax = timeline.plot_timeline()
    assert any("매컬러–피츠 뉴런" in t.get_text() for t in ax.texts)
    nnlib.set_language("en")
    ax = training.plot_misclassified([2, 1])
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("epoch", "misclassified after the epoch")
