import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

type AxeResult = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

/** One readable line per failing node, so a failed assertion shows what to fix. */
function summarize(results: AxeResult[]): string[] {
  return results.flatMap((r) =>
    r.nodes.map(
      (n) =>
        `${r.id} (${r.impact ?? "n/a"}): ${r.help} at ${n.target.join(" ")}` +
        (n.any.length ? ` — ${n.any.map((c) => c.message).join("; ")}` : ""),
    ),
  );
}

/**
 * The accessibility gate: WCAG 2.1 A/AA, fails on any violation and on any color-contrast
 * "incomplete" (needs review) result, which hides real contrast failures (shared/design/axe-gate.spec.js).
 */
export async function expectAccessible(page: Page): Promise<void> {
  // axe cannot judge the contrast of text cut by the viewport's edge ("partially overlaps
  // other elements"); show the whole page at once so every element is judged.
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, size.height), 10_000) });
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  expect(summarize(results.violations), "axe violations").toEqual([]);
  const contrast = results.incomplete.filter((r) => r.id === "color-contrast");
  expect(summarize(contrast), "axe color-contrast needs review").toEqual([]);
  // Guard against a vacuous pass (e.g. axe scanning an empty document).
  expect(results.passes.length, "axe rules passed").toBeGreaterThan(5);
}
