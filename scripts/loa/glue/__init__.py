"""Glue: the only code that knows MkDocs. Replace this package to change site engine."""
