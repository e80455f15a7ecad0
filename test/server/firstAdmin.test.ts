import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { announceFirstAdmin } from '../../server/auth/firstAdmin.js';

const created = { email: 'admin@vinculo.local', password: 'pw-7c1d2e3f4a5b6c7d8e9f' };
const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-first-admin-'));

describe('announcing the first admin', () => {
  it('prints the password on a terminal', () => {
    const lines: string[] = [];
    announceFirstAdmin(created, 'http://localhost:3000', {
      dataDir: dataDir(),
      isTty: true,
      print: (l) => lines.push(l),
    });
    expect(lines.join('\n')).toContain(created.password);
  });

  it('when output goes to a file or a pipe, writes it to a 0600 file under the data folder and says where', () => {
    const dir = dataDir();
    const lines: string[] = [];
    announceFirstAdmin(created, 'http://localhost:3000', { dataDir: dir, isTty: false, print: (l) => lines.push(l) });
    const printed = lines.join('\n');
    expect(printed).not.toContain(created.password);
    const file = path.join(dir, 'first-admin-password');
    expect(printed).toContain(file);
    expect(fs.readFileSync(file, 'utf8')).toContain(created.password);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
