// respondent.test.mjs: the owner's scan in a real browser (Debian chromium via
// playwright-core): the whole flow at phone size with a screenshot per page,
// resume in a fresh browser, the flow without JavaScript, validation errors,
// and axe (WCAG 2.1 A/AA) on every respondent page.
// Needs FPHC_BIN, PG_DIR and TEMPLATE_DB (set by scripts/test.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = process.env.FPHC_BIN || join(ROOT, 'bin', 'fphc');
const PG_DIR = process.env.PG_DIR;
const TEMPLATE_DB = process.env.TEMPLATE_DB || 'fphc';
const SHOTS = join(ROOT, 'tests', 'browser', 'screenshots');
const PHONE = { width: 360, height: 740 };
const DB = `t_browser_resp_${process.pid}`;
const env = { ...process.env, DATABASE_URL: `host=${PG_DIR} dbname=${DB} user=postgres`, FPHC_LOG_LEVEL: 'warn' };
let server;
let base;

function sh(cmd, args) {
  return execFileSync(cmd, args, { env, cwd: ROOT, encoding: 'utf8' });
}

function invite(name) {
  const link = sh(BIN, ['invite', '--org', 'demo', '--company', name, '--sector', 'C', '--fte', '45']).trim();
  return '/s/' + link.split('/s/')[1];
}

before(async () => {
  assert.ok(PG_DIR, 'PG_DIR must name the test cluster (scripts/test.sh sets it)');
  mkdirSync(SHOTS, { recursive: true });
  sh('createdb', ['-h', PG_DIR, '-U', 'postgres', '-T', TEMPLATE_DB, DB]);
  sh(BIN, ['demo', 'init']);
  server = spawn(BIN, ['serve', '--listen', '127.0.0.1:0', '--workers', '2'], { env, cwd: ROOT });
  base = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + out)), 10000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving on (http:\/\/[^ \n]+?)\/\n/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('exit', (code) => reject(new Error('server exited ' + code)));
  });
});

after(() => {
  if (server) { server.kill('SIGTERM'); }
  try { sh('dropdb', ['-h', PG_DIR, '-U', 'postgres', '--if-exists', '--force', DB]); } catch { /* best effort */ }
});

async function withBrowser(opts, fn) {
  const dir = mkdtempSync(join(tmpdir(), 'fphc-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: opts.viewport || PHONE,
    javaScriptEnabled: opts.js !== false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    const external = [];
    page.on('request', (req) => { if (!req.url().startsWith(base) && !req.url().startsWith('data:')) { external.push(req.url()); } });
    const problems = [];
    // CSP violations and script errors; error statuses of pages are what some steps expect.
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/^Failed to load resource/.test(msg.text())) { problems.push(msg.text()); }
    });
    page.on('pageerror', (err) => problems.push(String(err)));
    page.on('response', (res) => {
      const type = res.request().resourceType();
      if (res.status() >= 400 && type !== 'document' && !(opts.allow400 && type === 'fetch')) {
        problems.push(`${res.status()} ${res.url()}`);
      }
    });
    await fn(page, context);
    assert.deepEqual(external, [], 'no external resources');
    assert.deepEqual(problems, [], 'no console errors (CSP violations show up here)');
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function axe(page, name) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  const v = result.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  assert.deepEqual(v, [], `axe violations on ${name}`);
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

// Answers every question of the pillar page in front of us.
async function answerPage(page, seed) {
  const items = await page.$$eval('fieldset[data-item]', (fs) => fs.map((f) => [f.dataset.item, f.dataset.type]));
  let i = seed;
  for (const [key, type] of items) {
    i++;
    if (type === 'likert5') { await page.check(`input[name="a.${key}"][value="${(i % 5) + 1}"]`); }
    else if (type === 'yesno') { await page.check(`input[name="a.${key}"][value="${i % 2 ? 'yes' : 'no'}"]`); }
    else if (type === 'choice') { await page.locator(`input[name="a.${key}"]`).first().check(); }
    else if (type === 'multi') { await page.locator(`input[name="a.${key}"]`).first().check(); }
    else if (type === 'number') { await page.fill(`input[name="a.${key}"]`, String(10 + (i % 50))); await page.press(`input[name="a.${key}"]`, 'Tab'); }
    else if (type === 'text') { await page.fill(`textarea[name="a.${key}"]`, 'Goede vakmensen vinden'); await page.press(`textarea[name="a.${key}"]`, 'Tab'); }
  }
  return items.length;
}

