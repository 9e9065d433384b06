"""Privacy services: notice and consent (notice.py), a person's data as a ZIP (export.py),
erasure of a person or a registration (erasure.py), purge of a past event (purge.py)."""
