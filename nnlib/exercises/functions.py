"""Helpers for exercises in which the learner writes a function (every chapter from 01 on).

Examples
--------
>>> def stub(x):
...     return ...
>>> still_a_stub(stub, (1.0,)), still_a_stub(lambda x: (..., ...), (1.0,)), still_a_stub(..., ())
(True, True, True)
>>> def body_only(x):
...     ...
>>> def forgets_return(x):
...     2 * x
>>> still_a_stub(lambda x: 2 * x, (1.0,)), still_a_stub(body_only), still_a_stub(forgets_return, (1.0,))
(False, True, False)
"""

from __future__ import annotations

import functools

import numpy as np

from . import is_placeholder

__all__ = ["still_a_stub", "function_check"]


def _empty_body(*args, **kwargs):
    ...


def still_a_stub(fn, args=None):
    """True when ``fn`` is the ``...`` placeholder or the notebook's stub, not yet filled in.

    A stub is a function whose body is only ``...`` (or ``pass``), or — called once with ``args``,
    when given — one that still returns ``...`` or a tuple holding it (``return ..., ..., ...``).
    A function that returns None after real code is not a stub: its check says "Not yet" and asks
    for a return. (A body of only ``return None`` compiles to the same code as ``...``, so it counts
    as a stub.)

    A function that raises is *not* a stub: the check itself then says "Not yet" and shows the
    error, so a half-written function gets feedback instead of "not answered".
    """
    if is_placeholder(fn):
        return True
    if not callable(fn):
        return False
    code = getattr(fn, "__code__", None)
    if code is not None and code.co_code == _empty_body.__code__.co_code:
        return True
    if args is None:
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
