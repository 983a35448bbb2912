import { useMemo } from 'react';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { summarizeNetwork, type NetworkSpec } from '../../../shared/nn/index';
import { NetworkSummaryTable } from './NetworkSummaryTable';
import './nn.css';

/**
 * The network a run trained, as built (the data's input width, the task's head), layer by layer. Runs
 * whose network is not in their tabular report (a recommender's) pass it, with what its preset is made of.
 */
export function ArchitectureTab({ run, network: given, preset }: { run: RunDetailDto; network?: NetworkSpec | null; preset?: string }) {
  const network = given ?? run.report?.network;
  const summary = useMemo(() => (network ? summarizeNetwork(network) : null), [network]);
  if (!summary) return <p className="muted">No network for this run.</p>;
  const custom = typeof run.params.arch === 'string' && run.params.arch.trim() !== '';
  return (
    <div data-testid="run-architecture">
      <p className="muted small-note">
        {custom ? 'A custom network' : (preset ?? (run.family === 'textnet' ? 'The textnet preset of its embedding size, hidden units and dropout' : 'The preset of its hidden layers and dropout'))}, trained on the {run.backend ?? 'unknown'} backend.
      </p>
      <NetworkSummaryTable summary={summary} testId="run-arch-summary" />
    </div>
  );
}
