import { rendererBundle } from "@/lib/api/reference-page";

/** GET /api/docs/scalar.js (D2): the API reference's renderer, from our own origin; its address carries its content's hash, so it is kept a year. */
export async function GET(request: Request) {
  const { bytes, version } = await rendererBundle();
  const fresh = new URL(request.url).searchParams.get("v") === version;
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": fresh ? "public, max-age=31536000, immutable" : "no-cache" },
  });
}
