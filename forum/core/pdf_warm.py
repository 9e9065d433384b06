"""Imported only by the forkserver that renders PDFs (forum.core.pdf.render_bounded): loads
WeasyPrint, fontconfig and the fonts once, so that each child forked to render a document
starts warm instead of paying for them on every render."""

from forum.core.pdf import html_document

html_document('<p style="font-family: DejaVu Sans">Foro · ñ</p>').write_pdf()
