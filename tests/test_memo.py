"""macros/memo.py: the one bounded cache of drawn markup."""

from __future__ import annotations

from macros.memo import BoundedCache, typed
from macros.model.text import Untranslated


def test_values_are_made_once_and_kept_up_to_the_bound() -> None:
    calls: list[int] = []

    def make(n: int) -> str:
        calls.append(n)
        return f"<{n}>"

    cache: BoundedCache[str] = BoundedCache(2)
    assert [cache.get(n, make, n) for n in (1, 2, 1, 2)] == ["<1>", "<2>", "<1>", "<2>"]
    assert calls == [1, 2]
    # full: a new key is made each time and never kept; the kept ones stay
    assert cache.get(3, make, 3) == "<3>" and cache.get(3, make, 3) == "<3>"
    assert calls == [1, 2, 3, 3] and len(cache) == 2
    assert cache.get(1, make, 1) == "<1>" and calls[-1] == 3


def test_typed_keys_tell_untranslated_text_from_plain_text() -> None:
    english, marked = "Level", Untranslated("Level")
    assert english == marked and hash(english) == hash(marked)  # why plain keys would not do
    assert typed(1, english) != typed(1, marked)
    assert typed(1, english) == typed(1, "Level")


def test_a_level_badge_with_an_untranslated_name_is_marked_after_the_plain_one(catalogue) -> None:
    """The cache once handed an untranslated name the English page's unmarked badge."""
    import dataclasses

    from macros.render.html import UNTRANSLATED_CLASS
    from macros.render.pieces import level_badge

    plain = level_badge(catalogue, 1)
    assert UNTRANSLATED_CLASS not in plain
    level = catalogue.levels[1]
    untranslated = dataclasses.replace(level, name=Untranslated(str(level.name)))
    localised = dataclasses.replace(catalogue, levels={**catalogue.levels, 1: untranslated})
    assert UNTRANSLATED_CLASS in level_badge(localised, 1)
    assert UNTRANSLATED_CLASS not in level_badge(catalogue, 1)


def test_a_recent_cache_keeps_the_last_keys_asked_for() -> None:
    from macros.memo import RecentCache

    calls: list[int] = []

    def make(n: int) -> str:
        calls.append(n)
        return f"<{n}>"

    cache: RecentCache[str] = RecentCache(2)
    assert [cache.get(n, make, n) for n in (1, 2, 1, 3)] == ["<1>", "<2>", "<1>", "<3>"]
    assert calls == [1, 2, 3] and len(cache) == 2
    # 2 was the least recently used when 3 came: dropped; 1 and 3 kept
    assert cache.get(1, make, 1) == "<1>" and cache.get(3, make, 3) == "<3>" and calls == [1, 2, 3]
    assert cache.get(2, make, 2) == "<2>" and calls == [1, 2, 3, 2]
