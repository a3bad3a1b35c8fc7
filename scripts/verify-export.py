#!/usr/bin/env python3
"""Check a resident's signed export from the Inzage portal, independently.

A resident can download from the portal which actions on their personal
data were logged ("mijn-gegevensgebruik.json"). This script lets anyone
(the resident, a journalist, an auditor) check that file without trusting
the portal, and needs only Python 3.11 or later, no extra packages:

    scripts/verify-export.py mijn-gegevensgebruik.json [--key KEY]

It checks that
  1. the file as a whole is signed (JWS, Ed25519) by the key it names;
  2. that key is a well-formed key of the municipality's log and, with
     --key, is exactly the key you give (the one the municipality
     publishes);
  3. the log's checkpoint in the file (its size and root hash, a C2SP
     signed note) is signed by the same key;
  4. every entry carries a proof that it is in that log: its leaf hash,
     rebuilt from what the entry shows (and hashes of what it does not),
     leads with the Merkle inclusion proof (RFC 9162) to the signed root.

So no entry can have been changed, added or left out of the log after
the log was signed. On success it prints "OK: ..." and exits 0; otherwise
it prints "NOT VALID: <reason>" and exits 1. Without --key it also asks
you to compare the printed key with the one your municipality publishes:
only then do you know the municipality, not someone else, signed it.

`scripts/verify-export.py --self-test` checks the script's own Ed25519 and
Merkle code against published test vectors (RFC 8032, RFC 6962).
"""

import argparse
import base64
import hashlib
import json
import re
import sys
import unicodedata

FORMAT = "inzage-export/1"
LEAF_TAG = b"inzage/actie/1\n"
SIG_PREFIX = "\u2014 "  # em dash, space: starts a note's signature line
MAX_SIGNATURES = 100


class Invalid(Exception):
    """The export is not valid; the message says why."""


# --- Ed25519 verification (RFC 8032 §5.1.7, after its §6 reference code) ---

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)
IDENTITY = (0, 1, 1, 0)  # extended coordinates (X, Y, Z, T)


def _add(a, b):
    e = (a[1] - a[0]) * (b[1] - b[0]) % P
    f = (a[1] + a[0]) * (b[1] + b[0]) % P
    c = 2 * a[3] * b[3] * D % P
    d = 2 * a[2] * b[2] % P
    e, f, g, h = f - e, d - c, d + c, f + e
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def _mul(s, point):
    q = IDENTITY
    while s:
        if s & 1:
            q = _add(q, point)
        point = _add(point, point)
        s >>= 1
    return q


def _equal(a, b):
    return (a[0] * b[2] - b[0] * a[2]) % P == 0 and (a[1] * b[2] - b[1] * a[2]) % P == 0


def _decompress(s):
    """The point a 32-byte encoding stands for, or None (also if not canonical)."""
    if len(s) != 32:
        return None
    y = int.from_bytes(s, "little")
    sign, y = y >> 255, y & ((1 << 255) - 1)
    if y >= P:
        return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P or (x == 0 and sign):
        return None
    if x & 1 != sign:
        x = P - x
    return (x, y, 1, x * y % P)


G = _decompress((4 * pow(5, P - 2, P) % P).to_bytes(32, "little"))


def ed25519_verify(public, message, signature):
    """Strict: refuses non-canonical encodings, S >= L and small-order points."""
    if len(public) != 32 or len(signature) != 64:
        return False
    a, r = _decompress(public), _decompress(signature[:32])
    s = int.from_bytes(signature[32:], "little")
    if a is None or r is None or s >= L:
        return False
    if _equal(_mul(8, a), IDENTITY) or _equal(_mul(8, r), IDENTITY):
        return False
    k = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little")
    return _equal(_mul(s, G), _add(r, _mul(k % L, a)))


# --- Encodings: strict, so every valid file has exactly one spelling ---


