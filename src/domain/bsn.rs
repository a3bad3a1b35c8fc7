//! Burgerservicenummer (BSN), checked with the 11-proef.
//!
//! A BSN is personal data: this type has no `Display` and no `Serialize`, and its
//! `Debug` hides the number, so it cannot reach a log line by accident. The one
//! way out is the explicit [`Bsn::as_str`], which the pseudonymiser uses.

use std::fmt;
use std::str::FromStr;

/// Why a text is not a BSN. The messages never contain the text itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BsnError {
    #[error("een BSN bestaat uit 9 cijfers (of 8 cijfers van een oud nummer)")]
    Length,
    #[error("een BSN bestaat alleen uit cijfers")]
    NotDigits,
    #[error("het nummer voldoet niet aan de 11-proef")]
    Checksum,
}

/// A BSN that passed the 11-proef, always stored as 9 digits.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bsn(String);

impl Bsn {
    /// The 9 digits. Only for pseudonymisation and for comparing with the
    /// logged-in resident: never write it to a log or a response.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Bsn {
    type Err = BsnError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(BsnError::NotDigits);
        }
        // Old 8-digit numbers are valid with a leading zero (docs/architecture.md#bsn);
        // normalising here gives one pseudonym per person.
        let digits = match s.len() {
            9 => s.to_owned(),
            8 => format!("0{s}"),
            _ => return Err(BsnError::Length),
        };
        if !passes_elfproef(digits.as_bytes()) {
            return Err(BsnError::Checksum);
        }
        Ok(Bsn(digits))
    }
}

impl fmt::Debug for Bsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Bsn(***)")
    }
}

/// Weights 9..2 and −1 on the last digit; the sum must be a positive multiple
/// of 11. The −1 (not the bank-account +1) is what makes it the BSN test.
fn passes_elfproef(digits: &[u8]) -> bool {
    debug_assert_eq!(digits.len(), 9);
    let sum: i32 = digits
        .iter()
        .zip([9, 8, 7, 6, 5, 4, 3, 2, -1])
        .map(|(d, w)| i32::from(d - b'0') * w)
        .sum();
    sum > 0 && sum % 11 == 0
}

/// Whether free text may hold a BSN: eight or more digits in a row, also
/// when single spaces, dots or dashes split them ("1234 56 782",
/// "123.456.782"). For texts that go where no BSN may be, such as the audit
/// trail; a date written in full is refused as well, which is the safe side.
pub fn may_hold_bsn(text: &str) -> bool {
    let mut digits = 0;
    let mut after_separator = false;
    text.chars().any(|c| {
        if c.is_ascii_digit() {
            digits += 1;
            after_separator = false;
        } else if matches!(c, ' ' | '.' | '-' | '\u{a0}') && digits > 0 && !after_separator {
            after_separator = true;
        } else {
            digits = 0;
            after_separator = false;
        }
        digits >= 8
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_known_valid_numbers() {
        for s in [
            "999993653",
            "479580261",
            "123456782",
            "111222333",
            "249566758",
        ] {
            let b: Bsn = s.parse().unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(b.as_str(), s);
        }
    }

    #[test]
    fn rejects_a_failing_checksum() {
        assert_eq!("123456789".parse::<Bsn>(), Err(BsnError::Checksum));
        assert_eq!("999993654".parse::<Bsn>(), Err(BsnError::Checksum));
    }

    #[test]
    fn rejects_all_zeros() {
        assert_eq!("000000000".parse::<Bsn>(), Err(BsnError::Checksum));
        assert_eq!("00000000".parse::<Bsn>(), Err(BsnError::Checksum));
    }

    #[test]
    fn eight_digits_get_a_leading_zero() {
        // 012345672: 0+8+14+18+20+20+18+14-2 = 110 = 10*11.
        let b: Bsn = "12345672".parse().unwrap();
        assert_eq!(b.as_str(), "012345672");
        assert_eq!(b, "012345672".parse::<Bsn>().unwrap());
        assert_eq!("12345678".parse::<Bsn>(), Err(BsnError::Checksum));
    }

    #[test]
    fn rejects_wrong_lengths() {
        for s in ["", "1234567", "1234567890", "0999993653"] {
            assert_eq!(s.parse::<Bsn>(), Err(BsnError::Length), "{s:?}");
        }
    }

    #[test]
    fn rejects_non_digits() {
        for s in [
            "99999365a",
            " 999993653",
            "999993653 ",
            "999-99-365",
            "+99993653",
            "٩٩٩٩٩٣٦٥٣",
        ] {
            assert_eq!(s.parse::<Bsn>(), Err(BsnError::NotDigits), "{s:?}");
        }
    }

    #[test]
    fn remainder_ten_is_invalid() {
        // First 8 digits 00000005 weigh 2*5 = 10; no last digit makes 10 - d a
        // multiple of 11. The "remainder equals last digit" shortcut gets this wrong.
        for d in '0'..='9' {
            assert!(format!("00000005{d}").parse::<Bsn>().is_err());
        }
    }

    #[test]
    fn debug_never_shows_the_number() {
        let b: Bsn = "999993653".parse().unwrap();
        let dbg = format!("{b:?}");
        assert_eq!(dbg, "Bsn(***)");
        assert!(!format!("{:?}", Some(&b)).contains("999993653"));
    }

    #[test]
    fn numbers_that_may_be_a_bsn_are_found_in_text() {
        for text in [
            "belt over 123456782",
            "bsn 1234 56 782",
            "123.456.782 belde",
            "12-34-56-78",
            "nummer\u{a0}1234\u{a0}5678",
        ] {
            assert!(super::may_hold_bsn(text), "{text}");
        }
        for text in [
            "belt over de brief",
            "zaak 1234567",
            "12 34  56 78",
            "7 dagen, 3 brieven",
        ] {
            assert!(!super::may_hold_bsn(text), "{text}");
        }
    }
}
