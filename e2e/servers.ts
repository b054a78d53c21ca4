import { type ChildProcess, spawn } from "node:child_process";

/**
 * Extra Portico servers for specs that need a configuration of their own (an IP allowlist,
 * SSO, changed authentication settings), so that no other spec sees it: scripts/e2e-server.ts
 * on a fresh database, serving the build the main e2e server made (E2E_SKIP_BUILD=1), in its
 * own process group. Specs call `test.afterAll(stopAllServers)`.
 */
export interface ExtraServer {
  port: number;
  baseURL: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

const running = new Set<ExtraServer>();

export function launchServer(port: number, env: Record<string, string>): ExtraServer {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/e2e-server.ts"], {
    env: { ...process.env, ...env, E2E_PORT: String(port), E2E_SKIP_BUILD: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const server: ExtraServer = {
    port,
    baseURL: `http://localhost:${port}`,
    child,
    output: [],
    exited: new Promise((r) => child.once("exit", (code) => r(code))),
  };
  child.stdout!.on("data", (c) => server.output.push(String(c)));
  child.stderr!.on("data", (c) => server.output.push(String(c)));
  running.add(server);
  return server;
}

export async function serverReady(server: ExtraServer): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!server.output.join("").includes("e2e server ready on")) {
    if (server.child.exitCode !== null) throw new Error(`server exited before it was ready:\n${server.output.join("")}`);
    if (Date.now() > deadline) throw new Error(`server not ready in 120 s:\n${server.output.join("")}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits for a server that is expected to stop by itself (a start-up refusal); its exit code. */
export async function serverExit(server: ExtraServer): Promise<number | null> {
  const code = await server.exited;
  running.delete(server);
  return code;
}

export async function stopServer(server: ExtraServer): Promise<void> {
  running.delete(server);
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill("SIGTERM");
    const stopped = await Promise.race([server.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 30_000))]);
    if (!stopped) {
      try {
        process.kill(-server.child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
}

export async function stopAllServers(): Promise<void> {
  for (const server of [...running]) await stopServer(server);
}

process.once("exit", () => {
  for (const server of running) {
    try {
      process.kill(-server.child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  }
});
