#!/usr/bin/env python3
"""Realistic processing-log records for the ingest benchmark.

Writes N POST bodies as NDJSON (1-3 persons and 1-3 data categories each),
plus the same records flattened to CSV (one row per person) for the
sqlite3 `.import` / PostgreSQL `COPY` baselines. Seeded: same N, same files.
"""
import csv, json, random, sys, uuid
from datetime import datetime, timedelta, timezone

def bsns(count, rng):
    # 50,000 valid (11-proef) numbers; the 9999xxxxx test range is too small for that.
    out, n = [], 600_000_000
    while len(out) < count:
        d = [int(c) for c in f"{n:09d}"]
        if (sum(d[i] * (9 - i) for i in range(8)) - d[8]) % 11 == 0:
            out.append(f"{n:09d}")
        n += 1
    return out

def main(n, ndjson_path, csv_path):
    rng = random.Random(42)
    people = bsns(50_000, rng)
    acts = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(40)]
    cats = ["Naam", "Adres", "BSN", "Geboortedatum", "Inkomen", "Kenteken", "Gezondheid", "Nationaliteit"]
    roles = ["Aanvrager", "Partner", "Medebewoner", "Getuige"]
    start = datetime(2025, 12, 1, tzinfo=timezone(timedelta(hours=1)))
    with open(ndjson_path, "w") as out, open(csv_path, "w", newline="") as flat:
        writer = csv.writer(flat)
        for i in range(n):
            t = (start + timedelta(seconds=i * 29)).isoformat()
            verwerking = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            objs = []
            for p in range(rng.randint(1, 3)):
                objs.append({"objecttype": "persoon", "soortObjectId": "BSN", "objectId": rng.choice(people),
                             "betrokkenheid": roles[p], "verwerkteSoortenGegevens":
                             [{"soortGegeven": c} for c in rng.sample(cats, rng.randint(1, 3))]})
            rec = {"actieNaam": "Ophalen persoonsgegevens", "handelingNaam": "Intake", "verwerkingNaam": "Aanvraag",
                   "verwerkingId": verwerking, "verwerkingsactiviteitId": rng.choice(acts),
                   "vertrouwelijkheid": "normaal", "bewaartermijn": "P5Y", "systeem": "Zaaksysteem v3",
                   "gebruiker": f"mdw-{rng.randint(1, 300)}", "gegevensbron": "BRP", "tijdstip": t,
                   "verwerkteObjecten": objs}
            out.write(json.dumps(rec, separators=(",", ":")) + "\n")
            for o in objs:
                writer.writerow([i, rec["actieNaam"], rec["handelingNaam"], rec["verwerkingNaam"], verwerking,
                                 rec["verwerkingsactiviteitId"], "normaal", "P5Y", rec["systeem"], rec["gebruiker"],
                                 "BRP", t, o["objectId"], o["betrokkenheid"],
                                 json.dumps([c["soortGegeven"] for c in o["verwerkteSoortenGegevens"]])])

if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], sys.argv[3])
