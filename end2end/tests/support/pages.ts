import { expect, type Locator, type Page } from "@playwright/test";

/** Every page the browser tests visit. Add new pages here: the layout and axe specs pick them up. */
export interface PageSpec {
  /** Test title. */
  name: string;
  path: string;
  /** Interface language; anything but "nl" is switched on first via /taal/<lang>. */
  lang: "nl" | "en";
  /** Expected HTTP status of the document. */
  status: number;
  /** Expected text of the only h1. */
  h1: string;
  /** Another app server than the demo (baseURL), e.g. the second municipality's. */
  base?: string;
}

/** The non-demo instance (playwright.config.ts): a second municipality, Den Haag's published theme. */
export const SECOND_MUNICIPALITY = "http://127.0.0.1:3201";

export const PAGES: PageSpec[] = [
  { name: "landing (nl)", path: "/", lang: "nl", status: 200, h1: "Zie wat de gemeente met uw gegevens doet" },
  { name: "landing (en)", path: "/", lang: "en", status: 200, h1: "See how the municipality uses your data" },
  { name: "404 (nl)", path: "/bestaat-niet", lang: "nl", status: 404, h1: "Pagina niet gevonden" },
  { name: "login failed (nl)", path: "/inloggen/mislukt?reden=geannuleerd", lang: "nl", status: 200, h1: "Inloggen is niet gelukt" },
  { name: "logged out (nl)", path: "/uitgelogd", lang: "nl", status: 200, h1: "U bent uitgelogd" },
  { name: "help (nl)", path: "/uitleg", lang: "nl", status: 200, h1: "Uitleg en contact" },
  { name: "help (en)", path: "/uitleg", lang: "en", status: 200, h1: "Help and contact" },
  { name: "privacy (nl)", path: "/privacy", lang: "nl", status: 200, h1: "Privacyverklaring van Inzage" },
  { name: "privacy (en)", path: "/privacy", lang: "en", status: 200, h1: "Privacy statement of Inzage" },
  { name: "accessibility (nl)", path: "/toegankelijkheid", lang: "nl", status: 200, h1: "Toegankelijkheidsverklaring" },
  { name: "accessibility (en)", path: "/toegankelijkheid", lang: "en", status: 200, h1: "Accessibility statement" },
  { name: "second municipality: landing (nl)", path: "/", lang: "nl", status: 200, h1: "Zie wat de gemeente met uw gegevens doet", base: SECOND_MUNICIPALITY },
  { name: "second municipality: help (en)", path: "/uitleg", lang: "en", status: 200, h1: "Help and contact", base: SECOND_MUNICIPALITY },
  { name: "second municipality: privacy (nl)", path: "/privacy", lang: "nl", status: 200, h1: "Privacyverklaring van Inzage", base: SECOND_MUNICIPALITY },
];

export const LANDING_NL = PAGES[0];

/** Switches the interface language the no-JS way (the endpoint the header links point to). */
export async function setLanguage(page: Page, lang: string, back = "/", base = ""): Promise<void> {
  const response = await page.goto(`${base}/taal/${lang}?terug=${encodeURIComponent(back)}`);
  expect(response?.ok(), `/taal/${lang} should redirect to a page that loads`).toBe(true);
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
}

/** Waits until the WASM has hydrated the page (the app sets <html data-hydrated="true">). */
export async function expectHydrated(page: Page): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
}

/**
 * Opens a page in its language and checks the status. With JavaScript on, it also waits for
 * hydration, so later checks see the final DOM.
 */
export async function openPage(page: Page, spec: PageSpec, javaScriptEnabled: boolean): Promise<void> {
  const base = spec.base ?? "";
  if (spec.lang !== "nl") await setLanguage(page, spec.lang, "/", base);
  const response = await page.goto(base + spec.path);
  expect(response?.status(), `status of ${spec.path}`).toBe(spec.status);
  if (javaScriptEnabled) await expectHydrated(page);
}

/** Unfolds a case's `<details>` (a look-up's case is open already; a click would fold it). */
export async function openCaseAt(details: Locator): Promise<void> {
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator("summary").click();
  await expect(details).toHaveAttribute("open", "");
}
