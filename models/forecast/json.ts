import type { FamilyName, ModelJson } from './types';

/** Narrows an artifact to one family's JSON, refusing another family's or a newer version. */
export function expectFamily<J extends ModelJson>(json: ModelJson, family: FamilyName): J {
  if (json.family !== family) throw new Error(`expected a ${family} forecast model, got ${json.family}`);
  if (json.version !== 1) throw new Error(`${family} forecast model version ${json.version} is newer than this build reads`);
  return json as J;
}
