import { expect, test, type Browser, type BrowserContext, type Locator, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { expectHydrated, openCaseAt } from "./support/pages";

// The staff workspace (/medewerker), with and without JavaScript: the clerk's look-up, the privacy
// officer's handling of a request and investigation, the admin's overview, access per role, and axe.
// A test that needs a resident and a member of staff at the same time gives each a browser context.

// A demo resident with at least two verwerkingen that are still confidential in the seeded log.
// Lifting confidentiality cannot be undone and the js and nojs projects share one database, so each
// project lifts one of them; with only one, the project that runs second finds nothing to lift.
const CONFIDENTIAL_BSN = process.env.E2E_CONFIDENTIAL_BSN ?? "999906938";

const LOOKUP_REASON = "Telefonische vraag van de inwoner";
const LOOKUP_HEADING = `Bekeken door een medewerker: ${LOOKUP_REASON}`;
const FORBIDDEN = "U heeft met uw rol geen toegang tot deze pagina.";
const LIFTED = "Dit was eerst geheim, omdat er een onderzoek liep. Dat onderzoek is klaar.";
const CASE_NUMBER = /INZ-\d{2}-[2-9A-HJKMNP-Z]{4}/;
const LAW_LINK = "Link naar de wet";
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

type StaffRole = "Medewerker klantcontact" | "Privacyfunctionaris" | "Beheerder";

/** A marker that only this test run writes, so its texts can be found again. */
function uniqueMarker(testInfo: TestInfo): string {
  return `e2e-${testInfo.project.name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The value (dd) of a data-list item whose key (dt) is exactly `key`, inside `scope`. */
function dataValue(page: Page, scope: Page | Locator, key: string): Locator {
  return scope
    .locator(".utrecht-data-list__item")
    .filter({ has: page.locator("dt", { hasText: new RegExp(`^\\s*${escapeRegExp(key)}\\s*$`) }) })
    .locator("dd");
}

function h1(page: Page): Locator {
  return page.getByRole("heading", { level: 1 });
}

/** After a navigation onto an app page: with JavaScript on, wait for hydration before interacting. */
async function landed(page: Page, javaScriptEnabled: boolean): Promise<void> {
  if (javaScriptEnabled) await expectHydrated(page);
}

/** A second actor (resident or member of staff) in its own browser context, JavaScript as the project. */
async function newActor(browser: Browser, testInfo: TestInfo): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ javaScriptEnabled: testInfo.project.use.javaScriptEnabled ?? true });
  return { context, page: await context.newPage() };
}

/** The test BSN of the demo resident at `index` in the demo login's list. */
async function demoResidentBsn(page: Page, index: number): Promise<string> {
  const response = await page.goto("/auth/demo-login");
  expect(response?.status(), "status of /auth/demo-login").toBe(200);
  const text = (await page.getByLabel("Kies een inwoner", { exact: true }).locator("option").nth(index).textContent()) ?? "";
  const bsn = text.match(/BSN (\d{9})/)?.[1];
  expect(bsn, `demo resident ${index} has a BSN in "${text}"`).toBeTruthy();
  return bsn!;
}

/** Demo login as the resident with this BSN; ends on /mijn. */
async function residentLogin(page: Page, javaScriptEnabled: boolean, bsn: string): Promise<void> {
  await page.goto("/auth/demo-login");
  await expect(h1(page)).toHaveText("Inloggen als demo-inwoner");
  await landed(page, javaScriptEnabled);
  const select = page.getByLabel("Kies een inwoner", { exact: true });
  await expect(select.locator("option", { hasText: `(BSN ${bsn})` }), `a demo resident with BSN ${bsn}`).toHaveCount(1);
  await select.selectOption(bsn);
  await page.getByRole("button", { name: "Inloggen", exact: true }).click();
  await expect(page).toHaveURL(/\/mijn$/);
  await expect(h1(page)).toHaveText("Mijn gegevensgebruik");
  await landed(page, javaScriptEnabled);
}

/** Demo login with a staff role; ends on the workspace start page. */
async function staffLogin(page: Page, javaScriptEnabled: boolean, role: StaffRole): Promise<void> {
  const response = await page.goto("/medewerker/inloggen");
  expect(response?.status(), "status of /medewerker/inloggen").toBe(200);
  await expect(h1(page)).toHaveText("Inloggen voor medewerkers");
  await landed(page, javaScriptEnabled);
  await expect(page.getByRole("heading", { level: 2, name: "Demo: inloggen met een rol", exact: true })).toBeVisible();
  await page.getByLabel("Kies een rol", { exact: true }).selectOption({ label: role });
  await page.getByRole("button", { name: "Inloggen met deze rol", exact: true }).click();
  await expect(page).toHaveURL(/\/medewerker$/);
  await expect(h1(page)).toHaveText("Werkplek medewerkers");
  await expect(page.getByText(new RegExp(`^Ingelogd als .+ \\(${escapeRegExp(role)}\\)$`))).toBeVisible();
  await expect(page.getByRole("button", { name: "Uitloggen", exact: true })).toBeVisible();
  await landed(page, javaScriptEnabled);
}

/** Clerk: from the workspace, looks up a resident; ends on /medewerker/inwoner/<id>. */
async function lookUp(page: Page, javaScriptEnabled: boolean, bsn: string, explanation: string): Promise<void> {
  await page.getByRole("link", { name: "Inwoner opzoeken", exact: true }).click();
  await expect(page).toHaveURL(/\/medewerker\/opzoeken$/);
  await expect(h1(page)).toHaveText("Inwoner opzoeken");
  await landed(page, javaScriptEnabled);
  await page.getByLabel("Burgerservicenummer (BSN)", { exact: true }).fill(bsn);
  await page.getByLabel("Reden", { exact: true }).selectOption({ label: LOOKUP_REASON });
  await page.getByLabel("Toelichting", { exact: true }).fill(explanation);
  await page.getByRole("button", { name: "Opzoeken", exact: true }).click();
  await expect(page).toHaveURL(/\/medewerker\/inwoner\/[0-9a-f]{32}$/);
  await expect(h1(page)).toHaveText("Gegevensgebruik van de inwoner");
  await landed(page, javaScriptEnabled);
  expect(page.url(), "the BSN stays out of the address").not.toContain(bsn);
}

/** Clerk, on the resident page: files a request for the resident; returns its case number. */
async function fileOnBehalf(page: Page, kindLabel: string, message: string): Promise<string> {
  await expect(page.getByRole("heading", { level: 2, name: "Verzoek indienen namens de inwoner", exact: true })).toBeVisible();
  await page.getByLabel("Soort verzoek", { exact: true }).selectOption({ label: kindLabel });
  await page.getByLabel("Wat vraagt de inwoner?", { exact: true }).fill(message);
  await page.getByRole("button", { name: "Verzoek indienen", exact: true }).click();
  await expect(page).toHaveURL(/\/medewerker\/inwoner\/[0-9a-f]{32}\?ingediend=INZ-\d{2}-[2-9A-HJKMNP-Z]{4}$/);
  await expect(page.getByText("Het verzoek is ingediend.")).toBeVisible();
  const zaak = new URL(page.url()).searchParams.get("ingediend") ?? "";
  expect(zaak).toMatch(CASE_NUMBER);
  return zaak;
}

/** Resident: opens "Mijn verzoeken" and returns the case numbers listed there. */
async function myCaseNumbers(page: Page, javaScriptEnabled: boolean): Promise<string[]> {
  await page.goto("/mijn/verzoeken");
  await expect(h1(page)).toHaveText("Mijn verzoeken");
  await landed(page, javaScriptEnabled);
  return caseNumbersOnPage(page);
}

async function caseNumbersOnPage(page: Page): Promise<string[]> {
  const headings = await page.locator("li.app-entry").getByRole("heading").allTextContents();
  return headings.flatMap((h) => h.match(CASE_NUMBER)?.[0] ?? []);
}

/** Resident, on an overview: asks about `entry` with the link `linkName`; returns the new case number. */
async function fileAbout(
  page: Page,
  javaScriptEnabled: boolean,
  entry: Locator,
  linkName: "Ik herken dit niet" | "Ik heb een vraag",
  message: string,
  before: string[],
): Promise<string> {
  const soort = linkName === "Ik herken dit niet" ? "herken_niet" : "vraag";
  await entry.getByRole("link", { name: linkName, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/mijn/verzoek\\?actie=${UUID}&soort=${soort}$`));
  await expect(h1(page)).toHaveText(soort === "herken_niet" ? "U herkent dit gebruik niet" : "Een vraag stellen over uw gegevens");
  await landed(page, javaScriptEnabled);
  await page.getByLabel("Uw bericht", { exact: true }).fill(message);
  await page.getByRole("button", { name: "Verstuur", exact: true }).click();
  await expect(page).toHaveURL(/\/mijn\/verzoeken\?ingediend=INZ-/);
  await expect(h1(page)).toHaveText("Mijn verzoeken");
  await landed(page, javaScriptEnabled);
  await expect(page.locator("li.app-entry")).toHaveCount(before.length + 1);
  const added = (await caseNumbersOnPage(page)).filter((z) => !before.includes(z));
  expect(added, "exactly one new request").toHaveLength(1);
  return added[0];
}

