"""What a browser sends for a form's selects, read from its HTML: for the simulated delegates
(load_locustfile.py) and the in-process form benchmark (forms_cpu.py), never for the app."""

import re

SELECT = re.compile(r"<select([^>]*)>(.*?)</select>", re.S)
OPTION = re.compile(r'<option([^>]*)value="([^"]*)"([^>]*)>')


def selects(html: str) -> dict:
    """Each single select's selected option, else its first (the form refuses a select that
    is missing altogether)."""
    chosen = {}
    for attributes, body in SELECT.findall(html):
        name = re.search(r'name="([^"]+)"', attributes)
        options = OPTION.findall(body)
        if not name or "multiple" in attributes or not options:
            continue
        selected = [value for before, value, after in options if "selected" in before + after]
        chosen[name.group(1)] = (selected or [options[0][1]])[0]
    return chosen


def first_choice(html: str, name: str) -> str:
    """The first non-empty option of a select (a type of organisation, say)."""
    for attributes, body in SELECT.findall(html):
        if f'name="{name}"' in attributes:
            return next((value for _, value, _ in OPTION.findall(body) if value), "")
    return ""
