import { createRegistry } from '../../machines/definition.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '../../server/compose.js';
import { loginAs, type LoggedIn } from '../support/operators.js';
import { useStack } from '../support/stack.js';

const stack = useStack({ noWorker: true, trustProxy: true });
let admin: LoggedIn;
let app: ReturnType<typeof composeApp>;
beforeAll(async () => {
  admin = await loginAs(stack.app, stack.db, 'admin');
  // A console build of one page, served like the real one, to see the headers the console gets.
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-dist-'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><script type="module" src="/admin/a.js"></script>');
  app = composeApp(
    { ...stack.parts, services: stack.services },
    {
      registry: createRegistry([]),
      version: 'test',
      authenticate: (_req, _res, next) => next(),
      temporalOk: async () => true,
      adminDist: dist,
    },
  );
});

describe('security headers', () => {
  it('sends a CSP without inline scripts, frame-ancestors none, nosniff and frame denial', async () => {
    for (const url of ['/admin/', '/api/health']) {
      const res = await request(app).get(url);
      const csp = res.headers['content-security-policy'] as string;
      expect(csp, url).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('sends HSTS only over HTTPS', async () => {
    const res = await request(app).get('/api/health').set('X-Forwarded-Proto', 'https');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
  });
});

describe('Origin check on state-changing requests', () => {
  it('refuses a POST from another site even with a valid session and CSRF token, and changes nothing', async () => {
    const before = (await stack.db('operators')).length;
    const body = { email: 'evil@test.local', role: 'admin', password: 'x'.repeat(16) };
    const foreign = await admin.agent.post('/api/operators').set('Origin', 'https://evil.example').send(body);
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ error: 'origin_mismatch' });
    expect(foreign.body.message).toMatch(/another site/);
    const crossSite = await admin.agent.post('/api/operators').set('Sec-Fetch-Site', 'cross-site').send(body);
    expect(crossSite.status).toBe(403);
    expect((await stack.db('operators')).length).toBe(before);
  });

  it('lets the server’s own origin, and clients that send no Origin, through', async () => {
    const host = 'vinculo.test';
    const own = await admin.agent.post('/api/auth/logout').set('Host', host).set('Origin', `http://${host}`);
    expect(own.status).not.toBe(403);
    expect((await request(stack.app).get('/api/health').set('Origin', 'https://evil.example')).status).toBe(200);
  });
});
