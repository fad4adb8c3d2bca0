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

from . import is_placeholder

__all__ = ["still_a_stub"]


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
        result = fn(*args)
    except Exception:  # judged (and explained) by the check itself
        return False
    return result is not None and is_placeholder(result)
