"""Export, import and edition copy of whole events (see forum/transfer/sections.py)."""
