"""QR codes drawn as one PDF path.

ReportLab's QR widget draws every dark module as its own rectangle: thousands of
drawing operations per certificate. Here the module matrix comes from segno and each
run of dark modules in a row becomes one rectangle of a single filled path.
"""

import segno


def qr_matrix(data, level="M"):
    """Rows of booleans (True = dark) for ``data``, smallest version that fits."""
    # Mask 0 instead of the best of eight: choosing means building the symbol eight
    # times (four times the cost here), and every reader decodes any mask.
    code = segno.make(data, error=level, micro=False, boost_error=False, mask=0)
    return [[bool(module) for module in row] for row in code.matrix]


def dark_runs(matrix):
    """(row, first column, length) of each horizontal run of dark modules."""
    runs = []
    for row_index, row in enumerate(matrix):
        start = None
        for col, dark in enumerate(row):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                runs.append((row_index, start, col - start))
                start = None
        if start is not None:
            runs.append((row_index, start, len(row) - start))
    return runs


def draw_qr(canvas, data, x, y, size, quiet_zone=2):
    """Draw the code for ``data`` in the square (x, y, size), on a white patch.

    ``quiet_zone`` is in modules; with the white patch it keeps the code readable on
    top of a background image.
    """
    matrix = qr_matrix(data)
    count = len(matrix)
    module = size / (count + 2 * quiet_zone)
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    # In module units, every coordinate is a small integer: a short content stream.
    canvas.translate(x + quiet_zone * module, y + size - quiet_zone * module)
    canvas.scale(module, -module)
    path = canvas.beginPath()
    for row, col, length in dark_runs(matrix):
        path.rect(col, row, length, 1)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
    return count
