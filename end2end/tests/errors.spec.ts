import { expect, test } from "@playwright/test";

test("unknown path answers 404 with a way back home", async ({ page }) => {
  const response = await page.goto("/bestaat-niet");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagina niet gevonden");
  await expect(page.locator('main a[href="/"]').first()).toBeVisible();
});
