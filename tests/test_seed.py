"""The generated RealtimeSession page matches the seed's Properties table row by row."""

from __future__ import annotations

import html
import re
from pathlib import Path

from conftest import SHARED, need_shared

SEED_TYPES = {"String": "str", "Float": "float", "Integer": "int", "Boolean": "bool"}
# Cells the seed leaves empty only because openapi-generator drops the
# description of a property that became a nested model; ours are filled.
SEED_DROPPED = {
    "model",
    "input_audio_transcription",
    "turn_detection",
    "max_response_output_tokens",
}


def table_rows(markdown: str) -> list[list[str]]:
    """Cells of the Properties table, split on unescaped pipes."""
    section = markdown.split("## Properties", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")][2:]
    return [[c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]


def unescape(cell: str) -> str:
    """Undo both sides' escaping: HTML entities, backslashes, <br>, whitespace."""
    text = html.unescape(cell).replace("<br>", " ")
    text = re.sub(r"\\(.)", r"\1", text)
    return " ".join(text.split())


def seed_type(cell: str) -> str:
    text = html.unescape(cell)
    text = re.sub(
        r"Array<(\w+)>",
        lambda m: f"List[{SEED_TYPES.get(m.group(1), m.group(1))}]",
        text,
    )
    for ruby, python in SEED_TYPES.items():
        text = text.replace(f"**{ruby}**", f"**{python}**")
    return text


def test_properties_table_matches_seed(openai_package: Path) -> None:
    need_shared()
    seed = table_rows((SHARED / "seed" / "RealtimeSession.md").read_text())
    ours = table_rows((openai_package / "docs" / "RealtimeSession.md").read_text())
    assert [unescape(r[0]) for r in ours] == [unescape(r[0]) for r in seed]
    assert len(seed) == 13
    for mine, theirs in zip(ours, seed):
        name = unescape(theirs[0]).strip("*")
        assert mine[1] == seed_type(theirs[1]), name
        if name in SEED_DROPPED:
            assert theirs[2] == "" and unescape(mine[2]), name
        else:
            assert unescape(mine[2]) == unescape(theirs[2]), name
        assert set(theirs[3].split()) <= set(mine[3].split()), name


def test_links_point_to_generated_pages(openai_package: Path) -> None:
    page = (openai_package / "docs" / "RealtimeSession.md").read_text()
    links = re.findall(r"\]\(([^)]+\.md)\)", page)
    assert "RealtimeResponseCreateParamsToolsInner.md" in links
    for link in links:
        assert (openai_package / "docs" / link).is_file(), link
