// research.test.mjs: the research workspace in a real browser (Debian chromium via
// playwright-core): the demo researcher logs in and sees the home page, the
// exports (with a real download), the codebook, the aggregates and the item
// statistics; axe (WCAG 2.1 A/AA) finds nothing on any of them at 1280 and 360 px,
// and no company name shows anywhere. Starts its own server against a fresh
// database made from $TEMPLATE_DB on $PG_DIR, seeded with a few hundred scans.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, stopServer, launchBrowser, expectNoAxeViolations, smallestChartText } from './lib.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const BIN = process.env.FPHC_BIN || path.join(ROOT, 'bin/fphc');
const PG_DIR = process.env.PG_DIR;
const TEMPLATE = process.env.TEMPLATE_DB || 'fphc';
const SHOTS = path.join(ROOT, 'tests/browser/screenshots');
const DB = `b_research_${process.pid}`;
const env = { ...process.env, DATABASE_URL: `host=${PG_DIR} dbname=${DB} user=postgres` };

let server, base, context, tmp, page, password;

const fphc = (args) => execFileSync(BIN, args, { env }).toString();

before(async () => {
  assert.ok(PG_DIR, 'PG_DIR must point at the test cluster');
  execFileSync('createdb', ['-h', PG_DIR, '-U', 'postgres', '-T', TEMPLATE, DB]);
  fphc(['demo', 'init']);
  fphc(['demo', 'seed', '--companies', '150', '--scans-per-company', '2', '--seed', '3', '--quiet']);
  const m = /onderzoeker@demo\.example.*password: (.*)$/m.exec(fphc(['demo', 'init', '--reset-passwords']));
  assert.ok(m, 'demo init prints the researcher\'s password');
  password = m[1].trim();
  ({ server, base } = await startServer(BIN, env));
  fs.mkdirSync(SHOTS, { recursive: true });
  ({ context, dir: tmp } = await launchBrowser({ acceptDownloads: true }));
});

after(async () => {
  try {
    if (context) await context.close();
  } finally {
    await stopServer(server);
    try { execFileSync('dropdb', ['-h', PG_DIR, '-U', 'postgres', '--if-exists', DB]); } catch { /* leave it */ }
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
});

async function axe(name) {
  await expectNoAxeViolations(page, name);
}

// screenshot, axe and no sideways scrolling at desktop and phone width
async function look(name) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `research-${name}-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    assert.equal(overflow, false, `${name} scrolls sideways at ${width} px`);
    await axe(`${name} at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  const text = await page.textContent('body');
  assert.doesNotMatch(text, /Demobedrijf|demobedrijf\.example|de Vries/, `${name} shows company data`);
}

async function visit(urlPath, name) {
  const res = await page.goto(`${base}${urlPath}`);
  assert.equal(res.status(), 200, `${urlPath} answers 200`);
  assert.ok(await page.locator('h1').count() >= 1, `${urlPath} has a heading`);
  await look(name);
}

test('the demo researcher logs in', async () => {
  page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('#f-email', 'onderzoeker@demo.example');
  await page.fill('#f-password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  assert.doesNotMatch(new URL(page.url()).pathname, /^\/login/, 'the login succeeded');
});

test('research home', async () => { await visit('/research', 'home'); });

test('exports page, and the wide CSV downloads with pseudonyms only', async () => {
  await visit('/research/exports', 'exports');
  await page.check('#fmt-csv');
  const [dl] = await Promise.all([page.waitForEvent('download'),
    page.click('form[action="/research/exports"] button[type=submit]')]);
  const file = path.join(tmp, 'wide.csv');
  await dl.saveAs(file);
  const csv = fs.readFileSync(file, 'utf8');
  assert.match(csv.split('\n')[0], /^pseudonym,scan,version,/);
  assert.ok(csv.split('\r\n').length > 100, 'the export has the seeded scans');
  assert.doesNotMatch(csv, /Demobedrijf|demobedrijf\.example/);
});

test('the exports page downloads the Stata file and the Data Package', async () => {
  for (const [id, name, magic] of [['#fmt-dta', 'fphc-scans-v1.dta', '<stata_dta>'], ['#fmt-datapackage', 'fphc-scans-v1.zip', 'PK']]) {
    await visit('/research/exports', 'exports');
    await page.check(id);
    const [dl] = await Promise.all([page.waitForEvent('download'),
      page.click('form[action="/research/exports"] button[type=submit]')]);
    assert.equal(dl.suggestedFilename(), name);
    const file = path.join(tmp, name);
    await dl.saveAs(file);
    assert.equal(fs.readFileSync(file).subarray(0, magic.length).toString('latin1'), magic);
  }
});

test('codebook page', async () => { await visit('/research/exports/codebook', 'codebook'); });

test('aggregates page', async () => {
  await visit('/research/aggregates', 'aggregates');
  assert.ok(await page.locator('svg').count() >= 1, 'the aggregates page has a chart');
  await page.setViewportSize({ width: 360, height: 900 });
  const small = await smallestChartText(page);
  assert.ok(small >= 11, `chart labels are 11 px or more at 360 px (smallest ${small.toFixed(1)} px)`);
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('item statistics page', async () => {
  await visit('/research/items', 'items');
  assert.match(await page.textContent('body'), /alfa|alpha/i, 'the page shows alpha per pillar and theme');
});
