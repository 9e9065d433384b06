"""Domain logic: plain arguments in, model objects out; no request or session here."""
