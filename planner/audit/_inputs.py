"""Read the assets a journey audit looks at: a folder of text, Markdown and HTML files, or JSON Lines.

Every problem stops the run before anything is classified or written, with the file (or file:line) and
the fix, as a ``UserError`` (exit 2).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from planner.errors import InputFileError, UserError
from planner.jsonl import read_objects

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
MAX_ASSET_BYTES = 1_000_000  # same cap as one JSON Lines line: a page of copy, not a data dump


@dataclass(frozen=True)
class InputAsset:
    """One existing asset: its id (file path relative to the folder, or the JSONL id), text and URL."""

    id: str
    text: str
    url: str | None = None


@dataclass(frozen=True)
class AssetSet:
    assets: tuple[InputAsset, ...]
    skipped: tuple[str, ...]  # files in the folder that are not text, Markdown or HTML


def read_assets(path: Path, exclude: Path | None = None) -> AssetSet:
    """A folder of files or a JSON Lines file (``id``, ``text``, optional ``url``).

    ``exclude`` is a folder to leave out (the audit's own output folder, when it sits inside the input:
    a second run must not audit the first run's report).
    """
    if path.is_dir():
        return read_folder(path, exclude)
    if not path.exists():
        raise UserError(
            f"{path}: no such file or folder — pass a folder of .txt/.md/.html assets or a JSON Lines file"
        )
    if path.suffix.lower() in SUPPORTED_SUFFIXES:
        raise UserError(
            f"{path}: is a single {path.suffix} file — pass the folder that holds your assets, "
            "or a JSON Lines file with id and text per line"
        )
    return AssetSet(read_jsonl(path), ())


def read_jsonl(path: Path) -> tuple[InputAsset, ...]:
    assets: list[InputAsset] = []
    seen: dict[str, int] = {}
    for number, obj in read_objects(path, ("id", "text"), "assets (id, text, optional url)"):
        where = f"{path}:{number}"
        asset_id = str(obj["id"])
        if asset_id in seen:
            raise InputFileError(
                f"{where}: id {asset_id!r} is also on line {seen[asset_id]} — ids must be unique"
            )
        seen[asset_id] = number
        url = obj.get("url")
        if url is not None and not isinstance(url, str):
            raise InputFileError(f"{where}: 'url' must be a string (or left out)")
        assets.append(InputAsset(asset_id, obj["text"].strip(), url or None))
    return tuple(assets)


def read_folder(folder: Path, exclude: Path | None = None) -> AssetSet:
    skip = exclude.resolve() if exclude else None
    files, outside = _walk(folder, skip)
    wanted = [p for p in files if p.suffix.lower() in SUPPORTED_SUFFIXES]
    if not wanted:
        raise UserError(
            f"{folder}: no {', '.join(SUPPORTED_SUFFIXES)} files — put the ads, emails and pages to audit "
            "in it, or pass a JSON Lines file with id and text per line"
        )
    others = [*outside, *(p for p in files if p not in wanted)]
    skipped = sorted(p.relative_to(folder).as_posix() for p in others)
    return AssetSet(tuple(read_asset_file(folder, p) for p in wanted), tuple(skipped))


def _walk(folder: Path, skip: Path | None) -> tuple[list[Path], list[Path]]:
    """(regular files to consider, links that lead out of the folder). Linked folders are never entered
    (no loops, no walking the whole disk); a linked file counts only when its target is inside the folder —
    a link to ``/proc/self/environ`` or ``~/.ssh`` is listed as skipped, never read."""
    root = folder.resolve()
    files: list[Path] = []
    outside: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):  # followlinks=False
        base = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in [*dirnames, *filenames]:
            path = base / name
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                outside.append(path)
        for name in sorted(filenames):
            path = base / name
            if path in outside or name.startswith("."):  # editors and version control leave dot-files
                continue
            if skip is not None and path.resolve().is_relative_to(skip):
                continue
            if path.is_file():
                files.append(path)
        dirnames[:] = [d for d in dirnames if not (base / d).is_symlink()]
    return sorted(files), outside


def read_asset_file(folder: Path, path: Path) -> InputAsset:
    raw = _read_bytes(path)
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path}: byte {exc.start} is not UTF-8 — save the file as UTF-8") from None
    if "\x00" in content:
        raise InputFileError(f"{path}: has NUL bytes — it is not a text file; remove it from the folder")
    url = None
    if path.suffix.lower() in HTML_SUFFIXES:
        content, url = html_to_text(content)
    text = content.strip()
    if not text:
        raise InputFileError(f"{path}: has no text — add the asset's copy or remove the file")
    return InputAsset(path.relative_to(folder).as_posix(), text, url)


def _read_bytes(path: Path) -> bytes:
    """At most MAX_ASSET_BYTES, counted as read: ``stat`` says 0 for /proc files and can be stale."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_ASSET_BYTES + 1)
    except OSError as exc:
        raise InputFileError(f"{path}: cannot be read ({exc.strerror}) — check its permissions") from None
    if len(raw) > MAX_ASSET_BYTES:
        raise InputFileError(f"{path}: more than {MAX_ASSET_BYTES:,} bytes — keep each asset under that")
    return raw


# --- HTML -------------------------------------------------------------------------

_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg"})
# Tags that end a line of visible text, so headings, list items and paragraphs stay separate sentences.
_BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "button", "dd", "div", "dl", "dt", "figcaption"}
    | {"footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "label", "li", "main", "nav"}
    | {"ol", "p", "pre", "section", "table", "td", "th", "title", "tr", "ul"}
)


class _TextExtractor(HTMLParser):
    """Visible text of a page, plus its canonical URL; script and style contents are dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.url: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        values = {k: v or "" for k, v in attrs}
        if tag == "link" and values.get("rel", "").lower() == "canonical" and values.get("href"):
            self.url = values["href"]
        elif tag == "meta" and values.get("property") == "og:url" and values.get("content") and not self.url:
            self.url = values["content"]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <link/>, <svg/>: a self-closed tag has no content to skip.
        if tag not in _SKIPPED_TAGS:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str | None]:
    """(visible text with one block per line, canonical URL or None)."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line), parser.url
