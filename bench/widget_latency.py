"""Widget latency, kernel side: one control move = the widget's update + all its rendering.

For every widget in the course, every control is moved through ≥ 50 values; each move is timed
from setting the control's value until the kernel has rendered the new picture and encoded the
frame for the browser. ``LiveWidget.refresh`` renders synchronously: it blits (restores the cached
background, draws the animated artists, encodes the diff PNG) or, when something static changed,
does a full ``canvas.draw()``. Should a move only *ask* for a draw (``draw_idle``: the browser
would then request ``draw()``), that ``draw()`` is run and timed here too.

Each figure first gets the ``initialized`` message an ipympl view sends when it connects (as in a
live JupyterLab session: from then on ipympl stops re-encoding a full PNG snapshot, ``_data_url``,
for every frame; without a view, as in ``nbconvert --execute``, it would).
Median and p95 per widget and control; target: median ≤ 30 ms. The "full draws" column counts
moves that re-rendered the whole figure (a changed axis, data set or surface) instead of blitting.

The first move: a fresh widget is prepared as ``show()`` does (static PNG, snapshot, warm-up),
its view connects as ipympl's does (``refresh``, ``send_image_mode``, ``initialized``, the
``draw`` the refresh asks for, then the second ``refresh`` + ``draw`` that the resize answering
"initialized" causes), then each control is moved once; the widget's first move and the slowest
control's first move are reported, and "view connect" is the kernel's time for those messages:
after Run All the learner's first move queues behind it (``--no-warm-up`` skips the warm-up, for
comparison).

The browser side (control moved → readout changed in Chromium) is measured by the browser
tests; their results file (``build/browser-latency.json``) is summarised here when present:
each widget's first move after Run All, median and p95 (≥ 32 moves per widget).

Run: ``python bench/widget_latency.py [--moves 50] [--no-warm-up] [--widgets xor_network playground]``
"""

from __future__ import annotations

import argparse
import itertools
import json
import time

import ipywidgets as w
import numpy as np

from _common import REPO, machine, median_p95, table

TARGET_MS = 30.0
FIRST_TARGET_MS = 150.0   # a widget's first move after Run All (kernel side and browser)
BROWSER_TARGET_MS = 100.0  # browser p95
MIN_BROWSER_MOVES = 30


def _digits_model():
    from nnlib.datasets import load_digits
    from nnlib.mlp import MLPClassifier

    d = load_digits()
    model = MLPClassifier(hidden_sizes=(16, 16), epochs=30, random_state=0).fit(d.X_train, d.y_train)
    return model, d


def factories():
    """(chapter, widget name, builder) for every widget the chapters show."""
    from nnlib.widgets import (approximator, descent, digit_inspector, draw_digit, gates, neuron,
                               playground, rule_stepper, welcome, xor_network)

    model, d = _digits_model()
    return [
        ("00", "welcome", welcome.WelcomeWidget),
        ("01", "neuron", neuron.NeuronExplorer),
        ("02", "gates", gates.GateExplorer),
        ("03", "gates (XOR)", lambda: gates.GateExplorer(gate="XOR")),
        ("04", "xor_network", xor_network.XorNetworkExplorer),
        ("04", "playground", playground.Playground),
        ("05", "rule_stepper", rule_stepper.RuleStepper),
        ("06", "descent", descent.GradientDescentExplorer),
        ("07", "digit_inspector", lambda: digit_inspector.DigitInspector(model, d.X_test, d.y_test)),
        ("07", "draw_digit", lambda: draw_digit.DigitDrawer(model)),
        ("08", "approximator", approximator.FunctionApproximator),
    ]


def _controls(widget):
    """The widget's named value controls (sliders, dropdowns...) and buttons, by control name."""
    prefix = f"nnlab-{widget.name}-"
    found, stack = {}, [widget.ui]
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "children", ()))
        for cls in getattr(node, "_dom_classes", ()):
            if cls.startswith(prefix) and not cls.endswith("-readout"):
                found[cls[len(prefix):]] = node
    return found


