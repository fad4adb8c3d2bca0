"""Noticing that training has diverged: one rule for every trainer in nnlib.

A learning rate that is too large makes the loss grow instead of shrink. Left alone, the weights
run off to infinity (or to NaN) and every prediction afterwards is nonsense. Every trainer in nnlib
(the MLP, Perceptron, Adaline, the chapter-06 descent helpers) watches its loss with a
:class:`DivergenceGuard` and reacts the same way:

1. a loss that is not finite, or that has grown to more than ``growth`` times the best loss so far
   *and* above the first loss checked, counts as diverged (a run that passes almost exactly
   through a minimum of loss 0 and climbs back a little has not diverged);
2. training stops, the last weights that gave a finite, non-diverged loss are put back,
   ``diverged_`` is set, and one ``RuntimeWarning`` names the learning rate to lower.

Example
-------
>>> import warnings
>>> guard = DivergenceGuard(lr=10.0, who="Adaline")
>>> guard.check(1.0, [np.array([0.5])])
False
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     guard.check(float("inf"), [np.array([1e300])])
True
>>> guard.best_params[0], guard.diverged
(array([0.5]), True)
>>> "lr=10" in str(caught[0].message)
True
"""

from __future__ import annotations

import math
import warnings

import numpy as np

from ._checks import check_positive

__all__ = ["DivergenceGuard", "GROWTH"]

#: A loss this many times larger than the best loss so far counts as diverged. Honest training
#: never gets there (a loss that rises 10x is already a warning sign); a learning rate that is
#: too large passes it within a few epochs, long before float64 overflows.
GROWTH = 1e6


class DivergenceGuard:
    """Watch a loss epoch by epoch and keep the last good weights.

    Parameters
    ----------
    lr : float
        The learning rate, named in the warning (it is nearly always the cause).
    who : str
        The trainer's name for the warning, e.g. ``"MLPClassifier"``.
    growth : float, default 1e6
        How many times the best loss so far a loss may reach before it counts as diverged.

    Raises
    ------
    ValueError, TypeError
        ``lr`` or ``growth`` not a positive finite number, ``who`` not a str.

    Attributes
    ----------
    best_loss : float
        The smallest finite loss seen so far (``inf`` before the first check).
    first_loss : float or None
        The first finite loss checked (usually the loss before training).
    best_params : list of ndarray or None
        Copies of the parameters passed with the last loss that was accepted, i.e. the last
        weights known to be good; ``None`` before the first accepted check.
    diverged : bool
        True once a check has failed; the guard then warns no more.

    Notes
    -----
    The rule (stop when the loss is non-finite or has grown by a large factor) is the one deep
    learning frameworks' "terminate on NaN" and loss-explosion callbacks use; see Goodfellow,
    Bengio & Courville, *Deep Learning* (2016), section 8.2.4 on exploding updates.
    """

    def __init__(self, lr: float, who: str, growth: float = GROWTH):
        self.lr = check_positive(lr, "lr")
        if not isinstance(who, str):
            raise TypeError(f"who must be the trainer's name (a str); got {type(who).__name__}")
        self.who = who
        self.growth = check_positive(growth, "growth")
        self.best_loss = math.inf
        self.first_loss = None
        self.best_params = None
        self.diverged = False

    def check(self, loss: float, params, epoch: int | None = None) -> bool:
        """Return True if ``loss`` shows divergence; otherwise remember ``params`` as good.

        Parameters
        ----------
        loss : float
            The loss after the latest epoch (or step).
        params : list of ndarray
            The parameters that produced ``loss``; copied when the loss is accepted.
        epoch : int, optional
            Counted from 1, named in the warning.

        Returns
        -------
        bool
            True when training should stop; the caller then restores :attr:`best_params`
            (if it is not None) and sets its ``diverged_`` attribute.
        """
        loss = float(loss)
        if self.first_loss is None and math.isfinite(loss):
            self.first_loss = loss
        # Far above the best, and above where training started.
        limit = max(self.growth * self.best_loss, self.first_loss if self.first_loss is not None else math.inf)
        if math.isfinite(loss) and loss <= limit:
            if loss < self.best_loss:
                self.best_loss = loss
            self.best_params = [np.array(p, copy=True) for p in params]
            return False
        if not self.diverged:
            where = f" at epoch {epoch}" if epoch is not None else ""
            warnings.warn(
                f"{self.who} diverged{where}: the loss grew to {loss:.3g} (best so far "
                f"{self.best_loss:.3g}). The learning rate lr={self.lr:g} is probably too large: "
                "try a smaller lr, or standardise X. Training stopped and the last good weights "
                "were kept.",
                RuntimeWarning,
                stacklevel=3,
            )
        self.diverged = True
        return True
