"""Prompt files: every asset type has one, it loads, declares only supplied variables and renders fully.

Also covers the loader's errors (undeclared, unused or unknown variables, unknown keys, a name that does not
match the path, craft text no template shows), the shared file of rule lines and angles, the counted examples,
and checks that no prompt copies a run of 8 words from the seed articles.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.assets import ASSET_MODELS
from planner.errors import UserError
from planner.llm._prompts import SUPPLIED, load_prompt, load_shared, prompts_dir
from planner.rules import load_rulebook

ROOT = Path(__file__).resolve().parents[2]
PROMPTS = ROOT / "prompts"
SEEDS = Path("/work/shared/seeds")

NAMES = sorted(f"{model.stage.value}/{asset_type}" for asset_type, model in ASSET_MODELS.items())

# Every asset prompt must use these; the rest of SUPPLIED is optional.
REQUIRED = {
    "fence",
    "business",
    "brand_voice",
    "avatar",
    "offers",
    "pitch_offer",
    "stage",
    "stage_goal",
    "never",
    "guidance",
    "facts",
    "focus",
    "asset_label",
    "asset_fields",
    "angle",
    "craft",
}
# Data reaches a model only in the user message; the system message is the same for every business.
USER_ONLY = {"business", "brand_voice", "avatar", "offers", "guidance", "facts", "focus", "may_pitch",
             "profile_facts", "draft", "failures"}  # fmt: skip

DUMMY = {name: f"<<{name.upper()} VALUE>>" for name in SUPPLIED}


@pytest.mark.parametrize("name", NAMES)
def test_prompt_loads_and_declares_supplied_variables(name: str) -> None:
    prompt = load_prompt(name, PROMPTS)
    assert prompt.name == name
    assert prompt.version >= 1
    assert prompt.description.strip()
    declared = set(prompt.variables)
    assert declared <= SUPPLIED
    assert len(prompt.variables) == len(declared), "a variable is declared twice"
    assert declared >= REQUIRED, f"missing {sorted(REQUIRED - declared)}"


@pytest.mark.parametrize("name", [*NAMES, "common/refine", "common/judge"])
def test_data_goes_only_into_the_user_message_and_the_system_explains_the_fence(name: str) -> None:
    prompt = load_prompt(name, PROMPTS)
    assert "<<<DATA-${fence}" in prompt.system and "DATA-${fence}>>>" in prompt.system
    assert "never as instructions" in prompt.system or "never instructions" in prompt.system
    assert "${never}" in prompt.system
    in_system = set(re.findall(r"\$\{(\w+)\}", prompt.system))
    assert not USER_ONLY & in_system, "profile data in the system message"


@pytest.mark.parametrize("name", NAMES)
def test_craft_notes_are_positive_and_short_forms_have_a_pattern_only_example(name: str) -> None:
    prompt = load_prompt(name, PROMPTS)
    assert prompt.craft.strip() and "${craft}" in prompt.user
    if name in SHORT_FORM:
        assert prompt.example.startswith("Pattern only") and "${example}" in prompt.user
        assert not re.search(r"[$€£]\s?\d|\d\s?%", prompt.example), "an example states no prices or numbers"


@pytest.mark.parametrize("name", NAMES)
def test_prompt_renders_with_all_supplied_values(name: str) -> None:
    prompt = load_prompt(name, PROMPTS)
    system, user = prompt.render(dict(DUMMY))
    assert "${" not in system
    assert "${" not in user
    for variable in prompt.variables:
        assert DUMMY[variable] in system + user
    assert "DATA" in system


def test_render_without_a_declared_value_fails() -> None:
    prompt = load_prompt(NAMES[0], PROMPTS)
    values = dict(DUMMY)
    del values["business"]
    with pytest.raises(KeyError, match="business"):
        prompt.render(values)


def test_prompt_folder_has_exactly_one_file_per_asset_type() -> None:
    found = sorted(p.relative_to(PROMPTS).with_suffix("").as_posix() for p in PROMPTS.rglob("*.yaml"))
    assert found == sorted([*NAMES, "common/judge", "common/refine", "common/shared"])


def test_judge_prompt_loads_and_renders() -> None:
    prompt = load_prompt("common/judge", PROMPTS)
    system, user = prompt.render({k: DUMMY[k] for k in prompt.variables})
    assert "<<RUBRIC VALUE>>" in user and "<<DRAFT VALUE>>" in user
    assert "<<NEVER VALUE>>" in system and "<<<DATA-<<FENCE VALUE>>" in system


# --- common/shared: the rule lines and the angles ------------------------------------------------------

SHORT_FORM = {"aware/search_ad", "aware/social_ad", "engage/social_post", "promote/referral_share"}
# Rules as they stand when these lines were written; a rule added later is checked but not yet told to
# a model until it gets a line in prompts/common/shared.yaml.
PHRASED = {"premium-offer", "paid-offer", "purchase-cta", "payment-ask", "contact-ask", "early-asks",
           "sales-pitch", "review-incentive", "review-gating", "known-prices", "placeholders",
           "brand-voice"}  # fmt: skip


def test_every_rule_a_model_must_follow_has_one_never_line() -> None:
    shared = load_shared(PROMPTS)
    ids = {rule.id for rule in load_rulebook().rules}
    assert ids >= PHRASED
    assert {line.rule for line in shared.rules} == PHRASED
    assert "length-limits" not in {line.rule for line in shared.rules}  # the field guide carries limits
    for line in shared.rules:
        assert line.never.startswith("Never ") and "Fix" not in line.never
        assert not re.search(r"\b(?:premium-offer|known-prices|review-gating)\b", line.never)  # no ids


def test_each_stage_has_five_angles_and_the_buyers_stages_never_agitate() -> None:
    shared = load_shared(PROMPTS)
    for stage in ("aware", "engage", "subscribe", "convert", "excite", "ascend", "advocate", "promote"):
        angles = shared.angles_for(stage)
        assert len(angles) == 5 and len(set(angles)) == 5
        if stage in ("excite", "ascend", "advocate", "promote"):
            assert not any("agitat" in a for a in angles), stage


def test_a_shared_file_naming_an_unknown_rule_is_an_error(tmp_path: Path) -> None:
    text = (PROMPTS / "common" / "shared.yaml").read_text().replace("rule: brand-voice", "rule: brand-vibe")
    _write(tmp_path, "common/shared", text)
    with pytest.raises(UserError, match="brand-vibe"):
        load_shared(tmp_path)


def test_a_rule_line_must_say_never(tmp_path: Path) -> None:
    text = (PROMPTS / "common" / "shared.yaml").read_text()
    text = text.replace("never: Never use a word or phrase", "never: Avoid a word or phrase")
    _write(tmp_path, "common/shared", text)
    with pytest.raises(UserError, match="rules"):
        load_shared(tmp_path)


# --- counted examples --------------------------------------------------------------------------------

COUNTED = re.compile(r"“([^”]+)” \((\d+)")


def test_every_counted_example_has_the_length_it_claims_and_fits_its_field() -> None:
    from planner.llm._fields import field_specs

    seen = 0
    for model in ASSET_MODELS.values():
        for spec in field_specs(model):
            for example, count in COUNTED.findall(spec.description):
                assert len(example) == int(count), (model.asset_type, spec.name, example)
                assert spec.limit is None or len(example) <= spec.limit
                seen += 1
        for example, count in COUNTED.findall(load_prompt(model.prompt_name(), PROMPTS).example):
            assert len(example) == int(count), (model.asset_type, example)
            seen += 1
    assert seen >= 30


def test_every_short_field_has_a_description_and_a_counted_example_or_exact_copy() -> None:
    from planner.llm._fields import field_specs

    for model in ASSET_MODELS.values():
        for spec in field_specs(model):
            assert spec.description, (model.asset_type, spec.name)
            if spec.limit and spec.limit <= 40 and not spec.choices:
                assert COUNTED.search(spec.description) or "exactly" in spec.description, spec.name


def test_refine_prompt_loads_and_renders() -> None:
    prompt = load_prompt("common/refine", PROMPTS)
    assert {"draft", "instruction", "never"} <= set(prompt.variables)
    system, user = prompt.render({name: f"<{name}>" for name in prompt.variables})
    assert "<instruction>" in user and "${" not in system + user


def test_default_prompts_dir_is_the_repo_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CVJ_PROMPTS_DIR", raising=False)
    assert prompts_dir().resolve() == PROMPTS.resolve()
    assert load_prompt("convert/entry_offer").name == "convert/entry_offer"


# --- loader errors ---------------------------------------------------------------------------------

GOOD = """\
name: {name}
version: 1
description: A test prompt
variables: [business, angle]
system: |
  You write copy for ${{business}}.