def _values(control, n):
    """n values to move ``control`` through (a sweep back and forth, or cycling options)."""
    if isinstance(control, (w.FloatSlider, w.IntSlider, w.FloatLogSlider)):
        lo, hi = control.min, control.max
        sweep = np.linspace(lo, hi, n // 2 + 1)
        values = np.concatenate([sweep, sweep[::-1]])[:n]
        if isinstance(control, w.FloatLogSlider):
            values = control.base ** values
        return [int(v) for v in values] if isinstance(control, w.IntSlider) else [float(v) for v in values]
    if isinstance(control, w.ToggleButton):  # switched off and on again
        return [(not control.value) if k % 2 == 0 else control.value for k in range(n)]
    options = getattr(control, "options", None)
    if options:
        labels = [o[1] if isinstance(o, tuple) else o for o in options]
        return list(itertools.islice(itertools.cycle(labels), n))
    return None


def connect_view(fig):
    """What an ipympl view does when it connects: the kernel then stops syncing ``_data_url``."""
    canvas = fig.canvas
    canvas._handle_message(canvas, {"type": "initialized"}, [])


#: The messages a JupyterLab view of an ipympl canvas sends when it appears: its connection
#: (each ``refresh`` makes the kernel ask for a ``draw``), then, because the kernel answers
#: "initialized" with a resize, one more refresh and draw.
VIEW_CONNECT_MESSAGES = ("refresh", "send_image_mode", "initialized", "draw", "refresh", "draw")


def view_connects(fig):
    """ms the kernel spends on :data:`VIEW_CONNECT_MESSAGES` (the work a first move waits behind)."""
    canvas = fig.canvas
    t0 = time.perf_counter()
    for message in VIEW_CONNECT_MESSAGES:
        canvas._handle_message(canvas, {"type": message}, [])
    return (time.perf_counter() - t0) * 1000


def _timed(fig, move):
    """ms for ``move()`` plus the draw the browser would request if the move only asked for one."""
    canvas = fig.canvas
    asked = []
    canvas.draw_idle = lambda *a, **k: asked.append(1)  # instance attribute: shadows the method
    try:
        t0 = time.perf_counter()
        move()
        if asked:
            canvas.draw()
        return (time.perf_counter() - t0) * 1000
    finally:
        del canvas.draw_idle


def measure_widget(widget, moves):
    """Per control: list of ms for value change + render. Buttons are clicked ``moves`` times."""
    results = {}
    fig = widget.fig
    for name, control in _controls(widget).items():
        times = []
        if isinstance(control, w.Button):
            for _ in range(moves):
                times.append(_timed(fig, control.click))
        elif name == "canvas" and hasattr(control, "pixels"):  # the drawing pad of chapter 7
            from nnlib.preprocess import EXAMPLE_STROKES, example_drawing
            from nnlib.widgets.draw_digit import encode_pixels

            size, digits = control.size, sorted(EXAMPLE_STROKES)
            drawings = [example_drawing(digits[k % len(digits)], size=size, scale=0.8 + 0.02 * (k % 10))
                        for k in range(moves)]
            encoded = [encode_pixels(img) for img in drawings]
            for pixels in encoded:
                times.append(_timed(fig, lambda: setattr(control, "pixels", pixels)))
        else:
            values = _values(control, moves)
            if values is None:
                continue
            for v in values:
                times.append(_timed(fig, lambda: setattr(control, "value", v)))
        if times:
            results[name] = times
    return results


def browser_summary(path=REPO / "build" / "browser-latency.json"):
    """{(chapter, widget): (first ms, median ms, p95 ms, moves)} from the browser tests' records.

    "first" is the slowest first move after a Run All (records marked ``first``), else the
    widget's earliest record."""
    if not path.exists():
        return None
    records = json.loads(path.read_text())
    if isinstance(records, dict):
        records = records.get("records", [])
    by_widget, firsts = {}, {}
    for r in records:
        by_widget.setdefault((r["chapter"], r["widget"]), []).append(r["ms"])
        if r.get("first"):
            firsts.setdefault((r["chapter"], r["widget"]), []).append(r["ms"])
    return {k: (max(firsts.get(k, v[:1])),) + median_p95(v) + (len(v),) for k, v in sorted(by_widget.items())}


def first_moves(make, warm=True):
    """ms of the first move of each control on a freshly shown widget, in control order, and
    ms of the view's connection (:func:`view_connects`) as ``firsts["(view connect)"]``.

    As after Run All: ``show()`` builds the output (and, unless ``warm`` is false, warms the
    first move's code paths), the browser view connects and asks for its pictures; then
    each control is moved once. The widget's very first move is the first entry.
    """
    widget = make()
    if warm:
        widget._repr_mimebundle_()   # what show() displays: static PNG, snapshot, warm-up
    else:
        widget.static_png()
    connect = view_connects(widget.fig)  # the view's pictures are not a move
    firsts = {}
    for name, control in _controls(widget).items():
        if isinstance(control, w.Button):
            firsts[name] = _timed(widget.fig, control.click)
            continue
        values = _values(control, 3)
        if values is None or name == "canvas":
            continue
        v = next((v for v in values if v != control.value), None)
        if v is not None:
            firsts[name] = _timed(widget.fig, lambda: setattr(control, "value", v))
    firsts["(view connect)"] = connect
    return firsts


TARGET_FPS = 10.0  # training redraws of the playground


def training_fps(make, ticks=40):
    """(median ms per Play tick: train ``epochs_per_tick`` epochs + redraw, frames per second).

    The frame rate is the lower of the timer's (1000 / interval) and what the kernel manages
    (1000 / median tick)."""
    widget = make()
    connect_view(widget.fig)
    widget.fig.canvas.draw()
    times = []
    for v in range(1, ticks + 1):
        widget._last_tick = 0.0  # as if the timer's interval had passed
        times.append(_timed(widget.fig, lambda: setattr(widget.play, "value", v)))
    med = float(np.median(times))
    return med, min(1000.0 / widget.play.interval, 1000.0 / med)


def playground_training_rows():
    from nnlib.widgets.playground import FEATURES, Playground

    settings = [("default (circles, 4, batch 32)", dict(dataset="circles", hidden="4")),
                ("16-16, batch 10, L2", dict(dataset="spiral", hidden="16-16", batch_size=10, regularization="L2")),
                ("16-16, batch 1, all 7 features", dict(dataset="spiral", hidden="16-16", batch_size=1,
                                                        features=tuple(FEATURES)))]
    rows = []
    for label, kw in settings:
        med, fps = training_fps(lambda: Playground(**kw))
        rows.append(("04", "playground", label, f"{med:.1f}", f"{fps:.1f}", "met" if fps >= TARGET_FPS else "MISSED"))
    return rows


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--moves", type=int, default=50)
    p.add_argument("--no-warm-up", action="store_true",
                   help="measure the first move without show()'s warm-up (the 'before' figure)")
    p.add_argument("--widgets", nargs="+", metavar="NAME",
                   help="measure only these widgets (names as in the table, e.g. xor_network playground)")
    args = p.parse_args()
    print(f"machine: {machine()}\n")
    rows, summary = [], {}
    for chapter, name, make in factories():
        if args.widgets and name not in args.widgets:
            continue
        firsts = first_moves(make, warm=not args.no_warm_up)
        connect = firsts.pop("(view connect)")
        first = next(iter(firsts.values()), float("nan"))
        widget = make()
        connect_view(widget.fig)
        widget.fig.canvas.draw()  # the first picture (what the view asks for) is not a move
        full_before = getattr(widget, "n_full_draws", 0)
        per_control = measure_widget(widget, args.moves)
        n_full = getattr(widget, "n_full_draws", 0) - full_before
        everything = [t for ts in per_control.values() for t in ts]
        med, p95 = median_p95(everything)
        worst = max(per_control, key=lambda c: np.median(per_control[c]))
        summary[(chapter, name)] = (first, med, p95)
        rows.append((chapter, name, len(per_control), len(everything), n_full, f"{connect:.1f}", f"{first:.1f}",
                     f"{max(firsts.values()):.1f}", f"{med:.1f}", f"{p95:.1f}",
                     f"{worst} ({np.median(per_control[worst]):.1f})",
                     "met" if med <= TARGET_MS and first <= FIRST_TARGET_MS else "MISSED"))
    print(table(rows, ["ch", "widget", "controls", "moves", "full draws", "view connect ms", "first move ms",
                       "slowest first move of a control ms", "median ms", "p95 ms",
                       "slowest control (median ms)", f"median ≤ {TARGET_MS:.0f}, first ≤ {FIRST_TARGET_MS:.0f} ms"]))
    print("\nplayground training (▶): kernel time per tick (train epochs_per_tick epochs + redraw)\n")
    print(table(playground_training_rows(), ["ch", "widget", "setting", "median ms per tick", "frames per s",
                                             f"≥ {TARGET_FPS:.0f} fps"]))
    browser = browser_summary()
    if browser:
        print("\nbrowser: control moved → readout updated (from the browser tests; first = the widget's first move after Run All)\n")
        brows = [(c, wname, n, f"{f:.0f}", f"{m:.0f}", f"{p:.0f}",
                  "met" if p <= BROWSER_TARGET_MS and f <= FIRST_TARGET_MS and n >= MIN_BROWSER_MOVES else "MISSED")
                 for (c, wname), (f, m, p, n) in browser.items()]
        print(table(brows, ["ch", "widget", "moves", "first ms", "median ms", "p95 ms",
                            f"p95 ≤ {BROWSER_TARGET_MS:.0f}, first ≤ {FIRST_TARGET_MS:.0f} ms, ≥ {MIN_BROWSER_MOVES} moves"]))
    else:
        print("\n(no build/browser-latency.json yet: run the browser tests to add browser timings)")
    return summary


if __name__ == "__main__":
    main()
