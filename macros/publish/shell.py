"""One page shell for thousands of pages that differ only in their own text.

The site engine renders its whole page template (header, navigation, footer) for every page,
which costs as much as the data pages themselves. City pages all sit at the same depth and are
not in the navigation, so that template's output is the same for all of them except for a few
slots: the title, the description, the canonical address, the body and the table of contents.
The engine renders one city page with unique placeholder tokens in those slots; the result,
cut at the tokens, is the shell every other city page is filled into.

Values go into the slots exactly as the engine would put them (the adapter escapes them the
same way), so a page from the shell is the page the engine would have written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Slot(StrEnum):
    TITLE = "title"
    DESCRIPTION = "description"
    CANONICAL_URL = "canonical_url"
    CONTENT = "content"
    TOC = "toc"  # the entries of the table of contents
    FIRST_ANCHOR = "first_anchor"  # the "skip to content" link goes to the first entry
    PAGE_PATH = "page_path"  # the page's address within its language, in the language switcher's links


# Tokens no data can produce (placeholders are set by the adapter, never read from a file).
TOKENS = {slot: f"mmssc-shell-slot-{slot.value}-5f0c2e9a" for slot in Slot}
# The placeholder page's table of contents has two entries, so that the shell also learns what
# the template writes between entries.
TOC_TOKENS = (TOKENS[Slot.TOC] + "-a", TOKENS[Slot.TOC] + "-b")


# The theme's templates indent every line of their output (a sixth of a city page is that
# indentation). Whitespace that runs from one tag to the next, across a line break, becomes the line
# break alone: it separated what it separated, and no text is touched (a value from the data is
# escaped, so it holds no "<" or ">" and never lies between two tags this way). Pages with
# preformatted text keep theirs.
_BETWEEN_TAGS = re.compile(r">[ \t\r\n]*\n[ \t\r\n]*<")


_SPACE = " \t\r\n"


def compact(output: str) -> str:
    """A generated page's output without the indentation between its tags (the same page to a browser)."""
    if _preformatted(output):
        return output
    return _BETWEEN_TAGS.sub(">\n<", output)


def _preformatted(output: str) -> bool:
    return "<pre" in output or "<textarea" in output


def _compact_parts(parts: list[str]) -> str:
    """``compact("".join(parts))`` when each part has been compacted on its own already: what is left are
    the runs of whitespace that touch a place where two parts meet (one part's ``>`` and the next one's
    ``<``, or a run spread over both)."""
    text = "".join(parts)
    out: list[str] = []
    done = 0  # text before it is in ``out``
    cut = 0
    for part in parts[:-1]:
        cut += len(part)
        if cut < done:  # inside a run already replaced
            continue
        start = end = cut
        while start > done and text[start - 1] in _SPACE:
            start -= 1
        while end < len(text) and text[end] in _SPACE:
            end += 1
        if 0 < start < end < len(text) and text[start - 1] == ">" and text[end] == "<" and "\n" in text[start:end]:
            out += [text[done:start], "\n"]
            done = end
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)


class ShellError(Exception):
    """The engine's output did not hold a placeholder where the shell needs it."""


@dataclass(frozen=True)
class PageShell:
    pieces: tuple[str, ...]  # text between slots
    slots: tuple[Slot, ...]  # len(pieces) - 1 slots, in page order
    # the pieces compacted once (``fill_compact``): the shell is most of the indentation of every page
    compacted: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compacted", tuple(_BETWEEN_TAGS.sub(">\n<", piece) for piece in self.pieces))

    @classmethod
    def cut(cls, output: str, placeholders: dict[Slot, str]) -> PageShell:
        """Cut the engine's output of the placeholder page at every placeholder (each must be there)."""
        missing = [slot.value for slot, text in placeholders.items() if text not in output]
        if missing:
            raise ShellError(f"the page template's output has no place for: {', '.join(missing)}")
        by_text = {text: slot for slot, text in placeholders.items()}
        pattern = re.compile("|".join(re.escape(text) for text in sorted(by_text, key=len, reverse=True)))
        pieces: list[str] = []
        slots: list[Slot] = []
        start = 0
        for match in pattern.finditer(output):
            pieces.append(output[start : match.start()])
            slots.append(by_text[match.group()])
            start = match.end()
        pieces.append(output[start:])
        for slot in (Slot.CONTENT, Slot.TOC, Slot.FIRST_ANCHOR):
            if slots.count(slot) > 1:
                raise ShellError(f"the page template's output holds the {slot.value} twice")
        return cls(tuple(pieces), tuple(slots))

    def fill(self, values: dict[Slot, str]) -> str:
        out = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:], strict=True):
            out.append(values[slot])
            out.append(piece)
        return "".join(out)

    def fill_compact(self, values: dict[Slot, str]) -> str:
        """``compact(self.fill(values))``, without scanning the shell again for every page, nor a value
        that holds no line break (a page's body, drawn by us, has none: tests/test_shell.py)."""
        parts = [self.compacted[0]]
        for slot, piece in zip(self.slots, self.compacted[1:], strict=True):
            value = values[slot]
            parts.append(_BETWEEN_TAGS.sub(">\n<", value) if "\n" in value else value)
            parts.append(piece)
        output = _compact_parts(parts)
        # compacting neither makes nor breaks "<pre": a page that holds one is written as it is
        return self.fill(values) if _preformatted(output) else output
