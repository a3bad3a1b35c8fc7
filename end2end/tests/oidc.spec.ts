import { expect, test, type Page } from "@playwright/test";
import { expectHydrated } from "./support/pages";

// Logging in with OpenID Connect, against the test identity provider (oidc/provider.mjs,
// started by playwright.config.ts) in place of DigiD. Runs in both projects (js and nojs).
// What you type as login at the provider decides who you are: 9 digits = that BSN,
// "nobsn" = no bsn claim, "badbsn" = a BSN that fails the 11-check.
//
// Every test gets its own browser context. Within one context the provider remembers the
// sign-in (single sign-on) and would skip its login and consent forms.

/** A page of the identity provider's login flow (its forms live under /interaction/<uid>). */
const AT_PROVIDER = /^http:\/\/127\.0\.0\.1:9090\/interaction\//;
/** The app instance with real logins (playwright.config.ts); the demo runs on the default baseURL. */
const APP = "http://127.0.0.1:3201";
const DEMO = "http://127.0.0.1:3200";
test.use({ baseURL: APP });
const FAILED = "Inloggen is niet gelukt";

test.beforeEach(async ({ page }) => {
  // The provider's pages @import Google Fonts; there is no internet, so fail that at once.
  await page.route("https://fonts.googleapis.com/**", (route) => route.abort());
});

/** The BSN of a demo resident that has data (the same one resident.spec.ts uses). */
async function demoResidentBsn(page: Page): Promise<string> {
  await page.goto(`${DEMO}/auth/demo-login`);
  const option = page.getByLabel("Kies een inwoner").locator("option").nth(3);
  const text = (await option.textContent()) ?? "";
  const match = /BSN (\d{9})/.exec(text);
  expect(match, `a BSN in the option "${text}"`).not.toBeNull();
  return match![1];
}

/** From the landing page to the provider's login form. */
async function startLogin(page: Page, javaScriptEnabled: boolean): Promise<void> {
  await page.goto("/");
  if (javaScriptEnabled) await expectHydrated(page);
  await page.getByRole("link", { name: "Inloggen met DigiD", exact: true }).click();
  await expect(page).toHaveURL(AT_PROVIDER);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign-in");
}

/** Fills in the provider's login form (any password) and gives consent. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Authorize");
  await page.getByRole("button", { name: "Continue", exact: true }).click();
}

/** The app's failure page, with the reason in the URL and a way to try again. */
async function expectLoginFailed(page: Page, reden: string, javaScriptEnabled: boolean): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`/inloggen/mislukt\\?reden=${reden}(&|$)`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(FAILED);
  if (javaScriptEnabled) await expectHydrated(page);
  await expect(page.getByRole("link", { name: "Probeer opnieuw" })).toHaveAttribute("href", "/auth/login");
}

/**
 * Nobody is logged in at the app: /mijn sends the browser to /auth/login.
 * Checked without following redirects: the provider still has its own session, so a browser
 * that followed /auth/login would be signed in again without seeing a form.
 */
async function expectLoggedOut(page: Page): Promise<void> {
  // As a browser asks for a page (Accept: text/html), so the server answers with a redirect status.
  const response = await page.request.get("/mijn", { maxRedirects: 0, headers: { accept: "text/html" } });
  expect(response.status(), "GET /mijn redirects").toBeGreaterThanOrEqual(300);
  expect(response.status(), "GET /mijn redirects").toBeLessThan(400);
  const location = response.headersArray().find((h) => h.name.toLowerCase() === "location")?.value;
  expect(location ?? "", "to the login").toMatch(/\/auth\/login(\?|$)/);
}

