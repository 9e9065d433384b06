"""Registration: delegates sign up; the desk reviews, imports, badges and checks in."""
