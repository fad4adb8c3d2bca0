"""The exercise harness of ``tests/test_exercises.py``, proven on a synthetic chapter.

The real chapter tests are only as good as the parser, the injector and the Feedback matcher
they rely on; these tests exercise all three (plus a real kernel run) on a tiny notebook and
answer files built in ``tmp_path``, so the harness is known to work whatever the chapters
contain (or before any exist).
"""

from __future__ import annotations

import textwrap

import nbformat
import pytest

from test_exercises import (
    PREFIXES,
    Exercise,
    error_outputs,
    execute,
    feedback_problems,
    feedback_statuses,
    find_exercises,
    inject,
    parse_answer_file,
)

CHECKS = textwrap.dedent(
    '''
    import os
    from nnlib.exercises import exercise

    @exercise("9.1", hint="Two plus two.")
    def check_9_1(answer):
        return answer == 4, "That is 2 + 2."

    @exercise("9.2", hint="Read data.txt, next to this notebook.")
    def check_9_2(text):
        return text == "perceptron", "You read the file."
    '''
).strip()

SOLUTIONS = textwrap.dedent(
    '''
    """Reference answers of the synthetic chapter 99 (jupytext percent format)."""
    # %% [markdown]
    # A markdown cell that is not an exercise: ignored.

    # %% Exercise 9.1
    answer_9_1 = 2 + 2

    # %% Exercise 9.2
    with open("data.txt") as f:  # relative: the kernel runs in the chapters folder
        text_9_2 = f.read().strip()


    # %%
    print("a trailing non-exercise cell: ignored")
    '''
).lstrip()

WRONG = textwrap.dedent(
    '''
    # %% Exercise 9.1
    answer_9_1 = 5
    # %% Exercise 9.2
    text_9_2 = "adaline"
    '''
).lstrip()


def _synthetic_notebook():
    """Markdown, checks, then two answer/check pairs (one with markdown in between)."""
    nb = nbformat.v4.new_notebook()
    answer_1 = nbformat.v4.new_code_cell("answer_9_1 = ...", metadata={"tags": ["exercise"], "nnlab": {"exercise": "9.1"}})
    answer_2 = nbformat.v4.new_code_cell("text_9_2 = ...", metadata={"tags": ["exercise"], "nnlab": {"exercise": "9.2"}})
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 99 Synthetic chapter"),
        nbformat.v4.new_code_cell(CHECKS),
        answer_1,
        nbformat.v4.new_code_cell("check_9_1(answer_9_1)"),
        answer_2,
        nbformat.v4.new_markdown_cell("Now check it:"),
        nbformat.v4.new_code_cell("check_9_2(text_9_2)"),
    ]
    return nb


@pytest.fixture()
def chapter(tmp_path):
    """(notebook, chapters dir, solution file, wrong-answer file) in a temporary folder."""
    chapters = tmp_path / "chapters"
    chapters.mkdir()
    (chapters / "data.txt").write_text("perceptron\n")
    solution, wrong = tmp_path / "99_synthetic.py", tmp_path / "99_synthetic_wrong.py"
    solution.write_text(SOLUTIONS)
    wrong.write_text(WRONG)
    return _synthetic_notebook(), chapters, solution, wrong


def test_prefixes_match_nnlib_feedback():
    """The harness and nnlib.exercises agree on the three Feedback prefixes."""
    from nnlib import exercises

    assert (exercises.CORRECT, exercises.WRONG, exercises.UNANSWERED) == (
        PREFIXES["correct"],
        PREFIXES["wrong"],
        PREFIXES["unanswered"],
    )


def test_parse_answer_file(chapter):
    _, _, solution, wrong = chapter
    answers = parse_answer_file(solution)
    assert list(answers) == ["9.1", "9.2"]
    assert answers["9.1"] == "answer_9_1 = 2 + 2"
    assert answers["9.2"].startswith('with open("data.txt")') and answers["9.2"].endswith("f.read().strip()")
    assert parse_answer_file(wrong) == {"9.1": "answer_9_1 = 5", "9.2": 'text_9_2 = "adaline"'}


@pytest.mark.parametrize(
    "text, message",
    [
        ("# %% Exercise 1.1\nx = 1\n# %% Exercise 1.1\nx = 2\n", "appears twice"),
        ("# %% Exercise 1.1\n\n# %% Exercise 1.2\nx = 2\n", "empty answer"),
    ],
)
def test_parse_answer_file_rejects_bad_files(tmp_path, text, message):
    path = tmp_path / "bad.py"
    path.write_text(text)
    with pytest.raises(ValueError, match=message):
        parse_answer_file(path)


def test_find_exercises(chapter):
    nb = chapter[0]
    assert find_exercises(nb) == [Exercise("9.1", 2, 3), Exercise("9.2", 4, 6)]


def test_find_exercises_rejects_malformed_cells(chapter):
    nb = chapter[0]
    untagged = nbformat.from_dict(nbformat.v4.new_notebook(cells=[c for c in nb.cells]))
    untagged.cells[2] = nbformat.v4.new_code_cell("x = ...", metadata={"nnlab": {"exercise": "9.1"}})
    with pytest.raises(ValueError, match="tag 'exercise'"):
        find_exercises(untagged)
    no_check = nbformat.v4.new_notebook(cells=nb.cells[:3])
    with pytest.raises(ValueError, match="no check cell"):
        find_exercises(no_check)


def test_inject_replaces_only_answer_cells_and_copies(chapter):
    nb, _, solution, _ = chapter
    injected = inject(nb, parse_answer_file(solution))
    assert nb.cells[2].source == "answer_9_1 = ..."  # original untouched
    assert injected.cells[2].source == "answer_9_1 = 2 + 2"
    assert injected.cells[4].source.startswith("with open")
    assert [c.source for i, c in enumerate(injected.cells) if i not in (2, 4)] == [
        c.source for i, c in enumerate(nb.cells) if i not in (2, 4)
    ]


def test_feedback_statuses_reads_plain_text_and_streams():
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [
        nbformat.v4.new_output("execute_result", {"text/plain": "✅ Correct! Well done."}, execution_count=1),
        nbformat.v4.new_output("stream", name="stdout", text="❌ Not yet — hint: x\n✏ Not answered yet — hint: y\n"),
    ]
    assert feedback_statuses(cell) == ["correct", "wrong", "unanswered"]  # ✏ with or without U+FE0F


def test_harness_end_to_end_in_a_kernel(chapter):
    """Unanswered, solved and wrong variants of the synthetic chapter, each run for real."""
    nb, chapters, solution, wrong = chapter

    unanswered = execute(nb, cwd=chapters)
    assert feedback_problems(unanswered, "unanswered") == []

    solved = execute(inject(nb, parse_answer_file(solution)), cwd=chapters)
    assert feedback_problems(solved, "correct") == []
    assert feedback_problems(solved, "wrong"), "the matcher must not accept any status"

    rejected = execute(inject(nb, parse_answer_file(wrong)), cwd=chapters)
    assert feedback_problems(rejected, "wrong") == []

    crashing = execute(inject(nb, {"9.1": "answer_9_1 = 1 / 0"}), cwd=chapters)
    assert error_outputs(crashing) and "ZeroDivisionError" in error_outputs(crashing)[0]
    assert any("ZeroDivisionError" in p for p in feedback_problems(crashing, "unanswered"))
