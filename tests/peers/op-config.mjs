// Prints a server.mjs config for one named scenario, so tests, recordings, the demo and the
// benchmark share one definition of the test clients and of each fault.
//
// Usage: node op-config.mjs VARIANT [TLS_DIR] [LATENCY_MS] [PORT]
// VARIANT: see `variants` below. TLS_DIR holds make-certs.sh output (https variants only).
// PORT: fixed listen port (default: any free port).
import { generateKeyPairSync } from 'node:crypto';

const [variant = 'main', tlsDir = '', latency = '0', port = '0'] = process.argv.slice(2);

const CALLBACKS = [
  'https://app.example.test/oidc/callback',
  'https://dev.example.test/oidc/callback',
  'https://lifetime.example.test/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx',
  'https://dev.example.test/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx',
];
const TOOLS = ['servicestudio://auth', 'integrationstudio://auth', 'servicestudiox11://auth',
  'https://experiencebuilder.outsystems.com/Authentication/OIDC_Callback',
  'https://workflowbuilder.outsystems.com/Authentication/OIDC_Callback',
  'https://integrationbuilder.outsystems.com/Authentication/OIDC_Callback',
  'https://aimentorstudio.outsystems.com/Authentication/OIDC_Callback',
  'https://dev.example.test/OSIntegrationManager/OIDC_Callback'];
const web = (id, method) => ({
  client_id: id,
  client_secret: `${id}-secret`,
  redirect_uris: CALLBACKS,
  post_logout_redirect_uris: ['https://app.example.test/'],
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  token_endpoint_auth_method: method,
});
const clients = [
  web('web-basic', 'client_secret_basic'),
  web('web-post', 'client_secret_post'),
  {
    client_id: 'servicestudio', application_type: 'native', redirect_uris: TOOLS,
    grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none',
  },
];

// The demo's IdP (scripts/demo-preflight.sh, examples/preflight-local.yaml): Acme's OutSystems
// consoles and development tools, with qa's Service Center callback deliberately not registered.
const TOKEN_PART = '/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx';
const LOGOUT = '/ServiceCenter/CentralizedLogout_CallbackEndpoint.aspx';
const demoClients = [
  {
    client_id: 'acme-consoles',
    client_secret: 'demo-consoles-secret',
    redirect_uris: ['https://lifetime.acme.test', 'https://dev.acme.test'].map((h) => h + TOKEN_PART),
    post_logout_redirect_uris: ['https://lifetime.acme.test', 'https://dev.acme.test', 'https://qa.acme.test'].map((h) => h + LOGOUT),
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  },
  {
    client_id: 'acme-devtools',
    application_type: 'native',
    redirect_uris: [...TOOLS.slice(0, 7), 'https://dev.acme.test/OSIntegrationManager/OIDC_Callback',
      'https://qa.acme.test/OSIntegrationManager/OIDC_Callback'],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  },
];

const pub = (key) => key.export({ format: 'jwk' });
const rsa = (bits) => generateKeyPairSync('rsa', { modulusLength: bits });
const keys = (list) => ({ content_type: 'application/jwk-set+json', body: { keys: list } });
const tls = (cert) => ({ issuer: 'https://localhost:PORT', tls: { cert: `${tlsDir}/${cert}.pem`, key: `${tlsDir}/${cert}.key` } });

