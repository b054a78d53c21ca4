import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type APIRequestContext, type APIResponse } from "@playwright/test";
import { eq, inArray, like } from "drizzle-orm";
import { connectPostgres } from "../db/connect";
import { groups, outboxMessages } from "../db/schema";
import { adminUrl, databaseUrl } from "../db/testing/postgres";
import { startTestS3Server, type TestS3Server } from "../lib/storage/testing/s3-server";
import { png } from "./files";
import { expect, signInOverHttp, test } from "./fixtures";
import { type Proxy, NGINX, startProxy } from "./proxy";
import { type ExtraServer, launchServer, serverReady, stopAllServers } from "./servers";

/**
 * Deploying beyond one machine (README): two Portico servers on one PostgreSQL database and
 * one S3 bucket, behind nginx configured by docs/deploy/nginx.conf, round robin. Whatever
 * instance answers, a session holds, the sign-in limit counts every failure (M4), a file
 * stored through one is served by the other, and queued mail is sent once (the outbox's
 * leases). On PostgreSQL only (PGlite is one process's database); desktop project only.
 */
const MAIN_PORT = Number(process.env.E2E_PORT || 3100);
const PORT_A = MAIN_PORT + 43;
const PORT_B = MAIN_PORT + 44;
const PROXY_PORT = MAIN_PORT + 45;
const OWEN = "owen.price@northmoor.example";
const TARA = "tara.adams@northmoor.example";
const SAM = "sam.mensah@northmoor.example"; // a section manager: may upload images (C6)

test.describe.configure({ mode: "serial", timeout: 240_000 });
test.skip(!process.env.DATABASE_URL, "two instances share one PostgreSQL database; the embedded PGlite belongs to one process");
test.skip(!NGINX && !process.env.CI, "nginx is not installed here (apt-get install -y nginx; .ci/run installs it)");

/** Stands in for Resend's API (RESEND_BASE_URL): records every e-mail it is asked to send. */
interface FakeResend {
  url: string;
  sent: { idempotencyKey: string; to: string; subject: string }[];
  close(): Promise<void>;
}

async function startFakeResend(): Promise<FakeResend> {
  const sent: FakeResend["sent"] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += String(c)));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/emails") {
        res.writeHead(404).end();
        return;
      }
      const mail = JSON.parse(body) as { to: string | string[]; subject: string };
      sent.push({ idempotencyKey: String(req.headers["idempotency-key"] ?? ""), to: String(mail.to), subject: mail.subject });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `fake-${sent.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent, close: () => new Promise((r) => server.close(() => r())) };
}

const upstreamOf = (response: APIResponse) => response.headers()["x-portico-upstream"] ?? "";
const portOf = (upstream: string) => Number(upstream.split(":").pop());

let database: { url: string; name: string } | null = null;
let s3: TestS3Server | null = null;
let resend: FakeResend | null = null;
let proxy: Proxy | null = null;
const instances: ExtraServer[] = [];

test.beforeAll(async ({}, testInfo) => {
  // Skipped here, in the hook, so the phone project starts no servers of its own on the same ports.
  test.skip(testInfo.project.use.isMobile === true, "server behaviour: checked once, by the desktop project");
  test.setTimeout(300_000);
  const server = process.env.DATABASE_URL!;
  const name = `portico_two_${Date.now().toString(36)}_${process.pid}`;
  const admin = connectPostgres(adminUrl(server), { max: 1 });
  await admin.db.execute(`create database "${name}"`);
  await admin.close();
  database = { url: databaseUrl(server, name), name };
  s3 = await startTestS3Server("portico-two-instances");
  resend = await startFakeResend();
  const env = {
    DATABASE_URL: database.url,
    E2E_SHARED_DATABASE: "1",
    E2E_PUBLIC_URL: `http://localhost:${PROXY_PORT}`,
    PORTICO_TRUSTED_PROXIES: "127.0.0.1, ::1",
    PORTICO_S3_BUCKET: s3.settings.bucket,
    PORTICO_S3_ENDPOINT: s3.settings.endpoint!,
    PORTICO_S3_REGION: s3.settings.region,
    PORTICO_S3_ACCESS_KEY_ID: s3.settings.credentials!.accessKeyId,
    PORTICO_S3_SECRET_ACCESS_KEY: s3.settings.credentials!.secretAccessKey,
    PORTICO_S3_FORCE_PATH_STYLE: "true",
    RESEND_API_KEY: "re_test_two_instances",
    RESEND_BASE_URL: resend.url,
  };
  // One after the other: the first migrates and loads the demo organisation, the second finds it there.
  for (const port of [PORT_A, PORT_B]) {
    const instance = launchServer(port, env);
    instances.push(instance);
    await serverReady(instance);
  }
  proxy = await startProxy([PORT_A, PORT_B], PROXY_PORT);
});

test.afterAll(async () => {
  await proxy?.stop();
  await stopAllServers();
  await s3?.stop();
  await resend?.close();
  if (database) {
    const admin = connectPostgres(adminUrl(process.env.DATABASE_URL!), { max: 1 });
    await admin.db.execute(`drop database if exists "${database.name}" with (force)`);
    await admin.close();
  }
});

async function through(playwright: { request: { newContext(o: { baseURL: string }): Promise<APIRequestContext> } }, baseURL = proxy!.baseURL) {
  return playwright.request.newContext({ baseURL });
}

