"""The long-lived render server that prints single documents (forum.core.pdf_server)."""

import pytest

from forum.core import pdf, pdf_server
from forum.core.pdf import DocumentTooLarge, render_bounded, render_pdf
from forum.core.pdf_server import SERVER, _shared_style
from forum.documents.services.pdfs import DEFAULTS, agendas_html, programme_html
from tests.factories import build_forum

AGENDA = "<h1>Agenda de Ana Quispe</h1><p>10:00 Reunión con Cooperativa Ñahui — Mesa 12</p>"
# Enough to take a render more than a millisecond.
LONG = "<table>" + "<tr><td>Sesión plenaria</td><td>Sala Machu Picchu</td></tr>" * 400 + "</table>"


@pytest.fixture
def fresh_server():
    """No server left over by another test (nor left to the next one)."""
    SERVER.stop()
    yield SERVER
    SERVER.stop()


@pytest.fixture
def starts(monkeypatch):
    """The servers started, counted."""
    started = []
    start = pdf_server.RenderServer.start

    def counted(server):
        before = server.process
        start(server)
        if server.process is not before:
            started.append(server.process.pid)

    monkeypatch.setattr(pdf_server.RenderServer, "start", counted)
    return started


def test_documents_one_after_the_other_are_rendered_by_the_same_warm_server(fresh_server, starts):
    first = render_pdf(AGENDA)
    pid = fresh_server.process.pid
    second = render_pdf(AGENDA.replace("Ana", "Rosa"))

    assert first.startswith(b"%PDF-") and second.startswith(b"%PDF-")
    assert starts == [pid]  # one server for both
    assert fresh_server.documents == 2
    assert fresh_server.process.is_alive()


def test_the_server_prints_the_same_bytes_as_a_child_of_its_own(fresh_server):
    served = render_pdf(AGENDA)
    assert fresh_server.documents == 1

    with fresh_server.lock:  # busy with another thread's document: a child renders it
        forked = render_pdf(AGENDA)

    assert fresh_server.documents == 1  # not by the server
    assert forked == served


def test_a_server_ends_after_its_documents_and_the_next_one_takes_over(
    fresh_server, starts, monkeypatch
):
    monkeypatch.setattr(pdf_server, "MAX_DOCUMENTS", 2)

    pdfs = [render_pdf(f"<p>Documento {n}</p>") for n in range(3)]

    assert all(p.startswith(b"%PDF-") for p in pdfs)
    assert len(starts) == 2  # the first ended after two documents
    assert fresh_server.documents == 1
    assert fresh_server.process.pid == starts[1]


def test_a_render_past_its_time_is_stopped_and_the_next_document_gets_a_new_server(
    fresh_server, starts, tmp_path
):
    render_pdf(AGENDA)
    stuck = fresh_server.process

    with pytest.raises(DocumentTooLarge):
        render_bounded(LONG, tmp_path / "long.pdf", seconds=0.001)

    assert not stuck.is_alive()  # killed, not left rendering
    assert fresh_server.process is None
    assert render_pdf(AGENDA).startswith(b"%PDF-")
    assert len(starts) == 2 and starts[1] != stuck.pid


def test_out_of_memory_in_a_used_server_is_tried_once_more_in_a_new_one(
    fresh_server, starts, monkeypatch
):
    render_pdf(AGENDA)  # the server has rendered a document: its memory may have grown
    bound = pdf.RENDER_MEMORY
    monkeypatch.setattr(pdf, "RENDER_MEMORY", 64 * 1024**2)  # less than WeasyPrint needs

    with pytest.raises(DocumentTooLarge):
        render_pdf(AGENDA)

    assert len(starts) == 2  # the used server, then a new one: out of memory there too
    assert fresh_server.process is None
    monkeypatch.setattr(pdf, "RENDER_MEMORY", bound)
    assert render_pdf(AGENDA).startswith(b"%PDF-")  # and the next document is printed
    assert len(starts) == 3


def test_out_of_memory_in_a_new_server_is_not_tried_again(fresh_server, starts, monkeypatch):
    monkeypatch.setattr(pdf, "RENDER_MEMORY", 64 * 1024**2)

    with pytest.raises(DocumentTooLarge):
        render_pdf(AGENDA)

    assert len(starts) == 1


def test_a_server_ends_when_the_process_that_started_it_lets_it_go(fresh_server):
    render_pdf(AGENDA)
    server = fresh_server.process

    fresh_server.connection.close()  # as when the worker ends: the server reads EOF
    server.join(10)

    assert server.exitcode == 0


@pytest.fixture
def forum(create_event):
    return build_forum(create_event())


def test_real_documents_print_the_same_bytes_with_their_style_sheet_parsed_once(
    fresh_server, forum
):
    event = forum.event
    documents = [
        agendas_html(event, [forum.ana], DEFAULTS, bulk=False),
        agendas_html(event, [forum.carla], DEFAULTS, bulk=False),  # the same sheet: reused
        agendas_html(event, [forum.ana, forum.diego], DEFAULTS, bulk=True),
        programme_html(event),
    ]
    served = [render_pdf(html) for html in documents]
    assert fresh_server.documents == len(documents)

    with fresh_server.lock:  # each rendered with its <style> by a child of its own
        forked = [render_pdf(html) for html in documents]

    assert served == forked


def test_only_a_lone_style_sheet_in_the_head_is_parsed_apart():
    head = "<html><head><style>p { color: red }</style></head><body><p>Hola</p></body></html>"

    html, sheets = _shared_style(head, None, None)

    assert html == "<html><head></head><body><p>Hola</p></body></html>"
    assert len(sheets) == 1
    assert _shared_style(head, None, None)[1][0] is sheets[0]  # parsed once
    two = head.replace("</head>", "<style>p { color: blue }</style></head>")
    in_body = "<html><body><style>p { color: red }</style><p>Hola</p></body></html>"
    linked = head.replace("</head>", '<link rel="stylesheet" href="static:forum.css"></head>')
    for html in (two, in_body, linked, "<p>Hola</p>"):
        assert _shared_style(html, None, None) == (html, [])


def test_a_server_inherited_through_a_fork_is_left_to_its_owner(fresh_server, starts):
    render_pdf(AGENDA)
    theirs = fresh_server.process
    fresh_server.owner = -1  # as in a process forked from this one (an RQ job's work horse)

    assert render_pdf(AGENDA).startswith(b"%PDF-")

    assert len(starts) == 2  # a server of its own: the pipe to the other one is not shared
    assert fresh_server.process is not theirs and fresh_server.documents == 1
    theirs.kill()  # the parent's, in this test
    theirs.join()


def test_a_wait_interrupted_stops_the_server_so_that_no_answer_comes_late(
    fresh_server, monkeypatch
):
    render_pdf(AGENDA)
    interrupted = fresh_server.process

    def interrupt(_timeout):
        raise KeyboardInterrupt

    monkeypatch.setattr(fresh_server.connection, "poll", interrupt)
    with pytest.raises(KeyboardInterrupt):
        render_pdf(AGENDA)

    assert not interrupted.is_alive() and fresh_server.process is None
    rosa = AGENDA.replace("Ana", "Rosa")
    second = render_pdf(rosa)
    assert fresh_server.documents == 1
    with fresh_server.lock:
        assert second == render_pdf(rosa)  # its own answer, not the one for Ana's agenda
