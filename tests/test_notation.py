"""One notation everywhere: mechanical checks of the rules in CONTRIBUTING.md ("Notation").

Each rule is a small function ``rule(text) -> list of offending snippets``, tested below on good
and bad strings so that it cannot fire on correct text. The rules run over

- the markdown cells of every chapter (a failure names the chapter and the cell index),
- the Markdown files in ``docs/``,
- the docstrings of every nnlib module, class and function (the prose rules only).

Code is never checked: code spans and fenced blocks are removed first, so ``optimizer="adam"``
or ``alpha=0.01`` in code font are fine.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((REPO / "chapters").glob("[0-9][0-9]_*.ipynb"))
DOCS = sorted((REPO / "docs").glob("*.md"))
MODULES = sorted(p for p in (REPO / "nnlib").rglob("*.py"))
GLOSSARY_LINK = "[Glossary (용어집)](../docs/glossary.md)"


# --------------------------------------------------------------------------- text helpers


def prose(text: str) -> str:
    """``text`` without fenced code blocks, inline code spans and link targets."""
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"``[^`]*``", " ", text)           # reStructuredText literals (docstrings)
    text = re.sub(r"`[^`\n]*`", " ", text)
    text = re.sub(r"\]\([^)\s]*\)", "]", text)       # [label](target): keep the label only
    return text


def sentences(text: str) -> list[str]:
    """Split prose into sentences: at '. ', '? ', '! ' (not inside numbers), blank lines and list items."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z*(\[$])|\n\s*\n|\n\s*[-*] |\n\s*\d+\. |\n#+ ", text)
    return [p.strip() for p in parts if p and p.strip()]


def _snip(text: str, start: int, end: int, pad: int = 30) -> str:
    return " ".join(text[max(0, start - pad): end + pad].split())


# --------------------------------------------------------------------------- the rules

ALPHA = r"(?:α|\\alpha)"
# α as the *symbol* in an update formula: Δw = α…, \Delta w_i = \alpha …
ALPHA_UPDATE = re.compile(r"(?:Δ|\\Delta)\s*\\?[A-Za-z]+(?:_\{?\w+\}?)?\s*=\s*" + ALPHA)


def rule_alpha_learning_rate(text: str) -> list[str]:
    """α used as the learning rate (it is η; α is leaky ReLU's slope)."""
    found = []
    for s in sentences(prose(text)):
        mentions_lr = re.search(r"learning rate|학습률|step size", s, re.I)
        if re.search(ALPHA, s) and mentions_lr and not re.search(r"leaky", s, re.I):
            found.append(_snip(s, 0, min(len(s), 90), 0))
    for m in ALPHA_UPDATE.finditer(prose(text)):
        found.append(_snip(text, m.start(), m.end()))
    return found


T_TARGET = re.compile(
    r"\(\s*t\s*[-−]\s*(?:\\hat|ŷ|y|z|a|o)"          # (t − ŷ), (t - y), (t - z)
    r"|(?:\\hat\s*\{?y\}?|ŷ|\by)\s*[-−]\s*t\s*\)"     # (ŷ − t)
    r"|\btargets?\s+\$?t\b(?![\w'’-])"                 # target t, target $t$
    r"|\(\s*\\mathbf\s*\{?x\}?\s*,\s*t\s*\)"          # (\mathbf{x}, t)
    r"|\bthreshold\s+\$?(?:t|T)\b(?![\w'’-])"          # threshold t (it is θ = −b)
)


def rule_t_as_target(text: str) -> list[str]:
    """t used for the target (it is y) or for the threshold (it is θ = −b)."""
    p = prose(text)
    return [_snip(p, m.start(), m.end()) for m in T_TARGET.finditer(p)]


def rule_epoch_zero(text: str) -> list[str]:
    """"epoch 0" as the first epoch (epochs count from 1; epoch 0 may only mean "before training")."""
    return [s[:90] for s in sentences(prose(text))
            if re.search(r"\bepoch\s+0\b", s, re.I) and not re.search(r"before (?:any )?training", s, re.I)]


CH05 = re.compile(r"\b(?:chapters?|ch\.?)\s*(?:0?\d\s*(?:,|and|&|–|-)\s*)*0?5\b", re.I)
BACKPROP_OR_LOSS = re.compile(r"backprop|loss function|손실 함수|역전파", re.I)


def rule_backprop_in_chapter_05(text: str) -> list[str]:
    """Backpropagation or the loss function sent to chapter 05 (they are taught in chapter 06)."""
    return [s[:120] for s in sentences(prose(text)) if CH05.search(s) and BACKPROP_OR_LOSS.search(s)]


AMERICAN = re.compile(r"\b(optimiz\w*|generaliz\w*|regulariz\w*|normaliz\w*|color(?:s|ed|ing)?)\b", re.I)


