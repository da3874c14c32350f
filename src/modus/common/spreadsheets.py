"""Spreadsheets in and out: safe cells for every export, careful reading of uploads.

Exports: a cell a person wrote that starts with = + - @ tab or carriage return would run
as a formula in Excel or LibreOffice; in a CSV `safe_cell` prefixes it with a single quote
(the OWASP rule), and `restore_cell` takes that quote off again when such a file comes back.
An XLSX export (`xlsx_response`) marks every text cell as text instead, which Excel never
runs, so it needs no quote: it is the export that opens in Excel in any language (a Czech
Excel reads a comma-separated file as one column).

Imports: `read_table` reads a CSV or XLSX upload as rows of text with every limit checked
before the work it guards (size, type, encoding, zip sizes, XML DTDs, rows, columns, cell
length), so a small hostile file cannot make the server build a huge table. A CSV may be
UTF-8 (with or without a byte-order mark), Windows-1250 (what Czech Excel saves as "CSV")
or ISO-8859-2; the table says which was used. Its columns may be separated by commas,
semicolons or tabs.
"""

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from xml.parsers import expat

import openpyxl
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

MAX_COLUMNS = 50
MAX_CELL_CHARACTERS = 1000
# An XLSX is a zip of XML: its parts may together unpack to this much, and no part may
# unpack to more than this many times its packed size (real sheets stay far below).
MAX_XLSX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_XLSX_RATIO = 200
XLSX_RATIO_CHECKED_FROM = 1024 * 1024
# Spreadsheet XML nests about six deep; a hostile part nests thousands deep.
MAX_XML_DEPTH = 64
# A formula in a sheet's XML, with or without a namespace prefix: <f>, <x:f t="shared"/>.
FORMULA_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
UNSAVED_CELLS_NAMED = 10
# Blank rows beyond these count as rows, so a sheet that declares a million empty rows
# is refused after reading a few thousand.
BLANK_ROWS_ALLOWED = 1000

BINARY_SIGNATURES = {
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"%PDF": "PDF",
    b"PK\x03\x04": "ZIP/XLSX",
    b"\xd0\xcf\x11\xe0": "XLS",
}
# Markup that never appears in a genuine XLSX and is how entity-expansion attacks start.
DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


def safe_cell(value: Any) -> Any:
    """The value to write into a CSV or XLSX cell: text that would start a formula is quoted.

    So is text that already looks quoted ("'=x"), so that `restore_cell` gives it back as it
    was. Numbers, dates and None that the application itself computed stay as they are.
    """
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in values]


def restore_cell(value: str) -> str:
    """Undo `safe_cell` on text read back from an export: one added quote is taken off."""
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS):
        return value[1:]
    return value


class SafeCsvWriter:
    """A csv.writer whose every row goes through `safe_cell`."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, values: Iterable[Any]) -> Any:
        return self._writer.writerow(safe_row(values))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for values in rows:
            self.writerow(values)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_response(filename: str, rows: Iterable[Iterable[Any]]) -> HttpResponse:
    """A CSV download of `rows` (the header first), every cell through `safe_cell`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    SafeCsvWriter(response).writerows(rows)
    return response


