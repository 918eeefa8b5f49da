import { tokenGenerate } from '@vonage/jwt';
import type { VonageConfig } from '../vonage.ts';

const VONAGE_DOMAINS = ['vonage.com', 'nexmo.com'];

/** Error for a transcript that cannot be read, with the HTTP status to return to the webhook. */
export class TranscriptError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/**
 * Only Vonage's own hosts (or VONAGE_API_HOST's) may be fetched with the application's token,
 * so a forged transcription_url cannot make the server send its credentials elsewhere.
 */
function checkHost(url: URL, config: VonageConfig): void {
  const domain = url.hostname.split('.').slice(-2).join('.');
  const configuredHost = config.apiHost ? new URL(config.apiHost).host : null;
  if (url.protocol === 'https:' && VONAGE_DOMAINS.includes(domain)) return;
  if (configuredHost && url.host === configuredHost) return;
  throw new TranscriptError(`transcription_url: host '${url.host}' is not a Vonage host`);
}

/** Downloads a Vonage voicemail transcription and joins its sentences into one text. */
export async function downloadTranscript(
  url: string,
  config: VonageConfig,
): Promise<string | null> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new TranscriptError(`transcription_url: '${url.slice(0, 100)}' is not a URL`);
  }
  checkHost(target, config);
  if (!config.applicationId || !config.privateKey) {
    throw new TranscriptError(
      'transcription download needs VONAGE_APPLICATION_ID and VONAGE_PRIVATE_KEY',
    );
  }
  const token = tokenGenerate(config.applicationId, config.privateKey);
  const response = await fetch(target, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(config.timeoutMs),
  });
  if (!response.ok) {
    throw new TranscriptError(`transcription download failed: ${response.status}`, 502);
  }

  const transcript = (await response.json()) as {
    channels?: { transcript?: { sentence?: string }[] }[];
  };
  const sentences = (transcript.channels ?? []).flatMap((channel) =>
    (channel.transcript ?? []).map((part) => part.sentence ?? ''),
  );
  const text = sentences.join(' ').trim();
  return text.length > 0 ? text : null;
}
