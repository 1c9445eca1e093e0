"""Strict parsing of knowledge files: what JSON and YAML libraries accept but would lose or
mangle data is refused here, with the reason, before any record is looked at.

- a key given twice in one mapping (top level or inside a record): the parsers keep the last
  one, silently dropping the first; refused naming the key (and the line, for YAML);
- NaN and Infinity (``NaN``, ``1e999``, YAML ``.nan``/``.inf``): not knowledge, and stored
  they read as the text ``nan``;
- numbers longer than :data:`MAX_DIGITS` digits and nesting deeper than Python's parsers can
  follow: a clear message instead of a ``ValueError`` or ``RecursionError``;
- NUL characters in any text (names, cells): invisible, and they break exports and search;
- YAML aliases that expand to far more values than the file holds (a "billion laughs" file of
  1 KB whose nine anchors each repeat the previous one nine times) or that refer to a node
  containing them (a loop): refused before anything walks the data.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode

MAX_DIGITS = 30
"""Longer numbers are not dates, years or counts: refused rather than converted."""
MAX_ALIAS_EXPANSION = 100_000
"""Values aliases may add beyond those written in the file: generous for sharing a few
blocks, far below what would hold a load for minutes."""


class Refused(ValueError):
    """The file is well-formed but holds something we will not load; the message says what."""


class _PlainLoader(yaml.SafeLoader):
    """Safe YAML that keeps dates as text (our validator judges them) and refuses duplicate
    keys, NaN/Infinity and absurdly long numbers."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, MappingNode):
            self.flatten_mapping(node)
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    duplicate = key in seen
                    seen.add(key)
                except TypeError:
                    continue  # an unhashable key: SafeLoader reports it itself
                if duplicate:
                    raise ConstructorError(
                        "while constructing a mapping",
                        node.start_mark,
                        f"the key '{key}' appears twice in one mapping (the second would "
                        "silently replace the first)",
                        key_node.start_mark,
                    )
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_float(self, node: ScalarNode) -> float:
        value: float = super().construct_yaml_float(node)
        if not math.isfinite(value):
            raise ConstructorError(
                None,
                None,
                f"'{node.value}' is not a number we store (NaN/Infinity)",
                node.start_mark,
            )
        return value

    def construct_yaml_int(self, node: ScalarNode) -> int:
        digits = sum(ch.isdigit() for ch in str(node.value))
        if digits > MAX_DIGITS:
            raise ConstructorError(
                None,
                None,
                f"has a number with {digits} digits (at most {MAX_DIGITS})",
                node.start_mark,
            )
        return super().construct_yaml_int(node)


_PlainLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PlainLoader.add_constructor("tag:yaml.org,2002:float", _PlainLoader.construct_yaml_float)
_PlainLoader.add_constructor("tag:yaml.org,2002:int", _PlainLoader.construct_yaml_int)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise Refused(
                f"the key '{key}' appears twice in one object (the second would silently "
                "replace the first)"
            )
        seen[key] = value
    return seen


def _constant(name: str) -> float:
    raise Refused(f"'{name}' is not a number we store (NaN/Infinity)")


def _int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise Refused(f"has a number with {digits} digits (at most {MAX_DIGITS})")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_DIGITS * 2:
        raise Refused(
            f"has a number written with {len(text)} characters (at most {MAX_DIGITS * 2})"
        )
    value = float(text)
    if not math.isfinite(value):
        raise Refused(f"'{text}' is too large to be a number we store")
    return value


def load_json(text: str) -> Any:
    """JSON as :mod:`json` reads it, minus what it would lose: raises :class:`Refused` (a
    reason) or :class:`json.JSONDecodeError` (a syntax error)."""
    try:
        return json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_constant=_constant,
            parse_int=_int,
            parse_float=_float,
        )
    except RecursionError:
        raise Refused("is nested too deeply to read") from None


def load_yaml(text: str) -> Any:
    """YAML with the safe loader and the refusals above: raises :class:`Refused` or
    :class:`yaml.YAMLError`."""
    loader = _PlainLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_aliases(node)
        return loader.construct_document(node)
    except RecursionError:
        raise Refused("is nested too deeply to read") from None
    finally:
        loader.dispose()


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, CollectionNode):
        return list(node.value)
    return []


def _check_aliases(root: Node) -> None:
    """Refuse a document whose aliases expand past :data:`MAX_ALIAS_EXPANSION` values or
    loop, counting each node once (by identity), so the check is linear in the file."""
    expanded: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_nodes.discard(key)
            expanded[key] = 1 + sum(expanded[id(child)] for child in _children(node))
            continue
        if key in expanded:
            continue
        if key in open_nodes:
            raise Refused(
                f"has a YAML alias that refers to a value containing it (a loop, at line "
                f"{node.start_mark.line + 1}); write the values out instead"
            )
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in expanded)
    written = len(expanded)
    if expanded[id(root)] - written > MAX_ALIAS_EXPANSION:
        raise Refused(
            f"uses YAML aliases (*name) that would turn its {written:,} values into "
            f"{expanded[id(root)]:,} (at most {MAX_ALIAS_EXPANSION:,} more than written); "
            "write the values out or share fewer of them"
        )


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every text in ``value`` with where it sits; a list or mapping shared by YAML aliases
    is walked once (by identity)."""
    stack: list[tuple[Any, str]] = [(value, path)]
    walked: set[int] = set()
    while stack:
        item, where = stack.pop()
        if isinstance(item, dict | list):
            if id(item) in walked:
                continue
            walked.add(id(item))
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, dict):
            for key, inner in item.items():
                stack.append((key, where))
                stack.append((inner, f"{where}.{key}" if where else str(key)))
        elif isinstance(item, list):
            stack.extend((inner, f"{where}[{i}]") for i, inner in enumerate(item))


def nul_in(data: Any) -> str | None:
    """Where the first NUL character sits in parsed data (None when there is none)."""
    for where, text in _strings(data, ""):
        if "\x00" in text:
            return where or "a key"
    return None
