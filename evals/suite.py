"""Eval suites: ``evals/suites/*.yaml`` loaded into strict models, with errors that name file and line.

A suite has ``defaults`` (business profile, model, prompts folder, thresholds, assertions for every case) and
``cases`` (``stage``, ``asset``, ``vars``, ``assert``, optional ``repeat`` and ``draft``). A case with a
``draft`` scores that fixed text instead of generating one, which is how the regression suite pins known bad
copy. ``evals/suites/schema.json`` (written by ``python -m evals.suite``) lets editors complete and check
suites.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from planner.assets import ASSET_MODELS, assets_for
from planner.errors import InputFileError
from planner.stages import Stage
from planner.yamlio import load_yaml_with_node

SUITES_DIR = Path(__file__).parent / "suites"
SCHEMA_FILE = SUITES_DIR / "schema.json"
MAX_SUITE_BYTES = 2_000_000
ShortText = Annotated[str, Field(max_length=2_000)]
LongText = Annotated[str, Field(max_length=20_000)]

AssertionType = Literal[
    "stage-rules",
    "flagged",
    "stage-fit",
    "contains",
    "icontains",
    "not-contains",
    "not-contains-any",
    "regex",
    "max-chars",
    "similar",
    "llm-rubric",
]
ASSERTION_TYPES: tuple[str, ...] = AssertionType.__args__  # type: ignore[attr-defined]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Assertion(Strict):
    """One check on a draft: ``value`` is what it compares against; ``threshold`` overrides the default."""

    type: AssertionType
    value: LongText | int | Annotated[list[ShortText], Field(max_length=200)] | None = None
    threshold: Annotated[float, Field(ge=0, le=1)] | None = None

    @model_validator(mode="after")
    def _value_fits(self) -> Assertion:
        needs = {
            "flagged": "a rule id (or list), e.g. review-incentive",
            "contains": "the text to find",
            "icontains": "the text to find",
            "not-contains": "the text that must not appear",
            "not-contains-any": "a list of texts that must not appear",
            "regex": "a regular expression",
            "max-chars": "a number of characters",
            "similar": "a reference text",
            "llm-rubric": "the rubric the judge applies",
        }
        if self.type in needs and self.value in (None, "", []):
            raise ValueError(f"'{self.type}' needs a value: {needs[self.type]}")
        if self.type == "max-chars" and not isinstance(self.value, int):
            raise ValueError("'max-chars' needs a whole number, e.g. value: 600")
        if self.type == "regex":
            import re

            try:
                re.compile(str(self.value))
            except re.error as exc:
                raise ValueError(f"bad regular expression: {exc}") from None
        return self


class Vars(Strict):
    variant: Annotated[int, Field(ge=1, le=5)] = 1
    instruction: ShortText | None = Field(
        None, description="A refinement applied after drafting, e.g. 'shorter'."
    )


class Case(Strict):
    id: Annotated[str, Field(max_length=200)] | None = None
    description: ShortText | None = None
    business: ShortText | None = Field(None, description="Profile YAML for this case; default from defaults.")
    stage: Stage
    asset: str | None = Field(None, description="Asset type (see `cvj stages`); needed unless draft is set.")
    vars: Vars = Field(default_factory=lambda: Vars(instruction=None))
    draft: LongText | None = Field(None, description="Score this fixed text instead of generating a draft.")
    assert_: list[Assertion] = Field(default_factory=list, alias="assert")
    repeat: Annotated[int, Field(ge=1, le=20)] = 1

    @model_validator(mode="after")
    def _asset_fits_stage(self) -> Case:
        if self.asset is None:
            if self.draft is None:
                raise ValueError("a case needs an asset to generate (or a fixed draft to score)")
            return self
        if self.asset not in ASSET_MODELS:
            close = difflib.get_close_matches(self.asset, list(ASSET_MODELS), n=1)
            hint = f" — did you mean '{close[0]}'?" if close else f" — one of {', '.join(ASSET_MODELS)}"
            raise ValueError(f"unknown asset '{self.asset}'{hint}")
        allowed = [m.asset_type for m in assets_for(self.stage)]
        if self.asset not in allowed:
            raise ValueError(f"'{self.asset}' is not a {self.stage.value} asset — use {' or '.join(allowed)}")
        return self


class Defaults(Strict):
    business: str = Field(description="Profile YAML, relative to the suite file or the project root.")
    model: str | None = Field(None, description="offline or openai:<model>; --model and CVJ_MODEL override.")
    prompts: str | None = Field(None, description="Prompts folder; --prompts overrides.")
    threshold: Annotated[float, Field(ge=0, le=1)] = Field(1.0, description="Pass rate below this → exit 1.")
    stage_fit: Annotated[float, Field(ge=0, le=1)] = Field(0.35, description="Classifier probability needed.")
    similar: Annotated[float, Field(ge=0, le=1)] = Field(0.5, description="Cosine similarity needed.")
    judge: str | None = Field(None, description="Judge model for llm-rubric, e.g. openai:gpt-4o-mini.")
    assert_: list[Assertion] = Field(default_factory=list, alias="assert")


class Suite(Strict):
    description: ShortText | None = None
    defaults: Defaults
    cases: Annotated[list[Case], Field(min_length=1)]


def load_suite(path: Path) -> tuple[Suite, Path]:
    """The suite and the folder its relative paths start from; bad input → file:line, field and fix."""
    if not path.is_file():
        raise InputFileError(f"{path}: no such suite file — see evals/suites/ for examples")
    raw = path.read_bytes()
    if len(raw) > MAX_SUITE_BYTES:
        raise InputFileError(f"{path}: {len(raw):,} bytes; keep a suite under {MAX_SUITE_BYTES:,} — split it")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path}: byte {exc.start} is not UTF-8 — save the file as UTF-8") from None
    node, data = load_yaml_with_node(text, str(path), InputFileError)
    if not isinstance(data, dict):
        raise InputFileError(f"{path}: a suite is a mapping with 'defaults' and 'cases'")
    try:
        return Suite.model_validate(data), path.parent
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = [p for p in first["loc"] if not (isinstance(p, str) and p[0].isupper())]
        line = line_of(node, loc)
        message = str(first["msg"]).removeprefix("Value error, ")
        if first["type"] == "literal_error" and loc and loc[-1] == "type":
            message = _unknown_type(first.get("input"))
        raise InputFileError(f"{path}:{line}: {_dotted(loc)}: {message}") from None


def _unknown_type(value: Any) -> str:
    close = difflib.get_close_matches(str(value), ASSERTION_TYPES, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown assertion '{value}' — {hint}known: {', '.join(ASSERTION_TYPES)}"


def _dotted(loc: list[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "suite"


def line_of(node: yaml.Node | None, loc: list[Any]) -> int:
    """1-based line of the deepest YAML node on the error's path (the key when its value is missing)."""
    line = node.start_mark.line + 1 if node else 1
    for part in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            key = part.removesuffix("_")  # assert_ is 'assert' in the file
            match = next(((k, v) for k, v in node.value if k.value == key), None)
            if match is None:
                break
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def write_schema(path: Path = SCHEMA_FILE) -> None:
    schema = Suite.model_json_schema(by_alias=True)
    schema["title"] = "cvj-planner eval suite"
    path.write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_schema()
    print(f"wrote {SCHEMA_FILE}")
