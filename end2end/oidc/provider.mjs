// Test identity provider for the OpenID Connect browser tests (oidc-provider 9.13.3).
// Stands in for the DigiD broker: Playwright starts it before the app (playwright.config.ts).
// Development-only: in-memory storage and the library's built-in dev signing key.
//
// Run: OIDC_PORT=9090 node oidc/provider.mjs
//
// Who you are is decided by what you type in the login field (any password works):
//   9 digits  -> bsn claim = that login, so a test can log in as any demo resident by BSN
//   "badbsn"  -> bsn "123456789", which fails the 11-check
//   "nobsn"   -> no bsn claim
//   otherwise -> no bsn claim either, so a typo never logs in as somebody else
//   "midden-<9 digits>" -> that BSN, but at DigiD level Midden (every other login: Substantieel)
// The resident client authenticates with private_key_jwt (its public key in OIDC_CLIENT_JWK,
// made by playwright.config.ts for this run), the staff client with client_secret_basic.
// Staff (client inzage-staff, scope roles): "staff-<role>" gets roles [<role>], e.g.
// staff-privacy_officer; "staff-none" gets roles ["none"], which Inzage does not know.
import { createHash } from "node:crypto";
import Provider from "oidc-provider";

const PORT = Number(process.env.OIDC_PORT ?? 9090);
const ISSUER = `http://127.0.0.1:${PORT}`;
const APP = process.env.OIDC_APP ?? "http://127.0.0.1:3201";

const ACR = {
  midden: "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
  substantieel: "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",
  hoog: "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",
};

function bsnFor(login) {
  if (/^\d{9}$/.test(login)) return login;
  if (/^midden-\d{9}$/.test(login)) return login.slice("midden-".length);
  if (login === "badbsn") return "123456789";
  return undefined;
}

const oidc = new Provider(ISSUER, {
  clients: [
    {
      client_id: "inzage-portal",
      redirect_uris: [`${APP}/auth/callback`],
      post_logout_redirect_uris: [`${APP}/`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "private_key_jwt",
      token_endpoint_auth_signing_alg: "RS256",
      jwks: { keys: [JSON.parse(process.env.OIDC_CLIENT_JWK ?? "null")] },
      subject_type: "pairwise",
    },
    {
      client_id: "inzage-staff",
      client_secret: process.env.OIDC_STAFF_CLIENT_SECRET ?? "e2e-staff-not-a-secret",
      redirect_uris: [`${APP}/medewerker/callback`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  // The default only forces PKCE on public clients; the app must send it too (v9: S256 only).
  pkce: { required: () => true },
  // Key = scope, value = the claims that scope releases. bsn only comes with the bsn scope.
  scopes: ["openid", "profile", "bsn", "roles"],
  claims: { openid: ["sub"], profile: ["name"], bsn: ["bsn"], roles: ["roles"] },
  // Default (true): the ID token carries only sub, so the app has to fetch bsn from /me.
  // ID_TOKEN_CLAIMS=1 also puts name and bsn in the ID token, to test that path.
  conformIdTokenClaims: process.env.ID_TOKEN_CLAIMS !== "1",
  features: {
    devInteractions: { enabled: true }, // the built-in login and consent forms
    userinfo: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  // Without this, sub is the typed login, which for a resident is their BSN. A pseudonymous sub
  // (as a DigiD broker gives) makes sure the app takes the BSN from the bsn claim, never from sub.
  subjectTypes: ["public", "pairwise"],
  async pairwiseIdentifier(ctx, accountId, client) {
    return createHash("sha256").update(`e2e|${client.sectorIdentifier}|${accountId}`).digest("hex");
  },
  // id = whatever was typed in the login field.
  async findAccount(ctx, id) {
    const bsn = bsnFor(id);
    return {
      accountId: id,
      async claims() {
        // A name without the number: the portal shows the name, never the BSN.
        const claims = { sub: id, name: "Jan Testpersoon" };
        if (bsn !== undefined) claims.bsn = bsn;
        if (id.startsWith("staff-")) claims.roles = [id.slice("staff-".length)];
        return claims;
      },
    };
  },
  acrValues: Object.values(ACR),
  ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
});

// The built-in login form sets no assurance level; a DigiD broker always does.
const interactionFinished = oidc.interactionFinished.bind(oidc);
oidc.interactionFinished = (req, res, result, options) => {
  if (result.login) {
    result.login.acr = result.login.accountId.startsWith("midden-") ? ACR.midden : ACR.substantieel;
  }
  return interactionFinished(req, res, result, options);
};

oidc.listen(PORT, "127.0.0.1", () => {
  console.log(`test OIDC provider listening on ${ISSUER}`);
});

// Playwright stops web servers with SIGTERM. Everything is in memory, so there is nothing to flush.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => process.exit(0));
}
