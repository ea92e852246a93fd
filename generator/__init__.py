"""modelgen: OpenAPI component schemas → typed pydantic models and Markdown docs."""

__version__ = "0.1.0"
