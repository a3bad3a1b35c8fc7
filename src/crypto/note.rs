//! Signed notes (c2sp.org/signed-note) with Ed25519 keys, and the
//! transparency log checkpoints (c2sp.org/tlog-checkpoint) they carry.
//!
//! A note is a text ending in a newline, a blank line, and signature lines
//! `— <key name> base64(key id || signature)`. The key id of an Ed25519 key
//! is the first four bytes of SHA-256(name || 0x0A || 0x01 || public key),
//! as in golang.org/x/mod/sumdb/note, so notes interoperate with its tools.

use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use super::merkle::Hash;

/// Signature type byte of Ed25519 in signed notes.
const ED25519: u8 = 0x01;

/// Starts every signature line: em dash, space.
const SIG_PREFIX: &str = "\u{2014} ";

/// A note with more signatures is refused (the spec asks for at least 16).
pub const MAX_SIGNATURES: usize = 100;

/// Why a note, key or checkpoint was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NoteError {
    /// Not a signed note: no blank line, bad signature line, control character.
    #[error("malformed note")]
    Malformed,
    /// More than [`MAX_SIGNATURES`] signature lines.
    #[error("note has too many signatures")]
    TooManySignatures,
    /// Note text to sign does not end in a newline or has control characters.
    #[error("note text must end in a newline and contain no control characters")]
    InvalidText,
    /// Key name empty or with a space or a plus sign.
    #[error("invalid key name")]
    InvalidName,
    /// Verifier key not of the form `<name>+<hex key id>+<base64 key>`.
    #[error("malformed verifier key")]
    MalformedKey,
    /// Verifier key whose key id does not belong to its name and key.
    #[error("verifier key id does not match its name and key")]
    KeyIdMismatch,
    /// Verifier key of a signature type other than Ed25519.
    #[error("unsupported signature type {0:#04x}")]
    UnsupportedType(u8),
    /// Checkpoint text that breaks c2sp.org/tlog-checkpoint.
    #[error("malformed checkpoint: {0}")]
    MalformedCheckpoint(&'static str),
    /// No signature by the expected key, or one of its signatures is bad.
    #[error("note has no valid signature by {0}")]
    Unverified(String),
}

/// Whether `name` can be a key name: non-empty, without spaces and plus
/// signs (and here also without control characters). Check a configured
/// name with this once; [`sign`] and [`NoteVerifier::from_signing`] trust it.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name
            .chars()
            .any(|c| c.is_whitespace() || c == '+' || c.is_control())
}

/// Signed notes carry no ASCII control characters other than newline.
fn has_control(text: &str) -> bool {
    text.chars().any(|c| c < ' ' && c != '\n')
}

/// The key id of an Ed25519 key with this name.
pub fn key_id(name: &str, key: &VerifyingKey) -> u32 {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update([b'\n', ED25519]);
    h.update(key.as_bytes());
    let d = h.finalize();
    u32::from_be_bytes([d[0], d[1], d[2], d[3]])
}

/// A named Ed25519 public key that checks note signatures. Its text form
/// is `<name>+<hex key id>+<base64(0x01 || key)>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteVerifier {
    name: String,
    key_id: u32,
    key: VerifyingKey,
}

impl NoteVerifier {
    /// The verifier of `key` under `name`.
    pub fn new(name: &str, key: VerifyingKey) -> Result<NoteVerifier, NoteError> {
        if !is_valid_name(name) {
            return Err(NoteError::InvalidName);
        }
        Ok(NoteVerifier {
            name: name.to_owned(),
            key_id: key_id(name, &key),
            key,
        })
    }

    /// The verifier of the public half of `key`. The name is not checked
    /// (see [`is_valid_name`]); with a bad one the text form will not parse.
    pub fn from_signing(name: &str, key: &SigningKey) -> NoteVerifier {
        let key = key.verifying_key();
        NoteVerifier {
            name: name.to_owned(),
            key_id: key_id(name, &key),
            key,
        }
    }

