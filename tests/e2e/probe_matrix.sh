# probe_matrix.sh - the cross-probe matrix: every fixture under fixtures/<reader>/ must be
# claimed by exactly that reader (no other reader may tie or win), for every reader plugin.
# Fixtures meant to be bad input live under a bad/ (or malformed/, invalid/) sub-folder and are
# left out; folders not named after a reader (fixtures/align) are left out too.
. "$(dirname "$0")/lib.bash"
readers=$("$DOCBRIDGE" formats --json | "$PYTHON" -c 'import json,sys; print(" ".join(p["name"] for p in json.load(sys.stdin) if p["capabilities"][0]=="r"))')
checked=0
for r in $readers; do
    dir=$SRC/fixtures/$r
    [ -d "$dir" ] || continue
    while IFS= read -r f; do
        got=$("$DOCBRIDGE" detect --json "$f" 2>/dev/null | "$PYTHON" -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["format"])' 2>/dev/null)
        if [ "$got" = "$r" ]; then pass; else fail "${f#$SRC/}: probed as '$got', expected '$r'"; fi
        checked=$((checked + 1))
    done < <(find "$dir" -type f \( -path '*/bad/*' -o -path '*/malformed/*' -o -path '*/invalid/*' \) -prune -o -type f -print | sort)
done
[ "$checked" -gt 0 ] || skip "no fixtures for any reader yet"
finish
