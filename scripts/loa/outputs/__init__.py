"""Outputs: what the content model becomes (leaflets today; pages, covers and the rest as they move here)."""
