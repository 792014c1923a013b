// Rotates the certificate signing key: the current key is retired (it stays published at /keys/<kid>.json and in
// /.well-known/jwks.json, so every credential it signed still verifies) and a new ES256 key signs from now on.
import { rotateSigningKey } from "../app/certificates/keys.server";
import { connect } from "../app/platform/db.server";

const handle = await connect();
try {
  const { retired, current } = await rotateSigningKey(handle.db);
  console.log(`retired: ${retired.join(", ") || "(none)"}\nnow signing with: ${current}`);
} finally {
  await handle.close();
}
