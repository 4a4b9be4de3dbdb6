/**
 * Telling a PostgreSQL URL from a file name, without loading the driver: commands that open
 * an SQLite archive never pay for \`pg\`.
 */
/** True for a `postgres://` or `postgresql://` connection URL. */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(value);
}
