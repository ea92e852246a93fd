"""Re-parsing only the edited entry of a spec gives exactly what a full parse gives.

Random line edits (rewrite, delete, duplicate, insert, re-indent) of real
YAML specs: `reparse.splice` must either decline (None) or return data equal
to a full parse of the edited text, types and key order included. A
description edit, the common case, must not be declined.
"""

from __future__ import annotations

import marshal
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, SHARED, modelgen
from modelgen import yamlload
from modelgen.reparse import same, splice

CORPUS = SHARED / "specs" / "corpus"
SPECS = [
    REPO / "specs" / "realtime.yaml",
    CORPUS / "readme-3.0-discriminators.yaml",
    CORPUS / "redocly-museum.yaml",
    CORPUS / "opc-baseline-3.1.yaml",
]
BIG = [
    CORPUS / "docker-engine.yaml",
    SHARED / "specs" / "openai" / "openai-2024-12-18.yaml",
]
CASES = [pytest.param(spec, 60, id=spec.name) for spec in SPECS] + [
    pytest.param(spec, 300, id=f"{spec.name}-long", marks=pytest.mark.slow)
    for spec in SPECS + BIG
]


def full_parse(text: str) -> object:
    try:
        return yamlload.load_yaml_keyed(text)
    except Exception as exc:  # noqa: BLE001 - any failure: the splice must decline
        return exc


def check_splice(text: str, new_text: str) -> bool:
    """Splice `new_text` into `text`'s parse; True when it was spliced (and matched a full parse)."""
    data, keys = yamlload.load_yaml_keyed(text)
    spliced = splice(text, data, keys, new_text, yamlload.load_yaml_keyed)
    if spliced is None:
        return False
    expected = full_parse(new_text)
    assert not isinstance(
        expected, Exception
    ), f"spliced an edit a full parse rejects: {expected}"
    assert same(spliced[0], expected[0]), (spliced[0], expected[0])
    assert spliced[1] == expected[1]  # the key lines the next splice relies on
    return True


def edit(lines: list[str], index: int, kind: str, word: str) -> list[str]:
    line = lines[index]
    indent = line[: len(line) - len(line.lstrip(" "))]
    if kind == "rewrite":
        return lines[:index] + [line.rstrip() + " " + word] + lines[index + 1 :]
    if kind == "delete":
        return lines[:index] + lines[index + 1 :]
    if kind == "duplicate":
        return lines[:index] + [line, line] + lines[index + 1 :]
    if kind == "insert":
        return lines[:index] + [f"{indent}{word}: 1"] + lines[index:]
    if kind == "indent":
        return lines[:index] + ["  " + line] + lines[index + 1 :]
    return lines[:index] + [f"{indent}description: {word}"] + lines[index + 1 :]


@pytest.mark.parametrize("spec, examples", CASES)
def test_splice_equals_a_full_parse(spec: Path, examples: int) -> None:
    if not spec.exists():
        pytest.skip(f"{spec} not available")
    text = spec.read_text(encoding="utf-8")
    data, keys = yamlload.load_yaml_keyed(text)
    frozen = marshal.dumps(data)
    lines = text.split("\n")
    outcome = {"spliced": 0}

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(
        index=st.integers(0, len(lines) - 1),
        kind=st.sampled_from(
            ["rewrite", "delete", "duplicate", "insert", "indent", "describe"]
        ),
        word=st.sampled_from(
            ["x", "'q'", "- y", "{a: 1}", "#c", "z: 2", "3", "null", "&a", "|"]
        ),
    )
    def check(index: int, kind: str, word: str) -> None:
        new_text = "\n".join(edit(lines, index, kind, word))
        spliced = splice(
            text, marshal.loads(frozen), keys, new_text, yamlload.load_yaml_keyed
        )
        if spliced is None:
            return
        outcome["spliced"] += 1
        expected = full_parse(new_text)
        assert not isinstance(
            expected, Exception
        ), f"spliced an edit a full parse rejects: {expected}"
        assert same(spliced[0], expected[0]) and spliced[1] == expected[1]

    check()
    assert outcome["spliced"] > 0  # the edits are not all declined


def test_a_description_edit_is_spliced() -> None:
    text = (REPO / "specs" / "realtime.yaml").read_text(encoding="utf-8")
    lines = text.split("\n")
    index = next(
        i
        for i, line in enumerate(lines)
        if line.strip().startswith("description:") and line.startswith("      ")
    )
    new_text = "\n".join(
        lines[:index] + [lines[index] + " (edited)"] + lines[index + 1 :]
    )
    assert check_splice(text, new_text)


@pytest.mark.parametrize(
    "old, new",
    [
        # a line inside a flow mapping that looks like `key:`; the edit makes the document invalid
        (
            "A:\n  {\n  type: object,\n  description:\n    hello\n  }\nB: 1\n",
            "A:\n  {\n  type: object,\n  description:\n    hello}\n  }\nB: 1\n",
        ),
        # continuation lines of a quoted string that look like keys
        (
            'b: c world"\na:\n  x: "hello\nb:\n  c\n  world"\n',
            'b: c world"\na:\n  x: "hello\nb:\n  d\n  world"\n',
        ),
        # a line break YAML knows and str.split("\n") does not
        ("a:\n  b:\n    c: 1\n", "a:\n  b:\n    c: 1\u2028  x: 2\n"),
        # a keep-chomping block scalar at the end of a file without a final newline
        ("a:\n  b: x\n", "a:\n  b: |+\n    text"),
    ],
)
def test_look_alike_keys_and_odd_line_breaks(old: str, new: str) -> None:
    check_splice(old, new)  # declined, or equal to a full parse


