"""Exercise cells: the stored notebook is unanswered, the reference answers pass, wrong ones don't.

Convention (see CONTRIBUTING.md):

- an *answer cell* is a code cell with ``metadata.nnlab.exercise = "N.M"`` and the tag
  ``exercise``; its placeholders are ``...``;
- the next code cell is its *check cell*: it calls a check from ``nnlib.exercises.chNN`` that
  displays a ``Feedback`` whose text starts with ``✅ Correct!``, ``❌ Not yet —`` or
  ``✏️ Not answered yet —``;
- the reference answer is in ``solutions/NN_name.py`` and a plausible wrong answer in
  ``tests/exercise_answers/NN_name_wrong.py``, both as jupytext "percent" cells headed
  ``# %% Exercise N.M`` (the cell's text runs until the next ``# %%`` line).

Tests (c) and (d) execute each chapter once with *all* reference answers pasted into their
answer cells, and once with all wrong answers, in memory (the repository file is never
written) with the kernel's working directory in the chapters folder, as for a learner.

The parsing/injecting/executing helpers below are themselves tested on a synthetic chapter in
``tests/test_exercise_harness.py``.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path

import nbformat
import pytest

# The conventions are read in one place, shared with scripts/make_assignments.py.
from nnlib.exercises.files import Exercise, find_exercises, parse_answer_file  # noqa: F401

REPO = Path(__file__).resolve().parents[1]
CHAPTERS = Path(os.environ.get("NNLAB_CHAPTERS_DIR", REPO / "chapters")).resolve()
SOLUTIONS = REPO / "solutions"
WRONG_ANSWERS = REPO / "tests" / "exercise_answers"
CHAPTER_GLOB = "[0-9][0-9]_*.ipynb"
CELL_TIMEOUT = 300  # seconds; same order as nbval's --nbval-cell-timeout in pyproject.toml

# Feedback prefixes (nnlib.exercises); U+FE0F (emoji presentation selector) is ignored when
# matching because editors add or drop it freely after "✏".
PREFIXES = {"correct": "✅ Correct!", "wrong": "❌ Not yet —", "unanswered": "✏️ Not answered yet —"}


def _korean_prefixes():
    """The same prefixes in the Korean edition (chapters/ko/, notebook metadata language "ko")."""
    from nnlib import exercises
    from nnlib.language import set_language, tr

    set_language("ko")
    try:
        return {"correct": tr(exercises.CORRECT), "wrong": tr(exercises.WRONG), "unanswered": tr(exercises.UNANSWERED)}
    finally:
        set_language("en")


PREFIXES_BY_LANGUAGE = {"en": PREFIXES, "ko": _korean_prefixes()}


# --------------------------------------------------------------------------- harness


def inject(nb: nbformat.NotebookNode, answers: dict[str, str]) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose answer cells hold ``answers[id]`` (other cells untouched)."""
    nb = copy.deepcopy(nb)
    for ex in find_exercises(nb):
        if ex.id in answers:
            nb.cells[ex.answer_index].source = answers[ex.id]
    return nb


