#!/usr/bin/env python3
"""matrix_any_to_any.py - every fixture of every reader into every writer (driven by
matrix_any_to_any.sh). Each conversion either succeeds, or fails with one sensible error line
and no output left behind; it never crashes. A success must keep every word of the input's text
(blocks, cells, unit variants and plural forms, taken from a -t json conversion of the same
fixture), and is validated where a validator exists (TMX DTD, XLIFF XSDs, msgfmt, docbridge
validate for the dataset formats)."""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

DOCBRIDGE = os.environ["DOCBRIDGE"]
SRC = os.environ["SRC"]
SHARED = os.environ.get("SHARED", "")
SKIP_DIRS = {"bad", "malformed", "invalid"}
EXT = {"csv": "csv", "json": "json", "jsonl": "jsonl", "markdown": "md", "moses": "",
       "po": "po", "tei": "tei.xml", "tmx": "tmx", "tsv": "tsv", "xliff": "xlf", "xml": "xml"}
WARNING = "docbridge: warning: "
CRASH_MARKS = ("Sanitizer", "runtime error:", "Segmentation fault", "Aborted", "core dumped")

failures = []
checks = 0
lock = threading.Lock()


def fail(msg):
    with lock:
        failures.append(msg)
        print("FAIL: " + msg)


def passed():
    global checks
    with lock:
        checks += 1


def formats():
    out = subprocess.run([DOCBRIDGE, "formats"], capture_output=True, text=True, check=True)
    readers, writers = [], []
    for line in out.stdout.splitlines()[1:]:
        parts = line.split()
        if len(parts) < 2:
            continue
        name, caps = parts[0], parts[1]
        if caps[0] == "r":
            readers.append(name)
        if caps[1] == "w":
            writers.append(name)
    return readers, writers


def generated(reader, scratch):
    """Inputs made by the build's test tools for readers without committed fixtures (PDF)."""
    pdfgen = os.path.join(os.environ.get("BUILD", ""), "test-tools", "pdfgen")
    if reader != "pdf" or not os.access(pdfgen, os.X_OK):
        return []
    made = []
    for kind in ("report", "twocol", "cjk"):
        out = os.path.join(scratch, "gen-%s.pdf" % kind)
        env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
        if subprocess.run([pdfgen, kind, out], env=env).returncode == 0:
            made.append([out])
    return made


def fixtures(reader, scratch):
    """Inputs of a reader: lists of files (a moses corpus is one stem's files, read together)."""
    top = os.path.join(SRC, "fixtures", reader)
    found = []
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        found += [os.path.join(root, f) for f in sorted(files)]
    if reader != "moses":
        return [[f] for f in found] + generated(reader, scratch)
    stems = {}
    for f in found:
        stems.setdefault(os.path.splitext(f)[0], []).append(f)
    return list(stems.values())


def run(args):
    return subprocess.run([DOCBRIDGE] + args, capture_output=True, text=True)


def words_of_dataset(doc):
    """The words of every text-bearing object of a dataset JSON document."""
    texts = []

    def rich(obj):
        texts.append(obj.get("text", ""))
        texts.extend(obj.get("cells", []) or [])
        for p in obj.get("plurals", []) or []:
            texts.append(p.get("text", ""))

    for d in doc.get("documents", []):
        for item in d.get("content", []):
            if item.get("type", "unit" if "variants" in item else "block") == "unit":
                for v in item.get("variants", []):
                    rich(v)
            else:
                rich(item)
    words = set()
    for t in texts:
        words.update(re.findall(r"\w+", t))
    return words


TOKEN = re.compile(r"⟦⟦|⟦[^⟧]*⟧")


def untoken(s):
    """Placeholder tokens (formats/placeholders.md) out, an escaped bracket kept."""
    return TOKEN.sub(lambda m: "⟦" if m.group(0) == "⟦⟦" else "", s)


def strings_of_json(value, acc):
    if isinstance(value, str):
        acc.append(value)
    elif isinstance(value, list):
        for v in value:
            strings_of_json(v, acc)
    elif isinstance(value, dict):
        for v in value.values():
            strings_of_json(v, acc)
    return acc


