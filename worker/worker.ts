import { Worker, type NativeConnection } from '@temporalio/worker';
import { join } from 'node:path';
import { createActivities, type ActivityDeps } from './activities/index.ts';
import { repoRoot } from './settings.ts';

export const WORKFLOWS_PATH = join(repoRoot, 'workflows', 'index.ts');

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
}

/** Creates the worker that runs conversation and dispatch workflows and their activities. */
export async function createWorker(options: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    activities: createActivities(options.deps),
    bundlerOptions: { ignoreModules: [] },
  });
}
