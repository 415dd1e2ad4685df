"""The clause library and the layout templates. Takes folders of clause files and DOCX
templates; gives checked ``Clause``s and templates, the sandbox that renders them, and translations' state.
"""
