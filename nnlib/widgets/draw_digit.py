"""Draw a digit with the mouse (or a finger, or a pen) and watch the trained network read it.

Three parts, as for every widget (see CONTRIBUTING.md):

- :func:`drawer_state` — the **pure** function: drawing (a grayscale array) + trained model ->
  the preprocessed network input, the ten probabilities, the prediction and the readout text,
  or "that does not look like a digit" (see its docstring for the rule).
- :func:`train_pad_model` — the network the pad should use: trained on augmented digits and
  calibrated by temperature scaling on the validation digits.
- :class:`DrawCanvas` — an ``anywidget`` with a square HTML canvas. It draws in the browser
  (round brush, white ink on black, mouse/touch/pen through pointer events) and sends the
  picture to Python as a small ``size`` x ``size`` 8-bit grayscale image (each pixel the mean of a
  block of canvas pixels, base64 in the ``picture`` trait) — at most every ``throttle_ms`` while
  the pen moves, and once more when it lifts.
- :class:`DigitDrawer` — the ``LiveWidget`` around it: every new picture is preprocessed with
  :mod:`nnlib.preprocess` exactly like the training images, run through the network, and the
  8x8 input image and the probability bars are updated in place.

Examples
--------
>>> from nnlib.preprocess import example_drawing
>>> class Always3:                      # any model with predict_proba and classes_
...     classes_ = np.arange(10)
...     def predict_proba(self, X):
...         return np.eye(10)[[3] * len(X)]
>>> state = drawer_state(example_drawing("3", size=56), Always3())
>>> state["prediction"], state["probability"]
(3, 1.0)
>>> drawer_state(np.zeros((56, 56)), Always3())["readout"]
'draw a digit'
>>> from nnlib.preprocess import rasterize_strokes
>>> drawer_state(rasterize_strokes([[(0.5, 0.5)]], size=56), Always3())["reason"]
'too little ink (a dot)'
"""

from __future__ import annotations

import base64
import html

import anywidget
import ipywidgets as w
import numpy as np
import traitlets

from .. import preprocess as pp
from .._checks import check_choice, check_fraction, check_positive, check_positive_int
from ..language import tr, translatable
from ._base import LiveWidget, live_figure

__all__ = ["drawer_state", "train_pad_model", "decode_pixels", "encode_pixels", "DrawCanvas", "DigitDrawer",
           "MIN_CONFIDENCE", "NOT_A_DIGIT"]

INK_COLOUR = "#d62728"
BAR_COLOUR = "#9bb7d4"


# -- the pure part -----------------------------------------------------------------------------


def encode_pixels(image):
    """Encode a [0, 1] grayscale square image as the canvas does: 8-bit values, base64."""
    arr = np.clip(np.round(np.asarray(image, dtype=float) * 255.0), 0, 255).astype(np.uint8)
    return base64.b64encode(arr.tobytes()).decode("ascii")


def decode_pixels(pixels, size):
    """The canvas's base64 8-bit picture as a ``size`` x ``size`` float array in [0, 1].

    An empty string (a cleared canvas) decodes to all zeros.

    Examples
    --------
    >>> img = np.zeros((4, 4)); img[1, 2] = 1.0
    >>> np.array_equal(decode_pixels(encode_pixels(img), 4), img)
    True
    """
    size = check_positive_int(size, "size")
    if not pixels:
        return np.zeros((size, size))
    raw = np.frombuffer(base64.b64decode(pixels), dtype=np.uint8)
    if raw.size != size * size:
        raise ValueError(f"pixels must hold {size}x{size} = {size * size} bytes; got {raw.size}")
    return raw.reshape(size, size).astype(float) / 255.0


def _infer_target(model, target):
    if target is not None:
        return check_choice(target, "target", tuple(pp.TARGETS))
    n = getattr(model, "n_features_in_", 64)
    for name, spec in pp.TARGETS.items():
        if spec.n_features == n:
            return name
    raise ValueError(f"target must be given: the model expects {n} inputs, not 64 or 784")


