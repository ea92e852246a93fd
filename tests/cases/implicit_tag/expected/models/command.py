"""The Command model."""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import Discriminator, Tag

from ._base import ApiRoot, TagBy
from .start import Start
from .stop import Stop


class Command(
    ApiRoot[
        Annotated[
            Union[Annotated[Start, Tag("Start")], Annotated[Stop, Tag("Stop")]],
            Discriminator(
                TagBy("kind", {"start": "Start", "stop": "Stop"}),
                custom_error_type="discriminator_tag",
                custom_error_message="'kind' must be one of: start, stop",
            ),
        ]
    ]
):
    """No discriminator, but every member requires a constant kind."""
