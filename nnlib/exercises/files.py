"""Where the exercises live on disk: answer cells in the chapters, answers in percent-format files.

The conventions (CONTRIBUTING.md, "Notebooks"): an *answer cell* is a code cell with
``metadata.nnlab.exercise = "N.M"`` and the tag ``exercise``; the next code cell is its *check
cell*. Reference answers (``solutions/NN_name.py``) and wrong answers
(``tests/exercise_answers/NN_name_wrong.py``) are jupytext "percent" files with one cell
``# %% Exercise N.M`` per exercise. The tests, ``scripts/make_assignments.py`` (nbgrader) and
anything else that reads exercises use these two functions, so the conventions are read in
one place.

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
...     "x = ...", metadata={"nnlab": {"exercise": "1.1"}, "tags": ["exercise"]}),
...     nbformat.v4.new_code_cell("ch01.check(x)")])
>>> find_exercises(nb)
[Exercise(id='1.1', answer_index=0, check_index=1)]
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

__all__ = ["EXERCISE_MARKER", "ANY_CELL_MARKER", "Exercise", "parse_answer_file", "find_exercises"]

EXERCISE_MARKER = re.compile(r"^# %%\s+Exercise\s+(\d+\.\d+)\s*$")
ANY_CELL_MARKER = re.compile(r"^# %%")


def parse_answer_file(path) -> dict[str, str]:
    r"""Map exercise id -> answer source from a jupytext-percent file.

    Text before the first ``# %% Exercise`` marker (a docstring, a jupytext header) and cells
    with other ``# %%`` headers are ignored.  Trailing blank lines of a cell are dropped.

    Raises
    ------
    ValueError
        When an exercise id appears twice or a cell is empty.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d, "answers.py")
    ...     _ = p.write_text('# a header\n# %% Exercise 1.1\nx = 2\n\n# %% other\ny = 3\n')
    ...     parse_answer_file(p)
    {'1.1': 'x = 2'}
    """
    path = Path(path)
    answers: dict[str, str] = {}
    current, lines = None, []

    def flush():
        if current is None:
            return
        text = "\n".join(lines).strip("\n")
        if not text.strip():
            raise ValueError(f"{path.name}: Exercise {current} has an empty answer")
        answers[current] = text

    for line in path.read_text(encoding="utf-8").splitlines():
        if ANY_CELL_MARKER.match(line):
            flush()
            match = EXERCISE_MARKER.match(line)
            current, lines = (match.group(1) if match else None), []
            if current is not None and current in answers:
                raise ValueError(f"{path.name}: Exercise {current} appears twice")
        elif current is not None:
            lines.append(line)
    flush()
    return answers


class Exercise(NamedTuple):
    """One exercise of a notebook: its id and the indices of its answer and check cells."""

    id: str
    answer_index: int
    check_index: int


def find_exercises(nb) -> list[Exercise]:
    """The exercises of the notebook ``nb`` (an ``nbformat`` notebook) in order.

    Raises
    ------
    ValueError
        If an answer cell lacks the ``exercise`` tag (or a tagged cell lacks the id), an id
        is repeated, or an answer cell has no code cell after it.
    """
    found, seen = [], set()
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        ex_id = cell.metadata.get("nnlab", {}).get("exercise")
        tagged = "exercise" in cell.metadata.get("tags", [])
        if ex_id is None and not tagged:
            continue
        if ex_id is None or not tagged:
            raise ValueError(
                f"cell {index}: answer cells need both metadata.nnlab.exercise and the tag 'exercise'"
            )
        ex_id = str(ex_id)
        if ex_id in seen:
            raise ValueError(f"cell {index}: exercise {ex_id} appears twice")
        seen.add(ex_id)
        check = next((j for j in range(index + 1, len(nb.cells)) if nb.cells[j].cell_type == "code"), None)
        if check is None:
            raise ValueError(f"cell {index}: exercise {ex_id} has no check cell after it")
        found.append(Exercise(ex_id, index, check))
    return found