    /// Reads the text form. The key id must match the name and key.
    pub fn parse(text: &str) -> Result<NoteVerifier, NoteError> {
        // The name has no '+', the key id neither; base64 may.
        let mut parts = text.splitn(3, '+');
        let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(NoteError::MalformedKey);
        };
        if !is_valid_name(name) {
            return Err(NoteError::InvalidName);
        }
        // from_str_radix alone would take a sign.
        if id.len() != 8 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(NoteError::MalformedKey);
        }
        let id = u32::from_str_radix(id, 16).map_err(|_| NoteError::MalformedKey)?;
        let bytes = STANDARD.decode(key).map_err(|_| NoteError::MalformedKey)?;
        let Some((&kind, key)) = bytes.split_first() else {
            return Err(NoteError::MalformedKey);
        };
        if kind != ED25519 {
            return Err(NoteError::UnsupportedType(kind));
        }
        let key = <&[u8; 32]>::try_from(key).map_err(|_| NoteError::MalformedKey)?;
        let key = VerifyingKey::from_bytes(key).map_err(|_| NoteError::MalformedKey)?;
        let verifier = NoteVerifier::new(name, key)?;
        if verifier.key_id != id {
            return Err(NoteError::KeyIdMismatch);
        }
        Ok(verifier)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn key_id(&self) -> u32 {
        self.key_id
    }

    pub fn key(&self) -> &VerifyingKey {
        &self.key
    }

    /// Whether `signature` (without the key id) signs `text`. Strict: no
    /// malleable signatures, no weak keys.
    fn check(&self, text: &[u8], signature: &[u8]) -> bool {
        let Ok(bytes) = <[u8; 64]>::try_from(signature) else {
            return false;
        };
        self.key
            .verify_strict(text, &Signature::from_bytes(&bytes))
            .is_ok()
    }
}

impl fmt::Display for NoteVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut key = [0u8; 33];
        key[0] = ED25519;
        key[1..].copy_from_slice(self.key.as_bytes());
        write!(
            f,
            "{}+{:08x}+{}",
            self.name,
            self.key_id,
            STANDARD.encode(key)
        )
    }
}

/// One signature line of a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteSignature {
    pub name: String,
    pub key_id: u32,
    /// The signature without the key id; 64 bytes for Ed25519, other
    /// lengths for key types this module does not verify.
    pub signature: Vec<u8>,
}

impl NoteSignature {
    /// The signature of `body` by `key` under `name`.
    fn sign(body: &str, name: &str, key: &SigningKey) -> NoteSignature {
        NoteSignature {
            name: name.to_owned(),
            key_id: key_id(name, &key.verifying_key()),
            signature: key.sign(body.as_bytes()).to_bytes().to_vec(),
        }
    }

    fn parse(line: &str) -> Result<NoteSignature, NoteError> {
        let rest = line.strip_prefix(SIG_PREFIX).ok_or(NoteError::Malformed)?;
        let (name, encoded) = rest.split_once(' ').ok_or(NoteError::Malformed)?;
        if !is_valid_name(name) {
            return Err(NoteError::Malformed);
        }
        let bytes = STANDARD.decode(encoded).map_err(|_| NoteError::Malformed)?;
        let Some((id, signature)) = bytes.split_first_chunk::<4>() else {
            return Err(NoteError::Malformed);
        };
        if signature.is_empty() {
            return Err(NoteError::Malformed);
        }
        Ok(NoteSignature {
            name: name.to_owned(),
            key_id: u32::from_be_bytes(*id),
            signature: signature.to_vec(),
        })
    }
}

impl fmt::Display for NoteSignature {
    /// The line, without its newline.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut bytes = Vec::with_capacity(4 + self.signature.len());
        bytes.extend_from_slice(&self.key_id.to_be_bytes());
        bytes.extend_from_slice(&self.signature);
        write!(f, "{SIG_PREFIX}{} {}", self.name, STANDARD.encode(bytes))
    }
}

