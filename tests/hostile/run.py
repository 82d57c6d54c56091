#!/usr/bin/env python3
"""The hostile-IdP suite (CTest: hostile). Starts tests/hostile/server.py, runs `oidc-doctor
preflight` once per hostile case and checks, for each: it ends within its deadline (a bound, not
a benchmark), with the finding the case calls for, within bounded memory (the child's max RSS),
without printing or recording any spelling of the secret; and, over the whole run, that the
secret reached nothing but the issuer's own token endpoint.

As root, everything runs in a private network namespace whose loopback also carries a
"public" (198.51.100.7, TEST-NET-2) and a private (10.77.0.1) address and whose /etc/hosts names
them, so redirects from a public host to private, loopback and link-local targets (literal and
by DNS) are tried too. Without root those cases are skipped and said so; the rest still runs.

Usage: run.py BINARY    Exit 0 when every check passed.
"""
import base64
import concurrent.futures
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BIN = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, "build", "oidc-doctor")
SECRET = 'S3cr/t+Val ue&x=%~"é<\'zq'  # every character that an encoding changes
CLIENT = "web-basic"
TIMEOUT_S, DEADLINE_S = 2, 8
WALL_BOUND_S = DEADLINE_S + 5
RSS_BOUND_KB = 200 * 1024

failures = []
skipped = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print(f"FAIL {what}", flush=True)
    return ok


def spellings(secret, client_id):
    """What the secret may look like in any output: the forms scrub_secrets must catch."""
    out = {secret, urllib.parse.quote(secret, safe=""), urllib.parse.quote_plus(secret, safe=""),
           urllib.parse.quote(secret, safe="").lower(), json.dumps(secret)[1:-1],
           json.dumps(secret, ensure_ascii=False)[1:-1], html.escape(secret), secret.replace("'", "''")}
    for raw in (secret.encode(), f"{client_id}:{secret}".encode(),
                f"{urllib.parse.quote(client_id, safe='')}:{urllib.parse.quote(secret, safe='')}".encode()):
        for b in (base64.b64encode(raw).decode(), base64.urlsafe_b64encode(raw).decode()):
            out |= {b, b.rstrip("=")}
    return out


def config(url, secret_line="${env:PF_SECRET}"):
    return f"""version: 1
platform: generic
app: {{ redirect_path: /oidc/callback }}
provider:
  name: hostile IdP
  kind: generic
  metadata_url: {url}
  scopes: [openid, offline_access]
  web_client:
    client_id: {CLIENT}
    client_secret: {secret_line}
    grant_types: [authorization_code, refresh_token]
environments:
  - name: app
    url: https://app.example.test
"""


def sh(*cmd, **kw):
    return subprocess.run(list(cmd), check=True, capture_output=True, text=True, **kw)


def make_certs(tls):
    sh(os.path.join(ROOT, "tests", "peers", "tls", "make-certs.sh"), tls)
    ext = os.path.join(tls, "hostile.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1,IP:198.51.100.7,IP:10.77.0.1,"
                "DNS:public.hostile.test,DNS:private.hostile.test,DNS:metadata.hostile.test\n"
                "extendedKeyUsage=serverAuth\n")
    k, csr, crt = (os.path.join(tls, n) for n in ("hostile.key", "hostile.csr", "hostile.pem"))
    sh("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", k, "-subj", "/CN=hostile", "-out", csr)
    sh("openssl", "x509", "-req", "-in", csr, "-CA", os.path.join(tls, "ca.pem"), "-CAkey", os.path.join(tls, "ca.key"),
       "-CAcreateserial", "-days", "30", "-sha256", "-extfile", ext, "-out", crt)
    sh("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", os.path.join(tls, "selfsigned.key"),
       "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-days", "30",
       "-out", os.path.join(tls, "selfsigned.pem"))


