/** npm run db:migrate — applies drizzle/ migrations to the database in use. */
import { connect } from "../db/connect";
import { migrate } from "../db/migrate";

const conn = await connect({ max: 1 });
try {
  await migrate(conn);
  console.log(`Database ${conn.location} is up to date.`);
} catch (error) {
  console.error(`Migration failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await conn.close();
}
