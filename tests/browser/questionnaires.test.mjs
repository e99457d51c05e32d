// questionnaires.test.mjs: the questionnaire workbook in a real browser (issue 19): the demo
// researcher downloads version 1 as a workbook, a real spreadsheet library (Debian's
// python3-openpyxl) changes a question's wording and an item's weight and raises the version,
// the upload shows both in the diff, publishing stores version 2; a workbook with a bad weight
// shows the problem next to the field. The draft's preview shows every owner page (phone and
// laptop, Dutch and English) and stores nothing; a company invited after publishing gets version 2. axe (WCAG 2.2 AA) finds nothing at 1280 and 360 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { browserTestbed, launchBrowser, lookAtBothWidths } from './lib.mjs';

let page, password;
const bed = browserTestbed('b_questionnaires', {
  browser: { acceptDownloads: true },
  prepare: ({ fphc }) => {
    fphc(['demo', 'init']);
    const m = /onderzoeker@demo\.example.*password: (.*)$/m.exec(fphc(['demo', 'init', '--reset-passwords']));
    assert.ok(m, 'demo init prints the researcher\'s password');
    password = m[1].trim();
  },
});
const { fphc, psql } = bed;

const look = (name) => lookAtBothWidths(page, name, { shot: name.replace(/ /g, '-') });

const EDIT = `
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["items"]
head = [c.value for c in ws[1]]
ws.cell(2, head.index("text_nl") + 1).value = "Wij weten goed waar ons bedrijf over drie jaar staat."
ws.cell(3, head.index("weight") + 1).value = 3
wb["questionnaire"]["B2"].value = 2
wb.save(sys.argv[2])
ws.cell(4, head.index("weight") + 1).value = 0
wb.save(sys.argv[3])
`;

