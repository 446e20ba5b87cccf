"""Business ids (``Profile.slug``): in file names, draft ids and store collections. Non-Latin names used to
all become "business" (the app's Save overwrote one with another) and a 2000-character name made a 2000-byte
file name (batch crashed with "File name too long" after writing drafts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.profile import MAX_SLUG, Profile, load_profile, slugify
from tests.conftest import EXAMPLES, cvj


def test_the_example_ids_do_not_change() -> None:
    slugs = {p.stem: load_profile(p).slug for p in sorted(EXAMPLES.glob("*.yaml"))}
    assert slugs == {
        "fernwood-tea": "fernwood-tea",
        "ledgerly": "ledgerly",
        "paws-and-suds": "paws-suds-grooming",
    }


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Paws & Suds Grooming", "paws-suds-grooming"), ("Little Devil Pepper Co.", "little-devil-pepper-co")],
)
def test_ascii_names_keep_their_slug(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_non_latin_names_get_distinct_readable_ids() -> None:
    names = ["日本の店", "Кафе", "Кафе Уют", "Καφέ", "店", "点", "🐶🐾", "Kafe", "Café", "Cafe"]
    slugs = [slugify(n) for n in names]
    assert len(set(slugs)) == len(names), slugs
    assert slugify("Кафе").startswith("kafe-") and slugify("Café").startswith("cafe-")
    assert all(s == slugify(n) for s, n in zip(slugs, names, strict=True))  # stable
    assert all(s.replace("-", "").isalnum() and s.isascii() for s in slugs)


def test_long_names_are_capped_and_still_distinct() -> None:
    a, b = slugify("a" * 2000), slugify("a" * 1999 + "b")
    assert len(a) <= MAX_SLUG and len(b) <= MAX_SLUG and a != b
    words = slugify("Very " * 400)
    assert len(words) <= MAX_SLUG and not words.startswith("-") and "--" not in words


def test_a_2000_character_name_runs_through_batch(tmp_path: Path, paws: Profile) -> None:
    import yaml

    folder = tmp_path / "profiles"
    folder.mkdir()
    for name in ("Z" * 1990 + " one", "Z" * 1990 + " two", "日本の店", "Кафе"):
        data = paws.model_dump(mode="json", exclude_defaults=True)
        data["business"]["name"] = name
        (folder / f"{len(list(folder.iterdir()))}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    out = tmp_path / "out"
    result = cvj("batch", str(folder), "--out", str(out), "--stages", "aware", home=tmp_path / "home")
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert len([p for p in out.iterdir() if p.is_dir()]) == 4