// Each variant: extra config merged over the base (faults, routes, scopes, features, tls).
const variants = {
  main: {},
  demo: { clients: demoClients },
  issuer: { faults: { issuer_override: 'http://other.example:{port}/' } },
  s256: { faults: { drop_s256: true } },
  's256-omit': { faults: { drop_s256: 'omit' } },
  slow: { faults: { slow_paths: { '/.well-known/openid-configuration': 5000 } } },
  big: { faults: { oversized_discovery_bytes: 1048576 } },
  'content-type': { faults: { content_type: 'text/html' } },
  'not-json': {
    routes: {
      '/.well-known/openid-configuration': {
        content_type: 'text/html; charset=utf-8',
        body: '<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>',
      },
    },
  },
  // Without offline_access node-oidc-provider refuses clients that ask for refresh tokens.
  'no-offline': { scopes: ['openid', 'profile', 'email'], grants: ['authorization_code'] },
  'no-logout': { features: { rpInitiatedLogout: { enabled: false } } },
  'missing-jwks-uri': { faults: { discovery_patch: { jwks_uri: null } } },
  'http-endpoint': { faults: { discovery_patch: { userinfo_endpoint: 'http://op.example.test/me' } } },
  'auth-methods': { faults: { discovery_patch: { token_endpoint_auth_methods_supported: ['private_key_jwt'] } } },
  'other-host': { faults: { discovery_patch: { token_endpoint: 'http://localhost:{port}/token' } } },
  'jwks-404': { faults: { discovery_patch: { jwks_uri: 'http://127.0.0.1:{port}/no-such-jwks' } } },
  'jwks-not-keys': { faults: { discovery_patch: { jwks_uri: 'http://127.0.0.1:{port}/.well-known/openid-configuration' } } },
  'jwks-private': {
    faults: { discovery_patch: { jwks_uri: 'http://127.0.0.1:{port}/keys' } },
    routes: { '/keys': keys([{ ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), kid: 'leaked-1', use: 'sig', alg: 'ES256' }]) },
  },
  'jwks-oct': {
    faults: { discovery_patch: { jwks_uri: 'http://127.0.0.1:{port}/keys' } },
    routes: { '/keys': keys([{ ...pub(rsa(2048).publicKey), kid: 'rsa-1', use: 'sig', alg: 'RS256' }, { kty: 'oct', kid: 'shared', k: 'c2hhcmVkLXNlY3JldC1mb3ItdGVzdHMtb25seS0wMTIz', alg: 'HS256' }]) },
  },
  'jwks-dup-kid': {
    faults: { discovery_patch: { jwks_uri: 'http://127.0.0.1:{port}/keys' } },
    routes: { '/keys': keys([{ ...pub(rsa(2048).publicKey), kid: 'rsa-1', use: 'sig', alg: 'RS256' }, { ...pub(rsa(2048).publicKey), kid: 'rsa-1', use: 'sig', alg: 'RS256' }]) },
  },
  'jwks-weak': {
    faults: { discovery_patch: { jwks_uri: 'http://127.0.0.1:{port}/keys' } },
    routes: { '/keys': keys([{ ...pub(rsa(1024).publicKey), kid: 'weak-1', use: 'sig', alg: 'RS256' }]) },
  },
  'jwks-good': {
    faults: { discovery_patch: { jwks_uri: 'http://127.0.0.1:{port}/keys' } },
    routes: { '/keys': keys([{ ...pub(rsa(2048).publicKey), kid: 'rsa-1', use: 'sig', alg: 'RS256' }, { ...pub(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey), kid: 'ec-1', use: 'sig', alg: 'ES256' }]) },
  },
  maintenance: {
    faults: { discovery_patch: { authorization_endpoint: 'http://127.0.0.1:{port}/maintenance' } },
    routes: { '/maintenance': { content_type: 'text/html', body: '<html><body><h1>Maintenance</h1><p>Back soon.</p></body></html>' } },
  },
  'token-maintenance': {
    faults: { discovery_patch: { token_endpoint: 'http://127.0.0.1:{port}/maintenance' } },
    routes: { '/maintenance': { content_type: 'text/html', body: '<html><body><h1>Maintenance</h1><p>Back soon.</p></body></html>' } },
  },
  https: tls('server'),
  // HTTP/2 over TLS (ALPN h2) on the same port that still answers HTTP/1.1.
  h2: { ...tls('server'), http2: true },
  // Discovery over https answers with a redirect to plain http, which must never be followed.
  'https-downgrade': {
    ...tls('server'),
    routes: { '/.well-known/openid-configuration': { status: 302, content_type: 'text/plain', body: 'Found', headers: { location: 'http://127.0.0.1:{port}/.well-known/openid-configuration' } } },
  },
  // Discovery redirects to the cloud metadata address (link-local), which must never be contacted.
  'redirect-link-local': {
    routes: { '/.well-known/openid-configuration': { status: 302, content_type: 'text/plain', body: 'Found', headers: { location: 'https://169.254.169.254/latest/meta-data/' } } },
  },
  expired: tls('expired'),
  wronghost: tls('wronghost'),
  soon: tls('soon'),
};

if (!(variant in variants)) {
  process.stderr.write(`op-config.mjs: unknown variant ${variant}; one of ${Object.keys(variants).join(', ')}\n`);
  process.exit(2);
}
const { grants, ...v } = variants[variant];
if (grants) for (const c of clients) c.grant_types = grants;
if (v.tls && !tlsDir) {
  process.stderr.write(`op-config.mjs: variant ${variant} needs TLS_DIR\n`);
  process.exit(2);
}
// OP_STATS=1: the OP answers GET /__op/stats with what it spent (bench/preflight.sh, the per-host test).
const stats = process.env.OP_STATS === '1' ? { stats: true } : {};
process.stdout.write(`${JSON.stringify({ port: Number(port), clients, latency_ms: Number(latency), ...stats, ...v }, null, 1)}\n`);
