import { expect, test, type Page } from "@playwright/test";
import { PAGES, expectHydrated } from "./support/pages";

const NL = PAGES.find((p) => p.path === "/" && p.lang === "nl")!;
const EN = PAGES.find((p) => p.path === "/" && p.lang === "en")!;

/** `/taal/<lang>?terug=<path>`, with the path raw or percent-encoded. */
function switchHref(lang: string, back: string): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^/taal/${lang}\\?terug=(${esc(back)}|${esc(encodeURIComponent(back))})$`);
}

function languageLink(page: Page, lang: "nl" | "en") {
  return page.locator(`header a[hreflang="${lang}"]`);
}

// Plain links, no JavaScript needed: runs in both projects.
test("switch to English and back with the header links", async ({ page, javaScriptEnabled }) => {
  await page.goto("/");
  if (javaScriptEnabled) await expectHydrated(page); // a click must also work after hydration
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");

  const toEnglish = languageLink(page, "en");
  await expect(toEnglish).toHaveCount(1);
  await expect(toEnglish).toHaveText("English");
  await expect(toEnglish).toHaveAttribute("href", switchHref("en", "/"));
  await toEnglish.click();

  await expect(page).toHaveURL("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(EN.h1);

  // the choice sticks for the next request
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(EN.h1);
  if (javaScriptEnabled) await expectHydrated(page);

  const toDutch = languageLink(page, "nl");
  await expect(toDutch).toHaveCount(1);
  await expect(toDutch).toHaveText("Nederlands");
  await expect(toDutch).toHaveAttribute("href", switchHref("nl", "/"));
  await toDutch.click();

  await expect(page).toHaveURL("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(NL.h1);
});

test("the switch returns to the current path", async ({ page }) => {
  const response = await page.goto("/bestaat-niet");
  expect(response?.status()).toBe(404);
  const toEnglish = languageLink(page, "en");
  await expect(toEnglish).toHaveAttribute("href", switchHref("en", "/bestaat-niet"));
  await toEnglish.click();
  await expect(page).toHaveURL("/bestaat-niet");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("the switch never redirects to another site", async ({ request, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "HTTP only; runs once, in the js project");
  for (const back of ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)"]) {
    const response = await request.get(`/taal/en?terug=${encodeURIComponent(back)}`, { maxRedirects: 0 });
    expect(response.status(), `terug=${back}`).toBeLessThan(500);
    const location = response.headers()["location"];
    if (location !== undefined) {
      expect(location, `terug=${back}`).toMatch(/^\/(?![/\\])/);
    }
  }
});
