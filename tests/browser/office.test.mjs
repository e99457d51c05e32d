// office.test.mjs: the office in a real browser (Debian chromium via
// playwright-core): login, a company, an invitation and its link, the dashboard
// filters, and axe (WCAG 2.1 A/AA) on every back-office page at 1280 and 360 px.
// Starts its own server against a fresh database made from $TEMPLATE_DB on $PG_DIR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, SHOTS, browserTestbed, lookAtBothWidths } from './lib.mjs';

const PW = 'een lange zin voor de browser';
const bed = browserTestbed('b_office', {
  prepare: ({ fphc, psql }) => {
    fphc(['demo', 'init']);
    fphc(['user', 'add', '--org', 'demo', '--email', 'beheer@browser.example', '--role', 'admin', '--name', 'Bea Beheer', '--password-stdin'], PW + '\n');
    psql(`INSERT INTO questionnaires(key, version, sha256, file_name, definition)
          SELECT 'fphc', 1, 'x', 't', '{}' WHERE NOT EXISTS (SELECT 1 FROM questionnaires WHERE key = 'fphc')`);
    fphc(['demo', 'seed-office', '--org', 'demo', '--companies', '40', '--scans', '60']);
  },
});

// screenshots at desktop and phone width (and the phone's first screen), and axe at both
const look = (page, name) => lookAtBothWidths(page, name, { phoneTop: true });

let page, companyUrl;

test('login', async () => {
  page = await bed.context.newPage();
  await page.goto(`${bed.base}/login`);
  await look(page, 'login');
  await page.getByLabel('E-mailadres').fill('beheer@browser.example');
  await page.getByLabel('Wachtwoord').fill('wrong password here');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByText('klopt niet').first().waitFor();
  await page.getByLabel('Wachtwoord').fill(PW);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(`${bed.base}/app`);
  await page.getByRole('heading', { level: 1, name: 'Overzicht' }).waitFor();
});

test('create a company, with a checked form', async () => {
  await page.goto(`${bed.base}/companies/new`);
  await look(page, 'company-new');
  await page.getByLabel('KvK-nummer').fill('123');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.locator('.error-summary').waitFor();
  await look(page, 'company-new-errors');
  await page.getByLabel('Naam van het bedrijf').fill('Browser Bouw BV');
  await page.getByLabel('KvK-nummer').fill('99887766');
  await page.getByLabel('Sector (SBI)').selectOption('F');
  await page.getByLabel('Aantal fte').fill('37,5');
  await page.getByLabel('Gemeente').fill('Heerlen');
  await page.getByRole('textbox', { name: 'E-mailadres' }).fill('info@browserbouw.example');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('heading', { level: 1, name: 'Browser Bouw BV' }).waitFor();
  companyUrl = page.url().replace(/\?.*$/, '');
  await look(page, 'company');
  await page.goto(`${companyUrl}/edit`);
  await look(page, 'company-edit');
});

test('create an invitation and open its link in another browser', async () => {
  await page.goto(companyUrl);
  await page.getByRole('button', { name: 'Nieuwe scan maken' }).click();
  const field = page.getByLabel('Link om te kopiëren');
  await field.waitFor();
  const link = await field.inputValue();
  assert.match(link, /\/s\/[A-Za-z0-9_-]{22}$/);
  await look(page, 'company-invitation');
  const other = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const p2 = await (await other.newContext()).newPage();
    const resp = await p2.goto(link);
    assert.ok(resp.status() < 500, `the respondent link answers ${resp.status()}`);
  } finally {
    await other.close();
  }
  await page.goto(companyUrl);
  await page.getByRole('button', { name: /Nieuwe link/ }).first().click();
  await page.getByLabel('Link om te kopiëren').waitFor();
  const link2 = await page.getByLabel('Link om te kopiëren').inputValue();
  assert.notEqual(link2, link, 're-issue gives a different link');
});

test('companies list and search', async () => {
  await page.goto(`${bed.base}/companies`);
  await look(page, 'companies');
  await page.getByLabel('Zoek op naam').fill('browser');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await page.getByRole('link', { name: 'Browser Bouw BV' }).waitFor();
  assert.equal(await page.locator('tbody tr').count(), 1);
});

test('dashboard filters', async () => {
  await page.goto(`${bed.base}/app`);
  await look(page, 'dashboard');
  const all = await page.locator('.scan-list tbody tr').count();
  assert.equal(all, 25, 'first page holds 25 scans');
  await page.getByLabel('Status').selectOption('closed');
  await page.getByRole('button', { name: 'Filteren' }).click();
  await page.waitForURL(/status=closed/);
  const statuses = await page.locator('.scan-list tbody .scan-status').allTextContents();
  assert.ok(statuses.length > 0 && statuses.every((s) => s === 'Afgerond'), 'only closed scans are listed');
  await page.getByLabel('Sector (SBI)').selectOption('F');
  await page.getByRole('button', { name: 'Filteren' }).click();
  await page.waitForURL(/sector=F/);
  assert.match(page.url(), /status=closed/, 'filters combine');
  await look(page, 'dashboard-filtered');
  await page.getByRole('link', { name: 'Filters wissen' }).click();
  await page.waitForURL(`${bed.base}/app`);
  await page.goto(`${bed.base}/app?stale=1`);
  await page.goto(`${bed.base}/app?from=2025-02-31`);
  await page.locator('#e-from').waitFor();
});

