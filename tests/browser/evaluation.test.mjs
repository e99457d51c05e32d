// evaluation.test.mjs: the interim evaluation (issue 20.5) in a real browser: the advisor's
// page for a period with its charts and tables, a bad period with its message next to the
// field, the researcher's province-wide page, and the PDF download; axe (WCAG 2.2 AA) and no
// sideways scrolling at 360 and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, stopServer, launchBrowser, expectNoAxeViolations } from './lib.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const BIN = process.env.FPHC_BIN || path.join(ROOT, 'bin/fphc');
const PG_DIR = process.env.PG_DIR;
const TEMPLATE = process.env.TEMPLATE_DB || 'fphc';
const SHOTS = path.join(ROOT, 'tests/browser/screenshots');
const DB = `b_evaluation_${process.pid}`;
const URL_DB = `host=${PG_DIR} dbname=${DB} user=postgres`;
let server, base, context, bdir;

before(async () => {
  assert.ok(PG_DIR, 'PG_DIR must point at the test cluster');
  execFileSync('createdb', ['-h', PG_DIR, '-U', 'postgres', '-T', TEMPLATE, DB]);
  execFileSync('psql', [URL_DB, '-qtAX', '-v', 'ON_ERROR_STOP=1', '-f', path.join(ROOT, 'tests/fixtures/scans_with_peers.sql')]);
  execFileSync(BIN, ['benchmarks', 'refresh'], { env: { ...process.env, DATABASE_URL: URL_DB } });
  ({ server, base } = await startServer(BIN, { ...process.env, DATABASE_URL: URL_DB }));
  fs.mkdirSync(SHOTS, { recursive: true });
  ({ context, dir: bdir } = await launchBrowser());
});

after(async () => {
  if (context) await context.close().catch(() => {});
  await stopServer(server);
  try { execFileSync('dropdb', ['-h', PG_DIR, '-U', 'postgres', '--if-exists', DB]); } catch { /* leave it */ }
  if (bdir) fs.rmSync(bdir, { recursive: true, force: true });
});

async function look(page, name) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `evaluation-${name}-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    assert.equal(overflow, false, `${name} scrolls sideways at ${width} px`);
    await expectNoAxeViolations(page, `${name} at ${width} px`);
  }
}

async function login(page, email) {
  await page.goto(`${base}/login`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', 'fixture-pass-1');
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
}

test('the advisor reads the interim evaluation of a period and downloads its PDF', async () => {
  const page = await context.newPage();
  await login(page, 'adviseur@zuid.example');
  await page.getByRole('link', { name: /Tussen-evaluatie|Tussenevaluatie/ }).first().click();
  await page.fill('#f-from', '2024-01-01');
  await page.fill('#f-to', '2026-12-31');
  await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
  assert.equal(await page.locator('.field-error').count(), 0, 'a good period has no message');
  assert.ok(await page.locator('main table').count() > 0, 'every chart has a table beside it');
  await look(page, 'office');

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[href*=".pdf"]').first().click()]);
  const file = path.join(path.dirname(SHOTS), `evaluation-${process.pid}.pdf`);
  await download.saveAs(file);
  const head = fs.readFileSync(file).subarray(0, 5).toString();
  fs.rmSync(file, { force: true });
  assert.equal(head, '%PDF-', 'the download is a PDF');

  await page.fill('#f-from', '2026-06-01');
  await page.fill('#f-to', '2026-01-01');
  await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
  assert.ok(await page.locator('.field-error').count() > 0, 'from after to gets a message next to the field');
  await look(page, 'bad-period');
  await page.close();
});

test('the researcher reads the province-wide evaluation', async () => {
  await context.clearCookies(); // signed out: the advisor's session is gone
  const page = await context.newPage();
  await login(page, 'onderzoeker@lectoraat.example');
  await page.goto(`${base}/research/evaluation?from=2024-01-01&to=2026-12-31`);
  assert.equal(await page.locator('.field-error').count(), 0);
  await look(page, 'research');
  await page.close();
});
