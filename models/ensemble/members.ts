/** Which registered models can be ensembled: the same task, classes and input columns. */
import type { ModelArtifact } from '../train/types';
import { EnsembleError } from './types';

export interface CandidateMember {
  ref: string;
  /** The stored model: a tabular artifact, or something else that is refused by its kind. */
  artifact: { format?: unknown; family?: unknown; task?: unknown };
}

/** Each input column's kind as the member's pipeline reads it (numeric covers booleans). */
function inputKinds(a: ModelArtifact): Map<string, string> {
  return new Map(a.pipeline.steps.map((s) => [s.column, s.kind]));
}

const show = (v: unknown) => JSON.stringify(v);

/** The members as tabular artifacts, or an EnsembleError naming the first member that differs and how. */
export function checkMembers(members: CandidateMember[]): ModelArtifact[] {
  if (members.length < 2) throw new EnsembleError(`an ensemble needs at least two members (got ${members.length})`);
  const refs = new Set<string>();
  for (const m of members) {
    if (refs.has(m.ref)) throw new EnsembleError(`${m.ref} is listed twice`);
    refs.add(m.ref);
  }
  const artifacts = members.map((m) => {
    const a = m.artifact;
    if (a.task === 'forecast') throw new EnsembleError(`${m.ref} is a forecast model: only tabular regression and classification models ensemble`);
    if (a.task === 'recommend') throw new EnsembleError(`${m.ref} is a recommender: only tabular regression and classification models ensemble`);
    if (a.format === 'lathe-text-artifact') throw new EnsembleError(`${m.ref} is a text model (${String(a.family)}): only tabular models ensemble`);
    if (a.format === 'lathe-ensemble') throw new EnsembleError(`${m.ref} is itself an ensemble: list its members instead`);
    if (a.format !== 'lathe-model') throw new EnsembleError(`${m.ref} is not a tabular model`);
    const t = a as ModelArtifact;
    if (t.pipeline.steps.some((s) => s.kind === 'text')) throw new EnsembleError(`${m.ref} reads a text column: only models on numeric, date and categorical columns ensemble`);
    return t;
  });
  const [first, ...rest] = artifacts;
  const kinds0 = inputKinds(first);
  rest.forEach((a, i) => {
    const ref = members[i + 1].ref, ref0 = members[0].ref;
    if (a.task !== first.task) throw new EnsembleError(`${ref} is a ${a.task} model but ${ref0} is ${first.task}`);
    if (a.target !== first.target) throw new EnsembleError(`${ref} predicts ${show(a.target)} but ${ref0} predicts ${show(first.target)}`);
    if (show(a.classes) !== show(first.classes)) throw new EnsembleError(`${ref} has classes ${show(a.classes)} but ${ref0} has ${show(first.classes)}`);
    const missing = first.features.find((f) => !a.features.includes(f));
    if (missing !== undefined) throw new EnsembleError(`${ref} does not take input column ${show(missing)}, which ${ref0} takes`);
    const extra = a.features.find((f) => !first.features.includes(f));
    if (extra !== undefined) throw new EnsembleError(`${ref} takes input column ${show(extra)}, which ${ref0} does not`);
    for (const [column, kind] of inputKinds(a)) {
      const k0 = kinds0.get(column);
      if (k0 !== undefined && k0 !== kind) throw new EnsembleError(`${ref} reads input column ${show(column)} as ${kind} but ${ref0} reads it as ${k0}`);
    }
  });
  return artifacts;
}