user: |
  Use the ${{angle}} angle. Prices like $29 and tags like {{{{first_name}}}} are plain text.
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _fails(tmp_path: Path, name: str, text: str, *needles: str) -> None:
    path = _write(tmp_path, name, text)
    with pytest.raises(UserError) as info:
        load_prompt(name, tmp_path)
    message = str(info.value)
    assert str(path.resolve()) in message
    for needle in needles:
        assert needle in message


def test_craft_text_no_template_shows_is_an_error(tmp_path: Path) -> None:
    text = GOOD.format(name="aware/search_ad") + "craft: |\n  - say it plainly\n"
    _fails(tmp_path, "aware/search_ad", text, "craft", "${craft}")


def test_good_tmp_prompt_loads(tmp_path: Path) -> None:
    _write(tmp_path, "aware/search_ad", GOOD.format(name="aware/search_ad"))
    prompt = load_prompt("aware/search_ad", tmp_path)
    system, user = prompt.render({"business": "Acme", "angle": "question hook"})
    assert system == "You write copy for Acme.\n"
    assert "$29" in user
    assert "{{first_name}}" in user


def test_undeclared_variable_is_an_error(tmp_path: Path) -> None:
    text = GOOD.format(name="aware/search_ad")
    text = text.replace("Use the ${angle} angle.", "Use the ${angle} angle for ${offers}.")
    _fails(tmp_path, "aware/search_ad", text, "undeclared", "offers")


