"""Messages between the approved delegates of an event: one conversation per pair."""
