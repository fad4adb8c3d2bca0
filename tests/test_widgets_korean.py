"""The widgets in Korean: labels, options, buttons, readouts and figure text say it in Hangul.

Each widget is built with ``nnlib.set_language("ko")`` (English again after every test), one
control is moved, and every text a learner sees is checked: words in Latin letters may only be
code names (activation, gate and optimiser names, the approximator's targets) or symbols. The
figures are rendered with Agg under warnings-as-errors for matplotlib's "Glyph ... missing"
warning, so a character the registered fonts cannot draw fails here.

Covers the widgets of nnlib/widgets except xor_network and playground (tested elsewhere), and
the catalogue nnlib/locale/ko/widgets.json against the tr()/translatable() literals they use.
"""

import ast
import json
import re
import string
from pathlib import Path

import numpy as np
import pytest
from matplotlib.text import Text

import nnlib
from nnlib.language import tr

# Korean for every test (conftest.py), and a missing glyph is an error.
pytestmark = [pytest.mark.usefixtures("korean"), pytest.mark.filterwarnings("error:Glyph:UserWarning")]

ROOT = Path(__file__).resolve().parents[1]
WIDGET_FILES = ["_base", "welcome", "neuron", "gates", "rule_stepper", "descent", "digit_inspector",
                "draw_digit", "approximator"]
CATALOGUE = ROOT / "nnlib" / "locale" / "ko" / "widgets.json"

HANGUL = re.compile(r"[\uac00-\ud7a3]")
#: Latin words allowed in Korean text: code names the learner types, and notation.
CODE_NAMES = {"step", "sigmoid", "tanh", "relu", "AND", "OR", "XOR", "NAND", "NOR", "sgd", "momentum", "adam",
              "sine", "bump", "yours", "RMS", "log"}


def _has_hangul(text):
    return bool(HANGUL.search(str(text)))


def _english_words(text):
    """Latin words of 3+ letters that are not code names (HTML tags, entities and $math$ removed)."""
    text = re.sub(r"<[^>]*>|&\w+;|\$[^$]*\$", " ", str(text))
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in CODE_NAMES]


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _figure_texts(fig):
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def _check(widget, external=()):
    """Render the figure (glyph warnings are errors) and check every visible text.

    ``external``: texts another module translates (its catalogue may live on another branch);
    they must at least be shown through ``tr``.
    """
    widget.static_png()  # Agg render of the whole figure, animated artists included
    allowed = {tr(t) for t in external}
    texts = _figure_texts(widget.fig)
    for control in _walk(widget.ui):
        for attr in ("description", "tooltip", "hint"):
            value = getattr(control, attr, None)
            if isinstance(value, str) and value:
                texts.append(value)
        texts.extend(str(label) for label in getattr(control, "_options_labels", ()))
    texts.append(widget.readout.value)
    leftovers = {t: _english_words(t) for t in texts if t not in allowed and _english_words(t)}
    assert not leftovers, f"English left in Korean widget {type(widget).__name__}: {leftovers}"
    return texts


# -- one test per widget ------------------------------------------------------------------------


def test_static_text_is_korean():
    from nnlib.widgets.welcome import WelcomeWidget

    bundle = WelcomeWidget()._repr_mimebundle_()
    assert _has_hangul(bundle["text/plain"])


def test_welcome():
    from nnlib.widgets.welcome import WelcomeWidget

    ww = WelcomeWidget(w=0.5)
    ww.w.value = -1.2
    _check(ww)
    assert ww.readout.value == "w = -1.20 → x = 2에서 y = w·x = -2.40"


def test_neuron_explorer():
    from nnlib.widgets.neuron import NeuronExplorer

    ex = NeuronExplorer()
    ex.activation.value = "relu"
    ex.w1.value = -2.0
    texts = _check(ex)
    assert "순입력 z" in texts and "활성값 a = φ(z)" in texts
    assert any(_has_hangul(t) and "z = 0" in t for t in texts)  # the plane's title


def test_gate_explorer():
    from nnlib.widgets.gates import GateExplorer

    ex = GateExplorer("AND")
    assert "AND 해결!" in ex.readout.value
    ex.gate.value = "XOR"
    ex.b.value = -0.5
    texts = _check(ex)
    assert ex.gate.description == "게이트"
    assert "4행 중 3행 정답" in ex.readout.value and "목푯값 y" in ex.readout.value
    assert "XOR: 4행 중 3행 정답" in texts  # the title
    legend = [t.get_text() for t in ex.ax.get_legend().get_texts()]
    assert legend == ["목푯값 0", "목푯값 1", "오답"]


def test_rule_stepper():
    from nnlib.plots.training import MISCLASSIFIED_LABEL
    from nnlib.widgets.rule_stepper import RuleStepper

    rs = RuleStepper()
    rs.dataset.value = "noisy blobs"
    rs.step_once()
    rs.epoch_once()
    texts = _check(rs, external=[MISCLASSIFIED_LABEL])
    assert rs.dataset.value == "noisy blobs"  # the value stays English, the label is Korean
    assert rs.dataset.label == "겹치는 점 구름"
    assert list(rs.rule._options_labels) == ["헤브", "퍼셉트론", "델타 (위드로–호프)"]
    assert [b.description for b in (rs.step_button, rs.epoch_button, rs.reset_button)] == \
        ["한 단계", "한 에폭", "다시 시작"]
    assert all(_has_hangul(c.description) for c in (rs.rule, rs.dataset, rs.encoding, rs.lr))
    assert "<b>현재 오분류</b>: 20개 중" in rs.readout.value and "(에폭 1, 샘플 20/20)" in rs.readout.value
    assert "퍼셉트론 (겹치는 점 구름) — 20단계" in texts
    rs.rule.value = "Hebb"
    rs.step_once()
    _check(rs, external=[MISCLASSIFIED_LABEL])
    assert "헤브 규칙에는 오차가 없음" in rs.readout.value
    rs.reset()
    assert "0 (아직 학습 전)" in rs.readout.value


