"""Charts as server-rendered SVG (pygal), for the dashboard and the funder report.

An exporter: it takes figures (labels and numbers) and returns markup, knowing nothing of
requests. The SVG is inline and static: no script (pygal's tooltips need JavaScript, so its
script element is taken out and nothing refers to a CDN), a viewBox without a fixed size so
it shrinks to a phone's width, fonts large enough to read once shrunk, and colours with at
least 4.5:1 contrast on white. A chart is decoration for sighted readers: the page puts the
same figures in a table after it (the accessible version, with the links to the lists), so
the SVG is hidden from assistive technology.
"""

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

import pygal
from babel.numbers import format_compact_decimal, format_decimal
from flask_babel import get_locale
from markupsafe import Markup
from pygal.style import Style

# Dark enough on white for text and thin marks (WCAG 1.4.11 asks 3:1; all are above 4.5:1).
COLOURS = ("#1b5e9a", "#a84800", "#2e6b30", "#6a3d9a", "#a3153b", "#00626b", "#5d4037")
WIDTH = 480  # the viewBox width: at 390 px wide the text shrinks by a quarter, no more

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    opacity="1",
    opacity_hover="1",
    colors=COLOURS,
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
    label_font_size=18,
    major_label_font_size=18,
    value_font_size=18,
    value_label_font_size=18,
    legend_font_size=18,
    title_font_size=17,
    no_data_font_size=17,
)

# pygal centres a horizontal bar's value on its end; start it just after, outside the bar.
_VALUES_AFTER_BARS = (
    ".horizontal .text-overlay text.value{text-anchor:start;transform:translate(6px,0)}"
)
_SCRIPT = re.compile(r"<script\b[^>]*?(/>|>.*?</script>)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _number(value) -> str:
    if value is None:
        return ""
    return _formatted(value, _language())


@lru_cache(maxsize=4096)
def _formatted(value, locale: str) -> str:
    """Babel's formatting is slow next to pygal's drawing: each number once per language."""
    return format_decimal(value, locale=locale)


def compact(value) -> str:
    """Large amounts short, for bar ends: 1.2 M, 350 K (the table gives them in full)."""
    if value is None:
        return ""
    return format_compact_decimal(value, locale=_language(), fraction_digits=1)


def _config(**options) -> dict:
    defaults = dict(
        style=STYLE,
        js=[],  # no script from a CDN
        disable_xml_declaration=True,  # inline in HTML
        explicit_size=False,  # the viewBox alone: it scales to the column's width
        width=WIDTH,
        show_legend=False,
        print_values=True,
        print_values_position="top",
        value_formatter=_number,
        margin=8,
        spacing=8,
        truncate_label=-1,  # never cut a label: "Producer organisation / cooperative"
        truncate_legend=-1,
        css=(*pygal.Config().css, "inline:" + _VALUES_AFTER_BARS),
    )
    return defaults | options


def _markup(chart) -> Markup:
    """The chart's SVG without its script and comments, hidden from assistive technology (the
    table that follows it says the same)."""
    svg = _SCRIPT.sub("", chart.render(is_unicode=True))
    svg = _COMMENT.sub("", svg)
    svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    # pygal escapes the labels and values it writes, so this SVG is safe to mark up.
    return Markup(svg)  # noqa: S704  # nosec B704


def _short(label: str, width: int = 22) -> str:
    """Labels cut to leave the bars room on a phone; the table after the chart has them whole."""
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def _headroom(values) -> tuple[float, float]:
    """The value axis a little longer than the longest bar, so its number fits after it."""
    top = max([v for v in values if v is not None] or [0])
    return (0, top * 1.5 if top else 1)


# Drawing a chart costs pygal tens of milliseconds; the same figures give the same picture, so
# each is drawn once per language and kept (a dashboard reloaded without change draws nothing).
_drawn = lru_cache(maxsize=512)


def _language() -> str:
    return str(get_locale() or "en")


def bars(rows: Sequence[tuple[str, int | float]], title: str) -> Markup:
    """One horizontal bar per row (label, value), in the given order, value at its end."""
    return _bars(tuple((str(label), value) for label, value in rows), str(title), _language())


@_drawn
def _bars(rows: tuple, title: str, language: str) -> Markup:  # noqa: ARG001 - the cache key
    chart = pygal.HorizontalBar(
        **_config(
            height=40 + 48 * max(len(rows), 1),
            show_x_labels=False,
            range=_headroom(value for _label, value in rows),
        )
    )
    chart.x_labels = [_short(label) for label, _value in rows][::-1]
    chart.add(title, [value for _label, value in rows][::-1])
    return _markup(chart)


def grouped_bars(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | float]]],
    formatter: Callable | None = None,
) -> Markup:
    """Horizontal bars in groups: one group per label, one bar per series, with a legend."""
    return _grouped_bars(
        tuple(str(label) for label in labels),
        tuple((str(title), tuple(values)) for title, values in series),
        formatter,
        _language(),
    )


