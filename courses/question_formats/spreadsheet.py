"""The question template as a spreadsheet (.xlsx or CSV): reading and writing.

One question per row. Columns are found by their header, Vietnamese or English, with
or without diacritics, wherever the header row is among the first rows (a title may
sit above it): "Câu hỏi", "Loại", "Phương án A" … (as many as needed), "Đáp án
đúng", "Giải thích", "Thẻ năng lực". docs/question-import.md documents them.
"""

import csv
import io
import re
import warnings

import openpyxl
from django.utils.translation import gettext_lazy as _

from people.rosters.cells import cell_text
from people.rosters.cells import folded_words as fold
from people.spreadsheets import FORMULA_STARTS, csv_bytes, xlsx_bytes

from .base import (
    MULTIPLE,
    SINGLE,
    TRUE_FALSE,
    ImportedQuestion,
    ParsedQuestions,
    Problem,
    QuestionFileError,
    lazy_format,
    letter,
    split_tags,
)
from .files import M_CORRUPT, check_workbook_zip, decode

HEADER_SEARCH_ROWS = 20
MAX_ROWS = 3000
MAX_SCANNED_ROWS = 10000
MAX_COLUMNS = 60

FIELDS = {
    "text": {"cau hoi", "noi dung", "noi dung cau hoi", "question", "question text"},
    "kind": {"loai", "loai cau hoi", "dang", "dang cau hoi", "type", "question type"},
    "correct": {
        "dap an dung",
        "dap an",
        "phuong an dung",
        "correct",
        "correct answer",
        "correct answers",
        "answer",
        "key",
    },
    "explanation": {"giai thich", "loi giai", "explanation", "feedback"},
    "tags": {"the nang luc", "nang luc", "the", "competence tags", "tags", "tag"},
}
_CHOICE_HEADER = re.compile(
    r"^(?:(?:phuong an|dap an|lua chon|choice|option|answer) )?([a-z])$"
)
KINDS = {
    "mot dap an": SINGLE,
    "mot dap an dung": SINGLE,
    "single": SINGLE,
    "single choice": SINGLE,
    "nhieu dap an": MULTIPLE,
    "nhieu dap an dung": MULTIPLE,
    "multiple": MULTIPLE,
    "multiple choice": MULTIPLE,
    "dung sai": TRUE_FALSE,
    "true false": TRUE_FALSE,
}
TRUE_WORDS = {"dung", "d", "true", "t"}
FALSE_WORDS = {"sai", "s", "false", "f"}
# How exports write the type; the reader accepts these and the English ones.
KIND_LABELS = {SINGLE: "Một đáp án", MULTIPLE: "Nhiều đáp án", TRUE_FALSE: "Đúng/Sai"}
MIN_CHOICE_COLUMNS = 6

M_NO_HEADER = _(
    "No header row was found. One of the first %(rows)s rows must hold the column "
    "names of the template: “Câu hỏi”, “Phương án A”, “Phương án B” … and “Đáp án "
    "đúng”. Download the template to see them."
)
M_TOO_MANY_ROWS = _("The sheet has more than %(limit)s rows. Split it into files.")
M_FORMULA = _(
    "This cell holds a formula. Copy the column and paste it back as values only "
    "(Paste Special > Values), then save."
)
M_MERGED = _(
    "Cells %(range)s are merged. Unmerge them (Home > Merge & Center) so that each "
    "question and each choice has its own cell."
)
M_KIND = _(
    "Unknown question type “%(value)s”. Write “Một đáp án”, “Nhiều đáp án” or "
    "“Đúng/Sai” (or leave it empty to let the answer decide)."
)
M_NO_ANSWER = _(
    "The correct answer is missing. Write the letter of the right choice (A), the "
    "letters of the right choices (A,C), or Đúng/Sai for a true/false question."
)
M_BAD_LETTER = _(
    "The answer “%(value)s” names no filled-in choice. Use the letters of the "
    "choice columns, for example A or A,C."
)
M_TF_ANSWER = _("A true/false question is answered “Đúng” or “Sai”, not “%(value)s”.")
M_TF_CHOICES = _(
    "A true/false question has no choices. Empty the choice columns, or change the "
    "question type."
)
M_CHOICE_GAP = _(
    "Choice %(letter)s is empty while a later choice is filled. Fill the choices "
    "from A onwards without gaps."
)
M_BAD_CSV = _(
    "Line %(line)s cannot be read: check the quotation marks on that line, or save "
    "the file from Excel as .xlsx."
)