def _kernel_manager_class():
    """nbclient kernel manager whose "python3" is this interpreter (like --nbval-current-env)."""
    import ipykernel.kernelspec
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpecManager

    class CurrentEnvSpecs(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            if kernel_name == "python3":
                return self.kernel_spec_class(
                    resource_dir=ipykernel.kernelspec.RESOURCES, **ipykernel.kernelspec.get_kernel_dict()
                )
            return super().get_kernel_spec(kernel_name)

    class CurrentEnvKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            kwargs.setdefault("kernel_spec_manager", CurrentEnvSpecs())
            super().__init__(**kwargs)

    return CurrentEnvKernelManager


def execute(nb: nbformat.NotebookNode, cwd: Path, timeout: int = CELL_TIMEOUT) -> nbformat.NotebookNode:
    """Execute a copy of ``nb`` in a fresh kernel started in ``cwd``; errors are kept as outputs.

    ``allow_errors=True`` so that one run reports *every* failing cell, not just the first.
    """
    from nbclient import NotebookClient

    nb = copy.deepcopy(nb)
    # The kernel inherits os.environ: conftest.py has set scripts/run_notebooks.py's KERNEL_ENV.
    NotebookClient(
        nb,
        kernel_name="python3",
        kernel_manager_class=_kernel_manager_class(),
        timeout=timeout,
        allow_errors=True,
        store_widget_state=False,
        record_timing=False,
        resources={"metadata": {"path": str(cwd)}},
    ).execute()
    return nb


def _texts(cell) -> list[str]:
    """Plain-text renderings of a cell's outputs (text/plain and streams), one per line."""
    texts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            texts.append(out.text)
        elif "text/plain" in out.get("data", {}):
            texts.append(out.data["text/plain"])
    return [line.strip() for text in texts for line in text.splitlines() if line.strip()]


def feedback_statuses(cell, language: str = "en") -> list[str]:
    """The status ("correct", "wrong", "unanswered") of every Feedback shown by ``cell``."""
    statuses = []
    for line in _texts(cell):
        line = line.replace("\ufe0f", "").strip("'\"")
        for status, prefix in PREFIXES_BY_LANGUAGE[language].items():
            if line.startswith(prefix.replace("\ufe0f", "")):
                statuses.append(status)
    return statuses


def error_outputs(nb: nbformat.NotebookNode) -> list[str]:
    """One line per error output in ``nb``: "cell i: Name: value"."""
    return [
        f"cell {i}: {out.get('ename')}: {out.get('evalue')}"
        for i, cell in enumerate(nb.cells)
        for out in cell.get("outputs", [])
        if out.output_type == "error"
    ]


def feedback_problems(nb: nbformat.NotebookNode, expected: str) -> list[str]:
    """Check cells of ``nb`` that do not show exactly the ``expected`` status, plus all errors."""
    problems = error_outputs(nb)
    language = nb.metadata.get("language", "en")  # "ko" in the Korean edition (scripts/translate.py)
    for ex in find_exercises(nb):
        statuses = feedback_statuses(nb.cells[ex.check_index], language)
        if not statuses:
            problems.append(
                f"exercise {ex.id} (check cell {ex.check_index}) shows no Feedback; outputs: "
                f"{_texts(nb.cells[ex.check_index])[:3]}"
            )
        elif set(statuses) != {expected}:
            problems.append(
                f"exercise {ex.id} (check cell {ex.check_index}) shows {statuses}, expected {expected!r}: "
                f"{_texts(nb.cells[ex.check_index])[:3]}"
            )
    return problems


def answer_files(notebook: Path) -> tuple[Path, Path]:
    """(solution file, wrong-answer file) for a chapter notebook."""
    return SOLUTIONS / f"{notebook.stem}.py", WRONG_ANSWERS / f"{notebook.stem}_wrong.py"


# --------------------------------------------------------------------------- the chapters


# The Korean edition (chapters/ko/) has the same exercises, answer files and checks, in Korean.
ALL_CHAPTERS = sorted(CHAPTERS.glob(CHAPTER_GLOB)) + sorted((CHAPTERS / "ko").glob(CHAPTER_GLOB))


def _chapters_with_exercises():
    found = []
    for path in ALL_CHAPTERS:
        try:
            if find_exercises(nbformat.read(path, as_version=4)):
                found.append(path)
        except ValueError:
            found.append(path)  # malformed: let test_exercise_cells_well_formed report it
    return found


WITH_EXERCISES = _chapters_with_exercises()


def _ids(paths):
    return [str(p.relative_to(CHAPTERS)) for p in paths]


all_chapters = pytest.mark.parametrize("path", ALL_CHAPTERS, ids=_ids(ALL_CHAPTERS))
with_exercises = pytest.mark.parametrize("path", WITH_EXERCISES, ids=_ids(WITH_EXERCISES))


@all_chapters
def test_exercise_cells_well_formed(path):
    find_exercises(nbformat.read(path, as_version=4))  # raises with the cell index


@with_exercises
def test_stored_notebook_shows_not_answered_yet(path):
    """(a) As shipped, every check cell says "Not answered yet" and nothing errors."""
    nb = nbformat.read(path, as_version=4)
    assert not feedback_problems(nb, "unanswered"), "\n".join(feedback_problems(nb, "unanswered"))


@all_chapters
def test_every_exercise_has_solution_and_wrong_answer(path):
    """(b) Ids in the notebook == ids in solutions/NN.py == ids in the wrong-answer file."""
    ids = {ex.id for ex in find_exercises(nbformat.read(path, as_version=4))}
    solution_file, wrong_file = answer_files(path)
    for kind, file in (("solution", solution_file), ("wrong answer", wrong_file)):
        if not ids and not file.exists():
            continue
        assert file.exists(), f"{path.name} has exercises {sorted(ids)} but no {kind} file {file.relative_to(REPO)}"
        file_ids = set(parse_answer_file(file))
        assert not ids - file_ids, f"{file.name}: no {kind} for exercises {sorted(ids - file_ids)}"
        assert not file_ids - ids, f"{file.name}: exercises {sorted(file_ids - ids)} are not in {path.name}"


def test_no_orphan_answer_files():
    """(b) Every solutions/*.py and *_wrong.py belongs to a chapter notebook."""
    stems = {p.stem for p in CHAPTERS.glob(CHAPTER_GLOB)}
    orphans = [p.name for p in SOLUTIONS.glob("*.py") if p.stem not in stems and not p.name.startswith("_")]
    orphans += [p.name for p in WRONG_ANSWERS.glob("*_wrong.py") if p.stem[: -len("_wrong")] not in stems]
    assert not orphans, f"answer files without a chapter notebook: {orphans}"


def _run_with(path: Path, variant: str) -> nbformat.NotebookNode:
    """Execute ``path`` once with all answers of ``variant`` ("solutions" / "wrong") injected.

    One kernel run per notebook and variant (not one per exercise): each test below calls this
    exactly once, and a chapter's later exercises may build on earlier answers anyway.
    """
    solution_file, wrong_file = answer_files(path)
    answers = parse_answer_file(solution_file if variant == "solutions" else wrong_file)
    return execute(inject(nbformat.read(path, as_version=4), answers), cwd=path.parent)


@pytest.mark.slow
@with_exercises
def test_reference_solutions_are_correct(path):
    """(c) With every reference answer pasted in, every check says "Correct!" and nothing errors."""
    problems = feedback_problems(_run_with(path, "solutions"), "correct")
    assert not problems, f"{path.name} with solutions/{path.stem}.py:\n" + "\n".join(problems)


@pytest.mark.slow
@with_exercises
def test_wrong_answers_are_rejected(path):
    """(d) With every wrong answer pasted in, every check says "Not yet" and nothing errors."""
    problems = feedback_problems(_run_with(path, "wrong"), "wrong")
    assert not problems, f"{path.name} with tests/exercise_answers/{path.stem}_wrong.py:\n" + "\n".join(problems)
