import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../server/db/index.js';

const run = promisify(execFile);
const writer = path.resolve(import.meta.dirname, '../support/sqliteWriter.ts');

describe('SQLite write transactions across processes', () => {
  it('never fail with SQLITE_BUSY: transactions begin immediate, so busy_timeout applies', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-writers-'));
    const file = path.join(dir, 'db.sqlite');
    const db = openDb({ kind: 'sqlite', filename: file });
    await db.raw('create table chain (id integer primary key, n integer not null unique)');
    const perProcess = 150;
    const outputs = await Promise.all(
      [1, 2, 3].map(() => run(process.execPath, ['--import', 'tsx', writer, file, String(perProcess)])),
    );
    const failures = outputs.map((o) => (JSON.parse(o.stdout.trim()) as { failures: number }).failures);
    expect(failures).toEqual([0, 0, 0]);
    // Each row extends the one before it: no two writers read the same last row.
    const rows = (await db('chain').orderBy('id')) as Array<{ n: number }>;
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 3 * perProcess }, (_, i) => i + 1));
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
