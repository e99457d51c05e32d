// owner_answers.test.mjs: the owner's scan as owners really fill it in (issue 14),
// at 360 and 1280 px, with and without JavaScript: no page posted behind the
// owner's back, numbers typed the Dutch way, progress that reaches 100 %, and a
// start page that reads in order. axe with the wcag22aa tags on the pages seen.
// Needs FPHC_BIN, PG_DIR and TEMPLATE_DB (scripts/test.sh sets them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { startServer, stopServer, launchBrowser } from './lib.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = process.env.FPHC_BIN || join(ROOT, 'bin', 'fphc');
const PG_DIR = process.env.PG_DIR;
const TEMPLATE_DB = process.env.TEMPLATE_DB || 'fphc';
const SHOTS = join(ROOT, 'tests', 'browser', 'screenshots');
const DB = `t_browser_owner_${process.pid}`;
const DB_URL = `host=${PG_DIR} dbname=${DB} user=postgres`;
const env = { ...process.env, DATABASE_URL: DB_URL, FPHC_LOG_LEVEL: 'warn' };
const SIZES = [{ width: 360, height: 740 }, { width: 1280, height: 900 }];
const Q = JSON.parse(readFileSync(join(ROOT, 'questionnaires', 'fphc-1.json'), 'utf8'));
let server, base, n = 0;

function sh(cmd, args) { return execFileSync(cmd, args, { env, cwd: ROOT, encoding: 'utf8' }); }
function psql(sql) { return sh('psql', [DB_URL, '-qtAX', '-v', 'ON_ERROR_STOP=1', '-c', sql]).trim(); }

