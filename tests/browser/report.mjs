// The HTML report opened as a person would: in a real headless Chromium (Debian's chromium, driven
// by playwright-core, which downloads no browser). For each example the run writes its JSON and
// its HTML in one go; the page must show the JSON's matrix cell for cell, place every finding,
// mark the failing hops, show the redirect URI grid, answer the keyboard, log no console error,
// ask for nothing outside the file, hold no secret, and print on A4. A screenshot of each goes to
// OUT (the build folder) for review.
//
//   node tests/browser/report.mjs BIN OUT
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const [bin, out] = process.argv.slice(2).map((p) => path.resolve(p));
const chromiumPath = process.env.OD_CHROMIUM || '/usr/bin/chromium';
if (!bin || !out) {
  console.error('usage: node tests/browser/report.mjs BIN OUT');
  process.exit(2);
}
if (!fs.existsSync(chromiumPath) || !fs.existsSync(path.join(here, 'node_modules', 'playwright-core'))) {
  console.log(`SKIP: needs ${chromiumPath} and tests/browser/node_modules (scripts/setup.sh installs both)`);
  process.exit(77);
}
const { chromium } = await import('playwright-core');
fs.mkdirSync(out, { recursive: true });

// Markers that must never reach a page: the secrets each run is given.
const SECRET = 'Zq8-browser-test-secret-Vw3';
const DEMO_SECRET = 'demo-consoles-secret';

let failures = 0;
function check(cond, what) {
  if (!cond) {
    failures++;
    console.error(`  FAIL ${what}`);
  }
}

function run(args, env = {}, expectCodes = [0, 1]) {
  const r = spawnSync(bin, args, { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env }, encoding: 'utf8' });
  if (!expectCodes.includes(r.status)) throw new Error(`${bin} ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return r;
}

// One run, both formats: the JSON and the page describe the same findings.
function lintCase(name, config, extra = []) {
  const json = path.join(out, `${name}.json`);
  const html = path.join(out, `${name}.html`);
  run(['lint', config, '--today', '2026-11-22', '--format', `json=${json}`, '--format', `html=${html}`, ...extra], {
    OKTA_CONSOLES_SECRET: SECRET,
  });
  return { name, json, html, secrets: [SECRET], config };
}
function replayCase(name, recording) {
  const json = path.join(out, `${name}.json`);
  const html = path.join(out, `${name}.html`);
  run(['preflight', '--replay', recording, '--format', `json=${json}`, '--format', `html=${html}`]);
  return { name, json, html, secrets: [] };
}
function demoCase() {
  // The local node-oidc-provider, as `make demo` runs it.
  const json = path.join(out, 'demo-preflight.json');
  const html = path.join(out, 'demo-preflight.html');
  execFileSync(path.join(root, 'scripts', 'demo-preflight.sh'), [], {
    cwd: root,
    env: { ...process.env, BIN: bin, JSON: json, REPORT: html, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { name: 'demo-preflight', json, html, secrets: [DEMO_SECRET] };
}

const cases = [
  lintCase('demo-lint', 'examples/acme-outsystems-okta.yaml'),
  lintCase('posit-connect-lint', 'examples/posit-connect.yaml', ['--no-resolve-secrets']),
  lintCase('entra-broken-lint', 'fixtures/configs/outsystems-entra-broken.yaml', ['--no-resolve-secrets']),
  lintCase('keycloak-import-lint', 'fixtures/configs/outsystems-keycloak-import-broken.yaml', ['--no-resolve-secrets']),
  replayCase('replay-unreachable', 'fixtures/recordings/OD3001/trigger'),
  replayCase('replay-proxy-refused', 'fixtures/recordings/OD3502/trigger'),
  replayCase('replay-tls-untrusted', 'fixtures/recordings/OD3201/trigger'),
  replayCase('replay-redirect-rejected', 'fixtures/recordings/OD3301/trigger'),
  replayCase('replay-secret-rejected', 'fixtures/recordings/OD3401/trigger'),
  demoCase(),
];
// Every other fixture config that loads (the three that are meant not to load exit 2 instead):
// the matrix must match the JSON for each of them too.
const unloadable = new Set(['malformed-yaml.yaml', 'missing-required.yaml', 'wrong-type.yaml']);
const covered = new Set(cases.map((c) => c.config).filter(Boolean));
for (const file of fs.readdirSync(path.join(root, 'fixtures', 'configs')).sort()) {
  const rel = `fixtures/configs/${file}`;
  if (!/\.(ya?ml|json)$/.test(file) || unloadable.has(file) || covered.has(rel)) continue;
  cases.push(lintCase(`fixture-${file.replace(/\.[a-z]+$/, '')}-${path.extname(file).slice(1)}`, rel, ['--no-resolve-secrets']));
}

// `oidc-doctor report` on a saved result gives the page of the run itself.
for (const c of cases) {
  const again = path.join(out, `${c.name}.report.html`);
  run(['report', c.json, '--format', `html=${again}`], {}, [0]);
  check(fs.readFileSync(again, 'utf8') === fs.readFileSync(c.html, 'utf8'), `${c.name}: report RESULT.json differs from the run's page`);
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
const started = Date.now();

async function open(file, scheme = 'light') {
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 }, colorScheme: scheme });
  const page = await context.newPage();
  const problems = [];
  const url = 'file://' + file;
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    problems.push(`request left the file: ${u}`);
    return route.abort();
  });
  await page.goto(url);
  return { context, page, problems };
}

