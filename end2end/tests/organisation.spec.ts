import { expect, test } from "@playwright/test";
import { SECOND_MUNICIPALITY, expectHydrated } from "./support/pages";

// The municipality is configuration: the demo runs as the example (Gemeente Voorbeeld, the
// voorbeeld theme); the non-demo instance is a second municipality from end2end/teststad.toml
// with Den Haag's published design tokens (npm @gemeente-denhaag/design-tokens-components).

test("each instance shows its own municipality's name, contact and theme", async ({ page, javaScriptEnabled }) => {
  for (const [base, name, phone, theme] of [
    ["", "Gemeente Voorbeeld", "14 0000", "voorbeeld-theme"],
    [SECOND_MUNICIPALITY, "Gemeente Teststad", "14 0999", "denhaag-theme"],
  ]) {
    await page.goto(`${base}/`);
    if (javaScriptEnabled) await expectHydrated(page);
    await expect(page.locator("header .app-logo__text")).toHaveText(name);
    await expect(page).toHaveTitle(`Inzage - ${name}`);
    await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme}\\b`));
    // The configured logo, or the example's mark.
    await expect(page.locator("header img.app-logo__image")).toHaveCount(base ? 1 : 0);
    const call = page.locator("footer").getByRole("link", { name: phone });
    await expect(call).toHaveAttribute("href", `tel:${phone.replace(/ /g, "")}`);
    // The theme's tokens reach the page: a token only that theme defines resolves.
    const token = theme === "denhaag-theme" ? "--denhaag-color-green-1" : "--voorbeeld-kleuren-blauw-500";
    const value = await page.evaluate((t) => getComputedStyle(document.documentElement).getPropertyValue(t), token);
    expect(value.trim(), `${token} on ${name}`).not.toBe("");
  }
});

test("the footer links to help, privacy and accessibility on every page", async ({ page }) => {
  for (const path of ["/", "/uitleg", "/privacy", "/toegankelijkheid", "/bestaat-niet"]) {
    await page.goto(path);
    const footer = page.locator("footer");
    for (const [name, href] of [
      ["Uitleg en contact", "/uitleg"],
      ["Privacyverklaring", "/privacy"],
      ["Toegankelijkheid", "/toegankelijkheid"],
    ]) {
      await expect(footer.getByRole("link", { name, exact: true }), `${name} on ${path}`).toHaveAttribute("href", href);
    }
  }
  await page.goto("/");
  await page.locator("footer").getByRole("link", { name: "Privacyverklaring" }).click();
  await expect(page.locator("h1")).toHaveText("Privacyverklaring van Inzage");
  await expect(page.getByRole("link", { name: "privacy@voorbeeld.example" })).toHaveAttribute(
    "href",
    "mailto:privacy@voorbeeld.example",
  );
  // The session limits come from the configuration (15 minutes, 2 hours by default).
  await expect(page.locator("main")).toContainText("15 minuten");
});

test("the help page says how to reach the municipality", async ({ page }) => {
  await page.goto(`${SECOND_MUNICIPALITY}/uitleg#contact`);
  const contact = page.locator("main dl").first();
  await expect(contact).toContainText("Postbus 9999, 9999 ZZ Teststad");
  await expect(contact.getByRole("link", { name: "https://www.teststad.example/contact" })).toBeVisible();
  await expect(contact.getByRole("link", { name: "privacy@teststad.example" })).toBeVisible();
  for (const word of ["Verwerking", "Waarom dit mag (grondslag)", "Hoe lang bewaard (bewaartermijn)", "Geheim onderzoek (vertrouwelijk)"]) {
    await expect(page.locator("main dt", { hasText: word })).toHaveCount(1);
  }
});

test("robots.txt keeps personal pages out; security.txt only when configured", async ({ request }) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  const text = await robots.text();
  for (const path of ["/mijn", "/medewerker"]) expect(text).toContain(`Disallow: ${path}\n`);

  expect((await request.get("/.well-known/security.txt")).status(), "the demo has no security contact").toBe(404);
  const security = await request.get(`${SECOND_MUNICIPALITY}/.well-known/security.txt`);
  expect(security.status()).toBe(200);
  expect(security.headers()["content-type"]).toContain("text/plain");
  const body = await security.text();
  expect(body).toContain("Contact: mailto:cert@teststad.example\n");
  const expires = /^Expires: (.+)$/m.exec(body)?.[1];
  expect(Date.parse(expires ?? "")).toBeGreaterThan(Date.now());
  expect(body).toContain(`Canonical: ${SECOND_MUNICIPALITY}/.well-known/security.txt`);
});