// A new invitation, consent and profile given; resolves to { link, id }.
function invite() {
  const name = `Eigenaar ${++n} BV`;
  const out = sh(BIN, ['invite', '--org', 'demo', '--company', name, '--sector', 'C', '--fte', '45']).trim();
  const link = '/s/' + out.split('/s/')[1];
  const id = psql(`SELECT s.id FROM scans s JOIN companies c ON c.id = s.company_id WHERE c.name = '${name}'`);
  return { link, id };
}
async function begin(page, link) {
  await page.goto(base + link);
  await page.check('#f-consent');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Start de scan")')]);
  await page.fill('#f-employees', '52');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Volgende")')]);
  assert.match(page.url(), /\/pillar\/1$/);
}
function stored(id, key) { return psql(`SELECT value FROM answers WHERE scan_id = ${id} AND item_key = '${key}'`); }
async function axe(page, name) {
  const res = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  const v = res.violations.map((x) => `${x.id}: ${x.nodes.map((nd) => nd.target.join(' ')).slice(0, 3).join(', ')}`);
  assert.deepEqual(v, [], `axe violations on ${name}`);
}
async function withPage(opts, fn) {
  const { context, dir } = await launchBrowser({ viewport: opts.viewport, javaScriptEnabled: opts.js !== false });
  try { await fn(context.pages()[0] || await context.newPage()); } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
const tag = (o) => `${o.viewport.width}${o.js === false ? '-nojs' : ''}`;

before(async () => {
  assert.ok(PG_DIR, 'PG_DIR must name the test cluster');
  mkdirSync(SHOTS, { recursive: true });
  sh('createdb', ['-h', PG_DIR, '-U', 'postgres', '-T', TEMPLATE_DB, DB]);
  sh(BIN, ['demo', 'init']);
  ({ server, base } = await startServer(BIN, env));
});
after(async () => {
  await stopServer(server);
  try { sh('dropdb', ['-h', PG_DIR, '-U', 'postgres', '--if-exists', '--force', DB]); } catch { /* best effort */ }
});

// Each heading on the start page is followed by its own text, below it and in its column.
async function startReadsInOrder(viewport) {
  const { link } = invite();
  await withPage({ viewport }, async (page) => {
    await page.goto(base + link);
    const boxes = await page.$$eval('main h2', (hs) => hs.map((h) => {
      const p = h.nextElementSibling.getBoundingClientRect(), b = h.getBoundingClientRect();
      return { h: h.textContent, hx: b.left, hb: b.bottom, px: p.left, pt: p.top };
    }));
    assert.ok(boxes.length >= 3);
    for (const b of boxes) {
      assert.ok(b.pt >= b.hb - 1, `"${b.h}": its text starts below the heading`);
      assert.ok(Math.abs(b.px - b.hx) < 2, `"${b.h}": its text starts in the heading's column`);
    }
    await page.screenshot({ path: join(SHOTS, `owner-start-${viewport.width}.png`), fullPage: true });
    await axe(page, `start at ${viewport.width}`);
  });
}

for (const viewport of SIZES) {
  test(`typing an open answer never posts the page (defect 1, ${viewport.width} px)`, async () => {
    const { link, id } = invite();
    await withPage({ viewport }, async (page) => {
      await begin(page, link);
      await page.fill('textarea[name="a.s90"]', 'Goede vakmensen vinden');
      await page.waitForTimeout(2500);   // the advice autosave fired after 1.2 s
      assert.equal(psql(`SELECT last_page FROM scans WHERE id = ${id}`), '1', 'the resume point stays on this part');
      await page.press('textarea[name="a.s90"]', 'Tab');
      await page.waitForFunction(() => document.getElementById('save-status').textContent === 'Opgeslagen');
      assert.equal(stored(id, 's90'), '"Goede vakmensen vinden"');
      assert.equal(psql(`SELECT last_page FROM scans WHERE id = ${id}`), '1');
      await axe(page, `pillar 1 at ${viewport.width}`);
    });
  });

  test(`numbers typed the Dutch way, with JavaScript (defect 2, ${viewport.width} px)`, async () => {
    const { link, id } = invite();
    await withPage({ viewport }, async (page) => {
      await begin(page, link);
      assert.equal(await page.getAttribute('input[name="a.s16"]', 'type'), 'text');
      assert.equal(await page.getAttribute('input[name="a.s16"]', 'inputmode'), 'decimal');
      const num = (await page.textContent('#q-s16 .qnum')).replace('.', '');
      const status = () => page.textContent('#save-status');
      await page.fill('input[name="a.s16"]', '6,5 %');
      await page.press('input[name="a.s16"]', 'Tab');
      await page.waitForFunction(() => document.getElementById('save-status').textContent === 'Opgeslagen');
      assert.equal(stored(id, 's16'), '6.5');
      await page.fill('input[name="a.s16"]', '1.000');
      await page.press('input[name="a.s16"]', 'Tab');
      await page.waitForFunction(() => /Niet opgeslagen/.test(document.getElementById('save-status').textContent));
      assert.match(await status(), new RegExp(`Vraag ${num} .*duizenden`));
      assert.equal(stored(id, 's16'), '6.5', 'nothing reinterpreted');
      await page.fill('input[name="a.s16"]', '120');
      await page.press('input[name="a.s16"]', 'Tab');
      await page.waitForFunction(() => /van 0 tot en met 100/.test(document.getElementById('save-status').textContent));
      assert.match(await status(), new RegExp(`Vraag ${num} `));
      assert.equal(stored(id, 's16'), '6.5');
      await page.screenshot({ path: join(SHOTS, `owner-number-refused-${viewport.width}.png`), fullPage: false });
    });
  });

  test(`numbers typed the Dutch way, without JavaScript (defect 2, ${viewport.width} px)`, async () => {
    const { link, id } = invite();
    await withPage({ viewport, js: false }, async (page) => {
      await begin(page, link);
      await page.fill('input[name="a.s16"]', ' 6,5 % ');
      await Promise.all([page.waitForNavigation(), page.click('button[value="later"]')]);
      assert.equal(stored(id, 's16'), '6.5');
    });
  });

  test(`the profile reads FTE the Dutch way (${viewport.width} px, no JavaScript)`, async () => {
    const { link, id } = invite();
    await withPage({ viewport, js: false }, async (page) => {
      await page.goto(base + link);
      await page.check('#f-consent');
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Start de scan")')]);
      await page.fill('#f-fte', '12,5 fte');
      await page.fill('#f-employees', '52');
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Volgende")')]);
      assert.match(page.url(), /\/pillar\/1$/);
      assert.equal(Number(psql(`SELECT fte FROM scans WHERE id = ${id}`)), 12.5);
    });
  });

  for (const js of [true, false]) {
    test(`progress reaches 100 % with every closed question answered (defect 7, ${tag({ viewport, js })})`, async () => {
      const { link, id } = invite();
      await withPage({ viewport, js }, async (page) => {
        await begin(page, link);
        const rows = [];
        for (const p of Q.pillars) for (const t of p.themes) for (const it of t.items) {
          let v = null;
          if (it.type === 'likert5') v = 3;
          else if (it.type === 'choice') v = it.options[0].key;
          else if (it.type === 'multi') v = [it.options[0].key];
          else if (it.type === 'number') v = it.min ?? 1;
          else if (it.type === 'yesno') v = true;
          if (v !== null) rows.push(`(${id}, '${it.key}', '${JSON.stringify(v)}')`);
        }
        psql(`INSERT INTO answers(scan_id, item_key, value) VALUES ${rows.join(',')}`);
        await page.goto(base + link.replace(/$/, '/pillar/2'));
        assert.match(await page.textContent('label[for="progress"]'), /^100%/);
        assert.equal(await page.getAttribute('#progress', 'value'), '100');
      });
    });
  }

  test(`the start page reads in order (defect 9, ${viewport.width} px)`, () => startReadsInOrder(viewport));
}
// a tablet too: the issue names 768 px, where the back office's grid starts
test('the start page reads in order (defect 9, 768 px)', () => startReadsInOrder({ width: 768, height: 1024 }));
