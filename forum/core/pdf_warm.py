"""Imported only by the forkserver that renders PDFs (forum.core.pdf.render_bounded): loads
WeasyPrint, fontconfig and the fonts once, so that each child forked to render a document
starts warm instead of paying for them on every render."""

from multiprocessing import spawn

from forum.core import pdf_server  # noqa: F401  # imported once here, not in each server
from forum.core.pdf import html_document, printed_qr, shared_font_config

# A child forked from here would first run the parent's main script again (gunicorn's,
# flask's, a benchmark's) as __mp_main__: multiprocessing does so for every child, since the
# forkserver never preloads it. The render needs nothing from it (its function is imported
# by name), so the children skip it.
spawn._fixup_main_from_path = lambda _path: None

# What every printed document uses (templates/_pdf_fonts.html's stack in regular and bold, a
# table, a QR code image, page margins with a running footer): rendered once here, the fonts
# are matched and loaded and the caches filled before any child is forked, not in each child.
FONTS = (
    '"DejaVu Sans", "Noto Sans", "Noto Sans Symbols", "Noto Sans Symbols 2", '
    '"Droid Sans Fallback", sans-serif'
)
QR = printed_qr("FORO-WARM-UP")
WARM_UP = f"""<html lang="es"><head><style>
  @page {{ size: A4; margin: 18mm 16mm 20mm; @bottom-right {{ content: counter(page) " / "
    counter(pages); font-size: 7.5pt; }} }}
  html {{ font-family: {FONTS}; font-size: 9.5pt; }} th, b {{ font-weight: bold; }}
  .small {{ font-size: 7.5pt; color: #5b6470; text-transform: uppercase; }}
</style></head><body>
  <h1>Foro · Agenda personal</h1><p class="small">Lima, 12–13 de marzo · 09:00–10:30</p>
  <table><tr><th>Hora</th><th>Reunión</th>
  <td><img src="{QR}" style="width: 30mm; image-rendering: pixelated"></td></tr>
  <tr><td><b>10:25</b></td><td>Cooperativa Agraria Cafetalera Ñahui — Mesa 12</td></tr></table>
</body></html>"""

html_document(WARM_UP).write_pdf(font_config=shared_font_config())
