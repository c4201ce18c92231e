"""QR codes drawn as one PDF path.

ReportLab's QR widget draws every dark module as its own rectangle: thousands of
drawing operations per certificate, the main cost of rendering one. Here the module
matrix comes from ReportLab's own encoder and each run of dark modules in a row
becomes one rectangle of a single filled path.
"""

from functools import cache

from reportlab.graphics.barcode import qrencoder

# ReportLab rebuilds the Reed-Solomon generator polynomial (a pure-Python product of
# up to 30 factors) for every block of every code, though it depends only on the
# block's error-correction length: a third of a certificate's rendering time.
# Built once per length instead; the encoder only reads it.
qrencoder.QRUtil.getErrorCorrectPolynomial = staticmethod(
    cache(qrencoder.QRUtil.getErrorCorrectPolynomial)
)
_original_mod = qrencoder.QRPolynomial.mod


def _remainder(self, divisor):
    """The error-correction remainder by long division in one loop over tables.

    Same result as ReportLab's ``QRPolynomial.mod``, which recurses once per data
    byte and rebuilds the whole polynomial each time (the other third).
    """
    generator = divisor.num
    size = len(generator)
    num = list(self.num)
    if len(num) < size:
        return self
    log, exp = qrencoder.LOG_TABLE, qrencoder.EXP_TABLE
    generator_log = [log[c] if c else None for c in generator]
    lead = generator_log[0]
    for i in range(len(num) - size + 1):
        coefficient = num[i]
        if coefficient:
            ratio = log[coefficient] - lead
            for j in range(1, size):
                if generator_log[j] is not None:
                    num[i + j] ^= exp[(generator_log[j] + ratio) % 255]
            num[i] = 0
    return qrencoder.QRPolynomial(num[len(num) - size + 1 :], 0)


qrencoder.QRPolynomial.mod = _remainder
# Mask pattern 0 instead of the best of eight: choosing the best means building the
# symbol eight times, and every reader decodes any mask.
_MASK = 0


def qr_matrix(data, level="M"):
    """Rows of booleans (True = dark) for ``data``, smallest version that fits."""
    level_value = getattr(qrencoder.QRErrorCorrectLevel, level)
    code = qrencoder.QRCode(None, level_value)
    code.addData(qrencoder.QR8bitByte(data))
    code.version = code.calculate_version()
    code.makeImpl(False, _MASK)
    return code.modules


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
