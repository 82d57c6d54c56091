#!/usr/bin/env python3
"""Measure `oidc-doctor diagnose` against the real-world corpus in bench/corpus/.

Every corpus file starts with `#!` header lines (source, provider, error, category, note) followed by
the text as a user pasted it. This script feeds each text (header stripped) to
`oidc-doctor diagnose --format json -` and compares the first diagnosis with the header:

  recognised      diagnose reported `recognized: true`
  category        the first diagnosis's `category` equals the header's `category`
  code            the first diagnosis's emitted code (`error`, else `code`) equals the header's
                  `error`, ignoring case; texts whose header says `error: -` are left out

Figures are printed overall and per group (the directory under bench/corpus/). `--set NAME` scores
only the texts whose `set` header is NAME (a batch added together, e.g. a held-out slice). Standard
library only.
"""

import argparse
import json
import os
import subprocess
import sys
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.join(HERE, "corpus")
DEFAULT_BIN = os.path.join(os.path.dirname(HERE), "build", "oidc-doctor")


def parse_file(path):
    """Return (headers, text). Header lines are the leading lines that start with `#!`."""
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines(keepends=True)
    headers = {}
    i = 0
    while i < len(lines) and lines[i].startswith("#!"):
        body = lines[i][2:].strip()
        key, sep, value = body.partition(":")
        if sep:
            key = key.strip().lower()
            value = value.strip()
            # repeated keys (e.g. several notes) are joined
            headers[key] = headers[key] + " " + value if key in headers else value
        i += 1
    return headers, "".join(lines[i:])


def load_corpus(root):
    items = []
    for group in sorted(os.listdir(root)):
        gdir = os.path.join(root, group)
        if not os.path.isdir(gdir):
            continue
        for name in sorted(os.listdir(gdir)):
            if not name.endswith(".txt"):
                continue
            path = os.path.join(gdir, name)
            headers, text = parse_file(path)
            items.append({
                "group": group,
                "file": os.path.relpath(path, root),
                "expected_error": headers.get("error", "-"),
                "expected_category": headers.get("category", ""),
                "set": headers.get("set", ""),
                "source": headers.get("source", ""),
                "text": text,
            })
    return items


