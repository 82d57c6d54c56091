#!/usr/bin/env python3
"""Writes a synthetic application sign-in log of about SIZE_MB megabytes to PATH.

Mostly ordinary request and sign-in lines, with about one line in a hundred carrying an IdP or
client-library error in the shapes users meet: raw messages, redirect URLs with error
parameters, JSON bodies, Keycloak event lines, stack-trace wrappers. A 16 MiB block is generated
and repeated, so the file is produced at disk speed.
Usage: gen_signin_log.py PATH SIZE_MB
"""
import random
import sys

NORMAL = [
    "{ts} INFO  [http-nio-8080-exec-{t}] c.acme.web.RequestLogger - GET /api/orders/{n}?page={p} 200 {ms}ms user=user{u}@acme.com",
    "{ts} DEBUG [http-nio-8080-exec-{t}] o.s.security.web.FilterChainProxy - Securing GET /dashboard/{n}",
    "{ts} INFO  [http-nio-8080-exec-{t}] c.acme.auth.SignInHandler - sign-in succeeded for user{u}@acme.com via https://login.microsoftonline.com/acme.onmicrosoft.com/v2.0 in {ms} ms",
    "{ts} INFO  [http-nio-8080-exec-{t}] c.acme.auth.TokenClient - refreshed access token for user{u}@acme.com, expires in 3599 s",
    "{ts} WARN  [scheduler-{t}] c.acme.jobs.Sync - job {n} took {ms} ms, above the 500 ms budget",
    "{ts} INFO  [http-nio-8080-exec-{t}] c.acme.web.RequestLogger - POST /api/cart/{n}/items 201 {ms}ms user=user{u}@acme.com",
]

ERRORS = [
    "{ts} WARN  [http-nio-8080-exec-{t}] c.acme.auth.SignInHandler - sign-in failed: AADSTS50011: The redirect URI 'https://app{e}.acme.com/signin-oidc' specified in the request does not match the redirect URIs configured for the application '4f8a2c6e-1d3b-4a5f-9e7c-0b2d4f6a8c1e'.",
    "{ts} ERROR [http-nio-8080-exec-{t}] c.acme.auth.TokenClient - token endpoint answered 401: {{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '4f8a2c6e-1d3b-4a5f-9e7c-0b2d4f6a8c1e'.\",\"error_codes\":[7000215]}}",
    "{ts} WARN  [http-nio-8080-exec-{t}] c.acme.auth.CallbackController - GET /signin-oidc?error=access_denied&error_description=AADSTS50105%3a+Your+administrator+has+configured+the+application+Acme+('4f8a2c6e-1d3b-4a5f-9e7c-0b2d4f6a8c1e')+to+block+users+unless+they+are+specifically+granted+('assigned')+access&state=s{n}",
    "{ts} WARN  [org.keycloak.events] (executor-thread-{t}) type=LOGIN_ERROR, realmId=acme, clientId=webapp, userId=null, ipAddress=10.0.0.{t}, error=invalid_redirect_uri, redirect_uri=https://app{e}.acme.com/callback",
    "{ts} ERROR [http-nio-8080-exec-{t}] o.s.s.o.c.w.OAuth2LoginAuthenticationFilter - org.springframework.security.oauth2.core.OAuth2AuthenticationException: [invalid_token_response] An error occurred while attempting to retrieve the OAuth 2.0 Access Token Response: 401 Unauthorized: [no body]",
    "{ts} ERROR [http-nio-8080-exec-{t}] c.acme.auth.TokenClient - {{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\",\"errorLink\":\"E0000011\",\"errorId\":\"oae{n}\",\"errorCauses\":[]}}",
    "{ts} ERROR [http-nio-8080-exec-{t}] c.acme.auth.SignInHandler - Microsoft.Identity.Client.MsalUiRequiredException: AADSTS70008: The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
    "{ts} WARN  [http-nio-8080-exec-{t}] c.acme.auth.SignInHandler - sign-in failed: AADSTS9002{e}99: a code the catalogue does not know",
    "{ts} ERROR [http-nio-8080-exec-{t}] c.acme.auth.Jwks - javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target",
]


def block(rng, size):
    out, total = [], 0
    while total < size:
        tmpl = rng.choice(ERRORS) if rng.random() < 0.01 else rng.choice(NORMAL)
        line = tmpl.format(
            ts="2026-11-22T%02d:%02d:%02d.%03dZ" % (rng.randrange(24), rng.randrange(60), rng.randrange(60), rng.randrange(1000)),
            t=rng.randrange(1, 40), n=rng.randrange(100000), p=rng.randrange(1, 9), ms=rng.randrange(1, 900),
            u=rng.randrange(1, 5000), e=rng.randrange(1, 9))
        out.append(line)
        total += len(line) + 1
    return "\n".join(out) + "\n"


def main():
    path, size_mb = sys.argv[1], int(sys.argv[2])
    chunk = block(random.Random(20261122), 16 << 20).encode()
    target = size_mb << 20
    with open(path, "wb") as f:
        written = 0
        while written < target:
            f.write(chunk)
            written += len(chunk)


if __name__ == "__main__":
    main()
