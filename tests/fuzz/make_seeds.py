#!/usr/bin/env python3
"""Seed corpora and the dictionary for the fuzz targets (tests/fuzz/), built into OUT at build time.

OUT/seeds/<target>/ holds symbolic links to fixture files (nothing copied), except where a
target's input is a composite the fixtures do not hold as one file: preflight_replay (config,
separator, recording) and discovery / classify (an answer taken out of a recording). OUT/od.dict
is a libFuzzer dictionary: the error catalogue's codes and quoted literals, the config schema's
keys and enum values, and the syntax of the formats read.

usage: make_seeds.py SOURCE_DIR OUT
"""
import glob
import json
import os
import re
import shutil
import sys

SRC, OUT = sys.argv[1], sys.argv[2]

# target -> globs (relative to the source tree) whose files seed it
LINKS = {
    "config_yaml": ["fixtures/configs/*.yaml", "examples/*.yaml", "fixtures/rules/*/*.yaml"],
    "config_json": ["fixtures/configs/*.json"],
    "diagnose_text": ["fixtures/errors/*/*.txt"],
    "diagnose_log": ["fixtures/diagnose/*.log", "fixtures/diagnose/*.txt", "fixtures/errors/tls/*"],
    "diagnose_har": ["fixtures/diagnose/*.har"],
    "token": ["fixtures/tokens/*", "fixtures/rules/OD4*/*"],
    "jwks": ["fixtures/tokens/jwks.json", "fixtures/tokens/*.pem"],
    "import_export": ["fixtures/imports/*/*.json"],
    "machine_config": ["fixtures/imports/machine-config/*"],
    "baseline": ["fixtures/rules/OD9003/baseline.json"],
}
TARGETS = sorted(set(LINKS) | {"preflight_replay", "discovery", "classify"})


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)


def name_for(rel):
    return rel.replace("/", "__")


def write(target, name, data):
    with open(os.path.join(OUT, "seeds", target, name), "wb") as f:
        f.write(data)


for t in TARGETS:
    fresh(os.path.join(OUT, "seeds", t))
for target, patterns in LINKS.items():
    for pattern in patterns:
        for path in sorted(glob.glob(os.path.join(SRC, pattern))):
            if os.path.isfile(path):
                rel = os.path.relpath(path, SRC)
                os.symlink(os.path.abspath(path), os.path.join(OUT, "seeds", target, name_for(rel)))

for rec in sorted(glob.glob(os.path.join(SRC, "fixtures/recordings/**/recording.json"), recursive=True)):
    folder = os.path.dirname(rec)
    rel = name_for(os.path.relpath(folder, SRC))
    config = os.path.join(folder, "config.yaml")
    with open(rec, "rb") as f:
        recording = f.read()
    if os.path.isfile(config):
        with open(config, "rb") as f:
            write("preflight_replay", rel, f.read().rstrip(b"\n") + b"\n%%%%\n" + recording)
    try:
        doc = json.loads(recording)
    except ValueError:
        continue
    for i, x in enumerate(doc.get("exchanges", [])):
        resp = x.get("response") or {}
        body = resp.get("body", "").encode("utf-8", "surrogateescape")
        if x.get("probe") == "discovery" and body:
            write("discovery", f"{rel}__{i}", body)
        if x.get("probe") in ("authorize", "token"):
            head = f"{resp.get('status', 0)}\n" + "".join(h + "\n" for h in resp.get("headers", [])) + "\n"
            write("classify", f"{rel}__{i}", head.encode() + body)

# The dictionary: literals the parsers and matchers look for.
words = set()
for cat in glob.glob(os.path.join(SRC, "rules/catalogue/*.yaml")):
    with open(cat, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*-?\s*code:\s*'?([A-Za-z0-9_.\-]+)'?\s*$", line)
            if m:
                words.add(m.group(1))
            # snake_case protocol words (invalid_client, redirect_uri) inside quoted wordings
            words.update(re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", line))
with open(os.path.join(SRC, "schema/oidc-doctor.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)


def walk(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "properties" and isinstance(v, dict):
                words.update(v.keys())
            if k == "enum" and isinstance(v, list):
                words.update(str(e) for e in v if isinstance(e, (str, int)))
            walk(v)
    elif isinstance(node, list):
        for v in node:
            walk(v)


walk(schema)
syntax = ["${env:", "${file:", "}", ": ", "- ", "&a", "*a", "<<: *a", "!!str", "---", "\\u00", "{\"", "\":",
          "[", "]", "<html>", "</script>", "<script>", "<!--", "&amp;", "&#x", "%7B", "eyJ", "-----BEGIN ",
          "\"log\"", "\"entries\"", "\"keys\"", "\"kty\"", "\"RSA\"", "\"EC\"", "\"alg\"", "\"kid\"",
          "\"exchanges\"", "\"match_key\"", "<configuration>", "<system.net>", "<defaultProxy",
          "<bypasslist>", "<add address=", "# oidc-doctor: disable=", "1E400", "\xc3\xa9", "\xff"]
words.update(syntax)


def quote(w):
    out = ""
    for b in w.encode("utf-8", "surrogateescape"):
        out += chr(b) if 0x20 <= b < 0x7F and chr(b) not in '"\\' else f"\\x{b:02x}"
    return '"' + out + '"'


with open(os.path.join(OUT, "od.dict"), "w", encoding="ascii") as f:
    f.write("# Generated by tests/fuzz/make_seeds.py from rules/catalogue and the config schema.\n")
    for w in sorted(words):
        if 0 < len(w) <= 64:
            f.write(quote(w) + "\n")
print(f"make_seeds: {len(TARGETS)} targets, {len(words)} dictionary words")
