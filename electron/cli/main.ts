import { Command, CommanderError } from 'commander';
import { APP_VERSION } from '../host/version';
import { makeOutput } from './output';
import { registerServe } from './commands/serve';
import { registerInfo } from './commands/info';
import { registerJobs } from './commands/jobs';
import { registerCheck } from './commands/check';
import { registerDatasets } from './commands/datasets';
import { registerRuns } from './commands/runs';
import { registerCompare } from './commands/compare';
import { registerSweep } from './commands/sweep';
import { registerRegistry } from './commands/registry';
import { registerExport } from './commands/export';
import { registerPredict } from './commands/predict';
import { registerForecast } from './commands/forecast';
import { registerSentiment } from './commands/sentiment';
import { registerEntities } from './commands/entities';
import { registerRecommend } from './commands/recommend';
import { registerDrift } from './commands/drift';
import { registerEnsemble } from './commands/ensemble';
import { registerServeModel } from './commands/serve-model';
import { registerDeploymentsReplay } from './commands/deployments-replay';
import { registerDeployments } from './commands/deployments';
import { registerOutcomes } from './commands/outcomes';
import { registerAutomation } from './commands/automation';

/** Options every command inherits. */
export interface GlobalOptions {
  home?: string;
  json?: boolean;
}

// A reader that stops early (`lathe runs --json | head -1`) closes our stdout, and the next write fails with
// EPIPE. That is the reader's choice, not a failure: drop the rest of the output and let the command finish
// and close the database as usual, instead of dying on an unhandled 'error' event with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  });
}

const program = new Command();
program
  .name('lathe')
  .description('Lathe: a local-first ML workbench. Every action of the app, from the command line.')
  .version(APP_VERSION)
  .option('--home <dir>', 'data folder (default: $LATHE_HOME, else the OS data folder)')
  .option('--json', 'machine-readable JSON output')
  .showHelpAfterError('(run `lathe --help` for usage)')
  .exitOverride();

registerServe(program);
registerInfo(program);
registerJobs(program);
registerCheck(program);
registerDatasets(program);
registerRuns(program);
registerCompare(program);
registerSweep(program);
registerRegistry(program);
registerExport(program);
registerPredict(program);
registerForecast(program);
registerSentiment(program);
registerEntities(program);
registerRecommend(program);
registerDrift(program);
registerEnsemble(program);
registerServeModel(program);
registerDeployments(program);
registerDeploymentsReplay(program);
registerOutcomes(program);
registerAutomation(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version end here with code 0; usage errors have already been printed.
    process.exit(err.exitCode);
  }
  makeOutput(Boolean(program.opts<GlobalOptions>().json)).fail(err);
}
