"""The error a service raises when input breaks a domain rule."""


class DomainError(ValueError):
    """Carries messages per field ('' for the whole form), in the user's language."""

    def __init__(self, errors: dict[str, list[str]] | str, field: str = "") -> None:
        if isinstance(errors, str):
            errors = {field: [errors]}
        self.errors = errors
        super().__init__("; ".join(str(m) for msgs in errors.values() for m in msgs))
