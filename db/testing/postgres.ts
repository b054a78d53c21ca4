/** URLs for the databases a test run creates beside the one DATABASE_URL names. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The server's maintenance database, for CREATE and DROP DATABASE. */
export function adminUrl(url: string): string {
  return databaseUrl(url, "postgres");
}