// The invitation knows sector and FTE; the owner adds the number of employees.
async function profileNext(page) {
  await page.fill('#f-employees', '52');
  await page.click('button:has-text("Volgende")');
}

async function pageWidthFits(page) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(over <= 0, `page is ${over}px wider than the viewport`);
}

test('the whole scan from link to done on a phone, with axe on every page', async () => {
  const link = invite('Schermafdruk BV');
  sh('psql', [env.DATABASE_URL, '-qc', "UPDATE organisations SET show_first_impression = true WHERE slug = 'demo'"]);
  await withBrowser({}, async (page) => {
    await page.goto(base + '/s/AAAAAAAAAAAAAAAAAAAAAA');
    await shot(page, '00-unknown-link');
    await axe(page, 'unknown link');

    await page.goto(base + link);
    assert.match(await page.textContent('h1'), /Welkom/);
    await pageWidthFits(page);
    await shot(page, '01-start');
    await axe(page, 'start');
    await page.click('text=Start de scan');
    assert.match(await page.textContent('.error-summary'), /vinkje/);
    await shot(page, '02-start-consent-error');
    await axe(page, 'start with error');
    await page.check('#f-consent');
    await page.click('text=Start de scan');

    assert.match(page.url(), /\/profile$/);
    await shot(page, '03-profile');
    await axe(page, 'profile');
    await profileNext(page);

    for (let n = 1; n <= 4; n++) {
      assert.match(page.url(), new RegExp(`/pillar/${n}$`));
      assert.match(await page.textContent('.step'), new RegExp(`Stap ${n + 1} van 6`));
      await axe(page, `pillar ${n}`);
      await answerPage(page, n * 10);
      await page.waitForFunction(() => document.getElementById('save-status').textContent === 'Opgeslagen');
      await pageWidthFits(page);
      await shot(page, `0${3 + n}-pillar-${n}`);
      await page.click('button[value="next"]');
    }
    assert.match(page.url(), /\/review$/);
    assert.equal(await page.locator('li.unanswered').count(), 0, 'every question answered');
    await shot(page, '08-review');
    await axe(page, 'review');
    await page.click('text=Antwoorden versturen');
    assert.match(page.url(), /\/done$/);
    assert.match(await page.textContent('h1'), /Bedankt/);
    assert.equal(await page.locator('.impression .band').count(), 4, 'first impression of four pillars, each with its band name');
    assert.match(await page.textContent('.steps'), /Nu: Uw adviseur maakt een rapport/, 'the steps follow the status');
    await shot(page, '09-done');
    await axe(page, 'done');

    await page.goto(base + '/privacy/demo');
    await shot(page, '10-privacy');
    await axe(page, 'privacy');
  });
  // the same pages at desktop width, for a look
  await withBrowser({ viewport: { width: 1280, height: 900 } }, async (page) => {
    const l2 = invite('Breed Scherm BV');
    await page.goto(base + l2);
    await shot(page, '11-start-desktop');
    await page.check('#f-consent');
    await page.click('text=Start de scan');
    await profileNext(page);
    await shot(page, '12-pillar-1-desktop');
    await axe(page, 'pillar 1 desktop');
    await page.click('button[value="later"]');
    assert.match(page.url(), /\/later$/);
    await shot(page, '13-later');
    await axe(page, 'later');
    await page.click('a:has-text("English")');
    assert.match(await page.textContent('h1'), /kept/);
    await axe(page, 'later in English');
  });
});

