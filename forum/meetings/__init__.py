"""B2B/B2G meetings: requests, matchmaking, availability, setup, scheduling, grid, outcomes."""
