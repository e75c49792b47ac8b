"""What free text may hold: visible characters, no bidirectional tricks, no look-alike words mixing
scripts. The rules behind the ``text`` reader of :mod:`.fields` (and the duplicate-city check)."""

from __future__ import annotations

import re
import unicodedata

# Characters that make text look different from what it is (bidirectional overrides,
# zero-width joiners, byte-order marks): refused outright in identifiers, and in text
# only the bidirectional *overrides* are refused (isolates and marks are legitimate in
# right-to-left names).
INVISIBLE_FORMAT = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


BIDI_OVERRIDE = re.compile("[\u202a-\u202e]")


# Isolates (LRI, RLI, FSI … PDI) are legitimate in right-to-left text, but one left open
# reorders whatever is shown after the value (the rest of a line, a table row).
ISOLATE = re.compile("[\u2066-\u2069]")


SPACE = re.compile(r"\s")


# C0 controls but tab and newline, DEL and the C1 controls: only YAML escapes ("\e", "\0", "\x9b")
# can put them in text (the reader refuses them typed as they are)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# Characters with no glyph of their own (Unicode's Default_Ignorable_Code_Point, and the braille
# blank): a text made only of these and spaces shows as nothing at all.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff]"
)


_NO_GLYPH_CATEGORIES = frozenset(("Zs", "Zl", "Zp", "Cc", "Cf", "Cn", "Cs", "Mn", "Me"))


def visible(value: str) -> bool:
    """Whether ``value`` has at least one character that shows (not a space, not invisible)."""
    return any(
        not char.isspace() and unicodedata.category(char) not in _NO_GLYPH_CATEGORIES and not INVISIBLE.match(char)
        for char in value
    )


def without_invisible(value: str) -> str:
    """``value`` without the characters that have no glyph (to compare names as they look)."""
    return INVISIBLE.sub("", value)


def isolate_problem(value: str) -> str | None:
    depth = 0
    for char in ISOLATE.findall(value):
        if char != "\u2069":
            depth += 1
        elif depth == 0:
            return "has a bidirectional isolate end (U+2069) that closes nothing; remove it"
        else:
            depth -= 1
    if depth:
        return (
            "has a bidirectional isolate (U+2066-U+2068) that is never closed by U+2069, so it would "
            "reorder the text shown after it; close it or remove it"
        )
    return None


# Scripts whose letters look alike ("о" Cyrillic, "ο" Greek, "o" Latin): one word mixing them is
# how a name is made to look like another one (a look-alike city beside the real one).
_CONFUSABLE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


_WORD = re.compile(r"\w+")


def mixed_script(value: str) -> str | None:
    """Why ``value`` has a word that mixes Latin, Cyrillic or Greek letters, or None."""
    for word in _WORD.findall(value):
        letters: dict[str, list[str]] = {}
        for char in word:
            if char.isalpha():
                script = unicodedata.name(char, "").split(" ", 1)[0]
                if script in _CONFUSABLE_SCRIPTS:
                    letters.setdefault(script, []).append(char)
        if len(letters) > 1:
            main, odd = sorted(letters, key=lambda s: -len(letters[s]))[:2]
            char = letters[odd][0]
            return (
                f'"{word}" mixes {main.title()} and {odd.title()} letters in one word '
                f'("{char}" U+{ord(char):04X} is {odd.title()}), which makes it look like another name; '
                "write each word in one script"
            )
    return None