#: The pad names a digit only when the (calibrated) network gives it at least this probability:
#: an even chance is the least a "this is a 7" should mean.
MIN_CONFIDENCE = 0.5
NOT_A_DIGIT = translatable("that does not look like a digit")

#: The reasons :func:`nnlib.preprocess.digit_check` gives, marked here for translation: the readout
#: shows a reason through ``tr`` (one missing from the catalogue is shown in English).
DIGIT_CHECK_REASONS = (translatable("no ink"), translatable("too little ink (a dot)"),
                       translatable("a flat line"), translatable("scattered pieces"))


def drawer_state(image, model, target="digits", min_confidence=MIN_CONFIDENCE):
    """Everything the drawer shows for one drawing (pure: no widgets involved).

    The pad refuses to name a digit in two cases, and says "that does not look like a digit":

    1. the ink cannot be a digit (a dot, a flat line, scattered specks), by the rule of
       :func:`nnlib.preprocess.digit_check` — the network is not even asked;
    2. the network's highest probability is below ``min_confidence``. Use a *calibrated*
       model (:func:`train_pad_model`): an uncalibrated network is close to 1.000 sure of
       almost anything, so this test would never fire.

    Parameters
    ----------
    image : array-like (height, width)
        The drawing, background 0 and ink up to 1 (what :class:`DrawCanvas` sends).
    model : fitted classifier with ``predict_proba`` and ``classes_``
    target : {"digits", "mnist"}
        Which training data the model saw, hence how to preprocess.
    min_confidence : float in (0, 1)
        The least probability of the top class for the pad to name it.

    Returns
    -------
    dict with ``blank`` (no ink yet), ``digit`` (False when refused), ``reason`` (why refused,
    or None), ``input`` (the preprocessed image the network sees; zeros when the network was
    not asked), ``proba`` (one probability per class), ``prediction`` (None unless a digit is
    named), ``guess`` (the top class even when refused, None when the network was not asked),
    ``probability`` (of ``guess``) and ``readout`` (the HTML text beside the picture).
    """
    check_choice(target, "target", tuple(pp.TARGETS))
    min_confidence = check_fraction(min_confidence, "min_confidence", inclusive_low=False)
    spec = pp.TARGETS[target]
    img = pp.ink_on_black(image)
    classes = np.asarray(model.classes_)
    state = {"blank": False, "digit": False, "reason": None, "input": np.zeros((spec.size, spec.size)),
             "proba": np.zeros(len(classes)), "prediction": None, "guess": None, "probability": None}
    if not pp.has_ink(img):
        return {**state, "blank": True, "readout": tr("draw a digit")}
    reason = pp.digit_check(img)
    if reason is not None:
        readout = (f'<b class="nnlab-drawdigit-prediction">{tr(NOT_A_DIGIT)}</b>'
                   f' &nbsp; <span class="nnlab-drawdigit-reason">({tr(reason)})</span>')
        return {**state, "reason": reason, "readout": readout}
    x = pp.preprocess(img, target=target)
    proba = np.asarray(model.predict_proba(x[None, :]), dtype=float)[0]
    best = int(np.argmax(proba))
    guess = classes[best].item() if hasattr(classes[best], "item") else classes[best]
    probs = " · ".join(f"{html.escape(str(c))}: {p:.3f}" for c, p in zip(classes, proba))
    state.update(input=x.reshape(spec.size, spec.size), proba=proba, guess=guess,
                 probability=round(float(proba[best]), 6))
    if proba[best] < min_confidence:
        reason = tr("the network is not sure: at best {guess} with p = {p:.2f}", guess=html.escape(str(guess)),
                    p=proba[best])
        head = f'<b class="nnlab-drawdigit-prediction">{tr(NOT_A_DIGIT)}</b> &nbsp; ({reason})'
        state.update(reason=reason)
    else:
        head = ('<b class="nnlab-drawdigit-prediction">'
                + tr("prediction: {label}", label=html.escape(str(guess))) + "</b>"
                + " &nbsp; " + tr("probability {p:.3f}", p=proba[best]))
        state.update(digit=True, prediction=guess)
    readout = f'{head}<br><span class="nnlab-drawdigit-probs" style="font-size:smaller">{probs}</span>'
    return {**state, "readout": readout}


