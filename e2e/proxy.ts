import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * nginx in front of several Portico servers, configured by docs/deploy/nginx.conf — the
 * file the README tells people to use — with its upstream servers and port replaced, and
 * one header added so a test can see which instance answered (X-Portico-Upstream).
 */
export interface Proxy {
  baseURL: string;
  stop(): Promise<void>;
}

export const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => spawnSync(p, ["-v"]).status === 0) ?? null;

export function proxyConfig(template: string, upstreams: number[], port: number): string {
  const servers = upstreams.map((p) => `    server 127.0.0.1:${p};`).join("\n");
  const config = template
    .replace(/upstream portico \{[\s\S]*?keepalive/, (block) => block.replace(/( {4}server 127\.0\.0\.1:\d+;\n)+/, `${servers}\n`))
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
    .replace(/location \/ \{/, "location / {\n        add_header X-Portico-Upstream $upstream_addr always;");
  if (!config.includes(servers) || !config.includes(`listen 127.0.0.1:${port};`)) throw new Error("docs/deploy/nginx.conf no longer has the shape e2e/proxy.ts edits");
  return config;
}

export async function startProxy(upstreams: number[], port: number): Promise<Proxy> {
  if (!NGINX) throw new Error("nginx is not installed (apt-get install -y nginx; .ci/run does)");
  const prefix = mkdtempSync(path.join(tmpdir(), "portico-nginx-"));
  chmodSync(prefix, 0o755);
  for (const dir of ["body", "proxy", "fastcgi", "uwsgi", "scgi", "logs"]) mkdirSync(path.join(prefix, dir));
  writeFileSync(path.join(prefix, "portico.conf"), proxyConfig(readFileSync("docs/deploy/nginx.conf", "utf8"), upstreams, port));
  const asRoot = process.getuid?.() === 0;
  writeFileSync(
    path.join(prefix, "nginx.conf"),
    `${asRoot ? "user root;\n" : ""}worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path ${prefix}/body;
    proxy_temp_path ${prefix}/proxy;
    fastcgi_temp_path ${prefix}/fastcgi;
    uwsgi_temp_path ${prefix}/uwsgi;
    scgi_temp_path ${prefix}/scgi;
    include ${prefix}/portico.conf;
}
`,
  );
  const child: ChildProcess = spawn(NGINX, ["-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-g", "daemon off;"], { stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  child.stdout!.on("data", (c) => output.push(String(c)));
  child.stderr!.on("data", (c) => output.push(String(c)));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const baseURL = `http://localhost:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx stopped: ${output.join("")}${readFileSync(path.join(prefix, "logs/error.log"), "utf8")}`);
    const up = await fetch(`${baseURL}/login`, { redirect: "manual" }).then(
      (r) => r.status < 500,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer in 20 s: ${output.join("")}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseURL,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
