// owner_lib.mjs: the test bed of the owner's browser tests (owner_answers,
// owner_scan): a database of their own from the template, the demo association,
// a server, invitations, and axe with the wcag22aa tags also on pages seen
// without JavaScript. Needs FPHC_BIN, PG_DIR and TEMPLATE_DB (scripts/test.sh sets them).
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { ROOT, SHOTS, startServer, stopServer, launchBrowser } from './lib.mjs';

export { ROOT, SHOTS };
export const SIZES = [{ width: 360, height: 740 }, { width: 1280, height: 900 }];
export const Q = JSON.parse(readFileSync(join(ROOT, 'questionnaires', 'fphc-1.json'), 'utf8'));
export const tag = (o) => `${o.viewport.width}${o.js === false ? '-nojs' : ''}`;

// Registers the file's before/after hooks; `company` prefixes the invited
// companies' names. bed.base is the server's address once before() has run.
export function ownerTestbed(dbPrefix, company) {
  const BIN = process.env.FPHC_BIN || join(ROOT, 'bin', 'fphc');
  const PG_DIR = process.env.PG_DIR;
  const DB = `${dbPrefix}_${process.pid}`;
  const DB_URL = `host=${PG_DIR} dbname=${DB} user=postgres`;
  const env = { ...process.env, DATABASE_URL: DB_URL, FPHC_LOG_LEVEL: 'warn' };
  let server, n = 0;
  const bed = { base: null };

  const sh = (cmd, args) => execFileSync(cmd, args, { env, cwd: ROOT, encoding: 'utf8' });
  bed.psql = (sql) => sh('psql', [DB_URL, '-qtAX', '-v', 'ON_ERROR_STOP=1', '-c', sql]).trim();
  bed.stored = (id, key) => bed.psql(`SELECT value FROM answers WHERE scan_id = ${id} AND item_key = '${key}'`);
  // A new invitation of the demo association; { link, id }.
  bed.invite = () => {
    const name = `${company} ${++n} BV`;
    const out = sh(BIN, ['invite', '--org', 'demo', '--company', name, '--sector', 'C', '--fte', '45']).trim();
    const link = '/s/' + out.split('/s/')[1];
    const id = bed.psql(`SELECT s.id FROM scans s JOIN companies c ON c.id = s.company_id WHERE c.name = '${name}'`);
    return { link, id };
  };
  // Consent and profile given: the owner is on the first pillar page.
  bed.begin = async (page, link) => {
    await page.goto(bed.base + link);
    await page.check('#f-consent');
    await submitAndWait(page, 'button:has-text("Start de scan")');
    await page.fill('#f-employees', '52');
    await submitAndWait(page, 'button:has-text("Volgende")');
    assert.match(page.url(), /\/pillar\/1$/);
  };

  before(async () => {
    assert.ok(PG_DIR, 'PG_DIR must name the test cluster');
    mkdirSync(SHOTS, { recursive: true });
    sh('createdb', ['-h', PG_DIR, '-U', 'postgres', '-T', process.env.TEMPLATE_DB || 'fphc', DB]);
    sh(BIN, ['demo', 'init']);
    ({ server, base: bed.base } = await startServer(BIN, env));
  });
  after(async () => {
    await stopServer(server);
    try { sh('dropdb', ['-h', PG_DIR, '-U', 'postgres', '--if-exists', '--force', DB]); } catch { /* best effort */ }
  });
  return bed;
}

export async function submitAndWait(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

// A fresh browser at opts.viewport, JavaScript off when opts.js === false.
export async function withPage(opts, fn) {
  const { context, dir } = await launchBrowser({ viewport: opts.viewport, javaScriptEnabled: opts.js !== false });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(15000);   // a step that never happens fails here instead of hanging the file
  page.__nojs = opts.js === false;
  try { await fn(page); } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function shot(page, name) { await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true }); }

// axe runs inside the page, which a page without JavaScript cannot do: there the
// HTML the owner got (scripts removed) is checked in a second, scripted page at
// the same address and size, so the no-JS rendering is what axe sees.
export async function axe(page, name) {
  let target = page, ctx = null, dir = null;
  if (page.__nojs) {
    const html = (await page.content()).replace(/<script[\s\S]*?<\/script>/gi, '');
    const url = page.url();
    ({ context: ctx, dir } = await launchBrowser({ viewport: page.viewportSize() }));
    target = ctx.pages()[0] || await ctx.newPage();
    await target.route('**/*', (r) => (r.request().url() === url
      ? r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }) : r.continue()));
    await target.goto(url);
  }
  try {
    const res = await new AxeBuilder({ page: target }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
    const v = res.violations.map((x) => `${x.id}: ${x.nodes.map((nd) => nd.target.join(' ')).slice(0, 3).join(', ')}`);
    assert.deepEqual(v, [], `axe violations on ${name}`);
  } finally {
    if (ctx) { await ctx.close(); rmSync(dir, { recursive: true, force: true }); }
  }
}