def train_pad_model(data=None, n_copies=4, hidden_sizes=(64, 64), epochs=30, random_state=0):
    """The network behind the digit pad: trained on augmented digits, then calibrated.

    1. every training digit gets ``n_copies`` distorted copies (:func:`nnlib.augment.augment_digits`:
       shifted, rotated, slanted, rescaled, thinner or thicker), so the network has seen digits
       as varied as a learner's drawings;
    2. an :class:`~nnlib.mlp.MLPClassifier` is trained on the originals plus the copies;
    3. its probabilities are calibrated by temperature scaling on the *validation* digits
       (:class:`nnlib.calibration.TemperatureScaled`), so that p = 0.9 means right about 9 times
       in 10, and :data:`MIN_CONFIDENCE` means something.

    Parameters
    ----------
    data : nnlib.datasets.Split with a validation part, optional
        Default: ``load_digits(test_size=0.2, val_size=0.2, random_state=0)``.

    Returns
    -------
    nnlib.calibration.TemperatureScaled
        With ``predict_proba``, ``predict``, ``classes_``, ``temperature_`` and the network as
        ``.model``.
    """
    from ..augment import augment_digits
    from ..calibration import TemperatureScaled
    from ..datasets import load_digits
    from ..mlp import MLPClassifier

    if data is None:
        data = load_digits(test_size=0.2, val_size=0.2, random_state=random_state)
    if data.X_val is None:
        raise ValueError("data must have a validation part (load_digits(val_size=...)) to calibrate on")
    X_more, y_more = augment_digits(data.X_train, data.y_train, n_copies=n_copies, rng=random_state)
    net = MLPClassifier(hidden_sizes=hidden_sizes, lr=0.01, epochs=epochs, random_state=random_state)
    net.fit(np.vstack([data.X_train, X_more]), np.concatenate([data.y_train, y_more]))
    return TemperatureScaled(net).fit(data.X_val, data.y_val)


# -- the browser canvas ------------------------------------------------------------------------

