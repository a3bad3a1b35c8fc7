import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { expectHydrated, openCaseAt } from "./support/pages";

// The resident's journey, with and without JavaScript: demo login, the overview,
// a filter, a detail page, the exports and logging out.

async function demoLogin(page: Page, javaScriptEnabled: boolean): Promise<string> {
  await page.goto("/");
  // "Inloggen met DigiD" goes to the identity provider (oidc.spec.ts); demo mode adds this link.
  await page.getByRole("link", { name: "Inloggen als demo-inwoner", exact: true }).click();
  await expect(page).toHaveURL(/\/auth\/demo-login$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inloggen als demo-inwoner");
  if (javaScriptEnabled) await expectHydrated(page);
  const select = page.getByLabel("Kies een inwoner");
  const resident = (await select.locator("option").nth(3).textContent()) ?? "";
  await select.selectOption({ index: 3 });
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page).toHaveURL(/\/mijn$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mijn gegevensgebruik");
  return resident;
}

/** Unfolds the first case on the overview (its entries are folded away). */
async function openFirstCase(page: Page): Promise<void> {
  await openCaseAt(page.locator(".app-case details").first());
}

/** Unfolds every case on the page. */
async function openAllCases(page: Page): Promise<void> {
  for (const details of await page.locator(".app-case details").all()) await openCaseAt(details);
}

test("a demo resident logs in and sees their own data usage", async ({ page, javaScriptEnabled }) => {
  const resident = await demoLogin(page, javaScriptEnabled);
  expect(resident).toMatch(/\(BSN 9999\d{5}\)/);
  const cases = page.locator(".app-case");
  expect(await cases.count()).toBeGreaterThan(0);
  await expect(cases.first().getByRole("heading", { level: 2 })).toContainText(/keer gebruikt voor/);
  await expect(cases.first()).toContainText(/(Op|Van) \d{1,2} [a-z]+ 20\d\d/);
  // The resident's name, with the way out beside it.
  await expect(page.locator(".app-userbar")).toContainText(`Ingelogd als ${resident.split(" (BSN")[0]}`);
  // The summary in plain words; the figures in tables, folded away.
  await expect(page.getByText(/In de afgelopen 12 maanden gebruikte(n)? \d+ afdeling(en)? uw gegevens \d+ keer, voor \d+ za(ak|ken)\./)).toBeVisible();
  await expect(page.getByRole("table").first()).toBeHidden();
  await page.getByText("Meer cijfers: per maand en per afdeling").click();
  await expect(page.getByRole("table").first()).toBeVisible();
  // A case's entries are folded away, and open without JavaScript too.
  await expect(page.getByRole("link", { name: "Bekijk details" }).first()).toBeHidden();
  await openFirstCase(page);
  await expect(cases.first().getByRole("link", { name: "Bekijk details" }).first()).toBeVisible();
  // Never shown to a resident.
  const text = await page.locator("main").innerText();
  expect(text).not.toMatch(/mdw-\d+|Burgerzakenmodules|Sociaal Domein Suite/);
  expect(text).not.toMatch(/\b9999\d{5}\b/);
});

test("filters work as a plain form", async ({ page, javaScriptEnabled }) => {
  await demoLogin(page, javaScriptEnabled);
  await page.getByText("Filteren", { exact: true }).click();
  const select = page.getByLabel("Afdeling");
  const option = select.locator("option").nth(1);
  const department = ((await option.textContent()) ?? "").trim();
  await select.selectOption({ index: 1 });
  await page.getByRole("button", { name: "Toon resultaat" }).click();
  await expect(page).toHaveURL(/afdeling=/);
  await expect(page.getByLabel("Afdeling")).toHaveValue(/.+/);
  const cases = page.locator(".app-case");
  const count = await cases.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await expect(cases.nth(i)).toContainText(`Afdeling: ${department}`);
  }
  // The filter stays open while it is in use.
  await expect(page.getByRole("button", { name: "Toon resultaat" })).toBeVisible();
});

