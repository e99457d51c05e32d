// lib.mjs: what every browser test needs — the real server on a free port, Debian's
// Chromium with the flags that keep it off the network, and the axe check.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

// Without the background-networking flags Chromium keeps trying to reach the internet.
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Starts `bin serve` on 127.0.0.1:0 with env; resolves to { server, base }.
export async function startServer(bin, env) {
  const server = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--workers', '2'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stderr.resume();
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), 30000);
    server.stdout.on('data', (d) => {
      const m = /serving on (http:\/\/[^ ]+)\//.exec(d.toString());
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { server, base };
}

// SIGTERM, then at most 3 s for the graceful stop.
export async function stopServer(server) {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => { server.once('exit', r); setTimeout(r, 3000); });
  }
}

// A persistent context in a fresh profile folder; resolves to { context, dir }.
export async function launchBrowser(options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fphc-browser-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, ...options,
  });
  return { context, dir };
}

// axe with the WCAG 2.1 A/AA tags on the current page; fails listing every violation.
export async function expectNoAxeViolations(page, name) {
  const res = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  const v = res.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(v, [], `axe violations on ${name}`);
}

// The smallest rendered font size, in CSS pixels, of the text in the page's
// SVG charts (font-size times the SVG's scale on screen); Infinity without any.
export async function smallestChartText(page) {
  return page.evaluate(() => {
    let min = Infinity;
    for (const t of document.querySelectorAll('svg text')) {
      const m = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
      if (t.getClientRects().length && px < min) min = px;
    }
    return min;
  });
}
