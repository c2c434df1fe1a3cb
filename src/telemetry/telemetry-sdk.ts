// Starts the OpenTelemetry SDK that exports to Azure Monitor (Application Insights), or nothing.
// Microsoft Learn, "Azure Monitor OpenTelemetry for JavaScript" (the @azure/monitor-opentelemetry
// readme): useAzureMonitor must run before the instrumented libraries are imported, and an ESM
// application needs the package's loader hook registered first. main.ts calls this after the
// configuration is valid and before it imports server.ts (express, node:http, pg, pg-boss).

/** What the composition root keeps of a started SDK: a flush on shutdown. */
export interface TelemetrySdk {
  /** Exports what is buffered and stops the exporters. */
  shutdown(): Promise<void>;
}

interface AzureMonitorDistro {
  useAzureMonitor(options: { azureMonitorExporterOptions: { connectionString: string } }): void;
  shutdownAzureMonitor(): Promise<void>;
}

export interface StartTelemetryOptions {
  /** Loads the distro (and its ESM loader hook); tests replace it to see whether it is loaded at all. */
  load?: () => Promise<AzureMonitorDistro>;
}

const loadDistro = async (): Promise<AzureMonitorDistro> => {
  // The hook must be registered before the distro enables its instrumentations, so it is loaded first.
  await import('@azure/monitor-opentelemetry/loader');
  return import('@azure/monitor-opentelemetry');
};

/**
 * Without a connection string nothing is loaded: no SDK, no exporter, no network, and the metrics in
 * metrics.ts stay no-ops. With one, traces (HTTP, PostgreSQL) and our metrics go to Application Insights.
 */
export async function startTelemetry(
  connectionString: string | undefined,
  options: StartTelemetryOptions = {},
): Promise<TelemetrySdk | undefined> {
  if (connectionString === undefined) return undefined;
  const distro = await (options.load ?? loadDistro)();
  distro.useAzureMonitor({ azureMonitorExporterOptions: { connectionString } });
  let stopped: Promise<void> | undefined;
  return {
    shutdown: () => (stopped ??= distro.shutdownAzureMonitor()),
  };
}
