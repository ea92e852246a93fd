"""Names do not depend on the interpreter, and read as a Python developer writes them."""

from __future__ import annotations

import keyword

import pytest

from modelgen import naming
from modelgen.targets.pydantic import NAMES as PYDANTIC


def test_keyword_table_covers_this_interpreter() -> None:
    # A Python that adds a keyword fails here instead of silently changing output.
    assert set(keyword.kwlist) <= naming.KEYWORDS
    assert set(keyword.softkwlist) <= naming.SOFT_KEYWORDS


@pytest.mark.parametrize("soft", sorted(naming.SOFT_KEYWORDS - {"_"}))
def test_soft_keywords_stay_as_they_are(soft: str) -> None:
    assert naming.attr_name(soft, rules=PYDANTIC) == soft
    assert (
        naming.explain_attr(soft, naming.attr_name(soft, rules=PYDANTIC), PYDANTIC)
        is None
    )


@pytest.mark.parametrize(
    ("wire", "attr"),
    [
        ("+1", "plus_1"),
        ("-1", "minus_1"),
        ("@type", "at_type"),
        ("type-name", "type_name"),
        ("firstName", "first_name"),
        ("uuid", "uuid"),
        ("from", "from_"),
        ("2fa", "field_2fa"),
        ("l", "l_"),
        ("model_type", "model_type_"),
    ],
)
def test_attribute_names(wire: str, attr: str) -> None:
    assert naming.attr_name(wire, rules=PYDANTIC) == attr


@pytest.mark.parametrize(
    ("cls", "module"),
    [
        ("TaxIDsList", "tax_ids_list"),
        ("IdPCsr", "idp_csr"),
        ("OAuth2Client", "oauth2_client"),
        ("GoogleOAuthToken", "google_oauth_token"),
        ("HTTPServer2", "http_server2"),
        ("RealtimeSession", "realtime_session"),
        ("XRateLimit", "x_rate_limit"),
    ],
)
def test_acronym_aware_module_names(cls: str, module: str) -> None:
    assert naming.module_name(cls) == module


def test_renamed_attributes_are_explained() -> None:
    assert naming.explain_attr("from", "from_", PYDANTIC) == (
        "Python attribute `from_`: `from` is a Python keyword."
    )
    assert naming.explain_attr("firstName", "first_name", PYDANTIC) is None
    assert "another property" in (
        naming.explain_attr("first-name", "first_name_1", PYDANTIC) or ""
    )


def test_long_names_kept_whole_until_file_system_limits() -> None:
    long = "Adjusted" * 20  # 160 characters: a legal file name, so no digest
    assert naming.class_name(long, PYDANTIC) == long
    assert naming.module_name(long) == "_".join(["adjusted"] * 20)
    huge = naming.class_name("Very" * 80, PYDANTIC)
    assert len(naming.module_name(huge)) <= naming.MAX_FILE_STEM


def test_enum_members_spell_symbols() -> None:
    assert naming.member_name(-1) == "MINUS_1"
    assert naming.member_name("+") == "PLUS"
    assert naming.member_name("text/plain") == "TEXT_PLAIN"
