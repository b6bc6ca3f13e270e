# core_archive_bag.sh - archives in, BagIt bags out, through the CLI (with the test plugin
# "testgood", so the core is tested on its own): members convert with their names in errors,
# the bag verifies with sha256sum, is deterministic, and a failed input leaves no bag behind.
. "$(dirname "$0")/lib.bash"
export DOCBRIDGE_PLUGIN_PATH=$TEST_PLUGINS
D=$SCRATCH
cd "$D" || exit 1
mkdir -p in/sub
printf 'alpha\nbeta\n' > in/a.good
printf 'gamma\n' > in/sub/a.good
tar cf in.tar -C in a.good sub/a.good
"$DOCBRIDGE" convert -q -t testgood in.tar -o out.txt && pass || fail "tar input"
[ "$(cat out.txt)" = "$(printf 'paragraph: alpha\nparagraph: beta\nparagraph: gamma')" ] && pass || fail "tar content: $(cat out.txt)"
gzip -k in/a.good
"$DOCBRIDGE" convert -q -t testgood in/a.good.gz -o gz.txt && grep -q 'beta' gz.txt && pass || fail "gzip input"
head -c 300 in.tar | gzip > broken.tgz
expect_fail corrupt-archive "broken.tgz" -- "$DOCBRIDGE" convert -q -t testgood broken.tgz -o bad.txt
[ ! -e bad.txt ] && pass || fail "output left after corrupt archive"
printf '\0\1\2\3binary\0' > in/b.unknown
tar cf mixed.tar -C in a.good b.unknown
expect_fail member-unknown "mixed.tar:b.unknown: unknown input format" -- "$DOCBRIDGE" convert -q -t testgood mixed.tar -o bad.txt
[ ! -e bad.txt ] && pass || fail "output left after bad member"

"$DOCBRIDGE" convert -q --bag bag.tar.gz -t testgood in/a.good in/sub/a.good && pass || fail "bag"
mkdir x && tar xzf bag.tar.gz -C x
(cd x/bag && sha256sum -c --quiet manifest-sha256.txt && sha256sum -c --quiet tagmanifest-sha256.txt) && pass || fail "bag checksums"
grep -qx 'BagIt-Version: 1.0' x/bag/bagit.txt && pass || fail "bagit.txt"
grep -qx 'Payload-Oxum: 50.2' x/bag/bag-info.txt && pass || fail "Payload-Oxum: $(cat x/bag/bag-info.txt)"
[ -f x/bag/data/a.good ] && [ -f x/bag/data/a-2.good ] && pass || fail "payload names: $(ls x/bag/data)"
sum1=$(sha256sum < bag.tar.gz)
sleep 1.1 # a time stamp anywhere in the bag would now differ
"$DOCBRIDGE" convert -q --bag bag.tar.gz -t testgood in/a.good in/sub/a.good
[ "$(sha256sum < bag.tar.gz)" = "$sum1" ] && pass || fail "bag not deterministic"
"$DOCBRIDGE" convert -q --bag bag.zip -t testgood in/a.good && [ "$(head -c 2 bag.zip)" = PK ] && pass || fail "zip bag"
expect_fail bag-bad-input "missing.good" -- "$DOCBRIDGE" convert -q --fail-fast --bag bag2.tar -t testgood in/a.good missing.good
[ ! -e bag2.tar ] && pass || fail "bag left after a failed input"
# Without --fail-fast every failed input is named, then the run fails without a bag.
err=$("$DOCBRIDGE" convert -q --bag bag3.tar -t testgood missing1.good in/a.good missing2.good 2>&1) &&
  fail "bag with missing inputs succeeded" || pass
[ "$(printf '%s\n' "$err" | grep -c 'missing[12].good')" = 2 ] &&
  printf '%s\n' "$err" | grep -c '2 of 3 inputs failed.*bag was not written' >/dev/null &&
  pass || fail "bag failures not all reported: $err"
[ ! -e bag3.tar ] && pass || fail "bag left after failed inputs"
[ -z "$(ls -A | grep docbridge-bag)" ] && pass || fail "working folder left behind"
expect_fail bag-bad-name "name it .tar" -- "$DOCBRIDGE" convert -q --bag bag.rar -t testgood in/a.good
finish
