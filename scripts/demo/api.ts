// A small HTTP client for the demo: speaks to the API like the console does (session cookie
// plus the X-CSRF-Token header on changes) and fails with the API's own message.

export interface Credentials {
  email: string;
  password: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    const message = (body as { message?: unknown } | null)?.message;
    super(`${what} answered ${status}${typeof message === 'string' ? `: ${message}` : ''}`);
  }
}

export class DemoApi {
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  /** Logs in; the session and CSRF cookies are kept for the following calls. */
  async login(credentials: Credentials): Promise<{ role: string }> {
    return (await this.call('POST', '/api/auth/login', credentials)) as { role: string };
  }

  get<T>(path: string): Promise<T> {
    return this.call('GET', path) as Promise<T>;
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.call('POST', path, body) as Promise<T>;
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.call('PUT', path, body) as Promise<T>;
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get('vinculo_csrf');
    if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = decodeURIComponent(csrf);
    const res = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const text = await res.text();
    const parsed: unknown = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    if (!res.ok) throw new ApiError(res.status, parsed, `${method} ${path}`);
    return parsed;
  }
}

/** A react-admin list query string: `?filter={…}&sort=[…]`. */
export const listQuery = (filter: Record<string, unknown>, sort: [string, 'ASC' | 'DESC'] = ['createdAt', 'DESC']) =>
  `?filter=${encodeURIComponent(JSON.stringify(filter))}&sort=${encodeURIComponent(JSON.stringify(sort))}`;
