"""What a class list upload may not exceed, and the lengths of the fields it fills."""

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 3000
# The header row must be among the first non-blank rows (title rows come above it).
HEADER_SEARCH_ROWS = 20
MAX_COLUMNS = 256
# An .xlsx is a zip: refuse one that unpacks to far more than any class list could.
# Python's zipfile never returns more bytes than an entry declares (and checks the
# CRC), so checking the declared sizes before openpyxl opens the file is enough.
MAX_XLSX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_XLSX_ENTRIES = 1000
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_MIN_BYTES = 1024 * 1024
MAX_AGE_YEARS = 100
# Limits of the fields they end up in (people.User, people.SchoolClass).
MAX_NAME_LENGTH = 150
MAX_CODE_LENGTH = 32
MAX_CLASS_LENGTH = 50
MAX_PHONE_LENGTH = 20