def xlsx_response(filename: str, rows: Iterable[Iterable[Any]]) -> HttpResponse:
    """An XLSX download of `rows` (the header first) on one sheet, text cells as text."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for values in rows:
        sheet.append([xlsx_cell(sheet, value) for value in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def spreadsheet_response(kind: str, stem: str, rows: Iterable[Iterable[Any]]) -> HttpResponse:
    """`rows` as a download named `stem`.`kind`: "xlsx", else CSV."""
    respond = xlsx_response if kind == "xlsx" else csv_response
    return respond(f"{stem}.{kind}", rows)


def xlsx_cell(sheet, value: Any) -> Any:
    """Text as a text cell: openpyxl would store "=..." as a formula. Control characters,
    which XLSX cannot hold, are dropped."""
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    return cell


class SpreadsheetRejected(Exception):
    """The file cannot be read safely; `row` is as a spreadsheet shows it (0: the whole file)."""

    def __init__(self, message: str, row: int = 0):
        super().__init__(message)
        self.message = message
        self.row = row


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int
    max_columns: int = MAX_COLUMNS
    max_cell_characters: int = MAX_CELL_CHARACTERS


class Table(list):
    """The rows read, as a list; `encoding` names the text encoding of a CSV ("" for XLSX),
    `sheet` the sheet read of a workbook of several ("" otherwise)."""

    def __init__(self, rows: list[tuple[int, list[str]]], encoding: str = "", sheet: str = ""):
        super().__init__(rows)
        self.encoding = encoding
        self.sheet = sheet


def read_table(uploaded, limits: Limits) -> Table:
    """The non-blank rows of a CSV or of a workbook's sheet (see `open_sheet`) as
    (row number, cells), header first.

    Raises SpreadsheetRejected before reading more than the limits allow.
    """
    size = getattr(uploaded, "size", None)
    if size is not None and size > limits.max_bytes:
        raise SpreadsheetRejected(too_large(limits.max_bytes))
    content = uploaded.read(limits.max_bytes + 1)
    if len(content) > limits.max_bytes:
        raise SpreadsheetRejected(too_large(limits.max_bytes))
    if not content.strip():
        raise SpreadsheetRejected(_("The file is empty."))
    name = (getattr(uploaded, "name", "") or "").lower()
    # By content as well as by name: a workbook saved or renamed as .csv is still one.
    if name.endswith(".xlsx") or is_workbook(content):
        if not content.startswith(b"PK\x03\x04"):
            raise SpreadsheetRejected(_("The file is not a readable XLSX workbook."))
        workbook, sheet = open_sheet(content)
        formulas = formula_cells(content, sheet.title, limits) if has_formulas(content) else set()
        rows = collect(xlsx_rows(workbook, sheet, limits, formulas), limits)
        return Table(rows, sheet=sheet.title if len(workbook.sheetnames) > 1 else "")
    if name.endswith(".ods") or is_opendocument(content):
        raise SpreadsheetRejected(
            _(
                "This is an OpenDocument spreadsheet (.ods), which cannot be read here; "
                "save it as XLSX or as CSV and upload that."
            )
        )
    check_csv_bytes(content)
    text, encoding = decode_csv(content)
    return Table(collect(csv_rows(text), limits), encoding=encoding)


def zip_names(content: bytes) -> set[str]:
    """The member names of a zip file; none for anything else."""
    if not content.startswith(b"PK\x03\x04"):
        return set()
    try:
        return set(zipfile.ZipFile(io.BytesIO(content)).namelist())
    except (zipfile.BadZipFile, ValueError):
        return set()


def is_workbook(content: bytes) -> bool:
    return "xl/workbook.xml" in zip_names(content)


def is_opendocument(content: bytes) -> bool:
    return "content.xml" in zip_names(content) and b"opendocument" in content[:200]


def too_large(max_bytes: int) -> str:
    return _("The file is larger than %(size)s MB.") % {"size": max_bytes // (1024 * 1024)}


# Encodings a CSV upload may be in, tried in this order: what Excel writes for "CSV UTF-8",
# then what Czech Excel writes by default for "CSV", then the older ISO standard for Czech.
UTF_8, WINDOWS_1250, ISO_8859_2 = "UTF-8", "Windows-1250", "ISO-8859-2"
LEGACY_ENCODINGS = {WINDOWS_1250: "cp1250", ISO_8859_2: "iso8859_2"}
# Non-letters that real Central European text holds; any other non-ASCII non-letter
# (¤ ± © ¬ and such) hints that the bytes were read in the wrong encoding.
PLAUSIBLE_SYMBOLS = frozenset("„“”‚‘’–—…°§€\xa0×")
# Letters that Czech text read in the other encoding turns into (š ž Š Ž read as ą ľ © ®):
# rare in this product's Czech and Slovak data, so they count against a reading too.
MISREAD_LETTERS = frozenset("ąĄśŚźŹľĽµ")


def check_csv_bytes(content: bytes) -> None:
    """Refuse what is plainly not CSV text, before decoding it."""
    for signature, kind in BINARY_SIGNATURES.items():
        if content.startswith(signature):
            raise SpreadsheetRejected(
                _("This is a %(kind)s file, not a CSV file.") % {"kind": kind}
            )
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SpreadsheetRejected(
            _("The file is UTF-16 text; save it as “CSV UTF-8 (comma delimited)”.")
        )
    if b"\x00" in content:
        raise SpreadsheetRejected(_("The file contains NUL bytes; it is not a CSV text file."))


def unlikely_characters(text: str) -> int | None:
    """How many characters of `text` look misread; None if it holds control characters."""
    count = 0
    for character in text:
        if character.isascii():
            if not character.isprintable() and character not in "\t\r\n":
                return None
            continue
        category = unicodedata.category(character)
        if category.startswith("C"):
            return None
        if character in MISREAD_LETTERS or (
            not category.startswith(("L", "M")) and character not in PLAUSIBLE_SYMBOLS
        ):
            count += 1
    return count


def decode_csv(content: bytes) -> tuple[str, str]:
    """(text, name of its encoding): UTF-8 (with or without a byte-order mark), else the
    legacy encoding in which the text reads most plausibly; refused if none does."""
    try:
        return content.decode("utf-8-sig"), UTF_8
    except UnicodeDecodeError as error:
        first_bad_line = content[: error.start].count(b"\n") + 1
    readings = []
    for order, (name, codec) in enumerate(LEGACY_ENCODINGS.items()):
        try:
            text = content.decode(codec)
        except UnicodeDecodeError:
            continue
        unlikely = unlikely_characters(text)
        non_ascii = sum(1 for character in text if not character.isascii())
        # A few odd symbols (© in a company name) are fine; mostly odd symbols are not text.
        if unlikely is not None and unlikely * 10 <= non_ascii:
            readings.append((unlikely, order, text, name))
    if not readings:
        raise SpreadsheetRejected(
            _(
                "The file's text encoding was not recognised (first unreadable byte on line "
                "%(line)d). Save it as “CSV UTF-8 (comma delimited)”, or as CSV in "
                "Windows-1250 or ISO-8859-2."
            )
            % {"line": first_bad_line}
        )
    _unlikely, _order, text, name = min(readings)
    return text, name


def delimiter_of(text: str) -> str:
    """Spreadsheets saved in Czech locales separate columns with semicolons, and text copied
    out of a spreadsheet or saved as "Text (Tab delimited)" with tabs. The separator is the
    one that splits most of the first rows into one width of several columns: read as CSV,
    so separators inside quoted cells don't count, and over several rows, as the first may
    be a title above the table."""
    first_lines = "\n".join(text.split("\n", 10)[:10])

    def rows_of_one_width(delimiter: str) -> tuple[int, int]:
        reader = csv.reader(io.StringIO(first_lines, newline=""), delimiter=delimiter)
        try:
            widths = Counter(len(cells) for cells in reader if len(cells) > 1)
        except csv.Error:
            return 0, 0
        agreeing = max(widths.values(), default=0)
        return agreeing, first_lines.count(delimiter)

    return max(",;\t", key=rows_of_one_width)  # the first of equals: a comma


def csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text))
    number = 0
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise SpreadsheetRejected(
                _("The row cannot be read as CSV: %(error)s") % {"error": error}, number
            ) from error
        yield number, cells


def open_sheet(content: bytes):
    """(workbook, sheet): the sheet that was open when the workbook was saved, which is the
    one its owner worked on (a sheet of instructions often comes first), else the first."""
    check_xlsx_package(content)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        active = workbook.active
        sheet = active if active in workbook.worksheets else workbook.worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise SpreadsheetRejected(_("The file is not a readable XLSX workbook.")) from error
    return workbook, sheet


def sheet_bounds(limits: Limits) -> dict:
    # Never trust the sheet's declared dimension: ask for fixed bounds, so no padding beyond.
    return {"min_row": 1, "max_row": scanned_rows(limits) + 1, "max_col": limits.max_columns + 1}


def xlsx_rows(
    workbook, sheet, limits: Limits, formulas: frozenset | set = frozenset()
) -> Iterator[tuple[int, list[str]]]:
    """The sheet's rows as text; refused at the end if a cell of `formulas` (row, column)
    has no saved value, which would otherwise read as empty."""
    unsaved: list[str] = []
    try:
        for number, values in enumerate(
            sheet.iter_rows(**sheet_bounds(limits), values_only=True), start=1
        ):
            if formulas:
                unsaved += [
                    f"{get_column_letter(column)}{number}"
                    for column, value in enumerate(values, start=1)
                    if value is None and (number, column) in formulas
                ]
            cells = [xlsx_text(value) for value in values]
            while cells and not cells[-1]:  # rows come padded to the width asked for
                cells.pop()
            yield number, cells
    except SpreadsheetRejected:
        raise
    except Exception as error:
        raise SpreadsheetRejected(_("The file is not a readable XLSX workbook.")) from error
    finally:
        workbook.close()
    if unsaved:
        raise SpreadsheetRejected(unsaved_formulas_message(unsaved))


def unsaved_formulas_message(cells: list[str]) -> str:
    named = ", ".join(cells[:UNSAVED_CELLS_NAMED]) + (
        ", …" if len(cells) > UNSAVED_CELLS_NAMED else ""
    )
    return ngettext(
        "Cell %(cells)s holds a formula with no saved value; open the file in a spreadsheet "
        "program and save it again, or paste the values in place of the formulas.",
        "%(count)d cells hold formulas with no saved value (%(cells)s); open the file in a "
        "spreadsheet program and save it again, or paste the values in place of the formulas.",
        len(cells),
    ) % {"count": len(cells), "cells": named}


def has_formulas(content: bytes) -> bool:
    """Whether a worksheet of the package holds a formula. A program that writes formulas
    without computing them (openpyxl, scripts) saves no value for them; only then is the
    sheet read a second time, for its formulas."""
    package = zipfile.ZipFile(io.BytesIO(content))
    for member in package.infolist():
        if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
            tail = b""
            with package.open(member) as part:
                while chunk := part.read(256 * 1024):
                    if FORMULA_ELEMENT.search(tail + chunk):
                        return True
                    tail = chunk[-64:]
    return False


def formula_cells(content: bytes, title: str, limits: Limits) -> set[tuple[int, int]]:
    """(row, column) of every formula on the sheet `title`, read without the saved values."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        try:
            return {
                (cell.row, cell.column)
                for row in workbook[title].iter_rows(**sheet_bounds(limits))
                for cell in row
                if cell.data_type == "f"
            }
        finally:
            workbook.close()
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise SpreadsheetRejected(_("The file is not a readable XLSX workbook.")) from error


