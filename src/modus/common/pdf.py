"""Printable documents: HTML rendered to PDF with WeasyPrint (no network: inline styles only)."""

import weasyprint


def html_to_pdf(html: str) -> bytes:
    return weasyprint.HTML(string=html).write_pdf()
