"""PDF through LibreOffice (headless), when it is installed."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..base import messages
from ..base.errors import OutputError

TIMEOUT_SECONDS = 240


def converter() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(docx: bytes, name: str, lang: str = "en") -> bytes:
    """The PDF of the DOCX bytes ``docx`` (``name``: the document's file name, for messages);
    raise :class:`OutputError` with the reason on failure."""
    program = converter()
    if program is None:
        raise OutputError(messages.text("no_pdf_converter", lang))
    with tempfile.TemporaryDirectory(prefix="mou-pdf-") as tmp:
        source = Path(tmp, "document.docx")
        source.write_bytes(docx)
        profile = Path(tmp, "profile").as_uri()
        try:
            run = subprocess.run(
                [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", tmp, str(source)],
                capture_output=True, text=True, timeout=TIMEOUT_SECONDS, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise OutputError(messages.text("pdf_failed", lang, file=name,
                                            reason=f"no answer after {TIMEOUT_SECONDS} s")) from None
        produced = Path(tmp, "document.pdf")
        if run.returncode != 0 or not produced.exists():
            reason = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no PDF produced"]
            raise OutputError(messages.text("pdf_failed", lang, file=name, reason=reason[0]))
        return produced.read_bytes()
