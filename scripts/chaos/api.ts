// HTTP as the console (session cookie and CSRF header) and the portal (no session) use it, with
// a retry through every outage a fault causes: refused connections, 502-504, a 500 mid-restart.
import { sleep } from './stack.js';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

type Body = unknown;

export class Api {
  private cookies = '';
  private csrf = '';
  /** Requests sent again after a fault answered for them. */
  retries = 0;
  /** When each portal request still waiting for its answer was sent, by a number of its own. */
  private readonly portalSent = new Map<number, number>();
  private portalRequests = 0;

  /** A portal request has been in flight for at least `ms` (the server has it in hand). */
  portalInFlight(ms: number): boolean {
    const before = Date.now() - ms;
    for (const sent of this.portalSent.values()) if (sent <= before) return true;
    return false;
  }

  constructor(readonly baseUrl: string) {}

  async call(method: string, url: string, body?: Body, headers: Record<string, string> = {}): Promise<Answer> {
    if (!url.startsWith('/portal/')) return this.send(method, url, body, headers);
    const request = (this.portalRequests += 1);
    this.portalSent.set(request, Date.now());
    try {
      return await this.send(method, url, body, headers);
    } finally {
      this.portalSent.delete(request);
    }
  }

  private async send(method: string, url: string, body: Body, headers: Record<string, string>): Promise<Answer> {
    const form = body instanceof FormData;
    const res = await fetch(this.baseUrl + url, {
      method,
      headers: {
        ...(body === undefined || form ? {} : { 'Content-Type': 'application/json' }),
        ...(this.cookies && !url.startsWith('/portal/') ? { Cookie: this.cookies, 'X-CSRF-Token': this.csrf } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { text };
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /** Calls until the answer is not an outage; a request the server may have half-done is sent again as it was. */
  async persist(method: string, url: string, body?: Body, headers?: Record<string, string>): Promise<Answer> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const res = await this.call(method, url, body, headers);
        if (res.status < 500) return res;
      } catch {
        // the server is down or was killed mid-request: the same request again
      }
      this.retries += 1;
      if (attempt > 200) throw new Error(`${method} ${url} kept failing`);
      await sleep(Math.min(250 * 2 ** Math.min(attempt, 4), 3000));
    }
  }

  /** A change that must succeed: retried through outages, any other refusal is a failure of the run. */
  async ok(method: string, url: string, body?: Body, headers?: Record<string, string>): Promise<Answer> {
    const res = await this.persist(method, url, body, headers);
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }

  async login(email: string, password: string) {
    const res = await this.ok('POST', '/api/auth/login', { email, password });
    const set = res.headers.getSetCookie();
    this.cookies = set.map((c) => c.split(';')[0]).join('; ');
    this.csrf = decodeURIComponent(
      set
        .find((c) => c.startsWith('vinculo_csrf='))
        ?.split(';')[0]
        ?.split('=')[1] ?? '',
    );
  }
}
