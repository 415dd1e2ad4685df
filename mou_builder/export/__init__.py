"""EXPORT: open data and the portfolio view, on top of the pipeline.

``iati`` writes an IATI 2.03 activity file, ``report`` a self-contained HTML page
for a folder of specs. They read agreements through the public API (``api``)
and the model, and format values with the LOCALISE stage; nothing below imports them.
"""