const counted = (f) => !f.suppressed;
function expectedState(cell, findings) {
  const mine = cell.findings.map((i) => findings[i]).filter(counted);
  if (mine.some((f) => f.severity === 'error')) return 'failed';
  if (mine.length) return 'warning';
  return null; // from the probes: passed, not reached or not applicable
}

for (const c of cases) {
  console.log(`${c.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const doc = JSON.parse(fs.readFileSync(c.json, 'utf8'));
  const text = fs.readFileSync(c.html, 'utf8');
  for (const s of c.secrets) check(!text.includes(s), `${c.name}: the page holds a secret`);
  check(!/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./.test(text), `${c.name}: the page holds a JWT`);

  const { context, page, problems } = await open(c.html);

  // The matrix, cell for cell.
  const cells = await page.$$eval('.matrix .cell', (els) =>
    els.map((e) => ({
      environment: e.dataset.environment,
      check: e.dataset.check,
      state: e.dataset.state,
      client: e.dataset.client ?? null,
      uri: e.dataset.uri ?? null,
      findings: (e.dataset.findings || '').split(' ').filter(Boolean).map(Number),
      symbol: e.textContent.trim(),
    })),
  );
  check(cells.length === doc.matrix.length, `${c.name}: ${cells.length} cells on the page, ${doc.matrix.length} in JSON`);
  check(doc.matrix.length === doc.environments.length * doc.checks.length, `${c.name}: matrix is not environments x checks`);
  const byKey = new Map(cells.map((x) => [`${x.environment}\u0000${x.check}`, x]));
  for (const j of doc.matrix) {
    const h = byKey.get(`${j.environment}\u0000${j.check}`);
    const where = `${c.name}: ${j.environment} x ${j.check}`;
    if (!h) {
      check(false, `${where}: no cell on the page`);
      continue;
    }
    check(h.state === j.state, `${where}: page ${h.state}, JSON ${j.state}`);
    check(JSON.stringify(h.findings) === JSON.stringify(j.findings), `${where}: findings ${h.findings} vs ${j.findings}`);
    check(h.symbol.length > 0, `${where}: no symbol besides colour`);
    if (j.check.startsWith('redirect-uri:')) {
      check(h.client === j.client, `${where}: data-client ${h.client} vs ${j.client}`);
      check(h.uri === (j.uri ?? ''), `${where}: data-uri ${h.uri} vs ${j.uri}`);
    }
    // The JSON's own state agrees with the findings it names.
    const want = expectedState(j, doc.findings);
    if (want) check(j.state === want, `${where}: ${j.state} but its findings make it ${want}`);
    else check(['passed', 'not-reached', 'not-applicable'].includes(j.state), `${where}: ${j.state} without a finding`);
  }
  // Rows: LifeTime first; columns in the JSON's order.
  const rows = await page.$$eval('.matrix tbody tr', (els) => els.map((e) => e.dataset.environment));
  check(JSON.stringify(rows) === JSON.stringify(doc.environments.map((e) => e.name)), `${c.name}: rows out of order`);
  const lifetime = doc.environments.findIndex((e) => e.role === 'lifetime');
  check(lifetime <= 0, `${c.name}: LifeTime is not the first row`);
  const cols = await page.$$eval('.matrix thead th.col', (els) => els.map((e) => e.dataset.check));
  check(JSON.stringify(cols) === JSON.stringify(doc.checks.map((k) => k.id)), `${c.name}: columns out of order`);

  // Every finding is on the page, in a cell or marked as not in the matrix.
  const articles = await page.$$eval('#findings article.finding', (els) =>
    els.map((e) => ({ i: +e.dataset.finding, rule: e.dataset.rule, placed: e.dataset.placed === 'true' })),
  );
  check(articles.length === doc.findings.length, `${c.name}: ${articles.length} findings shown, ${doc.findings.length} in JSON`);
  const inCells = new Set(doc.matrix.flatMap((x) => x.findings));
  for (const a of articles) {
    check(a.rule === doc.findings[a.i]?.rule, `${c.name}: finding ${a.i} shows ${a.rule}`);
    check(a.placed === inCells.has(a.i), `${c.name}: finding ${a.i} placed=${a.placed}`);
  }
  for (const [i, f] of doc.findings.entries())
    if (f.environment && doc.environments.some((e) => e.name === f.environment))
      for (const x of doc.matrix.filter((m) => m.findings.includes(i)))
        check(x.environment === f.environment, `${c.name}: finding ${i} of ${f.environment} in row ${x.environment}`);

  // The flow: per environment, the hops holding a failed cell are the hops marked failed.
  const hopOf = new Map(doc.checks.map((k) => [k.id, k.hop]));
  for (const env of doc.environments) {
    const want = new Set(doc.matrix.filter((m) => m.environment === env.name && m.state === 'failed').map((m) => hopOf.get(m.check)));
    const got = await page.$$eval(
      `.flowpanel[data-environment="${env.name}"] .hop[data-state="failed"]`,
      (els) => els.map((e) => e.dataset.hop),
    );
    check(JSON.stringify([...want].sort()) === JSON.stringify([...new Set(got)].sort()), `${c.name}: ${env.name} failing hops ${got} vs ${[...want]}`);
    if (want.size) {
      const marked = await page.$$eval(`.flowpanel[data-environment="${env.name}"] text.here`, (els) => els.length);
      check(marked === 1, `${c.name}: ${env.name} first failing hop not marked once`);
    }
  }

  // The flow that opens first is the first environment's with a failing hop (else the first's).
  const firstFailing = doc.environments.find((e) => doc.matrix.some((m) => m.environment === e.name && m.state === 'failed' && hopOf.get(m.check)));
  const visible = await page.$$eval('.flowpanel', (els) => els.filter((e) => !e.hidden).map((e) => e.dataset.environment));
  check(JSON.stringify(visible) === JSON.stringify([(firstFailing || doc.environments[0])?.name].filter(Boolean)), `${c.name}: flow shown first: ${visible}`);

  // The redirect URI grid.
  const grid = await page.$$eval('#redirect-uris tbody tr', (els) => els.map((e) => `${e.dataset.client} ${e.dataset.uri} ${e.dataset.state}`));
  const wantGrid = (doc.redirect_uris || []).map((r) => `${r.client} ${r.uri} ${r.state}`);
  check(JSON.stringify(grid) === JSON.stringify(wantGrid), `${c.name}: redirect URI grid differs from JSON`);
  for (const r of doc.redirect_uris || [])
    if (r.state === 'near-miss') check(r.difference && text.includes(r.difference), `${c.name}: near miss ${r.uri} without its difference`);

  // Keyboard: roving tabindex and arrow keys; Enter opens the cell.
  if (cells.length > 1) {
    await page.focus('.matrix .cell[data-row="0"][data-col="0"]');
    await page.keyboard.press('ArrowRight');
    const right = await page.evaluate(() => [document.activeElement.dataset.row, document.activeElement.dataset.col, document.activeElement.tabIndex]);
    check(right[0] === '0' && right[1] === '1' && right[2] === 0, `${c.name}: ArrowRight went to ${right}`);
    const tabbable = await page.$$eval('.matrix .cell', (els) => els.filter((e) => e.tabIndex === 0).length);
    check(tabbable === 1, `${c.name}: ${tabbable} cells in the tab order`);
    if (doc.environments.length > 1) {
      await page.keyboard.press('ArrowDown');
      const down = await page.evaluate(() => document.activeElement.dataset.row);
      check(down === '1', `${c.name}: ArrowDown went to row ${down}`);
    }
    await page.keyboard.press('End');
    const end = await page.evaluate(() => +document.activeElement.dataset.col);
    check(end === doc.checks.length - 1, `${c.name}: End went to column ${end}`);
  }
  // A failed cell opens its finding: message, fix, the errors users would see, the config line.
  const failed = doc.matrix.find((m) => m.state === 'failed');
  if (failed) {
    await page.focus(`.matrix .cell[data-environment="${failed.environment}"][data-check="${failed.check}"]`);
    await page.keyboard.press('Enter');
    const detail = await page.textContent('#detail-body');
    const f = doc.findings[failed.findings[0]];
    check(detail.includes(f.message.slice(0, 40)), `${c.name}: the opened cell does not show its finding's message`);
    check(detail.includes('Fix:') && detail.includes('Config line:'), `${c.name}: the opened cell lacks fix or config line`);
    if (f.predicted_errors.length) check(detail.includes('Users would see:'), `${c.name}: no "users would see"`);
  }

  // The summary line, as the text report words it.
  const s = doc.summary;
  const summary = await page.textContent('#summary');
  check(summary.startsWith(`${s.errors} error(s), ${s.warnings} warning(s), ${s.info} info`), `${c.name}: summary "${summary}"`);

  await page.screenshot({ path: path.join(out, `${c.name}.png`), fullPage: true });
  // Print: A4, the flow of every environment, no buttons.
  await page.emulateMedia({ media: 'print' });
  const hiddenPanels = await page.$$eval('.flowpanel', (els) => els.filter((e) => getComputedStyle(e).display === 'none').length);
  check(hiddenPanels === 0, `${c.name}: ${hiddenPanels} flow panels hidden in print`);
  if (c.name.startsWith('demo-')) {
    // Printing costs about a second a page: the two demo pages are printed to A4 for real.
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    check(pdf.length > 1000 && pdf.subarray(0, 5).toString() === '%PDF-', `${c.name}: no A4 PDF`);
    fs.writeFileSync(path.join(out, `${c.name}.pdf`), pdf);
  }
  for (const p of problems) check(false, `${c.name}: ${p}`);
  await context.close();

  if (c.name === 'demo-preflight') {
    const dark = await open(c.html, 'dark');
    const bg = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    check(bg !== 'rgb(255, 255, 255)', `${c.name}: dark scheme keeps a white page`);
    await dark.page.screenshot({ path: path.join(out, `${c.name}.dark.png`) });
    await dark.context.close();
  }
}

