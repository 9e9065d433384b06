"""Mailings: organizers write to a filtered set of their event's delegates."""
