"""Services of registration: they flush, never commit."""
