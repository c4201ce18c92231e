"""Vietnamese demo content for ``manage.py load_demo``: the texts as data files in
``content/`` (read by ``reader``), the loading logic in ``loader`` and its parts."""
