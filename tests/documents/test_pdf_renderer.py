"""The PDF renderer a gunicorn worker starts when it begins (deploy/gunicorn.conf.py)."""

import os
from multiprocessing import forkserver

from forum.core.pdf import render_pdf, start_renderer


def test_a_worker_starts_its_renderer_before_any_document():
    start_renderer()
    pid = forkserver._forkserver._forkserver_pid
    assert pid is not None
    os.kill(pid, 0)  # alive (raises if not)
    start_renderer()  # a second call keeps the same server
    assert forkserver._forkserver._forkserver_pid == pid
    assert render_pdf("<p>Agenda de Ana Quispe</p>").startswith(b"%PDF-")
    assert forkserver._forkserver._forkserver_pid == pid  # the document came from it