/** The resident's request with this case number on "Mijn verzoeken". */
function myRequest(page: Page, zaak: string): Locator {
  return page
    .locator("li.app-entry")
    .filter({ has: page.getByRole("heading", { name: `Zaaknummer ${zaak}`, exact: true }) });
}

/** Privacy officer, on the workspace: opens the request with this case number from the queue. */
async function openCase(page: Page, javaScriptEnabled: boolean, zaak: string): Promise<void> {
  await page.getByRole("link", { name: "Verzoeken van inwoners", exact: true }).click();
  await expect(page).toHaveURL(/\/medewerker\/verzoeken$/);
  await expect(h1(page)).toHaveText("Verzoeken van inwoners");
  await landed(page, javaScriptEnabled);
  const views = page.getByRole("navigation", { name: "Verzoeken van inwoners" });
  for (const view of ["Alle open verzoeken", "Te laat", "Termijn binnen 7 dagen"]) {
    await expect(views.getByRole("link", { name: view, exact: true })).toBeVisible();
  }
  await page.getByRole("table").getByRole("link", { name: zaak, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/medewerker/verzoeken/${UUID}$`));
  await expect(h1(page)).toHaveText(`Zaaknummer ${zaak}`);
  await landed(page, javaScriptEnabled);
}

/** Privacy officer, on a request: the text under "Bericht van de inwoner" and the history list. */
function residentMessage(page: Page): Locator {
  return page.locator('xpath=//h2[normalize-space()="Bericht van de inwoner"]/following-sibling::*[1]');
}

function history(page: Page): Locator {
  return page.locator('xpath=//h2[normalize-space()="Geschiedenis"]/following-sibling::ol[1]');
}

test("a clerk's look-up appears in the resident's overview", async ({ page, browser, javaScriptEnabled }, testInfo) => {
  const resident = await newActor(browser, testInfo);
  try {
    const bsn = await demoResidentBsn(resident.page, 5);

    await staffLogin(page, javaScriptEnabled, "Medewerker klantcontact");
    await expect(page.getByRole("link", { name: "Verzoeken van inwoners" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Accounts en audittrail" })).toHaveCount(0);
    await lookUp(page, javaScriptEnabled, bsn, `Inwoner belde over een brief (${uniqueMarker(testInfo)})`);
    await expect(page.locator(".app-case").first(), "the resident's cases").toBeVisible();
    // The look-up itself is logged on the resident, under the chosen reason.
    const clerkSees = page.locator(".app-entry").getByRole("heading", { name: LOOKUP_HEADING, exact: true });
    await expect(clerkSees.first()).toBeVisible();
    const lookups = await clerkSees.count();

    await residentLogin(resident.page, javaScriptEnabled, bsn);
    const residentSees = resident.page.locator("li.app-entry").getByRole("heading", { name: LOOKUP_HEADING, exact: true });
    await expect(residentSees.first()).toBeVisible();
    await expect(residentSees, "the resident sees every look-up the clerk saw").toHaveCount(lookups);
  } finally {
    await resident.context.close();
  }
});

test("a clerk files a request on behalf of a resident, and the resident sees it", async ({ page, browser, javaScriptEnabled }, testInfo) => {
  const resident = await newActor(browser, testInfo);
  try {
    const bsn = await demoResidentBsn(resident.page, 9);
    await staffLogin(page, javaScriptEnabled, "Medewerker klantcontact");
    await lookUp(page, javaScriptEnabled, bsn, "Inwoner aan de telefoon wil inzage");
    const kind = "Inzage in mijn gegevens (AVG artikel 15)";
    const zaak = await fileOnBehalf(page, kind, `Graag een kopie van alle gegevens (${uniqueMarker(testInfo)})`);

    await residentLogin(resident.page, javaScriptEnabled, bsn);
    expect(await myCaseNumbers(resident.page, javaScriptEnabled)).toContain(zaak);
    const item = myRequest(resident.page, zaak);
    await expect(dataValue(resident.page, item, "Soort")).toHaveText(kind);
    await expect(dataValue(resident.page, item, "Status")).toHaveText("Ontvangen");
  } finally {
    await resident.context.close();
  }
});

test("a clerk files a request about one entry; a refusal keeps the kind and points to the field; the officer sees who", async ({ page, browser, javaScriptEnabled }, testInfo) => {
  test.slow();
  const officer = await newActor(browser, testInfo);
  try {
    const option = (await officer.page.goto("/auth/demo-login"), await officer.page.getByLabel("Kies een inwoner", { exact: true }).locator("option").nth(13).textContent()) ?? "";
    const [, naam, bsn] = option.match(/^(.+) \(BSN (\d{9})\)$/) ?? [];
    expect(bsn, `a demo resident in "${option}"`).toBeTruthy();
    const end = bsn.slice(-3);
    await staffLogin(page, javaScriptEnabled, "Medewerker klantcontact");
    await lookUp(page, javaScriptEnabled, bsn, `Inwoner belt over een regel (${uniqueMarker(testInfo)})`);
    // The clerk checks name and BSN with the caller.
    await expect(page.getByText(`${naam}, met een BSN dat eindigt op ${end}. Controleer naam en BSN met de inwoner.`, { exact: true })).toBeVisible();

    // From one entry of a case that is not a look-up.
    const folded = page.locator(".app-case").filter({ has: page.locator("details:not([open])") }).first();
    const caseName = ((await folded.getByRole("heading", { level: 2 }).textContent()) ?? "").trim();
    // Found by its name: once opened, it no longer matches "folded".
    const theCase = page.locator(".app-case").filter({ has: page.getByRole("heading", { level: 2, name: caseName, exact: true }) }).first();
    await theCase.locator("summary").click();
    const entry = theCase.locator("li.app-entry").first();
    const what = ((await entry.getByRole("heading").textContent()) ?? "").trim();
    expect(what).not.toBe("");
    await entry.getByRole("link", { name: "Verzoek namens de inwoner over deze regel", exact: true }).click();
    await expect(page).toHaveURL(/\/medewerker\/inwoner\/[0-9a-f]{32}\?over=[^&#]+#verzoek-namens$/);
    await landed(page, javaScriptEnabled);
    const about = page.locator('xpath=//h3[normalize-space()="Over deze regel"]/following-sibling::ul[1]');
    await expect(about.getByRole("heading", { name: what, exact: true })).toBeVisible();
    await expect(about.getByRole("link"), "the entry inside the form offers no links").toHaveCount(0);

    // Only spaces: the browser lets it through, the server refuses it.
    const kind = "Ik herken dit niet";
    await page.getByLabel("Soort verzoek", { exact: true }).selectOption({ label: kind });
    await page.getByLabel("Wat vraagt de inwoner?", { exact: true }).fill("   ");
    await page.getByRole("button", { name: "Verzoek indienen", exact: true }).click();
    // Without JavaScript the form comes back; with it, the page stays and says the same.
    if (!javaScriptEnabled) await expect(page).toHaveURL(/fout=bericht/);
    const summary = page.getByRole("alert");
    await expect(summary.getByRole("heading", { name: "Er is iets niet goed ingevuld", exact: true })).toBeVisible();
    const missing = "Schrijf op wat de inwoner vraagt. Het verzoek is nog niet ingediend.";
    await expect(summary.getByRole("link", { name: missing, exact: true })).toHaveAttribute("href", "#bericht");
    const message = page.getByLabel("Wat vraagt de inwoner?", { exact: true });
    await expect(message).toHaveAttribute("aria-invalid", "true");
    await expect(message).toHaveAccessibleDescription(missing);
    await expect(page.getByLabel("Soort verzoek", { exact: true }).locator("option:checked")).toHaveText(kind);
    await expect(about.getByRole("heading", { name: what, exact: true }), "still about the same entry").toBeVisible();
    if (javaScriptEnabled) await expectAccessible(page);

    const marker = `Inwoner herkent deze regel niet (${uniqueMarker(testInfo)})`;
    await message.fill(marker);
    await page.getByRole("button", { name: "Verzoek indienen", exact: true }).click();
    await expect(page).toHaveURL(/\?ingediend=INZ-/);
    const zaak = new URL(page.url()).searchParams.get("ingediend") ?? "";
    expect(zaak).toMatch(CASE_NUMBER);

    // The officer sees whom it is from in the queue, and the entry on the request.
    await staffLogin(officer.page, javaScriptEnabled, "Privacyfunctionaris");
    await officer.page.getByRole("link", { name: "Verzoeken van inwoners", exact: true }).click();
    await landed(officer.page, javaScriptEnabled);
    const row = officer.page.getByRole("row").filter({ has: officer.page.getByRole("link", { name: zaak, exact: true }) });
    // "BSN …320" kept on one line (a no-break space).
    const who = new RegExp(`^${escapeRegExp(naam)} \\(BSN\\s…${end}\\)$`);
    await expect(row.getByText(who)).toBeVisible();
    await officer.page.goto("/medewerker");
    await openCase(officer.page, javaScriptEnabled, zaak);
    await expect(residentMessage(officer.page)).toHaveText(marker);
    await expect(officer.page.getByText(who)).toBeVisible();
    await expect(officer.page.getByRole("heading", { level: 2, name: "Waar het verzoek over gaat", exact: true })).toBeVisible();
  } finally {
    await officer.context.close();
  }
});

test("a contested entry reaches the officer, is extended and decided, and the resident sees the outcome", async ({ page, browser, javaScriptEnabled }, testInfo) => {
  test.slow();
  const marker = uniqueMarker(testInfo);
  const bsn = await demoResidentBsn(page, 7);
  await residentLogin(page, javaScriptEnabled, bsn);
  const before = await myCaseNumbers(page, javaScriptEnabled);
  await page.goto("/mijn");
  await expect(h1(page)).toHaveText("Mijn gegevensgebruik");
  await landed(page, javaScriptEnabled);
  const message = `Ik heb hier nooit om gevraagd. ${marker}`;
  await openCaseAt(page.locator(".app-case details").first());
  const zaak = await fileAbout(page, javaScriptEnabled, page.locator("li.app-entry").first(), "Ik herken dit niet", message, before);
  await expect(dataValue(page, myRequest(page, zaak), "Status")).toHaveText("Ontvangen");

  const officer = await newActor(browser, testInfo);
  try {
    const o = officer.page;
    await staffLogin(o, javaScriptEnabled, "Privacyfunctionaris");
    await openCase(o, javaScriptEnabled, zaak);
    await expect(residentMessage(o)).toContainText(marker);
    await expect(dataValue(o, o, "Soort verzoek")).toHaveText("Ik herken dit niet");
    await expect(dataValue(o, o, "Status")).toHaveText("Ontvangen");

    // The request is shown with the entry it is about.
    await expect(o.getByRole("heading", { name: "Waar het verzoek over gaat", exact: true })).toBeVisible();
    await o.getByRole("button", { name: "Ik neem dit verzoek in behandeling", exact: true }).click();
    await expect(dataValue(o, o, "Status")).toHaveText("In behandeling");
    await expect(o.getByRole("status").filter({ hasText: "Opgeslagen." })).toBeVisible();
    // Only the steps that fit: one's own request is not taken on again.
    await expect(o.getByRole("button", { name: "Ik neem dit verzoek in behandeling", exact: true })).toHaveCount(0);

    await o.getByLabel("Interne notitie", { exact: true }).fill(`interne-${marker}`);
    await o.getByRole("button", { name: "Notitie opslaan", exact: true }).click();
    await expect(history(o)).toContainText(`interne-${marker}`);

    await o.getByLabel("Met hoeveel maanden?", { exact: true }).selectOption("2");
    await o.getByLabel("Reden (de inwoner ziet deze reden)", { exact: true }).fill(`verleng-${marker}`);
    await o.getByRole("button", { name: "Termijn verlengen", exact: true }).click();
    await expect(dataValue(o, o, "Status")).toHaveText("Termijn verlengd");
    await expect(history(o)).toContainText(`verleng-${marker}`);
    // A request is extended once at most: the form is gone.
    await expect(o.getByRole("button", { name: "Termijn verlengen", exact: true })).toHaveCount(0);

    await o.getByLabel("Uitkomst", { exact: true }).selectOption({ label: "Afgewezen" });
    await o.getByLabel("Motivering (de inwoner ziet deze tekst)", { exact: true }).fill(`besluit-${marker}`);
    await o.getByRole("button", { name: "Besluit vastleggen", exact: true }).click();
    await expect(dataValue(o, o, "Status")).toHaveText("Besloten");
    await expect(history(o)).toContainText(`besluit-${marker}`);
    await expect(o.getByRole("button", { name: "Besluit vastleggen", exact: true })).toHaveCount(0);
  } finally {
    await officer.context.close();
  }

  await page.reload();
  await expect(h1(page)).toHaveText("Mijn verzoeken");
  await landed(page, javaScriptEnabled);
  const item = myRequest(page, zaak);
  await expect(dataValue(page, item, "Status")).toHaveText("Besloten");
  await expect(item.getByRole("heading", { name: "Berichten van de gemeente", exact: true })).toBeVisible();
  const messages = item.getByRole("listitem");
  await expect(messages.filter({ hasText: `verleng-${marker}` })).toHaveCount(1);
  await expect(messages.filter({ hasText: `U had geen gelijk: besluit-${marker}` })).toHaveCount(1);
  // The internal note never reaches the resident.
  await expect(page.locator("main")).not.toContainText(`interne-${marker}`);
});

test("an officer lifts confidentiality and the resident then sees those entries", async ({ page, browser, javaScriptEnabled }, testInfo) => {
  test.slow();
  const bsn = CONFIDENTIAL_BSN;
  await residentLogin(page, javaScriptEnabled, bsn);
  const requestsBefore = await myCaseNumbers(page, javaScriptEnabled);
  await page.goto("/mijn?periode=0&toon=2000"); // every entry listed, not only the first page
  await expect(h1(page)).toHaveText("Mijn gegevensgebruik");
  await landed(page, javaScriptEnabled);
  const entries = page.locator("li.app-entry");
  await openCaseAt(page.locator(".app-case details").first());
  await expect(entries.first()).toBeVisible();
  const entriesBefore = await entries.count();
  const liftedBefore = await entries.filter({ hasText: LIFTED }).count();
  const marker = uniqueMarker(testInfo);
  const zaak = await fileAbout(page, javaScriptEnabled, entries.first(), "Ik heb een vraag", `Welke gegevens heeft u nog meer? ${marker}`, requestsBefore);

  const officer = await newActor(browser, testInfo);
  let lifted = 0;
  try {
    const o = officer.page;
    await staffLogin(o, javaScriptEnabled, "Privacyfunctionaris");
    await openCase(o, javaScriptEnabled, zaak);
    await expect(residentMessage(o)).toContainText(marker);
    await o.getByRole("link", { name: "Onderzoek: alle vastleggingen over deze inwoner", exact: true }).click();
    await expect(o).toHaveURL(new RegExp(`/medewerker/onderzoek/${UUID}$`));
    const investigation = o.url();
    await expect(h1(o)).toHaveText("Onderzoek");
    await landed(o, javaScriptEnabled);

    const records = o.locator("li.app-entry");
    await expect(records.first()).toBeVisible();
    const confidentiality = dataValue(o, records, "Vertrouwelijkheid");
    const tally = async () => {
      const values = (await confidentiality.allTextContents()).map((v) => v.trim());
      return {
        records: await records.count(),
        vertrouwelijk: values.filter((v) => v.startsWith("Vertrouwelijk:")).length,
        opgeheven: values.filter((v) => v.startsWith("Opgeheven:")).length,
      };
    };
    const before = await tally();
    expect(before.vertrouwelijk, `demo resident ${bsn} has a confidential record left`).toBeGreaterThan(0);

    const secret = records
      .filter({ has: o.locator(".utrecht-data-list__item", { has: o.locator("dt", { hasText: /^\s*Vertrouwelijkheid\s*$/ }) }).locator("dd", { hasText: /^\s*Vertrouwelijk:/ }) })
      .first();
    await expect(dataValue(o, secret, "Personen")).toContainText(`BSN ${bsn}`);
    const liftLink = secret.getByRole("link", { name: "Vertrouwelijkheid opheffen", exact: true });
    const href = (await liftLink.getAttribute("href")) ?? "";
    const verwerking = new URL(href, investigation).searchParams.get("opheffen") ?? "";
    expect(verwerking, "the lift link names the verwerking").toMatch(new RegExp(`^${UUID}$`));
    const sameVerwerking = await o.locator(`li.app-entry a[href="${href}"]`).count();

    await liftLink.click();
    await expect(o).toHaveURL(new RegExp(`/medewerker/onderzoek/${UUID}\\?opheffen=${verwerking}$`));
    await landed(o, javaScriptEnabled);
    await expect(o.getByRole("heading", { name: "Weet u het zeker?", exact: true })).toBeVisible();
    await expect(o.getByRole("link", { name: "Annuleren", exact: true })).toBeVisible();
    const confirmation = (await o.getByRole("alert").filter({ hasText: "Weet u het zeker?" }).textContent()) ?? "";
    lifted = Number(confirmation.match(/op van (\d+) vastleggingen over deze inwoner/)?.[1] ?? 0);
    expect(lifted, "the confirmation counts this verwerking's records").toBe(sameVerwerking);
    expect(lifted).toBeGreaterThan(0);

    // A reason is required: without one the lift is refused and the question stays.
    await o.getByRole("button", { name: "Ja, hef de vertrouwelijkheid op voor deze inwoner", exact: true }).click();
    await expect(o.getByRole("heading", { name: "Weet u het zeker?", exact: true })).toBeVisible();
    await o.getByLabel("Reden (komt in de audittrail)").fill("De inwoner had gelijk: het onderzoek is afgerond.");
    await o.getByRole("button", { name: "Ja, hef de vertrouwelijkheid op voor deze inwoner", exact: true }).click();
    await expect(o).toHaveURL(investigation);
    await expect(o.getByRole("heading", { name: "Weet u het zeker?", exact: true })).toHaveCount(0);
    await expect
      .poll(tally, { message: "the lifted records show opgeheven", timeout: 10_000 })
      .toEqual({ records: before.records, vertrouwelijk: before.vertrouwelijk - lifted, opgeheven: before.opgeheven + lifted });
    await expect(o.locator(`a[href="${href}"]`)).toHaveCount(0);
  } finally {
    await officer.context.close();
  }

  await page.goto("/mijn?periode=0&toon=2000"); // every entry listed, not only the first page
  await expect(h1(page)).toHaveText("Mijn gegevensgebruik");
  await landed(page, javaScriptEnabled);
  // Every entry counts, folded or not; the resident's own views are not among them.
  expect(await entries.count()).toBeGreaterThanOrEqual(entriesBefore + lifted);
  await expect(entries.filter({ hasText: LIFTED })).toHaveCount(liftedBefore + lifted);
});

test("roles see only their own workspace", async ({ page, javaScriptEnabled }, testInfo) => {
  // Not logged in: to the staff login.
  await page.goto("/medewerker/opzoeken");
  await expect(page).toHaveURL(/\/medewerker\/inloggen$/);
  await expect(h1(page)).toHaveText("Inloggen voor medewerkers");
  await landed(page, javaScriptEnabled);

  // A wrong password: back to the login with an error.
  await page.getByLabel("Gebruikersnaam", { exact: true }).fill(`e2e-onbekend-${uniqueMarker(testInfo)}`);
  await page.getByLabel("Wachtwoord", { exact: true }).fill("dit-is-niet-het-wachtwoord");
  await page.getByRole("button", { name: "Inloggen", exact: true }).click();
  await expect(page).toHaveURL(/\/medewerker\/inloggen\?fout=onjuist$/);
  await expect(page.getByRole("alert")).toContainText("De gebruikersnaam of het wachtwoord klopt niet.");
  await expect(h1(page)).toHaveText("Inloggen voor medewerkers");
  await landed(page, javaScriptEnabled);

  // A clerk: no requests queue, no admin pages.
  await staffLogin(page, javaScriptEnabled, "Medewerker klantcontact");
  for (const path of ["/medewerker/verzoeken", "/medewerker/beheer"]) {
    const response = await page.goto(path);
    expect(response?.status(), `status of ${path} for a clerk`).toBe(403);
    await expect(page.getByText(FORBIDDEN, { exact: true })).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
  }

  // Logging out ends the staff session.
  await page.goto("/medewerker");
  await expect(h1(page)).toHaveText("Werkplek medewerkers");
  await landed(page, javaScriptEnabled);
  await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
  await expect(page).toHaveURL(/\/medewerker\/inloggen$/);
  await page.goto("/medewerker");
  await expect(page).toHaveURL(/\/medewerker\/inloggen$/);
});

test("every staff page passes axe", async ({ page, browser, javaScriptEnabled }, testInfo) => {
  test.skip(!javaScriptEnabled, "axe needs JavaScript in the page");
  test.slow();

  // The login page, plain and with an error.
  await page.goto("/medewerker/inloggen");
  await expect(h1(page)).toHaveText("Inloggen voor medewerkers");
  await landed(page, true);
  await expectAccessible(page);
  await page.goto("/medewerker/inloggen?fout=onjuist");
  await expect(page.getByRole("alert")).toContainText("De gebruikersnaam of het wachtwoord klopt niet.");
  await landed(page, true);
  await expectAccessible(page);

  // Clerk: home, look-up form, the resident page (and a request filed there for the officer).
  const bsn = await demoResidentBsn(page, 11);
  await staffLogin(page, true, "Medewerker klantcontact");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Inwoner opzoeken", exact: true }).click();
  await expect(h1(page)).toHaveText("Inwoner opzoeken");
  await landed(page, true);
  await expectAccessible(page);
  await page.goto("/medewerker");
  await landed(page, true);
  await lookUp(page, true, bsn, "Controle toegankelijkheid");
  await expect(page.locator(".app-case").first()).toBeVisible();
  await expectAccessible(page);
  const zaak = await fileOnBehalf(page, "Vraag", `Vraag voor de toegankelijkheidstest (${uniqueMarker(testInfo)})`);
  await expectAccessible(page);

  // Privacy officer: home, queue, a request, the investigation.
  const officer = await newActor(browser, testInfo);
  try {
    const o = officer.page;
    await staffLogin(o, true, "Privacyfunctionaris");
    await expectAccessible(o);
    await o.getByRole("link", { name: "Verzoeken van inwoners", exact: true }).click();
    await expect(o.getByRole("table").getByRole("link", { name: zaak, exact: true })).toBeVisible();
    await landed(o, true);
    await expectAccessible(o);
    await o.goto("/medewerker");
    await landed(o, true);
    await openCase(o, true, zaak);
    await expect(history(o)).toBeVisible();
    await expectAccessible(o);
    await o.getByRole("link", { name: "Onderzoek: alle vastleggingen over deze inwoner", exact: true }).click();
    await expect(h1(o)).toHaveText("Onderzoek");
    await expect(o.locator("li.app-entry").first()).toBeVisible();
    await landed(o, true);
    await expectAccessible(o);
  } finally {
    await officer.context.close();
  }

  // Admin: accounts and audit trail.
  const admin = await newActor(browser, testInfo);
  try {
    const a = admin.page;
    await staffLogin(a, true, "Beheerder");
    await expectAccessible(a);
    await a.getByRole("link", { name: "Accounts en audittrail", exact: true }).click();
    await expect(a).toHaveURL(/\/medewerker\/beheer$/);
    await expect(h1(a)).toHaveText("Accounts en audittrail");
    await landed(a, true);
    await expect(a.getByRole("table", { name: "Accounts", exact: true })).toBeVisible();
    const audit = a.getByRole("table", { name: "Audittrail", exact: true });
    await expect(audit).toContainText("inwoner opgezocht");
    await expect(audit).toContainText("inloggen");
    await expectAccessible(a);
  } finally {
    await admin.context.close();
  }
});

test("the register: the demo municipality's activities, searched, edited as a new version", async ({ page, javaScriptEnabled }, testInfo) => {
  test.slow();
  await staffLogin(page, javaScriptEnabled, "Beheerder");
  await page.getByRole("link", { name: "Register van verwerkingen", exact: true }).click();
  await expect(page).toHaveURL(/\/medewerker\/register$/);
  await expect(h1(page)).toHaveText("Register van verwerkingen");
  await landed(page, javaScriptEnabled);
  await expect(page.locator("li.app-entry").first()).toBeVisible();
  const all = await page.locator("li.app-entry").count();
  expect(all, "the demo municipality's activities").toBeGreaterThanOrEqual(40);
  if (javaScriptEnabled) await expectAccessible(page);

  await page.getByLabel("Zoeken in naam, doel of afdeling", { exact: true }).fill("parkeervergunning");
  await page.getByRole("button", { name: "Zoeken", exact: true }).click();
  await expect(page).toHaveURL(/zoek=parkeervergunning/);
  await expect(page.locator("li.app-entry")).not.toHaveCount(0);
  expect(await page.locator("li.app-entry").count()).toBeLessThan(all);

  await page.locator("li.app-entry a").first().click();
  await expect(page).toHaveURL(/\/medewerker\/register\/[^/?]+$/);
  await landed(page, javaScriptEnabled);
  const versions = page.locator("h2:has-text('Versies') + ol > li");
  // With JavaScript the link navigates in the page and the activity loads after the URL changes.
  await expect(versions.first()).toBeVisible();
  const before = await versions.count();
  expect(before).toBeGreaterThanOrEqual(1);
  if (javaScriptEnabled) await expectAccessible(page);

  const marker = `Titel ${uniqueMarker(testInfo)}`;
  await page.getByLabel("Titel voor inwoners", { exact: true }).fill(marker);
  await page.getByRole("button", { name: "Opslaan als nieuwe versie", exact: true }).click();
  await expect(page.getByText("Opgeslagen als nieuwe versie.")).toBeVisible();
  await expect(page.getByLabel("Titel voor inwoners", { exact: true })).toHaveValue(marker);
  await expect(versions).toHaveCount(before + 1);

  // A refused edit says why, and the success message of the last save goes away.
  await page.getByLabel(LAW_LINK, { exact: true }).fill("wetten.overheid.nl/BWBR0005537");
  await page.getByRole("button", { name: "Opslaan als nieuwe versie", exact: true }).click();
  const refusal = "Niet opgeslagen: de link naar de wet moet beginnen met https://.";
  await expect(page.getByRole("alert").getByRole("heading", { name: "Er is iets niet goed ingevuld", exact: true })).toBeVisible();
  await expect(page.getByRole("alert").getByRole("link", { name: refusal, exact: true })).toHaveAttribute("href", "#wet_url");
  // Beside the field too, and read out with it.
  await expect(page.getByLabel(LAW_LINK, { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel(LAW_LINK, { exact: true })).toHaveAccessibleDescription(refusal);
  await expect(page.getByText("Opgeslagen als nieuwe versie.")).toHaveCount(0);
  await expect(versions).toHaveCount(before + 1);
  // With JavaScript the page keeps what was typed.
  if (javaScriptEnabled) await expect(page.getByLabel(LAW_LINK, { exact: true })).toHaveValue("wetten.overheid.nl/BWBR0005537");
});
