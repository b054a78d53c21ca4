/**
 * A real S3-compatible server (s3rver) on loopback, run in its own process by the tests
 * (./s3-server.ts) so that its memory is not counted as the app's. Prints its port as one
 * JSON line; exits when its parent closes its standard input (or dies).
 */
import S3rver from "s3rver";

const [directory, bucket] = process.argv.slice(2);
const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
const stop = () => server.close().finally(() => process.exit(0));
process.stdin.on("close", stop);
process.stdin.resume();
process.on("SIGTERM", stop);
