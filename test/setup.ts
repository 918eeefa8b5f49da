import { DefaultLogger, Runtime } from '@temporalio/worker';

// Test workers log their state changes at INFO; keep the test output to warnings and errors.
Runtime.install({ logger: new DefaultLogger('WARN') });
