"""Reading a certificate PDF the way a person or a phone would: text and QR code."""

import io
import shutil
import subprocess
import unicodedata

import pytest
from pypdf import PdfReader


def pdf_text(data):
    """The page's text as extracted by pypdf, NFC-normalised for comparison."""
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return unicodedata.normalize("NFC", text), len(reader.pages)


def raw_pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def decode_qr(data, tmp_path, resolution=150):
    """Rasterise with pdftoppm and read the QR code with zbarimg (Debian tools)."""
    for tool, package in (("pdftoppm", "poppler-utils"), ("zbarimg", "zbar-tools")):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} missing: apt-get install {package} (.ci/run does)")
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", str(resolution), "-png", "-singlefile", str(pdf), str(pdf)],
        check=True,
        timeout=60,
    )
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", f"{pdf}.png"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result.stdout.strip().splitlines()
