"""The API's routes, on one blueprint: public, with a token, the account's tokens, the docs."""

from forum.api import views_docs, views_event, views_public, views_tokens  # noqa: F401
from forum.api.blueprint import bp

__all__ = ["bp"]
