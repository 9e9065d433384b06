"""Reports for the team and for funders: the live figures with charts and the funder report."""
