"""The messaging services: conversations and messages, reports, mailed digests."""
