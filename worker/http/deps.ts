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
  /** Set: every /api request needs it as a bearer token (RINGBACK_API_TOKEN); unset: loopback only. */
  apiToken?: string;
  /** Base URL Vonage reaches this server at; default: from the request's Host header. */
  publicUrl?: string;
}