test('leaving halfway and resuming in a fresh browser', async () => {
  const link = invite('Hervatten BV');
  await withBrowser({}, async (page) => {
    await page.goto(base + link);
    await page.check('#f-consent');
    await page.click('text=Start de scan');
    await profileNext(page);
    await page.check('input[name="a.s01"][value="5"]');
    await page.waitForFunction(() => document.getElementById('save-status').textContent === 'Opgeslagen');
    assert.match(await page.textContent('label[for="progress"]'), /^2%/);  // 1 of the closed questions
  });
  await withBrowser({}, async (page) => {
    await page.goto(base + link);
    assert.match(page.url(), /\/pillar\/1#q-s02$/, 'resumes at the first unanswered closed question');
    const box = await page.locator('#q-s02 .qnum').boundingBox();
    assert.ok(box && box.y >= 0 && box.y < page.viewportSize().height, 'with its number in view');
    assert.ok(await page.isChecked('input[name="a.s01"][value="5"]'), 'with the autosaved answer');
    await shot(page, '14-resumed');
  });
});

test('the whole scan without JavaScript', async () => {
  const link = invite('Zonder Script BV');
  await withBrowser({ js: false }, async (page) => {
    await page.goto(base + link);
    await page.check('#f-consent');
    await page.click('text=Start de scan');
    await profileNext(page);
    for (let n = 1; n <= 4; n++) {
      assert.match(page.url(), new RegExp(`/pillar/${n}$`));
      const count = await answerPage(page, n);
      assert.ok(count > 10);
      if (n === 2) {   // back keeps what was answered
        await page.click('button[value="back"]');
        assert.match(page.url(), /\/pillar\/1$/);
        await page.click('button[value="next"]');
        assert.ok(await page.locator('input[name="a.w01"]:checked').count() === 1, 'pillar 2 answers kept');
      }
      await shot(page, `15-nojs-pillar-${n}`);
      await page.click('button[value="next"]');
    }
    assert.match(page.url(), /\/review$/);
    assert.equal(await page.locator('li.unanswered').count(), 0);
    await page.click('text=Antwoorden versturen');
    assert.match(await page.textContent('h1'), /Bedankt/);
    await shot(page, '16-nojs-done');
  });
});

test('validation errors are shown next to the fields and summarised', async () => {
  const link = invite('Foutje BV');
  await withBrowser({ allow400: true }, async (page) => {
    await page.goto(base + link);
    await page.check('#f-consent');
    await page.click('text=Start de scan');
    await page.selectOption('#f-sector', '');
    await page.fill('#f-fte', 'veel');
    await page.fill('#f-employees', '');
    await page.click('button:has-text("Volgende")');
    assert.match(await page.textContent('#e-sector'), /Kies de sector/);
    assert.match(await page.textContent('#e-fte'), /als getal/);
    assert.match(await page.textContent('#e-employees'), /medewerkers/);
    assert.equal(await page.locator('.error-summary li').count(), 3);
    assert.equal(await page.getAttribute('#f-fte', 'aria-invalid'), 'true');
    await shot(page, '17-profile-errors');
    await axe(page, 'profile with errors');
    await page.selectOption('#f-sector', 'C');
    await page.fill('#f-fte', '400');
    await page.fill('#f-employees', '420');
    await page.click('button:has-text("Volgende")');
    assert.match(await page.textContent('#n-fte'), /10 tot 300 fte/);
    await shot(page, '18-profile-fte-notice');
    await axe(page, 'profile with the FTE notice');
    await page.click('button:has-text("Volgende")');
    assert.match(page.url(), /\/pillar\/1$/);
    // a number out of range through the autosave: "niet opgeslagen"
    await page.fill('input[name="a.s16"]', '250');
    await page.press('input[name="a.s16"]', 'Tab');
    await page.waitForFunction(() => /Niet opgeslagen/.test(document.getElementById('save-status').textContent));
    await shot(page, '19-autosave-refused');
  });
  await withBrowser({ js: false }, async (page) => {
    await page.goto(base + link);
    await page.check('input[name="a.s02"][value="4"]');
    await page.fill('input[name="a.s16"]', '250');
    await page.click('button[value="later"]');
    assert.match(await page.textContent('.error-summary'), /van 0 tot en met 100/);
    assert.match(await page.textContent('#e-s16'), /Vraag 18/, 'the message sits next to the question');
    assert.equal(await page.inputValue('input[name="a.s16"]'), '250', 'the typed value is shown again');
    assert.ok(await page.isChecked('input[name="a.s02"][value="4"]'), 'the other answers on the page stay');
    await shot(page, '20-page-refused');
    await page.goto(base + link.replace(/$/, '/review'));
    assert.match(await page.textContent('main'), /Dit onderdeel krijgt/, 'the review says per part whether it gets a score');
  });
});
