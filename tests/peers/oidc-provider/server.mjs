// Loopback OpenID Provider for oidc-doctor integration tests and benchmarks.
//
// Usage: node server.mjs --config FILE.json
//
// Wraps node-oidc-provider (pinned in package.json) and adds optional
// latency and fault injection. Prints exactly one line "READY <base-url>"
// on stdout once it accepts connections; everything else goes to stderr.
// Exits 0 on SIGTERM/SIGINT. See ../README.md for the config format.

import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import http2 from 'node:http2';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

import Provider from 'oidc-provider';

const DISCOVERY_PATH = '/.well-known/openid-configuration';

function fail(message) {
  process.stderr.write(`server.mjs: ${message}\n`);
  process.exit(2);
}

function loadConfig() {
  let args;
  try {
    args = parseArgs({ options: { config: { type: 'string' } }, strict: true });
  } catch (err) {
    fail(err.message);
  }
  const file = args.values.config;
  if (!file) fail('missing --config FILE.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return fail(`cannot read config ${file}: ${err.message}`);
  }
}

// "{port}" or ":PORT" in an URL from the config stands for the port we got.
function withPort(url, port) {
  if (typeof url !== 'string') return url;
  return url.replaceAll('{port}', String(port)).replace(/:PORT(?=[/?#]|$)/, `:${port}`);
}

function sleep(ms) {
  return new Promise((resolve) => { setTimeout(resolve, ms); });
}

function signingKeys() {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
    .export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey
    .export({ format: 'jwk' });
  return [{ ...rsa, kid: 'rsa-1', use: 'sig', alg: 'RS256' }, { ...ec, kid: 'ec-1', use: 'sig', alg: 'ES256' }];
}

// Koa middleware that bends the discovery response according to cfg.faults.
function discoveryFaults(faults, port) {
  const patch = faults.discovery_patch || null;
  const active = Boolean(faults.issuer_override || faults.drop_s256
    || faults.oversized_discovery_bytes || faults.content_type || patch);
  return async function faultMiddleware(ctx, next) {
    await next();
    if (!active) return;
    if (ctx.path !== DISCOVERY_PATH || ctx.status !== 200 || !ctx.body
        || typeof ctx.body !== 'object') {
      return;
    }
    const doc = { ...ctx.body };
    if (faults.issuer_override) {
      doc.issuer = withPort(faults.issuer_override, port);
    }
    // discovery_patch: members to set (strings get the port substituted) or, with null, remove.
    for (const [key, value] of Object.entries(patch || {})) {
      if (value === null) delete doc[key];
      else doc[key] = withPort(value, port);
    }
    if (faults.drop_s256 === 'omit') {
      delete doc.code_challenge_methods_supported;
    } else if (faults.drop_s256) {
      doc.code_challenge_methods_supported = ['plain'];
    }
    let text = JSON.stringify(doc);
    const limit = Number(faults.oversized_discovery_bytes || 0);
    if (limit > 0 && Buffer.byteLength(text) <= limit) {
      // Valid JSON that is strictly larger than the limit.
      doc.x_padding = '';
      const base = Buffer.byteLength(JSON.stringify(doc));
      doc.x_padding = 'x'.repeat(limit - base + 1);
      text = JSON.stringify(doc);
    }
    ctx.body = text;
    // Set the header verbatim (ctx.type would append a charset to text types).
    ctx.set('Content-Type', faults.content_type || 'application/json; charset=utf-8');
  };
}

async function main() {
  const cfg = loadConfig();
  const faults = cfg.faults || {};
  const tls = cfg.tls || null;
  const host = cfg.host || '127.0.0.1';
  const latency = Number(cfg.latency_ms || 0);
  const slowPaths = faults.slow_paths || {};
  // routes: fixed answers served before the provider sees the request, for documents no
  // real provider would produce (a JWKS with private keys, an HTML page instead of JSON).
  const routes = cfg.routes || {};

  let serverOpts = {};
  if (tls) {
    try {
      serverOpts = { cert: readFileSync(tls.cert), key: readFileSync(tls.key) };
    } catch (err) {
      fail(`cannot read tls files: ${err.message}`);
    }
  }

  // Requests are handed to `handler` once the provider exists; the provider
  // needs the issuer, which needs the port, which we only know after listen.
  let handler = (req, res) => { res.statusCode = 503; res.end(); };
  let mountPath = '';

  // What the OP itself spends, for the benchmark (bench/preflight.sh): with cfg.stats, GET
  // STATS_PATH answers at once (no latency) with the process's CPU time, the event loop's busy
  // time and, per request since the last reset, when it arrived and when its answer was sent.
  const STATS_PATH = '/__op/stats';
  let served = [];
  const onRequest = async (req, res) => {
    const path = (req.url || '/').split('?')[0];
    if (cfg.stats && path === STATS_PATH) {
      const cpu = process.cpuUsage();
      const loop = performance.eventLoopUtilization();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({
        cpu_ms: (cpu.user + cpu.system) / 1000, loop_active_ms: loop.active, requests: served,
      }));
      if ((req.url || '').includes('reset')) served = [];
      return;
    }
    if (cfg.stats) {
      const now = () => performance.timeOrigin + performance.now();
      const entry = { path, arrived_ms: now(), sent_ms: 0 };
      served.push(entry);
      res.on('finish', () => { entry.sent_ms = now(); });
    }
    const delay = latency + Number(slowPaths[path] || 0);
    if (delay > 0) await sleep(delay);
    const route = routes[path];
    if (route) {
      const body = typeof route.body === 'string' ? route.body : JSON.stringify(route.body ?? '');
      res.statusCode = Number(route.status || 200);
      res.setHeader('content-type', route.content_type || 'application/json; charset=utf-8');
      for (const [name, value] of Object.entries(route.headers || {})) res.setHeader(name, withPort(value, server.address().port));
      res.end(body);
      return;
    }
    if (mountPath) {
      if (path !== mountPath && !path.startsWith(`${mountPath}/`)) {
        res.statusCode = 404;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end('{"error":"not_found"}');
        return;
      }
      req.originalUrl = req.url;
      req.url = req.url.slice(mountPath.length) || '/';
    }
    handler(req, res);
  };

  // http2: HTTP/2 over TLS (ALPN h2), still answering HTTP/1.1 clients (ALPN http/1.1 or none).
  if (cfg.http2 && !tls) fail('http2 needs tls');
  let server;
  if (cfg.http2) server = http2.createSecureServer({ ...serverOpts, allowHTTP1: true }, onRequest);
  else server = tls ? https.createServer(serverOpts, onRequest) : http.createServer(onRequest);
  const sessions = new Set();
  server.on('session', (session) => { sessions.add(session); session.on('close', () => sessions.delete(session)); });
  server.on('error', (err) => fail(`listen: ${err.message}`));
  await new Promise((resolve) => { server.listen(Number(cfg.port || 0), host, resolve); });
  const { port } = server.address();

  const scheme = tls ? 'https' : 'http';
  const issuer = cfg.issuer ? withPort(cfg.issuer, port) : `${scheme}://${host}:${port}`;
  let issuerUrl;
  try {
    issuerUrl = new URL(issuer);
  } catch {
    fail(`issuer is not a URL: ${issuer}`);
  }
  mountPath = issuerUrl.pathname.replace(/\/+$/, '');

  const provider = new Provider(issuer, {
    clients: cfg.clients || [],
    jwks: { keys: signingKeys() },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: cfg.scopes || ['openid', 'offline_access', 'profile', 'email'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    features: {
      devInteractions: { enabled: true },
      ...(cfg.features || {}),
    },
  });
  // Static clients are otherwise only validated on first use; fail fast instead.
  for (const client of cfg.clients || []) {
    try {
      // eslint-disable-next-line no-await-in-loop
      await provider.Client.find(String(client.client_id));
    } catch (err) {
      fail(`client ${client.client_id}: ${err.error_description || err.message}`);
    }
  }
  provider.on('server_error', (ctx, err) => process.stderr.write(`server_error: ${err.stack}\n`));
  provider.use(discoveryFaults(faults, port));
  handler = provider.callback();

  const base = issuer.replace(/\/+$/, '');
  process.stdout.write(`READY ${base}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(0));
    if (server.closeAllConnections) server.closeAllConnections();
    for (const session of sessions) session.destroy();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => fail(err.stack || String(err)));
