"""The fonts the browser tests see: chosen here, never taken from the machine.

Chromium on Linux asks fontconfig for every font. Each test browser gets its own
fontconfig file that knows only the fonts `scripts/setup --test` installs
(Debian's fonts-roboto-unhinted and fonts-dejavu-core) and maps every generic
family and every name in Material's font stack to one of them:

- "Roboto": what Android phones, the readers' phones, use for `sans-serif`;
- "DejaVu Sans": a wider fallback, as on a phone or PC whose font is broader.

So a layout measured in a test (the hotline above the fold, tap targets, no
sideways scrolling) gives the same answer on every machine.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

FONT_DIRS = {
    "Roboto": "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF",
    "DejaVu Sans": "/usr/share/fonts/truetype/dejavu",
}
TEST_FONTS = tuple(FONT_DIRS)
# Material's stack (-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif) and the generic families
ALIASES = ("sans-serif", "serif", "monospace", "system-ui", "-apple-system", "BlinkMacSystemFont", "Helvetica", "Arial")


def fontconfig_file(family: str, folder: Path) -> Path:
    """A fontconfig file for Chromium (FONTCONFIG_FILE) where every family is `family`."""
    font_dir = Path(FONT_DIRS[family])
    if not font_dir.is_dir():
        raise RuntimeError(f"{family} is not installed ({font_dir}): run scripts/setup --test")
    dirs = "\n".join(f"  <dir>{escape(d)}</dir>" for d in FONT_DIRS.values() if Path(d).is_dir())
    aliases = "\n".join(
        f'  <alias binding="strong"><family>{escape(name)}</family><prefer><family>{escape(family)}</family></prefer></alias>'
        for name in ALIASES)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"fonts-{family.replace(' ', '-')}.conf"
    path.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
{dirs}
  <cachedir>{escape(str(folder / 'cache'))}</cachedir>
{aliases}
</fontconfig>
""", encoding="utf-8")
    return path


def fonts_used(page, selector: str) -> set[str]:
    """The fonts Chromium really drew the first `selector` element's text with (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()
    return {font["familyName"] for font in fonts}