test('the researcher exports, edits, imports, sees the diff and publishes', async () => {
  page = await bed.context.newPage();
  await bed.logIn(page, 'onderzoeker@demo.example', password);
  const res = await page.goto(`${bed.base}/questionnaires`);
  assert.equal(res.status(), 200);
  await look('questionnaires');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href$="/workbook"]')]);
  const original = path.join(bed.dir, 'fphc-1.xlsx');
  await download.saveAs(original);
  assert.equal(download.suggestedFilename(), 'fphc-1.xlsx');
  const edited = path.join(bed.dir, 'edited.xlsx'), bad = path.join(bed.dir, 'bad.xlsx');
  execFileSync('/usr/bin/python3', ['-c', EDIT, original, edited, bad]);

  await page.setInputFiles('#f-workbook', bad);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/questionnaires/import"] button')]);
  assert.match(await page.textContent('#p-workbook'), /Tabblad items, rij 4, kolom weight: vul een getal groter dan 0 in/);
  await look('questionnaires with problems');

  await page.setInputFiles('#f-workbook', edited);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/questionnaires/import"] button')]);
  const body = await page.textContent('main');
  assert.match(body, /Wij weten goed waar ons bedrijf over drie jaar staat\./, 'the new wording is in the diff');
  assert.match(body, /gewicht/, 'the new weight is in the diff');
  assert.match(body, /De structuur is veranderd/);
  await look('questionnaire diff');
  const previewHref = await page.getAttribute('a.button[href$="/preview"]', 'href');
  assert.match(previewHref, /^\/questionnaires\/drafts\/\d+\/preview$/);
  const stored = () => psql('SELECT (SELECT count(*) FROM scans) || \'/\' || (SELECT count(*) FROM answers) || \'/\' || (SELECT count(*) FROM audit_log)');
  const before = stored();

  // The preview: every owner page as the owner sees it, at phone and laptop width.
  for (const [sub, name] of [['', 'start'], ['/profile', 'profile'], ['/pillar/1', 'pillar 1'], ['/pillar/4', 'pillar 4'],
                             ['/review', 'review'], ['/later', 'later'], ['/done', 'done']]) {
    const r = await page.goto(`${bed.base}${previewHref}${sub}`);
    assert.equal(r.status(), 200, `preview ${name}`);
    assert.match(await page.textContent('main'), /Voorbeeld, er wordt niets opgeslagen\./, `banner on ${name}`);
    await look(`preview ${name}`);
  }
  // Through the forms as the owner goes: consent, the profile with a Dutch decimal comma, a wrong number.
  await page.goto(`${bed.base}${previewHref}`);
  await page.check('#f-consent');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/consent"] button')]);
  assert.match(page.url(), /\/preview\/profile$/);
  await page.selectOption('#f-sector', 'C');
  await page.fill('#f-fte', '42,5');
  await page.fill('#f-employees', '50');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/profile"] button[name=nav][value=next]')]);
  assert.match(page.url(), /\/preview\/pillar\/1$/);
  assert.match(await page.textContent('main'), /Wij weten goed waar ons bedrijf over drie jaar staat\./, 'the draft\'s wording');
  await page.fill('input[name="a.s16"]', 'twaalf');
  await Promise.all([page.waitForNavigation(), page.click('button[name=nav][value=next]')]);
  assert.match(await page.textContent('#e-s16'), /vul een getal in van 0 tot en met 100/);
  await look('preview pillar refused');
  await page.fill('input[name="a.s16"]', '12,5 %');
  await Promise.all([page.waitForNavigation(), page.click('button[name=nav][value=next]')]);
  assert.match(page.url(), /\/preview\/pillar\/2$/);
  // English, with the language switch at the top
  await Promise.all([page.waitForNavigation(), page.click('header a[lang=en]')]);
  assert.match(page.url(), /\/preview\/pillar\/2$/);
  assert.match(await page.textContent('main'), /Preview, nothing is stored\./);
  await look('preview pillar 2 en');
  await Promise.all([page.waitForNavigation(), page.click('header a[lang=nl]')]);
  assert.equal(stored(), before, 'the preview stored nothing');
  await Promise.all([page.waitForNavigation(), page.click('.preview-banner a')]);
  assert.match(page.url(), /\/questionnaires\/drafts\/\d+$/);

  await Promise.all([page.waitForNavigation(), page.click('form[action$="/publish"] button')]);
  assert.match(await page.textContent('main'), /De vragenlijst is gepubliceerd\./);
  assert.match(fphc(['questionnaire', 'export', '--version', '2', '--format', 'json', '-o', '-']), /drie jaar staat/);
});

test('a company invited after publishing gets the new version', async () => {
  const out = fphc(['invite', '--org', 'demo', '--company', 'Nieuwe Versie BV', '--sector', 'C', '--fte', '45']).trim();
  const link = '/s/' + out.split('/s/')[1];
  const { context: owner, dir } = await launchBrowser();  // a fresh browser, as the owner's
  try {
    const p = await owner.newPage();
    await p.goto(bed.base + link);
    await p.check('#f-consent');
    await Promise.all([p.waitForNavigation(), p.click('form[action$="/consent"] button')]);
    await p.fill('#f-employees', '52');
    await Promise.all([p.waitForNavigation(), p.click('form[action$="/profile"] button[name=nav][value=next]')]);
    assert.match(p.url(), /\/pillar\/1$/);
    assert.match(await p.textContent('main'), /Wij weten goed waar ons bedrijf over drie jaar staat\./);
    assert.doesNotMatch(await p.textContent('main'), /Voorbeeld/);
  } finally {
    await owner.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(psql("SELECT q.version FROM scans s JOIN companies c ON c.id = s.company_id JOIN questionnaires q ON q.id = s.questionnaire_id WHERE c.name = 'Nieuwe Versie BV'"), '2');
});

test('the research workspace marks what is identical between the versions', async () => {
  const res = await page.goto(`${bed.base}/research/versions`);
  assert.equal(res.status(), 200);
  assert.match(await page.textContent('main'), /Gelijke vragen: 67 \/ 69/);
  await look('versions');
});
