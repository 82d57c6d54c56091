#!/usr/bin/env python3
"""Runs every bench/corpus/<app>/*.txt through `oidc-doctor diagnose` and compares the category of
the top diagnosis with the `#! category:` the thread's resolution gives. Prints one line per text
and the share that matches.

usage: bench/corpus_eval.py [path/to/oidc-doctor] [corpus dir]
"""
import glob
import json
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "build", "oidc-doctor")
root = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "corpus")

ok = total = 0
for path in sorted(glob.glob(os.path.join(root, "*", "*.txt"))):
    meta, body = {}, []
    for line in open(path, encoding="utf-8").read().split("\n"):
        if line.startswith("#! "):
            key, _, value = line[3:].partition(":")
            meta[key.strip()] = value.strip() if key.strip() == "source" else value.split("#")[0].strip()
        else:
            body.append(line)
    run = subprocess.run([binary, "diagnose", "--format", "json", "-"], input="\n".join(body).encode(),
                         capture_output=True)
    try:
        diagnoses = json.loads(run.stdout).get("diagnoses", [])
        code, category = (diagnoses[0]["code"], diagnoses[0]["category"]) if diagnoses else ("-", "-")
    except ValueError:
        code, category = "error", run.stderr.decode(errors="replace")[:80]
    total += 1
    good = category == meta.get("category")
    ok += good
    print(("OK  " if good else "BAD ") + os.path.relpath(path, root), "expect", meta.get("category"), "got", code, category)
print(f"{ok} / {total} texts: top diagnosis has the resolved category")