test("a detail page explains why, with the resident's rights", async ({ page, javaScriptEnabled }) => {
  await demoLogin(page, javaScriptEnabled);
  await openFirstCase(page);
  await page.getByRole("link", { name: "Bekijk details" }).first().click();
  await expect(page).toHaveURL(/\/mijn\/actie\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Details van dit gebruik");
  await expect(page.getByRole("heading", { name: "Uw rechten" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Naar de Autoriteit Persoonsgegevens" })).toBeVisible();
});

test("exports and logging out", async ({ page, javaScriptEnabled }) => {
  await demoLogin(page, javaScriptEnabled);
  // The overview says it can be checked, and up to when the log was signed.
  await expect(page.locator("#controle")).toContainText("Dit overzicht is te controleren.");
  await expect(page.locator("#controle")).toContainText(/De laatste handtekening is van \d+ \w+ 20\d\d/);
  const csv = await page.request.get("/mijn/export.csv");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  // A byte-order mark and `;`, as Dutch spreadsheets expect.
  expect(await csv.text()).toMatch(/^\uFEFFWanneer;Tijdstip \(ISO 8601\);Wat er gebeurde;/);
  expect(csv.headers()["cache-control"]).toBe("no-store");
  const json = await page.request.get("/mijn/export.json");
  // A signed document (JWS, flattened JSON): the entries are in its payload.
  const jws = await json.json();
  expect(jws.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
  const entries = JSON.parse(Buffer.from(jws.payload, "base64url").toString("utf8")).regels;
  expect(Array.isArray(entries)).toBe(true);
  // Times a program can read: ISO 8601 with Amsterdam's offset.
  expect(entries[0].tijdstip).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);

  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page).toHaveURL(/\/uitgelogd$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("U bent uitgelogd");
  // Back shows nothing of the resident's data.
  await page.goBack();
  await expect(page.locator(".app-case")).toHaveCount(0);
  const after = await page.request.get("/mijn/export.json", { maxRedirects: 0 });
  expect(after.status()).toBe(302);
  expect(after.headers()["location"]).toBe("/auth/login");
});

test("a guessed entry id of someone else is not found", async ({ page }) => {
  await page.goto("/auth/demo-login");
  await page.getByLabel("Kies een inwoner").selectOption({ index: 0 });
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page).toHaveURL(/\/mijn$/);
  const response = await page.goto("/mijn/actie/00000000-0000-4000-8000-000000000000");
  expect(response?.status()).toBe(404);
});

test("axe: demo login, overview and detail", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "axe needs JavaScript in the page");
  await page.goto("/auth/demo-login");
  await expectHydrated(page);
  await expectAccessible(page);
  await demoLogin(page, true);
  await expectHydrated(page);
  await page.getByText("Filteren", { exact: true }).click();
  await page.getByText("Meer cijfers: per maand en per afdeling").click();
  await openFirstCase(page);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Bekijk details" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Details van dit gebruik");
  await expectAccessible(page);
});

