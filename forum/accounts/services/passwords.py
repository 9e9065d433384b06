"""What a new password must be: long enough, not a common one, not the person's own name."""

from flask_babel import gettext as _

from forum.core.errors import DomainError

MIN_LENGTH = 10
MAX_LENGTH = 200
# The shortest part of an email or a name worth refusing inside a password ("ana" is not).
MIN_PERSONAL = 4

# The most common passwords of the public leak lists (the 10,000-most-common lists, NCSC's
# 100,000), compared without case. Most are shorter than 10 characters and the length rule
# already refuses them; they stay so that the list reads as what it is. From "0987654321" on,
# what people type when told "at least 10 characters", in English and in Spanish.
_COMMON = """
    123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123
    baseball abc123 football monkey letmein 696969 shadow master 666666 qwertyuiop 123321
    mustang 1234567890 michael 654321 superman 1qaz2wsx 7777777 121212 000000 qazwsx 123qwe
    killer trustno1 jordan jennifer zxcvbnm asdfgh hunter buster soccer harley batman andrew
    tigger sunshine iloveyou charlie robert thomas hockey ranger daniel starwars 112233
    george computer michelle jessica 0987654321 1111111111 0000000000 1122334455 1234512345
    123123123123 9876543210 1q2w3e4r5t 1q2w3e4r5t6y q1w2e3r4t5 1qaz2wsx3edc zaq12wsxcde
    qwerty1234 qwerty12345 qwerty123456 qwertyuiop123 asdfghjkl1 zxcvbnm123 abcdefghij
    abcd123456 abc1234567 a123456789 123456789a password12 password123 password1234
    password1! passw0rd123 iloveyou12 iloveyou123 welcome123 letmein123 changeme123
    sunshine123 princess123 football123 baseball123 superman123 contraseña contrasena
    contraseña1 contraseña123 contrasena123 bienvenido bienvenido1 tequiero123
"""
COMMON_PASSWORDS = frozenset(_COMMON.split())


def password_problems(password: str, email: str = "", name: str = "") -> list[str]:
    """Why this password would be refused for the person with this email and name (none: fine)."""
    if len(password) < MIN_LENGTH:
        return [_("Too short: use at least %(count)d characters.", count=MIN_LENGTH)]
    if len(password) > MAX_LENGTH:
        return [_("Too long: use at most %(count)d characters.", count=MAX_LENGTH)]
    folded = password.casefold()
    if folded in COMMON_PASSWORDS:
        return [_("This is one of the most common passwords: choose another one.")]
    email = email.strip().casefold()
    words = name.casefold().split()
    personal = [email, email.partition("@")[0], " ".join(words), "".join(words)]
    if any(len(part) >= MIN_PERSONAL and part in folded for part in personal):
        return [_("Do not use your email address or your name in the password.")]
    return []


def check_new_password(password: str, email: str = "", name: str = "", field: str = "new") -> None:
    """Raise a DomainError on `field` if the password breaks one of the rules."""
    problems = password_problems(password, email, name)
    if problems:
        raise DomainError({field: problems})
