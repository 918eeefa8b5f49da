import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ringback_' });
  return {
    registry,
    missedCalls: new Counter({
      name: 'ringback_missed_calls_total',
      help: 'Missed calls handed to conversations, by source',
      labelNames: ['source'],
      registers: [registry],
    }),
    inboundMessages: new Counter({
      name: 'ringback_inbound_messages_total',
      help: 'Customer texts received',
      registers: [registry],
    }),
    rejectedWebhooks: new Counter({
      name: 'ringback_rejected_webhooks_total',
      help: 'Requests rejected, by reason',
      labelNames: ['route', 'reason'],
      registers: [registry],
    }),
    handoffFailures: new Counter({
      name: 'ringback_handoff_failures_total',
      help: 'Calls or texts that could not reach Temporal',
      registers: [registry],
    }),
    requestSeconds: new Histogram({
      name: 'ringback_http_request_seconds',
      help: 'HTTP request duration',
      labelNames: ['route', 'status'],
      registers: [registry],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