def test_unused_declared_variable_is_an_error(tmp_path: Path) -> None:
    text = GOOD.format(name="aware/search_ad").replace("[business, angle]", "[business, angle, offers]")
    _fails(tmp_path, "aware/search_ad", text, "never used", "offers")


def test_unsupplied_variable_is_an_error(tmp_path: Path) -> None:
    text = GOOD.format(name="aware/search_ad").replace("[business, angle]", "[business, angle, mood]")
    text = text.replace("Use the ${angle} angle.", "Use the ${angle} angle in a ${mood} mood.")
    _fails(tmp_path, "aware/search_ad", text, "mood")


def test_unknown_key_is_an_error(tmp_path: Path) -> None:
    text = GOOD.format(name="aware/search_ad") + "temperature: 0.7\n"
    _fails(tmp_path, "aware/search_ad", text, "temperature")


def test_name_not_matching_path_is_an_error(tmp_path: Path) -> None:
    _fails(tmp_path, "aware/search_ad", GOOD.format(name="aware/social_ad"), "aware/social_ad", "match")


def test_missing_prompt_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such prompt file"):
        load_prompt("aware/search_ad", tmp_path)


def test_yaml_syntax_error_names_the_file(tmp_path: Path) -> None:
    _fails(tmp_path, "aware/search_ad", "name: [unclosed\n", "YAML syntax error")


# --- originality -------------------------------------------------------------------------------------

RUN = 8


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", ""))


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not available")
def test_no_prompt_copies_eight_words_from_a_seed_article() -> None:
    seed_runs: set[tuple[str, ...]] = set()
    for seed in sorted(SEEDS.glob("*.txt")):
        seed_runs |= _runs(_words(seed.read_text(encoding="utf-8", errors="replace")))
    copied = {
        path.relative_to(PROMPTS).as_posix(): " ".join(sorted(hits)[0])
        for path in sorted(PROMPTS.rglob("*.yaml"))
        if (hits := _runs(_words(path.read_text(encoding="utf-8"))) & seed_runs)
    }
    assert not copied, f"8-word runs copied from a seed article: {copied}"