@_drawn
def _grouped_bars(labels: tuple, series: tuple, formatter, language: str) -> Markup:  # noqa: ARG001 - the cache key
    short_titles = max(len(title) for title, _values in series) <= 8
    legend = 70 if short_titles else 50 + 40 * len(series)
    options = dict(
        height=legend + 34 * max(len(labels), 1) * len(series),
        show_legend=True,
        legend_at_bottom=True,
        # side by side only when they fit: "B2B  B2G"; else one under the other
        legend_at_bottom_columns=len(series) if short_titles else 1,
        show_x_labels=False,
        range=_headroom(v for _title, values in series for v in values),
    )
    if formatter is not None:
        options["value_formatter"] = formatter
    chart = pygal.HorizontalBar(**_config(**options))
    chart.x_labels = [_short(label) for label in labels][::-1]
    for title, values in series:
        # no bar and no "0" for nothing: the table after the chart gives the zeros
        chart.add(title, [value or None for value in values][::-1])
    return _markup(chart)


def lines(labels: Sequence[str], series: Sequence[tuple[str, Sequence[int]]]) -> Markup:
    """Lines over time (one per series), with at most about five labels on the time axis."""
    return _lines(
        tuple(str(label) for label in labels),
        tuple((str(title), tuple(values)) for title, values in series),
        _language(),
    )


@_drawn
def _lines(labels: tuple, series: tuple, language: str) -> Markup:  # noqa: ARG001 - the cache key
    every = max(1, -(-len(labels) // 5))
    chart = pygal.Line(
        **_config(
            height=320,
            show_legend=True,
            legend_at_bottom=True,
            legend_at_bottom_columns=len(series),
            print_values=False,
            show_dots=len(labels) <= 40,
            x_label_rotation=0,
            show_minor_x_labels=False,
            x_labels_major_every=every,
            fill=False,
            include_x_axis=True,
        )
    )
    chart.x_labels = list(labels)
    chart.y_labels = _whole_ticks(max((max(values, default=0) for _t, values in series), default=0))
    for title, values in series:
        chart.add(title, list(values))
    return _markup(chart)


def _whole_ticks(top: int, count: int = 5) -> list[int]:
    """About `count` round whole numbers from 0 to at least `top` (people are counted whole)."""
    step = max(1, -(-top // count))
    magnitude = 10 ** (len(str(step)) - 1)
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= step)
    return list(range(0, max(top, 1) + step, step))


# In a page, the Content-Security-Policy allows no inline style (forum/web/security_headers.py):
# pygal's <style> element and its style attributes would be refused, the charts drawn black.
# The page takes the chart without them, and static/css/charts.css holds the same rules for
# every chart (the chart's random id turned into its class). PDFs keep the inline SVG as is.
_STYLE_ELEMENT = re.compile(r"<defs>\s*<style\b[^>]*>.*?</style>\s*</defs>", re.DOTALL)
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="[^"]*"')
_CHART_ID = re.compile(r"#chart-[0-9a-f-]{36}")
STYLESHEET = "css/charts.css"  # under forum/static


def for_page(svg: Markup) -> Markup:
    """The chart without inline style, for an HTML page that links STYLESHEET."""
    without = _STYLE_ATTRIBUTE.sub("", _STYLE_ELEMENT.sub("", str(svg)))
    return Markup(without)  # noqa: S704 - only removes parts of markup pygal escaped


def page_stylesheet() -> str:
    """The rules of static/css/charts.css, as pygal writes them for this module's style:
    every kind of chart this module draws, with a series in each of the colours."""
    sample = ""
    for kind in (pygal.HorizontalBar, pygal.Line):
        chart = kind(**_config())
        for n in range(len(COLOURS)):
            chart.add(str(n), [1, 2])
        sample += chart_styles(Markup(chart.render(is_unicode=True)))  # noqa: S704 - ours
    rules = dict.fromkeys(rule + "}" for rule in sample.split("}") if rule.strip())
    # The tooltip pygal draws hidden with a style attribute (it needs its script to show).
    return "".join(rules) + ".pygal-chart .tooltip{opacity:0}\n"


def chart_styles(svg: Markup) -> str:
    found = re.search(r"<style\b[^>]*>(.*?)</style>", str(svg), re.DOTALL)
    return _CHART_ID.sub(".pygal-chart", found.group(1)) if found else ""
