import { describe, expect, it } from 'vitest';
import {
  LOCAL_ACTIVITY_POLICY,
  productionActivityPolicy,
  refusalOf,
  tenantsOf,
} from '../../../bot/activity-guard.ts';
import { DEFAULT_BOT_SERVICE_URL_HOSTS } from '../../../src/config.ts';

const TENANT = '11111111-2222-3333-4444-555555555555';
const policy = productionActivityPolicy(TENANT, DEFAULT_BOT_SERVICE_URL_HOSTS);
const ours = {
  serviceUrl: 'https://smba.trafficmanager.net/jp/',
  channelData: { tenant: { id: TENANT } },
  conversation: { id: 'a:1', tenantId: TENANT },
};

describe('the bot activity guard', () => {
  it('takes an activity from our tenant at a documented connector host', () => {
    expect(refusalOf(ours, policy)).toBeUndefined();
    expect(refusalOf({ ...ours, conversation: { id: 'a:1' } }, policy)).toBeUndefined();
    expect(refusalOf({ ...ours, channelData: undefined }, policy)).toBeUndefined();
  });

  it('refuses another tenant, a missing tenant, and a tenant that disagrees with itself', () => {
    const other = '99999999-8888-7777-6666-555555555555';
    expect(refusalOf({ ...ours, channelData: { tenant: { id: other } } }, policy)).toBe(
      'the activity is from another tenant',
    );
    expect(refusalOf({ ...ours, conversation: { id: 'a:1', tenantId: other } }, policy)).toBe(
      'the activity is from another tenant',
    );
    expect(refusalOf({ serviceUrl: ours.serviceUrl, channelData: { tenant: {} } }, policy)).toBe(
      'the activity names no tenant',
    );
    expect(refusalOf({ ...ours, channelData: { tenant: { id: 42 } }, conversation: {} }, policy)).toBe(
      'the activity names no tenant',
    );
  });

  it.each([
    ['not-a-url', 'the serviceUrl is not a URL'],
    ['http://smba.trafficmanager.net/jp/', 'the serviceUrl is http, not https'],
    ['ftp://smba.trafficmanager.net/jp/', 'the serviceUrl is ftp, not https'],
    ['https://a:b@smba.trafficmanager.net/jp/', 'the serviceUrl carries credentials'],
    [
      'https://smba.trafficmanager.net.evil.example/jp/',
      'the serviceUrl host smba.trafficmanager.net.evil.example is not a Bot Framework connector host this service accepts',
    ],
    [
      'https://evil.smba.trafficmanager.net/jp/',
      'the serviceUrl host evil.smba.trafficmanager.net is not a Bot Framework connector host this service accepts',
    ],
  ])('refuses the serviceUrl %s', (serviceUrl, reason) => {
    expect(refusalOf({ ...ours, serviceUrl }, policy)).toBe(reason);
  });

  it('takes every documented public-cloud host, in any case, with any region path', () => {
    for (const host of DEFAULT_BOT_SERVICE_URL_HOSTS) {
      expect(
        refusalOf({ ...ours, serviceUrl: `https://${host.toUpperCase()}/amer/` }, policy),
      ).toBeUndefined();
    }
  });

  it('in local mode, takes any tenant at a loopback serviceUrl only (http allowed)', () => {
    const playground = { ...ours, channelData: { tenant: { id: 'playground' } } };
    for (const serviceUrl of [
      'http://localhost:56150/_connector',
      'http://127.0.0.1:1/',
      'http://[::1]:2/',
    ]) {
      expect(refusalOf({ ...playground, serviceUrl }, LOCAL_ACTIVITY_POLICY)).toBeUndefined();
    }
    expect(refusalOf(playground, LOCAL_ACTIVITY_POLICY)).toMatch(/is not a Bot Framework connector host/);
  });

  it('reads the tenant from channelData and the conversation', () => {
    expect(tenantsOf(ours)).toEqual([TENANT, TENANT]);
    expect(tenantsOf({})).toEqual([]);
  });
});