def text_of_output(writer, paths):
    """The output's text, decoded for the writer's syntax, codes and markup taken out."""
    raw = ""
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            raw += fh.read() + "\n"
    if writer == "json":
        return "\n".join(strings_of_json(json.loads(raw), []))
    if writer == "jsonl":
        acc = []
        for line in raw.splitlines():
            if line.strip():
                strings_of_json(json.loads(line), acc)
        return "\n".join(acc)
    if writer in ("xml", "tmx", "xliff", "tei"):
        # Tags go without a gap (codes may sit inside a word); entities are decoded after.
        raw = re.sub(r"<!--.*?-->", "", raw, flags=re.S)
        # The data of TMX and XLIFF 1.2 codes is not text.
        if writer == "xml":  # properties of codes
            raw = re.sub(r"<prop\b[^>]*>.*?</prop>", "", raw, flags=re.S)
        raw = re.sub(r"<(bpt|ept|ph|it|ut)\b[^>]*?(/>|>.*?</\1>)", "", raw, flags=re.S)
        return html.unescape(re.sub(r"<[^>]*>", "", raw))
    if writer == "po":
        raw = re.sub(r'"\s*\n\s*"', "", raw)      # continuation lines of one string
        raw = re.sub(r"\\(.)", r"\1", raw)
        return untoken(raw)
    if writer == "markdown":  # codes are code spans there, never placeholder tokens
        raw = re.sub(r"(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)", "", raw)
        raw = re.sub(r"\\(.)", r"\1", raw)
        return html.unescape(raw)
    return untoken(raw)  # csv, tsv, moses


def convert(reader, writer, inputs, work):
    """One conversion; returns the output files on success, None on (a sensible) failure."""
    os.makedirs(work)
    name = "out." + EXT[writer] if EXT[writer] else "out"
    target = os.path.join(work, name)
    label = "%s -> %s (%s)" % (" ".join(os.path.basename(i) for i in inputs), writer, reader)
    r = run(["convert", "-f", reader, "-t", writer, "-o", target] + inputs)
    lines = [l for l in r.stderr.splitlines() if l.strip() and not l.startswith(WARNING)]
    warned = [l for l in r.stderr.splitlines() if l.startswith(WARNING)]
    if r.returncode >= 128 or r.returncode < 0 or any(m in r.stderr for m in CRASH_MARKS):
        fail("%s: crashed (exit %d): %s" % (label, r.returncode, r.stderr[:400]))
        return None
    left = sorted(os.listdir(work))
    if r.returncode != 0:
        if r.returncode != 1:
            fail("%s: exit %d, expected 1 on failure" % (label, r.returncode))
        if len(lines) != 1:
            fail("%s: %d error lines, expected one: %s" % (label, len(lines), r.stderr[:400]))
        elif not lines[0].startswith("docbridge: ") or len(lines[0]) < 30:
            fail("%s: unhelpful error: %s" % (label, lines[0]))
        if left:
            fail("%s: failed but left %s behind" % (label, left))
        passed()
        return None
    if lines:
        fail("%s: succeeded but printed more than warnings: %s" % (label, r.stderr[:400]))
    if not left:
        fail("%s: succeeded without an output file" % label)
        return None
    passed()
    return [os.path.join(work, f) for f in left], warned


def check_words(label, writer, outputs, words, warned):
    global checks
    try:
        text = text_of_output(writer, outputs)
    except (ValueError, UnicodeDecodeError) as e:
        fail("%s: output does not decode as %s: %s" % (label, writer, e))
        return
    # A line-break code may become a real line break: "Line" + lb + "break" is "Linebreak".
    joined = re.sub(r"\s+", "", text)
    missing = sorted(w for w in words if w not in text and w not in joined)
    if missing and any("left out" in w or "not carried" in w for w in warned):
        print("note: %s: %d words left out, as warned: %s" % (label, len(missing), missing[:5]))
    elif missing:
        fail("%s: %d of %d words lost, e.g. %s" % (label, len(missing), len(words), missing[:8]))
    else:
        checks += 1


LABELS = {}  # output path -> "input -> writer", to name the conversion in a finding


def named(text):
    for path, label in LABELS.items():
        text = text.replace(path, "[%s]" % label)
    return text


