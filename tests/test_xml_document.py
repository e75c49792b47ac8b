"""render/xml_document.py writes the bytes ElementTree's own UTF-8 output would."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from macros.render.xml_document import document_bytes

# characters XML can carry (feeds.plain strips the others before they reach a document)
_XML_TEXT = st.text(
    st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
        "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\ufffe\uffff",
    ),
    max_size=20,
)


def _document(text: str, attribute: str) -> ET.Element:
    root = ET.Element(
        "feed", {"xmlns": "http://www.w3.org/2005/Atom", "{http://www.w3.org/XML/1998/namespace}lang": "el"}
    )
    entry = ET.SubElement(root, "entry")
    ET.SubElement(entry, "title", type="text").text = text
    ET.SubElement(entry, "link", href=attribute)
    ET.indent(root)
    return root


@settings(max_examples=500, deadline=None)
@given(_XML_TEXT, _XML_TEXT)
def test_the_bytes_are_elementtrees_own(text, attribute):
    root = _document(text, attribute)
    assert document_bytes(root) == ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def test_markup_in_text_stays_text():
    out = document_bytes(_document("<script>&amp;</script> Αθήνα", '"><x y="'))
    assert b"&lt;script&gt;&amp;amp;&lt;/script&gt; \xce\x91" in out
    assert b'href="&quot;&gt;&lt;x y=&quot;"' in out
    assert out.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<feed")
