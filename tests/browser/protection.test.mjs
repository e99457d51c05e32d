// protection.test.mjs: the data-protection pages in a real browser (Debian chromium
// via playwright-core), with the server connected as the least-privilege role:
// the privacy statement, the owner's "Uw gegevens" page (download, erasure request
// with its confirmation error), the admin's privacy page, the company page with its
// erasure section, and the audit log with filters — screenshots at 1280 and 360 px
// and axe (WCAG 2.1 A/AA) on every one.
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
const DB = `b_protection_${process.pid}`;
const PW = 'een lange zin voor de privacy';
const env = { ...process.env, DATABASE_URL: `host=${PG_DIR} dbname=${DB} user=fphc_app` };

let server, base, context, tmp, token;

const psql = (sql) => execFileSync('psql', [env.DATABASE_URL, '-qtAX', '-v', 'ON_ERROR_STOP=1', '-c', sql], { env }).toString().trim();
const fphc = (args, input) => execFileSync(BIN, args, { env, input }).toString();

before(async () => {
  assert.ok(PG_DIR, 'PG_DIR must point at the test cluster');
  execFileSync('createdb', ['-h', PG_DIR, '-U', 'postgres', '-T', TEMPLATE, DB]);
  fphc(['demo', 'init']);
  fphc(['user', 'add', '--org', 'demo', '--email', 'privacy@browser.example', '--role', 'admin', '--name', 'Pim Privacy', '--password-stdin'], PW + '\n');
  const link = fphc(['invite', '--org', 'demo', '--company', 'Privacy Browser BV', '--sector', 'C', '--fte', '30']).trim();
  token = link.split('/').pop();
  ({ server, base } = await startServer(BIN, env));
  fs.mkdirSync(SHOTS, { recursive: true });
  ({ context, dir: tmp } = await launchBrowser({ acceptDownloads: true }));
});

after(async () => {
  if (context) await context.close().catch(() => {});
  await stopServer(server);
  try { execFileSync('dropdb', ['-h', PG_DIR, '-U', 'postgres', '--if-exists', DB]); } catch { /* leave it */ }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function axe(page, name) {
  await expectNoAxeViolations(page, name);
}

async function look(page, name) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    assert.equal(overflow, false, `${name} scrolls sideways at ${width} px`);
    await axe(page, `${name} at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

let page;

test('privacy statement', async () => {
  page = await context.newPage();
  await page.goto(`${base}/privacy/demo`);
  await page.getByRole('heading', { level: 1, name: 'Privacyverklaring' }).waitFor();
  await look(page, 'privacy-statement');
});

test("owner: 'Uw gegevens' from the footer, download, erasure request", async () => {
  await page.goto(`${base}/s/${token}`);
  await page.getByRole('link', { name: 'Uw gegevens' }).click();
  await page.getByRole('heading', { level: 1, name: 'Uw gegevens' }).waitFor();
  await look(page, 'owner-data');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download mijn gegevens' }).click(),
  ]);
  const file = await download.path();
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(data.company.name, 'Privacy Browser BV');
  await page.getByRole('button', { name: 'Verzoek versturen' }).click();
  await page.locator('.error-summary').waitFor();
  await look(page, 'owner-data-error');
  await page.getByLabel('Ja, verwijder de gegevens van mijn bedrijf').check();
  await page.getByRole('button', { name: 'Verzoek versturen' }).click();
  await page.getByText('Uw verzoek is ontvangen').waitFor();
  await look(page, 'owner-data-requested');
});

test('admin: privacy page, company erasure section, audit log', async () => {
  await page.goto(`${base}/login`);
  await page.getByLabel('E-mailadres').fill('privacy@browser.example');
  await page.getByLabel('Wachtwoord').fill(PW);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(`${base}/app`);
  await page.goto(`${base}/admin/privacy`);
  await page.getByRole('link', { name: 'Privacy Browser BV' }).waitFor();
  await look(page, 'admin-privacy');
  await page.getByRole('link', { name: 'Privacy Browser BV' }).click();
  await page.getByRole('heading', { name: 'Gegevens verwijderen (AVG)' }).waitFor();
  await look(page, 'company-erase-section');
  await page.getByRole('button', { name: 'Gegevens verwijderen' }).click();
  await page.locator('.error-summary').waitFor();
  await page.getByLabel('Ja, verwijder de gegevens van dit bedrijf definitief').check();
  await page.getByRole('button', { name: 'Gegevens verwijderen' }).click();
  await page.getByText('De gegevens van het bedrijf zijn verwijderd').waitFor();
  assert.equal(psql("SELECT count(*) FROM companies WHERE name = 'Privacy Browser BV'"), '0');
  await page.goto(`${base}/admin/audit`);
  await page.getByRole('heading', { level: 1, name: 'Logboek' }).waitFor();
  await look(page, 'audit-log');
  await page.getByLabel('Handeling').selectOption('company_erased');
  await page.getByRole('button', { name: 'Tonen' }).click();
  await page.getByText('1 regel gevonden').waitFor();
  await page.goto(`${base}/admin/audit?from=nonsense-x`);
  await look(page, 'audit-log-filtered');
});
