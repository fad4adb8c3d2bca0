"""nnlib: the small numpy library behind the nnlab neural-network course.

One concept per module, named with the course's words::

    import nnlib
    nnlib.activations.sigmoid(0.0)        # 0.5
    nnlib.Perceptron().fit(X, y)
    nnlib.MLPClassifier(hidden_sizes=(16, 16)).fit(X, y)

Submodules are imported on first use, so ``import nnlib`` stays fast and a notebook that only
needs the neuron does not pay for matplotlib or ipywidgets.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_SUBMODULES = (
    "activations",
    "augment",
    "calibration",
    "datasets",
    "descent",
    "divergence",
    "exercises",
    "gradient_check",
    "language",
    "layers",
    "learning_rules",
    "losses",
    "mlp",
    "network",
    "neuron",
    "optimizers",
    "perceptron",
    "plots",
    "preprocess",
    "regularization",
    "separability",
    "widgets",
)

# The most used classes, reachable as nnlib.Name.
_SHORTCUTS = {
    "Neuron": "neuron",
    "Perceptron": "perceptron",
    "Adaline": "perceptron",
    "MLPClassifier": "mlp",
    "MLPRegressor": "mlp",
    "set_language": "language",
    "get_language": "language",
}

__all__ = list(_SUBMODULES) + list(_SHORTCUTS) + ["__version__"]


def __getattr__(name):
    if name in _SUBMODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    if name in _SHORTCUTS:
        value = getattr(importlib.import_module(f"{__name__}.{_SHORTCUTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'nnlib' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