/// A note: its text (the body, ending in a newline) and its signatures.
/// `to_string()` gives the note's text form.
///
/// Witnesses cosign by adding a plain Ed25519 signature over the same body
/// ([`SignedNote::add_signature`]); the timestamped format of
/// c2sp.org/tlog-cosignature is not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedNote {
    pub body: String,
    pub signatures: Vec<NoteSignature>,
}

impl SignedNote {
    /// A note with this body and no signatures yet.
    pub fn new(body: &str) -> Result<SignedNote, NoteError> {
        if !body.ends_with('\n') || has_control(body) {
            return Err(NoteError::InvalidText);
        }
        Ok(SignedNote {
            body: body.to_owned(),
            signatures: Vec::new(),
        })
    }

    /// Reads a note. The body ends at the last blank line; every line after
    /// it must be a signature line. Signatures are not checked here.
    pub fn parse(note: &str) -> Result<SignedNote, NoteError> {
        if has_control(note) {
            return Err(NoteError::Malformed);
        }
        let split = note.rfind("\n\n").ok_or(NoteError::Malformed)?;
        let body = &note[..split + 1];
        let lines = note[split + 2..]
            .strip_suffix('\n')
            .ok_or(NoteError::Malformed)?;
        let mut signatures = Vec::new();
        for line in lines.split('\n') {
            if signatures.len() == MAX_SIGNATURES {
                return Err(NoteError::TooManySignatures);
            }
            signatures.push(NoteSignature::parse(line)?);
        }
        Ok(SignedNote {
            body: body.to_owned(),
            signatures,
        })
    }

    /// Whether the note is signed by `verifier`: at least one line carries
    /// its name and key id, and every such line verifies (the spec lets a
    /// bad signature by a known key reject the note).
    pub fn verify(&self, verifier: &NoteVerifier) -> bool {
        let mut verified = false;
        let lines = self
            .signatures
            .iter()
            .filter(|s| s.name == verifier.name && s.key_id == verifier.key_id);
        for line in lines {
            if !verifier.check(self.body.as_bytes(), &line.signature) {
                return false;
            }
            verified = true;
        }
        verified
    }

    /// Signs the body with `key` under `name`, replacing an earlier
    /// signature by the same key. A witness cosigns this way.
    pub fn add_signature(&mut self, name: &str, key: &SigningKey) -> Result<(), NoteError> {
        if !self.body.ends_with('\n') || has_control(&self.body) {
            return Err(NoteError::InvalidText);
        }
        if !is_valid_name(name) {
            return Err(NoteError::InvalidName);
        }
        let line = NoteSignature::sign(&self.body, name, key);
        let earlier = self
            .signatures
            .iter()
            .position(|s| s.name == line.name && s.key_id == line.key_id);
        if let Some(i) = earlier {
            self.signatures[i] = line;
        } else if self.signatures.len() >= MAX_SIGNATURES {
            return Err(NoteError::TooManySignatures);
        } else {
            self.signatures.push(line);
        }
        Ok(())
    }
}

impl fmt::Display for SignedNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.body)?;
        f.write_str("\n")?;
        for line in &self.signatures {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

/// Signs `body` and returns the note's text: the body, a blank line and one
/// signature line. Not checked: `body` must end in a newline and have no
/// other control characters, `name` must pass [`is_valid_name`]; otherwise
/// the note will not parse. [`SignedNote::add_signature`] checks both.
pub fn sign(body: &str, name: &str, key: &SigningKey) -> String {
    SignedNote {
        body: body.to_owned(),
        signatures: vec![NoteSignature::sign(body, name, key)],
    }
    .to_string()
}

/// The head of the log's Merkle tree at one size: the body of a checkpoint
/// note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// Identifies the log, e.g. `gemeente.example/inzage`.
    pub origin: String,
    /// Number of leaves.
    pub size: u64,
    /// RFC 6962 root of the first `size` leaves.
    pub root: Hash,
    /// Optional extra lines, each non-empty (not recommended by the spec).
    pub extensions: Vec<String>,
}

