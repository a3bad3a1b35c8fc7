import { expect, test } from "@playwright/test";
import { LANDING_NL, expectHydrated } from "./support/pages";

test.describe("hydration", () => {
  test("the WASM hydrates the page (js)", async ({ page, javaScriptEnabled }) => {
    test.skip(!javaScriptEnabled, "needs JavaScript");
    await page.goto("/");
    await expectHydrated(page);
  });

  test("without JavaScript the server-rendered page works and never hydrates (nojs)", async ({
    page,
    javaScriptEnabled,
  }) => {
    test.skip(javaScriptEnabled, "checks the no-JS rendering");
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(LANDING_NL.h1);
    await expect(page.locator("html")).not.toHaveAttribute("data-hydrated");
  });
});

test("landing page loads without page errors or console errors (js)", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "needs JavaScript");
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  // CSP violations, failed resource loads (404 favicon, wasm) and panics all show up as console errors.
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console.error: ${m.text()}`);
  });
  page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));

  await page.goto("/");
  await expectHydrated(page);
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(LANDING_NL.h1);
  expect(problems).toEqual([]);
});