def b64url(text):
    """base64url without padding; the re-encoding check refuses stray bits."""
    raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if base64.urlsafe_b64encode(raw).rstrip(b"=").decode() != text:
        raise ValueError("non-canonical base64url")
    return raw


def b64std(text):
    """Standard base64 with padding."""
    raw = base64.b64decode(text, validate=True)
    if base64.b64encode(raw).decode() != text:
        raise ValueError("non-canonical base64")
    return raw


def hex32(text, size=32):
    """Hex of exactly `size` bytes, or None."""
    if not isinstance(text, str) or not re.fullmatch(r"[0-9a-fA-F]{%d}" % (2 * size), text):
        return None
    return bytes.fromhex(text)


def sha256(data):
    return hashlib.sha256(data).digest()


def load_json(data):
    """JSON as serde reads it: no duplicate keys, no NaN or Infinity."""

    def pairs(items):
        if len({k for k, _ in items}) != len(items):
            raise ValueError("duplicate key")
        return dict(items)

    def constant(name):
        raise ValueError(f"{name} is not JSON")

    return json.loads(data, object_pairs_hook=pairs, parse_constant=constant)


# --- C2SP signed notes and checkpoints ---


def valid_name(name):
    return bool(name) and not any(
        c.isspace() or c == "+" or unicodedata.category(c) == "Cc" for c in name
    )


def has_control(text):
    return any(c < " " and c != "\n" for c in text)


def parse_key(text):
    """A note verifier key `name+keyid+base64(0x01 || key)`: (name, key id, public key)."""
    parts = text.split("+", 2) if isinstance(text, str) else []
    if len(parts) != 3 or not valid_name(parts[0]):
        raise Invalid(f"{text!r} is not a valid note key")
    name, key_id, encoded = parts
    try:
        raw = b64std(encoded)
    except ValueError:
        raw = b""
    if not re.fullmatch(r"[0-9a-fA-F]{8}", key_id) or len(raw) != 33 or raw[0] != 1:
        raise Invalid(f"{text!r} is not a valid Ed25519 note key")
    public = raw[1:]
    if _decompress(public) is None:
        raise Invalid(f"{text!r} holds no valid Ed25519 public key")
    if sha256(name.encode() + b"\n\x01" + public)[:4] != bytes.fromhex(key_id):
        raise Invalid(f"the key id of {text!r} does not match its name and key")
    return name, int(key_id, 16), public


def key_text(key):
    name, key_id, public = key
    encoded = base64.b64encode(b"\x01" + public).decode()
    return f"{name}+{key_id:08x}+{encoded}"


def note_signed_by(note, key):
    """The body of `note` if `key` signed it: every signature line with the
    key's name and id must hold, and there must be at least one."""
    name, key_id, public = key
    split = note.rfind("\n\n")
    if has_control(note) or split < 0 or not note.endswith("\n"):
        raise Invalid("the checkpoint is not a signed note")
    body, lines = note[: split + 1], note[split + 2 : -1].split("\n")
    if len(lines) > MAX_SIGNATURES:
        raise Invalid("the checkpoint has too many signatures")
    found = False
    for line in lines:
        signer, _, encoded = line.removeprefix(SIG_PREFIX).partition(" ")
        try:
            raw = b64std(encoded)
        except ValueError:
            raw = b""
        if not line.startswith(SIG_PREFIX) or not valid_name(signer) or len(raw) < 5:
            raise Invalid("the checkpoint has a malformed signature line")
        if signer == name and int.from_bytes(raw[:4], "big") == key_id:
            if not ed25519_verify(public, body.encode(), raw[4:]):
                raise Invalid("the checkpoint is not signed by its key")
            found = True
    if not found:
        raise Invalid("the checkpoint is not signed by its key")
    return body


