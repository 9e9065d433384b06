"""Search that ignores case and accents on SQLite and PostgreSQL alike: "jaen" finds "Jaén".

Both sides of a comparison are folded the same way: lower case, then the accented letters of
Spanish, Portuguese, French and Italian mapped to their base letter (ñ → n, ç → c). PostgreSQL
does it with translate(lower(...)); SQLite with the Python function registered on every
connection (`register_sqlite_functions`). The map lists the upper-case letters too, because
PostgreSQL's lower() leaves non-ASCII letters alone under the C locale.
"""

import unicodedata

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

ACCENTED = "ÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇÝáàâäãåéèêëíìîïóòôöõúùûüñçýÿ"
PLAIN = "aaaaaaeeeeiiiiooooouuuuncyaaaaaaeeeeiiiiooooouuuuncyy"
_TABLE = str.maketrans(ACCENTED, PLAIN)
SQLITE_FUNCTION = "foro_fold"


def plain(text: str) -> str:
    """Case-folded, every accent dropped: for sorting and comparing in Python ('Ñusta' ~ 'nusta').
    `fold` is the narrower form the database can compute too."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str | None) -> str:
    """The text as search compares it: lower case, without accents."""
    return (text or "").lower().translate(_TABLE)


class folded(FunctionElement):  # noqa: N801 - reads like the SQL function it stands for
    """SQL: a column's text folded like `fold` does."""

    type = sa.String()
    inherit_cache = True
    name = "folded"


@compiles(folded)
def _folded_default(element: folded, compiler, **kw) -> str:
    (column,) = element.clauses
    return compiler.process(sa.func.translate(sa.func.lower(column), ACCENTED, PLAIN), **kw)


@compiles(folded, "sqlite")
def _folded_sqlite(element: folded, compiler, **kw) -> str:
    return f"{SQLITE_FUNCTION}({compiler.process(element.clauses, **kw)})"


def like_pattern(text: str) -> str:
    """A LIKE pattern (escape character \\) finding the folded text anywhere, wildcards literal."""
    escaped = fold(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains(column, text: str) -> sa.ColumnElement[bool]:
    """The column holds the text, ignoring case and accents."""
    return folded(column).like(like_pattern(text), escape="\\")


def register_sqlite_functions(dbapi_connection) -> None:
    """Make `folded` work on a new SQLite connection."""
    dbapi_connection.create_function(SQLITE_FUNCTION, 1, fold, deterministic=True)
