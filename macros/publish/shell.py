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
from dataclasses import dataclass
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


# The theme's templates indent every line of their output (a fifth of a city page is that
# indentation): a line's leading whitespace before a tag goes, its line break stays, so what
# separated two words or tags still does. Only before a tag: data is escaped, so a "<" is always
# markup, and a city's text keeps its own blank lines and indentation. Pages with preformatted
# text keep theirs.
_INDENT = re.compile(r"\n\s+(?=<)")


def compact(output: str) -> str:
    """A generated page's output without the indentation of its lines (the same page to a browser)."""
    if "<pre" in output or "<textarea" in output:
        return output
    return _INDENT.sub("\n", output)


class ShellError(Exception):
    """The engine's output did not hold a placeholder where the shell needs it."""


@dataclass(frozen=True)
class PageShell:
    pieces: tuple[str, ...]  # text between slots
    slots: tuple[Slot, ...]  # len(pieces) - 1 slots, in page order

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