test('take part, then accept the request', async () => {
  const anon = await bed.context.browser()?.newContext?.() ?? null;
  const p = await bed.context.newPage();
  await p.context().clearCookies();
  await p.goto(`${bed.base}/deelnemen/demo`);
  await look(p, 'takepart');
  await p.getByLabel('Uw naam').fill('Olga Ondernemer');
  await p.getByLabel('Naam van het bedrijf').fill('Olga Online');
  await p.getByRole('textbox', { name: 'E-mailadres' }).fill('olga@online.example');
  await p.getByRole('button', { name: 'Aanmelden' }).click();
  await p.getByRole('heading', { name: 'Bedankt voor uw aanmelding' }).waitFor();
  await look(p, 'takepart-thanks');
  await p.close();
  if (anon) await anon.close();
  // the cookies were cleared: log in again
  await bed.logIn(page, 'beheer@browser.example', PW);
  await page.waitForURL(`${bed.base}/app`);
  await page.getByRole('heading', { name: 'Olga Online' }).waitFor();
  await look(page, 'dashboard-request');
  await page.locator('.request-list select').first().selectOption('J');
  await page.getByRole('button', { name: /Accepteren en uitnodigen/ }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Olga Online' }).waitFor();
  assert.match(await page.getByLabel('Link om te kopiëren').inputValue(), /\/s\//);
});

test('settings, users and account pages', async () => {
  for (const [url, name] of [['/admin', 'settings'], ['/admin/users', 'users'], ['/account', 'account']]) {
    await page.goto(`${bed.base}${url}`);
    await look(page, name);
  }
  await page.goto(`${bed.base}/admin/users`);
  await page.getByRole('textbox', { name: 'E-mailadres' }).fill('nieuw@browser.example');
  await page.getByRole('textbox', { name: 'Naam' }).fill('Nina Nieuw');
  await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
  const link = await page.getByLabel('Link om te kopiëren').inputValue();
  assert.match(link, /\/password\/[A-Za-z0-9_-]{22}$/);
  await look(page, 'users-invited');
  const p = await bed.context.newPage();
  await p.context().clearCookies();
  await p.goto(link);
  await look(p, 'password-set');
  await p.getByLabel('Nieuw wachtwoord', { exact: true }).fill('kort');
  await p.getByLabel('Nieuw wachtwoord nog een keer').fill('kort');
  await p.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await p.locator('.error-summary').waitFor();
  await look(p, 'password-set-errors');
  await p.close();
});

test('two-factor sign-in: set up on Mijn account, then log in with a code', async () => {
  await bed.context.clearCookies();
  const p = await bed.context.newPage();
  await bed.logIn(p, 'beheer@browser.example', PW);
  await p.waitForURL(`${bed.base}/app`);
  await p.goto(`${bed.base}/account/two-factor`);
  await look(p, 'two-factor');
  await p.getByRole('button', { name: 'Tweestapsverificatie aanzetten' }).click();
  await p.getByRole('heading', { level: 1, name: 'Tweestapsverificatie aanzetten' }).waitFor();
  await look(p, 'two-factor-setup');
  const secret = (await p.locator('#secret').textContent()).replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  // the QR code holds the same otpauth:// link, as a phone's camera reads it (zbarimg)
  const qrFile = path.join(SHOTS, 'two-factor-qr.png');
  await p.locator('svg.qr').screenshot({ path: qrFile });
  const decoded = execFileSync('zbarimg', ['--raw', '-q', qrFile]).toString().trim();
  assert.equal(decoded, await p.getAttribute('#otpauth', 'href'));
  assert.match(decoded, new RegExp(`secret=${secret}`));
  const totp = (when) => execFileSync('oathtool', ['--totp', '-b', secret, '-N', when]).toString().trim();
  await p.getByLabel('Code uit de app (6 cijfers)').fill(totp('now'));
  await p.getByRole('button', { name: 'Controleren en aanzetten' }).click();
  await p.getByRole('heading', { level: 1, name: 'Uw herstelcodes' }).waitFor();
  assert.equal(await p.locator('.recovery-codes li').count(), 10);
  await look(p, 'two-factor-codes');
  await bed.context.clearCookies();
  await p.goto(`${bed.base}/login`);
  await p.getByLabel('E-mailadres').fill('beheer@browser.example');
  await p.getByLabel('Wachtwoord').fill(PW);
  await p.getByRole('button', { name: 'Inloggen' }).click();
  await p.waitForURL(`${bed.base}/login/code`);
  await look(p, 'login-code');
  await p.getByLabel('Code (6 cijfers) of herstelcode').fill(totp('now + 30 seconds'));
  await p.getByRole('button', { name: 'Inloggen' }).click();
  await p.waitForURL(`${bed.base}/app`);
  await p.close();
});