impl Checkpoint {
    /// The note body: origin, size and base64 root, one per line, then the
    /// extension lines.
    pub fn body(&self) -> String {
        let mut body = format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            STANDARD.encode(self.root)
        );
        for line in &self.extensions {
            body.push_str(line);
            body.push('\n');
        }
        body
    }

    /// Reads a checkpoint body strictly: non-empty origin, size in decimal
    /// without leading zeros, root as base64 of exactly 32 bytes, non-empty
    /// extension lines.
    pub fn parse_body(body: &str) -> Result<Checkpoint, NoteError> {
        use NoteError::MalformedCheckpoint as Bad;
        if has_control(body) {
            return Err(Bad("control character"));
        }
        let text = body.strip_suffix('\n').ok_or(Bad("no final newline"))?;
        let mut lines = text.split('\n');
        let origin = lines
            .next()
            .filter(|l| !l.is_empty())
            .ok_or(Bad("empty origin"))?;
        let size = lines
            .next()
            .and_then(parse_size)
            .ok_or(Bad("bad tree size"))?;
        let root = lines
            .next()
            .and_then(parse_root)
            .ok_or(Bad("bad root hash"))?;
        let extensions: Vec<String> = lines.map(str::to_owned).collect();
        if extensions.iter().any(String::is_empty) {
            return Err(Bad("empty extension line"));
        }
        Ok(Checkpoint {
            origin: origin.to_owned(),
            size,
            root,
            extensions,
        })
    }

    /// The signed checkpoint note. Refuses an invalid key name and a
    /// checkpoint whose body would not read back as itself (a newline in the
    /// origin, an empty line).
    pub fn sign(&self, name: &str, key: &SigningKey) -> Result<String, NoteError> {
        if !is_valid_name(name) {
            return Err(NoteError::InvalidName);
        }
        let body = self.body();
        if Checkpoint::parse_body(&body).as_ref() != Ok(self) {
            return Err(NoteError::MalformedCheckpoint("body does not read back"));
        }
        Ok(sign(&body, name, key))
    }

    /// Reads a checkpoint note signed by `verifier`. The caller still checks
    /// that the origin is the log it expects.
    pub fn open(note: &str, verifier: &NoteVerifier) -> Result<Checkpoint, NoteError> {
        let note = SignedNote::parse(note)?;
        if !note.verify(verifier) {
            return Err(NoteError::Unverified(verifier.name.clone()));
        }
        Checkpoint::parse_body(&note.body)
    }
}

/// Decimal digits only, no leading zero except for "0" itself.
fn parse_size(line: &str) -> Option<u64> {
    let digits = !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit());
    if !digits || (line.len() > 1 && line.starts_with('0')) {
        return None;
    }
    line.parse().ok()
}