_ESM = r"""
function render({ model, el }) {
  const px = model.get("canvas_px");
  const wrap = document.createElement("div");
  wrap.className = "nnlab-drawdigit-pad";
  wrap.style.cssText = "display:inline-block;position:relative;line-height:0;";
  const canvas = document.createElement("canvas");
  canvas.width = px; canvas.height = px;
  canvas.style.cssText = `width:${px}px;height:${px}px;background:#000;border-radius:8px;` +
    "cursor:crosshair;touch-action:none;box-shadow:0 1px 4px rgba(0,0,0,.35);";
  const hint = document.createElement("div");
  hint.textContent = model.get("hint");
  hint.style.cssText = "position:absolute;inset:0;display:flex;align-items:center;" +
    "justify-content:center;color:#777;font:15px sans-serif;pointer-events:none;line-height:1.2;";
  wrap.appendChild(canvas); wrap.appendChild(hint); el.appendChild(wrap);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });

  // One clear = one new generation (a synced counter Python increments). Everything pending
  // from before it -- a throttled send, a stroke in progress -- is dropped here, and every
  // picture carries its generation, so Python also drops one that was already on its way.
  let lastSent = 0, timer = null, dirty = false, drawing = false, last = null;
  function blank() {
    if (timer) { clearTimeout(timer); timer = null; }
    dirty = false; drawing = false; last = null;
    ctx.fillStyle = "#000"; ctx.fillRect(0, 0, px, px);
    hint.style.display = "flex"; el.dataset.pixels = ""; el.dataset.sent = "0";
    el.dataset.generation = String(model.get("generation"));
  }
  blank();

  // Downsample to size x size by exact block means of the red channel, 8 bits, base64.
  function encode() {
    const n = model.get("size"), k = px / n;
    const data = ctx.getImageData(0, 0, px, px).data;
    const out = new Uint8Array(n * n);
    for (let by = 0; by < n; by++) {
      for (let bx = 0; bx < n; bx++) {
        let s = 0;
        for (let y = by * k; y < (by + 1) * k; y++) {
          let i = (y * px + bx * k) * 4;
          for (let x = 0; x < k; x++, i += 4) s += data[i];
        }
        out[by * n + bx] = Math.round(s / (k * k));
      }
    }
    if (!out.some((v) => v > 0)) return "";   // no ink: the empty picture, never all zeros
    let bin = "";
    for (let i = 0; i < out.length; i++) bin += String.fromCharCode(out[i]);
    return btoa(bin);
  }

  function send() {
    if (timer) { clearTimeout(timer); timer = null; }
    if (!dirty) return;
    dirty = false; lastSent = performance.now();
    const b64 = encode();
    el.dataset.pixels = b64;
    el.dataset.sent = String(Number(el.dataset.sent || "0") + 1);
    // Picture and generation in one value: ipywidgets sends only changed traits, so a stamp
    // of its own would be missing from most messages.
    model.set("picture", { pixels: b64, generation: model.get("generation") }); model.save_changes();
  }
  function schedule() {   // throttle: at most one picture per throttle_ms while drawing
    dirty = true;
    const wait = model.get("throttle_ms") - (performance.now() - lastSent);
    if (wait <= 0) send(); else if (!timer) timer = setTimeout(send, wait);
  }

  function pos(e) {
    const r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) * px / r.width, (e.clientY - r.top) * px / r.height];
  }
  function stroke(a, b) {
    ctx.strokeStyle = "#fff"; ctx.fillStyle = "#fff";
    ctx.lineWidth = model.get("brush"); ctx.lineCap = "round"; ctx.lineJoin = "round";
    if (a[0] === b[0] && a[1] === b[1]) {
      ctx.beginPath(); ctx.arc(a[0], a[1], model.get("brush") / 2, 0, 2 * Math.PI); ctx.fill();
    } else {
      ctx.beginPath(); ctx.moveTo(a[0], a[1]); ctx.lineTo(b[0], b[1]); ctx.stroke();
    }
  }
  canvas.addEventListener("pointerdown", (e) => {
    if (e.button !== undefined && e.button > 0) return;
    e.preventDefault();
    canvas.setPointerCapture(e.pointerId);
    drawing = true; hint.style.display = "none";
    last = pos(e); stroke(last, last); schedule();
  });
  canvas.addEventListener("pointermove", (e) => {
    if (!drawing) return;
    e.preventDefault();
    const evs = e.getCoalescedEvents ? e.getCoalescedEvents() : [e];
    for (const ev of (evs.length ? evs : [e])) { const p = pos(ev); stroke(last, p); last = p; }
    schedule();
  });
  function end(e) {
    if (!drawing) return;
    drawing = false; last = null; dirty = true; send();
  }
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
  canvas.addEventListener("lostpointercapture", end);

  const onClear = () => blank();
  const onHint = () => { hint.textContent = model.get("hint"); };
  model.on("change:generation", onClear);
  model.on("change:hint", onHint);
  return () => {
    model.off("change:generation", onClear); model.off("change:hint", onHint);
    if (timer) clearTimeout(timer);
  };
}
export default { render };
"""


