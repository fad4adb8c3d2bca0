"""nnlib.language and the Korean catalogues: every text nnlib translates has a translation, and back.

The scan reads the source of every module under ``nnlib/`` (the AST, not a regular expression) and
collects the literal first argument of every ``tr("...")`` and ``translatable("...")`` call. The
catalogue is read from the JSON files of ``nnlib/locale/ko/`` here (not through nnlib's private
cache), whichever files exist, so the test works for any set of catalogue files.

Failures name the file and line of the source text, or the catalogue file and its key.
"""

import ast
import json
import re
import string
import warnings
from collections import defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import nnlib  # noqa: E402
from nnlib import language  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NNLIB = ROOT / "nnlib"
KO = NNLIB / "locale" / "ko"

TRANSLATING = {"tr", "translatable"}
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
LETTER = re.compile(r"[A-Za-z]")

#: English catalogue entries that rightly have no Hangul in Korean: only symbols, numbers and
#: code or proper names, which Korean writes the same way. Keep this list short; a text with
#: words in it needs a Korean translation.
#: (A text without letters, such as "ŷ − y" or "{n}", needs no entry here.)
NO_HANGUL_NEEDED = frozenset({
    "AND", "OR", "NAND", "NOR", "XOR", "XNOR",  # gate names, written the same in Korean
})


