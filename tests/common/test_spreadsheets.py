import csv
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import example, given, settings
from hypothesis import strategies as st

from modus.common.spreadsheets import (
    Limits,
    SafeCsvWriter,
    SpreadsheetRejected,
    read_table,
    restore_cell,
    safe_cell,
)

LIMITS = Limits(max_bytes=1024 * 1024, max_rows=100)
SHEET = "xl/worksheets/sheet1.xml"


def xlsx(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_part(content: bytes, name: str, change) -> bytes:
    """The workbook with one part's XML changed (or added)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, change(data) if info.filename == name else data)
    return buffer.getvalue()


def upload(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def rejection(content: bytes, name: str, limits: Limits = LIMITS) -> SpreadsheetRejected:
    with pytest.raises(SpreadsheetRejected) as rejected:
        read_table(upload(content, name), limits)
    return rejected.value


GOOD = [["email", "first_name"], ["eva@example.org", "Eva"]]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+420 777 123 456", "'+420 777 123 456"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Eva", "Eva"),
        ("", ""),
        ("'quoted already", "'quoted already"),
        (-5, -5),
        (2.5, 2.5),
        (None, None),
    ],
)
def test_safe_cell_quotes_text_that_would_start_a_formula(value, written):
    assert safe_cell(value) == written


@pytest.mark.parametrize(
    "value", ["=1+1", "+420 777", "-x", "@A1", "\tx", "\rx", "Eva", "'plain", "''=x", ""]
)
def test_restore_cell_undoes_safe_cell(value):
    assert restore_cell(safe_cell(value)) == value


def test_safe_csv_writer_neutralises_every_cell():
    stream = io.StringIO()
    SafeCsvWriter(stream).writerows([["=1+1", "ok", 3], ["@x", "-y", -4]])
    assert list(csv.reader(io.StringIO(stream.getvalue()))) == [
        ["'=1+1", "ok", "3"],
        ["'@x", "'-y", "-4"],
    ]


def test_a_good_csv_and_xlsx_read_the_same():
    text = "email,first_name\neva@example.org,Eva\n\n"
    expected = [(1, ["email", "first_name"]), (2, ["eva@example.org", "Eva"])]
    assert read_table(upload(text.encode(), "r.csv"), LIMITS) == expected
    assert read_table(upload(xlsx(GOOD), "r.xlsx"), LIMITS) == expected


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_comma_semicolon_and_tab_separated_csv_read_the_same(delimiter):
    text = f"email{delimiter}name\neva@example.org{delimiter}Horáková, Eva\n"
    if delimiter == ",":
        text = text.replace("Horáková, Eva", '"Horáková, Eva"')
    expected = [(1, ["email", "name"]), (2, ["eva@example.org", "Horáková, Eva"])]
    assert read_table(upload(text.encode(), "r.csv"), LIMITS) == expected


def test_the_separator_is_the_one_that_splits_rows_alike_not_the_most_frequent():
    """Addresses and lists of sectors hold more commas than the semicolons between cells."""
    text = (
        "email;organisation;sectors\n"
        "eva@example.org;Optika, s.r.o.;lasers, optics, fibres, sensors\n"
        "jan@example.org;Strojírny, a.s.;machining, welding, robots\n"
    )
    assert read_table(upload(text.encode(), "r.csv"), LIMITS)[1] == (
        2,
        ["eva@example.org", "Optika, s.r.o.", "lasers, optics, fibres, sensors"],
    )


def test_read_table_takes_off_the_quote_an_export_added():
    text = "email,phone\neva@example.org,'+420 777\n"
    assert read_table(upload(text.encode(), "r.csv"), LIMITS)[1] == (
        2,
        ["eva@example.org", "+420 777"],
    )


def test_a_file_over_the_size_limit_is_refused_before_reading():
    class Oversized:
        name, size = "r.csv", LIMITS.max_bytes + 1

        def read(self, *args):
            raise AssertionError("read")

    with pytest.raises(SpreadsheetRejected) as rejected:
        read_table(Oversized(), LIMITS)
    assert rejected.value.message == "The file is larger than 1 MB."


def test_a_workbook_named_csv_is_read_as_the_workbook_it_is():
    assert read_table(upload(xlsx(GOOD), "export.csv"), LIMITS) == [
        (1, ["email", "first_name"]),
        (2, ["eva@example.org", "Eva"]),
    ]


def test_an_opendocument_spreadsheet_is_named_as_such():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", "<office:document-content/>")
    message = (
        "This is an OpenDocument spreadsheet (.ods), which cannot be read here; "
        "save it as XLSX or as CSV and upload that."
    )
    assert rejection(buffer.getvalue(), "ucastnici.ods").message == message
    assert rejection(buffer.getvalue(), "ucastnici.csv").message == message


def test_a_png_named_csv_is_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(50)
    assert rejection(png, "r.csv").message == "This is a PNG file, not a CSV file."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"email;first_name\nx@example.org;\x81\x90\x98\n",
            "The file's text encoding was not recognised (first unreadable byte on line 2). "
            "Save it as “CSV UTF-8 (comma delimited)”, or as CSV in Windows-1250 or "
            "ISO-8859-2.",
        ),
        (
            "email,first_name\n".encode("utf-16"),
            "The file is UTF-16 text; save it as “CSV UTF-8 (comma delimited)”.",
        ),
        (b"email,first\x00name\n", "The file contains NUL bytes; it is not a CSV text file."),
        (b"", "The file is empty."),
        (b"\n\n , \n", "The file is empty."),
    ],
)
def test_csv_that_is_not_text_is_refused(content, message):
    assert rejection(content, "r.csv").message == message


def test_a_10000_character_cell_is_refused_with_its_row():
    text = "email,first_name\neva@example.org,Eva\nx@example.org," + "x" * 10_000 + "\n"
    rejected = rejection(text.encode(), "r.csv")
    assert (rejected.row, rejected.message) == (3, "A cell is longer than 1000 characters.")


def test_a_cell_past_the_csv_modules_own_limit_is_refused_with_its_row():
    text = 'email,first_name\nx@example.org,"' + "x" * 200_000 + '"\n'
    rejected = rejection(text.encode(), "r.csv")
    assert rejected.row == 2
    assert rejected.message.startswith("The row cannot be read as CSV:")


def test_too_many_rows_are_refused():
    text = "email\n" + "".join(f"p{n}@example.org\n" for n in range(101))
    assert rejection(text.encode(), "r.csv").message == "At most 100 rows at a time."
    assert len(read_table(upload(text.encode()[: text.rindex("p100")], "r.csv"), LIMITS)) == 101


def test_too_many_columns_are_refused():
    text = ",".join(f"c{n}" for n in range(51)) + "\n"
    rejected = rejection(text.encode(), "r.csv")
    assert (rejected.row, rejected.message) == (1, "At most 50 columns.")


def test_an_xlsx_that_declares_a_huge_sheet_is_refused_after_a_few_rows():
    """About 1 KB that claims A1:XFD1048576 with a cell at the far corner: once this built a
    million padded rows of 16,384 cells."""
    content = with_part(
        xlsx(GOOD),
        SHEET,
        lambda data: data.replace(
            b'<dimension ref="A1:B2" />', b'<dimension ref="A1:XFD1048576"/>'
        ).replace(
            b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
        ),
    )
    assert len(content) < 8000
    assert rejection(content, "r.xlsx").message == "At most 100 rows at a time."


def test_an_xlsx_zip_bomb_is_refused_before_it_is_opened():
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package,
        package.open(SHEET, "w") as sheet,
    ):
        for _ in range(300):
            sheet.write(b" " * (1024 * 1024))
    content = buffer.getvalue()
    assert len(content) < LIMITS.max_bytes
    assert rejection(content, "r.xlsx").message == (
        "The workbook unpacks to far more data than it holds; it was not opened."
    )


def test_a_highly_compressed_part_is_refused_even_under_the_total_size():
    content = with_part(
        xlsx(GOOD),
        SHEET,
        lambda data: data.replace(
            b"<sheetData>", b"<sheetData>" + b"<a>" * 300_000 + b"</a>" * 300_000
        ),
    )
    assert rejection(content, "r.xlsx").message == (
        "The workbook unpacks to far more data than it holds; it was not opened."
    )


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">'
        % (level, (b"&lol%s;" % (b"%d" % (level - 1) if level > 1 else b"")) * 10)
        for level in range(1, 10)
    )
    + b"]>"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
@pytest.mark.parametrize("part", [SHEET, "xl/workbook.xml", "[Content_Types].xml"])
def test_entity_expansion_in_an_xlsx_is_refused_not_expanded(part, encoding):
    def laughs(data: bytes) -> bytes:
        text = (LAUGHS + data.replace(b"<t>Eva</t>", b"<t>&lol9;</t>")).decode()
        return text.replace('version="1.0"?>', f'version="1.0" encoding="{encoding}"?>', 1).encode(
            encoding
        )

    content = with_part(xlsx(GOOD), part, laughs)
    assert rejection(content, "r.xlsx").message == (
        "The workbook contains XML declarations that are not allowed; it was not opened."
    )


@pytest.mark.parametrize(
    "content", [b"PK\x03\x04 not really a zip", b"email,first_name\n", b"\x89PNG\r\n"]
)
def test_a_damaged_or_mislabelled_xlsx_is_refused(content):
    assert rejection(content, "r.xlsx").message == "The file is not a readable XLSX workbook."


def test_xlsx_numbers_read_as_the_text_a_person_typed():
    rows = read_table(upload(xlsx([["phone", "n"], [420777123456, 2.5]]), "r.xlsx"), LIMITS)
    assert rows[1] == (2, ["420777123456", "2.5"])


def test_deeply_nested_xml_in_an_xlsx_is_refused():
    # Distinct tag names compress poorly, so the zip ratio check alone would not catch it.
    opening = b"".join(b"<n%d>" % level for level in range(5000))
    closing = b"".join(b"</n%d>" % level for level in reversed(range(5000)))
    nested = b"<sheetData>" + opening + closing
    content = with_part(xlsx(GOOD), SHEET, lambda data: data.replace(b"<sheetData>", nested))
    assert rejection(content, "r.xlsx").message == (
        "The workbook's XML is nested too deeply; it was not opened."
    )


CZECH = "email;first_name;last_name\nx@example.org;Jiří;Šťastný\ny@example.org;Kůň;Žluťoučký\n"
CZECH_ROWS = [
    (1, ["email", "first_name", "last_name"]),
    (2, ["x@example.org", "Jiří", "Šťastný"]),
    (3, ["y@example.org", "Kůň", "Žluťoučký"]),
]


@pytest.mark.parametrize(
    ("codec", "encoding"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8"),
        ("cp1250", "Windows-1250"),
        ("iso8859_2", "ISO-8859-2"),
    ],
)
def test_czech_csv_is_read_in_the_encoding_it_was_saved_in(codec, encoding):
    table = read_table(upload(CZECH.encode(codec), "r.csv"), LIMITS)
    assert (table, table.encoding) == (CZECH_ROWS, encoding)


def test_iso_8859_2_czech_without_the_letters_that_differ_is_read_as_windows_1250():
    """Where both readings give the same letters, the first of the order is named."""
    table = read_table(
        upload("email,name\nx@example.org,Dvořák\n".encode("iso8859_2"), "r.csv"), LIMITS
    )
    assert (table[1], table.encoding) == ((2, ["x@example.org", "Dvořák"]), "Windows-1250")


def test_czech_text_in_iso_8859_2_is_not_misread_as_windows_1250():
    """š and ž in ISO-8859-2 are ą and ľ in Windows-1250: the plausible reading wins."""
    content = "email,name\nx@example.org,Příliš žlutý\n".encode("iso8859_2")
    table = read_table(upload(content, "r.csv"), LIMITS)
    assert (table[1], table.encoding) == ((2, ["x@example.org", "Příliš žlutý"]), "ISO-8859-2")


def test_an_xlsx_names_no_text_encoding():
    assert read_table(upload(xlsx([["email"], ["x@example.org"]]), "r.xlsx"), LIMITS).encoding == ""


# Text as the forms store it: no NUL or other control characters, no surrounding blanks.
STORED_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40
).map(str.strip)


@given(st.lists(st.lists(STORED_TEXT, min_size=3, max_size=3), min_size=1, max_size=8))
@example([["'=SUM(A1)", "Σοφία", "+420 777 123 456"], ["@home", "", "-"]])
# More semicolons inside quoted cells than commas between them (found by hypothesis).
@example([[";", ";;", ";;"]])
@settings(max_examples=300, deadline=None)
def test_what_an_export_writes_reads_back_unchanged(rows):
    """Formula-like text ("=SUM(A1)", "+420", "'=x"), any script, quotes and separators:
    a file written with SafeCsvWriter reads back cell for cell."""
    rows = [row for row in rows if any(row)]
    stream = io.StringIO()
    SafeCsvWriter(stream).writerows([["email", "first_name", "last_name"], *rows])
    table = read_table(upload(stream.getvalue().encode(), "export.csv"), LIMITS)
    assert [cells + [""] * (3 - len(cells)) for _number, cells in table[1:]] == rows


@pytest.mark.parametrize("value", ["=1+1", "'=1+1", "''=1+1", "+420 777", "'", "'quoted", "-"])
def test_a_quoted_cell_is_restored_to_what_was_written(value):
    assert restore_cell(safe_cell(value)) == value


def test_a_formula_with_no_saved_value_is_refused_naming_its_cell():
    """openpyxl (as scripts use it) writes formulas without computing them: the cell would
    read as empty, and a required column would seem blank."""
    content = xlsx([["email", "first_name", "last_name", "role"], ["a@b.org", "A", "B", "=D3"]])
    assert rejection(content, "r.xlsx").message == (
        "Cell D2 holds a formula with no saved value; open the file in a spreadsheet program "
        "and save it again, or paste the values in place of the formulas."
    )
    # What Excel or LibreOffice saves, the formula and the value it last computed, is read.
    saved = with_part(
        xlsx([["email", "n"], ["eva@example.org", "=1+1"]]),
        SHEET,
        lambda data: data.replace(b"<f>1+1</f><v />", b"<f>1+1</f><v>2</v>"),
    )
    assert read_table(upload(saved, "r.xlsx"), LIMITS)[1] == (2, ["eva@example.org", "2"])


def test_every_formula_with_no_saved_value_is_counted_and_the_first_ten_named():
    rows = [["email", "first_name"]] + [[f'=LOWER("P{n}@B.ORG")', "P"] for n in range(12)]
    message = rejection(xlsx(rows), "r.xlsx").message
    assert message.startswith(
        "12 cells hold formulas with no saved value (A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, …)"
    )
