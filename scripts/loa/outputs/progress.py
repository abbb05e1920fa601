"""Progress: a bar on stderr for long steps (rendering leaflets), shown only to a person at a terminal.

In CI, in logs and in pipes there is no bar: a build log should hold messages
that mean something, not hundreds of redrawn lines. The bar is tqdm's.
"""

from __future__ import annotations

import os
import sys


def interactive() -> bool:
    """True when someone is watching: stderr is a terminal and no CI system says it runs us."""
    return sys.stderr.isatty() and not os.environ.get("CI")


class _NoBar:
    def update(self, count: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def progress_bar(total: int, label: str, unit: str, enabled: bool):
    """A bar with `update()` and `close()`; a silent one when disabled, not interactive, or nothing to do."""
    if not (enabled and total > 0 and interactive()):
        return _NoBar()
    from tqdm import tqdm  # only when a bar is shown

    return tqdm(total=total, desc=label, unit=f" {unit}", file=sys.stderr, dynamic_ncols=True, leave=True,
                bar_format="{desc}: {n_fmt}/{total_fmt} |{bar}| {elapsed}<{remaining}")
