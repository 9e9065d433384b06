"""Projects: submissions, review, catalogue, pitches, investor interest, commitments."""
