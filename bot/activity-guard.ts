// Which activities the bot takes at all. Bot Framework token validation (the Teams SDK) proves an
// activity came through the Bot Framework; it does not prove it came from *our* city's tenant, and the
// activity's serviceUrl is where the bot later sends its own token (replies, proactive messages from the
// stored conversation reference). So, before the SDK or our store sees an activity:
// - production: its tenant (channelData.tenant.id, and conversation.tenantId when Teams sends it) must
//   be ours, and its serviceUrl an https URL on one of the documented Bot Framework connector hosts;
// - local mode: the Agents Playground, whose fake tenant is nobody's, at a loopback serviceUrl only.

export interface ActivityPolicy {
  /** The only tenant whose activities are taken; undefined in local mode (the Playground's fake tenant). */
  tenantId: string | undefined;
  /** Host names (lower case, exact match) an activity's serviceUrl may name. */
  serviceUrlHosts: readonly string[];
  /** http serviceUrls: the Playground's connector at localhost only. */
  allowHttp: boolean;
}

/** Agents Playground runs on this machine and speaks http. */
export const LOCAL_ACTIVITY_POLICY: ActivityPolicy = {
  tenantId: undefined,
  serviceUrlHosts: ['localhost', '127.0.0.1', '::1'],
  allowHttp: true,
};

export function productionActivityPolicy(
  tenantId: string,
  serviceUrlHosts: readonly string[],
): ActivityPolicy {
  return {
    tenantId,
    serviceUrlHosts: serviceUrlHosts.map((host) => host.toLowerCase()),
    allowHttp: false,
  };
}

/** The fields of an activity the guard reads; all of them come from the request body. */
export interface GuardedActivity {
  serviceUrl?: unknown;
  channelData?: unknown;
  conversation?: unknown;
}

const stringAt = (value: unknown, ...keys: string[]): string | undefined => {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' && current !== '' ? current : undefined;
};

/** Every tenant id the activity names (Teams puts it in channelData, and often in the conversation). */
export function tenantsOf(activity: GuardedActivity): string[] {
  return [stringAt(activity.channelData, 'tenant', 'id'), stringAt(activity.conversation, 'tenantId')].filter(
    (tenant): tenant is string => tenant !== undefined,
  );
}

/** Why the activity is refused; undefined when the bot may take it. */
export function refusalOf(activity: GuardedActivity, policy: ActivityPolicy): string | undefined {
  const serviceUrl = typeof activity.serviceUrl === 'string' ? activity.serviceUrl : '';
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return 'the serviceUrl is not a URL';
  }
  const scheme = url.protocol;
  if (scheme !== 'https:' && !(policy.allowHttp && scheme === 'http:'))
    return `the serviceUrl is ${scheme.replace(/:$/, '')}, not https`;
  const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  // A user name or password in the URL would travel with every connector call; Microsoft never sends one.
  if (url.username !== '' || url.password !== '') return 'the serviceUrl carries credentials';
  if (!policy.serviceUrlHosts.includes(host))
    return `the serviceUrl host ${host} is not a Bot Framework connector host this service accepts`;
  if (policy.tenantId !== undefined) {
    const ours = policy.tenantId.toLowerCase();
    const tenants = tenantsOf(activity);
    if (tenants.length === 0) return 'the activity names no tenant';
    if (tenants.some((tenant) => tenant.toLowerCase() !== ours)) return 'the activity is from another tenant';
  }
  return undefined;
}
