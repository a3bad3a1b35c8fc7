import { expect, test, type Page } from "@playwright/test";
import { expectHydrated } from "./support/pages";

// Phones first: at 320 and 390 px no page is wider than the screen (no sideways scrolling), with
// and without JavaScript, for every kind of user.

const WIDTHS = [320, 390];

type Who = "anonymous" | "resident" | "clerk" | "privacy_officer" | "admin";

/** The pages each kind of user sees; a function gives a path found on an earlier page. */
const PAGES: Record<Who, (string | ((page: Page) => Promise<string>))[]> = {
  anonymous: ["/", "/auth/demo-login", "/bestaat-niet", "/inloggen/mislukt?reden=geannuleerd", "/medewerker/inloggen", "/uitgelogd", "/uitleg", "/privacy", "/toegankelijkheid"],
  resident: ["/mijn", firstLink("/mijn", "/mijn/zaak/"), "/mijn/verzoeken", "/mijn/verzoek?soort=vraag"],
  clerk: ["/medewerker", "/medewerker/opzoeken"],
  privacy_officer: ["/medewerker/verzoeken"],
  admin: ["/medewerker/beheer", "/medewerker/register", firstLink("/medewerker/register", "/medewerker/register/")],
};

/** The target of the first link on `from` that starts with `prefix`. */
function firstLink(from: string, prefix: string): (page: Page) => Promise<string> {
  return async (page) => {
    await page.goto(from);
    const href = await page.locator(`a[href^="${prefix}"]`).first().getAttribute("href");
    expect(href, `a link to ${prefix}… on ${from}`).toBeTruthy();
    return href!;
  };
}

/** Logs in the demo way, by form posts as a browser sends them. */
async function logIn(page: Page, who: Who, baseURL: string): Promise<void> {
  const origin = { Origin: baseURL };
  if (who === "resident") {
    await page.goto("/auth/demo-login");
    const bsn = (await page.content()).match(/BSN (\d{9})/)?.[1];
    expect(bsn, "a demo resident").toBeTruthy();
    const answer = await page.request.post("/auth/demo-login", { form: { bsn: bsn! }, headers: origin, maxRedirects: 0 });
    expect(answer.status()).toBe(303);
  } else if (who !== "anonymous") {
    const answer = await page.request.post("/medewerker/demo-login", { form: { rol: who }, headers: origin, maxRedirects: 0 });
    expect(answer.status()).toBe(303);
  }
}

for (const who of Object.keys(PAGES) as Who[]) {
  for (const width of WIDTHS) {
    test(`${who}: every page fits a ${width} px screen`, async ({ page, javaScriptEnabled, baseURL }) => {
      await page.setViewportSize({ width, height: 800 });
      await logIn(page, who, baseURL!);
      for (const entry of PAGES[who]) {
        const path = typeof entry === "string" ? entry : await entry(page);
        await page.goto(path);
        if (javaScriptEnabled) await expectHydrated(page);
        const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
          const screen = window.innerWidth;
          const over = [...document.querySelectorAll("body *")].filter(
            (e) =>
              e.getBoundingClientRect().right > screen + 1 &&
              ![...e.children].some((c) => c.getBoundingClientRect().right > screen + 1),
          );
          return {
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: screen,
            widest: over.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`),
          };
        });
        expect(scrollWidth, `${path} at ${width} px is ${scrollWidth} px wide (${widest.join(", ")})`).toBeLessThanOrEqual(innerWidth);
      }
    });
  }
}

// The busiest demo resident's overview on a phone (390 × 844): at most four screens down to
// "Toon meer gebruik" (or to the end, when there is no more).
test("the busiest resident's overview is at most 4 phone screens tall", async ({ page, javaScriptEnabled, baseURL }) => {
  test.slow();
  const screen = { width: 390, height: 844 };
  await page.setViewportSize(screen);
  await page.goto("/auth/demo-login");
  const bsns = [...(await page.content()).matchAll(/BSN (\d{9})/g)].map((m) => m[1]);
  expect(bsns.length).toBeGreaterThan(3);
  let busiest = { bsn: "", uses: -1 };
  for (const bsn of bsns) {
    const login = await page.request.post("/auth/demo-login", { form: { bsn }, headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(login.status()).toBe(303);
    const html = await (await page.request.get("/mijn")).text();
    const uses = Number(html.match(/uw gegevens (\d+) keer/)?.[1] ?? 0);
    if (uses > busiest.uses) busiest = { bsn, uses };
  }
  expect(busiest.uses, "the busiest resident has entries").toBeGreaterThan(25);
  await page.request.post("/auth/demo-login", { form: { bsn: busiest.bsn }, headers: { Origin: baseURL! }, maxRedirects: 0 });
  await page.goto("/mijn");
  if (javaScriptEnabled) await expectHydrated(page);
  const more = page.getByRole("link", { name: "Toon meer gebruik" });
  await expect(more).toBeVisible();
  const bottom = await more.evaluate((a) => a.getBoundingClientRect().bottom + window.scrollY);
  expect(bottom / screen.height, `"Toon meer gebruik" is ${Math.round(bottom)} px down`).toBeLessThanOrEqual(4);
});
