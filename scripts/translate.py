#!/usr/bin/env python3
"""Build the Korean chapters from the English ones: THE one way to make chapters/ko/.

Usage (from anywhere)::

    python scripts/translate.py                  # build and execute every chapters/ko/NN_*.ipynb
    python scripts/translate.py 03_xor_problem   # one chapter
    python scripts/translate.py --check          # only report missing or stale translations
    python scripts/translate.py --new            # add an entry (English text) for each new cell

A Korean chapter is never edited by hand.  It is made from two things:

- the English notebook ``chapters/NN_name.ipynb``: every code cell is copied as it is, so the
  two editions run the same code and cannot drift apart;
- the translation file ``chapters/ko/translations/NN_name.md``: for every English markdown cell,
  an entry ``<!-- cell <id> source-sha256 <hash> -->`` followed by the Korean markdown.  The hash
  (first 12 hex digits of the SHA-256 of the English source) records which English text the entry
  translates.

The script puts a first code cell ``nnlib.set_language("ko")`` before the English code, refuses
to build while a translation is missing or was made from an older English text (naming each
cell), and executes the result with ``scripts/run_notebooks.py``, so it is stored executed like the
English chapters.  ``tests/test_translations.py`` fails on the same problems, and on a stored
Korean chapter whose cells differ from what this script builds now.

When an English markdown cell changes, its entry becomes stale: ``--check`` names it and prints the
new English text; update the Korean, then put the new hash (printed too) in the entry's marker.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_notebooks  # noqa: E402  (the script beside this one; executes and stores notebooks)

REPO = Path(__file__).resolve().parent.parent
CHAPTERS = REPO / "chapters"
CHAPTER_GLOB = "[0-9][0-9]_*.ipynb"
LANGUAGE = "ko"
EDITION = CHAPTERS / LANGUAGE
TRANSLATIONS = EDITION / "translations"
HASH_DIGITS = 12
MARKER = re.compile(r"^<!-- cell (?P<id>[A-Za-z0-9_-]+) source-sha256 (?P<hash>[0-9a-f]+) -->$", re.MULTILINE)
HANGUL = re.compile("[\uac00-\ud7a3]")
ENGLISH_WORD = re.compile(r"(?<![\\$])\b[A-Za-z]{4,}\b")  # a word of prose (not \frac, not $x$)
LANGUAGE_CELL_ID = "nnlab-language"
LANGUAGE_CELL = (
    "import nnlib\n"
    "\n"
    'nnlib.set_language("ko")  # 그림, 위젯, 연습 문제의 피드백과 힌트를 한국어로 보여 줍니다'
)


@dataclass
class Entry:
    """One translated markdown cell: the English cell's id, the hash of the English it translates."""

    cell_id: str
    source_hash: str
    text: str


def source_hash(source: str) -> str:
    """First 12 hex digits of the SHA-256 of a cell's source (UTF-8).

    >>> source_hash("# Chapter 00")
    '86913dbf151d'
    """
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:HASH_DIGITS]


def translation_path(english: Path) -> Path:
    return TRANSLATIONS / f"{english.stem}.md"


def edition_path(english: Path) -> Path:
    return EDITION / english.name


def english_chapters() -> list[Path]:
    return sorted(CHAPTERS.glob(CHAPTER_GLOB))


def read_entries(path: Path) -> list[Entry]:
    """The entries of a translation file, in file order (text before the first marker is a comment)."""
    text = path.read_text(encoding="utf-8")
    markers = list(MARKER.finditer(text))
    entries = []
    for marker, following in zip(markers, markers[1:] + [None]):
        body = text[marker.end() : following.start() if following else len(text)]
        entries.append(Entry(marker["id"], marker["hash"], body.strip("\n")))
    return entries


def problems(english_nb, entries: list[Entry]) -> list[str]:
    """Why ``entries`` cannot build the Korean edition of ``english_nb`` (empty: they can)."""
    found = []
    by_id = {}
    for entry in entries:
        if entry.cell_id in by_id:
            found.append(f"cell {entry.cell_id}: translated twice")
        by_id[entry.cell_id] = entry
    markdown = [cell for cell in english_nb.cells if cell.cell_type == "markdown"]
    for index, cell in enumerate(english_nb.cells):
        if cell.cell_type != "markdown":
            continue
        entry = by_id.get(cell.id)
        first_line = cell.source.strip().splitlines()[0][:60] if cell.source.strip() else ""
        where = f"cell {cell.id} (cell {index}, {first_line!r})"
        if entry is None:
            found.append(f"{where}: no translation")
        elif entry.source_hash != source_hash(cell.source):
            found.append(
                f"{where}: the English changed after it was translated "
                f"(entry hash {entry.source_hash}, English now {source_hash(cell.source)})"
            )
        elif not entry.text.strip():
            found.append(f"{where}: the translation is empty")
        elif ENGLISH_WORD.search(cell.source) and not HANGUL.search(entry.text):
            found.append(f"{where}: not translated yet (no Hangul in the entry)")
    english_ids = {cell.id for cell in markdown}
    found += [f"cell {entry.cell_id}: no such markdown cell in the English chapter" for entry in entries
              if entry.cell_id not in english_ids]
    order = [entry.cell_id for entry in entries if entry.cell_id in english_ids]
    if not found and order != [cell.id for cell in markdown]:
        found.append("the entries are not in the order of the English cells")
    return found


