// fake_smtp.mjs: a minimal SMTP server for tests (no network beyond 127.0.0.1).
// Usage: node fake_smtp.mjs DIR — listens on a free port, prints "listening PORT",
// and writes every received message to DIR/msg-N.eml (envelope in DIR/msg-N.env).
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let n = 0;
const server = net.createServer((sock) => {
  let buf = '', inData = false, from = '', rcpt = [];
  const say = (line) => sock.write(line + '\r\n');
  say('220 fake-smtp ready');
  sock.on('data', (chunk) => {
    buf += chunk.toString('utf8');
    for (;;) {
      if (inData) {
        const end = buf.indexOf('\r\n.\r\n');
        if (end < 0) return;
        const body = buf.slice(0, end).replace(/\r\n\.\./g, '\r\n.');
        buf = buf.slice(end + 5);
        inData = false;
        n += 1;
        fs.writeFileSync(path.join(dir, `msg-${n}.env`), `${from}\n${rcpt.join(',')}\n`);
        fs.writeFileSync(path.join(dir, `msg-${n}.eml`), body);
        say('250 OK queued');
        continue;
      }
      const eol = buf.indexOf('\r\n');
      if (eol < 0) return;
      const line = buf.slice(0, eol);
      buf = buf.slice(eol + 2);
      const cmd = line.slice(0, 4).toUpperCase();
      if (cmd === 'EHLO' || cmd === 'HELO') say('250 fake-smtp');
      else if (cmd === 'MAIL') { from = line.slice(10); rcpt = []; say('250 OK'); }
      else if (cmd === 'RCPT') { rcpt.push(line.slice(8)); say('250 OK'); }
      else if (cmd === 'DATA') { inData = true; say('354 go ahead'); }
      else if (cmd === 'QUIT') { say('221 bye'); sock.end(); return; }
      else if (cmd === 'RSET' || cmd === 'NOOP') say('250 OK');
      else say('502 not implemented');
    }
  });
  sock.on('error', () => {});
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
