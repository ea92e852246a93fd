"""Generated packages used as an application developer uses them (see `usability.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, SHARED, need_shared
from usability import check

CORPUS = SHARED / "specs" / "corpus"


def test_project_package_in_use(tmp_path: Path) -> None:
    """Examples run with -W error, names, assignment, descriptions, ruff, black, mypy."""
    assert check(REPO / "specs" / "realtime.yaml", tmp_path, typecheck=True) == []


@pytest.mark.parametrize("version", ["3.10", "3.11"])
def test_camel_case_vendor_package_in_use(tmp_path: Path, version: str) -> None:
    need_shared()
    spec = CORPUS / "adyen-checkout-v71.json"
    assert check(spec, tmp_path, python_version=version) == []


ALL_SPECS = sorted(
    [p for p in CORPUS.glob("*") if p.suffix in (".json", ".yaml")]
    + [CORPUS / "digitalocean" / "DigitalOcean-public.v2.yaml"]
    + sorted((SHARED / "specs" / "openai").glob("*.yaml"))
)


@pytest.mark.slow
@pytest.mark.parametrize("spec", ALL_SPECS, ids=lambda p: p.name)
def test_every_real_spec_in_use(tmp_path: Path, spec: Path) -> None:
    need_shared()
    assert check(spec, tmp_path, typecheck=True) == []
