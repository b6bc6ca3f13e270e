# probe_matrix.sh - the cross-probe matrix: every fixture under fixtures/<reader>/ must be
# claimed by exactly that reader (no other reader may tie or win), for every reader plugin.
# Fixtures meant to be bad input live under a bad/ (or malformed/, invalid/) sub-folder and are
# left out; folders not named after a reader (fixtures/align) are left out too. A fixture is
# probed together with the files that share its stem (a Moses pair is one input).
. "$(dirname "$0")/lib.bash"
readers=$("$DOCBRIDGE" formats --json | "$PYTHON" -c 'import json,sys; print(" ".join(p["name"] for p in json.load(sys.stdin) if p["capabilities"][0]=="r"))')
checked=0
for r in $readers; do
    dir=$SRC/fixtures/$r
    [ -d "$dir" ] || continue
    while IFS= read -r f; do
        # Files sharing a stem in one folder are named together, as a user converts a Moses
        # pair (corpus.en corpus.zh): probes see every name, as in convert.
        group=("$f"); for g in "${f%.*}".*; do [ "$g" = "$f" ] || [ ! -f "$g" ] || group+=("$g"); done
        got=$("$DOCBRIDGE" detect --json "${group[@]}" 2>/dev/null | "$PYTHON" -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["format"])' 2>/dev/null)
        if [ "$got" = "$r" ]; then pass; else fail "${f#$SRC/}: probed as '$got', expected '$r'"; fi
        checked=$((checked + 1))
    done < <(find "$dir" -type f \( -path '*/bad/*' -o -path '*/malformed/*' -o -path '*/invalid/*' \) -prune -o -type f -print | sort)
done
[ "$checked" -gt 0 ] || skip "no fixtures for any reader yet"
finish
