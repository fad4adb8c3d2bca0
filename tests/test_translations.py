"""The Korean edition (chapters/ko/) is kept in step with the English chapters by construction.

``scripts/translate.py`` builds each Korean chapter from the English notebook (code cells as they
are) and a translation file keyed by English cell id and source hash.  These tests fail when an
English markdown cell changed after it was translated, when a translation is missing, or when a
stored Korean chapter is not what the script builds from today's English, naming the cell.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("translate", REPO / "scripts" / "translate.py")
translate = importlib.util.module_from_spec(_spec)
sys.modules["translate"] = translate  # dataclasses look their module up there
_spec.loader.exec_module(translate)

ENGLISH = translate.english_chapters()
chapter = pytest.mark.parametrize("english", ENGLISH, ids=[p.stem for p in ENGLISH])


def _markdown_notebook(*sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(s) for s in sources] + [nbformat.v4.new_code_cell("x = 1")]
    for number, cell in enumerate(nb.cells):
        cell.id = f"c{number}"
    return nb


def _entry(cell, text):
    return translate.Entry(cell.id, translate.source_hash(cell.source), text)


# ----------------------------------------------------------------------- the mechanism itself


def test_a_changed_english_cell_makes_its_translation_stale_naming_the_cell():
    nb = _markdown_notebook("# Chapter 09 — Title", "Some prose about weights.")
    entries = [_entry(nb.cells[0], "# 09장 — 제목"), _entry(nb.cells[1], "가중치에 관한 글.")]
    assert translate.problems(nb, entries) == []
    nb.cells[1].source = "Some prose about weights and biases."
    (problem,) = translate.problems(nb, entries)
    assert problem.startswith("cell c1 (cell 1, 'Some prose about weights and biases.')")
    assert "changed after it was translated" in problem


def test_missing_untranslated_unknown_and_reordered_entries_are_named():
    nb = _markdown_notebook("# Chapter 09 — Title", "Some prose about weights.")
    assert translate.problems(nb, [_entry(nb.cells[0], "# 09장 — 제목")]) == [
        "cell c1 (cell 1, 'Some prose about weights.'): no translation"]
    english_left_in = [_entry(nb.cells[0], "# 09장 — 제목"), _entry(nb.cells[1], "Some prose about weights.")]
    assert "not translated yet" in translate.problems(nb, english_left_in)[0]
    unknown = [_entry(c, "한국어") for c in nb.cells[:2]] + [translate.Entry("gone", "0" * 12, "한국어")]
    assert translate.problems(nb, unknown) == ["cell gone: no such markdown cell in the English chapter"]
    reordered = [_entry(nb.cells[1], "한국어"), _entry(nb.cells[0], "한국어")]
    assert translate.problems(nb, reordered) == ["the entries are not in the order of the English cells"]


def test_math_only_cells_need_no_hangul():
    nb = _markdown_notebook(r"$$z = \mathbf{w}\cdot\mathbf{x} + b$$")
    assert translate.problems(nb, [_entry(nb.cells[0], r"$$z = \mathbf{w}\cdot\mathbf{x} + b$$")]) == []


def test_build_keeps_code_cells_and_puts_the_language_cell_before_the_first_code(tmp_path):
    nb = _markdown_notebook("# Chapter 09 — Title", "Some prose about weights.")
    built = translate.build(nb, [_entry(nb.cells[0], "# 09장 — 제목"), _entry(nb.cells[1], "가중치.")], "09_x.ipynb")
    assert [c.cell_type for c in built.cells] == ["markdown", "markdown", "code", "code"]
    assert [c.source for c in built.cells] == ["# 09장 — 제목", "가중치.", translate.LANGUAGE_CELL, "x = 1"]
    assert 'nnlib.set_language("ko")' in built.cells[2].source
    assert nb.cells[0].source == "# Chapter 09 — Title"  # the English notebook is not modified
    nbformat.validate(built)


def test_read_entries_round_trips_the_file_format(tmp_path):
    path = tmp_path / "09_x.md"
    path.write_text("<!-- a comment about the file -->\n\n<!-- cell c0 source-sha256 0123456789ab -->\n"
                    "# 09장\n\n본문.\n\n<!-- cell c1 source-sha256 ba9876543210 -->\n$x$\n", encoding="utf-8")
    assert translate.read_entries(path) == [translate.Entry("c0", "0123456789ab", "# 09장\n\n본문."),
                                            translate.Entry("c1", "ba9876543210", "$x$")]


# ----------------------------------------------------------------------- the stored Korean edition


def test_every_english_chapter_has_a_korean_edition():
    assert ENGLISH, "no English chapters found"
    missing = [p.name for p in ENGLISH if not translate.edition_path(p).is_file()]
    missing += [translate.translation_path(p).name for p in ENGLISH if not translate.translation_path(p).is_file()]
    assert not missing, f"missing in chapters/ko: {missing} (run `python scripts/translate.py`)"
    extra = sorted({p.name for p in translate.EDITION.glob(translate.CHAPTER_GLOB)} - {p.name for p in ENGLISH})
    assert not extra, f"Korean chapters without an English chapter: {extra}"


@chapter
def test_translation_is_complete_and_up_to_date(english):
    found = translate.problems(*translate.load(english))
    assert not found, (f"{translate.translation_path(english).relative_to(REPO)}:\n  " + "\n  ".join(found)
                       + "\n(see `python scripts/translate.py --check`)")


@chapter
def test_stored_korean_chapter_is_what_the_script_builds_now(english):
    english_nb, entries = translate.load(english)
    if translate.problems(english_nb, entries):
        pytest.skip("the translation itself is incomplete (reported by the test above)")
    expected = translate.build(english_nb, entries, english.name)
    stored = nbformat.read(translate.edition_path(english), as_version=4)
    want = [(c.id, c.cell_type, c.source) for c in expected.cells]
    have = [(c.id, c.cell_type, c.source) for c in stored.cells]
    differ = [f"cell {w[0]} ({w[1]})" for w, h in zip(want, have) if w != h]
    assert len(want) == len(have) and not differ, (
        f"chapters/ko/{english.name} differs from what scripts/translate.py builds from the English chapter "
        f"and its translation ({len(have)} cells stored, {len(want)} built; differing: {differ[:5]}); "
        f"run `python scripts/translate.py {english.stem}`")


# ----------------------------------------------------------------------- the glossary's terms

GLOSSARY = REPO / "docs" / "glossary.md"
# English | 한국어 | meaning (may hold "|" as in λΣ|w|) | chapters ("05 (preview 03)")
ROW = re.compile(r"^\| (?P<english>[^|]+?) \| (?P<korean>[^|]+?) \| .+ \| (?P<chapters>[0-9][0-9, ]*)[^|]*\|$", re.M)


def _forms(cell):
    """The forms a glossary cell allows: 'A / B (C)' gives A, B and C."""
    parts = re.split(r" / |\(|\)", cell)
    return [p.strip() for p in parts if p.strip()]


def _taught_in(number):
    rows = ROW.finditer(GLOSSARY.read_text(encoding="utf-8"))
    return [(_forms(r["english"]), _forms(r["korean"])) for r in rows if int(r["chapters"].split(",")[0]) == number]


@chapter
def test_terms_glossed_in_the_english_are_korean_with_the_english_in_parentheses(english):
    """The glossary is the single source: where the English chapter glosses a term the glossary
    assigns to it ("weight (가중치)"), the Korean chapter gives that term in the glossary's Korean
    with the English in parentheses ("가중치(weight)")."""
    stored = translate.edition_path(english)
    if not stored.is_file():
        pytest.skip("no Korean chapter yet")

    def prose(path):
        cells = nbformat.read(path, as_version=4).cells
        return re.sub(r"\*\*|__|\*", "", "\n".join(c.source for c in cells if c.cell_type == "markdown"))

    english_prose, korean_prose = prose(english), prose(stored)
    missing = []
    for english_forms, korean_forms in _taught_in(int(english.name[:2])):
        if not any(k in english_prose for k in korean_forms):
            continue  # the English chapter does not gloss it: nothing to mirror
        glossed = any(re.search(re.escape(k) + r"[\"'”’」』]*\s*\([^)]*?" + re.escape(e), korean_prose, re.I)
                      for k in korean_forms for e in english_forms)
        if not glossed:
            missing.append(f"{korean_forms[0]}({english_forms[0]})")
    assert not missing, (f"chapters/ko/{english.name}: terms the English chapter glosses are not given in "
                         f"the glossary's Korean with the English in parentheses: {missing}")


# ----------------------------------------------------------------------- Korean markdown renders

CODE = re.compile(r"<code>.*?</code>|<pre>.*?</pre>", re.S)


def _unrendered_bold(markdown_text):
    """Literal ``**`` left after rendering: in CommonMark ``**가중치(weight)**와`` is not bold (a
    closing ``**`` after punctuation must not touch a letter, and Hangul is a letter)."""
    import mistune

    return "**" in CODE.sub("", mistune.html(markdown_text))


def test_unrendered_bold_is_detected():
    assert _unrendered_bold("**가중치(weight)**와 편향")
    assert not _unrendered_bold("**가중치**(weight)와 편향, **편향(bias)** 입니다, `**kwargs`")


@chapter
def test_korean_markdown_has_no_unrendered_bold(english):
    _, entries = translate.load(english)
    bad = [entry.cell_id for entry in entries if _unrendered_bold(entry.text)]
    assert not bad, (f"{translate.translation_path(english).name}: cells {bad} show a literal '**' "
                     "(write **가중치**(weight)와, not **가중치(weight)**와)")


# ----------------------------------------------------------------------- the READMEs' chapter maps


@pytest.mark.parametrize("readme", ["README.md", "README.ko.md"])
def test_readme_chapter_maps_link_every_korean_chapter_by_its_title(readme):
    text = (REPO / readme).read_text(encoding="utf-8")
    wrong = []
    for english in ENGLISH:
        stored = translate.edition_path(english)
        if not stored.is_file():
            continue
        title = nbformat.read(stored, as_version=4).cells[0].source.splitlines()[0]
        title = title.lstrip("# ").split(" — ", 1)[-1].strip()
        link = f"[{title}](chapters/ko/{english.name})"
        if link not in text:
            wrong.append(link)
    assert not wrong, f"{readme} does not link these Korean chapters by their titles: {wrong}"
