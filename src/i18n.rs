//! Texts in Dutch (first) and English. Every language is one `Texts` value, so
//! a missing translation is a compile error rather than a blank on a page.

mod en;
mod nl;
pub mod roles;
mod staff;
pub mod statements;

pub use staff::StaffTexts;

use crate::model::{Outcome, RequestKind, RequestStatus};
use serde::{Deserialize, Serialize};

/// The cookie that remembers the chosen language (no JavaScript needed).
pub const LANG_COOKIE: &str = "inzage_taal";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    /// Of a value given in both languages (such as a configured name), the
    /// one in this language.
    pub fn pick<'a>(self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The language named by the language cookie in a `Cookie` header.
    pub fn from_cookie_header(header: &str) -> Option<Lang> {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANG_COOKIE)
            .and_then(|(_, value)| Lang::from_code(value))
    }

    /// The language named in any of a request's `Cookie` headers, else Dutch.
    pub fn from_cookie_headers<'a>(headers: impl IntoIterator<Item = &'a str>) -> Lang {
        headers
            .into_iter()
            .find_map(Lang::from_cookie_header)
            .unwrap_or_default()
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Nl => &nl::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }

    pub fn staff_texts(self) -> &'static StaffTexts {
        match self {
            Lang::Nl => &staff::NL,
            Lang::En => &staff::EN,
        }
    }
}