def xlsx_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_xlsx_package(content: bytes) -> None:
    """Refuse zip bombs and XML with DTDs before any XML parser sees the file."""
    try:
        package = zipfile.ZipFile(io.BytesIO(content))
        members = package.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise SpreadsheetRejected(_("The file is not a readable XLSX workbook.")) from error
    unpacked = 0
    for member in members:
        unpacked += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if unpacked > MAX_XLSX_UNPACKED_BYTES or (
            member.file_size > XLSX_RATIO_CHECKED_FROM and ratio > MAX_XLSX_RATIO
        ):
            raise SpreadsheetRejected(
                _("The workbook unpacks to far more data than it holds; it was not opened.")
            )
    for member in members:
        if member.filename.endswith((".xml", ".rels", ".vml")):
            check_xml_part(package, member)


class XmlRefused(Exception):
    pass


class DepthCounter:
    """Expat callbacks that refuse nesting deeper than any real spreadsheet part needs."""

    def __init__(self):
        self.depth = 0

    def start(self, name, attributes) -> None:
        self.depth += 1
        if self.depth > MAX_XML_DEPTH:
            raise XmlRefused

    def end(self, name) -> None:
        self.depth -= 1


def check_xml_part(package: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Refuse DTDs (entity expansion) anywhere, and deep nesting in well-formed parts."""
    overlap = max(len(marker) for marker in DTD_MARKERS)
    tail = b""
    parser = None
    if member.filename.endswith((".xml", ".rels")):
        counter = DepthCounter()
        parser = expat.ParserCreate()
        parser.StartElementHandler = counter.start
        parser.EndElementHandler = counter.end
    try:
        with package.open(member) as part:
            while chunk := part.read(256 * 1024):
                window = tail + chunk
                if any(marker in window for marker in DTD_MARKERS):
                    raise SpreadsheetRejected(
                        _(
                            "The workbook contains XML declarations that are not allowed; "
                            "it was not opened."
                        )
                    )
                tail = window[-overlap:]
                if parser is not None:
                    try:
                        parser.Parse(chunk, False)
                    except expat.ExpatError:
                        parser = None  # badly formed: openpyxl will refuse it or skip it
    except XmlRefused as error:
        raise SpreadsheetRejected(
            _("The workbook's XML is nested too deeply; it was not opened.")
        ) from error
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, EOFError) as error:
        raise SpreadsheetRejected(_("The file is not a readable XLSX workbook.")) from error


def scanned_rows(limits: Limits) -> int:
    """How many rows, blank or not, a file may have: the header, the rows, some blank ones."""
    return limits.max_rows + 1 + BLANK_ROWS_ALLOWED


def collect(rows: Iterator[tuple[int, list[str]]], limits: Limits) -> list[tuple[int, list[str]]]:
    """Keep non-blank rows, stopping at the first limit passed."""
    table: list[tuple[int, list[str]]] = []
    too_many = SpreadsheetRejected(_("At most %(max)d rows at a time.") % {"max": limits.max_rows})
    for number, cells in rows:
        if number > scanned_rows(limits):
            raise too_many
        if len(cells) > limits.max_columns:
            if any(str(cell).strip() for cell in cells[limits.max_columns :]):
                raise SpreadsheetRejected(
                    _("At most %(max)d columns.") % {"max": limits.max_columns}, number
                )
            cells = cells[: limits.max_columns]
        if not any(cell.strip() for cell in cells):
            continue
        for cell in cells:
            if len(cell) > limits.max_cell_characters:
                raise SpreadsheetRejected(
                    _("A cell is longer than %(max)d characters.")
                    % {"max": limits.max_cell_characters},
                    number,
                )
        if len(table) > limits.max_rows:  # the header and max_rows rows are kept already
            raise too_many
        table.append((number, [restore_cell(cell.strip()) for cell in cells]))
    if not table:
        raise SpreadsheetRejected(_("The file is empty."))
    return table
