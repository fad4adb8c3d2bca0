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
    assert "add the bias" in str(ch01.check_net_input(0.0))
    assert ch01.check_fires_only_for_both(2.0, 3.0, -4.0)               # another AND neuron
    assert "(0, 1) gives 1" in str(ch01.check_fires_only_for_both(1, 1, -0.5))
    assert ch01.check_activation_range("TANH")
    assert ch01.check_activation_range("softplus").status == "wrong"    # unknown name: a hint, no crash
    assert ch02.check_nand(-2.0, -3.0, 4.0) and not ch02.check_nand(1, 1, -1.5)
    assert ch02.check_not(-3.0, 1.0)
    assert ch02.check_or_from_and(-1.0) and ch02.check_or_from_and(-0.1)
    assert "(0, 0) gives 1" in str(ch02.check_or_from_and(0.0))
    assert ch02.check_nand(..., 1, 1).status == "unanswered"


def test_environment_check_prints_no_version_numbers(capsys):
    from nnlib.exercises import ch00

    assert ch00.check_environment() is True
    out = capsys.readouterr().out
    assert out.strip().endswith("environment OK")
    assert all(line.endswith(": OK") for line in out.strip().splitlines()[:-1])
    assert ch00._version_tuple("0.10.0rc1") == (0, 10, 0) and ch00._version_tuple("1.24") < (1, 24, 1)
