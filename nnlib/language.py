"""The language of everything nnlib shows: figure text, widget labels and readouts, exercise
feedback and hints, progress bars.  English (``"en"``, the default) or Korean (``"ko"``).

A Korean chapter starts with ``nnlib.set_language("ko")``; the English chapters never call it.
Error messages stay in English (they name arguments and types, which are English in the code).

How a text is translated: nnlib writes every text a learner sees as ``tr("English text")``.
``tr`` looks the English text up in the catalogue of the selected language
(``nnlib/locale/<language>/*.json``: ``{"English text": "번역"}``) and fills in ``{names}`` the
caller passes, as ``str.format`` does.  A text that is defined once and shown later (a label in a
table at the top of a module) is marked with ``translatable("...")`` where it is written and
passed through ``tr`` where it is shown, so switching the language later still changes it.
``tests/test_language.py`` finds every ``tr("...")`` and ``translatable("...")`` in nnlib and fails
when a catalogue lacks one, has one that nothing uses, or renames a ``{placeholder}``.

Hangul in figures: matplotlib's default font, DejaVu Sans, has no Hangul, so Korean text would be
drawn as empty boxes.  ``set_language("ko")`` registers NanumGothic (SIL Open Font License 1.1,
shipped in ``nnlib/fonts``) and puts it in ``font.family`` right after DejaVu Sans, matplotlib's
default font; matplotlib (3.6 and later) takes each character from the first font in the list that
has it.  So Latin letters, digits and math signs (w₁, x², ∂, ŷ, the minus sign U+2212 of tick
labels, which NanumGothic lacks or draws tiny) look exactly as in the English figures, and only the
Hangul comes from NanumGothic.

Examples
--------
>>> from nnlib.language import set_language, tr
>>> set_language("ko")
>>> tr("epoch")
'에폭'
>>> set_language("en")
>>> tr("epoch")
'epoch'
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

__all__ = ["LANGUAGES", "set_language", "get_language", "tr", "translatable"]

#: The languages nnlib speaks, as ISO 639-1 codes.
LANGUAGES = ("en", "ko")

_LOCALE = Path(__file__).parent / "locale"
_FONT_FILE = Path(__file__).parent / "fonts" / "NanumGothic.ttf"
_KOREAN_FONT = "NanumGothic"

_language = "en"
_english_font_family = None  # font.family before Korean was selected, restored by set_language("en")


def set_language(language):
    """Select the language of figures, widgets, exercise feedback and progress bars.

    Parameters
    ----------
    language : str
        ``"en"`` (English, the default) or ``"ko"`` (Korean).  Selecting Korean also registers a
        Hangul font with matplotlib; selecting English again restores the previous font.

    Raises
    ------
    TypeError
        If ``language`` is not a string.
    ValueError
        If ``language`` is not one of :data:`LANGUAGES`.

    Examples
    --------
    >>> import nnlib
    >>> nnlib.set_language("ko")
    >>> nnlib.get_language()
    'ko'
    >>> nnlib.set_language("en")
    """
    global _language
    if not isinstance(language, str):
        raise TypeError(f"language must be a string such as 'en' or 'ko', got {type(language).__name__}")
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(map(repr, LANGUAGES))}, got {language!r}")
    if language == "ko":
        _use_korean_font()
    elif _language == "ko":
        _restore_english_font()
    _language = language


def get_language():
    """The selected language code, ``"en"`` or ``"ko"``.

    >>> get_language()
    'en'
    """
    return _language


def tr(text, /, **values):
    """``text`` in the selected language, with ``{names}`` filled in from ``values``.

    Parameters
    ----------
    text : str
        The English text, written literally at the call (the catalogue test finds it there).
    **values
        Values for the ``{placeholders}`` in ``text``, formatted as by ``str.format``
        (``{accuracy:.0%}`` works).  Without values the text is returned as it is.

    Returns
    -------
    str
        The translation from the selected language's catalogue; the English text itself in
        English, or if the catalogue has no entry (the catalogue test keeps that from shipping).

    Examples
    --------
    >>> tr("accuracy {accuracy:.0%}", accuracy=0.75)
    'accuracy 75%'
    """
    template = _catalogue(_language).get(text, text) if _language != "en" else text
    return template.format(**values) if values else template


def translatable(text):
    """Mark ``text`` for translation where it is defined; pass it through :func:`tr` where it is shown.

    Returns ``text`` unchanged.

    >>> LABEL = translatable("weights")
    >>> tr(LABEL)
    'weights'
    """
    return text


@functools.cache
def _catalogue(language):
    """Every ``{"English": "translation"}`` entry of ``nnlib/locale/<language>/*.json``, merged."""
    entries = {}
    for path in sorted((_LOCALE / language).glob("*.json")):
        entries.update(json.loads(path.read_text(encoding="utf-8")))
    return entries


def _use_korean_font():
    global _english_font_family
    import matplotlib
    from matplotlib import font_manager

    if _KOREAN_FONT not in {font.name for font in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(_FONT_FILE))
    family = list(matplotlib.rcParams["font.family"])
    if family[:2] != ["DejaVu Sans", _KOREAN_FONT]:
        _english_font_family = family
        # font.family names a generic family ("sans-serif") by default.  DejaVu Sans first for
        # everything it has (NanumGothic's subscripts, superscripts and ∂ are tiny or misplaced,
        # its ŷ and U+2212 missing), NanumGothic for the Hangul, then whatever was there.
        matplotlib.rcParams["font.family"] = ["DejaVu Sans", _KOREAN_FONT, *family]


def _restore_english_font():
    import matplotlib

    if _english_font_family is not None:
        matplotlib.rcParams["font.family"] = _english_font_family
