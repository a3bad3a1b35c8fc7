import { expect, test } from "@playwright/test";

// Plain HTTP checks; they do not depend on the browser, so they run once, in the js project.
test.beforeEach(({ javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "HTTP only; runs in the js project");
});

test("health endpoints answer 200", async ({ request }) => {
  expect((await request.get("/healthz")).status()).toBe(200);
  expect((await request.get("/readyz")).status()).toBe(200);
});

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

function nonceOf(csp: string): string | undefined {
  return directives(csp).get("script-src")?.find((v) => v.startsWith("'nonce-"));
}

test("security headers on the landing page", async ({ request }) => {
  const response = await request.get("/");
  expect(response.status()).toBe(200);
  const h = response.headers();

  const csp = h["content-security-policy"] ?? "";
  expect(csp, "content-security-policy").toContain("frame-ancestors 'none'");
  const nonce = nonceOf(csp);
  expect(nonce, "script-src has a 'nonce-…' source").toMatch(/^'nonce-[A-Za-z0-9+/_=-]{16,}'$/);

  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"] ?? "", "referrer-policy").not.toBe("");
  expect(h["x-request-id"] ?? "", "x-request-id").not.toBe("");

  // the nonce is fresh per response and is the one the page's scripts carry
  const again = nonceOf((await request.get("/")).headers()["content-security-policy"] ?? "");
  expect(again, "nonce changes per response").not.toBe(nonce);
  const value = nonce!.slice("'nonce-".length, -1);
  const body = await response.text();
  expect(body, "inline/module scripts carry the CSP nonce").toContain(`nonce="${value}"`);
});