def rule_british_spelling(text: str) -> list[str]:
    """American spellings in prose (optimiser, generalisation, regularisation, normalise, colour)."""
    p = prose(text)
    return [_snip(p, m.start(), m.end()) for m in AMERICAN.finditer(p)]


OUTPUT_AS_Y = re.compile(r"(?<![\w\\{^_])(?<!hat )(?<!hat\{)y\s*=\s*(?:φ|\\varphi|σ|\\sigma|step|\\text\{step\}|"
                         r"\\operatorname\{step\})\s*\(")


def rule_output_as_y(text: str) -> list[str]:
    """A neuron's output written y = φ(z) (y is the target; the output is a = φ(z) or ŷ)."""
    p = prose(text)
    return [_snip(p, m.start(), m.end()) for m in OUTPUT_AS_Y.finditer(p)]


PROSE_RULES = [rule_alpha_learning_rate, rule_t_as_target, rule_epoch_zero, rule_backprop_in_chapter_05,
               rule_output_as_y]
ALL_RULES = PROSE_RULES + [rule_british_spelling]


def chapter_title_problems(path: Path, first_markdown: str) -> list[str]:
    """The first cell starts with "# Chapter NN — Title" (NN = the file's number) and links the glossary."""
    problems = []
    first_line = first_markdown.strip().splitlines()[0] if first_markdown.strip() else ""
    number = path.name[:2]
    if not re.fullmatch(rf"# Chapter {number} — \S.*", first_line):
        problems.append(f'title {first_line!r} is not "# Chapter {number} — Title"')
    if GLOSSARY_LINK not in first_markdown:
        problems.append(f"the first cell does not link the glossary with exactly {GLOSSARY_LINK}")
    return problems


# --------------------------------------------------------------------------- the rules on strings

GOOD = {
    rule_alpha_learning_rate: [
        "The learning rate (학습률) $\\eta$ sets the step size.",
        "Leaky ReLU has a small slope α for negative z; the learning rate is η.",
        "Adam keeps running averages with factors β₁ and β₂.",
        "$\\Delta w_i = \\eta\\,(y - \\hat y)\\,x_i$",
    ],
    rule_t_as_target: [
        "$\\Delta w = \\eta\\,(y - \\hat y)\\,x$", "the target $y$ and the threshold θ = −b",
        "at time step t the bias correction is 1 − β₁ᵗ", "(ŷ − y)", "the target tensor", "targets to predict",
    ],
    rule_epoch_zero: ["Epoch 1 is the first pass.", "epoch 0 = before training, epoch 1 the first pass",
                      "after epoch 10 the loss is flat"],
    rule_backprop_in_chapter_05: [
        "Backpropagation is the topic of chapter 06.", "The delta rule of chapter 05 was one example.",
        "The delta rule (chapter 05) descends a squared error.", "backpropagation (chapters 04, 06)",
    ],
    rule_british_spelling: ["the optimiser, generalisation, regularisation; normalise the colour",
                            "pass `optimizer=\"adam\"` and ``color=`` in code", "the Adam optimisers"],
    rule_output_as_y: ["the activation $a = \\varphi(z)$", "$\\hat y = \\operatorname{step}(z)$",
                       "ŷ = σ(z)", "the target y = 1", "\\hat{y} = \\sigma(z)"],
}
BAD = {
    rule_alpha_learning_rate: [
        "where the **learning rate** (학습률) $\\alpha$ (also written $\\eta$) sets the step size.",
        "$$\\Delta w_i = \\alpha\\,(t - y)\\,x_i$$", "Δw = α (y − ŷ) x",
    ],
    rule_t_as_target: [
        "$\\Delta w = \\eta\\,(t - \\hat y)\\,x$", "the loss $L = (\\hat y - t)^2$", "the target $t$",
        "an example $(\\mathbf{x}, t)$", "reaches a threshold $t$", "Δw = η(t − y)x",
    ],
    rule_epoch_zero: ["In epoch 0 the rule makes two updates.", "From epoch 0 on, the weights cycle."],
    rule_backprop_in_chapter_05: [
        "the learning itself — backpropagation — is the topic of chapter 05",
        "Chapter 05 opens the box: loss functions (손실 함수), gradient descent and backpropagation.",
        "becomes clear with backpropagation in Chapter 5.",
    ],
    rule_british_spelling: ["the Adam optimizer", "better generalization", "L2 regularization",
                            "we normalize the pixels", "the color of each class"],
    rule_output_as_y: ["the activation $y = \\varphi(z)$",
                       "output $y = \\text{step}(\\mathbf{w}\\cdot\\mathbf{x} + b)$",
                       "y = φ(z)", "so y = σ(z)"],
}


