"""Exercise checks of chapters 00-02, run in-process on the notebooks' own cells.

For every answer cell of the stored notebook: the notebook's placeholder answer gives
"unanswered", the reference answer (solutions/NN_*.py) gives "correct", and the plausible wrong
answer (tests/exercise_answers/NN_*_wrong.py) gives "wrong". The check cell's own code is what
gets evaluated, so a renamed check or variable is caught too.
"""

import re
from pathlib import Path

import matplotlib
import nbformat
import pytest

matplotlib.use("Agg")

REPO = Path(__file__).resolve().parents[1]
CHAPTERS = {"00": "00_start_here", "01": "01_artificial_neuron", "02": "02_perceptron_gates"}
MARKER = re.compile(r"^# %%\s+Exercise\s+(\d+\.\d+)\s*$")


def _cells(path):
    out, current = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# %%"):
            m = MARKER.match(line)
            current = m.group(1) if m else None
            if current:
                out[current] = []
        elif current:
            out[current].append(line)
    return {k: "\n".join(v).strip() for k, v in out.items()}


def _exercises(stem):
    nb = nbformat.read(REPO / "chapters" / f"{stem}.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    imports = code[0].source
    found = []
    for i, cell in enumerate(code):
        number = cell.metadata.get("nnlab", {}).get("exercise")
        if number:
            assert "exercise" in cell.metadata.get("tags", [])
            found.append((number, cell.source, code[i + 1].source))
    return imports, found


def _run(imports, answer, check):
    ns = {}
    exec(imports, ns)
    exec(answer, ns)
    lines = [ln for ln in check.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return eval("\n".join(lines), ns)


CASES = [(ch, stem, number) for ch, stem in CHAPTERS.items() for number, _, _ in _exercises(stem)[1]]


def test_every_chapter_has_two_to_four_exercises():
    for stem in CHAPTERS.values():
        assert 2 <= len(_exercises(stem)[1]) <= 4, stem


@pytest.mark.parametrize("chapter, stem, number", CASES)
def test_check_statuses(chapter, stem, number):
    imports, exercises = _exercises(stem)
    _, placeholder, check = next(e for e in exercises if e[0] == number)
    assert number.startswith(str(int(chapter)) + ".")
    assert "..." in placeholder
    assert _run(imports, placeholder, check).status == "unanswered"

    solution = _cells(REPO / "solutions" / f"{stem}.py")[number]
    feedback = _run(imports, solution, check)
    assert feedback.status == "correct", feedback.message
    assert str(feedback).startswith("✅ Correct!")

    wrong = _cells(REPO / "tests" / "exercise_answers" / f"{stem}_wrong.py")[number]
    feedback = _run(imports, wrong, check)
    assert feedback.status == "wrong", feedback.message
    assert str(feedback).startswith("❌ Not yet — hint:")


def test_checks_accept_other_right_answers_and_explain_wrong_ones():
    from nnlib.exercises import ch00, ch01, ch02

    assert ch00.check_inputs([[1, 1], [0, 0], [1, 0], [0, 1]])           # any order
    assert "missing" in str(ch00.check_inputs([[0, 0], [0, 0], [1, 0], [1, 1]]))
    assert "1958" in str(ch00.check_year(1958))
    assert ch01.check_negative_outputs("TANH")
    assert ch01.check_negative_outputs("softplus").status == "wrong"     # unknown name: a hint, no crash
    assert "not one of the four" in str(ch01.check_negative_outputs("leaky_relu"))
    assert ch01.check_fires_only_for_both(2.0, 3.0, -4.0)               # another AND neuron
    assert "(0, 1) gives 1" in str(ch01.check_fires_only_for_both(1, 1, -0.5))
    assert "more negative" in str(ch01.check_fires_only_for_both(1, 1, -0.5))   # fires too often
    assert "less negative" in str(ch01.check_fires_only_for_both(1, 1, -2.5))   # never fires
    assert ch02.check_not(-3.0, 1.0)
    assert ch02.check_x1_and_not_x2(2.0, -2.0, -1.0)
    assert ch02.check_x1_and_not_x2(..., 1, 1).status == "unanswered"


def _ok_forward(X, w, b, phi):
    return phi(X @ w + b)


def test_forward_pass_check_judges_the_function_on_random_batches():
    from nnlib.exercises import ch01

    assert ch01.check_forward(_ok_forward)
    assert ch01.check_forward(lambda X, w, b, phi: [float(v) for v in phi(X @ w + b)])  # a list is fine
    assert "ignores the bias" in str(ch01.check_forward(lambda X, w, b, phi: phi(X @ w)))
    assert "net input" in str(ch01.check_forward(lambda X, w, b, phi: X @ w + b))
    assert ch01.check_forward(lambda X, w, b, phi: phi(X.sum(axis=1))).status == "wrong"
    assert ch01.check_forward(lambda X, w, b, phi: 0.5).status == "wrong"    # hard-coded: wrong shape


def test_truth_table_check_catches_the_tie_at_z_zero():
    import numpy as np

    from nnlib.exercises import ch02

    def strict(w, b, X, y):
        return bool(np.all((X @ w + b > 0).astype(int) == y))

    for _ in range(5):  # the check draws fresh random weights: the tie row must be caught every time
        assert ch02.check_computes_gate(strict).status == "wrong"
    assert ch02.check_computes_gate(lambda w, b, X, y: True).status == "wrong"
    assert "one True or False" in str(ch02.check_computes_gate(lambda w, b, X, y: (X @ w + b >= 0) == y))
    assert ch02.check_computes_gate(lambda w, b, X, y: np.array_equal((X @ w + b >= 0).astype(int), y))


def test_stub_functions_are_unanswered_not_wrong():
    from nnlib.exercises import ch01, ch02

    def stub(*args):
        ...

    assert ch01.check_forward(stub).status == "unanswered"
    assert ch02.check_computes_gate(stub).status == "unanswered"
    assert ch01.check_forward(lambda X, w, b, phi: ...).status == "unanswered"


def test_wrong_answers_never_get_the_success_text_or_the_answer():
    from nnlib.exercises import ch00, ch01, ch02

    assert "1969" not in str(ch00.check_year(1970)) and ch00.check_year(1970).status == "wrong"
    assert "tanh" not in str(ch01.check_negative_outputs("relu"))
    for w1, w2, b in [(1, 1, -0.5), (1, -1, 0.5), (0, 0, 0)]:
        fb = ch02.check_x1_and_not_x2(w1, w2, b)
        assert fb.status == "wrong" and "excites" not in str(fb)


def test_environment_check_prints_no_version_numbers(capsys):
    from nnlib.exercises import ch00

    assert ch00.check_environment() is True
    out = capsys.readouterr().out
    assert out.strip().endswith("environment OK")
    assert all(line.endswith(": OK") for line in out.strip().splitlines()[:-1])
    assert ch00._version_tuple("0.10.0rc1") == (0, 10, 0) and ch00._version_tuple("1.24") < (1, 24, 1)
