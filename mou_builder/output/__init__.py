"""RECORD. Takes rendered DOCX bytes; gives reproducible packages, build records that tell our
files from edited ones, and PDFs through LibreOffice.
"""
