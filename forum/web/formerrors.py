"""Show a service's DomainError on the form that caused it."""

from flask import flash

from forum.core.errors import DomainError


def show_errors(form, error: DomainError) -> None:
    """Put each message next to its field; messages for no field become flash messages."""
    for name, messages in error.errors.items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = list(field.errors) + [str(m) for m in messages]
        else:
            for message in messages:
                flash(str(message), "danger")
