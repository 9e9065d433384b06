"""A teaser's file name comes from the delegate: it may not spoof its own extension."""

from forum.projects.services.documents import download_name


def test_a_right_to_left_override_never_reaches_a_download_name():
    # Shown right to left, "Plan\u202efdp.exe" reads "Planexe.pdf".
    assert download_name("Plan\u202efdp.exe") == "Planfdp.exe.pdf"
    assert download_name("\u2066Plan\u2069 café\x00.pdf") == "Plan café.pdf"


def test_the_served_name_has_no_override(app):
    import io

    from flask import send_file

    with app.test_request_context():
        response = send_file(
            io.BytesIO(b"%PDF-1.4"), as_attachment=True, download_name=download_name("a\u202eb.pdf")
        )
    disposition = response.headers["Content-Disposition"]
    assert "\u202e" not in disposition and "%E2%80%AE" not in disposition.upper()
    assert disposition == "attachment; filename=ab.pdf"
