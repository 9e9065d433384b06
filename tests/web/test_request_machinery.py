"""What every request does, kept cheap: the templates' strings through translations kept for
the request (and still in a mail's own language inside force_locale), the database without a
ping before each request (a connection the database dropped costs one 503, then reconnects)."""

import pytest
import sqlalchemy as sa
from flask import render_template_string
from flask_babel import force_locale

from config import Config
from forum.extensions import db as database


def test_template_strings_follow_the_locale_forced_inside_a_request(app):
    template = "{{ _('Log in') }}|{{ ngettext('%(num)d delegate', '%(num)d delegates', 3) }}"
    with app.test_request_context("/", headers={"Accept-Language": "es"}):
        before = render_template_string(template)
        with force_locale("en"):  # a mail to an English reader, rendered in a Spanish request
            forced = render_template_string(template)
        after = render_template_string(template)
    assert (before, forced, after) == (
        "Iniciar sesión|3 delegados",
        "Log in|3 delegates",
        "Iniciar sesión|3 delegados",
    )


def test_template_strings_format_as_jinja_newstyle_gettext_does(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        rendered = render_template_string(
            "{{ _('100%% sure') }}|{{ _('<b>%(name)s</b>', name='<i>') }}|"
            "{{ ngettext('%(num)s of one', '%(num)s of many', 2, num='two') }}|"
            "{{ pgettext('person', 'a former delegate') }}|{% trans %}Log in{% endtrans %}"
        )
    # "%%" is formatted to "%"; variables are escaped, the string itself is not; a string's
    # own "num" wins over the count, as in jinja2.ext
    assert rendered == "100% sure|<b>&lt;i&gt;</b>|two of many|a former delegate|Log in"


def test_the_database_is_not_pinged_before_each_request_unless_asked(monkeypatch):
    import importlib

    import config

    assert Config.SQLALCHEMY_ENGINE_OPTIONS == {"pool_pre_ping": False, "pool_recycle": 1800}
    monkeypatch.setenv("DATABASE_PRE_PING", "1")
    monkeypatch.setenv("DATABASE_POOL_RECYCLE", "600")
    try:
        reloaded = importlib.reload(config)
        assert reloaded.Config.SQLALCHEMY_ENGINE_OPTIONS == {
            "pool_pre_ping": True,
            "pool_recycle": 600,
        }
    finally:
        monkeypatch.undo()
        importlib.reload(config)


def test_a_connection_the_database_dropped_costs_one_503_then_pages_answer(app, client, db):
    """Without pool_pre_ping: a restart of PostgreSQL (here: every Foro connection ended by
    the server) fails the request that meets a dead connection with the 503 page; SQLAlchemy
    then drops the pool's old connections and the next request gets a new one."""
    if database.engine.dialect.name != "postgresql":
        pytest.skip("a server that ends connections: PostgreSQL")
    assert client.get("/").status_code == 200  # the pool holds a live connection now
    with database.engine.connect() as other:
        pids = other.scalars(
            sa.text(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"
            )
        ).all()
        for pid in pids:
            other.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    app.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        statuses = [client.get("/").status_code for _ in range(3)]
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = None
    assert statuses.count(503) <= 1 and statuses[-1] == 200, statuses