// diagnose --format html: the flow with the pasted error's hop, and the config pointers.
{
  const html = path.join(out, 'diagnose.html');
  const json = path.join(out, 'diagnose.json');
  const args = ['diagnose', '--file', 'fixtures/errors/entra/AADSTS50011.txt', '--config', 'fixtures/configs/outsystems-entra-broken.yaml', '--today', '2026-11-22'];
  fs.writeFileSync(html, run([...args, '--format', 'html'], {}, [0]).stdout);
  fs.writeFileSync(json, run([...args, '--format', 'json'], {}, [0]).stdout);
  const doc = JSON.parse(fs.readFileSync(json, 'utf8'));
  console.log('diagnose');
  const { context, page, problems } = await open(html);
  const sections = await page.$$eval('section.diagnosis', (els) => els.map((e) => ({ code: e.dataset.code, hop: e.dataset.hop, marked: [...e.querySelectorAll('.hop[data-state="failed"]')].map((h) => h.dataset.hop), pointers: e.querySelectorAll('ul.config li').length })));
  check(sections.length === doc.diagnoses.length && sections.length > 0, `diagnose: ${sections.length} diagnoses shown`);
  const first = sections[0];
  check(first.code === doc.diagnoses[0].code, `diagnose: first is ${first.code}`);
  check(first.hop === 'authorize' && JSON.stringify(first.marked) === '["authorize"]', `diagnose: AADSTS50011 marks ${first.marked}`);
  check(first.pointers === (doc.diagnoses[0].config || []).length && first.pointers > 0, `diagnose: ${first.pointers} config pointers`);
  const again = path.join(out, 'diagnose.report.html');
  run(['report', json, '--format', `html=${again}`], {}, [0]);
  check(fs.readFileSync(again, 'utf8') === fs.readFileSync(html, 'utf8'), 'diagnose: report RESULT.json differs');
  await page.screenshot({ path: path.join(out, 'diagnose.png'), fullPage: true });
  for (const p of problems) check(false, `diagnose: ${p}`);
  await context.close();
}

await browser.close();
console.log(`${cases.length + 1} pages in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${out}`);
if (failures) {
  console.error(`${failures} check(s) failed`);
  process.exit(1);
}
