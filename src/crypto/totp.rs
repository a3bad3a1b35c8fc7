//! Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, six
//! digits), the second factor of local staff accounts, and their recovery
//! codes, which are stored only as hashes.

use hmac::{Hmac, Mac};

/// Seconds per code.
const STEP: i64 = 30;
/// Codes of the step before and after count too: clocks drift.
const WINDOW: i64 = 1;

/// A new random secret of 160 bits (RFC 4226's recommendation).
pub fn new_secret() -> [u8; 20] {
    rand::random()
}

/// The six-digit code of `secret` for step `counter` (RFC 4226).
pub fn hotp(secret: &[u8], counter: u64) -> u32 {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(&counter.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash[19] & 0x0f);
    let binary = u32::from_be_bytes([
        hash[offset] & 0x7f,
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]);
    binary % 1_000_000
}

/// The code for the moment `unix` (seconds).
pub fn code_at(secret: &[u8], unix: i64) -> u32 {
    hotp(secret, u64::try_from(unix.div_euclid(STEP)).unwrap_or(0))
}

/// The time step whose code `typed` (spaces allowed) is, around `unix`;
/// the caller makes sure each step counts once.
pub fn verify(secret: &[u8], typed: &str, unix: i64) -> Option<i64> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let typed = digits.parse::<u32>().ok()?;
    let step = unix.div_euclid(STEP);
    (step - WINDOW..=step + WINDOW).find(|s| {
        u64::try_from(*s).is_ok_and(|s| {
            subtle::ConstantTimeEq::ct_eq(
                &hotp(secret, s).to_be_bytes()[..],
                &typed.to_be_bytes()[..],
            )
            .into()
        })
    })
}

/// RFC 4648 base32 without padding: how authenticator apps take a secret.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0);
    for byte in bytes {
        buffer = (buffer << 8) | u32::from(*byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn otpauth_uri(issuer: &str, account: &str, secret: &[u8]) -> String {
    let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits=6&period=30",
        enc(issuer),
        enc(account),
        base32(secret),
        enc(issuer)
    )
}

/// `text` as a QR code in SVG, to show inline on the enrolment page.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
    )
}

/// Ten recovery codes, each usable once: "ABCD-EFGH-JKLM" from an alphabet
/// without look-alikes.
pub fn recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    (0..10)
        .map(|_| {
            let bytes: [u8; 12] = rand::random();
            let chars: Vec<char> = bytes
                .iter()
                .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
                .collect();
            chars
                .chunks(4)
                .map(|c| c.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect()
}

/// How a recovery code is stored: a hash of its letters, whatever the case
/// or dashes it is typed with.
pub fn recovery_hash(code: &str) -> [u8; 32] {
    let normal: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    super::hash_key(normal.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_test_vectors() {
        // RFC 6238 appendix B, SHA-1, the last six of the eight digits.
        let secret = b"12345678901234567890";
        for (unix, code) in [
            (59, 287_082),
            (1_111_111_109, 81_804),
            (1_234_567_890, 5_924),
            (2_000_000_000, 279_037),
        ] {
            assert_eq!(code_at(secret, unix), code, "{unix}");
        }
    }

    #[test]
    fn a_code_counts_for_its_step_and_the_neighbours_only() {
        let secret = b"12345678901234567890";
        assert_eq!(verify(secret, "287 082", 59), Some(1));
        assert_eq!(verify(secret, "287082", 59 + 30), Some(1), "the step after");
        assert_eq!(verify(secret, "287082", 59 + 90), None, "two steps later");
        assert_eq!(verify(secret, "28708", 59), None);
        assert_eq!(verify(secret, "2870822", 59), None);
        assert_eq!(verify(secret, "abcdef", 59), None);
    }

    #[test]
    fn base32_is_rfc_4648() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32(b"f"), "MY");
    }

    #[test]
    fn recovery_codes_are_distinct_and_hash_alike_however_typed() {
        let codes = recovery_codes();
        assert_eq!(codes.len(), 10);
        assert_eq!(codes[0].len(), 14);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        assert_eq!(
            recovery_hash(&codes[0]),
            recovery_hash(&codes[0].to_lowercase().replace('-', " "))
        );
    }
}
