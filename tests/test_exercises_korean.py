"""Exercise feedback and hints in Korean (issue 17): ``nnlib.set_language("ko")`` turns every text
of the exercise system into Korean, and the rules of the English checks still hold.

For every exercise of chapters 00-08, run in-process on the notebook's own cells as
tests/test_exercises_ch00_02.py does (the chapter's import cell, then an answer, then the check
cell's code): the notebook's placeholder answer gives a Korean hint, the reference answer
(solutions/) Korean "correct" feedback, the planted wrong answer (tests/exercise_answers/)
Korean "not yet" feedback. Every hint of every check is Korean. The "never print the answer"
assertions of the English tests are repeated on the Korean texts, and the Korean catalogue
(nnlib/locale/ko/exercises.json) must hold exactly the texts nnlib/exercises marks for
translation, with the same {placeholders}.
"""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import matplotlib
import nbformat
import numpy as np
import pytest

from nnlib.exercises import DIFFICULTIES, files
from nnlib.language import tr

matplotlib.use("Agg")

REPO = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((REPO / "chapters").glob("[0-9][0-9]_*.ipynb"))
CATALOGUE = REPO / "nnlib" / "locale" / "ko" / "exercises.json"
HANGUL = re.compile("[가-힣]")

# The Korean beginnings of the three kinds of feedback (the emoji are those of the English ones).
PREFIXES = {"correct": "✅ 정답입니다!", "wrong": "❌ 아직 아닙니다 — 힌트:", "unanswered": "✏️ 아직 답하지 않았습니다 — 힌트:"}


pytestmark = pytest.mark.usefixtures("korean")  # conftest.py: Korean, English again after each test


# --------------------------------------------------------------------------- the chapters' exercises


def _chapter(path):
    """(import cell source, {id: (answer cell source, check cell source)}) of a chapter notebook."""
    nb = nbformat.read(path, as_version=4)
    imports = next(c.source for c in nb.cells if c.cell_type == "code")
    found = {ex.id: (nb.cells[ex.answer_index].source, nb.cells[ex.check_index].source)
             for ex in files.find_exercises(nb)}
    return imports, found


def _cases():
    cases = []
    for path in CHAPTERS:
        _, found = _chapter(path)
        cases += [(path, number) for number in found]
    return cases


CASES = _cases()
IDS = [number for _, number in CASES]


def _check_of(check_source):
    """The check function a check cell calls, e.g. ``ch01.check_forward(neuron_forward)``."""
    match = re.search(r"\b(ch\d\d)\.(\w+)\(", check_source)
    module = __import__(f"nnlib.exercises.{match.group(1)}", fromlist=[match.group(2)])
    return getattr(module, match.group(2))


