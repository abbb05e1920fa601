"""Search per language: split Material's one search index into one index per language.

static-i18n stacks every language into the root `search/search_index.json`, and
Material downloads all of it. We write each language's entries to its own
`<lang>/search/search_index.json` (locations relative to that language's root,
which `overrides/main.html` makes Material's search base), plus the same as
`search_index.js` for reading from disk (file://), where Material loads the
index with a script tag instead of fetch.
"""

from __future__ import annotations

import json
from pathlib import Path


def split_search_index(site_dir: Path, tags: tuple[str, ...], default: str) -> dict[str, int]:
    """Rewrite the combined index as one per language. Returns entries per language."""
    combined_path = site_dir / "search" / "search_index.json"
    if not combined_path.is_file():
        return {}
    combined = json.loads(combined_path.read_text(encoding="utf-8"))
    prefixes = {tag: f"{tag}/" for tag in tags if tag != default}
    per_language: dict[str, list] = {tag: [] for tag in tags}
    for doc in combined["docs"]:
        tag = next((t for t, p in prefixes.items() if doc["location"].startswith(p)), default)
        per_language[tag].append({**doc, "location": doc["location"][len(prefixes.get(tag, "")):]})
    for tag, docs in per_language.items():
        folder = site_dir / prefixes.get(tag, "") / "search"
        folder.mkdir(parents=True, exist_ok=True)
        body = json.dumps({"config": combined["config"], "docs": docs}, ensure_ascii=False, separators=(",", ":"))
        (folder / "search_index.json").write_text(body, encoding="utf-8")
        (folder / "search_index.js").write_text(f"var __index = {body};\n", encoding="utf-8")
    return {tag: len(docs) for tag, docs in per_language.items()}
