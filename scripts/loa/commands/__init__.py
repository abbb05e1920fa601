"""The `loa` commands, one function per command (`run_<command>`), called by `cli.py` with the parsed arguments.

`common` holds what they share (the site's settings, problem reports, exit codes);
`build` checks and publishes; `editing` serves editors and translators between builds.
"""
