"""What the reports count: figures computed with a fixed number of queries per event."""
