"""Imported only by the forkserver that renders PDFs (forum.core.pdf.render_bounded): loads
WeasyPrint, fontconfig and the fonts once, so that each child forked to render a document
starts warm instead of paying for them on every render."""

from multiprocessing import spawn

from forum.core.pdf import html_document

# A child forked from here would first run the parent's main script again (gunicorn's,
# flask's, a benchmark's) as __mp_main__: multiprocessing does so for every child, since the
# forkserver never preloads it. The render needs nothing from it (its function is imported
# by name), so the children skip it.
spawn._fixup_main_from_path = lambda _path: None

html_document('<p style="font-family: DejaVu Sans">Foro · ñ</p>').write_pdf()
