"""The one JSON-pointer helper (RFC 6901) that every reader of `$ref`s and diagnostics uses."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from modelgen.pointer import escape_token, join_pointer, split_pointer, unescape_token
from modelgen.refs import split_ref

TOKENS = st.lists(st.text(alphabet=st.sampled_from("ab~/01 é")), max_size=5)


@given(TOKENS)
def test_tokens_survive_a_pointer(tokens: list[str]) -> None:
    assert split_pointer(join_pointer("", *tokens)) == tokens


@given(st.text())
def test_unescape_undoes_escape(token: str) -> None:
    assert unescape_token(escape_token(token)) == token


def test_rfc_6901_examples() -> None:
    assert escape_token("a/b~c") == "a~1b~0c"
    assert unescape_token("~01") == "~1"  # `~0` is read after `~1`, never before
    assert split_pointer("") == [] and split_pointer("/") == [""]
    assert join_pointer("/components", "schemas", "x/y") == "/components/schemas/x~1y"


def test_references_use_it() -> None:
    assert split_ref("#/components/schemas/a~1b%20c") == (
        "",
        ["components", "schemas", "a/b c"],
    )
    assert split_ref("other.yaml#/$defs/x~0") == ("other.yaml", ["$defs", "x~"])
    assert split_ref("#pet") == ("", "pet")
