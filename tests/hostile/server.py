#!/usr/bin/env python3
"""A hostile OpenID Provider for oidc-doctor's preflight (tests/hostile/run.py starts it).

Each case lives under its own path prefix, /CASE/.well-known/openid-configuration, and plays one
broken or hostile IdP: slow drips, endless and huge bodies, a gzip bomb, redirect loops and
redirects to file:, link-local and private addresses, endpoints on other hosts, huge and malformed
key sets, 429 with an absurd Retry-After, connections cut inside the headers, huge and many
headers, and a token endpoint that echoes the credentials it receives. Besides the plain-http
listener there are TLS listeners with a good, a self-signed, an expired and a wrong-host
certificate, and a mute one that accepts connections and never speaks.

Every request is logged to STATE/requests.jsonl with whether it carried the client secret (in the
body, raw or form-encoded, or inside Basic credentials), so the test can check that the secret
reached nothing but the issuer's token endpoint. Listens on 127.0.0.1 unless --any (used only
inside a private network namespace). Ports go to STATE/ports.json once every listener is up.
"""
import argparse
import base64
import html
import json
import os
import socket
import ssl
import subprocess
import threading
import time
import urllib.parse
import zlib

ap = argparse.ArgumentParser()
ap.add_argument("--state", required=True)
ap.add_argument("--tls-dir", required=True)
ap.add_argument("--secret", required=True, help="file holding the client secret to watch for")
ap.add_argument("--any", action="store_true", help="listen on every address (network namespace only)")
args = ap.parse_args()

SECRET = open(args.secret, encoding="utf-8").read()
LOG = open(os.path.join(args.state, "requests.jsonl"), "a", buffering=1)
LOG_LOCK = threading.Lock()
BIND = "0.0.0.0" if args.any else "127.0.0.1"


def modulus_b64url():
    out = subprocess.run(["openssl", "rsa", "-in", os.path.join(args.tls_dir, "server.key"), "-noout", "-modulus"],
                         check=True, capture_output=True, text=True).stdout
    n = bytes.fromhex(out.strip().split("=", 1)[1])
    return base64.urlsafe_b64encode(n).rstrip(b"=").decode()


JWKS = json.dumps({"keys": [{"kty": "RSA", "kid": "rsa-1", "use": "sig", "alg": "RS256", "n": modulus_b64url(), "e": "AQAB"}]})
_bomb = None


def gzip_bomb():
    # 128 MiB of "[" compressed to about 130 KB: whoever inflates it pays, we never do.
    global _bomb
    if _bomb is None:
        c = zlib.compressobj(9, zlib.DEFLATED, 31)
        chunk = b"[" * (1 << 20)
        _bomb = b"".join(c.compress(chunk) for _ in range(128)) + c.flush()
    return _bomb


def carried_secret(headers, body):
    texts = [body, urllib.parse.unquote_plus(body), urllib.parse.unquote(body)]
    auth = headers.get("authorization", "")
    if auth.lower().startswith("basic "):
        try:
            raw = base64.b64decode(auth[6:].strip()).decode("utf-8", "replace")
            texts += [raw, urllib.parse.unquote_plus(raw)]
        except Exception:
            pass
    texts += list(headers.values())
    return any(SECRET in t for t in texts)


def read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
        if len(data) > 65536:
            return None
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = (lines[0].split(" ") + ["", ""])[:3]
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    length = min(int(headers.get("content-length", "0") or 0), 65536)
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        rest += chunk
    return method, target, headers, rest[:length].decode("utf-8", "replace")


def answer(conn, status, body=b"", ctype="application/json", extra=()):
    if isinstance(body, str):
        body = body.encode()
    reason = {200: "OK", 302: "Found", 400: "Bad Request", 401: "Unauthorized", 429: "Too Many Requests"}.get(status, "X")
    head = f"HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n"
    for k, v in extra:
        head += f"{k}: {v}\r\n"
    conn.sendall(head.encode() + b"\r\n" + body)


def redirect(conn, location):
    answer(conn, 302, "Found", "text/plain", [("Location", location)])