/// Every text on the pages, per language.
pub struct Texts {
    /// The language these texts are in: values from the municipality's
    /// systems, in Dutch, are marked as such on an English page.
    pub lang: Lang,
    /// On an English page: which names stay in Dutch, and why.
    pub source_note: Option<&'static str>,
    /// The banner on every page in demo mode.
    pub demo_banner_title: &'static str,
    pub demo_banner: &'static str,
    /// A recipient who is a person (never named).
    pub recipient_person: &'static str,
    pub portal_name: &'static str,
    pub skip_link: &'static str,
    pub main_menu: &'static str,
    pub home: &'static str,
    pub switch_to_label: &'static str,
    pub footer_about_title: &'static str,
    pub footer_about: &'static str,
    pub footer_contact_title: &'static str,
    /// Before the organisation's phone number.
    pub footer_contact: &'static str,
    pub footer_contact_more: &'static str,
    pub footer_links: &'static str,
    pub footer_privacy: &'static str,
    pub footer_accessibility: &'static str,
    pub footer_glossary: &'static str,
    pub glossary_title: &'static str,
    pub glossary_intro: &'static str,
    pub glossary_words: &'static str,
    /// (word, meaning) of the terms residents meet on the pages.
    pub glossary_terms: &'static [(&'static str, &'static str)],
    pub glossary_roles: &'static str,
    pub glossary_roles_intro: &'static str,
    pub landing_title: &'static str,
    pub landing_lead: &'static str,
    pub landing_what_title: &'static str,
    pub landing_what: &'static [&'static str],
    pub landing_why_title: &'static str,
    pub landing_why: &'static str,
    pub landing_how_title: &'static str,
    pub landing_how: &'static [&'static str],
    pub landing_not_title: &'static str,
    pub landing_not: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub not_found_back: &'static str,
    pub login: &'static str,
    pub login_failed_title: &'static str,
    pub login_failed_reason: fn(&str) -> &'static str,
    pub login_retry: &'static str,
    pub demo_title: &'static str,
    pub demo_intro: &'static str,
    pub demo_choose: &'static str,
    pub demo_submit: &'static str,
    pub mijn_title: &'static str,
    pub mijn_lead: &'static str,
    pub logged_in_as: &'static str,
    pub logged_out_title: &'static str,
    pub logged_out_body: &'static str,
    /// A page or form met an ended session.
    pub session_ended: &'static str,
    /// ... and kept the text the resident typed.
    pub session_ended_kept: &'static str,
    /// On the printout: the day the overview was made.
    pub print_made: &'static str,
    pub logout: &'static str,
    pub filter_title: &'static str,
    pub filter_period: &'static str,
    pub period_options: [(&'static str, &'static str); 4],
    pub filter_department: &'static str,
    pub filter_data: &'static str,
    pub filter_purpose: &'static str,
    pub filter_all: &'static str,
    pub filter_search: &'static str,
    pub filter_submit: &'static str,
    pub summary_title: &'static str,
    /// (months of the period, 0 for all; uses; departments; cases).
    pub summary_uses: fn(u32, u32, usize, u32) -> String,
    /// How often a member of staff looked at the resident's log.
    pub summary_staff: fn(u32) -> String,
    pub more_figures: &'static str,
    pub per_department: &'static str,
    pub per_month: &'static str,
    pub month: &'static str,
    pub count: &'static str,
    /// The days of a case's first and last entry; one day when they are equal.
    pub case_period: fn(&str, &str) -> String,
    pub own_views_title: &'static str,
    pub own_views_body: &'static str,
    pub times: fn(u32) -> String,
    pub empty_title: &'static str,
    pub empty_body: &'static str,
    pub show_earlier: &'static str,
    pub show_more: &'static str,
    pub capped: &'static str,
    pub case_heading: fn(usize, &str) -> String,
    pub when: &'static str,
    /// Who did it: a member of staff, or a computer system on its own.
    pub by: &'static str,
    pub by_person: &'static str,
    pub by_system: &'static str,
    pub department: &'static str,
    pub data: &'static str,
    pub role: &'static str,
    pub recipient: &'static str,
    pub why: &'static str,
    pub legal_basis: &'static str,
    pub law: &'static str,
    pub retention: &'static str,
    pub details: &'static str,
    pub lifted: &'static str,
    pub unknown_activity: &'static str,
    pub detail_title: &'static str,
    /// The toggle that shows a case's explanation and entries.
    pub case_open: &'static str,
    pub case_title: &'static str,
    pub case_link: &'static str,
    pub chain_title: &'static str,
    pub rights_title: &'static str,
    pub rights: [&'static str; 5],
    pub complaint: &'static str,
    pub back: &'static str,
    pub export_title: &'static str,
    pub export_csv: &'static str,
    /// The header row of the CSV download.
    pub csv_headers: [&'static str; 12],
    pub export_json: &'static str,
    /// That the overview can be checked: (entries signed, when).
    pub verifiable: fn(u64, &str) -> String,
    pub error_title: &'static str,
    pub error_body: &'static str,
    pub contest: &'static str,
    pub ask: &'static str,
    /// On a clerk's page: a request on the resident's behalf about an entry.
    pub on_behalf: &'static str,
    /// The request form's heading, and what to write, per kind of request.
    pub request_title: fn(RequestKind) -> &'static str,
    pub request_hint: fn(RequestKind) -> &'static str,
    /// After sending: (case number, deadline).
    pub request_sent: fn(&str, &str) -> String,
    pub request_new_title: &'static str,
    pub request_intro: &'static str,
    pub request_about: &'static str,
    pub request_message: &'static str,
    pub request_submit: &'static str,
    pub request_empty_message: &'static str,
    /// The resident has the most open requests one may have.
    pub request_too_many: &'static str,
    pub requests_title: &'static str,
    pub requests_empty: &'static str,
    pub requests_nav: &'static str,
    pub request_answers: &'static str,
    pub request_number: &'static str,
    pub request_kind: &'static str,
    pub request_received: &'static str,
    pub request_deadline: &'static str,
    pub request_status: &'static str,
    pub kind_label: fn(RequestKind) -> &'static str,
    /// A decision's outcome, as the start of a sentence to the resident.
    pub outcome_plain: fn(Outcome) -> &'static str,
    pub status_label: fn(RequestStatus) -> &'static str,
}

/// A whole number with its thousands marked: `8.140` in Dutch, `8,140` in English.
pub(crate) fn grouped(n: u64, mark: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(mark);
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_marked() {
        assert_eq!(grouped(0, '.'), "0");
        assert_eq!(grouped(999, '.'), "999");
        assert_eq!(grouped(8140, '.'), "8.140");
        assert_eq!(grouped(10_000_000, ','), "10,000,000");
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
    }

    #[test]
    fn cookie_header_is_read() {
        assert_eq!(
            Lang::from_cookie_header("a=b; inzage_taal=en; c=d"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_cookie_header("inzage_taal=xx"), None);
        assert_eq!(Lang::from_cookie_header("other=en"), None);
    }

    #[test]
    fn the_summary_speaks_of_the_period_in_plain_words() {
        let nl = Lang::Nl.texts();
        assert_eq!(
            (nl.summary_uses)(12, 123, 4, 11),
            "In de afgelopen 12 maanden gebruikten 4 afdelingen uw gegevens 123 keer, voor 11 zaken."
        );
        assert_eq!(
            (nl.summary_uses)(0, 1, 1, 1),
            "Tot nu toe gebruikte 1 afdeling uw gegevens 1 keer, voor 1 zaak."
        );
        assert_eq!(
            (nl.summary_staff)(1),
            "1 keer keek een medewerker in uw gegevens om u te helpen."
        );
        assert_eq!(
            (nl.summary_uses)(3, 2, 0, 2),
            "In de afgelopen 3 maanden gebruikte de gemeente uw gegevens 2 keer, voor 2 zaken.",
            "no department known"
        );
        assert_eq!(
            (nl.case_period)("2 mei 2026", "2 mei 2026"),
            "Op 2 mei 2026"
        );
        let en = Lang::En.texts();
        assert_eq!(
            (en.summary_uses)(24, 2, 1, 1),
            "In the last 24 months, 1 department used your data 2 times, for 1 case."
        );
        assert_eq!(
            (en.case_period)("2 May 2026", "4 June 2026"),
            "From 2 May 2026 to 4 June 2026"
        );
    }

    #[test]
    fn each_kind_of_request_has_its_own_heading_in_both_languages() {
        for lang in Lang::ALL {
            let t = lang.texts();
            let titles: std::collections::HashSet<_> = RequestKind::ALL
                .iter()
                .map(|k| (t.request_title)(*k))
                .collect();
            let hints: std::collections::HashSet<_> = RequestKind::ALL
                .iter()
                .map(|k| (t.request_hint)(*k))
                .collect();
            assert_eq!(
                (titles.len(), hints.len()),
                (RequestKind::ALL.len(), RequestKind::ALL.len()),
                "{lang:?}"
            );
        }
        assert_eq!(
            (Lang::Nl.texts().request_title)(RequestKind::Bezwaar),
            "Bezwaar maken tegen het gebruik van uw gegevens"
        );
    }

    #[test]
    fn staff_check_whom_they_have_with_the_name_only_where_it_is_known() {
        let nl = Lang::Nl.staff_texts();
        assert_eq!(
            (nl.resident_who)("243", Some("Anna Bakker")),
            "Anna Bakker, met een BSN dat eindigt op 243. Controleer naam en BSN met de inwoner."
        );
        let unnamed = (nl.resident_who)("243", None);
        assert!(
            unnamed.starts_with("Inwoner met een BSN dat eindigt op 243.")
                && unnamed.contains("niet gekoppeld aan de BRP"),
            "{unnamed}"
        );
        assert_eq!((nl.resident_short)("243", None), "BSN\u{a0}…243");
        let en = Lang::En.staff_texts();
        assert_eq!(
            (en.resident_short)("243", Some("Anna Bakker")),
            "Anna Bakker (BSN\u{a0}…243)"
        );
        assert!((en.resident_who)("243", None).contains("not linked to the BRP"));
    }

    #[test]
    fn languages_differ() {
        assert_ne!(
            Lang::Nl.texts().landing_title,
            Lang::En.texts().landing_title
        );
    }
}
