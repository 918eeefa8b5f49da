import { Command, InvalidArgumentError } from 'commander';
import { registerRulesCommands } from './cli-rules.ts';
import { registerHistoryCommands } from './cli-history.ts';
import { logger } from './logger.ts';
import {
  closeOnSignals,
  openRuntime,
  portFromEnv,
  runEverything,
  runServer,
  runWorker,
} from './runtime.ts';
import { runSimulator } from './simulate.ts';
import { temporalSettings } from './temporal.ts';

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0 || parsed > 65535) {
    throw new InvalidArgumentError(`'${value}' is not a TCP port`);
  }
  return parsed;
}

// A reader that closes early, such as `ringback rules classify FILE | head`, is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const defaultPort = process.env.PORT ?? '8080';
const httpPort = (options: { port?: number }) => options.port ?? portFromEnv('PORT', 8080);
const program = new Command('ringback')
  .description('Missed-call text-back for plumbing businesses')
  .showHelpAfterError();

program
  .command('start')
  .description(
    'run the Temporal dev server (unless TEMPORAL_ADDRESS is set), the worker and the HTTP server',
  )
  .option('-p, --port <port>', 'HTTP port (default: PORT, else 8080)', port)
  .action(async (options: { port?: number }) => runEverything(httpPort(options)));

program
  .command('worker')
  .description('run the worker alone, against TEMPORAL_ADDRESS')
  .action(async () => {
    const runtime = openRuntime();
    const temporal = temporalSettings();
    const worker = await runWorker(runtime, temporal);
    closeOnSignals([async () => worker.shutdown()]);
    logger.info({ address: temporal.address, taskQueue: temporal.taskQueue }, 'worker polling');
    await worker.run();
  });

program
  .command('server')
  .description('run the HTTP server alone, against TEMPORAL_ADDRESS')
  .option('-p, --port <port>', 'HTTP port (default: PORT, else 8080)', port)
  .action(async (options: { port?: number }) => {
    const runtime = openRuntime();
    const listenPort = httpPort(options);
    const app = await runServer(runtime, temporalSettings(), listenPort);
    closeOnSignals([async () => runtime.ledger.close(), () => app.close()]);
    logger.info({ url: `http://127.0.0.1:${listenPort}` }, 'http server listening');
  });

program
  .command('simulate')
  .description('play a caller in the terminal: place a missed call, see the texts, type replies')
  .option('-u, --url <url>', 'the running instance', `http://127.0.0.1:${defaultPort}`)
  .option('-f, --from <phone>', "the caller's phone number", '+13125550987')
  .option('--voicemail <text>', 'leave this voicemail with the missed call')
  .option('--no-call', 'text the business without placing a missed call first')
  .action(runSimulator);

registerRulesCommands(program);
registerHistoryCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // A busy port, invalid settings or an unreachable Temporal is one clear line, not a stack.
  logger.debug({ err: error }, 'command failed');
  process.stderr.write(`ringback: ${(error as Error).message}\n`);
  process.exit(1);
}
