"""Translation: what a reader of one language sees, interface strings, and the translators' workflow."""
