/** The deployment files an ONNX bundle carries beside server.mjs: package.json, a Dockerfile and a systemd unit. */

/** onnxruntime-node at the version the bundle was exported and checked with. */
export function serverPackageJson(model: string, ortVersion: string): string {
  const name = `lathe-model-${model.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'model'}`;
  return JSON.stringify({ name, private: true, type: 'module', scripts: { start: 'node server.mjs --model-dir .' }, engines: { node: '>=20' }, dependencies: { 'onnxruntime-node': ortVersion } }, null, 2) + '\n';
}

export function dockerfile(): string {
  return `# The model server in a container: docker build -t lathe-model . && docker run -p 8080:8080 -e LATHE_SERVE_TOKEN=... lathe-model
FROM node:22-slim
WORKDIR /model
COPY . .
RUN npm install --omit=dev --no-audit --no-fund && mkdir -p /var/log/lathe-model && chown node /var/log/lathe-model
USER node
EXPOSE 8080
# SIGTERM drains requests in flight and flushes the logs before exiting.
STOPSIGNAL SIGTERM
CMD ["node", "server.mjs", "--model-dir", ".", "--host", "0.0.0.0", "--port", "8080", "--logs", "/var/log/lathe-model"]
`;
}

export function systemdUnit(label: string): string {
  return `# The model server as a systemd service. Copy the bundle to /opt/lathe-model, run npm install there, then:
#   sudo cp lathe-model.service /etc/systemd/system/ && sudo systemctl enable --now lathe-model
[Unit]
Description=Lathe model server (${label})
After=network-online.target
Wants=network-online.target

[Service]
WorkingDirectory=/opt/lathe-model
ExecStart=/usr/bin/env node server.mjs --model-dir . --host 127.0.0.1 --port 8080 --logs /var/log/lathe-model
# Set a token (or an EnvironmentFile) before exposing the port beyond this machine.
Environment=LATHE_SERVE_TOKEN=
LogsDirectory=lathe-model
DynamicUser=yes
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
Restart=on-failure
KillSignal=SIGTERM
TimeoutStopSec=20

[Install]
WantedBy=multi-user.target
`;
}
