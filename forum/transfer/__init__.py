"""Whole-event export and import (one JSON document) and "copy as a new edition"."""