test("contesting an entry creates a request with a case number and deadline", async ({ page, javaScriptEnabled }) => {
  await demoLogin(page, javaScriptEnabled);
  await openFirstCase(page);
  await page.getByRole("link", { name: "Ik herken dit niet" }).first().click();
  await expect(page).toHaveURL(/\/mijn\/verzoek\?actie=[0-9a-f-]{36}&soort=herken_niet$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("U herkent dit gebruik niet");
  if (javaScriptEnabled) await expectHydrated(page);
  // An empty message is refused with an error that links to the field.
  await page.getByRole("button", { name: "Verstuur" }).click();
  await expect(page.getByRole("alert")).toContainText("Schrijf eerst uw bericht.");
  await page.getByLabel("Uw bericht").fill("Ik heb nooit een evenementenvergunning aangevraagd.");
  await page.getByRole("button", { name: "Verstuur" }).click();
  await expect(page).toHaveURL(/\/mijn\/verzoeken\?ingediend=INZ-\d\d-\w{4}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mijn verzoeken");
  await expect(page.getByRole("status")).toContainText(/Uw zaaknummer is INZ-\d\d-\w{4}\. U krijgt uiterlijk op \d{1,2} [a-z]+ 20\d\d/);
  const item = page.locator(".app-entry").first();
  await expect(item.getByRole("heading")).toContainText(/Zaaknummer INZ-\d{2}-[2-9A-HJKMNP-Z]{4}/);
  await expect(item).toContainText("Ik herken dit niet");
  await expect(item).toContainText("Ontvangen");
  await expect(item).toContainText("Antwoord uiterlijk op");
  if (javaScriptEnabled) await expectAccessible(page);
});

test("the overview prints without forms and links, and each case has its own page", async ({ page, javaScriptEnabled }) => {
  await demoLogin(page, javaScriptEnabled);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".app-filter")).toBeHidden();
  await expect(page.getByRole("button", { name: "Uitloggen" })).toBeHidden();
  await expect(page.locator(".app-case").first()).toBeVisible();
  // Folded cases print unfolded, under a header with the name, the day, the period and whom to call.
  await expect(page.locator(".app-case .app-entry").first()).toBeVisible();
  const header = page.locator(".app-print-only");
  await expect(header).toBeVisible();
  await expect(header).toContainText(/Gemaakt op \d{1,2} [a-z]+ 20\d\d · Periode: Afgelopen 12 maanden/);
  await expect(header).toContainText("Bel 14 0000");
  await page.emulateMedia({ media: "screen" });
  await expect(page.locator(".app-print-only")).toBeHidden();
  // A page per case (verwerking): every entry of the case, with why and the resident's rights.
  // The case with the link (its heading: "N keer gebruikt voor: <case>"; N may have grown since,
  // as viewing is logged too).
  await openAllCases(page);
  const withLink = page.locator(".app-case").filter({ has: page.getByRole("link", { name: "Bekijk alles over deze zaak" }) }).first();
  const heading = (await withLink.locator("h2").textContent()) ?? "";
  const caseName = heading.split(": ").slice(1).join(": ");
  expect(caseName.length).toBeGreaterThan(0);
  await withLink.getByRole("link", { name: "Bekijk alles over deze zaak" }).click();
  await expect(page).toHaveURL(/\/mijn\/zaak\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Alles over deze zaak");
  await expect(page.locator(".app-case h2")).toHaveText(new RegExp(`keer gebruikt voor: ${caseName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
  await expect(page.getByRole("heading", { name: "Uw rechten" })).toBeVisible();
  if (javaScriptEnabled) {
    await expectHydrated(page);
    await expectAccessible(page);
  }
  // Someone else's case, or one that does not exist, is a 404.
  const response = await page.request.get("/mijn/zaak/bestaat-niet", { headers: { accept: "text/html" } });
  expect(response.status()).toBe(404);
});

test("a form sent after the session ended says so, keeps the text on the page and leads back", async ({ page, javaScriptEnabled, baseURL }) => {
  await demoLogin(page, javaScriptEnabled);
  await page.goto("/mijn/verzoek?soort=vraag");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Een vraag stellen over uw gegevens");
  if (javaScriptEnabled) await expectHydrated(page);
  await page.getByLabel("Uw bericht").fill("Waarom keek Belastingen naar mijn adres?");
  // Meanwhile the session ends (here: logged out in another tab).
  await page.request.post("/auth/logout", { headers: { Origin: baseURL! }, maxRedirects: 0 });
  await page.getByRole("button", { name: "Verstuur" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "U bent niet meer ingelogd" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Inloggen met DigiD" })).toHaveAttribute("href", /^\/auth\/login\?terug=\/mijn\/verzoek/);
  // With JavaScript the text stays in the box; without, the browser's Back has it.
  if (javaScriptEnabled) await expect(page.getByLabel("Uw bericht")).toHaveValue("Waarom keek Belastingen naar mijn adres?");
});