def validate(made):
    """Validators over the successful outputs, one call per kind where the tool allows."""
    global checks
    by_writer = {}
    for writer, label, paths in made:
        by_writer.setdefault(writer, []).append((label, paths))
        LABELS.update((p, label) for p in paths)
    dataset = [p for w in ("json", "jsonl", "xml") for _, ps in by_writer.get(w, []) for p in ps]
    if dataset:  # one call for all: the CLI prints one line per finding, naming the file
        r = run(["validate", "-q"] + dataset)
        if r.returncode != 0:
            fail("docbridge validate: %s" % named(r.stdout + r.stderr)[:1500])
        else:
            checks += len(dataset)
    if shutil.which("msgfmt"):
        for label, paths in by_writer.get("po", []):
            r = subprocess.run(["msgfmt", "--check", "-o", "/dev/null"] + paths,
                               capture_output=True, text=True)
            if r.returncode != 0:
                fail("%s: msgfmt --check: %s" % (label, r.stderr[:400]))
            else:
                checks += 1
    else:
        print("note: msgfmt not installed, PO outputs not checked")
    schemas = os.path.join(SHARED, "schemas") if SHARED else ""
    if not schemas or not os.path.isdir(schemas) or not shutil.which("xmllint"):
        print("note: $SHARED/schemas or xmllint absent, TMX and XLIFF outputs not validated")
        return
    env = dict(os.environ, XML_CATALOG_FILES=os.path.join(schemas, "catalog.xml"))
    tmx = [p for _, ps in by_writer.get("tmx", []) for p in ps]
    xmllint("TMX outputs", ["--dtdvalid", os.path.join(schemas, "tmx", "tmx14.dtd")], tmx, env)
    by_version = {True: [], False: []}
    for label, paths in by_writer.get("xliff", []):
        with open(paths[0], encoding="utf-8") as fh:
            v2 = re.search(r'<xliff\b[^>]*\bversion="2', fh.read(4000)) is not None
        by_version[v2] += paths
    xmllint("XLIFF 1.2 outputs",
            ["--schema", os.path.join(schemas, "xliff12/xliff-core-1.2-transitional.xsd")],
            by_version[False], env)
    xmllint("XLIFF 2 outputs", ["--schema", os.path.join(schemas, "xliff20/xliff_core_2.0.xsd")],
            by_version[True], env)


def xmllint(label, args, paths, env):
    """One call for many files; xmllint names each invalid file."""
    global checks
    if not paths:
        return
    r = subprocess.run(["xmllint", "--nonet", "--noout"] + args + paths,
                       capture_output=True, text=True, env=env)
    if r.returncode != 0:
        bad = [l for l in r.stderr.splitlines() if "error" in l or "fails" in l]
        fail("%s: xmllint %s: %s" % (label, args[0], named("\n".join(bad[:10]))))
    else:
        checks += len(paths)


def main():
    readers, writers = formats()
    if "json" not in writers:
        print("skipped: the json plugin is not built")
        return 77
    scratch = tempfile.mkdtemp()
    jobs = []
    try:
        for reader in readers:
            for inputs in fixtures(reader, scratch):
                ref = os.path.join(scratch, "ref%d.json" % len(jobs))
                r = run(["convert", "-q", "-f", reader, "-t", "json", "-o", ref] + inputs)
                if r.returncode != 0:
                    fail("%s: does not read as %s: %s" % (inputs, reader, r.stderr[:300]))
                    continue
                with open(ref, encoding="utf-8") as fh:
                    words = words_of_dataset(json.load(fh))
                for writer in writers:
                    label = "%s -> %s" % (os.path.basename(inputs[0]), writer)
                    work = os.path.join(scratch, str(len(jobs)))
                    jobs.append((reader, writer, inputs, work, label, words))
        # The CLI mostly waits (plugin loading): a few at a time keep the test fast.
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(lambda j: convert(j[0], j[1], j[2], j[3]), jobs))
        made = []
        for (reader, writer, inputs, work, label, words), got in zip(jobs, results):
            if got:
                outputs, warned = got
                check_words(label, writer, outputs, words, warned)
                made.append((writer, label, outputs))
        validate(made)
    finally:
        shutil.rmtree(scratch)
    n = len(jobs)
    print("%d conversions, %d succeeded" % (n, len(made)))
    if n < 20:
        fail("only %d conversions ran: fixtures or plugins missing" % n)
    if failures:
        print("%d failed, %d checks passed" % (len(failures), checks))
        return 1
    print("all %d checks passed" % checks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
