"""Every YAML the tool reads goes through planner.yamlio: no aliases (the 390-byte "billion laughs" profile
that took 2 GB), no nesting past MAX_DEPTH (100k "[" was a RecursionError traceback), no duplicate keys
(PyYAML keeps the last one silently). Each refusal names the file, the line and the fix."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from planner.errors import ProfileError, UserError
from planner.profile import load_profile
from planner.yamlio import MAX_DEPTH, load_yaml
from tests.conftest import PAWS

# Nine levels of nine aliases: 9**9 ≈ 387 million strings once anything walks it.
BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{c}: &{c} [{','.join(['*' + p] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
)


def _profile_with(tmp_path: Path, extra: str, field_line: str | None = None) -> Path:
    text = PAWS.read_text(encoding="utf-8")
    if field_line is not None:
        text = text.replace("brand_voice:", field_line + "\nbrand_voice:", 1)
    path = tmp_path / "p.yaml"
    path.write_text(extra + "\n" + text, encoding="utf-8")
    return path


def test_an_alias_bomb_profile_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB + "\nbusiness: {name: *i}\n", encoding="utf-8")
    assert len(path.read_bytes()) < 450
    start = time.perf_counter()
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert time.perf_counter() - start < 1
    message = str(caught.value)
    assert str(path) in message and "line 1" in message and "anchor" in message


def test_an_alias_alone_is_refused_with_its_line() -> None:
    with pytest.raises(UserError, match=r"f\.yaml: line 2, column 4: an alias \(\*x\)"):
        load_yaml("a: 1\nb: *x\n", "f.yaml")


@pytest.mark.parametrize("opener", ["[", "{a: ", "- "])
def test_deep_nesting_is_refused_not_a_recursion_error(opener: str) -> None:
    text = opener * 100_000
    with pytest.raises(UserError, match=f"nested more than {MAX_DEPTH} levels deep"):
        load_yaml(text, "deep.yaml")


def test_a_deep_profile_is_exit_2_material(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("business: " + "[" * 100_000, encoding="utf-8")
    with pytest.raises(ProfileError, match=r"deep\.yaml: line 1, column \d+: nested more than"):
        load_profile(path)


def test_duplicate_keys_are_refused_naming_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    text = PAWS.read_text(encoding="utf-8").replace("avatar:", "avatar:\n  name: First\n", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    first = text.splitlines().index("  name: First") + 1
    assert f"the key 'name' is given twice (first on line {first})" in str(caught.value)
    assert "keep one" in str(caught.value)


def test_duplicate_keys_on_one_line() -> None:
    with pytest.raises(UserError, match="the key 'a' is given twice"):
        load_yaml("{a: 1, a: 2}", "x.yaml")


def test_front_matter_lines_count_from_the_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"g\.md: line 3,"):
        load_yaml("stage: aware\nstage: engage\n", "g.md", first_line=2)


def test_ordinary_yaml_still_loads() -> None:
    assert load_yaml("a: [1, {b: c}]\nd: 'x & y *z'\n", "ok.yaml") == {"a": [1, {"b": "c"}], "d": "x & y *z"}
    assert load_yaml("", "empty.yaml") is None


def test_every_shipped_yaml_loads() -> None:
    from tests.conftest import ROOT

    files = [
        p
        for folder in ("examples", "prompts", "evals/suites", "planner", "tests/data")
        for p in (ROOT / folder).rglob("*.y*ml")
    ]
    assert len(files) > 20
    for path in files:
        load_yaml(path.read_text(encoding="utf-8"), str(path))


def test_export_links_and_schedule_files_refuse_the_bomb_too(tmp_path: Path) -> None:
    from planner.export._inputs import load_links
    from planner.export._schedule import load_schedule

    path = tmp_path / "links.yaml"
    path.write_text(BOMB + "\nreview_link: *i\n", encoding="utf-8")
    for load in (load_links, load_schedule):
        start = time.perf_counter()
        with pytest.raises(UserError, match=r"links\.yaml"):
            load(path)
        assert time.perf_counter() - start < 1
