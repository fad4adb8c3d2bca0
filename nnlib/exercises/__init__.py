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
...     if answer != 4:
...         return False, ""          # no specific hint: the ladder's hint is shown
...     return True, "That is 2 + 2."
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

from ..language import tr, translatable

__all__ = ["DIFFICULTIES", "Feedback", "Mismatch", "compare_functions", "exercise", "is_placeholder"]

# The three feedback lines (the tests recognise a status by these beginnings; in Korean by the emoji).
CORRECT = translatable("✅ Correct!")
WRONG = translatable("❌ Not yet —")
UNANSWERED = translatable("✏️ Not answered yet —")


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
        heading = tr("Exercise {number}: {text}", number=self.exercise, text=text)
        return f'<div class="nnlab-feedback" style="color:{colour}">{heading}</div>'


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


#: Difficulty labels, shown in each exercise's heading and stored on the check (in English;
#: ``tr(check.difficulty)`` gives the selected language's label).
DIFFICULTIES = (translatable("★ warm-up"), translatable("★★ practice"), translatable("★★★ challenge"))


def exercise(number, *, hint=None, hints=None, difficulty=None):
    """Decorate a check so it handles placeholders, wrong answers and crashes uniformly.

    Parameters
    ----------
    number : str
        The exercise's number, e.g. ``"6.2"``.
    hint : str, optional
        A single hint (the old form; the same as ``hints=[hint]``).
    hints : sequence of str, optional
        A *ladder* of hints, from a nudge to a pointer to the formula to the shape of the code.
        The first unanswered or wrong attempt shows the first hint, each further attempt in the
        same kernel the next one; the last one repeats. Never the answer itself. Each hint is
        written as ``translatable("...")`` and shown through ``tr``, so it appears in the language
        selected when the check runs; ``check.hints`` keeps the English texts.
    difficulty : str, optional
        One of :data:`DIFFICULTIES`; kept as ``check.difficulty`` for the chapter's heading.

    The decorated function receives the learner's answer(s) and returns ``(ok, message)``.
    ``message`` (already translated: written as ``tr("...")`` in the check) is shown on success.
    On failure it is shown *instead of* the ladder's hint, so a
    check must return ``(False, "")`` or a specific hint there, never text that holds the answer
    (``return ok, f"... {reference} ..."`` would print the answer to a wrong attempt). Any exception raised while checking a filled-in answer is turned
    into a "Not yet" with the error's text, so a half-finished answer never stops Run All.

    Raises
    ------
    ValueError
        If neither ``hint`` nor ``hints`` is given, or ``difficulty`` is not a known label.
    """
    ladder = [hint] if hints is None else list(hints)
    if not ladder or any(not isinstance(h, str) or not h for h in ladder):
        raise ValueError(f"hints must be one or more non-empty strings; got {ladder!r}")
    if difficulty is not None and difficulty not in DIFFICULTIES:
        raise ValueError(f"difficulty must be one of {DIFFICULTIES}; got {difficulty!r}")

    def decorate(check):
        attempts = [0]  # attempts not yet right, for the hint ladder

        def next_hint():
            k = min(attempts[0], len(ladder) - 1)
            attempts[0] += 1
            text = tr(ladder[k])
            if len(ladder) > 1:
                text = tr("[hint {k}/{n}] {hint}", k=k + 1, n=len(ladder), hint=text)
            if k < len(ladder) - 1:
                text = tr("{hint} (run the check again for the next hint)", hint=text)
            return text

        @functools.wraps(check)
        def wrapper(*answers, **kw):
            if is_placeholder(answers) or is_placeholder(kw):
                return Feedback(number, "unanswered", tr("✏️ Not answered yet — hint: {hint}", hint=next_hint()))
            try:
                ok, message = check(*answers, **kw)
            except Exception as exc:  # a learner's answer of the wrong kind must not crash
                error = f"{type(exc).__name__}: {exc}"  # error messages stay in English
                return Feedback(number, "wrong", tr("❌ Not yet — hint: {hint} ({error})", hint=next_hint(), error=error))
            if ok:
                attempts[0] = 0
                return Feedback(number, "correct", tr("✅ Correct! {message}", message=message).rstrip())
            return Feedback(number, "wrong", tr("❌ Not yet — hint: {hint}", hint=message or next_hint()))

        wrapper.exercise = number
        wrapper.hints = tuple(ladder)
        wrapper.difficulty = difficulty
        wrapper.reset_hints = lambda: attempts.__setitem__(0, 0)
        return wrapper

    return decorate


def compare_functions(learner, reference, make_inputs, *, trials=5, seed=None, rtol=1e-6, atol=1e-8):
    """Call a learner's function and nnlib's on the same fresh random inputs; say where they differ.

    Parameters
    ----------
    learner, reference : callable
        The learner's function and the reference (nnlib's) with the same signature.
    make_inputs : callable
        ``make_inputs(rng) -> tuple`` of positional arguments for one trial.
    trials : int, default 5
        How many random input sets to try.
    seed : int or None
        ``None`` draws fresh inputs every call (so a hard-coded answer cannot pass).
    rtol, atol : float
        Tolerances for ``numpy.allclose``.

    Returns
    -------
    (bool, str)
        ``(True, "")`` if every trial agrees, else ``(False, reason)``. The reason names the
        shapes or the kind of difference, never the expected numbers. It is a :class:`Mismatch`
        (a ``str`` in the selected language) whose ``kind`` says which difference it names, so a
        check can react to it in any language.

    Examples
    --------
    >>> ok, why = compare_functions(lambda a: a * 2, lambda a: a + a, lambda rng: (rng.normal(size=3),))
    >>> ok
    True
    >>> compare_functions(lambda a: a, lambda a: a + 1, lambda rng: (rng.normal(size=3),))[0]
    False
    """
    rng = np.random.default_rng(seed)
    for _ in range(trials):
        args = make_inputs(rng)
        expected = reference(*[np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in args])
        got = learner(*[np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in args])
        if got is None or got is Ellipsis:
            return False, Mismatch("none", tr("your function returns None: end it with `return ...` of the result."))
        exp_parts = expected if isinstance(expected, tuple) else (expected,)
        got_parts = got if isinstance(got, tuple) else (got,)
        if len(got_parts) != len(exp_parts):
            return False, Mismatch("count", tr("your function returns {got} value(s); it should return {expected}.",
                                               got=len(got_parts), expected=len(exp_parts)))
        for i, (g, e) in enumerate(zip(got_parts, exp_parts)):
            g, e = np.asarray(g, dtype=float), np.asarray(e, dtype=float)
            what = tr("return value {i}", i=i + 1) if len(exp_parts) > 1 else tr("the result")
            if g.shape != e.shape:
                return False, Mismatch("shape", tr("{what} has shape {got}; it should have shape {expected}.",
                                                   what=what, got=g.shape, expected=e.shape))
            if not np.allclose(g, e, rtol=rtol, atol=atol):
                return False, Mismatch("values", tr("{what} has the right shape but different numbers on random inputs.",
                                                    what=what))
    return True, ""


class Mismatch(str):
    """The reason :func:`compare_functions` gives, in the selected language, with its ``kind``:
    ``"none"`` (returns None), ``"count"`` (how many values), ``"shape"`` or ``"values"``.

    >>> why = Mismatch("values", "the result has different numbers")
    >>> why.kind, why + "."
    ('values', 'the result has different numbers.')
    """

    def __new__(cls, kind, text):
        reason = super().__new__(cls, text)
        reason.kind = kind
        return reason
