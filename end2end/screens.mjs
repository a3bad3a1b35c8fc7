// Screenshots of the pages their users meet most, at a phone's and a desktop's width, for
// docs/screens/ (scripts/screens.sh starts the demo and runs this): the busiest demo resident's
// overview and one of their cases, a clerk's look-up of that resident, the privacy officer's queue.
import fs from "node:fs";
import { chromium } from "@playwright/test";

const [base, out] = process.argv.slice(2);
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const origin = { Origin: base };

async function post(page, path, form) {
  const answer = await page.request.post(base + path, { form, headers: origin, maxRedirects: 0 });
  if (answer.status() >= 400) throw new Error(`${path}: ${answer.status()}`);
  return answer.headers()["location"] ?? "";
}

// The busiest demo resident: the one whose overview counts the most uses.
async function busiestResident(page) {
  await page.goto(base + "/auth/demo-login");
  const bsns = [...(await page.content()).matchAll(/BSN (\d{9})/g)].map((m) => m[1]);
  let busiest = { bsn: bsns[0], uses: -1 };
  for (const bsn of bsns) {
    await post(page, "/auth/demo-login", { bsn });
    const html = await (await page.request.get(base + "/mijn")).text();
    const uses = Number(html.match(/uw gegevens (\d+) keer/)?.[1] ?? 0);
    if (uses > busiest.uses) busiest = { bsn, uses };
  }
  return busiest.bsn;
}

async function shoot(page, name, width) {
  await page.locator("html[data-hydrated]").waitFor({ timeout: 15_000 });
  await page.screenshot({ path: `${out}/${name}-${width}.png`, fullPage: true });
  console.log(`screens: ${out}/${name}-${width}.png`);
}

const setup = await browser.newPage();
const bsn = await busiestResident(setup);
// Requests for the officer's queue.
for (const [soort, bericht] of [["herken_niet", "Ik heb nooit een parkeervergunning aangevraagd."], ["inzage", "Graag een kopie van alles wat u van mij heeft."], ["vraag", "Waarom keek Belastingen naar mijn adres?"]]) {
  await post(setup, "/api/portaal/verzoek", { actie: "", soort, bericht });
}

for (const [width, height] of [[390, 844], [1280, 900]]) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await post(page, "/auth/demo-login", { bsn });
  await page.goto(base + "/mijn");
  await shoot(page, "resident-overview", width);
  const caseHref = await page.locator('a[href^="/mijn/zaak/"]').first().getAttribute("href");
  await page.goto(base + caseHref);
  await shoot(page, "resident-case", width);

  await post(page, "/medewerker/demo-login", { rol: "clerk" });
  const residentPage = await post(page, "/api/portaal/medewerker-opzoeken", { bsn, reden: "telefonische_vraag", toelichting: "Inwoner belt over een brief" });
  await page.goto(base + residentPage);
  await shoot(page, "clerk-resident", width);

  await post(page, "/medewerker/demo-login", { rol: "privacy_officer" });
  await page.goto(base + "/medewerker/verzoeken");
  await shoot(page, "officer-queue", width);
  await context.close();
}
await browser.close();
