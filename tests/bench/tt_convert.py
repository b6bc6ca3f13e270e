#!/usr/bin/env python3
"""tt_convert.py - Translate Toolkit converting a TMX to PO the way its own tools do (load with
translate.storage.tmx, make a PO store of its units, serialize it): the peer for tmx_bench.sh.

Usage: tt_convert.py [--texts] IN.tmx OUT.po

By default it carries what docbridge's TMX -> PO carries, so the two convert the same content:
the tuid as msgctxt, <note> as translator comments, and the tu's attributes and <prop>s as
extracted comments ("#. key=value"; docbridge writes "#. docbridge-prop key=value"). Inline
codes go as Translate Toolkit flattens them. --texts keeps only source and target, the least
Translate Toolkit can do (tmx_bench.sh shows that row too)."""
import sys
from translate.storage import po, tmx


def carry_metadata(unit, p):
    tuid = unit.getid()
    if tuid:
        p.setcontext(tuid)
    notes = unit.getnotes()
    if notes:
        p.addnote(notes, origin="translator")
    element = unit.xmlelement
    for key, value in element.attrib.items():
        if key != "tuid":
            p.addnote("%s=%s" % (key, value), origin="developer")
    for prop in element.iterfind("prop"):
        p.addnote("%s=%s" % (prop.get("type"), prop.text or ""), origin="developer")


def main(argv):
    texts_only = argv[:1] == ["--texts"]
    if texts_only:
        argv = argv[1:]
    store = tmx.tmxfile.parsefile(argv[0])
    out = po.pofile()
    for unit in store.units:
        p = out.addsourceunit(unit.source)
        p.target = unit.target
        if not texts_only:
            carry_metadata(unit, p)
    with open(argv[1], "wb") as f:
        out.serialize(f)
    print(len(store.units), "units", file=sys.stderr)


main(sys.argv[1:])
