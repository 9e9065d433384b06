"""organisations.name_key: the name folded (lower case, no accents), indexed

The registration and profile forms find an organisation by the name typed, among thousands,
through this index instead of folding every name on each lookup. Existing rows get their key
here, folded as forum/core/text_search.fold does (the map is copied: a migration must not
change when the application does).

Revision ID: b8d4f0e2a613
Revises: a7c3e9d1f402
Create Date: 2026-12-03 12:00:00

"""

import re

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "b8d4f0e2a613"
down_revision = "a7c3e9d1f402"
branch_labels = None
depends_on = None

ACCENTED = "ÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇÝáàâäãåéèêëíìîïóòôöõúùûüñçýÿ"
PLAIN = "aaaaaaeeeeiiiiooooouuuuncyaaaaaaeeeeiiiiooooouuuuncyy"
FOLD = str.maketrans(ACCENTED, PLAIN)
# forum/core/text.py's controls and line breaks (one_line): dropped, or a space
CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029"
    "\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)
LINE_BREAKS = re.compile(r"\r\n|[\r\n\t\u2028\u2029]")


def name_key(name):
    one_line = CONTROL.sub("", LINE_BREAKS.sub(" ", name or ""))
    return " ".join(one_line.split()).lower().translate(FOLD)


NAME_KEY = sa.String(200).with_variant(sa.String(200, collation="C"), "postgresql")


def upgrade():
    op.add_column(
        "organisations", sa.Column("name_key", NAME_KEY, server_default="", nullable=False)
    )
    organisations = sa.table(
        "organisations",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("name_key", sa.String),
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(organisations.c.id, organisations.c.name)).all()
    for organisation_id, name in rows:
        key = " ".join((name or "").split()).lower().translate(FOLD)
        bind.execute(
            organisations.update().where(organisations.c.id == organisation_id).values(name_key=key)
        )
    op.create_index("ix_organisations_name_key", "organisations", ["name_key"])


def downgrade():
    op.drop_index("ix_organisations_name_key", table_name="organisations")
    with op.batch_alter_table("organisations") as batch_op:
        batch_op.drop_column("name_key")
