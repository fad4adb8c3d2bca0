"""Helpers for exercises in which the learner writes a function (chapters 04–06).

Examples
--------
>>> def stub(x):
...     return ...
>>> still_a_stub(stub, (1.0,)), still_a_stub(lambda x: (..., ...), (1.0,)), still_a_stub(..., ())
(True, True, True)
>>> still_a_stub(lambda x: 2 * x, (1.0,)), still_a_stub(lambda x: None, (1.0,))
(False, False)
"""

from __future__ import annotations

import functools

import numpy as np

from . import is_placeholder

__all__ = ["still_a_stub", "function_check"]


def still_a_stub(fn, args):
    """True when ``fn`` is the ``...`` placeholder or the notebook's stub that still returns ``...``.

    "Still returns ``...``" includes a tuple holding ``...`` (the stub ``return ..., ..., ...``).
    A function that returns None is not a stub: its check says "Not yet" and asks for a return.

    A function that raises is *not* a stub: the check itself then says "Not yet" and shows the
    error, so a half-written function gets feedback instead of "not answered".
    """
    if is_placeholder(fn):
        return True
    if not callable(fn):
        return False
    try:
        result = fn(*(np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in args))
    except Exception:  # judged (and explained) by the check itself
        return False
    return result is not None and is_placeholder(result)


def function_check(check, stub_args):
    """The public check of an exercise whose answer is a function: a stub counts as unanswered.

    ``check`` is an :func:`~nnlib.exercises.exercise`-decorated check taking the learner's
    function; ``stub_args`` are arguments to call the function with once, to see whether it is
    still the notebook's stub. The result keeps ``check``'s number, hints, difficulty and docstring.

    Examples
    --------
    >>> from nnlib.exercises import exercise
    >>> @exercise("9.9", hint="Double it.")
    ... def _check(double):
    ...     return double(2) == 4, ""
    >>> check = function_check(_check, (1,))
    >>> def double(x):
    ...     return ...
    >>> check(double).status, check(lambda x: 2 * x).status, check.exercise
    ('unanswered', 'correct', '9.9')
    """
    @functools.wraps(check)
    def wrapper(fn):
        return check(...) if still_a_stub(fn, stub_args) else check(fn)

    return wrapper
