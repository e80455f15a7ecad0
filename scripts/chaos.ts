// npm run chaos [-- --quick] [-- --processes N] [-- --kill-every S] [-- --settle S] [-- --calm] [-- --worker-kills [N]]
// The fault-injection run of the whole stack; see scripts/chaos/main.ts.
import { main } from './chaos/main.js';

main().catch((err: unknown) => {
  console.error('chaos failed:', err);
  process.exit(2);
});
