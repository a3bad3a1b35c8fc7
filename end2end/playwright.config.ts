import fs from "node:fs";
import path from "node:path";
import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";

// Runs against the dev build: `cargo leptos build` first (scripts/test.sh does this).
// Playwright starts the servers itself, on a fresh SQLite file (scripts/test.sh deletes target/e2e):
// the demo on port 3200 and, on the same database, a real-login instance on 3201 (demo mode
// refuses to start beside a real login). Not port 3000, so the tests run beside scripts/run.sh.
const repoRoot = path.resolve(__dirname, "..");
const baseURL = "http://127.0.0.1:3200";
export const oidcAppURL = "http://127.0.0.1:3201";

// The test identity provider (oidc/provider.mjs, npm oidc-provider) stands in for DigiD.
// The staff client uses a client secret that only ever exists on this machine.
const oidcIssuer = "http://127.0.0.1:9090";

// The resident client authenticates with private_key_jwt: a key pair made for this run in
// target/e2e (which scripts/test.sh empties), never committed. Playwright loads this file in
// every worker too, so an existing key is reused.
const clientKeyFile = path.join(repoRoot, "target/e2e/oidc-client-key.pem");
if (!fs.existsSync(clientKeyFile)) {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  fs.mkdirSync(path.dirname(clientKeyFile), { recursive: true });
  fs.writeFileSync(clientKeyFile, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
}
const clientJwk = { ...createPrivateKey(fs.readFileSync(clientKeyFile)).export({ format: "jwk" }) };
for (const secret of ["d", "p", "q", "dp", "dq", "qi"]) delete (clientJwk as Record<string, unknown>)[secret];

// What both app servers share: the database, keys and build.
const inzageEnv = {
  INZAGE_DATABASE_URL: "sqlite://target/e2e/inzage-e2e.db",
  INZAGE_KEY_DIR: "target/e2e/keys",
  LEPTOS_SITE_ROOT: "target/site",
  LEPTOS_SITE_PKG_DIR: "pkg",
  INZAGE_LOG_FORMAT: "json",
};

// Debian's /usr/bin/chromium; Playwright never downloads a browser (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "./tests",
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: { baseURL, trace: "retain-on-failure" },
  projects: [
    { name: "js", use: { ...chromium } },
    { name: "nojs", use: { ...chromium, javaScriptEnabled: false } },
  ],
  // Started in this order, so the identity provider is up before the app starts.
  webServer: [
    {
      name: "oidc",
      command: "node oidc/provider.mjs",
      cwd: __dirname,
      env: {
        OIDC_PORT: "9090",
        OIDC_APP: oidcAppURL,
        OIDC_CLIENT_JWK: JSON.stringify({ ...clientJwk, alg: "RS256", use: "sig" }),
      },
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 10_000,
      stdout: "ignore",
      stderr: "pipe", // starts with four fixed "development-only" warnings; crashes show up here too
      gracefulShutdown: { signal: "SIGTERM", timeout: 2_000 },
    },
    {
      name: "inzage-demo",
      command: "./target/debug/inzage serve",
      cwd: repoRoot,
      env: {
        ...inzageEnv,
        LEPTOS_SITE_ADDR: "127.0.0.1:3200",
        INZAGE_DEMO: "1",
      },
      url: `${baseURL}/readyz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      name: "inzage-oidc",
      command: "./target/debug/inzage serve",
      cwd: repoRoot,
      env: {
        ...inzageEnv,
        LEPTOS_SITE_ADDR: "127.0.0.1:3201",
        INZAGE_DEMO: "0",
        // A second municipality (name, contact, Den Haag's theme); see end2end/teststad.toml.
        INZAGE_CONFIG: "end2end/teststad.toml",
        INZAGE_ORGANISATION_SECURITY_EXPIRES: new Date(Date.now() + 90 * 86_400_000).toISOString(),
        INZAGE_OIDC_ISSUER: oidcIssuer,
        INZAGE_OIDC_CLIENT_ID: "inzage-portal",
        INZAGE_OIDC_PRIVATE_KEY_FILE: clientKeyFile,
        INZAGE_OIDC_SCOPES: "openid profile bsn",
        INZAGE_OIDC_BSN_CLAIM: "bsn",
        INZAGE_STAFF_OIDC_ISSUER: oidcIssuer,
        INZAGE_STAFF_OIDC_CLIENT_ID: "inzage-staff",
        INZAGE_STAFF_OIDC_CLIENT_SECRET: process.env.OIDC_STAFF_CLIENT_SECRET ?? "e2e-staff-not-a-secret",
        INZAGE_STAFF_OIDC_SCOPES: "openid profile roles",
        INZAGE_STAFF_OIDC_ROLE_CLAIM: "roles",
      },
      url: `${oidcAppURL}/readyz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
  ],
});
