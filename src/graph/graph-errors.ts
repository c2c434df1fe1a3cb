// Graph and OData errors, mapped in one place.

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(`Graph ${status} ${code}: ${message}`);
    this.name = 'GraphError';
  }

  get isThrottled(): boolean {
    return this.status === 429 || this.status === 503 || this.status === 504;
  }
}

interface ODataErrorBody {
  error?: { code?: unknown; message?: unknown; innerError?: { 'request-id'?: unknown } };
}

export function retryAfterOf(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

export function toGraphError(
  status: number,
  body: unknown,
  headers: { get(name: string): string | null | undefined },
): GraphError {
  const error = (body as ODataErrorBody | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : `Http${status}`;
  const message = typeof error?.message === 'string' ? error.message : 'Graph request failed';
  const requestId =
    typeof error?.innerError?.['request-id'] === 'string'
      ? error.innerError['request-id']
      : (headers.get('request-id') ?? undefined);
  return new GraphError(status, code, message, requestId, retryAfterOf(headers.get('retry-after')));
}