# --------------------------------------------------------------------------- reading the sources
class Use:
    """One ``tr``/``translatable`` call: where it is, which function, and its literal text (or None)."""

    def __init__(self, path, node, kind, text, keywords):
        self.path, self.line, self.kind, self.text, self.keywords = path, node.lineno, kind, text, keywords
        self.arg = node.args[0] if node.args else None

    def where(self):
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def _called_name(func):
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(tree, module, is_package):
    """Dotted names of every module the source imports from (``from ..x import y`` gives x and x.y)."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + (node.module.split(".") if node.module else []))
            else:
                target = node.module or ""
            out.add(target)
            out.update(f"{target}.{alias.name}" for alias in node.names)
    return out


def _sources():
    """(path, module name, is a package, source) of every nnlib module and every English chapter's
    code cell: chapter code passes figure titles to nnlib as tr("...") too."""
    for path in sorted(NNLIB.rglob("*.py")):
        yield path, _module_name(path), path.name == "__init__.py", path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "code" and "tr(" in source:
                yield path, f"{path.stem}#{cell['id']}", False, source


def _scan():
    """(uses, modules): every call of tr/translatable in nnlib and the chapters, and per module
    (per chapter cell) what it imports."""
    uses, modules = [], {}
    for path, module, is_package, source in _sources():
        tree = ast.parse(source, filename=str(path))
        imports = _imported_modules(tree, module, is_package)
        modules[module] = {"path": path, "imports": imports, "uses": []}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _called_name(node.func) not in TRANSLATING:
                continue
            arg = node.args[0] if node.args else None
            text = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
            keywords = None if any(k.arg is None for k in node.keywords) else {k.arg for k in node.keywords}
            use = Use(path, node, _called_name(node.func), text, keywords)
            uses.append(use)
            modules[module]["uses"].append(use)
    return uses, modules


USES, MODULES = _scan()
SOURCE_TEXTS = defaultdict(list)
for _use in USES:
    if _use.text is not None:
        SOURCE_TEXTS[_use.text].append(_use)


def _load_catalogue(path):
    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            raise AssertionError(f"{path.relative_to(ROOT)} lists these keys twice: {repeated}")
        return dict(pairs)

    return json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=no_duplicates)


CATALOGUE_FILES = {path: _load_catalogue(path) for path in sorted(KO.glob("*.json"))}
CATALOGUE = {}
for _entries in CATALOGUE_FILES.values():
    CATALOGUE.update(_entries)


def _fields(text):
    """{(name, conversion, format_spec)} of the ``{placeholders}`` of a str.format template."""
    out = set()
    for _, field, spec, conversion in string.Formatter().parse(text):
        if field is not None:
            out.add((re.split(r"[.\[]", field, maxsplit=1)[0], conversion, spec))
    return out


def _names(text):
    return {name for name, _, _ in _fields(text)}


# --------------------------------------------------------------------------- the scan finds texts
def test_the_scan_finds_the_texts_of_nnlib():
    assert len(USES) >= 50, "the AST scan found suspiciously few tr()/translatable() calls"
    assert CATALOGUE_FILES, f"no catalogue files in {KO}"
    assert any(u.kind == "translatable" for u in USES)


def test_every_catalogue_file_is_a_sorted_utf8_object_of_strings():
    problems = []
    for path, entries in CATALOGUE_FILES.items():
        name = path.relative_to(ROOT)
        if not isinstance(entries, dict):
            problems.append(f"{name}: not a JSON object")
            continue
        for key, value in entries.items():
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{name}: {key!r} has no Korean text ({value!r})")
        expected = json.dumps(entries, ensure_ascii=False, sort_keys=True, indent=2)
        if path.read_text(encoding="utf-8").rstrip() != expected:
            problems.append(f"{name}: not written as json.dumps(..., ensure_ascii=False, sort_keys=True, indent=2)")
    assert not problems, "\n".join(problems)


# (a) every text in the source has a Korean entry
def test_every_translated_text_has_a_korean_entry():
    missing = [f"{use.where()}: {use.kind}({use.text!r})" for use in USES
               if use.text is not None and use.text not in CATALOGUE]
    assert not missing, "no Korean in nnlib/locale/ko/*.json for:\n" + "\n".join(missing)


# (b) every Korean entry is used somewhere
def test_every_catalogue_entry_is_used_in_nnlib():
    unused = [f"{path.relative_to(ROOT)}: {key!r}" for path, entries in CATALOGUE_FILES.items()
              for key in entries if key not in SOURCE_TEXTS]
    assert not unused, ("catalogue entries that no tr(\"...\")/translatable(\"...\") in nnlib uses "
                        "(removed or reworded in the source?):\n" + "\n".join(unused))


# (c) the same placeholders in English and Korean
def test_korean_keeps_the_placeholders_of_the_english():
    problems = []
    for path, entries in CATALOGUE_FILES.items():
        for key, value in entries.items():
            try:
                en, ko = _fields(key), _fields(value)
            except ValueError as exc:  # unbalanced braces
                problems.append(f"{path.relative_to(ROOT)}: {key!r} -> {value!r}: {exc}")
                continue
            if {f[0] for f in en} != {f[0] for f in ko}:
                problems.append(f"{path.relative_to(ROOT)}: {key!r} has placeholders "
                                f"{sorted(_names(key))}, the Korean {value!r} has {sorted(_names(value))}")
            elif en != ko:
                problems.append(f"{path.relative_to(ROOT)}: {key!r} -> {value!r}: the placeholders' "
                                "formats (':.0%', '!r', ...) differ")
    assert not problems, "\n".join(problems)


def test_tr_calls_pass_every_placeholder_of_their_text():
    problems = []
    for use in USES:
        if use.kind != "tr" or use.text is None or use.keywords is None or not use.keywords:
            continue
        missing = _names(use.text) - use.keywords
        if missing:
            problems.append(f"{use.where()}: tr({use.text!r}) does not pass {sorted(missing)}")
    assert not problems, "\n".join(problems)


# (d) Korean entries are Korean
def test_korean_entries_are_translated():
    forgotten = []
    for path, entries in CATALOGUE_FILES.items():
        for key, value in entries.items():
            words = string.Formatter().parse(key)
            bare = "".join(literal for literal, *_ in words)
            if LETTER.search(bare) and not HANGUL.search(value) and key not in NO_HANGUL_NEEDED:
                forgotten.append(f"{path.relative_to(ROOT)}: {key!r} -> {value!r}")
    assert not forgotten, ("Korean entries without Hangul (not translated?); a text of only symbols "
                           "or code names belongs in NO_HANGUL_NEEDED:\n" + "\n".join(forgotten))


def test_catalogue_files_agree_on_shared_texts():
    seen = {}
    clashes = []
    for path, entries in CATALOGUE_FILES.items():
        for key, value in entries.items():
            if key in seen and seen[key][1] != value:
                clashes.append(f"{key!r}: {seen[key][0].name} says {seen[key][1]!r}, "
                               f"{path.name} says {value!r}")
            seen.setdefault(key, (path, value))
    assert not clashes, "the same English text translated differently:\n" + "\n".join(clashes)


# (e) tr(variable) only where the variable can come from translatable()
def test_tr_of_a_variable_only_where_translatable_texts_are_defined():
    marking = {name for name, info in MODULES.items() if any(u.kind == "translatable" for u in info["uses"])}
    problems = []
    for name, info in MODULES.items():
        for use in info["uses"]:
            if use.kind == "translatable" and use.text is None:
                problems.append(f"{use.where()}: translatable() needs a literal string")
            if use.kind != "tr" or use.text is not None:
                continue
            if use.arg is None:
                problems.append(f"{use.where()}: tr() without a text")
            elif isinstance(use.arg, (ast.JoinedStr, ast.BinOp)):
                problems.append(f"{use.where()}: tr() of a built string; write tr(\"... {{name}} ...\", name=...)")
            elif name not in marking and not (info["imports"] & marking):
                problems.append(f"{use.where()}: tr() of a variable, but neither this module nor a module "
                                "it imports marks any text translatable()")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- tr and set_language
@pytest.fixture
def korean():
    family = list(matplotlib.rcParams["font.family"])
    nnlib.set_language("ko")
    try:
        yield
    finally:
        nnlib.set_language("en")
        plt.close("all")
        assert list(matplotlib.rcParams["font.family"]) == family


def test_tr_is_the_identity_in_english():
    assert nnlib.get_language() == "en"
    for text in SOURCE_TEXTS:
        assert language.tr(text) == text


def test_tr_uses_the_catalogue_in_korean(korean):
    for key, value in CATALOGUE.items():
        if not _names(key):
            assert language.tr(key) == value


@pytest.mark.parametrize("bad", ["fr", "", "KO", "korean", "en "])
def test_set_language_rejects_unknown_languages(bad):
    with pytest.raises(ValueError, match="language"):
        nnlib.set_language(bad)
    assert nnlib.get_language() == "en"


@pytest.mark.parametrize("bad", [None, 1, b"ko", ["ko"]])
def test_set_language_rejects_non_strings(bad):
    with pytest.raises(TypeError, match="language"):
        nnlib.set_language(bad)
    assert nnlib.get_language() == "en"


def test_korean_figure_has_every_glyph_and_english_restores_the_font(caplog):
    family = list(matplotlib.rcParams["font.family"])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            nnlib.set_language("ko")
            fig, ax = plt.subplots()
            ax.plot([-2.0, -1.0, 0.0, 1.0], [1.0, -1.0, 0.5, 0.0], label="손실 L")
            ax.set_title("학습률 η = 0.1 · 기울기 ∂L/∂w")
            ax.set_xlabel("순입력 z")
            ax.set_ylabel("활성값 a = φ(z)")
            ax.set_xticks([-2, -1, 0, 1], ["−2", "−1", "0", "1"])  # U+2212, not in NanumGothic
            ax.legend()
            fig.canvas.draw()
            assert "−1" in [t.get_text() for t in ax.get_xticklabels()]
        assert not [r for r in caplog.records if "findfont" in r.getMessage()]
        assert "NanumGothic" in list(matplotlib.rcParams["font.family"])
    finally:
        nnlib.set_language("en")
        plt.close("all")
    assert list(matplotlib.rcParams["font.family"]) == family


def test_selecting_korean_twice_then_english_restores_the_font():
    family = list(matplotlib.rcParams["font.family"])
    try:
        nnlib.set_language("ko")
        nnlib.set_language("ko")
    finally:
        nnlib.set_language("en")
    assert list(matplotlib.rcParams["font.family"]) == family


def test_korean_figures_draw_math_as_the_english_ones_do():
    """Latin letters, sub/superscripts and math signs look the same in both languages (NanumGothic's
    ₁, ² and ∂ are tiny, so they must come from matplotlib's default font); only Hangul differs."""
    math = "w₁² + ∂L/∂w₂ − ŷ"

    def width():
        fig = plt.figure()
        text = fig.text(0.1, 0.5, math)
        fig.canvas.draw()
        size = text.get_window_extent().width
        plt.close(fig)
        return size

    english = width()
    try:
        nnlib.set_language("ko")
        korean = width()
    finally:
        nnlib.set_language("en")
    assert korean == pytest.approx(english)


def test_no_korean_text_mixes_hangul_with_math():
    """matplotlib sets a text containing $...$ wholly in its math font, which has no Hangul: such a
    Korean label would show boxes. Write subscripts as characters (h₁) where Hangul is near."""
    mixed = [f"{path.relative_to(ROOT)}: {key!r} -> {value!r}" for path, entries in CATALOGUE_FILES.items()
             for key, value in entries.items() if "$" in value and HANGUL.search(value)]
    assert not mixed, "Korean texts with both Hangul and $math$:\n" + "\n".join(mixed)


def test_math_with_hangul_is_reported_by_matplotlib(korean, caplog):
    """What the test above prevents, and what tests/test_korean_glyphs.py looks for in the chapters."""
    import logging

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.set_title("입력 공간: $h_1$")
    with caplog.at_level(logging.WARNING, logger="matplotlib"):
        fig.canvas.draw()
    plt.close(fig)
    assert any("glyph" in record.getMessage().lower() for record in caplog.records)
