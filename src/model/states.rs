//! The states of a request (verzoek) and its events, as enums: matched
//! exhaustively, so a new state without a text or a rule does not compile.
//! Stored and sent as their lower-case Dutch names.

use serde::{Deserialize, Serialize};

/// A stored name that is no known state (a database written by a newer
/// version, or edited by hand).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown state {0:?}")]
pub struct UnknownState(pub String);

/// Defines a fieldless enum with `ALL`, `as_str`, `parse`, serde as the
/// name and `TryFrom<String>` (for reading a stored column).
macro_rules! states {
    ($(#[$meta:meta])* pub enum $ty:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $ty {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $text),+
                }
            }

            pub fn parse(text: &str) -> Option<$ty> {
                Self::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }

        impl TryFrom<String> for $ty {
            type Error = UnknownState;

            fn try_from(text: String) -> Result<Self, UnknownState> {
                Self::parse(&text).ok_or(UnknownState(text))
            }
        }
    };
}

states! {
    /// What a resident asks for.
    pub enum RequestKind {
        /// Any other question.
        Vraag => "vraag",
        /// "I do not recognise this" about one entry.
        HerkenNiet => "herken_niet",
        /// A copy of their data (AVG article 15).
        Inzage => "inzage",
        /// Correction (article 16).
        Rectificatie => "rectificatie",
        /// Restriction of use (article 18).
        Beperking => "beperking",
        /// Objection (article 21).
        Bezwaar => "bezwaar",
    }
}

states! {
    /// Where a request is, in order of handling.
    pub enum RequestStatus {
        Ontvangen => "ontvangen",
        InBehandeling => "in_behandeling",
        Verlengd => "verlengd",
        Besloten => "besloten",
        Gesloten => "gesloten",
    }
}

impl RequestStatus {
    /// Still waiting for a decision: counts in the queue's deadlines.
    pub fn awaits_decision(self) -> bool {
        match self {
            RequestStatus::Ontvangen | RequestStatus::InBehandeling | RequestStatus::Verlengd => {
                true
            }
            RequestStatus::Besloten | RequestStatus::Gesloten => false,
        }
    }
}

states! {
    /// One step in a request's history.
    pub enum EventKind {
        Ontvangen => "ontvangen",
        Opgepakt => "opgepakt",
        Notitie => "notitie",
        Bericht => "bericht",
        Verlengd => "verlengd",
        Besluit => "besluit",
        Gesloten => "gesloten",
        /// The privacy officer opened an investigation on the request.
        Onderzoek => "onderzoek",
        /// Confidentiality was lifted during the investigation.
        Opgeheven => "opgeheven",
    }
}

states! {
    /// The decision on a request.
    pub enum Outcome {
        Toegewezen => "toegewezen",
        Deels => "deels",
        Afgewezen => "afgewezen",
    }
}

states! {
    /// A step a privacy officer takes on a request.
    pub enum CaseStep {
        Oppakken => "oppakken",
        Notitie => "notitie",
        Bericht => "bericht",
        Verlengen => "verlengen",
        Besluit => "besluit",
        Sluiten => "sluiten",
    }
}

impl CaseStep {
    /// The steps that fit a request now, in the order a handler takes them:
    /// a closed request takes none; taking on is offered unless it is
    /// already this officer's; the term is extended once, before a decision;
    /// a decided request can only be told about and closed.
    pub fn fitting(status: RequestStatus, extended: bool, mine: bool) -> Vec<CaseStep> {
        use CaseStep::*;
        match status {
            RequestStatus::Gesloten => vec![],
            RequestStatus::Besloten => vec![Bericht, Notitie, Sluiten],
            RequestStatus::Ontvangen | RequestStatus::InBehandeling | RequestStatus::Verlengd => {
                let mut steps = Vec::with_capacity(5);
                if !mine {
                    steps.push(Oppakken);
                }
                steps.extend([Notitie, Bericht]);
                if !extended {
                    steps.push(Verlengen);
                }
                steps.push(Besluit);
                steps
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_steps_that_fit_the_status_are_offered() {
        use CaseStep::*;
        assert_eq!(
            CaseStep::fitting(RequestStatus::Ontvangen, false, false),
            [Oppakken, Notitie, Bericht, Verlengen, Besluit]
        );
        assert_eq!(
            CaseStep::fitting(RequestStatus::InBehandeling, false, true),
            [Notitie, Bericht, Verlengen, Besluit],
            "one's own request is not taken on again"
        );
        assert_eq!(
            CaseStep::fitting(RequestStatus::Verlengd, true, true),
            [Notitie, Bericht, Besluit],
            "extended once"
        );
        assert_eq!(
            CaseStep::fitting(RequestStatus::Besloten, true, false),
            [Bericht, Notitie, Sluiten],
            "after the decision: no taking on, no second decision"
        );
        assert!(CaseStep::fitting(RequestStatus::Gesloten, false, false).is_empty());
    }

    #[test]
    fn a_state_reads_back_as_itself_and_unknown_names_are_refused() {
        for s in RequestStatus::ALL {
            assert_eq!(RequestStatus::try_from(s.as_str().to_owned()), Ok(*s));
            assert_eq!(
                serde_json::to_string(s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(
            RequestKind::try_from("Vraag".to_owned()),
            Err(UnknownState("Vraag".into()))
        );
        assert_eq!(Outcome::parse("deels"), Some(Outcome::Deels));
    }
}