test("round robin: a session begun on one instance holds on both, through the proxy and on each directly", async ({ playwright }) => {
  const request = await through(playwright);
  try {
    expect((await signInOverHttp(request, OWEN)).ok).toBe(true);
    const answeredBy = new Set<number>();
    // Round robin takes turns per request, pages and API calls alike.
    for (let i = 0; i < 3; i++) {
      const page = await request.get("/", { maxRedirects: 0 });
      expect(page.status(), "the home page, signed in").toBe(200);
      answeredBy.add(portOf(upstreamOf(page)));
      const answer = await request.get("/api/auth/session");
      answeredBy.add(portOf(upstreamOf(answer)));
      expect(((await answer.json()) as { user?: { email?: string } } | null)?.user?.email).toBe(OWEN);
    }
    expect([...answeredBy].sort((a, b) => a - b)).toEqual([PORT_A, PORT_B]);
    // The same cookie, straight to each instance (cookies do not depend on the port).
    for (const port of [PORT_A, PORT_B]) {
      const direct = await request.get(`http://localhost:${port}/api/auth/session`);
      expect(((await direct.json()) as { user?: { email?: string } }).user?.email, `instance ${port}`).toBe(OWEN);
    }
  } finally {
    await request.dispose();
  }
});

test("M4: failed sign-ins on either instance count towards one limit", async ({ playwright }) => {
  // Five wrong passwords, taking turns between the instances.
  for (let i = 0; i < 5; i++) {
    const request = await through(playwright, `http://localhost:${i % 2 ? PORT_B : PORT_A}`);
    expect((await signInOverHttp(request, TARA, `wrong-password-${i}`)).ok).toBe(false);
    await request.dispose();
  }
  // Now the right password is refused too, by each instance alike.
  for (const port of [PORT_A, PORT_B]) {
    const request = await through(playwright, `http://localhost:${port}`);
    const attempt = await signInOverHttp(request, TARA);
    expect(attempt, `instance ${port}`).toEqual({ ok: false, code: expect.stringMatching(/rate|limit|many/i) });
    await request.dispose();
  }
});

test("a file stored through one instance is served by the other (one bucket)", async ({ playwright }) => {
  const request = await through(playwright);
  try {
    expect((await signInOverHttp(request, SAM)).ok).toBe(true);
    const image = png(40, 20);
    const upload = await request.post("/api/uploads", { headers: { origin: proxy!.baseURL }, multipart: { file: { name: "crossing.png", mimeType: "image/png", buffer: image } } });
    expect(upload.status(), await upload.text()).toBe(201);
    const stored = portOf(upstreamOf(upload));
    const { data } = (await upload.json()) as { data: { src: string } };
    const other = stored === PORT_A ? PORT_B : PORT_A;
    const download = await request.get(`http://localhost:${other}${data.src}`);
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(image)).toBe(true);
  } finally {
    await request.dispose();
  }
});

test("G7 a group file uploaded through one instance is downloaded through the other", async ({ playwright }) => {
  const db = connectPostgres(database!.url, { max: 1 });
  const [group] = await db.db.select({ id: groups.id }).from(groups).where(eq(groups.slug, "hospital-discharge"));
  await db.close();
  const request = await through(playwright);
  try {
    expect((await signInOverHttp(request, SAM)).ok).toBe(true);
    // Text made on the spot, large enough to cross several storage chunks.
    const bytes = Buffer.from(Array.from({ length: 40_000 }, (_, i) => `line ${i}: discharge plan\n`).join(""));
    const upload = await request.post("/api/group-files", {
      headers: { origin: proxy!.baseURL },
      multipart: { groupId: String(group!.id), file: { name: "Two instances.txt", mimeType: "text/plain", buffer: bytes } },
    });
    expect(upload.status(), await upload.text()).toBe(201);
    const { data } = (await upload.json()) as { data: { fileId: string; version: number } };
    const other = portOf(upstreamOf(upload)) === PORT_A ? PORT_B : PORT_A;
    const download = await request.get(`http://localhost:${other}/api/group-files/${data.fileId}/versions/${data.version}`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toContain("attachment");
    expect(Buffer.from(await download.body()).equals(bytes)).toBe(true);
  } finally {
    await request.dispose();
  }
});

test("queued mail is sent once, whichever instance's worker takes it", async () => {
  const db = connectPostgres(database!.url, { max: 2 });
  try {
    const keys = Array.from({ length: 40 }, (_, i) => `two-instances:${Date.now().toString(36)}:${i}`);
    await db.db.insert(outboxMessages).values(keys.map((key, i) => ({ idempotencyKey: key, toAddress: `person${i}@northmoor.example`, subject: `Message ${i}`, html: `<p>${i}</p>`, text: String(i) })));
    await expect
      .poll(async () => (await db.db.select({ status: outboxMessages.status }).from(outboxMessages).where(inArray(outboxMessages.idempotencyKey, keys))).filter((m) => m.status === "sent").length, {
        timeout: 90_000,
        intervals: [500],
      })
      .toBe(keys.length);
    const ours = resend!.sent.filter((m) => keys.includes(m.idempotencyKey));
    expect(ours.map((m) => m.idempotencyKey).sort()).toEqual([...keys].sort());
    const rows = await db.db.select({ via: outboxMessages.deliveredVia }).from(outboxMessages).where(like(outboxMessages.idempotencyKey, "two-instances:%"));
    expect(rows.every((r) => r.via?.startsWith("resend:fake-"))).toBe(true);
  } finally {
    await db.close();
  }
});
