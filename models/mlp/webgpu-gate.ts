/**
 * A check the host installs before any backend is chosen: why WebGPU cannot start on this machine, or null.
 * The engine reads no files, so it cannot look for a Vulkan loader itself; without a gate Dawn is simply asked.
 */
let gate: () => string | null = () => null;

export function setWebGpuGate(check: () => string | null): void {
  gate = check;
}

export function webGpuGateRefusal(): string | null {
  return gate();
}
