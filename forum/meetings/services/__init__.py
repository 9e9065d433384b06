"""Services of meetings: they flush, never commit."""
