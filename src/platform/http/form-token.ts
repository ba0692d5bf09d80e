import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { getCookie, setCookie } from "hono/cookie";
import type { Db } from "../db";
import { formSubmissions } from "../db/tables";
import { AppError } from "../errors";
import { MSG } from "../messages";
import type { TCtx } from "./context";
import { isSecure } from "./middleware";

/**
 * One-time form tokens: a form that creates something for the public (an information request, later a
 * consultation comment or a registration) carries a fresh token; the first post of it creates the
 * record and keeps a receipt under the token, every later post of the same token (a refresh, the
 * back button, a double click, two posts in parallel) gets that receipt and creates nothing; after
 * RECEIPT_HOURS it is told the form was sent already. The
 * database's primary key on the token decides, so it holds across processes.
 */
export const FORM_TOKEN_FIELD = "_formToken";

const b64 = (b: Buffer) => b.toString("base64url");

// Tied to the visitor's CSRF token, so a token not issued by a page of ours to this visitor is refused.
const macOf = (csrfToken: string, nonce: string) =>
  b64(createHmac("sha256", csrfToken).update(`form-token:${nonce}`).digest()).slice(0, 22);

export function issueFormToken(csrfToken: string): string {
  const nonce = b64(randomBytes(18));
  return `${nonce}.${macOf(csrfToken, nonce)}`;
}

/** Takes the posted token out of the form values; a missing or forged one is refused (400). */
export function takeFormToken(c: TCtx, values: Record<string, unknown>): string {
  const sent = values[FORM_TOKEN_FIELD];
  delete values[FORM_TOKEN_FIELD];
  const [nonce = "", mac = ""] = typeof sent === "string" ? sent.split(".") : [];
  const expected = /^[\w-]{24}$/.test(nonce) ? macOf(c.get("csrfToken"), nonce) : "";
  if (
    !expected ||
    mac.length !== expected.length ||
    !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))
  )
    throw new AppError("bad_request", MSG.formToken);
  return sent as string;
}

const tokenHash = (token: string) => createHash("sha256").update(`form-token:${token}`).digest("hex");
const keyOf = (token: string) => createHash("sha256").update(`form-receipt:${token}`).digest();

function seal(token: string, receipt: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(token), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(receipt), "utf8"), cipher.final()]);
  return b64(Buffer.concat([iv, cipher.getAuthTag(), body]));
}

function unseal<T>(token: string, sealed: string): T {
  const raw = Buffer.from(sealed, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", keyOf(token), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8"));
}

// How long the first receipt is shown again: long enough for a refresh, the back button or a
// retry on a bad connection; not for the next person at a shared computer who opens the history.
const RECEIPT_HOURS = 2;

/** The receipt of the first post of this token while it is shown again, else null. */
export async function receiptOf<T>(db: Db, purpose: string, token: string): Promise<T | null> {
  const [row] = await db
    .select({ sealed: formSubmissions.sealedReceipt })
    .from(formSubmissions)
    .where(
      and(
        eq(formSubmissions.tokenHash, tokenHash(token)),
        eq(formSubmissions.purpose, purpose),
        sql`${formSubmissions.createdAt} > now() - make_interval(hours => ${RECEIPT_HOURS})`,
      ),
    );
  return row?.sealed ? unseal<T>(token, row.sealed) : null;
}

class TokenAlreadyUsed extends Error {}

/**
 * Runs `write` in a transaction that first claims the token. A post that finds it claimed (even by a
 * post still running: the insert waits for it) writes nothing and returns the first post's receipt.
 */
export async function submitOnce<T>(
  db: Db,
  purpose: string,
  token: string,
  write: (tx: Db) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction(async (tx) => {
      const claimed = await tx
        .insert(formSubmissions)
        .values({ tokenHash: tokenHash(token), purpose })
        .onConflictDoNothing()
        .returning({ tokenHash: formSubmissions.tokenHash });
      if (claimed.length === 0) throw new TokenAlreadyUsed();
      const receipt = await write(tx);
      await tx
        .update(formSubmissions)
        .set({ sealedReceipt: seal(token, receipt) })
        .where(eq(formSubmissions.tokenHash, tokenHash(token)));
      return receipt;
    });
  } catch (err) {
    if (!(err instanceof TokenAlreadyUsed)) throw err;
    const first = await receiptOf<T>(db, purpose, token);
    if (!first) throw new AppError("conflict", MSG.formUsed);
    return first;
  }
}

// The receipt page after the redirect finds its token here: not in the address, so the browser
// history and a shared link never show it; a session cookie, gone when the browser closes.
const cookieName = (purpose: string) => `gk_receipt_${purpose}`;

export function rememberReceipt(
  c: TCtx,
  opts: { purpose: string; token: string; path: string; trustProxy: boolean },
) {
  setCookie(c, cookieName(opts.purpose), opts.token, {
    path: opts.path,
    httpOnly: true,
    sameSite: "Lax",
    secure: isSecure(c, opts.trustProxy),
  });
}

export function rememberedToken(c: TCtx, purpose: string): string | undefined {
  const token = getCookie(c, cookieName(purpose));
  return token && /^[\w-]{24}\.[\w-]{22}$/.test(token) ? token : undefined;
}

/**
 * A once-only public form page: back from its receipt, the browser fetches the form again and gets
 * the token it sent, so sending it again shows that receipt; "?another=1" starts a new form.
 */
export async function onceOnlyForm<R>(
  c: TCtx,
  db: Db,
  purpose: string,
): Promise<{ formToken: string; sentReceipt: R | null }> {
  const sent = c.req.query("another") ? undefined : rememberedToken(c, purpose);
  const receipt = sent ? await receiptOf<R>(db, purpose, sent) : null;
  return { formToken: receipt && sent ? sent : issueFormToken(c.get("csrfToken")), sentReceipt: receipt };
}

/**
 * The post of a once-only public form: its token (refused when missing or forged), the redirect to
 * the receipt page (post/redirect/get, so a refresh there posts nothing), and whether this token was
 * posted before (the back button, a refresh, a double click), in which case that redirect is the answer.
 */
export async function onceOnlyPost(
  c: TCtx,
  db: Db,
  values: Record<string, unknown>,
  opts: { purpose: string; cookiePath: string; receiptUrl: string; trustProxy: boolean },
) {
  const token = takeFormToken(c, values);
  const toReceipt = () => {
    rememberReceipt(c, { purpose: opts.purpose, token, path: opts.cookiePath, trustProxy: opts.trustProxy });
    return c.redirect(opts.receiptUrl, 303);
  };
  return { token, toReceipt, wasSent: (await receiptOf(db, opts.purpose, token)) !== null };
}
