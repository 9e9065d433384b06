"""Pages of reports; importing this package registers them on the blueprint."""

from forum.reports import charts
from forum.reports.blueprint import bp
from forum.reports.views import funder  # noqa: F401 (importing registers the routes)

# Charts inline in a page lose pygal's inline style, which the CSP refuses (static/css/charts.css).
bp.add_app_template_filter(charts.for_page, "chart_for_page")

__all__ = ["bp"]
