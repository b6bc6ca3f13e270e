#!/bin/bash
# Generates an XLIFF file of the given version (1.2 or 2.0) with N units: en-GB -> zh-CN, with
# paired, isolated and placeholder codes, entities and notes. Usage: xliff_gen.sh VERSION N
set -eu
ver=$1 n=$2
awk -v ver="$ver" -v n="$n" 'BEGIN {
  print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  if (ver == "1.2") {
    print "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
    print "<file original=\"gen.html\" source-language=\"en-GB\" target-language=\"zh-CN\" datatype=\"html\"><body>"
  } else {
    print "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en-GB\" trgLang=\"zh-CN\">"
    print "<file id=\"f1\" original=\"gen.html\">"
  }
  for (i = 1; i <= n; i++) {
    if (ver == "1.2") {
      printf "<trans-unit id=\"%d\" resname=\"k%d\"><source>Sentence %d with <g id=\"1\" ctype=\"bold\">bold &amp; bright</g> text, a <x id=\"2\"/> break, <bpt id=\"3\">&lt;a href=\"x%d\"&gt;</bpt>link<ept id=\"3\">&lt;/a&gt;</ept> and <ph id=\"4\">{%d}</ph> more words to read.</source>", i, i, i, i, i
      printf "<target state=\"translated\">第%d句有<g id=\"1\" ctype=\"bold\">粗体 &amp; 亮</g>文本，<x id=\"2\"/>换行，<bpt id=\"3\">&lt;a href=\"x%d\"&gt;</bpt>链接<ept id=\"3\">&lt;/a&gt;</ept>和<ph id=\"4\">{%d}</ph>更多。</target>", i, i, i
      printf "<note from=\"gen\">note %d</note></trans-unit>\n", i
    } else {
      printf "<unit id=\"u%d\" name=\"k%d\"><notes><note category=\"gen\">note %d</note></notes><originalData><data id=\"d1\">&lt;a href=\"x%d\"&gt;</data><data id=\"d2\">&lt;/a&gt;</data><data id=\"d3\">{%d}</data></originalData>", i, i, i, i, i
      printf "<segment state=\"translated\"><source>Sentence %d with <pc id=\"1\" type=\"fmt\" subType=\"xlf:b\">bold &amp; bright</pc> text, a <ph id=\"2\"/> break, <sc id=\"3\" dataRef=\"d1\"/>link<ec startRef=\"3\" dataRef=\"d2\"/> and <ph id=\"4\" dataRef=\"d3\"/> more words to read.</source>", i
      printf "<target>第%d句有<pc id=\"1\" type=\"fmt\" subType=\"xlf:b\">粗体 &amp; 亮</pc>文本，<ph id=\"2\"/>换行，<sc id=\"3\" dataRef=\"d1\"/>链接<ec startRef=\"3\" dataRef=\"d2\"/>和<ph id=\"4\" dataRef=\"d3\"/>更多。</target></segment></unit>\n", i
    }
  }
  if (ver == "1.2") print "</body></file></xliff>"; else print "</file></xliff>"
}'
