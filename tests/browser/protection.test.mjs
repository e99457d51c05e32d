// protection.test.mjs: the data-protection pages in a real browser (Debian chromium
// via playwright-core), with the server connected as the least-privilege role:
// the privacy statement, the owner's "Uw gegevens" page (download, erasure request
// with its confirmation error), the admin's privacy page, the company page with its
// erasure section, and the audit log with filters — screenshots at 1280 and 360 px
// and axe (WCAG 2.1 A/AA) on every one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { browserTestbed, lookAtBothWidths as look } from './lib.mjs';

const PW = 'een lange zin voor de privacy';
let token;
const bed = browserTestbed('b_protection', {
  role: 'fphc_app',
  browser: { acceptDownloads: true },
  prepare: ({ fphc }) => {
    fphc(['demo', 'init']);
    fphc(['user', 'add', '--org', 'demo', '--email', 'privacy@browser.example', '--role', 'admin', '--name', 'Pim Privacy', '--password-stdin'], PW + '\n');
    const link = fphc(['invite', '--org', 'demo', '--company', 'Privacy Browser BV', '--sector', 'C', '--fte', '30']).trim();
    token = link.split('/').pop();
  },
});

let page;

test('privacy statement', async () => {
  page = await bed.context.newPage();
  await page.goto(`${bed.base}/privacy/demo`);
  await page.getByRole('heading', { level: 1, name: 'Privacyverklaring' }).waitFor();
  await look(page, 'privacy-statement');
});

test("owner: 'Uw gegevens' from the footer, download, erasure request", async () => {
  await page.goto(`${bed.base}/s/${token}`);
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
  await bed.logIn(page, 'privacy@browser.example', PW);
  await page.waitForURL(`${bed.base}/app`);
  await page.goto(`${bed.base}/admin/privacy`);
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
  assert.equal(bed.psql("SELECT count(*) FROM companies WHERE name = 'Privacy Browser BV'"), '0');
  await page.goto(`${bed.base}/admin/audit`);
  await page.getByRole('heading', { level: 1, name: 'Logboek' }).waitFor();
  await look(page, 'audit-log');
  await page.getByLabel('Handeling').selectOption('company_erased');
  await page.getByRole('button', { name: 'Tonen' }).click();
  await page.getByText('1 regel gevonden').waitFor();
  await page.goto(`${bed.base}/admin/audit?from=nonsense-x`);
  await look(page, 'audit-log-filtered');
});
