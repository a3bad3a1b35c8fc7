import { expect, test } from "@playwright/test";
import { PAGES, openPage } from "./support/pages";

// The page frame every page shares. Runs in both projects (js and nojs).
for (const spec of PAGES) {
  // The demo's example theme, or the second municipality's (Den Haag's published tokens).
  const theme = spec.base ? "denhaag-theme" : "voorbeeld-theme";
  test.describe(spec.name, () => {
    test.beforeEach(async ({ page, javaScriptEnabled }) => {
      await openPage(page, spec, javaScriptEnabled);
    });

    test("html root carries language and theme", async ({ page }) => {
      const html = page.locator("html");
      await expect(html).toHaveAttribute("lang", spec.lang);
      await expect(html).toContainClass(`utrecht-root ${theme}`);
    });

    test("has a title, one main, header, footer and one h1", async ({ page }) => {
      await expect(page).toHaveTitle(/\S/);
      await expect(page.locator("main")).toHaveCount(1);
      await expect(page.locator("main#main")).toHaveCount(1);
      await expect(page.locator("header").first()).toBeVisible();
      await expect(page.locator("footer").first()).toBeVisible();
      // landmarks as assistive technology sees them (a header/footer inside main would not count)
      await expect(page.getByRole("banner")).toHaveCount(1);
      await expect(page.getByRole("contentinfo")).toHaveCount(1);
      await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(spec.h1);
    });

    test("skip link is the first focusable element", async ({ page }) => {
      const skip = page.locator('a.utrecht-skip-link[href="#main"]');
      await expect(skip).toHaveCount(1);
      await page.keyboard.press("Tab");
      await expect(skip).toBeFocused();
      await expect(skip).toBeVisible(); // visible while focused
    });

    test("theme and bridge styles are applied", async ({ page }) => {
      const token = (name: string) =>
        page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);
      if (theme === "voorbeeld-theme") {
        expect(await token("--basis-focus-outline-color"), "voorbeeld theme.css loaded").not.toBe("");
        expect(await token("--utrecht-focus-outline-style"), "theme-bridge.css loaded").not.toBe("");
      } else {
        // Den Haag's theme sets the component tokens itself; the bridge is for the example theme.
        expect(await token("--denhaag-focus-border-style"), "the configured theme's CSS loaded").not.toBe("");
        expect(await token("--utrecht-focus-outline-style"), "its component tokens").not.toBe("");
      }
    });
  });
}
