"""`mou serve`: a local web form for writing specs (the optional ``web`` extra).

Importing this package needs Flask and ruamel.yaml (``pip install 'mou_builder[web]'``);
the command line imports it only when ``mou serve`` runs.
"""
