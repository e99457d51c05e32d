// report_html.test.mjs: the owner's report as a web page (/r/TOKEN) in a real
// browser: a seeded scan made final through the advisor's form (so its report
// link is made and printed), then the page at 360 and 1280 px, axe with the
// wcag22aa tags, the comparison table, and the print stylesheet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, stopServer, smallestChartText } from './lib.mjs';
import { ROOT, SIZES, withPage, axe, shot, submitAndWait } from './owner_lib.mjs';

const BIN = process.env.FPHC_BIN || join(ROOT, 'bin', 'fphc');
const PG_DIR = process.env.PG_DIR;
const DB = `b_report_html_${process.pid}`;
const DB_URL = `host=${PG_DIR} dbname=${DB} user=postgres`;
const env = { ...process.env, DATABASE_URL: DB_URL, FPHC_LOG_LEVEL: 'warn' };
let server, base, link;

const psql = (sql) => execFileSync('psql', [DB_URL, '-qtAX', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' }).trim();

before(async () => {
  assert.ok(PG_DIR, 'PG_DIR must name the test cluster');
  execFileSync('createdb', ['-h', PG_DIR, '-U', 'postgres', '-T', process.env.TEMPLATE_DB || 'fphc', DB]);
  execFileSync('psql', [DB_URL, '-qtAX', '-v', 'ON_ERROR_STOP=1', '-f', join(ROOT, 'tests/fixtures/scans_with_peers.sql')]);
  psql(`INSERT INTO offers(id, org_id, title, provider, contact, tags) VALUES
        (1501, 1002, 'Training inclusief werven', 'Werkgeversservicepunt Zuid', 'wsp@zuid.example', '{unconscious-bias}')`);
  psql('UPDATE organisations SET owner_report_download = true WHERE id = 1002');
  ({ server, base } = await startServer(BIN, env));
  // the advisor writes advice and finalizes: the first final version makes the link
  await withPage({ viewport: SIZES[1] }, async (page) => {
    await page.goto(base + '/login');
    await page.fill('#f-email', 'adviseur@zuid.example');
    await page.fill('#f-password', 'fixture-pass-1');
    await submitAndWait(page, 'main button[type=submit]');
    await page.goto(base + '/scans/1401');
    const csrf = await page.inputValue('input[name=csrf] >> nth=0');
    const post = (path, form) => page.request.post(base + path, { form: { csrf, ...form }, maxRedirects: 0 });
    assert.equal((await post('/scans/1401/status', { op: 'forward', to: 'advice' })).status(), 303);
    await post('/scans/1401/advice', { theme: '', version: '0', body: 'Begin met **één** gesprek per kwartaal.' });
    await post('/scans/1401/offers', { theme: 'unconscious_bias', offer_id: '1501', op: 'pick', note: '' });
    assert.equal((await post('/scans/1401/status', { op: 'forward', to: 'final' })).status(), 303);
    const pdf = await page.request.get(base + '/scans/1401/reports/1.pdf');
    const text = execFileSync('pdftotext', ['-raw', '-', '-'], { input: await pdf.body(), stdio: ['pipe', 'pipe', 'ignore'] }).toString();
    link = (text.match(/\/r\/[A-Za-z0-9_-]{22}/) || [])[0];
  });
  assert.ok(link, 'the final PDF prints the report link');
});

after(async () => {
  await stopServer(server);
  try { execFileSync('dropdb', ['-h', PG_DIR, '-U', 'postgres', '--if-exists', '--force', DB]); } catch { /* best effort */ }
});

for (const viewport of SIZES) {
  test(`report web page at ${viewport.width} px: axe clean, table, printable`, async () => {
    await withPage({ viewport }, async (page) => {
      const res = await page.goto(base + link);
      assert.equal(res.status(), 200);
      assert.match(await page.title(), /Persoonlijk rapport/);
      await page.getByRole('heading', { level: 1, name: /Gouden Korst/ }).waitFor();
      assert.ok(await page.locator('table caption').count() >= 1, 'the comparison is a captioned table');
      assert.ok(await page.getByRole('columnheader', { name: 'Thema' }).count() >= 1);
      await page.getByText('Begin met').first().waitFor();
      assert.equal(await page.getByText('Begin met').count(), 1, 'the general advice shows once, not under every attention point');
      await axe(page, `/r/… at ${viewport.width}`);
      const small = await smallestChartText(page);
      assert.ok(small >= 11 && small < 20, `chart labels between 11 and 20 px (smallest ${small.toFixed(1)} px)`);
      await shot(page, `report-html-${viewport.width}`);
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('header.top').isVisible(), false, 'print hides the site header');
      await axe(page, `/r/… printed at ${viewport.width}`);
    });
  });
}
