"""Exercise checks: tell a learner "correct" or give a hint, never crash on an unanswered cell.

Each chapter's checks live in ``nnlib.exercises.chNN``. A check returns a :class:`Feedback`,
which shows as one line of text under the cell:

- ``✏️ Not answered yet — hint: …`` while the answer still contains the ``...`` placeholder,
- ``❌ Not yet — hint: …`` for a wrong answer,
- ``✅ Correct! …`` for a right one.

Reference answers are in the repository's ``solutions/`` folder, one file per chapter.

Examples
--------
>>> from nnlib.exercises import exercise
>>> @exercise("0.1", hint="Two plus two.")
... def check_sum(answer):
...     return answer == 4, "That is 2 + 2."
>>> check_sum(...)
✏️ Not answered yet — hint: Two plus two.
>>> check_sum(5)
❌ Not yet — hint: Two plus two.
>>> check_sum(4)
✅ Correct! That is 2 + 2.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

__all__ = ["Feedback", "exercise", "is_placeholder"]

CORRECT = "✅ Correct!"
WRONG = "❌ Not yet —"
UNANSWERED = "✏️ Not answered yet —"


@dataclass(frozen=True)
class Feedback:
    """The result of a check: ``status`` is "correct", "wrong" or "unanswered".

    Truthy only when correct, so tests can ``assert check(...)``.
    """

    exercise: str
    status: str
    message: str

    def __bool__(self):
        return self.status == "correct"

    def __str__(self):
        return self.message

    __repr__ = __str__

    def _repr_html_(self):
        colour = {"correct": "#1b7a2f", "wrong": "#b3261e", "unanswered": "#555"}[self.status]
        text = self.message.replace("&", "&amp;").replace("<", "&lt;")
        return f'<div class="nnlab-feedback" style="color:{colour}">Exercise {self.exercise}: {text}</div>'


def is_placeholder(value):
    """True when ``value`` is, or contains, the ``...`` placeholder (or None).

    Examples
    --------
    >>> is_placeholder((1.0, ...)), is_placeholder([1.0, 2.0])
    (True, False)
    """
    if value is Ellipsis or value is None:
        return True
    if isinstance(value, (list, tuple)):
        return any(is_placeholder(v) for v in value)
    if isinstance(value, dict):
        return any(is_placeholder(v) for v in value.values())
    if isinstance(value, np.ndarray) and value.dtype == object:
        return any(is_placeholder(v) for v in value.ravel())
    return False


def exercise(number, *, hint):
    """Decorate a check so it handles placeholders, wrong answers and crashes uniformly.

    The decorated function receives the learner's answer(s) and returns ``(ok, message)``
    (``message`` is shown on success; on failure a more specific hint may be returned as
    ``(False, "hint text")``). Any exception raised while checking a filled-in answer is turned
    into a "Not yet" with the error's text, so a half-finished answer never stops Run All.
    """

    def decorate(check):
        @functools.wraps(check)
        def wrapper(*answers, **kw):
            if is_placeholder(answers) or is_placeholder(kw):
                return Feedback(number, "unanswered", f"{UNANSWERED} hint: {hint}")
            try:
                ok, message = check(*answers, **kw)
            except Exception as exc:  # a learner's answer of the wrong kind must not crash
                return Feedback(number, "wrong", f"{WRONG} hint: {hint} ({type(exc).__name__}: {exc})")
            if ok:
                return Feedback(number, "correct", f"{CORRECT} {message}".rstrip())
            return Feedback(number, "wrong", f"{WRONG} hint: {message or hint}")

        wrapper.exercise = number
        return wrapper

    return decorate