def _field(header):
    folded = fold(header)
    match = _CHOICE_HEADER.match(folded)
    if match:
        return ("choice", ord(match.group(1)) - ord("a"))
    return next((name for name, names in FIELDS.items() if folded in names), None)


def _header(cells):
    """{field: column index} when these cells are the template's header row."""
    columns = {}
    for index, cell in enumerate(cells):
        name = _field(cell_text(cell)) if cell is not None else None
        if name is not None and name not in columns:
            columns[name] = index
    has_choice = any(isinstance(k, tuple) for k in columns)
    if "text" in columns and ("correct" in columns or has_choice):
        return columns
    return None


def _clean(value):
    text = cell_text(value).replace("\r\n", "\n").strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        return text[1:]  # our own exports neutralise formula-like text
    return text


# ---------------------------------------------------------------- reading


def _xlsx_rows(data, problems):
    """[(row number, [cells])] of the first visible sheet; formulas and merged cells
    become problems of their rows."""
    check_workbook_zip(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # any parser failure means a damaged file
        raise QuestionFileError(M_CORRUPT) from exc
    sheets = [s for s in workbook.worksheets if s.sheet_state == "visible"]
    if not sheets:
        raise QuestionFileError(M_CORRUPT)
    sheet = sheets[0]
    for merged in sheet.merged_cells.ranges:
        message = lazy_format(M_MERGED, range=merged.coord)
        problems.append(Problem(merged.min_row, merged.coord, message))
    rows = []
    # Formatting can stretch a sheet's dimensions to a million empty rows; iter_rows
    # would make a cell for each, so only the first rows any question file needs.
    last_row = min(sheet.max_row, MAX_SCANNED_ROWS)
    last_column = min(sheet.max_column, MAX_COLUMNS)
    cells_by_row = sheet.iter_rows(max_row=last_row, max_col=last_column)
    for number, cells in enumerate(cells_by_row, start=1):
        values = []
        for cell in cells:
            if cell.data_type == "f":
                problems.append(Problem(number, cell.coordinate, M_FORMULA))
                values.append(None)
            else:
                values.append(cell.value)
        if any(_clean(v) for v in values):
            rows.append((number, values))
        if len(rows) > MAX_ROWS:
            raise QuestionFileError(lazy_format(M_TOO_MANY_ROWS, limit=MAX_ROWS))
    return rows


def _csv_rows(data):
    text = decode(data)
    lines = text.splitlines()[: HEADER_SEARCH_ROWS * 2]
    delimiter = max(",;\t", key=lambda d: _header_score(lines, d))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, line = [], 0
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((line + 1, cells))
            line = reader.line_num
            if len(rows) > MAX_ROWS:
                raise QuestionFileError(lazy_format(M_TOO_MANY_ROWS, limit=MAX_ROWS))
    except csv.Error as exc:
        raise QuestionFileError(lazy_format(M_BAD_CSV, line=line + 1)) from exc
    return rows


def _header_score(lines, delimiter):
    try:
        for cells in csv.reader(lines, delimiter=delimiter):
            header = _header(cells)
            if header:
                return len(header)
    except csv.Error:
        return 0
    return 0


def read_spreadsheet(data, kind):
    """kind: "xlsx" or "csv"."""
    problems = []
    rows = _xlsx_rows(data, problems) if kind == "xlsx" else _csv_rows(data)
    position, columns, header_cells = _find_header(rows)
    names = {f: header_cells[i] for f, i in columns.items()}
    questions = []
    for number, cells in rows[position + 1 :]:
        question = _read_row(number, cells, columns, names, problems)
        if question is not None:
            questions.append(question)
    return ParsedQuestions(kind, questions, problems)


def _find_header(rows):
    for position, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = _header(cells)
        if columns:
            return position, columns, [_clean(c) for c in cells]
    raise QuestionFileError(lazy_format(M_NO_HEADER, rows=HEADER_SEARCH_ROWS))


def _read_row(number, cells, columns, names, problems):
    def value(name):
        index = columns.get(name)
        return _clean(cells[index]) if index is not None and index < len(cells) else ""

    def problem(name, message):
        problems.append(Problem(number, names.get(name, ""), message))

    letters = sorted(k[1] for k in columns if isinstance(k, tuple))
    filled = [(i, value(("choice", i))) for i in letters]
    while filled and not filled[-1][1]:
        filled.pop()
    for index, text in filled:
        if not text:
            problem(("choice", index), lazy_format(M_CHOICE_GAP, letter=letter(index)))
    choices = [[text, False] for _i, text in filled]
    by_letter = {letter(i): n for n, (i, _t) in enumerate(filled)}
    kind_text, correct = value("kind"), value("correct")
    kind = KINDS.get(fold(kind_text)) if kind_text else None
    if kind_text and kind is None:
        problem("kind", lazy_format(M_KIND, value=kind_text))
        return None
    folded = fold(correct)
    if kind is None:
        if folded in TRUE_WORDS | FALSE_WORDS and not choices:
            kind = TRUE_FALSE
        else:
            kind = MULTIPLE if len(re.findall(r"[a-z]+", folded)) > 1 else SINGLE
    question = ImportedQuestion(
        line=number,
        kind=kind,
        text=value("text"),
        explanation=value("explanation"),
        tags=split_tags(value("tags")),
    )
    if not question.text:
        return question  # the shared checks say what is missing
    # A row whose answer cannot be read is reported once, not again by the shared
    # checks ("no choice is marked correct").
    if not correct:
        problem("correct", M_NO_ANSWER)
        return None
    if kind == TRUE_FALSE:
        if choices:
            problem(("choice", filled[0][0]), M_TF_CHOICES)
            return None
        if folded not in TRUE_WORDS | FALSE_WORDS:
            problem("correct", lazy_format(M_TF_ANSWER, value=correct))
            return None
        question.answer = folded in TRUE_WORDS
        return question
    for mark in re.split(r"[\s,;/]+", correct.strip().upper()):
        if mark not in by_letter:
            problem("correct", lazy_format(M_BAD_LETTER, value=correct))
            return None
        choices[by_letter[mark]][1] = True
    question.choices = choices
    return question


# ---------------------------------------------------------------- writing


def header(choice_count=MIN_CHOICE_COLUMNS):
    choice_count = max(choice_count, MIN_CHOICE_COLUMNS)
    return [
        "Câu hỏi",
        "Loại",
        *[f"Phương án {letter(i)}" for i in range(choice_count)],
        "Đáp án đúng",
        "Giải thích",
        "Thẻ năng lực",
    ]


def row(question, choice_count):
    choice_count = max(choice_count, MIN_CHOICE_COLUMNS)
    texts = [text for text, _correct in question.choices]
    if question.kind == TRUE_FALSE:
        correct = "Đúng" if question.answer else "Sai"
    else:
        correct = ",".join(
            letter(i) for i, (_t, right) in enumerate(question.choices) if right
        )
    return [
        question.text,
        KIND_LABELS[question.kind],
        *(texts + [""] * (choice_count - len(texts))),
        correct,
        question.explanation,
        ", ".join(question.tags),
    ]


def write_spreadsheet(questions, kind, title, notes=()):
    width = max([len(q.choices) for q in questions] + [MIN_CHOICE_COLUMNS])
    rows = [row(q, width) for q in questions]
    if kind == "csv":
        return csv_bytes(header(width), rows)
    # Excel forbids these in a sheet's name (openpyxl raises); bank names may hold them.
    title = re.sub(r"[\[\]:*?/\\]", " ", title).strip() or "Câu hỏi"
    return xlsx_bytes(title, header(width), rows, notes=notes)
