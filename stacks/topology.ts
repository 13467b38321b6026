import { defineTopology } from './lib/topology';

/**
 * Who runs what, where. Example account IDs: replace them with your organization's.
 * Adding a service: `npx nx g @platform/nx-plugin:service <name> --team <team>` adds its entry here.
 */
export const topology = defineTopology({
  organization: 'acme',
  repository: 'acme/platform',
  environments: ['dev', 'staging', 'prod'],
  defaultRegion: 'eu-west-1',
  accounts: {
    'commerce-dev': { id: '111111111111' },
    'commerce-staging': { id: '222222222222' },
    'commerce-prod': { id: '333333333333' },
    'insights-dev': { id: '444444444444' },
    'insights-staging': { id: '555555555555' },
    'insights-prod': { id: '666666666666' },
  },
  teams: {
    commerce: {
      accounts: { dev: 'commerce-dev', staging: 'commerce-staging', prod: 'commerce-prod' },
      alerts: [{ protocol: 'email', endpoint: 'commerce-oncall@acme.example' }],
    },
    insights: {
      accounts: { dev: 'insights-dev', staging: 'insights-staging', prod: 'insights-prod' },
      alerts: [
        { protocol: 'email', endpoint: 'insights-oncall@acme.example' },
        { protocol: 'https', endpoint: 'https://alerts.acme.example/sns/insights' },
      ],
    },
  },
  services: {
    // Each accepted order is an event other teams' services may consume (README "Across accounts").
    orders: { team: 'commerce', publishes: ['order.accepted'] },
    // Counts every accepted order into the day's sales (record-sale), across the two teams' accounts.
    reports: { team: 'insights', consumes: ['orders/order.accepted'] },
  },
});
