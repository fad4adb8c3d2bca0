"""A property test over every public entry point of nnlib (issue #13, item 7).

Each entry point named in a module's ``__all__`` is called with arguments drawn from a pool of
good and bad values (wrong shapes, 0-d and 3-d arrays, empty arrays, NaN/inf, None, strings,
complex numbers, huge numbers, booleans, unknown names). Whatever the arguments, the call must
either return, or raise a ``ValueError``/``TypeError`` whose message names one of the arguments
(or says the model is not fitted yet). It must never raise another exception type, warn (other
than nnlib's own documented warnings: a fit that did not converge or diverged, a column y),
hang, or return NaN/inf when every argument was finite.

Left out, with the reason:

- ``nnlib.widgets`` and ``nnlib.plots``: they draw (ipywidgets, matplotlib); their tests drive them;
- ``nnlib.exercises``: the exercise harness, tested with unanswered/reference/wrong answers;
- ``nnlib.preprocess``: owned and fuzzed with the digit pad's own tests (tests/test_preprocess.py);
- ``nnlib.datasets`` loaders that read files or the network (MNIST, IDX, the digits file):
  tests/test_mnist.py and tests/test_bad_input.py cover their bad input.

Numbers are drawn from [−1e6, 1e6] so that a finite answer exists: the overflow cases
(±1e308) have their own tests with the exact values in tests/test_bad_input.py. Integers are
small (below 30) so that no drawn size or epoch count can make a call slow. Deterministic
(``derandomize=True``) and bounded (``max_examples``), so it cannot flake.
"""

from __future__ import annotations

import inspect
import numbers
import signal
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.exceptions import ConvergenceWarning, DataConversionWarning, NotFittedError

from nnlib import (activations, descent, divergence, gradient_check, layers, learning_rules, losses, mlp, network,
                   neuron, optimizers, perceptron, regularization, separability)
from nnlib.datasets import logic, toy

MODULES = [activations, descent, divergence, gradient_check, layers, learning_rules, losses, mlp, network, neuron,
           optimizers, perceptron, regularization, separability, logic, toy]

SECONDS_PER_CALL = 10  # far above any honest call on this data: only a hang reaches it


# The training step is written without checks on purpose (CONTRIBUTING: validation at the public
# entry points, once, not inside the step the learner reads): a layer's or the network's
# forward/backward/train_step, an optimiser's step, and the per-sample formulas of
# learning_rules. They are fuzzed through the entry points that check and then call them
# (MLPClassifier/MLPRegressor.fit, Network(...), train_steps, perceptron_step, delta_step ...).
TRAINING_STEP = {"forward", "backward", "step", "train_step", "train_epoch", "params", "grads", "penalty"}
FORMULA_ONLY = {"learning_rules.hebb_rule", "learning_rules.error_correction_rule"}

# Entry points outside this change's files that still fail the property: strict xfails, so that
# fixing one makes the test fail until it leaves this list.
KNOWN_FAILURES = {}

# A parameter called ``name`` is named by what it names.
ALIASES = {"name": ("surface", "optimizer", "activation", "layer")}


def _entry_points():
    for module in MODULES:
        for name in module.__all__:
            obj = getattr(module, name)
            key = f"{module.__name__.split('.')[-1]}.{name}"
            if callable(obj) and not isinstance(obj, (dict, tuple)) and key not in FORMULA_ONLY:
                marks = [pytest.mark.xfail(reason=KNOWN_FAILURES[key], strict=True)] if key in KNOWN_FAILURES else []
                yield pytest.param(obj, id=key, marks=marks)


def _square_sum(w):
    return float(np.sum(np.asarray(w) ** 2))


finite = st.floats(-1e6, 1e6, allow_nan=False, width=64)
small_arrays = hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4), elements=finite)
matrices = hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 3)), elements=finite)
SPECIAL = [
    None, True, 0, 1, 2, 3, -1, 2**63, 0.0, 0.5, 1.0, -0.5, 1e6, np.nan, np.inf, 1 + 2j, "", "relu", "sgd",
    "unknown name", b"bytes", [], [1.0, 2.0], [[0.0, 1.0], [1.0, 0.0]], [[1, "a"]], {"a": 1}, (4,), (2, 2),
    np.zeros((0, 2)), np.array([np.nan, 1.0]), np.array([1 + 1j, 2.0]), np.array(["a", "b"]),
    np.array([0, 1, 1, 0]), np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float), np.ones((2, 3, 2)),
    np.float32([[3e38, -3e38]]), _square_sum, np.random.default_rng(0),
]
values = st.one_of(st.sampled_from(SPECIAL), st.integers(-3, 30), finite, small_arrays, matrices)

