"""Rich text in the catalogue: a single paragraph, or a list of paragraphs and ``bullets:`` lists."""

from __future__ import annotations

from ..load.nodes import Node
from ..model.text import FOOTNOTE_MARK, Block, Blocks, Bullets, Paragraph
from .fields import Fields, FileContext, sequence, text


def read_blocks(ctx: FileContext, node: Node | None, field: str) -> Blocks | None:
    if node is None:
        return None
    if node.kind == "scalar":
        value = text(ctx, node, field)
        return (Paragraph(value),) if value else None
    if node.kind != "seq":
        ctx.error(
            node, f'field "{field}" must be text, or a list of paragraphs and "bullets:" lists; found {node.type_name}'
        )
        return None
    blocks: list[Block] = []
    for item in node.value:
        if item.kind == "map":
            fields = Fields(ctx, item, f'a block of "{field}"', ("bullets",))
            items = [text(ctx, n, "bullets") for n in sequence(ctx, fields.get("bullets"), "bullets", min_items=1)]
            fields.finish()
            if items and all(items):
                blocks.append(Bullets(tuple(items)))  # type: ignore[arg-type]
        else:
            value = text(ctx, item, field)
            if value:
                blocks.append(Paragraph(value))
    if not blocks:
        ctx.error(node, f'field "{field}" is empty')
        return None
    return tuple(blocks)


def footnote_keys(blocks: Blocks) -> list[str]:
    found: list[str] = []
    for block in blocks:
        for chunk in [block.text] if isinstance(block, Paragraph) else block.items:
            found.extend(FOOTNOTE_MARK.findall(chunk))
    return found
