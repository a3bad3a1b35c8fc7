//! A staff member's free text for the audit trail (why they looked someone
//! up, why a confidentiality was lifted): present, at most 500 characters,
//! and without a BSN, since the trail is read by more people than the log.

use super::may_hold_bsn;

/// Free text that may go into the audit trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditNote(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AuditNoteError {
    #[error("empty")]
    Empty,
    #[error("longer than {MAX} characters")]
    TooLong,
    #[error("may hold a BSN")]
    HoldsNumber,
}

const MAX: usize = 500;

impl AuditNote {
    pub fn parse(text: &str) -> Result<AuditNote, AuditNoteError> {
        let text = text.trim();
        if text.is_empty() {
            Err(AuditNoteError::Empty)
        } else if text.chars().count() > MAX {
            Err(AuditNoteError::TooLong)
        } else if may_hold_bsn(text) {
            Err(AuditNoteError::HoldsNumber)
        } else {
            Ok(AuditNote(text.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first `n` characters, for a line that must stay short.
    pub fn first(&self, n: usize) -> String {
        self.0.chars().take(n).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_is_trimmed_text_of_at_most_500_characters_without_a_bsn() {
        assert_eq!(
            AuditNote::parse("  belde zelf  ").unwrap().as_str(),
            "belde zelf"
        );
        assert_eq!(AuditNote::parse(" \n"), Err(AuditNoteError::Empty));
        assert_eq!(
            AuditNote::parse(&"a".repeat(501)),
            Err(AuditNoteError::TooLong)
        );
        assert!(AuditNote::parse(&"é".repeat(500)).is_ok());
        assert_eq!(
            AuditNote::parse("inwoner 1234 56 782 belde"),
            Err(AuditNoteError::HoldsNumber)
        );
        assert_eq!(AuditNote::parse("abcdef").unwrap().first(3), "abc");
    }
}
