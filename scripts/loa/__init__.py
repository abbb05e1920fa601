"""Loa: awareness campaigns written once in YAML, published as a multilingual website and print-ready leaflets.

The folders are the stages, in the order data flows: content/ -> translation/ -> checks/ and
outputs/ -> generate.py -> glue/ (the site engine) -> cli.py. See docs/guide/architecture.md.
"""
