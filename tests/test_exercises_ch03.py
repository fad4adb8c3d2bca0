"""Chapter 03 checks beyond the three-way tests (unanswered / reference / wrong), which live in
test_exercises_ch03_06.py: each check judges the idea, not one magic answer, and never crashes.
"""

import numpy as np

from nnlib.exercises import ch03


def test_every_check_has_a_difficulty_and_a_ladder_of_hints():
    for check in (ch03.check_separable_count, ch03.check_moved_point, ch03.check_product_feature,
                  ch03.check_line_search):
        assert check.difficulty and len(check.hints) >= 3


def _last_line_search(X, y, grid):
    """A correct search that returns the *last* separating line: any separating line is fine."""
    found = None
    for w1 in grid:
        for w2 in grid:
            for b in grid:
                if np.all((w1 * X[:, 0] + w2 * X[:, 1] + b >= 0).astype(int) == y):
                    found = (w1, w2, b)
    return found


def test_line_search_check_accepts_any_separating_line_and_rejects_shortcuts():
    assert ch03.check_line_search(_last_line_search)
    # a fixed line: reported as a line that gets rows wrong, without printing the answer
    fb = ch03.check_line_search(lambda X, y, grid: (1.0, 1.0, -1.5))
    assert fb.status == "wrong" and "gets some rows wrong" in str(fb)
    # a search of lines through the origin only: says None for the separable gate every check starts with
    fb = ch03.check_line_search(lambda X, y, grid: None if y[0] == 0 else (0.0, 0.0, 0.0))
    assert fb.status == "wrong" and "None where a grid line exists" in str(fb)
    # the wrong type of answer is a hint, not a crash
    assert ch03.check_line_search(lambda X, y, grid: "no").status == "wrong"


def test_checks_judge_the_idea_not_one_magic_answer():
    # 3.2: another point and line that work
    assert ch03.check_moved_point((0.0, -1.0), (1.0, 2.0, -0.5))
    assert ch03.check_moved_point((-1.0, -1.0), (1.0, 1.0, -3.0)).status == "wrong"  # separable, bad line
    # 3.3: scaled weights work too
    assert ch03.check_product_feature((2.0, 2.0, -4.0, -1.0))
    # 3.1: a malformed table is a "Not yet", never a crash
    assert ch03.check_separable_count(14, [(0, 1, 2, 0)]).status == "wrong"
