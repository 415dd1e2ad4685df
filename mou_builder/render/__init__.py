"""RENDER. Takes assembled ``Document``s and a layout template; gives DOCX bytes (one language,
side by side or one after the other), right to left where needed, tracked changes applied; reads a DOCX back as text.
"""
