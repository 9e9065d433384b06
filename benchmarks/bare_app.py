"""The reference of benchmarks/load.py: a bare Flask route that renders a small page, served by
the same gunicorn settings as Foro, so both are measured on the same machine in the same run."""

from flask import Flask

app = Flask(__name__)
PAGE = "<!doctype html><title>Foro</title><p>" + "Programa del foro. " * 40 + "</p>"


@app.get("/")
def page() -> str:
    return PAGE
