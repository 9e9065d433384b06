"""Export, import and edition copy of whole events (see sections.py)."""