def test_regenerating_after_an_edit_matches_a_fresh_run(tmp_path: Path) -> None:
    """The cache of parses on: an edited spec regenerates to the same bytes as a fresh run."""
    spec = tmp_path / "spec" / "realtime.yaml"
    spec.parent.mkdir()
    shutil.copy(REPO / "specs" / "realtime.yaml", spec)
    env = {"MODELGEN_CACHE_DIR": str(tmp_path / "cache")}
    first = modelgen("generate", str(spec), "-o", str(tmp_path / "out"), env=env)
    assert first.returncode == 0, first.stderr
    assert list((tmp_path / "cache" / "parsed").glob("*.marshal"))
    text = spec.read_text(encoding="utf-8")
    edited = _description_line(text)
    spec.write_text(
        "\n".join(
            line + (" Edited." if i == edited else "")
            for i, line in enumerate(text.split("\n"))
        ),
        encoding="utf-8",
    )
    again = modelgen("generate", str(spec), "-o", str(tmp_path / "out"), env=env)
    assert again.returncode == 0, again.stderr
    fresh = modelgen(
        "generate",
        str(spec),
        "-o",
        str(tmp_path / "fresh" / "out"),
        env={"MODELGEN_CACHE_DIR": str(tmp_path / "other-cache")},
    )
    assert fresh.returncode == 0, fresh.stderr
    for path in sorted((tmp_path / "fresh" / "out").rglob("*")):
        if path.is_file() and path.name != "manifest.json":
            rel = path.relative_to(tmp_path / "fresh" / "out")
            assert (tmp_path / "out" / rel).read_bytes() == path.read_bytes(), rel
    assert "Edited." in "".join(
        p.read_text() for p in (tmp_path / "out" / "models").glob("*.py")
    )


def _description_line(text: str) -> int:
    return next(
        i
        for i, line in enumerate(text.split("\n"))
        if line.startswith("      description:")
        and line.rstrip().endswith(tuple("abcdefghijklmnopqrstuvwxyz."))
    )


def test_cache_folder_is_bounded(tmp_path: Path) -> None:
    from modelgen.reparse import KEEP, ParseCache

    cache = ParseCache(tmp_path, "salt", {})
    for n in range(KEEP + 3):
        cache.parse("a.yaml", f"sha{n}", f"a: {n}\n", yamlload.load_yaml_keyed)
        os.utime(
            next(
                iter(
                    sorted(tmp_path.glob("*.marshal"), key=lambda p: p.stat().st_mtime)
                )
            ),
            None,
        )
    assert len(list(tmp_path.glob("*.marshal"))) == KEEP
    assert cache.parse("a.yaml", "sha1", "a: 1\n", yamlload.load_yaml_keyed) == {"a": 1}


def test_common_lines_found_on_the_texts() -> None:
    """`_same_lines` (memcmp on the texts) counts the lines two texts share at the
    start as comparing their lines one by one does."""
    import random

    from modelgen.reparse import _same_lines

    def by_lines(a: str, b: str) -> int:
        old, new = a.split("\n"), b.split("\n")
        count = 0
        while count < min(len(old), len(new)) and old[count] == new[count]:
            count += 1
        return count

    rng = random.Random(2)
    for _ in range(20000):
        a = "".join(rng.choice("ab\n") for _ in range(rng.randint(0, 30)))
        i = rng.randint(0, len(a))
        j = rng.randint(i, len(a))
        b = (
            a[:i]
            + "".join(rng.choice("ab\n") for _ in range(rng.randint(0, 4)))
            + a[j:]
        )
        assert _same_lines(a, b) == by_lines(a, b), (a, b)
        assert _same_lines(b, a) == by_lines(b, a), (a, b)


def test_a_spec_under_a_new_name_is_spliced_into_the_last_one(tmp_path: Path) -> None:
    """A new version of the spec in a file of another name (the output's last
    run read one file): its edit is re-parsed alone, and the edited entry named."""
    import hashlib

    from modelgen.reparse import ParseCache

    def sha(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()

    old = "components:\n  schemas:\n    A:\n      type: string\n    B:\n      type: integer\n"
    new = old.replace("type: integer", "type: number")
    first = ParseCache(tmp_path, "salt", {})
    first.parse("v1.yaml", sha(old), old, yamlload.load_yaml_keyed)
    calls: list[str] = []

    def parse(text: str) -> tuple[object, list[int]]:
        calls.append(text)
        return yamlload.load_yaml_keyed(text)

    again = ParseCache(tmp_path, "salt", {"v1.yaml": sha(old)})
    data = again.parse("v2.yaml", sha(new), new, parse)
    assert data == yamlload.load_yaml_keyed(new)[0]
    assert new not in calls  # the whole text was not parsed
    assert again.edits == {"v2.yaml": (sha(old), ("components", "schemas", "B"))}
    several = ParseCache(tmp_path, "salt", {"v1.yaml": sha(old), "b.yaml": sha("x")})
    several.parse("v3.yaml", sha(new + "\n"), new + "\n", parse)
    assert calls[-1] == new + "\n"  # which file it was is not known: parsed whole
