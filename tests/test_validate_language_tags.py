"""validate/language_tags.py: BCP 47 language tags, each part checked against ISO 639, ISO 15924 and ISO 3166."""

from __future__ import annotations

import pytest

from macros.validate.language_tags import ALLOWED, language_name, language_problem


@pytest.mark.parametrize(
    "tag",
    ["el", "fr", "en", "en-GB", "pt-BR", "zh-Hant", "zh-Hans-CN", "sr-Latn-RS", "es-419", "gsw", "yue", "no", "nb-NO"],
)
def test_valid_tags_are_accepted(tag):
    assert language_problem(tag) is None


@pytest.mark.parametrize(
    "tag, problem",
    [
        # the language: a code of ISO 639, the two-letter one where there is one
        ("gr", '"gr" is not an ISO 639 language code (did you mean "el", Greek?)'),
        ("jp", '"jp" is not an ISO 639 language code (did you mean "ja", Japanese?)'),
        ("iw", '"iw" is not an ISO 639 language code (did you mean "he", Hebrew?)'),
        ("xx", '"xx" is not an ISO 639 language code'),
        ("english", '"english" is the name of a language, not its code (did you mean "en", English?)'),
        ("Modern Greek", '"Modern Greek" is the name of a language, not its code (did you mean "el", Greek?)'),
        (
            "ell",
            '"ell" is a three-letter ISO 639 code; a language tag uses the language\'s two-letter code where it has '
            'one (did you mean "el", Greek?)',
        ),
        (
            "gre",
            '"gre" is a three-letter ISO 639 code; a language tag uses the language\'s two-letter code where '
            'it has one (did you mean "el", Greek?)',
        ),
        ("und", '"und" ("Undetermined") names no language'),
        # the usual case
        ("EN", '"EN" is not in the usual case of a language tag (did you mean "en", English?)'),
        (
            "en-gb",
            '"en-gb" is not in the usual case of a language tag (did you mean "en-GB", English (United Kingdom)?)',
        ),
        (
            "sr-cyrl-rs",
            '"sr-cyrl-rs" is not in the usual case of a language tag (did you mean "sr-Cyrl-RS", Serbian (Cyrillic '
            "script, Serbia)?)",
        ),
        # separators
        (
            "pt_BR",
            '"pt_BR" is not a language tag: its parts are joined by "-" (did you mean "pt-BR", Portuguese (Brazil)?)',
        ),
        ("en--GB", '"en--GB" is not a language tag'),
        # the script
        ("sr-Latx", '"Latx" in "sr-Latx" is not an ISO 15924 script code'),
        (
            "sr-Latin",
            '"Latin" in "sr-Latin" is the name of a script, not its ISO 15924 code (did you mean "sr-Latn", Serbian '
            "(Latin script)?)",
        ),
        ("en-GB-Latn", '"Latn" in "en-GB-Latn" is not in its place: the script comes right after the language'),
        # the region
        (
            "en-UK",
            '"UK" in "en-UK" is not an ISO 3166-1 country code (did you mean "en-GB", English (United Kingdom)?)',
        ),
        ("el-EL", '"EL" in "el-EL" is not an ISO 3166-1 country code (did you mean "el-GR", Greek (Greece)?)'),
        ("en-XY", '"XY" in "en-XY" is not an ISO 3166-1 country code'),
        (
            "fr-250",
            '"250" in "fr-250" is the UN M.49 number of a country; a language tag names a country by its ISO 3166-1 '
            'code (did you mean "fr-FR", French (France)?)',
        ),
        ("es-999", '"999" in "es-999" is not a UN M.49 region that a language tag can name'),
        (
            "en-GBR",
            '"GBR" in "en-GBR" is a three-letter country code; a language tag uses the ISO 3166-1 two-letter code '
            '(did you mean "en-GB", English (United Kingdom)?)',
        ),
        ("en-GB-US", '"US" in "en-GB-US" is not in its place: a tag has one region, after the language and the script'),
        # what is refused outright
        ("zh-yue", '"yue" in "zh-yue" is an extended language subtag, which is not accepted (did you mean "yue"?)'),
        (
            "de-CH-1996",
            '"1996" in "de-CH-1996" is a variant subtag, which is not accepted (did you mean "de-CH", German '
            "(Switzerland)?)",
        ),
        (
            "en-u-ca-gregory",
            '"u-ca-gregory" in "en-u-ca-gregory" is an extension, which is not accepted (did you mean "en", English?)',
        ),
        (
            "en-x-foo",
            '"x-foo" in "en-x-foo" is a private-use part, which is not accepted (did you mean "en", English?)',
        ),
        ("x-klingon", '"x-klingon" is a private-use tag, which is not accepted'),
        ("i-klingon", '"i-klingon" is an irregular tag of an old registry, which is not accepted'),
    ],
)
def test_each_kind_of_invalid_tag_is_refused_saying_why(tag, problem):
    assert language_problem(tag) == f"{problem}; {ALLOWED}"


def test_the_message_says_what_a_tag_is():
    assert ALLOWED.startswith("a language tag is the ISO 639 code of the language (lower case)")
    assert ALLOWED.endswith("e.g. el, fr, en-GB, pt-BR, zh-Hant or sr-Latn-RS")


def test_a_long_value_is_quoted_short():
    message = language_problem("a" * 500)
    assert message is not None and message.startswith('"' + "a" * 80 + '…" is not an ISO 639 language code;')


def test_tags_in_words():
    assert language_name("el") == "Greek"
    assert language_name("es-419") == "Spanish (Latin America and the Caribbean)"
    assert language_name("sr-Latn-RS") == "Serbian (Latin script, Serbia)"
    assert language_name("gsw") is None  # no two-letter code: its name is not in the form's tables
