"""Mailings' services: the audience (audience.py), merge fields (merge_fields.py), drafts,
previews and sending (mailings.py)."""
