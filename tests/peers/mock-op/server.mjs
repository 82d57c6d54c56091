// Registry-less mock OpenID Provider for oidc-doctor's differential probes: oauth2-mock-server
// (pinned in package.json) redirects any client_id to any redirect_uri with a code and issues
// tokens for any client and secret. Contrast peer for the registry-checking OPs.
//
// Usage: node server.mjs [--port N] [--host 127.0.0.1]
// Prints exactly one line "READY <issuer>" on stdout once it accepts connections; exits 0 on
// SIGTERM/SIGINT; on a start-up failure one "mock-op: ..." line on stderr and exit 2.
import { parseArgs } from 'node:util';
import { OAuth2Server } from 'oauth2-mock-server';

function fail(message) {
  process.stderr.write(`mock-op: ${message}\n`);
  process.exit(2);
}

let opts;
try {
  opts = parseArgs({ options: { port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' } } }).values;
} catch (err) {
  fail(err.message);
}

const server = new OAuth2Server();
try {
  await server.issuer.keys.generate('RS256');
  await server.start(Number(opts.port), opts.host);
} catch (err) {
  fail(`listen: ${err.message}`);
}
// The library names the issuer "localhost" for any loopback address; keep the address we bound.
server.issuer.url = `http://${opts.host}:${server.address().port}`;
process.stdout.write(`READY ${server.issuer.url}\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.stop().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
