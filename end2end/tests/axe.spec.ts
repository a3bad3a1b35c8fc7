import { test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { PAGES, openPage } from "./support/pages";

// WCAG 2.1 A/AA gate on every page in support/pages.ts (after hydration).
// js project only: axe runs inside the page and hangs when JavaScript is disabled.
for (const spec of PAGES) {
  test(`axe: ${spec.name}`, async ({ page, javaScriptEnabled }) => {
    test.skip(!javaScriptEnabled, "axe needs JavaScript in the page");
    await openPage(page, spec, javaScriptEnabled);
    await expectAccessible(page);
  });
}
