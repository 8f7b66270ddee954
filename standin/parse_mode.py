"""Telegram's HTML parse mode, as strictly as the Bot API applies it: the stand-in's validator.

`parse_html(text)` returns the plain text and the entities (UTF-16 offsets) or raises `EntityError`
with the Bot API's wording ("can't parse entities: ...").
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>"
)
_ATTR = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")


class EntityError(ValueError):
    pass


@dataclass
class Entity:
    type: str
    offset: int
    length: int
    url: str = ""

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"type": self.type, "offset": self.offset, "length": self.length}
        if self.url:
            out["url"] = self.url
        return out


@dataclass
class _Open:
    name: str
    kind: str
    start: int
    attrs: dict[str, str] = field(default_factory=dict)


def _u16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def parse_html(text: str) -> tuple[str, list[Entity]]:
    out: list[str] = []
    length = 0  # UTF-16 length of the plain text so far
    stack: list[_Open] = []
    entities: list[Entity] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "<":
            match = _TAG.match(text, i)
            if match is None:
                raise EntityError(
                    f"can't parse entities: Unexpected character '<' at byte offset {_byte_offset(text, i)}"
                )
            closing, name, attr_text = match.group(1), match.group(2).lower(), match.group(3)
            if name not in TAGS:
                where = _byte_offset(text, i)
                raise EntityError(
                    f'can\'t parse entities: Unsupported start tag "{name}" at byte offset {where}'
                )
            if closing:
                if not stack or stack[-1].name != name:
                    expected = f'"</{stack[-1].name}>"' if stack else "no end tag"
                    raise EntityError(
                        f"can't parse entities: Unmatched end tag at byte offset {_byte_offset(text, i)}, "
                        f'expected {expected}, found "</{name}>"'
                    )
                opened = stack.pop()
                kind = opened.kind
                if kind == "blockquote" and "expandable" in opened.attrs:
                    kind = "expandable_blockquote"
                if name == "span" and opened.attrs.get("class") != "tg-spoiler":
                    raise EntityError('can\'t parse entities: Tag "span" must have class "tg-spoiler"')
                if length > opened.start:
                    entities.append(
                        Entity(kind, opened.start, length - opened.start, opened.attrs.get("href", ""))
                    )
            else:
                attrs = {
                    m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
                    for m in _ATTR.finditer(attr_text)
                }
                if name == "a" and not attrs.get("href"):
                    raise EntityError("can't parse entities: Empty href in <a> tag")
                if name == "blockquote" and any(o.kind == "blockquote" for o in stack):
                    raise EntityError("can't parse entities: Blockquote entities can't be nested")
                stack.append(_Open(name, TAGS[name], length, attrs))
            i = match.end()
            continue
        if char == "&":
            match = _ENTITY.match(text, i)
            if match is None:
                raise EntityError(
                    f"can't parse entities: Character '&' is reserved and must be escaped, at byte offset "
                    f"{_byte_offset(text, i)}"
                )
            decoded = html.unescape(match.group(0))
            out.append(decoded)
            length += _u16(decoded)
            i = match.end()
            continue
        if char == ">":
            raise EntityError(
                f"can't parse entities: Character '>' is reserved, at byte offset {_byte_offset(text, i)}"
            )
        out.append(char)
        length += _u16(char)
        i += 1
    if stack:
        raise EntityError(
            f"can't parse entities: Can't find end tag corresponding to start tag \"{stack[-1].name}\""
        )
    entities.sort(key=lambda e: (e.offset, -e.length))
    return "".join(out), entities


def utf16_len(text: str) -> int:
    return _u16(text)