# nnlib's own warnings, each documented where it is raised.
DOCUMENTED_WARNINGS = (ConvergenceWarning, DataConversionWarning)


def _all_finite(args):
    for a in args:
        if a is None or isinstance(a, (str, bytes, bool, np.random.Generator)) or callable(a):
            continue
        try:
            arr = np.asarray(a, dtype=float)
        except (TypeError, ValueError):
            return False
        if not np.all(np.isfinite(arr)):
            return False
    return True


def _non_finite_output(result):
    if isinstance(result, (float, np.floating)) and not isinstance(result, bool):
        return not np.isfinite(result)
    if isinstance(result, np.ndarray) and result.dtype.kind == "f":
        return not np.all(np.isfinite(result))
    return False


def _on_alarm(signum, frame):
    raise TimeoutError(f"the call took more than {SECONDS_PER_CALL} s (a hang)")


def _call(fn, args, kwargs, names):
    """Call fn; return its result, or None after an allowed error; fail on anything else."""
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(SECONDS_PER_CALL)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = fn(*args, **kwargs)
            except (ValueError, TypeError) as exc:
                message = str(exc)
                names = [*names, *(alias for n in names for alias in ALIASES.get(n, ()))]
                in_order = "first" in message  # "backward() needs a forward() first"
                assert isinstance(exc, NotFittedError) or in_order or any(n in message for n in names), (
                    f"{type(exc).__name__} does not name an argument of {names}: {message}")
                result = None
        for w in caught:
            documented = issubclass(w.category, DOCUMENTED_WARNINGS) or (
                issubclass(w.category, RuntimeWarning) and "diverged" in str(w.message))
            assert documented, f"unexpected warning {w.category.__name__}: {w.message}"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return result


def _draw_arguments(data, fn):
    """Positional arguments for every required parameter, sometimes a keyword for an optional one."""
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return [], {}, []
    args, kwargs = [], {}
    for p in params:
        if p.name == "self" or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        if p.default is p.empty:
            if p.kind is p.KEYWORD_ONLY:
                kwargs[p.name] = data.draw(values, label=p.name)
            else:
                args.append(data.draw(values, label=p.name))
        elif data.draw(st.booleans(), label=f"set {p.name}"):
            kwargs[p.name] = data.draw(values, label=p.name)
    return args, kwargs, [p.name for p in params]


def _public_methods(obj):
    for name in dir(type(obj)):
        if name.startswith("_") or name in TRAINING_STEP or name.endswith("_request") or name in (
                "get_params", "set_params", "set_output", "get_metadata_routing"):
            continue  # the training step (see above), or scikit-learn's own machinery
        member = getattr(type(obj), name, None)
        if callable(member) and not isinstance(member, type):
            yield name, getattr(obj, name)


@pytest.mark.parametrize("entry_point", list(_entry_points()))
@settings(max_examples=60, deadline=None, derandomize=True, database=None, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_bad_input_is_refused_by_name_or_answered(entry_point, data):
    args, kwargs, names = _draw_arguments(data, entry_point)
    result = _call(entry_point, args, kwargs, names)
    if result is not None and not isinstance(entry_point, type) and _all_finite([*args, *kwargs.values()]):
        assert not _non_finite_output(result), f"NaN/inf from finite input: {result!r}"
    if isinstance(entry_point, type) and result is not None:
        # An object was built: fuzz one of its public methods too (fit, predict, forward, step ...).
        methods = list(_public_methods(result))
        if methods:
            name, method = data.draw(st.sampled_from(methods), label="method")
            m_args, m_kwargs, m_names = _draw_arguments(data, method)
            _call(method, m_args, m_kwargs, m_names + names)
