// lib.mjs: what every browser test needs — the real server on a free port, Debian's
// Chromium with the flags that keep it off the network, the axe check, and the test bed
// of the back-office and research tests (a database, a server and a browser of their own).
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

export const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHOTS = path.join(ROOT, 'tests', 'browser', 'screenshots');

// Without the background-networking flags Chromium keeps trying to reach the internet.
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Starts `bin serve` on 127.0.0.1:0 with env; resolves to { server, base }.
export async function startServer(bin, env) {
  const server = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--workers', '2'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stderr.resume();
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), 30000);
    server.stdout.on('data', (d) => {
      const m = /serving on (http:\/\/[^ ]+)\//.exec(d.toString());
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { server, base };
}

// SIGTERM, then at most 3 s for the graceful stop.
export async function stopServer(server) {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => { server.once('exit', r); setTimeout(r, 3000); });
  }
}

// A persistent context in a fresh profile folder; resolves to { context, dir }.
export async function launchBrowser(options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fphc-browser-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, ...options,
  });
  return { context, dir };
}

// axe with the WCAG 2.1 A/AA tags on the current page; fails listing every violation.
export async function expectNoAxeViolations(page, name) {
  const res = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  const v = res.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(v, [], `axe violations on ${name}`);
}

// The smallest rendered font size, in CSS pixels, of the text in the page's
// SVG charts (font-size times the SVG's scale on screen); Infinity without any.
export async function smallestChartText(page) {
  return page.evaluate(() => {
    let min = Infinity;
    for (const t of document.querySelectorAll('svg text')) {
      const m = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
      if (t.getClientRects().length && px < min) min = px;
    }
    return min;
  });
}

// Screenshots (SHOTS/<shot>-<width>.png) at 1280 and 360 px, no sideways scrolling and
// axe at both; the page is left at 1280 px. opts.shot names the files (default: name),
// opts.phoneTop adds <shot>-360-top.png, what a phone shows before scrolling.
export async function lookAtBothWidths(page, name, opts = {}) {
  const shot = opts.shot || name;
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `${shot}-${width}.png`), fullPage: true });
    if (opts.phoneTop && width === 360) await page.screenshot({ path: path.join(SHOTS, `${shot}-${width}-top.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    assert.equal(overflow, false, `${name} scrolls sideways at ${width} px`);
    await expectNoAxeViolations(page, `${name} at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

// Registers the file's before/after hooks for a test of the back office or the research
// workspace: a database `<dbPrefix>_<pid>` made from $TEMPLATE_DB on $PG_DIR, which
// opts.prepare(bed) fills; a server connected as opts.role (default postgres, also the
// role of bed.fphc and bed.psql), its environment with what prepare put in bed.serverEnv
// added (a fake SMTP sink's address, say); one browser context launched
// with opts.browser. Once before() has run: bed.base (the server's address),
// bed.context and bed.dir (the browser's profile folder, also a place for downloads).
// after() closes the browser, stops the server and drops the database.
export function browserTestbed(dbPrefix, opts = {}) {
  const bin = process.env.FPHC_BIN || path.join(ROOT, 'bin', 'fphc');
  const pgDir = process.env.PG_DIR;
  const db = `${dbPrefix}_${process.pid}`;
  const env = { ...process.env, DATABASE_URL: `host=${pgDir} dbname=${db} user=${opts.role || 'postgres'}` };
  const bed = { base: null, context: null, dir: null, env, serverEnv: {} };
  let server;

  bed.fphc = (args, input) => execFileSync(bin, args, { env, input }).toString();
  bed.psql = (sql) => execFileSync('psql', [env.DATABASE_URL, '-qtAX', '-v', 'ON_ERROR_STOP=1', '-c', sql], { env }).toString().trim();
  bed.psqlFile = (file) => execFileSync('psql', [env.DATABASE_URL, '-qtAX', '-v', 'ON_ERROR_STOP=1', '-f', file], { env });
  // Logs in through the form; fails when the next page is a login page again.
  bed.logIn = async (page, email, password) => {
    await page.goto(`${bed.base}/login`);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(password);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Inloggen' }).click()]);
    assert.doesNotMatch(new URL(page.url()).pathname, /^\/login/, `${email} is logged in`);
  };

  before(async () => {
    assert.ok(pgDir, 'PG_DIR must point at the test cluster');
    execFileSync('createdb', ['-h', pgDir, '-U', 'postgres', '-T', process.env.TEMPLATE_DB || 'fphc', db]);
    if (opts.prepare) await opts.prepare(bed);
    ({ server, base: bed.base } = await startServer(bin, { ...env, ...bed.serverEnv }));
    fs.mkdirSync(SHOTS, { recursive: true });
    ({ context: bed.context, dir: bed.dir } = await launchBrowser(opts.browser));
  });
  after(async () => {
    if (bed.context) await bed.context.close().catch(() => {});
    await stopServer(server);
    try { execFileSync('dropdb', ['-h', pgDir, '-U', 'postgres', '--if-exists', db]); } catch { /* leave it */ }
    if (bed.dir) fs.rmSync(bed.dir, { recursive: true, force: true });
  });
  return bed;
}
