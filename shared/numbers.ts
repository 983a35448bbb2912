/**
 * The shortest decimal text that reads back as the same float32: onnxruntime and TF.js answer in
 * float32, whose exact decimal expansion (0.30000001192092896) is noise to the reader. Values
 * that are not float32 (a double computed in JavaScript) keep their own shortest round trip.
 */
export function float32Text(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const f = Math.fround(v);
  if (f !== v) return String(v);
  // Nine significant digits always round-trip a float32; most values need far fewer.
  for (let p = 1; p < 9; p++) {
    const s = Number(v.toPrecision(p));
    if (Math.fround(s) === f) return String(s);
  }
  return String(Number(v.toPrecision(9)));
}
