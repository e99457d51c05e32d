// evaluation.test.mjs: the interim evaluation (issue 20.5) in a real browser: the advisor's
// page for a period with its charts and tables, a bad period with its message next to the
// field, the researcher's province-wide page, and the PDF download; axe (WCAG 2.2 AA) and no
// sideways scrolling at 360 and 1280 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SHOTS, browserTestbed, lookAtBothWidths } from './lib.mjs';

const bed = browserTestbed('b_evaluation', {
  prepare: ({ fphc, psqlFile }) => {
    psqlFile(path.join(ROOT, 'tests/fixtures/scans_with_peers.sql'));
    fphc(['benchmarks', 'refresh']);
  },
});

// screenshots, no sideways scrolling and axe at desktop and phone width
const look = (page, name) => lookAtBothWidths(page, name, { shot: `evaluation-${name}` });
const login = (page, email) => bed.logIn(page, email, 'fixture-pass-1');

test('the advisor reads the interim evaluation of a period and downloads its PDF', async () => {
  const page = await bed.context.newPage();
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
  await bed.context.clearCookies(); // signed out: the advisor's session is gone
  const page = await bed.context.newPage();
  await login(page, 'onderzoeker@lectoraat.example');
  await page.goto(`${bed.base}/research/evaluation?from=2024-01-01&to=2026-12-31`);
  assert.equal(await page.locator('.field-error').count(), 0);
  await look(page, 'research');
  await page.close();
});