def run_diagnose(binary, text, timeout):
    try:
        proc = subprocess.run([binary, "diagnose", "--format", "json", "-"],
                              input=text.encode("utf-8"), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    except OSError as e:
        return None, "cannot run %s: %s" % (binary, e)
    try:
        return json.loads(proc.stdout.decode("utf-8", errors="replace")), None
    except ValueError:
        err = proc.stderr.decode("utf-8", errors="replace").strip().splitlines()
        return None, "exit %d, no JSON%s" % (proc.returncode, (": " + err[0]) if err else "")


def score_item(item, result, failure):
    out = {
        "file": item["file"], "group": item["group"],
        "expected_error": item["expected_error"], "expected_category": item["expected_category"],
        "recognized": False, "got_error": None, "got_category": None, "failure": failure,
        "source": item.get("source", ""),
    }
    if result is not None:
        out["recognized"] = bool(result.get("recognized"))
        diags = result.get("diagnoses") or []
        if diags:
            d = diags[0]
            out["got_error"] = d.get("error", d.get("code"))
            out["got_category"] = d.get("category")
    out["category_ok"] = out["got_category"] == item["expected_category"]
    if item["expected_error"] in ("", "-"):
        out["code_ok"] = None  # not counted
    else:
        got = out["got_error"]
        out["code_ok"] = got is not None and str(got).lower() == item["expected_error"].lower()
    return out


def tally(rows):
    n = len(rows)
    coded = [r for r in rows if r["code_ok"] is not None]
    t = {
        "texts": n,
        "recognised": sum(1 for r in rows if r["recognized"]),
        "category": sum(1 for r in rows if r["category_ok"]),
        "code_texts": len(coded),
        "code": sum(1 for r in coded if r["code_ok"]),
    }
    t["recognised_rate"] = t["recognised"] / n if n else 0.0
    t["category_rate"] = t["category"] / n if n else 0.0
    t["code_rate"] = t["code"] / len(coded) if coded else 0.0
    return t


def pct(x):
    return "%5.1f%%" % (100.0 * x)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Score oidc-doctor diagnose against bench/corpus.")
    ap.add_argument("--bin", default=DEFAULT_BIN, help="oidc-doctor binary (default: build/oidc-doctor)")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="corpus directory (default: bench/corpus)")
    ap.add_argument("--group", action="append", help="only these groups (repeatable)")
    ap.add_argument("--set", dest="sets", action="append",
                    help="only texts whose `set` header is this (repeatable; `-` = texts without one)")
    ap.add_argument("--list-failures", action="store_true",
                    help="list every text whose first category or emitted code is wrong, with its source")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per text (default 30)")
    ap.add_argument("--min-recognised", type=float, help="exit 1 if the recognised rate (%%) is lower")
    ap.add_argument("--min-category", type=float, help="exit 1 if first-category accuracy (%%) is lower")
    ap.add_argument("--min-code", type=float, help="exit 1 if emitted-code accuracy (%%) is lower")
    args = ap.parse_args(argv)

    if not os.path.isdir(args.corpus):
        print("no corpus directory at %s" % args.corpus, file=sys.stderr)
        return 2
    if not os.access(args.bin, os.X_OK):
        print("no executable oidc-doctor at %s (use --bin)" % args.bin, file=sys.stderr)
        return 2

    items = load_corpus(args.corpus)
    if args.group:
        items = [i for i in items if i["group"] in args.group]
    if args.sets:
        items = [i for i in items if (i["set"] or "-") in args.sets]
    if not items:
        print("no corpus texts found", file=sys.stderr)
        return 2

    rows = []
    for item in items:
        result, failure = run_diagnose(args.bin, item["text"], args.timeout)
        rows.append(score_item(item, result, failure))

    groups = OrderedDict()
    for r in rows:
        groups.setdefault(r["group"], []).append(r)
    overall = tally(rows)
    per_group = OrderedDict((g, tally(rs)) for g, rs in groups.items())
    failures = [r for r in rows if not r["category_ok"] or r["code_ok"] is False or r["failure"]]

    if args.json:
        doc = {"overall": overall, "groups": per_group}
        if args.list_failures:
            doc["failures"] = failures
        print(json.dumps(doc, indent=2))
    else:
        fmt = "%-14s %6s %8s %13s %13s"
        print(fmt % ("group", "texts", "recog.", "category", "code"))
        for g, t in list(per_group.items()) + [("OVERALL", overall)]:
            if g == "OVERALL":
                print("-" * 58)
            print(fmt % (g, t["texts"], pct(t["recognised_rate"]),
                         "%s %3d" % (pct(t["category_rate"]), t["category"]),
                         "%s %3d/%d" % (pct(t["code_rate"]), t["code"], t["code_texts"])))
        if args.list_failures and failures:
            print("\nfailures (expected -> got):")
            for r in failures:
                parts = []
                if not r["category_ok"]:
                    parts.append("category %s -> %s" % (r["expected_category"], r["got_category"]))
                if r["code_ok"] is False:
                    parts.append("code %s -> %s" % (r["expected_error"], r["got_error"]))
                if not r["recognized"]:
                    parts.append("not recognised")
                if r["failure"]:
                    parts.append(r["failure"])
                print("  %s: %s" % (r["file"], "; ".join(parts)))
                if r["source"]:
                    print("      source: %s" % r["source"])

    missed = False
    for flag, key in ((args.min_recognised, "recognised_rate"), (args.min_category, "category_rate"),
                      (args.min_code, "code_rate")):
        if flag is not None and 100.0 * overall[key] < flag:
            print("threshold missed: %s %.1f%% < %.1f%%" % (key, 100.0 * overall[key], flag),
                  file=sys.stderr)
            missed = True
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
