//! The resident's role in an action (the `betrokkenheid` a source system
//! sends, in Dutch), with its English name and what it means for the
//! resident in plain words. A role not listed here is shown as sent.

use super::Lang;

/// One role: the name as sent, in English, and what it means (nl, en).
pub struct Role {
    pub nl: &'static str,
    pub en: &'static str,
    pub uitleg_nl: &'static str,
    pub uitleg_en: &'static str,
}

impl Role {
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nl => self.nl,
            Lang::En => self.en,
        }
    }

    pub fn explanation(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nl => self.uitleg_nl,
            Lang::En => self.uitleg_en,
        }
    }
}

macro_rules! roles {
    ($($nl:literal, $en:literal, $uitleg_nl:literal, $uitleg_en:literal;)+) => {
        pub const ROLES: &[Role] = &[$(Role { nl: $nl, en: $en, uitleg_nl: $uitleg_nl, uitleg_en: $uitleg_en }),+];
    };
}

roles! {
    "Aanvrager", "Applicant", "U vroeg dit zelf aan.", "You applied for this yourself.";
    "Aangever", "Declarant", "U gaf zelf iets door, bijvoorbeeld een geboorte of een verhuizing.", "You reported something yourself, for example a birth or a move.";
    "Belanghebbende", "Interested party", "Het besluit gaat ook over u, ook als u het niet zelf aanvroeg.", "The decision affects you too, even if you did not apply yourself.";
    "Belastingplichtige", "Taxpayer", "U moet deze belasting betalen.", "You have to pay this tax.";
    "Bestuurder", "Driver", "U bestuurde het voertuig.", "You were driving the vehicle.";
    "Betrokkene", "Data subject", "Het gaat over u.", "It is about you.";
    "Bezwaarmaker", "Objector", "U maakte zelf bezwaar tegen een besluit.", "You objected to a decision yourself.";
    "Budgethouder", "Budget holder", "U krijgt een persoonsgebonden budget (pgb) en beheert dat zelf.", "You receive a personal budget and manage it yourself.";
    "Cliënt", "Client", "U krijgt hulp of zorg via de gemeente.", "You receive help or care through the municipality.";
    "Contactpersoon", "Contact person", "De gemeente neemt contact met u op over iemand anders.", "The municipality contacts you about someone else.";
    "Debiteur", "Debtor", "U moet de gemeente geld betalen.", "You owe the municipality money.";
    "Eigenaar", "Owner", "U bent de eigenaar.", "You are the owner.";
    "Gebruiker", "User", "U gebruikt dit, bijvoorbeeld een pas of een voorziening.", "You use this, for example a pass or a facility.";
    "Gemachtigde", "Authorised representative", "U regelt dit voor iemand anders. Die persoon gaf u daar toestemming voor.", "You arrange this for someone else, with their permission.";
    "Getoond in zoekresultaat", "Shown in search results", "Een medewerker zocht iets op. U stond in de lijst met resultaten. Uw gegevens zijn daarna niet verder gebruikt.", "A member of staff searched for something. You were in the list of results. Your data was not used any further.";
    "Getuige", "Witness", "U zag of hoorde iets en vertelde dat.", "You saw or heard something and told us.";
    "Gezaghouder", "Person with parental authority", "U heeft het gezag over een kind. Dat betekent: u beslist over het kind, als ouder of voogd.", "You have parental authority over a child: you decide for the child, as a parent or guardian.";
    "Hoofdbewoner", "Main occupant", "U bent de hoofdbewoner van het adres.", "You are the main occupant of the address.";
    "Ingeschrevene", "Registered resident", "U staat ingeschreven bij de gemeente.", "You are registered with the municipality.";
    "Kentekenhouder", "Registered keeper", "Een auto of ander voertuig staat op uw naam.", "A car or other vehicle is registered in your name.";
    "Kind", "Child", "Het gaat over uw ouder of verzorger. U bent het kind.", "It is about your parent or carer. You are the child.";
    "Klager", "Complainant", "U diende zelf een klacht in.", "You made a complaint yourself.";
    "Leerling", "Pupil", "Het gaat over uw school of uw leerplicht.", "It is about your school or compulsory education.";
    "Leidinggevende", "Manager", "U bent de leidinggevende van de persoon om wie het gaat.", "You are the manager of the person it is about.";
    "Mantelzorger", "Informal carer", "U zorgt voor iemand in uw omgeving.", "You care for someone close to you.";
    "Medebewoner", "Co-resident", "U woont op hetzelfde adres als de persoon om wie het gaat.", "You live at the same address as the person it is about.";
    "Mede-eigenaar", "Co-owner", "U bent samen met anderen eigenaar.", "You are an owner together with others.";
    "Medeverhuizer", "Person who moved with the declarant", "U verhuisde samen met de persoon die de verhuizing doorgaf.", "You moved together with the person who reported the move.";
    "Ouder", "Parent", "Het gaat over uw kind. U bent de ouder.", "It is about your child. You are the parent.";
    "Partner", "Partner", "Uw partner vroeg dit aan. Uw gegevens tellen mee, bijvoorbeeld uw inkomen. De uitleg over de zaak is geschreven voor de aanvrager.", "Your partner applied for this. Your data counts too, for example your income. The explanation of the case is written for the applicant.";
    "Uitkeringsgerechtigde", "Benefit recipient", "U krijgt een uitkering van de gemeente.", "You receive a benefit from the municipality.";
    "Vraagsteller", "Person asking", "U stelde zelf een vraag.", "You asked a question yourself.";
    "Werkzoekende", "Jobseeker", "U zoekt werk met hulp van de gemeente.", "You are looking for work with help from the municipality.";
}

/// The role as sent by a source system, if it is a known one.
pub fn find(sent: &str) -> Option<&'static Role> {
    ROLES
        .iter()
        .find(|r| r.nl.eq_ignore_ascii_case(sent.trim()))
}

/// The role's name in `lang`; an unknown role as sent.
pub fn label(sent: &str, lang: Lang) -> String {
    find(sent).map_or_else(|| sent.to_owned(), |r| r.name(lang).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_is_explained_in_both_languages() {
        for r in ROLES {
            for lang in Lang::ALL {
                assert!(
                    !r.name(lang).is_empty() && r.explanation(lang).ends_with('.'),
                    "{}",
                    r.nl
                );
            }
            assert_ne!(r.uitleg_nl, r.uitleg_en, "{}", r.nl);
        }
        let names: std::collections::HashSet<_> = ROLES.iter().map(|r| r.nl).collect();
        assert_eq!(names.len(), ROLES.len(), "each role once");
    }

    #[test]
    fn a_role_reads_for_the_resident_in_their_language() {
        assert_eq!(
            label("Gezaghouder", Lang::En),
            "Person with parental authority"
        );
        assert_eq!(label("gezaghouder", Lang::Nl), "Gezaghouder");
        assert!(find("Gezaghouder")
            .unwrap()
            .explanation(Lang::Nl)
            .contains("u beslist over het kind"));
        // A partner is told the case's explanation was written for the applicant.
        assert!(find("Partner")
            .unwrap()
            .explanation(Lang::Nl)
            .contains("geschreven voor de aanvrager"));
        assert_eq!(
            label("Onbekende rol", Lang::En),
            "Onbekende rol",
            "an unknown role as sent"
        );
        assert!(find("Onbekende rol").is_none());
    }
}