test("a resident logs in through the identity provider and out again", async ({ page, javaScriptEnabled }) => {
  const bsn = await demoResidentBsn(page);
  await startLogin(page, javaScriptEnabled);
  await signInAtProvider(page, bsn);

  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:3201\/mijn$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mijn gegevensgebruik");
  if (javaScriptEnabled) await expectHydrated(page);
  expect(await page.locator(".app-case").count()).toBeGreaterThan(0);
  // The BSN identifies the resident, but is never shown to them.
  expect(await page.locator("body").innerText()).not.toContain(bsn);
  await expect(page.locator(".app-userbar")).toContainText("Ingelogd als Jan Testpersoon");
  expect(page.url()).not.toContain(bsn);

  await page.getByRole("button", { name: "Uitloggen" }).first().click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:3201\/uitgelogd$/);
  await expectLoggedOut(page);
});

test("a login below DigiD Substantieel is refused", async ({ page, javaScriptEnabled }) => {
  const bsn = await demoResidentBsn(page);
  await startLogin(page, javaScriptEnabled);
  await signInAtProvider(page, `midden-${bsn}`);
  await expectLoginFailed(page, "niveau", javaScriptEnabled);
  await expect(page.getByText("U logde in op een te laag niveau.")).toBeVisible();
  await expectLoggedOut(page);
});

test("cancelling at the identity provider ends on the failure page", async ({ page, javaScriptEnabled }) => {
  await startLogin(page, javaScriptEnabled);
  await page.getByRole("link", { name: "[ Cancel ]", exact: true }).click();
  await expectLoginFailed(page, "geannuleerd", javaScriptEnabled);
  await expectLoggedOut(page);
  // "Probeer opnieuw" starts over at the provider.
  await page.getByRole("link", { name: "Probeer opnieuw" }).click();
  await expect(page).toHaveURL(AT_PROVIDER);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign-in");
});

for (const [login, what] of [
  ["nobsn", "without a BSN"],
  ["badbsn", "with a BSN that fails the 11-check"],
] as const) {
  test(`an account ${what} is refused`, async ({ page, javaScriptEnabled }) => {
    await startLogin(page, javaScriptEnabled);
    await signInAtProvider(page, login);
    await expectLoginFailed(page, "ongeldig", javaScriptEnabled);
    await expectLoggedOut(page);
    // Also in the browser: the provider signs this account in again, and the app refuses it again.
    await page.goto("/mijn");
    await expect(page).not.toHaveURL(/\/mijn$/);
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Mijn gegevensgebruik");
  });
}

test("a forged callback ends on the failure page", async ({ page, javaScriptEnabled }) => {
  const response = await page.goto("/auth/callback?code=forged&state=forged");
  expect(response?.status(), "the failure page is a normal page").toBe(200);
  await expectLoginFailed(page, "verlopen", javaScriptEnabled);
  await expectLoggedOut(page);
});

test("a member of staff logs in with their work account and gets the role from the claim", async ({ page, javaScriptEnabled }) => {
  await page.goto("/medewerker/inloggen");
  if (javaScriptEnabled) await expectHydrated(page);
  await page.getByRole("link", { name: "Inloggen met uw werkaccount" }).click();
  await expect(page).toHaveURL(AT_PROVIDER);
  await signInAtProvider(page, "staff-privacy_officer");
  await expect(page).toHaveURL(/\/medewerker$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Werkplek medewerkers");
  await expect(page.getByText("Privacyfunctionaris", { exact: false })).toBeVisible();
  await expect(page.getByRole("link", { name: "Verzoeken van inwoners" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Accounts en audittrail" })).toHaveCount(0);
});

test("a work account without a known role is refused", async ({ page, javaScriptEnabled }) => {
  await page.goto("/medewerker/inloggen");
  if (javaScriptEnabled) await expectHydrated(page);
  await page.getByRole("link", { name: "Inloggen met uw werkaccount" }).click();
  await signInAtProvider(page, "staff-none");
  await expect(page).toHaveURL(/\/medewerker\/inloggen\?fout=geen_rol$/);
  await expect(page.getByText("Uw account heeft geen rol in Inzage.")).toBeVisible();
  const response = await page.request.get("/medewerker", { maxRedirects: 0, headers: { accept: "text/html" } });
  expect(response.status()).toBe(302);
});
