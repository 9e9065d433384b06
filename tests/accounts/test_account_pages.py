from forum.accounts import services as accounts
from forum.accounts.models import User


def test_login_with_wrong_password_says_so(client, create_user):
    create_user(email="ana@example.org")
    html = client.post(
        "/login",
        data={"email": "ana@example.org", "password": "nope"},
        headers={"Accept-Language": "en"},
    ).get_data(as_text=True)
    assert "Wrong email or password." in html


def test_login_refuses_offsite_next(client, create_user):
    create_user(email="ana@example.org")
    response = client.post(
        "/login",
        data={
            "email": "ana@example.org",
            "password": "correct horse battery",
            "next": "//evil.example/",
        },
    )
    assert response.headers["Location"] == "/"


def test_logout_is_post_only_and_ends_session(client, login, create_user):
    user = create_user(email="ana@example.org")
    login(user)
    assert client.get("/logout").status_code == 405
    client.post("/logout")
    assert client.get("/events/x/manage/").status_code == 302  # back to login, not 404/403


def test_ending_other_sessions_logs_out_existing_login(client, login, create_user, create_event):
    user = create_user(email="ana@example.org")
    create_event(organizers=[user])
    login(user)
    assert client.get("/events/hih-2023/manage/").status_code == 200
    assert accounts.end_other_sessions(user) == 1
    assert client.get("/events/hih-2023/manage/").status_code == 302


def test_language_switch_is_remembered_for_the_user(client, login, create_user, db):
    user = create_user(email="ana@example.org", locale="en")
    login(user)
    assert "Upcoming" in client.get("/").get_data(as_text=True)
    client.post("/language", data={"lang": "es", "next": "/"})
    assert "Próximos" in client.get("/").get_data(as_text=True)
    assert db.session.get(User, user.id).locale == "es"


def test_anonymous_language_follows_browser_then_choice(client, db):
    assert "Upcoming" in client.get("/", headers={"Accept-Language": "en-GB"}).get_data(
        as_text=True
    )
    assert "Próximos" in client.get("/", headers={"Accept-Language": "es-PE"}).get_data(
        as_text=True
    )
    client.post("/language", data={"lang": "es"})
    assert "Próximos" in client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_state_changing_forms_need_csrf_token(client, create_user, csrf_enabled):
    create_user(email="ana@example.org")
    response = client.post(
        "/login", data={"email": "ana@example.org", "password": "correct horse battery"}
    )
    assert response.status_code == 400
    # An anonymous visitor's language form has no token (public pages are shared copies):
    # a post from another site is refused by its Origin instead (tests/web/test_public_cache).
    other_site = {"Origin": "https://evil.example"}
    assert client.post("/language", data={"lang": "es"}, headers=other_site).status_code == 400


def test_create_admin_prints_one_time_password(runner, db):
    result = runner.invoke(args=["forum", "create-admin", "Boss@FAO.example"])
    assert result.exit_code == 0, result.output
    password = result.output.split("One-time password: ")[1].split()[0]
    user = db.session.query(User).filter_by(email="boss@fao.example").one()
    assert user.is_admin and user.check_password(password)


def test_create_admin_refuses_short_password(runner, db):
    result = runner.invoke(args=["forum", "create-admin", "a@b.example", "--password", "short"])
    assert result.exit_code == 2
    assert "use at least 10 characters" in result.output
