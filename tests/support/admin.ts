import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { createSession, generateSessionToken } from "../../app/platform/session.server";

/** A signed-in cookie for an existing person, without going through the (slow, throttled) password check. */
export async function cookieFor(db: Db, email: string) {
  const id = await userId(db, email);
  const token = generateSessionToken();
  await createSession(db, token, id);
  return `skillshelf_session=${token}`;
}

export async function userId(db: Db, email: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${email})`);
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

/** A multipart upload the way a browser posts the import form. */
export function uploadRequest(path: string, file: { name: string; content: string | Uint8Array }, cookie: string) {
  const form = new FormData();
  const bytes = typeof file.content === "string" ? new TextEncoder().encode(file.content) : file.content;
  form.append("file", new File([bytes as BlobPart], file.name, { type: "text/csv" }));
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    headers: { origin: "http://localhost:3000", host: "localhost:3000", cookie },
    body: form,
  });
}
