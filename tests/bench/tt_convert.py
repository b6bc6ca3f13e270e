#!/usr/bin/env python3
"""tt_convert.py - Translate Toolkit converting a TMX the way its own tools do: load it with
translate.storage.tmx, make a PO store of its units, and write it. The peer for tmx_bench.sh.
Usage: tt_convert.py IN.tmx OUT.po"""
import sys
from translate.storage import po, tmx

store = tmx.tmxfile.parsefile(sys.argv[1])
out = po.pofile()
for unit in store.units:
    p = out.addsourceunit(unit.source)
    p.target = unit.target
with open(sys.argv[2], "wb") as f:
    out.serialize(f)
print(len(store.units), "units", file=sys.stderr)
