"""QuickSelect writes the very HTML of WTForms' select, faster (forum/core/form.py)."""

from wtforms import Form, SelectField, SelectMultipleField
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


class _QuickMany(Form):
    colleagues = SelectMultipleField(choices=[(1, "Ana"), (2, 'Juan "Pepe" <x>')], coerce=int,
                                     widget=QuickSelect(True))  # fmt: skip


class _PlainMany(Form):
    colleagues = SelectMultipleField(choices=[(1, "Ana"), (2, 'Juan "Pepe" <x>')], coerce=int)


def test_quick_multiple_select_writes_the_same_html_as_wtforms():
    for chosen in (None, [], [2], [1, 2]):
        quick = _QuickMany(data={"colleagues": chosen})
        plain = _PlainMany(data={"colleagues": chosen})
        assert str(quick.colleagues(size=2)) == str(plain.colleagues(size=2))
    assert '<option selected value="2">Juan &#34;Pepe&#34; &lt;x&gt;</option>' in str(
        _QuickMany(data={"colleagues": [2]}).colleagues()
    )
