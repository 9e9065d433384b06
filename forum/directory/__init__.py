"""Directory of an event's delegates."""
