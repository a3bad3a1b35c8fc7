import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

// A witness runs the real command against the running portal (the demo on 3200): it cosigns the
// newest checkpoint, then refuses a portal that shows fewer entries than it cosigned (a rollback).
// HTTP and the command line only, so it runs once, in the js project.
test.beforeEach(({ javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "runs in the js project");
});

const repoRoot = path.resolve(__dirname, "../..");
const dir = path.join(repoRoot, "target/e2e/witness");

function cosign(logKey: string): { status: number; stdout: string; stderr: string } {
  const args = ["checkpoint", "cosign", "--key", path.join(dir, "witness.key"), "--name", "fg.voorbeeld.nl",
    "--log", "http://127.0.0.1:3200", "--log-key", logKey, "--state", path.join(dir, "state")];
  try {
    const stdout = execFileSync(path.join(repoRoot, "target/debug/inzage"), args, {
      cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, INZAGE_LOG: "error" },
    });
    return { status: 0, stdout, stderr: "" };
  } catch (e) {
    const failed = e as { status: number; stdout: string; stderr: string };
    return { status: failed.status, stdout: failed.stdout, stderr: failed.stderr };
  }
}

test("a witness cosigns the portal's checkpoint and refuses a rollback", async ({ request }) => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const logKey = (await (await request.get("/api/v1/checkpoint/sleutel")).text()).trim();
  expect(logKey).toMatch(/^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);

  const first = cosign(logKey);
  expect(first.status, first.stderr).toBe(0);
  // The portal's signature and the witness's, each on a line of its own.
  expect(first.stdout.match(/^— \S+ \S+$/gm)).toHaveLength(2);
  expect(first.stdout).toContain("— fg.voorbeeld.nl ");
  const again = cosign(logKey);
  expect(again.status, again.stderr).toBe(0);

  // The witness remembers a larger log than the portal now shows: the portal must have lost entries.
  const state = fs.readFileSync(path.join(dir, "state"), "utf8").split("\n");
  state[1] = String(Number(state[1]) + 1000000);
  fs.writeFileSync(path.join(dir, "state"), state.join("\n"));
  const refused = cosign(logKey);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain("REFUSED: rollback");

  // Another log's key: the checkpoint is not signed by it.
  fs.rmSync(path.join(dir, "state"));
  const other = logKey.replace(/\+[0-9a-f]{8}\+/, "+00000000+");
  const unsigned = cosign(other);
  expect(unsigned.status).not.toBe(0);
});