def parse_checkpoint(body):
    """(tree size, root hash) from a checkpoint body; extension lines are ignored."""
    lines = body[:-1].split("\n")
    try:
        if len(lines) < 3 or not lines[0] or "" in lines[3:]:
            raise ValueError
        if not re.fullmatch(r"0|[1-9][0-9]*", lines[1]) or int(lines[1]) >= 2**64:
            raise ValueError
        root = b64std(lines[2])
        if len(root) != 32:
            raise ValueError
    except ValueError:
        raise Invalid("the checkpoint is malformed") from None
    return int(lines[1]), root


# --- Merkle tree (RFC 6962 hashes, RFC 9162 §2.1.3.2 inclusion proofs) ---


def node_hash(left, right):
    return sha256(b"\x01" + left + right)


def verify_inclusion(index, size, leaf, path, root):
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while fn & 1 == 0 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def leaf_hash(proof):
    """The leaf hash an entry's proof (`bewijs`) makes, or None if malformed."""
    salt, hidden = hex32(proof["zout"], 16), hex32(proof["verborgen"])
    if salt is None or hidden is None or not isinstance(proof["publiek"], str):
        return None
    data = LEAF_TAG + salt + sha256(proof["publiek"].encode()) + hidden
    for person in proof["personen"]:
        if not isinstance(person, dict) or len(person) != 1:
            return None
        if isinstance(person.get("u"), str):
            data += sha256(person["u"].encode())  # the resident's own part
        elif hex32(person.get("hash")) is not None:
            data += hex32(person["hash"])  # someone else: only the hash
        else:
            return None
    return sha256(b"\x00" + data)


# --- The export ---


def check(document, expected=None):
    """Checks an export (signed by `expected`, a parsed key, when given);
    returns (entries, tree size, key) or raises Invalid."""
    try:
        jws = load_json(document)
        protected, payload, signature = jws["protected"], jws["payload"], jws["signature"]
        header = load_json(b64url(protected))
        alg, kid = header["alg"], header["kid"]
        if not all(isinstance(v, str) for v in (protected, payload, signature, alg, kid)):
            raise TypeError
    except (ValueError, TypeError, KeyError):
        raise Invalid("not a flattened JWS JSON document") from None
    key = parse_key(kid)
    if expected is not None and key != expected:
        raise Invalid(f"the export is signed by {kid}, not by the expected key {key_text(expected)}")
    if alg != "EdDSA":
        raise Invalid("the JWS header does not name EdDSA")
    try:
        signed = ed25519_verify(key[2], f"{protected}.{payload}".encode(), b64url(signature))
    except ValueError:
        signed = False
    if not signed:
        raise Invalid(f"the export is not signed by the key it names ({kid})")
    try:
        export = load_json(b64url(payload))
        fields = ("formaat", "gemaakt", "checkpoint", "sleutel")
        if not all(isinstance(export[f], str) for f in fields):
            raise TypeError
        if export["formaat"] != FORMAT or export["sleutel"] != kid:
            raise ValueError
        rows = export["regels"]
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise TypeError
    except (ValueError, TypeError, KeyError):
        raise Invalid("the export's contents are not an Inzage export") from None
    size, root = parse_checkpoint(note_signed_by(export["checkpoint"], key))
    for n, row in enumerate(rows, 1):
        proof = row.get("bewijs")
        if proof is None:
            raise Invalid(f"entry {n} has no proof")
        try:
            index, path = proof["blad"], [hex32(h) for h in proof["pad"]]
            ok = (
                type(index) is int
                and 0 <= index < 2**64
                and None not in path
                and (leaf := leaf_hash(proof)) is not None
                and verify_inclusion(index, size, leaf, path, root)
            )
        except (ValueError, TypeError, KeyError):
            ok = False
        if not ok:
            raise Invalid(f"entry {n} is not in the log as its proof says")
    return len(rows), size, kid


# --- Self-test against published vectors ---