class DrawCanvas(anywidget.AnyWidget):
    """A square drawing pad in the browser that sends its picture to Python.

    Traits
    ------
    picture : dict ``{"pixels": str, "generation": int}``
        What the browser sends: the picture, ``size`` x ``size`` 8-bit grayscale (0 =
        background, 255 = ink) in base64 (``""`` for an empty pad), and the generation it was
        drawn in. One trait, so the two always travel in the same message.
    generation : int
        How many times the pad was cleared. :meth:`clear` increments it, which wipes the
        browser's canvas and cancels anything pending there; a picture drawn in an earlier
        generation (one still on its way when Clear was pressed) is ignored.
    size : int
        Side of the picture sent to Python; must divide ``canvas_px`` (default 56 = 280 / 5).
    canvas_px : int
        Side of the drawing area in CSS pixels (default 280).
    brush : float
        Pen diameter in canvas pixels (default 20, about what a finger or mouse stroke feels like).
    throttle_ms : int
        Least time between two pictures sent while the pen moves (default 80 ms).
    hint : str
        The text on the empty pad (default "draw a digit here", in the selected language).

    Notes
    -----
    The race this design closes (issue 12.6): ipywidgets lets one message per widget be on its
    way and merges later changes into one buffered message, sent when the kernel has handled
    the first, while a click on Clear (another widget) goes out at once. So the last picture of
    a stroke can reach Python *after* Clear. And ipywidgets sends only attributes whose value
    changed: a generation stamp in a trait of its own would be left out of most messages, and a
    late picture would then look current. Stamping every picture in the same dict makes it
    recognisable as late.
    """

    _esm = _ESM
    picture = traitlets.Dict({"pixels": "", "generation": 0}).tag(sync=True)
    generation = traitlets.Int(0).tag(sync=True)
    size = traitlets.Int(56).tag(sync=True)
    canvas_px = traitlets.Int(280).tag(sync=True)
    brush = traitlets.Float(20.0).tag(sync=True)
    throttle_ms = traitlets.Int(80).tag(sync=True)
    hint = traitlets.Unicode("draw a digit here").tag(sync=True)

    def __init__(self, size=56, canvas_px=280, brush=20.0, throttle_ms=80, hint=None, **kwargs):
        size = check_positive_int(size, "size")
        canvas_px = check_positive_int(canvas_px, "canvas_px")
        if canvas_px % size:
            raise ValueError(f"size must divide canvas_px={canvas_px}; got {size}")
        brush = check_positive(brush, "brush")
        throttle_ms = check_positive_int(throttle_ms, "throttle_ms")
        if hint is None:
            hint = tr("draw a digit here")
        super().__init__(size=size, canvas_px=canvas_px, brush=brush, throttle_ms=throttle_ms, hint=str(hint),
                         **kwargs)

    @property
    def pixels(self):
        """The current picture in base64 (``""`` when empty or when it is from before the last clear)."""
        current = self.picture.get("generation") == self.generation
        return str(self.picture.get("pixels", "")) if current else ""

    @pixels.setter
    def pixels(self, value):
        """Set the picture as the browser does, in the current generation."""
        self.picture = {"pixels": str(value), "generation": self.generation}

    @property
    def image(self):
        """The current picture as a float array of shape (size, size) in [0, 1] (all zeros when
        cleared, or when the picture is from before the last clear)."""
        return decode_pixels(self.pixels, self.size)

    def clear(self):
        """Wipe the canvas in the browser and the picture in Python.

        The new generation is sent first, so the browser has wiped its canvas (and dropped any
        pending picture) before the readout -- updated when ``picture`` changes -- says so.
        """
        self.generation += 1
        self.pixels = ""


# -- the live widget ---------------------------------------------------------------------------


