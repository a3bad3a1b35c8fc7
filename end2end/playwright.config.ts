import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Runs against the dev build: `cargo leptos build` first (scripts/test.sh does this).
// Playwright starts the server itself, on a fresh SQLite file (scripts/test.sh deletes target/e2e).
const repoRoot = path.resolve(__dirname, "..");
const baseURL = "http://127.0.0.1:3000";

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
  webServer: {
    command: "./target/debug/inzage serve",
    cwd: repoRoot,
    env: {
      INZAGE_DATABASE_URL: "sqlite://target/e2e/inzage-e2e.db",
      INZAGE_KEY_DIR: "target/e2e/keys",
      LEPTOS_SITE_ROOT: "target/site",
      LEPTOS_SITE_PKG_DIR: "pkg",
      LEPTOS_SITE_ADDR: "127.0.0.1:3000",
      INZAGE_LOG_FORMAT: "json",
    },
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
  },
});
