"""Services of projects: they flush, never commit."""
