#!/usr/bin/env python3
"""Mixed-load client for bench/mixed.sh: bulk and single-POST clients at once.

Usage: mixed.py URL TOKEN RECORDS.ndjson SECONDS BULK_CLIENTS SINGLE_CLIENTS OUT_IDS
Every client takes fresh records from one shared file; each acknowledged actieId is written to
OUT_IDS so the caller can check that every acknowledged record is stored exactly once.
"""
import http.client, json, sys, threading, time
from urllib.parse import urlparse

url, token, path, seconds, n_bulk, n_single, out_ids = sys.argv[1:8]
seconds, n_bulk, n_single = float(seconds), int(n_bulk), int(n_single)
host = urlparse(url)
lines = open(path, "rb").read().splitlines()
lock = threading.Lock()
cursor = 0
acked, errors = [], []
deadline = time.monotonic() + seconds

def take(n):
    global cursor
    with lock:
        start, cursor = cursor, cursor + n
    if start + n > len(lines):
        return None
    return lines[start:start + n]

def conn():
    return http.client.HTTPConnection(host.hostname, host.port, timeout=120)

def bulk_client():
    c, mine = conn(), []
    while time.monotonic() < deadline:
        batch = take(1000)
        if batch is None:
            break
        try:
            c.request("POST", "/api/v1/verwerkingsacties/bulk", body=b"\n".join(batch) + b"\n",
                      headers={"Authorization": f"Bearer {token}", "Content-Type": "application/x-ndjson"})
            r = c.getresponse()
            body = r.read()
            if r.status != 200:
                errors.append(f"bulk HTTP {r.status}: {body[:200]!r}")
                continue
            for line in body.splitlines():
                answer = json.loads(line)
                if answer.get("status") == 201:
                    mine.append(answer["actieId"])
                else:
                    errors.append(f"bulk line: {line[:200]!r}")
        except Exception as e:  # a dropped connection counts as an error, then carry on
            errors.append(f"bulk: {e}")
            c = conn()
    with lock:
        acked.extend(mine)

def single_client():
    c, mine = conn(), []
    while time.monotonic() < deadline:
        one = take(1)
        if one is None:
            break
        try:
            c.request("POST", "/api/v1/verwerkingsacties", body=one[0],
                      headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            r = c.getresponse()
            body = r.read()
            if r.status == 201:
                mine.append(json.loads(body)["actieId"])
            else:
                errors.append(f"single HTTP {r.status}: {body[:200]!r}")
        except Exception as e:
            errors.append(f"single: {e}")
            c = conn()
    with lock:
        acked.extend(mine)

threads = [threading.Thread(target=bulk_client) for _ in range(n_bulk)]
threads += [threading.Thread(target=single_client) for _ in range(n_single)]
started = time.monotonic()
for t in threads: t.start()
for t in threads: t.join()
elapsed = time.monotonic() - started
with open(out_ids, "w") as f:
    f.write("\n".join(acked) + "\n")
print(json.dumps({"clients": f"{n_bulk} bulk + {n_single} single", "seconds": round(elapsed, 1),
                  "acknowledged": len(acked), "distinct": len(set(acked)), "errors": len(errors),
                  "rate": round(len(acked) / elapsed), "first_errors": errors[:3]}))