def setup_netns(state):
    """A private namespace, or None with the reason in `skipped`."""
    if os.geteuid() != 0 or not shutil.which("ip"):
        skipped.append("network namespace (public -> private redirects): needs root and ip(8)")
        return None
    ns = f"odhostile{os.getpid()}"
    try:
        sh("ip", "netns", "add", ns)
    except subprocess.CalledProcessError as e:
        skipped.append(f"network namespace: ip netns add failed: {e.stderr.strip()}")
        return None
    os.makedirs(f"/etc/netns/{ns}", exist_ok=True)
    with open(f"/etc/netns/{ns}/hosts", "w") as f:
        f.write("127.0.0.1 localhost\n198.51.100.7 public.hostile.test\n10.77.0.1 private.hostile.test\n"
                "169.254.169.254 metadata.hostile.test\n")
    sh("ip", "-n", ns, "link", "set", "lo", "up")
    sh("ip", "-n", ns, "addr", "add", "198.51.100.7/32", "dev", "lo")
    sh("ip", "-n", ns, "addr", "add", "10.77.0.1/32", "dev", "lo")
    return ns


def teardown_netns(ns):
    if ns:
        subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        shutil.rmtree(f"/etc/netns/{ns}", ignore_errors=True)


def run_case(state, prefix, name, url, want, netns_only=False, secret_line=None, forbid=()):
    work = os.path.join(state, "case-" + name)
    os.makedirs(work)
    cfg = os.path.join(work, "config.yaml")
    with open(cfg, "w") as f:
        f.write(config(url) if secret_line is None else config(url, secret_line))
    rec = os.path.join(work, "rec")
    out, err = open(os.path.join(work, "out"), "wb"), open(os.path.join(work, "err"), "wb")
    argv = prefix + [BIN, "preflight", cfg, "--format", "json", "--timeout", str(TIMEOUT_S), "--deadline",
                     str(DEADLINE_S), "--ca-file", os.path.join(state, "tls", "ca.pem"), "--record", rec]
    env = dict(os.environ, PF_SECRET=SECRET, NO_COLOR="1")
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    took = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    out.close(), err.close()
    stdout = open(os.path.join(work, "out"), encoding="utf-8", errors="replace").read()
    stderr = open(os.path.join(work, "err"), encoding="utf-8", errors="replace").read()
    try:
        report = json.loads(stdout)
        rules = [f["rule"] for f in report["findings"]]
    except (ValueError, KeyError):
        report, rules = None, []
    recorded = ""
    for root, _, files in os.walk(rec):
        for fn in files:
            recorded += open(os.path.join(root, fn), encoding="utf-8", errors="replace").read()
    rss_kb = usage.ru_maxrss
    ok = check(report is not None and p.returncode in (0, 1), f"{name}: exit {p.returncode}, a JSON report ({stderr.strip()[:200]})")
    ok &= check(took < WALL_BOUND_S, f"{name}: took {took:.1f} s, bound {WALL_BOUND_S} s")
    ok &= check(rss_kb < RSS_BOUND_KB, f"{name}: max RSS {rss_kb // 1024} MiB, bound {RSS_BOUND_KB // 1024} MiB")
    if want:
        ok &= check(any(r in rules for r in want), f"{name}: wants one of {sorted(want)}, got {rules}")
    for r in forbid:
        ok &= check(r not in rules, f"{name}: must not report {r}, got {rules}")
    secrets = spellings(SECRET, CLIENT) | (extra_spellings if secret_line else set())
    for s in secrets:
        for where, text in (("stdout", stdout), ("stderr", stderr), ("--record", recorded)):
            ok &= check(s not in text, f"{name}: a spelling of the secret ({s!r}) is in {where}")
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {took:.1f} s, {rss_kb // 1024} MiB, {sorted(set(rules))}", flush=True)
    return report


extra_spellings = set()


def main():
    global extra_spellings
    t_start = time.monotonic()
    state = tempfile.mkdtemp(prefix="od-hostile-")
    server = None
    ns = None
    try:
        os.makedirs(os.path.join(state, "tls"))
        make_certs(os.path.join(state, "tls"))
        with open(os.path.join(state, "secret"), "w", encoding="utf-8") as f:
            f.write(SECRET)
        ns = setup_netns(state)
        prefix = ["ip", "netns", "exec", ns] if ns else []
        server = subprocess.Popen(prefix + [sys.executable, os.path.join(HERE, "server.py"), "--state", state,
                                            "--tls-dir", os.path.join(state, "tls"), "--secret",
                                            os.path.join(state, "secret")] + (["--any"] if ns else []),
                                  stdin=subprocess.DEVNULL, stderr=open(os.path.join(state, "server.err"), "w"))
        for _ in range(100):
            if os.path.exists(os.path.join(state, "ports.json")):
                break
            if server.poll() is not None:
                raise SystemExit("server.py exited: " + open(os.path.join(state, "server.err")).read())
            time.sleep(0.1)
        ports = json.load(open(os.path.join(state, "ports.json")))
        http = f"http://127.0.0.1:{ports['http']}"
        tls = f"https://localhost:{ports['tls']}"
        W = "/.well-known/openid-configuration"
        unreachable = {"OD3001"}
        cases = [
            ("slowloris", f"{http}/slowloris{W}", unreachable),
            ("slow-headers", f"{http}/slow-headers{W}", unreachable),
            ("endless-body", f"{http}/endless{W}", {"OD3004"}),
            ("gib-body", f"{http}/gib{W}", {"OD3004"}),
            ("gzip-bomb", f"{http}/gzip-bomb{W}", {"OD3002"}),
            ("redirect-loop", f"{http}/redirect-loop{W}", unreachable),
            ("redirect-file", f"{http}/redirect-file{W}", {"OD3601"}),
            ("redirect-link-local", f"{http}/redirect-link-local{W}", {"OD3602"}),
            ("redirect-link-local-http", f"{http}/redirect-link-local-http{W}", {"OD3601"}),
            ("redirect-numeric-link-local", f"{http}/redirect-numeric{W}", {"OD3602"}),
            ("redirect-unspecified", f"{tls}/redirect-unspecified{W}", {"OD3602"}),
            ("jwks-redirect-link-local", f"{http}/jwks-redirect-link-local{W}", {"OD3602"}),
            ("metadata-link-local", f"https://169.254.169.254/latest{W}", {"OD3602"}),
            ("other-hosts", f"{http}/other-hosts{W}", {"OD3404"}),
            ("issuer-other-host", f"{http}/issuer-other-host{W}", {"OD3005"}),
            ("jwks-huge", f"{http}/jwks-huge{W}", {"OD3102"}),
            ("jwks-malformed", f"{http}/jwks-malformed{W}", {"OD3102"}),
            ("jwks-deep", f"{http}/jwks-deep{W}", {"OD3102"}),
            ("rate-limited", f"{http}/rate-limited{W}", unreachable),
            ("close-mid-headers", f"{http}/close-mid-headers{W}", {"OD3001", "OD3002"}),
            ("huge-header", f"{http}/huge-header{W}", unreachable),
            ("many-headers", f"{http}/many-headers{W}", {"OD3001", "OD3002"}),
            ("echo-basic", f"{http}/echo-basic{W}", {"OD3401", "OD3403"}),
            ("echo-post", f"{http}/echo-post{W}", {"OD3401", "OD3403"}),
            ("tls-self-signed", f"https://localhost:{ports['selfsigned']}/tls{W}", {"OD3201"}),
            ("tls-expired", f"https://localhost:{ports['expired']}/tls{W}", {"OD3203"}),
            ("tls-wrong-host", f"https://localhost:{ports['wronghost']}/tls{W}", {"OD3202"}),
            ("tls-mute", f"https://localhost:{ports['mute']}/tls{W}", {"OD3001", "OD3205"}),
        ]
        # Controls: redirects that must be followed, so the refusals above are not the engine refusing all.
        controls = [("redirect-same-host", f"{http}/redirect-ok{W}", None, {"OD3001", "OD3601", "OD3602", "OD3005"})]
        if ns:
            pub, priv = f"https://198.51.100.7:{ports['tls']}", f"https://10.77.0.1:{ports['tls']}"
            name = f"https://public.hostile.test:{ports['tls']}"
            cases += [
                ("public-to-private", f"{pub}/redirect-private{W}", {"OD3602"}),
                ("public-to-loopback", f"{pub}/redirect-loopback{W}", {"OD3602"}),
                ("public-name-to-private-name", f"{name}/redirect-private-name{W}", {"OD3602"}),
                ("public-name-to-link-local-name", f"{name}/redirect-name-link-local{W}", {"OD3602"}),
                ("public-doc-private-endpoints", f"{pub}/doc-private-endpoints{W}", {"OD3602"}),
            ]
            controls += [("private-to-private", f"{priv}/redirect-inside{W}", None, {"OD3001", "OD3601", "OD3602"})]
        # A literal secret written with a YAML escape: the recorded config must hold none of it.
        literal = "l\\x69teral-Secret-4711"
        extra_spellings = spellings("literal-Secret-4711", CLIENT) | {literal}
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            jobs = [pool.submit(run_case, state, prefix, n, u, w) for n, u, w in cases]
            jobs += [pool.submit(run_case, state, prefix, n, u, w, False, None, forbid) for n, u, w, forbid in controls]
            jobs.append(pool.submit(run_case, state, prefix, "literal-yaml-escaped-secret", f"{http}/echo-post{W}",
                                    {"OD2401"}, False, f'"{literal}"'))
            for j in jobs:
                j.result()
        # Where the secret went: only POSTs to the issuer's own token endpoint of the echo cases.
        log = [json.loads(l) for l in open(os.path.join(state, "requests.jsonl"))]
        carried = [e for e in log if e["secret"]]
        # The issuer of each case is its metadata URL's origin and first path segment.
        issuers = set()
        for _, u, *_ in cases + controls:
            parts = urllib.parse.urlsplit(u)
            issuers.add((parts.netloc, "/" + parts.path.strip("/").split("/")[0] + "/token"))
        for e in carried:
            check(e["method"] == "POST" and (e["host"], e["path"]) in issuers, f"the secret reached {e}")
        check(any(e["path"] == "/echo-basic/token" for e in carried), "the Basic echo case received the secret")
        check(any(e["path"] == "/echo-post/token" for e in carried), "the form echo case received the secret")
        if ns:
            reached = [e for e in log if e["host"].startswith(("10.77.0.1", "private.hostile.test", "127.0.0.1:" +
                                                               str(ports["tls"]))) and "/real" in e["path"]
                       and not e["path"].startswith("/redirect-inside")]
            check(not reached, f"refused redirect targets were contacted: {reached}")
            inner = [e for e in log if e["path"].startswith("/doc-private-endpoints/") and e["host"].startswith("10.77.0.1")]
            check(not inner, f"private endpoints named by a public document were contacted: {inner}")
            check(any(e["path"] == "/redirect-inside/real" for e in log), "a private-to-private redirect was followed")
        check(any(e["path"] == "/redirect-ok/real" for e in log), "a same-host redirect was followed")
        loops = [e for e in log if e["path"] == f"/redirect-loop{W}"]
        check(len(loops) == 6, f"the redirect loop was followed 5 times after the first request ({len(loops)} requests)")
    finally:
        if server:
            server.terminate()
            try:
                server.wait(5)
            except subprocess.TimeoutExpired:
                server.kill()
        teardown_netns(ns)
        if not failures:
            shutil.rmtree(state, ignore_errors=True)
        else:
            print(f"state kept in {state}")
    for s in skipped:
        print(f"SKIP {s}")
    print(f"hostile: {len(failures)} failure(s) in {time.monotonic() - t_start:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
