"""A NUL byte anywhere in a request never reaches PostgreSQL (which refuses it: a 500).

Forms strip it (forum/core/form.py); the query string and the address are refused with a
clear 400 page (forum/web/hostile_requests.py). Run with TEST_DATABASE_URL on PostgreSQL too.
"""

import pytest

SEARCHES = (
    "/events/hih-2023/delegates?q=caf%00e",
    "/events/hih-2023/projects?q=%00",
    "/events/hih-2023/manage/registrations?q=ana%00",
    "/events/hih-2023/manage/audit?q=%00",
    "/admin/users?q=%00",
    "/events/hih%00-2023/",
)


@pytest.mark.parametrize("url", SEARCHES)
def test_a_nul_in_the_address_is_a_clear_400(client, db, login, create_user, create_event, url):
    create_event(organizers=[admin := create_user(email="admin@foro.example", admin=True)])
    login(admin)
    response = client.get(url, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "This address contains a character that is not allowed (a NUL byte)." in html


def test_the_same_search_without_it_works(client, db, login, create_user, create_event):
    create_event(organizers=[admin := create_user(email="admin@foro.example", admin=True)])
    login(admin)
    assert client.get("/events/hih-2023/manage/registrations?q=ana").status_code == 200


def test_a_nul_in_a_renamed_tag_is_removed(client, db, login, create_user, create_event):
    from forum.registration.models import Tag

    event = create_event(organizers=[admin := create_user(email="admin@foro.example")])
    event.tags = [Tag(name_es="Café")]
    db.session.commit()
    login(admin)
    tag = event.tags[0]
    response = client.post(
        f"/events/hih-2023/manage/tags/{tag.id}/rename",
        data={"name_es": "Ca\x00cao\u202e", "name_en": "Co\x00coa"},
    )
    assert response.status_code in (200, 302)
    db.session.expire_all()
    assert (tag.name_es, tag.name_en) == ("Cacao", "Cocoa")