def self_test():
    public = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
    signature = bytes.fromhex(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
        "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
    )
    bad = signature[:10] + bytes([signature[10] ^ 1]) + signature[11:]
    results = [
        ("RFC 8032 test 1 verifies", ed25519_verify(public, b"", signature)),
        ("RFC 8032 test 1 with a changed byte fails", not ed25519_verify(public, b"", bad)),
        ("RFC 8032 test 1 on another message fails", not ed25519_verify(public, b"x", signature)),
    ]

    # Signed note from golang.org/x/mod/sumdb/note (key id and signature line).
    key = parse_key("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
    text = (
        "If you think cryptography is the answer to your problem,\n"
        "then you don't know what your problem is.\n"
    )
    sig = (
        "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFY"
        "C2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
    )
    def note_holds(note):
        try:
            return note_signed_by(note, key) == text
        except Invalid:
            return False

    results.append(("x/mod signed note verifies", note_holds(text + "\n" + sig)))
    changed = text.replace("think", "thonk") + "\n" + sig
    results.append(("x/mod signed note with a changed byte fails", not note_holds(changed)))

    # RFC 6962 reference tree over the Certificate Transparency test leaves.
    leaves = [bytes.fromhex(h) for h in (
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )]
    hashes = [sha256(b"\x00" + leaf) for leaf in leaves]

    def mth(hs):
        if len(hs) == 1:
            return hs[0]
        k = 1 << (len(hs) - 1).bit_length() - 1
        return node_hash(mth(hs[:k]), mth(hs[k:]))

    def path(m, hs):
        if len(hs) <= 1:
            return []
        k = 1 << (len(hs) - 1).bit_length() - 1
        if m < k:
            return path(m, hs[:k]) + [mth(hs[k:])]
        return path(m - k, hs[k:]) + [mth(hs[:k])]

    expected = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    results.append(("RFC 6962 root of the 8 test leaves", mth(hashes).hex() == expected))
    proofs_ok, wrong_fail = True, True
    for n in range(1, 9):
        root = mth(hashes[:n])
        for m in range(n):
            proof = path(m, hashes[:n])
            proofs_ok &= verify_inclusion(m, n, hashes[m], proof, root)
            wrong_fail &= not verify_inclusion(m, n, sha256(b"x"), proof, root)
            wrong_fail &= not verify_inclusion(m, n, hashes[m], proof + [root], root)
            if proof:
                wrong_fail &= not verify_inclusion(m, n, hashes[m], proof[:-1], root)
            if n > 1:
                wrong_fail &= not verify_inclusion((m + 1) % n, n, hashes[m], proof, root)
    results.append(("inclusion proofs of every leaf in trees of 1..8 verify", proofs_ok))
    results.append(("a wrong leaf, index or path length fails", wrong_fail))

    for name, ok in results:
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    passed = all(ok for _, ok in results)
    print("Self-test passed." if passed else "SELF-TEST FAILED.")
    return 0 if passed else 1


def main():
    parser = argparse.ArgumentParser(
        description="Check a signed export from the Inzage portal.",
        epilog="Compare the key with the one your municipality publishes.",
    )
    parser.add_argument("file", nargs="?", help="the export, e.g. mijn-gegevensgebruik.json")
    parser.add_argument("--key", help="the log key your municipality publishes (name+id+key)")
    parser.add_argument("--self-test", action="store_true", help="test this script's own code")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    if args.file is None:
        parser.error("give the export file to check")
    try:
        expected = None if args.key is None else parse_key(args.key)
        try:
            with open(args.file, encoding="utf-8") as f:
                document = f.read()
        except (OSError, UnicodeDecodeError) as e:
            raise Invalid(f"cannot read {args.file}: {e}") from None
        entries, size, key = check(document, expected)
    except Invalid as e:
        print(f"NOT VALID: {e}")
        return 1
    except Exception as e:  # a case the checks above missed: still not valid
        print(f"NOT VALID: the export is malformed ({type(e).__name__})")
        return 1
    print(f"OK: {entries} entries, each in the log of {size} entries signed by {key}.")
    if expected is None:
        print("Check that this key is the one your municipality publishes.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
