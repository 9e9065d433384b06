"""QuickSelect writes the very HTML of WTForms' select, faster (forum/core/form.py)."""

from wtforms import Form, SelectField
from wtforms.widgets import Select

from forum.core.form import QuickSelect

CHOICES = [
    ("", "—"),
    ("new", "— A new organisation —"),
    ("7", 'Café & Cacao "Ñahui" <S.A.C.> (Peru)'),
    ("12", "Banca Etica (Italy)"),
]


class _Quick(Form):
    organisation = SelectField(choices=CHOICES, widget=QuickSelect())


class _Plain(Form):
    organisation = SelectField(choices=CHOICES, widget=Select())


def test_quick_select_writes_the_same_html_as_wtforms():
    for chosen in (None, "", "7", "12"):
        quick, plain = _Quick(data={"organisation": chosen}), _Plain(data={"organisation": chosen})
        assert str(quick.organisation()) == str(plain.organisation())
        assert str(quick.organisation(class_="form-select")) == str(
            plain.organisation(class_="form-select")
        )


def test_quick_select_escapes_and_marks_the_choice():
    html = str(_Quick(data={"organisation": "7"}).organisation())
    assert (
        '<option selected value="7">Café &amp; Cacao &#34;Ñahui&#34; &lt;S.A.C.&gt; (Peru)</option>'
        in html
    )
    assert html.count("selected") == 1
