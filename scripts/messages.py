"""The catalog of Loa's own messages: extracted from the code, translated in loa.po, compiled to loa.mo.

Babel does the gettext work (extraction, PO and MO files); this script adds
what Babel does not check: that every message has its Vietnamese, that the
Vietnamese keeps the message's {fields}, that every `_()` is given one
string literal (an f-string would never be found in the catalog), and that
loa.mo is compiled from the loa.po beside it.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "scripts" / "loa"
CATALOG_DIR = PACKAGE / "locale" / "vi" / "LC_MESSAGES"
PO, MO = CATALOG_DIR / "loa.po", CATALOG_DIR / "loa.mo"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
FIELD = re.compile(r"\{(\w*)[^{}]*\}")


def extracted() -> Catalog:
    """Every message the code asks for, as a template."""
    template = Catalog(project="Loa", locale=None)
    found = extract_from_dir(str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS,
                             comment_tags=("Translators:",), strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def current() -> Catalog:
    if PO.exists():
        with PO.open("rb") as f:
            return read_po(f, locale="vi", domain="loa")
    return Catalog(locale="vi", domain="loa", project="Loa", version="1", copyright_holder="the Loa developers",
                   msgid_bugs_address="the Loa developers", last_translator="the Loa developers",
                   language_team="the Loa developers", fuzzy=False,
                   header_comment="# Loa's own messages in Vietnamese: see scripts/loa/messages.py.\n",
                   creation_date=datetime.datetime.now(datetime.timezone.utc))


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=0, no_location=True, omit_header=False, sort_output=True, ignore_obsolete=True)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def fields(text: str) -> set[str]:
    return set(FIELD.findall(text.replace("{{", "").replace("}}", "")))


def translation_problems(catalog: Catalog, template: Catalog) -> list[str]:
    problems = []
    for message in template:
        if not message.id:
            continue
        ours = catalog.get(message.id)
        shown = message.id if isinstance(message.id, str) else message.id[0]
        where = ", ".join(f"{f}:{n}" for f, n in message.locations[:2])
        if ours is None or not ours.string or (isinstance(ours.string, tuple) and not all(ours.string)):
            problems.append(f"{where}: no Vietnamese for: {shown!r}")
            continue
        if ours.fuzzy:
            problems.append(f"{where}: the Vietnamese is marked fuzzy (check it, then remove the flag): {shown!r}")
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = ours.string if isinstance(ours.string, tuple) else (ours.string,)
        wanted = set().union(*(fields(s) for s in sources))
        for target in targets:
            if fields(target) != wanted:
                problems.append(f"{where}: the Vietnamese has the fields {sorted(fields(target))}, "
                                f"the English {sorted(wanted)}: {shown!r}")
    return problems


def built(node: ast.AST) -> bool:
    """A string made at run time (f-string, +, %, .format): its words could never be in the catalog."""
    return (isinstance(node, ast.JoinedStr) or isinstance(node, ast.BinOp)
            or (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"))


def literal_problems() -> list[str]:
    """Calls of _() that Babel cannot read: N_() and ngettext() take literals only; _() a literal or a marked constant."""
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEYWORDS:
                count = 2 if node.func.id == "ngettext" else 1
                args = node.args[:count]
                literal = all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args)
                marked = node.func.id == "_" and args and not built(args[0])  # _(WORDS), WORDS = N_("...")
                if len(args) < count or not (literal or marked):
                    problems.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.func.id}() must be given "
                                    "string literals (no f-string, no variable): use .format() on the result")
    return problems


def update() -> int:
    template = extracted()
    catalog = current()
    before = po_bytes(catalog)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    if po_bytes(catalog) != before:
        catalog.revision_date = datetime.datetime.now(datetime.timezone.utc)
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_bytes(po_bytes(catalog))
    MO.write_bytes(mo_bytes(read_po(io.BytesIO(PO.read_bytes()), locale="vi", domain="loa")))
    problems = literal_problems() + translation_problems(catalog, template)
    for line in problems:
        print(line)
    print(f"messages: {len(template)} in the code, {len(problems)} to fix; wrote {PO.relative_to(ROOT)} and loa.mo")
    return 0


def check() -> int:
    template = extracted()
    catalog = current()
    problems = literal_problems() + translation_problems(catalog, template)
    extra = sorted(m.id for m in catalog if m.id and m.id not in template)
    problems += [f"loa.po: no longer in the code (run scripts/messages): {m!r}" for m in extra]
    if not MO.exists() or MO.read_bytes() != mo_bytes(catalog):
        problems.append("loa.mo is not compiled from loa.po: run scripts/messages")
    for line in problems:
        print(line)
    print(f"messages: {len(template)} in the code, {len(problems)} to fix")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report; change nothing")
    args = parser.parse_args()
    return check() if args.check else update()


if __name__ == "__main__":
    sys.exit(main())
