// research.test.mjs: the research workspace in a real browser (Debian chromium via
// playwright-core): the demo researcher logs in and sees the home page, the
// exports (with a real download), the codebook, the aggregates and the item
// statistics; axe (WCAG 2.1 A/AA) finds nothing on any of them at 1280 and 360 px,
// and no company name shows anywhere. Starts its own server against a fresh
// database made from $TEMPLATE_DB on $PG_DIR, seeded with a few hundred scans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { browserTestbed, lookAtBothWidths, smallestChartText } from './lib.mjs';

let page, password;
const bed = browserTestbed('b_research', {
  browser: { acceptDownloads: true },
  prepare: ({ fphc }) => {
    fphc(['demo', 'init']);
    fphc(['demo', 'seed', '--companies', '150', '--scans-per-company', '2', '--seed', '3', '--quiet']);
    const m = /onderzoeker@demo\.example.*password: (.*)$/m.exec(fphc(['demo', 'init', '--reset-passwords']));
    assert.ok(m, 'demo init prints the researcher\'s password');
    password = m[1].trim();
  },
});

// screenshot, axe and no sideways scrolling at desktop and phone width; no company data
async function look(name) {
  await lookAtBothWidths(page, name, { shot: `research-${name}` });
  const text = await page.textContent('body');
  assert.doesNotMatch(text, /Demobedrijf|demobedrijf\.example|de Vries/, `${name} shows company data`);
}

async function visit(urlPath, name) {
  const res = await page.goto(`${bed.base}${urlPath}`);
  assert.equal(res.status(), 200, `${urlPath} answers 200`);
  assert.ok(await page.locator('h1').count() >= 1, `${urlPath} has a heading`);
  await look(name);
}

test('the demo researcher logs in', async () => {
  page = await bed.context.newPage();
  await bed.logIn(page, 'onderzoeker@demo.example', password);
});

test('research home', async () => { await visit('/research', 'home'); });

test('exports page, and the wide CSV downloads with pseudonyms only', async () => {
  await visit('/research/exports', 'exports');
  await page.check('#fmt-csv');
  const [dl] = await Promise.all([page.waitForEvent('download'),
    page.click('form[action="/research/exports"] button[type=submit]')]);
  const file = path.join(bed.dir, 'wide.csv');
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
    const file = path.join(bed.dir, name);
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
