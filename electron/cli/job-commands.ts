import type { JobKind } from '../../shared/api/jobs';

/** Commands that run a job, with the job kind whose modules a worker started ahead loads meanwhile. */
const JOB_COMMANDS: Record<string, JobKind> = {
  import: 'datasets.import',
  profile: 'datasets.profile',
  train: 'runs.train',
  sweep: 'runs.train',
  compare: 'runs.compare',
  forecast: 'forecast.train',
  predict: 'models.predict',
  export: 'models.export',
  ensemble: 'models.ensemble',
  sentiment: 'text.sentiment',
  entities: 'text.entities',
  check: 'system.machineCheck',
};

/** The command word of `lathe [--home DIR] [--json] COMMAND …`. */
export function commandOf(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--home') i++;
    else if (!a.startsWith('-')) return a;
  }
  return null;
}

/** The job kind to start a worker for ahead of `lathe ARGV`, or undefined (no job, or only help). */
export function standbyKind(argv: readonly string[]): JobKind | undefined {
  const command = commandOf(argv);
  if (command === null || argv.includes('--help') || argv.includes('-h')) return undefined;
  return Object.hasOwn(JOB_COMMANDS, command) ? JOB_COMMANDS[command] : undefined;
}
