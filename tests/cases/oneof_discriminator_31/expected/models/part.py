"""The Part model."""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import Discriminator, Tag

from ._base import ApiRoot, TagBy
from .free import Free
from .image import Image
from .text import Text


class Part(
    ApiRoot[
        Annotated[
            Union[
                Annotated[Text, Tag("Text")],
                Annotated[Image, Tag("Image")],
                Annotated[Free, Tag("Free")],
                Annotated[Union[Text, Free], Tag("Text|Free")],
                Annotated[Union[Image, Free], Tag("Image|Free")],
            ],
            Discriminator(
                TagBy(
                    "type",
                    {
                        "Free": "Free",
                        "text": "Text|Free",
                        "image": "Image|Free",
                        "picture": "Image|Free",
                    },
                    absent="Free",
                    other="Free",
                ),
                custom_error_type="discriminator_tag",
                custom_error_message="'type' must be one of: Free, text, image, picture",
            ),
        ]
    ]
):
    """In 3.1 the discriminator is a hint; what validates decides."""
