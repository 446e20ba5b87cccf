"""The one YAML loader for every file the tool reads: profiles (and app uploads), suites, stage-guide front
matter, prompt files, the classifier's cues.

PyYAML's ``safe_load`` is safe from code execution but not from size: a 390-byte "billion laughs" file of
nested aliases expands into billions of values once anything walks it (validation did: 2 GB, no answer), and
100,000 ``[`` overflow the composer's recursion. So, while the document is composed and before any object is
built, this loader refuses anchors and aliases (nothing the tool reads needs them), refuses nesting deeper
than ``MAX_DEPTH``, and refuses a key given twice in one mapping (PyYAML silently keeps the last). Every
refusal is a ``UserError`` (exit 2) naming the file, the line and the fix.
"""

from __future__ import annotations

from typing import Any

import yaml

from planner.errors import UserError

MAX_DEPTH = 40  # a suite is about 6 levels deep and a profile 4: forty is generous, and far from recursion


class YamlRefused(yaml.MarkedYAMLError):
    """A document this loader will not build (an alias, too deep, a duplicate key)."""


class _Loader(yaml.SafeLoader):
    def __init__(self, text: str, first_line: int) -> None:
        super().__init__(text)
        self._depth = 0
        self._first_line = first_line

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        mark: Any = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            raise YamlRefused(
                problem=f"an alias (*{event.anchor}) — aliases are not allowed; write the value out in full",
                problem_mark=mark,
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise YamlRefused(
                problem=f"an anchor (&{anchor}) — anchors and aliases are not allowed; remove '&{anchor}'",
                problem_mark=mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlRefused(
                    problem=f"nested more than {MAX_DEPTH} levels deep — flatten the lists and mappings",
                    problem_mark=mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:
                continue  # an unhashable key: SafeConstructor reports it below
            if first is not None:
                raise YamlRefused(
                    problem=f"the key {key!r} is given twice (first on line {first}) — keep one",
                    problem_mark=key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + self._first_line
        return super().construct_mapping(node, deep=deep)


def load_yaml(text: str, source: str, error: type[UserError] = UserError, first_line: int = 1) -> Any:
    """The document's data; bad or unsafe YAML → ``error`` with ``source``, line, column and the fix."""
    return load_yaml_with_node(text, source, error, first_line)[1]


def load_yaml_with_node(
    text: str, source: str, error: type[UserError] = UserError, first_line: int = 1
) -> tuple[yaml.Node | None, Any]:
    """(the composed node tree, for line look-ups; the data). ``first_line`` is the text's first line in
    its file (front matter starts on line 2)."""
    loader = _Loader(text, first_line)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise error(describe(exc, source, first_line)) from None
    except RecursionError:  # belt and braces: MAX_DEPTH stops nesting long before this
        raise error(f"{source}: nested too deeply — flatten the lists and mappings") from None
    finally:
        loader.dispose()
    return node, data


def describe(exc: yaml.YAMLError, source: str, first_line: int = 1) -> str:
    mark = getattr(exc, "problem_mark", None)
    where = f"line {mark.line + first_line}, column {mark.column + 1}: " if mark is not None else ""
    problem = getattr(exc, "problem", None) or str(exc)
    if isinstance(exc, YamlRefused):
        return f"{source}: {where}{problem}"
    return f"{source}: {where}YAML syntax error: {problem} — fix the YAML at that spot"
