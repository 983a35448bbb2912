/**
 * One case of bench/nn trained for two timed epochs on a named TF.js backend, for a CPU profile:
 *   node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/nn/profile.ts mlp wasm [tfjs]
 * then `node bench/nn/profile-summary.mjs DIR/*.cpuprofile` lists where the time went.
 */
import { selectBackend, type BackendName } from '../../models/mlp/backend';
import { CASES } from './cases';
import { timeLathe } from './lathe';

const [name = 'mlp', backend = 'wasm'] = process.argv.slice(2);
await selectBackend([backend as BackendName]);
const c = CASES.find((k) => k.name === name);
if (!c) throw new Error(`no case named ${name}`);
console.log(await timeLathe({ ...c, epochs: 2 }, c.data(), 1, process.argv[4] === 'tfjs' ? 'tfjs' : 'auto'));
