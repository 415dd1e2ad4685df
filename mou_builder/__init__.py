"""mou_builder: partnership agreements between local authorities, from a YAML spec to DOCX."""

__version__ = "0.1.0"
