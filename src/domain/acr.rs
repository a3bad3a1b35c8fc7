//! The assurance level of a resident's login (DigiD, eIDAS).

/// DigiD's assurance levels, lowest first, as the SAML authentication
/// context classes brokers send in `acr`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Acr {
    Basis,
    Midden,
    Substantieel,
    Hoog,
}

impl Acr {
    const ALL: [Acr; 4] = [Acr::Basis, Acr::Midden, Acr::Substantieel, Acr::Hoog];

    pub fn urn(self) -> &'static str {
        match self {
            Acr::Basis => "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
            Acr::Midden => "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
            Acr::Substantieel => "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",
            Acr::Hoog => "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Acr::Basis => "basis",
            Acr::Midden => "midden",
            Acr::Substantieel => "substantieel",
            Acr::Hoog => "hoog",
        }
    }

    /// `acr_values` for an authorization request: this level and higher,
    /// the lowest (preferred) first.
    pub fn and_higher(self) -> String {
        Acr::ALL
            .iter()
            .filter(|a| **a >= self)
            .map(|a| a.urn())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl std::str::FromStr for Acr {
    type Err = ();

    /// A level's name (`substantieel`) or its URN.
    fn from_str(s: &str) -> Result<Acr, ()> {
        let s = s.trim();
        Acr::ALL
            .into_iter()
            .find(|a| a.urn() == s || a.name().eq_ignore_ascii_case(s))
            .ok_or(())
    }
}