def discovery(base, **over):
    d = {
        "issuer": base,
        "authorization_endpoint": base + "/auth",
        "token_endpoint": base + "/token",
        "jwks_uri": base + "/jwks",
        "end_session_endpoint": base + "/logout",
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "scopes_supported": ["openid", "offline_access", "profile", "email"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
    }
    d.update(over)
    return json.dumps(d)


def drip(conn, first, piece, every=0.2, limit=60):
    conn.sendall(first)
    end = time.time() + limit
    while time.time() < end:
        time.sleep(every)
        conn.sendall(piece)


def stream(conn, head, chunk, chunked):
    conn.sendall(head)
    while True:
        conn.sendall((b"%x\r\n" % len(chunk)) + chunk + b"\r\n" if chunked else chunk)


WELL_KNOWN = "/.well-known/openid-configuration"


def handle(conn, scheme, listener):
    req = read_request(conn)
    if req is None:
        return
    method, target, headers, body = req
    path = urllib.parse.urlsplit(target).path
    host = headers.get("host", "")
    case, _, rest = path.lstrip("/").partition("/")
    rest = "/" + rest
    base = f"{scheme}://{host}/{case}"
    with LOG_LOCK:
        LOG.write(json.dumps({"listener": listener, "host": host, "method": method, "path": path,
                              "secret": carried_secret(headers, body)}) + "\n")
    port = host.rsplit(":", 1)[-1]

    if rest == WELL_KNOWN:
        if case == "slowloris":
            return drip(conn, b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{", b" ")
        if case == "slow-headers":
            return drip(conn, b"HTTP/1.1 200 OK\r\n", b"X-Drip: a\r\n")
        if case == "endless":
            return stream(conn, b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                          b"[" * 65536, True)
        if case == "gib":
            return stream(conn, b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n",
                          b"\0" * 65536, False)
        if case == "gzip-bomb":
            return answer(conn, 200, gzip_bomb(), "application/json", [("Content-Encoding", "gzip")])
        if case == "redirect-loop":
            return redirect(conn, f"/{case}{WELL_KNOWN}")
        if case == "redirect-file":
            return redirect(conn, "file:///etc/passwd")
        if case == "redirect-link-local":
            return redirect(conn, "https://169.254.169.254/latest/meta-data/")
        if case == "redirect-link-local-http":
            return redirect(conn, "http://169.254.169.254/latest/meta-data/")
        if case == "redirect-numeric":
            return redirect(conn, "https://2852039166/latest/meta-data/")
        if case == "redirect-unspecified":
            return redirect(conn, f"https://0.0.0.0:{port}/{case}/real")
        if case == "redirect-ok":
            return redirect(conn, f"/{case}/real")
        if case == "redirect-private":
            return redirect(conn, f"https://10.77.0.1:{port}/{case}/real")
        if case == "redirect-loopback":
            return redirect(conn, f"https://127.0.0.1:{port}/{case}/real")
        if case == "redirect-private-name":
            return redirect(conn, f"https://private.hostile.test:{port}/{case}/real")
        if case == "redirect-name-link-local":
            return redirect(conn, f"https://metadata.hostile.test:{port}/{case}/real")
        if case == "redirect-inside":
            return redirect(conn, f"{scheme}://{host}/{case}/real")
        if case == "doc-private-endpoints":
            inner = f"https://10.77.0.1:{port}/{case}"
            return answer(conn, 200, discovery(base, jwks_uri=inner + "/jwks", authorization_endpoint=inner + "/auth"))
        if case == "jwks-redirect-link-local":
            return answer(conn, 200, discovery(base, jwks_uri=base + "/jwks-redir"))
        if case == "other-hosts":
            other = base.replace("127.0.0.1", "localhost")
            return answer(conn, 200, discovery(base, token_endpoint=other + "/token", jwks_uri=other + "/jwks",
                                               authorization_endpoint=other + "/auth"))
        if case == "issuer-other-host":
            return answer(conn, 200, discovery(base.replace("127.0.0.1", "localhost")))
        if case == "rate-limited":
            return answer(conn, 429, '{"error":"slow down"}', extra=[("Retry-After", "99999999999999999999")])
        if case == "close-mid-headers":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: appl")
            return
        if case == "huge-header":
            conn.sendall(b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * (4 << 20) + b"\r\n\r\n")
            return
        if case == "many-headers":
            extra = [(f"X-H{i}", "v") for i in range(40000)]
            return answer(conn, 200, "<html>not a document</html>", "text/html", extra)
        if case == "echo-basic":
            return answer(conn, 200, discovery(base, token_endpoint_auth_methods_supported=["client_secret_basic"]))
        if case == "echo-post":
            return answer(conn, 200, discovery(base, token_endpoint_auth_methods_supported=["client_secret_post"]))
        return answer(conn, 200, discovery(base))

    if rest == "/real" and case in ("redirect-ok", "redirect-inside", "redirect-private", "redirect-loopback",
                                    "redirect-private-name", "redirect-unspecified", "redirect-name-link-local"):
        return answer(conn, 200, discovery(base))
    if rest == "/jwks-redir":
        return redirect(conn, "https://169.254.169.254/latest/meta-data/iam/security-credentials/")
    if rest == "/jwks":
        if case == "jwks-huge":
            return answer(conn, 200, '{"keys":[' + ",".join([JWKS[9:-2]] * 6000) + "]}")
        if case == "jwks-malformed":
            return answer(conn, 200, '{"keys": [{"kty": "RSA", "n": 5, "e": []}, "x", null], "tail": ')
        if case == "jwks-deep":
            return answer(conn, 200, '{"keys":' + "[" * 200000 + "]" * 200000 + "}")
        return answer(conn, 200, JWKS, "application/jwk-set+json")
    if rest == "/auth":
        return answer(conn, 400, "<html><body><pre>error: invalid_request</pre></body></html>", "text/html")
    if rest == "/token":
        if case.startswith("echo-"):
            # Everything received, back in every spelling a careless server might use.
            said = f"received Authorization: {headers.get('authorization', '-')} body: {body}"
            page = json.dumps({"error": "invalid_client", "error_description": said,
                               "json": json.dumps(SECRET), "html": html.escape(SECRET)})
            return answer(conn, 401, page, extra=[("X-Echo", urllib.parse.quote(body)),
                                                  ("WWW-Authenticate", f'Basic realm="{html.escape(said)}"')])
        return answer(conn, 400, '{"error":"invalid_grant","error_description":"grant request is invalid"}')
    return answer(conn, 404, '{"error":"not_found"}')


def serve(sock, scheme, listener, ctx=None, mute=False):
    while True:
        conn, _ = sock.accept()

        def run(conn=conn):
            try:
                conn.settimeout(70)
                if mute:
                    time.sleep(70)
                    return
                c = ctx.wrap_socket(conn, server_side=True) if ctx else conn
                handle(c, scheme, listener)
            except Exception:
                pass
            finally:
                try:
                    conn.close()
                except Exception:
                    pass

        threading.Thread(target=run, daemon=True).start()


def listen():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((BIND, 0))
    s.listen(128)
    return s


def tls(cert):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(args.tls_dir, cert + ".pem"), os.path.join(args.tls_dir, cert + ".key"))
    return ctx


gzip_bomb()  # made before the ports are announced, so no case waits for it
ports = {}
for name, scheme, cert, mute in [("http", "http", None, False), ("tls", "https", "hostile", False),
                                 ("selfsigned", "https", "selfsigned", False), ("expired", "https", "expired", False),
                                 ("wronghost", "https", "wronghost", False), ("mute", "https", None, True)]:
    s = listen()
    ports[name] = s.getsockname()[1]
    threading.Thread(target=serve, args=(s, scheme, name, tls(cert) if cert else None, mute), daemon=True).start()
tmp = os.path.join(args.state, "ports.json.tmp")
with open(tmp, "w") as f:
    json.dump(ports, f)
os.rename(tmp, os.path.join(args.state, "ports.json"))
while True:
    time.sleep(3600)