class DigitDrawer(LiveWidget):
    """Draw a digit; the trained network's prediction and probabilities follow as you draw.

    Parameters
    ----------
    model : fitted classifier (e.g. :class:`nnlib.mlp.MLPClassifier`) with ``predict_proba``
    target : {"digits", "mnist"} or None
        The training data the model saw; None guesses it from ``model.n_features_in_``.
    brush : float
        Pen diameter in canvas pixels (the canvas is 280 pixels wide).

    Examples
    --------
    >>> drawer = DigitDrawer(model)          # doctest: +SKIP
    >>> drawer.show()                        # doctest: +SKIP
    """

    name = "drawdigit"

    def __init__(self, model, target=None, brush=20.0, size=56):
        super().__init__()
        if not hasattr(model, "predict_proba") or not hasattr(model, "classes_"):
            raise ValueError("model must be a fitted classifier with predict_proba and classes_")
        self.model = model
        self.target = _infer_target(model, target)
        spec = pp.TARGETS[self.target]
        self.canvas = self.named("canvas", DrawCanvas(size=size, brush=brush))
        self.clear_button = self.named(
            "clear", w.Button(description=tr("Clear"), icon="eraser", layout=w.Layout(width="8em"))
        )
        self.clear_button.on_click(lambda _: self.clear())
        self.make_readout()

        classes = np.asarray(model.classes_)
        self.fig = live_figure((5.4, 2.6))
        ax_img, ax_bar = self.fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.35]})
        self.image_artist = ax_img.imshow(
            np.zeros((spec.size, spec.size)), cmap="gray", vmin=0.0, vmax=1.0, interpolation="nearest"
        )
        ax_img.set_title(tr("network input ({n}×{n})", n=spec.size), fontsize=9)
        ax_img.set_xticks([])
        ax_img.set_yticks([])
        positions = np.arange(len(classes))
        self.bars = ax_bar.bar(positions, np.zeros(len(classes)), color=BAR_COLOUR)
        ax_bar.set_xticks(positions, [str(c) for c in classes])
        ax_bar.set_ylim(0, 1)
        ax_bar.set_xlabel(tr("digit"), fontsize=9)
        ax_bar.set_ylabel(tr("probability"), fontsize=9)
        ax_bar.tick_params(labelsize=8)
        ax_bar.spines[["top", "right"]].set_visible(False)
        self.bar_title = ax_bar.set_title(tr("draw a digit"), fontsize=9)

        right = w.VBox([self.fig.canvas, w.HBox([self.clear_button, self.readout])],
                       layout=w.Layout(margin="0 0 0 12px"))
        self.ui = w.HBox([self.canvas, right], layout=w.Layout(align_items="flex-start"))
        self.ui.add_class(f"nnlab-{self.name}")
        self.canvas.observe(self._on_change, names=["picture", "generation"])
        # What a new drawing changes (the image fills its axes: its frame too).
        self.animate(self.image_artist, *self.bars, self.bar_title,
                     *[sp for a in (ax_img, ax_bar) for sp in a.spines.values()])
        self.refresh()
        self.freeze_layout()

    def state(self):
        """The pure function's result for the canvas's current picture."""
        return drawer_state(self.canvas.image, self.model, self.target)

    def update(self):
        s = self.state()
        self.image_artist.set_data(s["input"])
        best = int(np.argmax(s["proba"])) if s["digit"] else None
        for k, (bar, p) in enumerate(zip(self.bars, s["proba"])):
            bar.set_height(p)
            bar.set_color(INK_COLOUR if k == best else BAR_COLOUR)
        if s["blank"]:
            self.bar_title.set_text(tr("draw a digit"))
        elif not s["digit"]:
            self.bar_title.set_text(tr("not a digit?"))
        else:
            self.bar_title.set_text(tr("prediction {label} (p = {p:.2f})", label=s["prediction"], p=s["probability"]))
        self.readout.value = s["readout"]
        self.last_state = s

    def clear(self):
        """Clear the drawing (same as the Clear button)."""
        self.canvas.clear()

    def timed_update(self):
        """Milliseconds of one :meth:`refresh`: ``update()`` plus the rendering it causes.

        The first call renders the whole figure once beforehand (a view's first picture), so
        the time is that of a move: a blit, or a full redraw if something static changed.
        """
        if self._background is None:
            self.fig.canvas.draw()
        self.refresh()
        return self.update_times_ms[-1]
