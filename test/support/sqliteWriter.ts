// A separate process that appends rows the way the audit log does (read the last row, then
// insert after it, in one transaction), so a test can run several against one SQLite file.
import { openDb } from '../../server/db/index.js';

const [file, count] = [process.argv[2]!, Number(process.argv[3] ?? 200)];
const db = openDb({ kind: 'sqlite', filename: file });
let failures = 0;
for (let i = 0; i < count; i++) {
  try {
    await db.transaction(async (trx) => {
      const last = (await trx('chain').orderBy('id', 'desc').first()) as { n: number } | undefined;
      await trx('chain').insert({ n: (last?.n ?? 0) + 1 });
    });
  } catch (err) {
    failures += 1;
    if (failures === 1) console.error((err as Error).message);
  }
}
console.log(JSON.stringify({ failures }));
await db.destroy();