def _run(path, number, kind):
    """Feedback of exercise ``number`` with its notebook placeholder, reference or wrong answer."""
    imports, found = _chapter(path)
    placeholder, check = found[number]
    if kind == "unanswered":
        answer = placeholder
    else:
        folder = REPO / "solutions" if kind == "correct" else REPO / "tests" / "exercise_answers"
        suffix = "" if kind == "correct" else "_wrong"
        answer = files.parse_answer_file(folder / f"{path.stem}{suffix}.py")[number]
    ns = {}
    exec(imports, ns)  # noqa: S102 - the course's own cells
    exec(answer, ns)  # noqa: S102
    lines = [ln for ln in check.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return eval("\n".join(lines), ns)  # noqa: S307


def _english_fragments():
    """Literal English pieces (two words or more) of every catalogue text, for spotting leftovers."""
    pieces = set()
    for key in json.loads(CATALOGUE.read_text(encoding="utf-8")):
        for literal, *_ in string.Formatter().parse(key):
            literal = literal.strip(" .;:—()")
            if len(literal) >= 12 and re.search(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}", literal):
                pieces.add(literal)
    return pieces


ENGLISH = _english_fragments()


def assert_korean(text, what):
    """``text`` has Hangul and no untranslated English sentence piece of the catalogue."""
    assert HANGUL.search(text), f"{what} is not Korean: {text!r}"
    leftovers = [piece for piece in ENGLISH if piece in text]
    assert not leftovers, f"{what} still holds English {leftovers}: {text!r}"


@pytest.mark.parametrize("kind", ["unanswered", "correct", "wrong"])
@pytest.mark.parametrize("path, number", CASES, ids=IDS)
def test_every_exercise_answers_in_korean(path, number, kind):
    fb = _run(path, number, kind)
    assert fb.status == kind, fb.message
    assert fb.message.startswith(PREFIXES[kind]), fb.message
    assert_korean(fb.message[len(PREFIXES[kind]):], f"exercise {number} ({kind})")
    if kind == "unanswered":  # the hint is one rung of the check's own ladder, in Korean
        check = _check_of(_chapter(path)[1][number][1])
        assert any(tr(hint) in fb.message for hint in check.hints), fb.message
    if kind == "wrong":  # a wrong answer never gets the success text
        assert "✅" not in fb.message and "정답입니다" not in fb.message


@pytest.mark.parametrize("path, number", CASES, ids=IDS)
def test_every_hint_and_difficulty_is_korean(path, number):
    check = _check_of(_chapter(path)[1][number][1])
    assert check.exercise == number and len(check.hints) >= 2
    for hint in check.hints:
        assert tr(hint) != hint, f"exercise {number}: no Korean for the hint {hint!r}"
        assert_korean(tr(hint), f"a hint of exercise {number}")
    assert check.difficulty in DIFFICULTIES and HANGUL.search(tr(check.difficulty))


def test_every_chapter_has_exercises_here():
    assert {p.name[:2] for p, _ in CASES} == {f"{k:02d}" for k in range(9)}


# --------------------------------------------------------------------------- the feedback frame


def test_hint_ladder_and_heading_in_korean():
    from nnlib.exercises import ch00

    ch00.check_inputs.reset_hints()
    first, second, third, again = (str(ch00.check_inputs(...)) for _ in range(4))
    assert first.startswith("✏️ 아직 답하지 않았습니다 — 힌트: [힌트 1/3] ")
    assert first.endswith("(다음 힌트를 보려면 확인 셀을 다시 실행하십시오)")
    assert "[힌트 2/3]" in second and third == again and "다음 힌트" not in third
    assert "연습 문제 0.1: " in ch00.check_inputs(...)._repr_html_()
    assert [tr(d) for d in DIFFICULTIES] == ["★ 몸풀기", "★★ 연습", "★★★ 도전"]
    ch00.check_inputs.reset_hints()


def test_a_crashing_answer_gets_a_korean_hint_and_the_english_error():
    from nnlib.exercises import ch05, ch06

    fb = ch06.check_sigmoid_chain("not a number")
    assert fb.status == "wrong" and fb.message.startswith(PREFIXES["wrong"]) and "(ValueError: " in fb.message
    fb = ch05.check_delta_update(lambda *a: 1 / 0)
    assert fb.status == "wrong" and "ZeroDivisionError" in fb.message and HANGUL.search(fb.message)


def test_stubs_are_unanswered_in_korean():
    from nnlib.exercises import ch01, ch04, ch08

    def stub(*args):
        ...

    for fb in (ch01.check_forward(stub), ch04.check_count_parameters(lambda sizes: None),
               ch08.check_dropout(lambda x, grad, keep, p: (..., ...))):
        assert fb.status == "unanswered" and fb.message.startswith(PREFIXES["unanswered"]), fb.message


def test_compare_functions_reasons_are_korean_and_keep_their_kind():
    from nnlib.exercises import compare_functions

    inputs = lambda rng: (rng.normal(size=3),)  # noqa: E731
    cases = {"none": lambda a: None, "count": lambda a: (a, a), "shape": lambda a: a[:2],
             "values": lambda a: a + 1}
    for kind, learner in cases.items():
        ok, why = compare_functions(learner, lambda a: a, inputs)
        assert not ok and why.kind == kind and HANGUL.search(why), (kind, why)


def test_environment_check_prints_korean_and_no_version_numbers(capsys):
    from nnlib.exercises import ch00

    assert ch00.check_environment() is True
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == "환경 정상"
    assert all(line.endswith(": 정상") for line in lines[:-1])


# --------------------------------------------------------------------------- never the answer


def test_wrong_feedback_never_shows_the_answer_in_korean():
    """The English tests' "never print the answer" assertions, on the Korean feedback."""
    from nnlib.exercises import ch00, ch01, ch02, ch03, ch04, ch05, ch06, ch07

    assert "1969" not in str(ch00.check_year(1970)) and ch00.check_year(1970).status == "wrong"
    assert "1969" not in str(ch00.check_year(1958))
    assert "tanh" not in str(ch01.check_negative_outputs("relu"))
    for w1, w2, b in [(1, 1, -0.5), (1, -1, 0.5), (0, 0, 0)]:
        fb = ch02.check_x1_and_not_x2(w1, w2, b)
        assert fb.status == "wrong" and "흥분" not in str(fb)  # the success text ("x₁ excites ...")
    fb = ch03.check_line_search(lambda X, y, grid: (1.0, 1.0, -1.5))
    assert fb.status == "wrong" and "일부 행을 틀립니다" in str(fb)
    fb = ch04.check_forward_pass(lambda X, W1, b1, W2, b2, phi: phi(X @ W1 + b1) @ W2 + b2)
    assert fb.status == "wrong" and "[[" not in fb.message
    for answer in ([0.1, 0.1], [0.2, -0.4], [0.7, 0.1]):
        fb = ch05.check_perceptron_update(answer, 0.1)
        assert "0.6" not in fb.message and ("0.7" not in fb.message or answer == [0.7, 0.1])
    assert "2.0" not in ch05.check_hebb_or([1.0, 1.0], 0.0).message
    assert "e-07" not in ch06.check_sigmoid_chain(1e-3).message
    fb = ch07.check_softmax_temperature(lambda z, T: np.full(np.shape(z), 1.0 / np.shape(z)[1]))
    assert fb.status == "wrong" and "값이 다릅니다" in fb.message


def test_chapter_08_texts_never_name_the_reference_code():
    from nnlib.exercises import ch08

    texts = [tr(h) for check in (ch08.check_l2, ch08.check_dropout, ch08.check_early_stopping)
             for h in check.hints]
    for number in ("8.1", "8.2", "8.3"):
        path = next(p for p, n in CASES if n == number)
        texts += [_run(path, number, "wrong").message, _run(path, number, "correct").message]
    for text in texts:
        for code in ("lam * W", "/ (1 - p)", "x * mask", "grad * mask", "0.5 * lam"):
            assert code not in text, (code, text)


def test_specific_korean_hints_for_classic_slips():
    from nnlib.exercises import ch01, ch05, ch06, ch07

    assert "편향을 무시합니다" in str(ch01.check_forward(lambda X, w, b, phi: phi(X @ w)))
    assert "더 작게" in str(ch01.check_fires_only_for_both(1, 1, -0.5))  # fires too often

    def perceptron_like(w, b, x, y, lr):
        y_hat = 1.0 if x @ w + b >= 0 else 0.0
        return w + lr * (y - y_hat) * x, b + lr * (y - y_hat)

    assert "퍼셉트론 규칙" in ch05.check_delta_update(perceptron_like).message  # found without English text
    fb = ch06.check_dense_backward(lambda x, W, g: (g @ W.T, x.T @ g))
    assert "(dx, dW, db 순서로)" in fb.message
    fb = ch07.check_training_loop(lambda *args: float("nan"))
    assert fb.status == "wrong" and "유한한 수" in fb.message


# --------------------------------------------------------------------------- the catalogue


def _marked_texts():
    """Every literal ``tr("...")`` / ``translatable("...")`` text in nnlib/exercises."""
    texts = set()
    for path in sorted((REPO / "nnlib" / "exercises").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("tr", "translatable")
                    and node.args and isinstance(node.args[0], ast.Constant)):
                texts.add(node.args[0].value)
    return texts


def _placeholders(text):
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def test_catalogue_matches_the_marked_texts():
    raw = CATALOGUE.read_text(encoding="utf-8")
    catalogue = json.loads(raw)
    assert raw == json.dumps(catalogue, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    marked = _marked_texts()
    assert not marked - set(catalogue), f"no Korean for {sorted(marked - set(catalogue))}"
    assert not set(catalogue) - marked, f"unused entries {sorted(set(catalogue) - marked)}"
    for english, korean in catalogue.items():
        assert _placeholders(english) == _placeholders(korean), english
        assert "해요" not in korean and not korean.rstrip(".").endswith("요"), korean  # 합니다 style
