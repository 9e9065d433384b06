"""Services of documents: they flush, never commit."""
