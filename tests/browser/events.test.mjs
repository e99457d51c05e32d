// events.test.mjs: a follow-up meeting in a real browser (issue 20): the themes
// page, planning a meeting for an attention-point theme, inviting a proposed
// company, signing up through the link in the e-mail the fake SMTP sink caught,
// recording attendance and seeing it on the company page; axe (WCAG 2.2 AA) and
// no sideways scrolling at 360 and 1280 px on every page.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, browserTestbed, lookAtBothWidths } from './lib.mjs';

let tmp, smtp, mailDir;
const bed = browserTestbed('b_events', {
  prepare: async ({ psql, psqlFile, serverEnv }) => {
    psqlFile(path.join(ROOT, 'tests/fixtures/scans_with_peers.sql'));
    psql(`UPDATE scans SET follow_up_consent = true, follow_up_consent_at = now() WHERE id = 1401`);
    psql(`INSERT INTO offers(org_id, title, provider, contact) VALUES (1002, 'Training inclusief werven', 'Partner BV', 'info@partner.example')`);
    psql(`INSERT INTO scan_actions(org_id, scan_id, what, who_kind, theme_key) VALUES (1002, 1401, 'Vooroordelen bespreken', 'company', 'unconscious_bias')`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fphc-events-'));
    mailDir = path.join(tmp, 'mail');
    fs.mkdirSync(mailDir);
    smtp = spawn('node', [path.join(ROOT, 'tests/integration/fake_smtp.mjs'), mailDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('fake SMTP did not start')), 30000);
      smtp.stdout.on('data', (d) => {
        const m = /listening (\d+)/.exec(d.toString());
        if (m) { clearTimeout(timer); resolve(m[1]); }
      });
    });
    serverEnv.FPHC_SMTP_URL = `smtp://127.0.0.1:${port}`;
  },
});
const { psql } = bed;

after(() => {
  if (smtp && smtp.exitCode === null) smtp.kill('SIGTERM');
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// screenshots, no sideways scrolling and axe at desktop and phone width
const look = (page, name) => lookAtBothWidths(page, name, { shot: `events-${name}` });

function day(n) {
  const d = new Date(Date.now() + n * 86400000);
  return d.toISOString().slice(0, 10);
}

test('plan a meeting, sign up through the mailed link, record attendance', async () => {
  const page = await bed.context.newPage();
  await bed.logIn(page, 'adviseur@zuid.example', 'fixture-pass-1');

  await page.getByRole('link', { name: 'Bijeenkomsten' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Bijeenkomsten' }).waitFor();
  const row = page.locator('#theme-unconscious_bias');
  assert.equal(await row.locator('td[data-label="Aandachtspunt"]').innerText(), '2');
  await look(page, 'themes');

  await row.getByRole('link', { name: /Plan een bijeenkomst/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Bijeenkomst plannen' }).waitFor();
  assert.equal(await page.locator('#t-unconscious_bias').isChecked(), true, 'the theme it came for is ticked');
  await page.fill('#f-title', 'Werken aan inclusie');
  await page.fill('#f-date', '2020-01-01');
  await page.fill('#f-start_time', '14:00');
  await page.fill('#f-end_time', '16:00');
  await page.fill('#f-place', 'Stadhuis Maastricht');
  await page.selectOption('#f-offer', { label: 'Training inclusief werven (Partner BV)' });
  await page.fill('#f-capacity', '10');
  await page.getByRole('button', { name: 'Bijeenkomst opslaan' }).click();
  await page.locator('#e-date').waitFor();
  assert.match(await page.locator('#e-date').innerText(), /al voorbij/);
  await look(page, 'form-error');
  await page.fill('#f-date', day(10));
  await page.getByRole('button', { name: 'Bijeenkomst opslaan' }).click();
  await page.getByRole('heading', { level: 1, name: 'Werken aan inclusie' }).waitFor();
  await look(page, 'meeting');

  assert.equal(await page.locator('#c-1301').isChecked(), true, 'the consenting company is proposed');
  await page.getByRole('button', { name: 'Uitnodiging sturen' }).click();
  await page.getByText('De uitnodigingen zijn verstuurd').waitFor();
  const files = fs.readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
  assert.equal(files.length, 1, 'one invitation mailed');
  const mail = fs.readFileSync(path.join(mailDir, files[0]), 'utf8');
  const link = /http\S*\/e\/[A-Za-z0-9_-]+/.exec(mail)[0];

  // the owner opens the link on a phone, without an account
  const phone = await bed.context.newPage();
  await bed.context.clearCookies();
  await phone.setViewportSize({ width: 360, height: 800 });
  await phone.goto(link);
  await phone.getByRole('heading', { level: 1, name: 'Werken aan inclusie' }).waitFor();
  await look(phone, 'signup');
  await phone.getByRole('button', { name: 'Ik kom', exact: true }).click();
  await phone.getByText('Dank u. U bent aangemeld.').waitFor();
  await look(phone, 'signed-up');
  const ics = await phone.request.get(`${link}/meeting.ics`);
  assert.equal(ics.status(), 200);
  assert.match(await ics.text(), /BEGIN:VEVENT\r\n/);
  await phone.close();

  // after the meeting the advisor records attendance
  psql(`UPDATE events SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour'`);
  await bed.logIn(page, 'adviseur@zuid.example', 'fixture-pass-1');
  const ev = psql('SELECT max(id) FROM events');
  await page.goto(`${bed.base}/events/${ev}`);
  await page.getByRole('heading', { level: 2, name: 'Aanwezigheid' }).waitFor();
  await page.getByLabel('Bakkerij De Gouden Korst').check();
  await look(page, 'attendance');
  await page.getByRole('button', { name: 'Aanwezigheid opslaan' }).click();
  await page.getByText('De aanwezigheid is opgeslagen').waitFor();
  assert.equal(psql(`SELECT status FROM scan_actions WHERE theme_key = 'unconscious_bias'`), 'done', 'the matching action is closed');

  await page.getByRole('link', { name: 'Bakkerij De Gouden Korst' }).click();
  await page.locator('#events-attended').getByRole('link', { name: 'Werken aan inclusie' }).waitFor();
  await look(page, 'company');
});