@pytest.mark.parametrize("rule", ALL_RULES, ids=[r.__name__ for r in ALL_RULES])
def test_rule_accepts_correct_text(rule):
    for text in GOOD[rule]:
        assert rule(text) == [], f"{rule.__name__} fires on correct text {text!r}"


@pytest.mark.parametrize("rule", ALL_RULES, ids=[r.__name__ for r in ALL_RULES])
def test_rule_catches_the_regression(rule):
    for text in BAD[rule]:
        assert rule(text), f"{rule.__name__} misses {text!r}"


def test_prose_drops_code_and_link_targets():
    assert "optimizer" not in prose('use `optimizer="adam"` and see [the guide](docs/optimizer.md)')
    assert "guide" in prose("see [the guide](docs/optimizer.md)")


def test_chapter_title_rule():
    good = f"# Chapter 03 — Why one perceptron cannot learn XOR\n\nText. Terms: {GLOSSARY_LINK}."
    assert chapter_title_problems(Path("03_xor_problem.ipynb"), good) == []
    assert len(chapter_title_problems(Path("03_xor.ipynb"), "# 03 · Why one perceptron\n")) == 2
    assert chapter_title_problems(Path("04_mlp.ipynb"), good.replace("[Glossary", "[glossary"))


# --------------------------------------------------------------------------- the course


def _markdown_cells(path):
    nb = nbformat.read(path, as_version=4)
    return [(i, c.source) for i, c in enumerate(nb.cells) if c.cell_type == "markdown"]


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_chapter_markdown_follows_the_notation(path):
    cells = _markdown_cells(path)
    problems = [f"{path.name}: {msg}" for msg in chapter_title_problems(path, cells[0][1] if cells else "")]
    for index, source in cells:
        for rule in ALL_RULES:
            problems += [f"{path.name} cell {index} [{rule.__name__}]: {snippet}" for snippet in rule(source)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_docs_follow_the_notation(path):
    text = path.read_text(encoding="utf-8")
    problems = []
    for number, paragraph in enumerate(text.split("\n\n")):
        for rule in ALL_RULES:
            problems += [f"docs/{path.name} paragraph {number} [{rule.__name__}]: {s}" for s in rule(paragraph)]
    assert not problems, "\n".join(problems)


def _docstrings(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = [tree] + [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                     ast.ClassDef))]
    for node in nodes:
        doc = ast.get_docstring(node, clean=True)
        if doc:
            yield getattr(node, "name", "<module>"), doc


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(REPO)) for p in MODULES])
def test_nnlib_docstrings_follow_the_notation(path):
    problems = []
    for name, doc in _docstrings(path):
        # Doctest lines are code: check only the prose lines.
        text = "\n".join(line for line in doc.splitlines() if not line.lstrip().startswith((">>>", "...")))
        for rule in PROSE_RULES:
            problems += [f"{path.relative_to(REPO)}:{name} [{rule.__name__}]: {s}" for s in rule(text)]
    assert not problems, "\n".join(problems)


HANGUL = re.compile(r"[\uac00-\ud7a3]")
GLOSS = re.compile(r"\(([^()]*[\uac00-\ud7a3][^()]*)\)")


def korean_glosses(text: str) -> list[str]:
    """The Korean terms given in parentheses, e.g. "net input (순입력)" -> ["순입력"];
    "(임계값 / 역치)" and "(also 에폭)" give each term on its own."""
    terms = []
    for m in GLOSS.finditer(prose(text)):
        for part in re.split(r"[,/;]| or ", m.group(1)):
            part = re.sub(r"^(?:also|i\.e\.|e\.g\.)\s+", "", part.strip())
            part = part.split(":")[0].strip()  # "(입력층: the first layer)" glosses 입력층
            if HANGUL.search(part):
                terms.append(part)
    return terms


def test_korean_glosses_are_read_term_by_term():
    text = "the threshold (임계값 / 역치) and the net input (순입력)"
    assert korean_glosses(text) == ["임계값", "역치", "순입력"]
    assert korean_glosses("the `code (가중치)` and (x, y)") == []
    assert korean_glosses("input layer (입력층: it passes x on)") == ["입력층"]


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_every_korean_gloss_is_in_the_glossary(path):
    glossary = (REPO / "docs" / "glossary.md").read_text(encoding="utf-8")
    missing = [f"{path.name} cell {index}: ({term}) is not in docs/glossary.md"
               for index, source in _markdown_cells(path) for term in korean_glosses(source) if term not in glossary]
    assert not missing, "\n".join(missing)


def test_every_chapter_and_the_glossary_exist():
    assert len(CHAPTERS) >= 8 and (REPO / "docs" / "glossary.md").exists()
