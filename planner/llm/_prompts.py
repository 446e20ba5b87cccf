"""Prompt files: ``prompts/<stage>/<asset>.yaml``, loaded by name into a strict model.

A prompt has a ``version``, a ``system`` and a ``user`` template and the ``variables`` it uses. Templates
refer to variables as ``${name}``; a variable used but not declared, or declared but not used, fails at load
time, and rendering without a declared variable fails at once. ``$`` without braces and ``{{merge_tags}}``
are plain text, so prompts can mention prices and merge tags literally. An asset prompt may carry its
``craft`` notes and a pattern-only ``example`` as their own keys: the templates place them with ``${craft}``
and ``${example}``, and the refine prompt shows the same craft notes.

``common/shared.yaml`` holds what every prompt shares: each stage rule as a model reads it (one "Never …"
line, shown only at the stages, and for the assets, it applies to) and the angle of each variant per stage.
"""

from __future__ import annotations

import hashlib
import os
import re
import typing
from functools import cache
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from planner.errors import UserError
from planner.knowledge import data_dir
from planner.profile import describe_error
from planner.yamlio import load_yaml

_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")

# Everything a chain can supply; a prompt declares the subset it uses.
SUPPLIED = frozenset(
    {
        "fence",
        "focus",
        "facts",
        "craft",
        "example",
        "failures",
        "business",
        "brand_voice",
        "avatar",
        "offers",
        "stage",
        "stage_goal",
        "mindset",
        "may_pitch",
        "never",
        "guidance",
        "asset_label",
        "asset_fields",
        "variant",
        "angle",
        "merge_tags",
        "profile_facts",
        "pitch_offer",
        "draft",
        "instruction",
        "rubric",
    }
)

Name = Annotated[str, StringConstraints(pattern=r"^[a-z]+/[a-z_]+$")]


class PromptFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Name
    version: int = Field(ge=1)
    description: str = ""
    variables: list[str] = Field(min_length=1)
    system: str = Field(min_length=1)
    user: str = Field(min_length=1)
    craft: str = ""
    example: str = ""

    @model_validator(mode="after")
    def _variables_match_templates(self) -> PromptFile:
        used = set(_VAR.findall(self.system)) | set(_VAR.findall(self.user))
        declared = set(self.variables)
        if missing := used - declared:
            raise ValueError(f"templates use undeclared variables: {', '.join(sorted(missing))}")
        if unused := declared - used:
            raise ValueError(f"declared variables never used: {', '.join(sorted(unused))}")
        if unknown := declared - SUPPLIED:
            raise ValueError(
                f"no chain supplies {', '.join(sorted(unknown))} — use only {', '.join(sorted(SUPPLIED))}"
            )
        for key in ("craft", "example"):
            if getattr(self, key).strip() and key not in used:
                raise ValueError(f"has {key} text but no template shows it — add ${{{key}}} to user")
        return self

    @property
    def content_hash(self) -> str:
        text = f"{self.version}\n{self.system}\n{self.user}\n{self.craft}\n{self.example}"
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    def render(self, values: dict[str, str]) -> tuple[str, str]:
        """(system, user) with every ``${var}`` filled; a missing value raises at once."""
        if missing := set(self.variables) - set(values):
            raise KeyError(f"prompt {self.name} needs {', '.join(sorted(missing))}")

        def fill(template: str) -> str:
            return _VAR.sub(lambda m: values[m.group(1)], template)

        return fill(self.system), fill(self.user)


StageKey = Literal["aware", "engage", "subscribe", "convert", "excite", "ascend", "advocate", "promote"]
Never = Annotated[str, StringConstraints(pattern=r"^Never ", min_length=10)]


class RuleLine(BaseModel):
    """How a model is told one stage rule: a "Never …" line, no id. ``stages`` and ``assets`` narrow where
    it is shown (it is never shown where the rule itself does not apply)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: str
    never: Never
    stages: list[StageKey] | None = None
    assets: list[str] | None = None


class SharedPrompt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Literal["common/shared"]
    version: int = Field(ge=1)
    description: str = ""
    rules: list[RuleLine] = Field(min_length=1)
    # "default" plus any stage that needs its own angles (no agitation once someone has bought).
    angles: dict[str, list[Annotated[str, StringConstraints(min_length=3)]]]

    @model_validator(mode="after")
    def _angle_keys(self) -> SharedPrompt:
        if not self.angles.get("default"):
            raise ValueError("angles: needs a 'default' list")
        if unknown := set(self.angles) - {"default", *typing.get_args(StageKey)}:
            raise ValueError(f"angles: {', '.join(sorted(unknown))} is not a stage id or 'default'")
        return self

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:12]

    def angles_for(self, stage: str) -> list[str]:
        return self.angles.get(stage) or self.angles["default"]


def prompts_dir() -> Path:
    override = os.environ.get("CVJ_PROMPTS_DIR")
    return Path(override) if override else data_dir("prompts")


def load_prompt(name: str, directory: Path | None = None) -> PromptFile:
    """Load ``<stage>/<asset>`` from the prompts folder (``--prompts DIR`` points at another one)."""
    return _load(str((directory or prompts_dir()).resolve()), name)


def load_shared(directory: Path | None = None) -> SharedPrompt:
    """``common/shared``: the rule lines and angles every asset prompt is filled with."""
    return _load_shared(str((directory or prompts_dir()).resolve()))


@cache
def _load(directory: str, name: str) -> PromptFile:
    path = Path(directory) / f"{name}.yaml"
    prompt = _validated(path, PromptFile)
    if prompt.name != name:
        raise UserError(f"{path}: name is {prompt.name!r}; it must match its path, {name!r}")
    return prompt


@cache
def _load_shared(directory: str) -> SharedPrompt:
    shared = _validated(Path(directory) / "common" / "shared.yaml", SharedPrompt)
    from planner.rules import load_rulebook

    known = {rule.id for rule in load_rulebook().rules}
    if unknown := sorted({line.rule for line in shared.rules} - known):
        raise UserError(f"common/shared.yaml: no stage rule has the id {', '.join(unknown)}")
    return shared


Model = TypeVar("Model", bound=BaseModel)


def _validated(path: Path, model: type[Model]) -> Model:
    if not path.is_file():
        raise UserError(f"{path}: no such prompt file — every asset type needs prompts/<stage>/<asset>.yaml")
    data = load_yaml(path.read_text(encoding="utf-8"), str(path))
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise UserError("\n".join(f"{path}: {describe_error(e)}" for e in exc.errors())) from None
