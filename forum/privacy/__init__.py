"""Privacy by design: the event's privacy notice and consent, "My data", erasure and purge."""
