"""Class lists (rosters): from an uploaded file to student accounts and login slips.

Coordinators upload whatever their school's system or their own Excel produced:
UTF-8 with or without BOM, Excel's "Unicode text" (UTF-16, tab separated), old
Windows-1258 files with combining tone marks, commas or semicolons, title rows above
the header, headers with or without diacritics, names in one column or two. The
reader turns all of them into the same validated rows, and refuses anything else
(wrong format, disguised or oversized files) with one clear message, so that the
preview, the confirm step, the Celery task and the benchmark all read a file the
same way.

What is required: a name column ("Họ và tên", or "Họ đệm" + "Tên") and at least one
of "Mã học sinh", "Số định danh cá nhân" or "Ngày sinh" — without one of these a
student could not be recognised when a corrected list is imported again. Each row
must likewise fill in at least one of them.

Dates are always day first (dd/mm/yyyy). A month-first date is caught only when the
month would be above 12; "03/05/2010" is read as 3 May and cannot be told apart.

The modules, in the order a file goes through them:

- ``limits``: sizes and counts a class list may not exceed;
- ``messages``: every message the coordinator may be shown, and ``RosterFileError``;
- ``files``: reading the upload, refusing known non-spreadsheet formats, .xlsx rows;
- ``decoding``: text files (CSV, Excel's "Unicode text"): encoding and delimiter;
- ``cells``: what a cell says, as the coordinator sees it in Excel;
- ``headers``: finding the header row and which column holds which field;
- ``fields``: checking and cleaning one cell of each field;
- ``reader``: ``read_roster`` (rows and problems) and ``error_rows_csv``;
- ``importing``: matching rows to students, the preview, the all-or-nothing apply;
- ``jobs``: the import as background work (read → preview → apply → slips);
- ``slips``: the login slips PDF.
"""
