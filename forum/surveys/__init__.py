"""Feedback after the forum: one short survey per event, answered by its delegates."""
