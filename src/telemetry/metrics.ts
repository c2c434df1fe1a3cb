// The signals operations watches (docs/operations.md, "Telemetry"), as OpenTelemetry metrics. Built on
// @opentelemetry/api only: with no SDK registered (no APPLICATIONINSIGHTS_CONNECTION_STRING, tests) the
// global meter provider is a no-op and every call here costs a few property reads.
import { metrics, type Counter, type Histogram, type MeterProvider } from '@opentelemetry/api';

export const METER_NAME = 'hagukumi';

/** Metric names, as they appear in Application Insights' customMetrics table. */
export const METRIC = {
  requestDuration: 'hagukumi.http.request.duration',
  outboxLag: 'hagukumi.bot_outbox.lag',
  throttled: 'hagukumi.throttled_responses',
  jobFailures: 'hagukumi.job.failures',
  installRefused: 'hagukumi.bot_outbox.install_refused',
  outlookNotifications: 'hagukumi.outlook.notifications',
  outlookWatchLimit: 'hagukumi.outlook.unwatched_mailboxes',
  directoryPages: 'hagukumi.directory_sync.pages',
} as const;

/** Services that answer us with 429 (or 503 "busy") and Retry-After. */
export type ThrottlingService = 'graph' | 'graph-batch-item' | 'bot-connector';

export interface Telemetry {
  /**
   * One finished HTTP request. `route` is the route template (`/api/people/:personId`), `unmatched` or
   * `static`, never the concrete path: paths carry people's ids, and metric attributes are not redacted.
   */
  recordRequest(request: { method: string; route: string; status: number; durationMs: number }): void;
  /** How long a due bot message waited before a worker claimed it (seconds). */
  recordOutboxLag(seconds: number): void;
  /** A throttling answer that will be retried (by the Graph SDK, our batch loop or the outbox). */
  recordThrottle(service: ThrottlingService, status: number): void;
  /** A background job handler threw; pg-boss retries it or, past its retry limit, fails it. */
  recordJobFailure(queue: string): void;
  /** The organisation refused to install the app for a person (403): their 1:1 message failed for good. */
  recordInstallRefused(): void;
  /**
   * One Graph change or lifecycle notification received: `accepted` (handed to the queue) or why it was
   * refused (`unknown_subscription`, `client_state`, `tenant`).
   */
  recordOutlookNotification(kind: 'change' | 'lifecycle', outcome: string): void;
  /** Mailboxes that should be watched but are not, because the watch limit was reached (never silent). */
  recordUnwatchedMailboxes(count: number): void;
  /** One page of the directory's users delta read and staged, in a `full` or `delta` round. */
  recordDirectoryPage(mode: 'full' | 'delta'): void;
}

/** The counters, by key of METRIC, with what each counts. */
const COUNTER_DESCRIPTIONS = {
  throttled: 'Throttling answers (429, 503) from Microsoft Graph and the Bot Framework connector',
  jobFailures: 'Background job runs that threw (each retry counts)',
  installRefused: '1:1 bot messages given up because the organisation does not allow the app for the person',
  outlookNotifications: 'Graph change and lifecycle notifications received, by outcome',
  outlookWatchLimit:
    'Mailboxes left without a change-notification subscription because the limit was reached',
  directoryPages: 'Pages of the directory users delta read and staged, by round mode',
} as const satisfies Partial<Record<keyof typeof METRIC, string>>;

type CounterKey = keyof typeof COUNTER_DESCRIPTIONS;

interface Instruments extends Record<CounterKey, Counter> {
  provider: MeterProvider;
  requestDuration: Histogram;
  outboxLag: Histogram;
}

let instruments: Instruments | undefined;

/**
 * The API's metrics have no proxy: instruments taken from the no-op provider stay no-ops after an SDK
 * registers. So they are (re)made whenever the global provider changes — once in production, after
 * useAzureMonitor; in tests, after a test registers its in-memory provider.
 */
function current(): Instruments {
  const provider = metrics.getMeterProvider();
  if (instruments?.provider === provider) return instruments;
  const meter = provider.getMeter(METER_NAME);
  instruments = {
    provider,
    requestDuration: meter.createHistogram(METRIC.requestDuration, {
      description: 'Duration of HTTP requests served, by route template',
      unit: 'ms',
    }),
    outboxLag: meter.createHistogram(METRIC.outboxLag, {
      description: 'Time a due bot message waited before a worker claimed it',
      unit: 's',
    }),
    ...(Object.fromEntries(
      Object.entries(COUNTER_DESCRIPTIONS).map(([key, description]) => [
        key,
        meter.createCounter(METRIC[key as CounterKey], { description }),
      ]),
    ) as Record<CounterKey, Counter>),
  };
  return instruments;
}

export const telemetry: Telemetry = {
  recordRequest({ method, route, status, durationMs }) {
    current().requestDuration.record(durationMs, {
      'http.request.method': method,
      'http.route': route,
      'http.response.status_code': status,
    });
  },
  recordOutboxLag(seconds) {
    current().outboxLag.record(Math.max(0, seconds));
  },
  recordThrottle(service, status) {
    current().throttled.add(1, { service, 'http.response.status_code': status });
  },
  recordJobFailure(queue) {
    current().jobFailures.add(1, { queue });
  },
  recordInstallRefused() {
    current().installRefused.add(1);
  },
  recordOutlookNotification(kind, outcome) {
    current().outlookNotifications.add(1, { kind, outcome });
  },
  recordUnwatchedMailboxes(count) {
    current().outlookWatchLimit.add(count);
  },
  recordDirectoryPage(mode) {
    current().directoryPages.add(1, { mode });
  },
};
