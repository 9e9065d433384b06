"""Services of events: they flush, never commit."""