def build(english_nb, entries: list[Entry], english_name: str):
    """The Korean notebook: English code cells, Korean markdown, and the language cell first.

    Outputs are cleared: the result is meant to be executed (``run_notebooks.execute_notebook``).
    """
    nb = nbformat.from_dict(english_nb)  # a deep copy
    by_id = {entry.cell_id: entry for entry in entries}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = by_id[cell.id].text
        elif cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    first_code = next(i for i, cell in enumerate(nb.cells) if cell.cell_type == "code")
    language_cell = nbformat.v4.new_code_cell(LANGUAGE_CELL)
    language_cell.id = LANGUAGE_CELL_ID
    nb.cells.insert(first_code, language_cell)
    nb.metadata.pop("widgets", None)
    nb.metadata["language"] = LANGUAGE
    nnlab = dict(nb.metadata.get("nnlab", {}))
    nnlab.pop("executed_by", None)
    nnlab["translated_from"] = f"chapters/{english_name}"
    nb.metadata["nnlab"] = nnlab
    return nb


def load(english: Path):
    """(English notebook, translation entries) for one chapter; no entries if there is no file."""
    english_nb = nbformat.read(english, as_version=4)
    path = translation_path(english)
    return english_nb, (read_entries(path) if path.is_file() else [])


def add_new_entries(english: Path) -> int:
    """Append an entry holding the English text for every markdown cell that has none; return how many."""
    english_nb, entries = load(english)
    have = {entry.cell_id for entry in entries}
    new = [cell for cell in english_nb.cells if cell.cell_type == "markdown" and cell.id not in have]
    if new:
        path = translation_path(english)
        with path.open("a", encoding="utf-8") as f:
            for cell in new:
                f.write(f"\n<!-- cell {cell.id} source-sha256 {source_hash(cell.source)} -->\n{cell.source}\n")
        print(f"{path.relative_to(REPO)}: {len(new)} new entries with the English text to translate "
              "(move them to the cell's place in the file)")
    return len(new)


def select(names: list[str]) -> list[Path]:
    chapters = english_chapters()
    if not names:
        return chapters
    chosen = [p for p in chapters if any(p.stem == Path(n).stem or p.name.startswith(n) for n in names)]
    unknown = [n for n in names if not any(p.stem == Path(n).stem or p.name.startswith(n) for p in chapters)]
    if unknown:
        raise SystemExit(f"no English chapter called {', '.join(unknown)} in {CHAPTERS.relative_to(REPO)}/")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("chapters", nargs="*", help="chapter names or numbers (default: all)")
    parser.add_argument("--check", action="store_true", help="only report missing or stale translations")
    parser.add_argument("--new", action="store_true", help="add entries for English cells that have none")
    parser.add_argument("--timeout", type=int, default=600, help="seconds one cell may run (default 600)")
    args = parser.parse_args(argv)
    chapters = select(args.chapters)
    if args.new:
        for english in chapters:
            add_new_entries(english)
        return 0
    bad = False
    for english in chapters:
        english_nb, entries = load(english)
        found = problems(english_nb, entries)
        if found:
            bad = True
            print(f"{translation_path(english).relative_to(REPO)}:")
            by_id = {cell.id: cell for cell in english_nb.cells}
            for problem in found:
                print(f"  - {problem}")
                cell = by_id.get(problem.split()[1])
                if args.check and cell is not None and "changed" in problem:
                    print("    English now:\n      " + cell.source.replace("\n", "\n      "))
    if bad:
        print("Translations need work; nothing was built." if not args.check else "Translations need work.")
        return 1
    if args.check:
        print(f"{len(chapters)} translation(s) up to date")
        return 0
    built = []
    for english in chapters:
        nbformat.write(build(*load(english), english.name), edition_path(english))
        built.append(edition_path(english))
    return run_notebooks.run(built, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
