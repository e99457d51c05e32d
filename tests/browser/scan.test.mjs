// scan.test.mjs: the advisor's scan page in a real browser — a seeded submitted
// scan, writing advice (autosaved), picking an offer, adding and completing an
// action, exporting; the researcher's pseudonymized page; axe on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { smallestChartText } from './lib.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const BIN = process.env.FPHC_BIN || path.join(ROOT, 'bin/fphc');
const PG_DIR = process.env.PG_DIR;
const TEMPLATE = process.env.TEMPLATE_DB || 'fphc';
const DB = `b_scan_${process.pid}`;
const URL_DB = `host=${PG_DIR} dbname=${DB} user=postgres`;
let server, base, ctx, tmp;

function psql(sql) {
  return execFileSync('psql', [URL_DB, '-qtAX', '-v', 'ON_ERROR_STOP=1', '-c', sql]).toString().trim();
}

async function axe(page, name) {
  const res = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  const v = res.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(v, [], `axe violations on ${name}`);
}

async function login(page, email) {
  await page.context().clearCookies();
  await page.goto(base + '/login');
  await page.fill('#f-email', email);
  await page.fill('#f-password', 'fixture-pass-1');
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
}

before(async () => {
  assert.ok(PG_DIR, 'PG_DIR must be set (scripts/test.sh does)');
  execFileSync('createdb', ['-h', PG_DIR, '-U', 'postgres', '-T', TEMPLATE, DB]);
  execFileSync('psql', [URL_DB, '-qtAX', '-v', 'ON_ERROR_STOP=1', '-f', path.join(ROOT, 'tests/fixtures/scans_with_peers.sql')]);
  psql(`INSERT INTO offers(org_id, title, provider, contact, url, tags) VALUES
        (1002, 'Workshop vooroordelen', 'Leo Loopbaan', 'info@leo.example', 'https://example.org/leo', '{unconscious-bias}')`);
  server = spawn(BIN, ['serve', '--listen', '127.0.0.1:0', '--workers', '2'],
    { env: { ...process.env, DATABASE_URL: URL_DB }, stdio: ['ignore', 'pipe', 'pipe'] });
  base = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving on (http\S+?)\/?\n/);
      if (m) resolve(m[1]);
    });
    server.on('exit', (c) => reject(new Error('server exited ' + c)));
  });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fphc-scan-page-'));
  ctx = await chromium.launchPersistentContext(tmp, {
    executablePath: '/usr/bin/chromium', headless: true, acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  try { if (ctx) await ctx.close(); } finally {
    if (server) server.kill('SIGTERM');
    try { execFileSync('dropdb', ['-h', PG_DIR, '-U', 'postgres', '--if-exists', DB]); } catch (e) { /* server may still hold it */ }
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('scan page: scores, advice autosave, offer, action, export', async () => {
  const page = await ctx.newPage();
  await login(page, 'adviseur@zuid.example');
  await page.goto(base + '/scans/1401');
  assert.match(await page.title(), /Gouden Korst/);
  assert.equal(await page.locator('svg[role=img]').count(), 5, 'radar + one bar chart per pillar');
  await axe(page, '/scans/1401');

  // advice for an attention point, autosaved by app.js without pressing save
  const area = page.locator('#f-advice-unconscious_bias');
  await area.fill('Start met **anonieme** cv\'s.\n\n- maak een vaste vragenlijst');
  const status = page.locator('#attention-unconscious_bias .status');
  await assert.doesNotReject(status.filter({ hasText: 'Opgeslagen' }).waitFor({ timeout: 10000 }));
  assert.equal(psql("SELECT body_md LIKE 'Start met **anonieme**%' FROM scan_advice WHERE scan_id = 1401"), 't');

  // pick the offer with a note
  const offer = page.locator('#attention-unconscious_bias li.offer', { hasText: 'Workshop vooroordelen' });
  await offer.locator('input[name=note]').fill('In het najaar');
  await Promise.all([page.waitForNavigation(), offer.locator('button[value=pick]').click()]);
  assert.equal(await page.locator('#attention-unconscious_bias li.offer.picked').count(), 1);
  assert.equal(psql('SELECT note FROM scan_offers WHERE scan_id = 1401'), 'In het najaar');

  // add an action, then complete it on its own page
  await page.fill('#f-what', 'Vragenlijst voor sollicitaties maken');
  await page.selectOption('#f-who_kind', 'company');
  await page.fill('#f-who_name', 'Jan Bakker');
  await page.fill('#f-due_date', '2030-03-31');
  await Promise.all([page.waitForNavigation(), page.click('#actions button[type=submit]')]);
  await page.click('#actions a:has-text("Vragenlijst voor sollicitaties maken")');
  await axe(page, '/actions/ID');
  await page.selectOption('#f-status', 'done');
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.match(await page.locator('table').last().innerText(), /Klaar/);
  assert.equal(psql("SELECT status FROM scan_actions WHERE what = 'Vragenlijst voor sollicitaties maken'"), 'done');

  // an open action for the overview and its export
  await page.goto(base + '/scans/1401#actions');
  await page.fill('#f-what', 'Contact met WSP');
  await page.selectOption('#f-who_kind', 'partner');
  await page.fill('#f-who_name', 'WSP Zuid');
  await Promise.all([page.waitForNavigation(), page.click('#actions button[type=submit]')]);
  await page.goto(base + '/actions');
  assert.match(await page.locator('main table').innerText(), /Contact met WSP/);
  await axe(page, '/actions');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href^="/actions.xlsx"]')]);
  const file = path.join(tmp, 'acties.xlsx');
  await download.saveAs(file);
  const head = fs.readFileSync(file).subarray(0, 2).toString();
  assert.equal(head, 'PK', 'the export is a zip (xlsx)');

  // the done action comes back through the filter form (a plain GET form)
  await page.selectOption('#f-status', 'done');
  await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
  assert.match(page.url(), /[?&]status=done/);
  const doneTable = await page.locator('main table').innerText();
  assert.match(doneTable, /Vragenlijst voor sollicitaties maken/);
  assert.match(doneTable, /Afgerond op/);
  assert.doesNotMatch(doneTable, /Contact met WSP/);
  assert.match(await page.getAttribute('a[href^="/actions.xlsx"]', 'href'), /status=done/);
  await axe(page, '/actions?status=done');
  // a period that ends before it starts: a message next to the field, and on a phone
  await page.setViewportSize({ width: 360, height: 740 });
  const res = await page.goto(base + '/actions?due_from=2026-01-01&due_to=2025-01-01');
  assert.equal(res.status(), 400);
  assert.match(await page.locator('#e-due_to').innerText(), /Deze datum ligt voor/);
  assert.equal(await page.getAttribute('#f-due_to', 'aria-describedby'), 'e-due_to');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
    'the filter form fits a phone screen');
  await axe(page, '/actions (date error, phone)');
  await page.setViewportSize({ width: 1280, height: 800 });

  // move the scan forward and check the page again with the workflow
  await page.goto(base + '/scans/1401');
  await Promise.all([page.waitForNavigation(), page.click('#f-workflow')]);
  assert.match(await page.locator('#workflow').innerText(), /Advies in de maak/);
  await axe(page, '/scans/1401 (advice)');
  await page.close();
});

test('offer catalogue and research pages pass axe; researcher sees no names', async () => {
  const page = await ctx.newPage();
  await login(page, 'admin@zuid.example');
  await page.goto(base + '/offers');
  await axe(page, '/offers');
  await page.goto(base + '/offers/new');
  await page.fill('#f-title', 'Test');
  await page.fill('#f-provider', 'P');
  await page.fill('#f-url', 'javascript:alert(1)');
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.match(await page.locator('#e-url').innerText(), /https/);
  await axe(page, '/offers/new (errors)');

  await login(page, 'onderzoeker@lectoraat.example');
  await page.goto(base + '/research/scans');
  await axe(page, '/research/scans');
  // research pages name scans as the exports do (pseudonym-number), never by database id
  assert.equal((await page.goto(base + '/research/scans/1401')).status(), 404);
  await page.goto(base + '/research/scans');
  const href = await page.locator('main a[href^="/research/scans/"]').first().getAttribute('href');
  assert.match(href, /^\/research\/scans\/[0-9a-f]{16}-[0-9]+$/);
  await page.goto(base + href);
  const text = await page.locator('body').innerText();
  assert.ok(!text.includes('Gouden Korst'), 'no company name for the researcher');
  await page.screenshot({ path: '/tmp/research-scan-page.png', fullPage: false });
  await axe(page, '/research/scans/PSEUDONYM-N');
  const res = await page.goto(base + '/scans/1401');
  assert.equal(res.status(), 404);
  await page.close();
});

test('scan page at 360 px has no horizontal scroll', async () => {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 360, height: 800 });
  await login(page, 'adviseur@zuid.example');
  await page.goto(base + '/scans/1401');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  assert.equal(overflow, false);
  assert.ok(await page.locator('figure.chart-box svg text').count() > 0, 'the scan page draws its charts');
  const small = await smallestChartText(page);
  assert.ok(small >= 11, `every chart label is 11 px or more at 360 px (smallest ${small.toFixed(1)} px)`);
  await page.close();
});
