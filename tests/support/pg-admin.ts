import postgres from "postgres";

/** A connection to the server's maintenance database, for creating and dropping test databases. */
export function adminConnection(databaseUrl: string) {
  const url = new URL(databaseUrl);
  url.pathname = "/postgres";
  return postgres(url.toString(), { max: 1, onnotice: () => {} });
}

export function withDatabase(databaseUrl: string, name: string) {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function uniqueName(prefix: string) {
  return `${prefix}_${Date.now().toString(36)}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}