def test_descent_explorer():
    from nnlib.descent import SURFACES
    from nnlib.widgets.descent import GradientDescentExplorer

    gd = GradientDescentExplorer()
    gd.lr.value = 0.3
    texts = _check(gd, external=[s.title for s in SURFACES.values()])
    assert "너무 큼: 발산" in gd.readout.value and "단계에서 발산" in gd.readout.value
    assert "단계별 손실 — 발산" in texts
    assert list(gd.surface._options_labels) == ["그릇", "골짜기", "바나나"] and gd.surface.value == "valley"
    gd.surface.value = "banana"
    gd.lr.value = 0.001
    _check(gd, external=[s.title for s in SURFACES.values()])
    assert "아직 기어가는 중" in gd.readout.value
    assert all(_has_hangul(c.description) for c in (gd.surface, gd.lr, gd.x0, gd.y0, gd.steps, gd.optimizer))


@pytest.fixture(scope="module")
def digits_model():
    from nnlib.datasets import load_digits
    from nnlib.mlp import MLPClassifier

    data = load_digits()
    model = MLPClassifier(hidden_sizes=(16, 8), lr=0.01, epochs=3, random_state=0).fit(data.X_train,
                                                                                       data.y_train)
    return model, data


def test_digit_inspector(digits_model):
    from nnlib.widgets.digit_inspector import DigitInspector

    model, data = digits_model
    ins = DigitInspector(model, data.X_test[:60], data.y_test[:60])
    ins.next_button.click()
    texts = _check(ins)
    assert ins.index.description == "이미지" and ins.next_button.description == "다음 오답"
    assert "정답 레이블" in ins.readout.value and "확률" in ins.readout.value
    assert any(t.startswith("은닉층 1: a⁽¹⁾ (뉴런 16개)") for t in texts)
    assert any(t.startswith("정답 ") and "→ 예측 " in t for t in texts)


class _Unsure:
    """A stand-in model that gives every digit p = 0.1 (never sure)."""

    classes_ = np.arange(10)
    n_features_in_ = 64

    def predict_proba(self, X):
        return np.full((len(X), 10), 0.1)


def test_digit_drawer(digits_model):
    from nnlib.preprocess import example_drawing, rasterize_strokes
    from nnlib.widgets.draw_digit import DigitDrawer, encode_pixels

    model, _ = digits_model
    dr = DigitDrawer(model)
    assert dr.canvas.hint == "여기에 숫자를 그려 보세요" and dr.clear_button.description == "지우기"
    assert dr.readout.value == "숫자를 그려 보세요"
    dr.canvas.pixels = encode_pixels(example_drawing("3", size=56))
    _check(dr)
    assert _has_hangul(dr.readout.value)
    dr.canvas.pixels = encode_pixels(rasterize_strokes([[(0.5, 0.5)]], size=56))  # a dot
    texts = _check(dr)
    assert "숫자처럼 보이지 않습니다" in dr.readout.value and "잉크가 너무 적음" in dr.readout.value
    assert "숫자가 아닌 것 같습니다" in texts
    unsure = DigitDrawer(_Unsure())
    unsure.canvas.pixels = encode_pixels(example_drawing("3", size=56))
    _check(unsure)
    assert "신경망이 확신하지 못합니다" in unsure.readout.value


def test_function_approximator():
    from nnlib.widgets.approximator import FunctionApproximator

    ex = FunctionApproximator("sine", n_hidden=5, custom=np.cos)
    ex.units.value = 1
    texts = _check(ex)
    assert ex.units.description == "은닉 유닛" and ex.target.description == "목푯값"
    assert "유닛 <b>1</b>개" in ex.readout.value and "최대 오차" in ex.readout.value
    legend = [t.get_text() for t in ex.ax_sum.get_legend().get_texts()]
    assert legend == ["목표 함수 f(x)", "신경망 ŷ(x) = Σ + c"]
    assert "입력 x" in texts


def test_english_is_unchanged_after_switching_back():
    from nnlib.widgets.rule_stepper import RuleStepper

    nnlib.set_language("en")
    rs = RuleStepper()
    rs.step_once()
    assert rs.step_button.description == "Step" and rs.rule.options == ("Hebb", "perceptron", "delta (Widrow–Hoff)")
    assert "<b>misclassified now</b>: " in rs.readout.value


# -- the catalogue ------------------------------------------------------------------------------


def _literals():
    """Every literal text passed to tr()/translatable() in the widget files."""
    found = {}
    for name in WIDGET_FILES:
        tree = ast.parse((ROOT / "nnlib" / "widgets" / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("tr", "translatable")
                    and node.args and isinstance(node.args[0], ast.Constant)):
                found.setdefault(node.args[0].value, name)
    return found


def _fields(text):
    return sorted(f for _, f, _, _ in string.Formatter().parse(text) if f)


def test_catalogue_covers_the_widgets_and_nothing_else():
    raw = CATALOGUE.read_text(encoding="utf-8")
    entries = json.loads(raw)
    assert raw == json.dumps(entries, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    literals = _literals()
    assert sorted(set(literals) - set(entries)) == []
    assert sorted(set(entries) - set(literals)) == []
    for english, korean in entries.items():
        assert _fields(english) == _fields(korean), english
        assert _has_hangul(korean), english
