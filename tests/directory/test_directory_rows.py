"""What each directory row prints (names, organisation line, sector badges in the reader's
language), read as plain columns in a fixed number of statements (forum/directory/services.py
directory_page: the count and the page's sector tag ids come with the rows)."""

import re

import pytest
import sqlalchemy as sa

from forum.registration.models import OrganisationType, RegistrationTag, Tag, TagRole


@pytest.fixture
def rows(db, create_event, create_user, create_registration, create_organisation):
    event = create_event()
    other = create_event(slug="other-2024")
    # Spanish and English names sort differently: cacao/café/lácteos, Cocoa/Coffee/Dairy
    cafe = Tag(event=event, name_es="café", name_en="Coffee")
    cacao = Tag(event=event, name_es="cacao", name_en="Cocoa")
    dairy = Tag(event=event, name_es="lácteos", name_en="")  # no English name: the Spanish one
    foreign = Tag(event=other, name_es="quinua", name_en="Quinoa")  # another event's tag
    db.session.add_all([cafe, cacao, dairy, foreign])
    fund = create_organisation(
        name="Andes Impact Fund", type=OrganisationType.INVESTOR, country="US", region=""
    )
    ana = create_registration(
        event,
        user=create_user(email="ana@x.example", name="Ana Quispe", locale="es"),
        organisation=create_organisation(name="Cooperativa Pangoa", region="Junín"),
        job_title="Gerenta",
    )
    ana.tag_links = [
        RegistrationTag(tag=cafe, role=TagRole.SECTOR),
        RegistrationTag(tag=dairy, role=TagRole.SECTOR),
        RegistrationTag(tag=cacao, role=TagRole.SECTOR),
        RegistrationTag(tag=cafe, role=TagRole.OFFER),  # offers and seeks: on the profile only
    ]
    bob = create_registration(
        event, user=create_user(email="bob@x.example", name="Bob Lee"), organisation=fund
    )
    bob.tag_links = [
        RegistrationTag(tag=foreign, role=TagRole.SECTOR),
        RegistrationTag(tag=cacao, role=TagRole.SEEK),
    ]
    nobody = create_registration(event, user=create_user(email="c@x.example", name="Carla Ruiz"))
    nobody.organisation = None
    db.session.commit()
    return event, ana, bob


def items(page: str) -> list[str]:
    """Each <li> of the list, its whitespace squeezed."""
    listing = page.split('aria-labelledby="delegates-found">', 1)[1].split("</ul>", 1)[0]
    found = re.findall(r'<li class="list-group-item">(.*?)</li>', listing, re.S)
    return [" ".join(item.split()) for item in found]


def test_each_row_prints_the_delegate_in_the_readers_language(client, login, rows):
    event, ana, bob = rows
    login(ana.user)  # reads Spanish
    spanish = items(client.get(f"/events/{event.slug}/delegates").text)
    login(bob.user)  # reads English
    english = items(client.get(f"/events/{event.slug}/delegates").text)

    badge = '<span class="badge text-bg-light border">{}</span>'.format
    assert spanish == [
        f'<a class="fw-semibold" href="/events/hih-2023/delegates/{ana.id}">Ana Quispe</a> '
        '<span class="text-body-secondary">· Gerenta</span> <div class="small">Cooperativa '
        "Pangoa · Organización de productores / cooperativa · Perú (Junín)</div> "
        f'<div class="small">{badge("cacao")} {badge("café")} {badge("lácteos")} </div>',
        f'<a class="fw-semibold" href="/events/hih-2023/delegates/{bob.id}">Bob Lee</a> '
        '<div class="small">Andes Impact Fund · Inversionista / institución financiera · '
        f'Estados Unidos</div> <div class="small">{badge("quinua")} </div>',
        f'<a class="fw-semibold" href="/events/hih-2023/delegates/{bob.id + 1}">Carla Ruiz</a> '
        '<div class="small"></div> <div class="small"></div>',
    ]
    assert english[0].endswith(
        "Cooperativa Pangoa · Producer organisation / cooperative · Peru (Junín)</div> "
        f'<div class="small">{badge("Cocoa")} {badge("Coffee")} {badge("lácteos")} </div>'
    )
    assert english[1].endswith(
        "Andes Impact Fund · Investor / financial institution · United States</div> "
        f'<div class="small">{badge("Quinoa")} </div>'
    )


def test_the_tag_filter_lists_the_events_tags_by_their_name_in_the_readers_language(
    client, login, rows
):
    event, ana, bob = rows
    tags = {tag.name_es: tag.id for tag in event.tags}

    def options(page):
        block = re.search(r'<select[^>]*name="tag"[^>]*>(.*?)</select>', page, re.S).group(1)
        return re.findall(r'<option value="(\d+)" (selected)?>([^<]*)</option>', block)

    login(bob.user)
    english = client.get(f"/events/{event.slug}/delegates?tag={tags['café']}").text
    assert options(english) == [
        (str(tags["cacao"]), "", "Cocoa"),
        (str(tags["café"]), "selected", "Coffee"),
        (str(tags["lácteos"]), "", "lácteos"),
    ]
    assert [item.split(">")[1].split("<")[0] for item in items(english)] == ["Ana Quispe"]


def _statements(client, db, path: str) -> list[str]:
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(path).status_code == 200
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    return statements


def test_the_directory_reads_its_page_in_two_statements(client, login, db, rows):
    """The viewer's session, the event with their registration, the messages link of the menu,
    then the directory's own two: the page's rows (with the count and the sector tags), and
    the filters' options (the event's tags, the countries). A page past the end counts, then
    reads the last page."""
    event, ana, bob = rows
    bob.tag_links = []  # another event's tag costs one statement more (the test above)
    db.session.commit()
    login(ana.user)
    client.get(f"/events/{event.slug}/delegates")  # a first request may load more once

    first = _statements(client, db, f"/events/{event.slug}/delegates")
    search = _statements(client, db, f"/events/{event.slug}/delegates?q=quispe+pangoa")
    past = _statements(client, db, f"/events/{event.slug}/delegates?page=5")

    assert len(first) == len(search) == 5
    assert len(past) == 7
    assert not [s for s in first if "FROM registration_tags" in s and "count(*) OVER" not in s]


def test_a_change_shows_on_the_next_page_read(client, login, db, rows, create_registration):
    """Only the statements are kept built, never their rows: a new delegate, country and tag
    are on the very next page, and each search gets its own rows."""
    event, ana, bob = rows
    login(bob.user)
    before = client.get(f"/events/{event.slug}/delegates").text
    newcomer = create_registration(event, name="Diego Mamani", country="BO", organisation="Apia")
    db.session.add(Tag(event=event, name_es="quinua", name_en="Quinoa"))
    newcomer.job_title = "Socio"
    db.session.commit()
    after = client.get(f"/events/{event.slug}/delegates").text

    assert "Diego Mamani" not in before and "Bolivia" not in before
    assert "Diego Mamani" in after and '<option value="BO" >Bolivia</option>' in after
    assert ">Quinoa</option>" in after
    assert "3 delegates" in before and "4 delegates" in after
    for text, name in (("mamani", "Diego Mamani"), ("quispe", "Ana Quispe"), ("lee", "Bob Lee")):
        found = client.get(f"/events/{event.slug}/delegates?q={text}").text
        assert [item.split(">")[1].split("<")[0] for item in items(found)] == [name]
