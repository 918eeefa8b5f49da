import type { Logger } from 'pino';
import type { ConversationGateway } from '../conversations.ts';
import type { Ledger } from '../ledger.ts';
import type { BusinessSettings } from '../settings.ts';
import type { VonageConfig } from '../vonage.ts';
import type { Metrics } from './metrics.ts';

export interface ServerDeps {
  settings: BusinessSettings;
  ledger: Ledger;
  conversations: ConversationGateway;
  logger: Logger;
  metrics: Metrics;
  /** Set: every Vonage webhook must carry a valid signature (VONAGE_SIGNATURE_SECRET). */
  signatureSecret?: string;
  /** Used to fetch voicemail transcriptions; null without Vonage credentials. */
  vonage: VonageConfig | null;
  /** Bearer token every /api request needs (RINGBACK_API_TOKEN); unset, only loopback clients. */
  apiToken?: string;
  /** Base URL Vonage reaches this server at; default: from the request's Host header. */
  publicUrl?: string;
}