fn parse_root(line: &str) -> Option<Hash> {
    STANDARD.decode(line).ok()?.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Test vectors of golang.org/x/mod/sumdb/note (note_test.go).
    const PETER_VKEY: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    /// The key of "PRIVATE+KEY+PeterNeumann+c74f20a3+<this>": 0x01 || seed.
    const PETER_SKEY_B64: &str = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    const ENOCH_VKEY: &str = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
    const TEXT: &str = "If you think cryptography is the answer to your problem,\n\
                        then you don't know what your problem is.\n";
    const PETER_SIG: &str = "\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    const ENOCH_SIG: &str = "\u{2014} EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    fn peter() -> SigningKey {
        let bytes = STANDARD.decode(PETER_SKEY_B64).unwrap();
        assert_eq!(bytes[0], ED25519);
        SigningKey::from_bytes(&bytes[1..].try_into().unwrap())
    }

    #[test]
    fn verifier_key_and_key_id_vector() {
        let v = NoteVerifier::parse(PETER_VKEY).unwrap();
        assert_eq!(v.name(), "PeterNeumann");
        assert_eq!(v.key_id(), 0xc74f20a3);
        assert_eq!(key_id("PeterNeumann", v.key()), 0xc74f20a3);
        assert_eq!(v.to_string(), PETER_VKEY);
        assert_eq!(NoteVerifier::from_signing("PeterNeumann", &peter()), v);
        assert_eq!(
            NoteVerifier::parse(ENOCH_VKEY).unwrap().key_id(),
            0xaf0cfe78
        );
    }

    #[test]
    fn mangled_verifier_keys_are_refused() {
        // As x/mod: every proper substring and every byte plus one fails.
        for i in 0..PETER_VKEY.len() {
            for j in i + 1..=PETER_VKEY.len() {
                if (i, j) != (0, PETER_VKEY.len()) {
                    assert!(NoteVerifier::parse(&PETER_VKEY[i..j]).is_err(), "{i}..{j}");
                }
            }
        }
        for i in 0..PETER_VKEY.len() {
            let mut bytes = PETER_VKEY.as_bytes().to_vec();
            bytes[i] += 1;
            let mangled = String::from_utf8(bytes).unwrap();
            assert!(NoteVerifier::parse(&mangled).is_err(), "{mangled}");
        }
        // From x/mod: wrong key length and unknown type, each with a matching
        // key id. Then a wrong key id and a name with a space.
        assert_eq!(
            NoteVerifier::parse(
                "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="
            ),
            Err(NoteError::MalformedKey)
        );
        assert_eq!(
            NoteVerifier::parse(
                "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
            ),
            Err(NoteError::UnsupportedType(0x65))
        );
        assert_eq!(
            NoteVerifier::parse(
                "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
            ),
            Err(NoteError::KeyIdMismatch)
        );
        assert_eq!(
            NoteVerifier::parse(
                "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
            ),
            Err(NoteError::InvalidName)
        );
    }

    #[test]
    fn sign_matches_the_x_mod_vector() {
        // Ed25519 is deterministic, so the note is known byte for byte.
        let want = format!("{TEXT}\n{PETER_SIG}");
        assert_eq!(sign(TEXT, "PeterNeumann", &peter()), want);
        let mut note = SignedNote::new(TEXT).unwrap();
        note.add_signature("PeterNeumann", &peter()).unwrap();
        assert_eq!(note.to_string(), want);
    }

    #[test]
    fn opens_the_x_mod_note_with_two_signatures() {
        let peter = NoteVerifier::parse(PETER_VKEY).unwrap();
        let enoch = NoteVerifier::parse(ENOCH_VKEY).unwrap();
        let msg = format!("{TEXT}\n{PETER_SIG}{ENOCH_SIG}");
        let note = SignedNote::parse(&msg).unwrap();
        assert_eq!(note.body, TEXT);
        assert_eq!(note.signatures.len(), 2);
        assert_eq!(note.signatures[0].name, "PeterNeumann");
        assert_eq!(note.signatures[0].key_id, 0xc74f20a3);
        assert_eq!(note.signatures[1].key_id, 0xaf0cfe78);
        assert!(note.verify(&peter));
        assert!(note.verify(&enoch));
        assert_eq!(note.to_string(), msg);

        // Renamed signature: not by Peter.
        let renamed = msg.replace("PeterNeumann", "CarmenSandiego");
        assert!(!SignedNote::parse(&renamed).unwrap().verify(&peter));
        // Bytes inserted into the signature.
        let bad = format!("{TEXT}\n{}ABCD{}", &PETER_SIG[..60], &PETER_SIG[60..]);
        assert!(!SignedNote::parse(&bad).unwrap().verify(&peter));
        // A good and a bad signature by the same key reject the note.
        let mixed = format!(
            "{TEXT}\n{PETER_SIG}{}ABCD{}",
            &PETER_SIG[..60],
            &PETER_SIG[60..]
        );
        assert!(!SignedNote::parse(&mixed).unwrap().verify(&peter));
    }

    #[test]
    fn malformed_notes_are_refused() {
        let bad = [
            TEXT.to_owned(),
            format!("{TEXT}\n"),
            format!("{TEXT}\n{}", &PETER_SIG[..PETER_SIG.len() - 1]),
            format!("\x01{TEXT}\n{PETER_SIG}"),
            format!("{TEXT}\n{}", PETER_SIG.replace("PeterNeumann", "Bad Name")),
            format!("{TEXT}\n{PETER_SIG}Unexpected line.\n"),
            format!("{TEXT}\n\u{2014} PeterNeumann AAAA\n"),
            format!("{TEXT}\n\u{2014} PeterNeumann not base64!\n"),
            format!("{TEXT}\n- PeterNeumann {}", &PETER_SIG[17..]),
            String::new(),
            "\n\n".to_owned(),
        ];
        for msg in bad {
            assert_eq!(
                SignedNote::parse(&msg),
                Err(NoteError::Malformed),
                "{msg:?}"
            );
        }
        let many = format!("{TEXT}\n{}", PETER_SIG.repeat(MAX_SIGNATURES + 1));
        assert_eq!(SignedNote::parse(&many), Err(NoteError::TooManySignatures));
        let enough = format!("{TEXT}\n{}", PETER_SIG.repeat(MAX_SIGNATURES));
        assert!(SignedNote::parse(&enough).is_ok());
    }

    #[test]
    fn spec_examples_parse() {
        // c2sp.org/signed-note: the body has a blank line of its own.
        let poem = "Ognuno sta solo sul cuor della terra\n\
                    trafitto da un raggio di sole:\n\
                    \n\
                    ed è subito sera.\n";
        let msg = format!(
            "{poem}\n\u{2014} quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n"
        );
        let note = SignedNote::parse(&msg).unwrap();
        assert_eq!(note.body, poem);
        assert_eq!(note.signatures[0].name, "quasimodo.example/salvatore");
        assert_eq!(note.signatures[0].key_id, 0x367ba04b);
        assert_eq!(note.to_string(), msg);

        // c2sp.org/tlog-checkpoint.
        let body =
            "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
        let msg = format!(
            "{body}\n\u{2014} example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
        );
        let note = SignedNote::parse(&msg).unwrap();
        assert_eq!(note.signatures[0].key_id, 0x033de0ae);
        let checkpoint = Checkpoint::parse_body(&note.body).unwrap();
        assert_eq!(checkpoint.origin, "example.com/behind-the-sofa");
        assert_eq!(checkpoint.size, 20852163);
        assert_eq!(&checkpoint.root[..4], &[0x0a, 0xc5, 0x18, 0x6a]);
        assert!(checkpoint.extensions.is_empty());
        assert_eq!(checkpoint.body(), body);
    }

    fn checkpoint() -> Checkpoint {
        Checkpoint {
            origin: "gemeente.example/inzage".to_owned(),
            size: 12345,
            root: [7; 32],
            extensions: Vec::new(),
        }
    }

    #[test]
    fn checkpoint_round_trip_tamper_and_wrong_key() {
        let log_key = SigningKey::from_bytes(&[1; 32]);
        let log = NoteVerifier::from_signing("gemeente.example/inzage", &log_key);
        let other_key = SigningKey::from_bytes(&[2; 32]);
        let other = NoteVerifier::from_signing("gemeente.example/inzage", &other_key);
        let cp = checkpoint();
        let text = cp.sign("gemeente.example/inzage", &log_key).unwrap();
        assert!(text.starts_with(&cp.body()));
        assert_eq!(Checkpoint::open(&text, &log).unwrap(), cp);
        assert!(SignedNote::parse(&text).unwrap().verify(&log));

        // Wrong key under the same name: its key id differs, so no signature.
        assert!(!SignedNote::parse(&text).unwrap().verify(&other));
        assert_eq!(
            Checkpoint::open(&text, &other),
            Err(NoteError::Unverified("gemeente.example/inzage".to_owned()))
        );

        // One changed byte in the body.
        let tampered = text.replacen("12345", "12346", 1);
        assert!(!SignedNote::parse(&tampered).unwrap().verify(&log));
        assert!(Checkpoint::open(&tampered, &log).is_err());

        // Extension lines are kept and signed.
        let mut with_ext = cp.clone();
        with_ext.extensions = vec!["extra line".to_owned()];
        let text = with_ext.sign("gemeente.example/inzage", &log_key).unwrap();
        assert_eq!(Checkpoint::open(&text, &log).unwrap(), with_ext);

        // A body that would not read back is not signed.
        let mut bad = cp.clone();
        bad.origin = "two\nlines".to_owned();
        assert!(bad.sign("gemeente.example/inzage", &log_key).is_err());
        bad.origin = String::new();
        assert!(bad.sign("gemeente.example/inzage", &log_key).is_err());
        let mut bad = cp.clone();
        bad.extensions = vec![String::new()];
        assert!(bad.sign("gemeente.example/inzage", &log_key).is_err());
        assert_eq!(cp.sign("bad name", &log_key), Err(NoteError::InvalidName));
    }

    #[test]
    fn cosigning_adds_a_second_signature() {
        let log_key = SigningKey::from_bytes(&[1; 32]);
        let witness_key = SigningKey::from_bytes(&[3; 32]);
        let log = NoteVerifier::from_signing("gemeente.example/inzage", &log_key);
        let witness = NoteVerifier::from_signing("witness.example/w1", &witness_key);
        let text = checkpoint()
            .sign("gemeente.example/inzage", &log_key)
            .unwrap();

        let mut note = SignedNote::parse(&text).unwrap();
        assert!(!note.verify(&witness));
        note.add_signature("witness.example/w1", &witness_key)
            .unwrap();
        let cosigned = note.to_string();
        assert!(cosigned.starts_with(&text));
        let note = SignedNote::parse(&cosigned).unwrap();
        assert_eq!(note.signatures.len(), 2);
        assert!(note.verify(&log));
        assert!(note.verify(&witness));

        // Signing again replaces the line instead of adding one.
        let mut again = note.clone();
        again
            .add_signature("witness.example/w1", &witness_key)
            .unwrap();
        assert_eq!(again, note);

        assert_eq!(
            note.clone().add_signature("bad name", &witness_key),
            Err(NoteError::InvalidName)
        );
        assert_eq!(SignedNote::new("no newline"), Err(NoteError::InvalidText));
        assert_eq!(SignedNote::new("tab\there\n"), Err(NoteError::InvalidText));
        let mut unchecked = SignedNote {
            body: "no newline".to_owned(),
            signatures: Vec::new(),
        };
        assert_eq!(
            unchecked.add_signature("a", &witness_key),
            Err(NoteError::InvalidText)
        );
    }

    #[test]
    fn checkpoint_bodies_are_parsed_strictly() {
        let root = STANDARD.encode([7u8; 32]);
        let ok = format!("o\n0\n{root}\n");
        assert_eq!(Checkpoint::parse_body(&ok).unwrap().size, 0);
        let ok = format!("o\n18446744073709551615\n{root}\next 1\next 2\n");
        let cp = Checkpoint::parse_body(&ok).unwrap();
        assert_eq!(cp.size, u64::MAX);
        assert_eq!(cp.extensions, ["ext 1", "ext 2"]);
        assert_eq!(cp.body(), ok);

        let short = STANDARD.encode([7u8; 31]);
        let bad = [
            format!("o\n1\n{root}"),
            format!("\n1\n{root}\n"),
            format!("o\n01\n{root}\n"),
            format!("o\n+1\n{root}\n"),
            format!("o\n-1\n{root}\n"),
            format!("o\n 1\n{root}\n"),
            format!("o\n\n{root}\n"),
            format!("o\n18446744073709551616\n{root}\n"),
            format!("o\n1\n{short}\n"),
            format!("o\n1\n{}\n", root.trim_end_matches('=')),
            format!("o\n1\n{root}\n\n"),
            format!("o\n1\n{root}\next\n\n"),
            format!("o\r\n1\n{root}\n"),
            "o\n1\n".to_owned(),
            "o\n".to_owned(),
            String::new(),
        ];
        for body in bad {
            assert!(Checkpoint::parse_body(&body).is_err(), "{body:?}");
        }
    }
}
