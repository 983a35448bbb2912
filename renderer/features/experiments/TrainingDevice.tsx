import type { TrainingDeviceDto } from '../../../shared/api/runs-dto';
import './training-device.css';

const LABELS: Record<string, string> = {
  'tensorflow-gpu': 'TensorFlow GPU (CUDA)',
  tensorflow: 'TensorFlow CPU (native)',
  webgpu: 'WebGPU (Dawn)',
  wasm: 'TF.js WebAssembly',
  cpu: 'TF.js JavaScript',
  'wasm-kernel': 'Lathe WebAssembly kernel',
};
const label = (name: string) => LABELS[name] ?? name;

/** Which device trained a network run, and why each one before it in the chain was not used. */
export function TrainingDevice({ device }: { device: TrainingDeviceDto }) {
  const trainedOn = device.trainedOn ?? device.backend;
  return (
    <details className="training-device" data-testid="run-device">
      <summary>
        Trained on <strong>{label(trainedOn)}</strong>
        {device.tried.some((t) => !t.ok) && <span className="muted"> · {device.tried.filter((t) => !t.ok).length} skipped</span>}
      </summary>
      <ol>
        {device.tried.map((t) => (
          <li key={t.name} className={t.ok ? 'ok' : 'refused'} data-testid={`device-${t.name}`}>
            <span className="mono">{label(t.name)}</span>
            {t.ok ? (
              <span> — chosen{trainedOn !== t.name ? ' as the TF.js backend' : ''}</span>
            ) : (
              <span className="muted"> — skipped: {t.reason}</span>
            )}
          </li>
        ))}
        {device.trainedOn === 'wasm-kernel' && (
          <li className="ok" data-testid="device-wasm-kernel">
            <span className="mono">{label('wasm-kernel')}</span> <span>— trained the batches</span>
          </li>
        )}
        {device.kernelSkipped && (
          <li className="refused" data-testid="device-kernel-skipped">
            <span className="mono">{label('wasm-kernel')}</span> <span className="muted">— not used: the network has {device.kernelSkipped}</span>
          </li>
        )}
      </ol>
    </details>
  );
}
