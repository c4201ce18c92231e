"""Vietnamese demo content for ``manage.py load_demo``: data in ``courses.py`` and
``organisations.csv``, the logic in ``loader.py``."""
