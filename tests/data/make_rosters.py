"""Write the roster test files of this folder, byte for byte the same every time.

Run ``.venv/bin/python -m tests.data.make_rosters`` after changing it (or the modules
it gathers: roster_good_files, roster_broken_files); the tests check that the
committed files are what this script writes. Large files (too many
rows, too big, zip bombs) are not committed: the tests build them in a temporary
folder with roster_large_files.

roster_10A1_utf8-bom.csv and roster_10A2_title-rows.xlsx are copies of the shared
samples, not written here. Every name, code and ID is made up.
"""

import sys
from pathlib import Path

from tests.data.roster_broken_files import (
    bad_cells,
    bad_dates,
    bad_xml_xlsx,
    binary_garbage,
    blank_names_and_footer,
    corrupt_xlsx,
    duplicate_column,
    duplicates,
    empty_first_sheet,
    header_only,
    missing_id_columns,
    missing_name_column,
    month_first_dates,
    no_header,
    numeric_ids_xlsx,
    ods_file,
    ole_file,
    pdf_renamed,
    scientific_ids,
    short_id,
    text_in_id,
    web_page_xls,
)
from tests.data.roster_good_files import (
    cp1258_decomposed,
    excel_dates,
    nfd_names,
    no_diacritics_capitals,
    two_row_header,
    utf8_semicolon,
    utf16_be,
    utf16_tab,
)

HERE = Path(__file__).resolve().parent

FILES = {
    "roster_10A3_utf8-semicolon.csv": utf8_semicolon,
    "roster_10A4_utf16-tab.txt": utf16_tab,
    "roster_10A5_utf16-be.csv": utf16_be,
    "roster_10A6_cp1258.csv": cp1258_decomposed,
    "roster_10A7_excel-dates.xlsx": excel_dates,
    "roster_10A8_no-diacritics.csv": no_diacritics_capitals,
    "roster_10A9_two-row-header.xlsx": two_row_header,
    "roster_nfd-names.csv": nfd_names,
    "broken_missing-name-column.csv": missing_name_column,
    "broken_missing-id-columns.csv": missing_id_columns,
    "broken_bad-dates.csv": bad_dates,
    "broken_month-first-dates.csv": month_first_dates,
    "broken_duplicates.csv": duplicates,
    "broken_text-in-id.csv": text_in_id,
    "broken_short-id.csv": short_id,
    "broken_scientific-ids.csv": scientific_ids,
    "broken_empty.csv": lambda: b"",
    "broken_header-only.csv": header_only,
    "broken_no-header.csv": no_header,
    "broken_binary-garbage.csv": binary_garbage,
    "broken_pdf-renamed.csv": pdf_renamed,
    "broken_old-excel.xls": lambda: ole_file("Workbook"),
    "broken_word.doc": lambda: ole_file("WordDocument"),
    "broken_password.xlsx": lambda: ole_file("EncryptedPackage"),
    "broken_corrupt.xlsx": corrupt_xlsx,
    "broken_bad-xml.xlsx": bad_xml_xlsx,
    "broken_empty-first-sheet.xlsx": empty_first_sheet,
    "broken_numeric-ids.xlsx": numeric_ids_xlsx,
    "broken_web-page.xls": web_page_xls,
    "broken_libreoffice.ods": ods_file,
    "broken_bad-cells.csv": bad_cells,
    "broken_blank-names.csv": blank_names_and_footer,
    "broken_duplicate-column.csv": duplicate_column,
}


def write_all(folder=HERE):
    folder = Path(folder)
    for name, make in FILES.items():
        (folder / name).write_bytes(make())
    return sorted(FILES)


if __name__ == "__main__":
    write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
