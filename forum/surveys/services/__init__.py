"""The survey's services: setup.py (questions and dates), answers.py (a delegate's answers),
invitations.py (the mail, written once per delegate), results.py (the figures and the CSV)."""
