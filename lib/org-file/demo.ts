/** The demo organisation loaded by `npm start` on an empty database, and its sign-ins. */
import path from "node:path";

export const DEMO_ORG_FILE = path.resolve(process.cwd(), "lib/org-file/demo-org.json");
export const DEMO_PASSWORD = "portico-demo-2026";

export const DEMO_SIGN_INS = [
  { role: "Webmaster", email: "wendy.webb@northmoor.example", lands: "/" },
  { role: "Section manager", email: "sam.mensah@northmoor.example", lands: "/" },
  { role: "Team admin", email: "tara.adams@northmoor.example", lands: "/" },
  { role: "Organisational user", email: "owen.price@northmoor.example", lands: "/" },
  { role: "External user", email: "erin.cole@riverside-care.example", lands: "/extranet" },
  { role: "External team admin", email: "margaret.hughes@volunteers.example", lands: "/extranet" },
  { role: "Blocked user", email: "blake.moss@northmoor.example", lands: null },
] as const;
