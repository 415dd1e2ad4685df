"""PDF through LibreOffice (headless), when it is installed."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..base import messages
from ..base.errors import OutputError
from ..base.files import write_atomic

TIMEOUT_SECONDS = 240


def converter() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(docx: Path, lang: str = "en") -> Path:
    """Write DOCX's PDF beside it; raise :class:`OutputError` with the reason on failure."""
    program = converter()
    if program is None:
        raise OutputError(messages.text("no_pdf_converter", lang))
    target = docx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="mou-pdf-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        try:
            run = subprocess.run(
                [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", tmp, str(docx)],
                capture_output=True, text=True, timeout=TIMEOUT_SECONDS, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise OutputError(messages.text("pdf_failed", lang, file=docx,
                                            reason=f"no answer after {TIMEOUT_SECONDS} s")) from None
        produced = Path(tmp, docx.stem + ".pdf")
        if run.returncode != 0 or not produced.exists():
            reason = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no PDF produced"]
            raise OutputError(messages.text("pdf_failed", lang, file=docx, reason=reason[0]))
        write_atomic(target, produced.read_bytes())
    return target
