"""Accounts: log in, log out, password, language."""
