//! The cases and entries of an overview, written straight to HTML.
//!
//! An overview lists up to hundreds of entries. Built as Leptos views, each
//! entry took dozens of type-erased views with their hydration markers, and
//! that was the largest cost of a resident's page (docs/benchmarks.md). Nothing
//! on an entry reacts, so the server and the browser write the same string
//! here, and hydration takes the server's HTML as it is (`inner_html`).
//!
//! Every value from the log or the register goes through [`text`] or
//! [`attr`]; the rest are this module's own fixed strings.

use crate::{
    i18n::{Lang, Texts},
    model::{Groep, Regel},
};

/// Which links an entry offers, by whose page it is on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum EntryLinks {
    /// The resident's own: details, "Ik herken dit niet", a question, and
    /// the case's own page.
    #[default]
    Resident,
    /// The entry on its own page: the requests about it, no link to itself.
    OwnPage,
    /// The entry a request is about, shown on the request: none.
    None,
    /// A clerk's look at a resident, on the look-up's page (this address):
    /// a request on the resident's behalf about the entry.
    OnBehalf(String),
}

/// The inside of a case's `<section class="app-case">`: its heading, when
/// and by whom, and the rest folded away (a list of 20 cases fits a
/// phone's screens; `<details>` opens without JavaScript). A case's own
/// page shows it `open`, without a link to itself.
pub fn case(t: &Texts, groep: &Groep, links: &EntryLinks, open: bool) -> String {
    let mut out = String::with_capacity(800 + 1000 * groep.regels.len());
    out.push_str(r#"<h2 class="utrecht-heading-3">"#);
    let mut naam = String::with_capacity(groep.naam.len() + 20);
    if groep.naam_van_bron {
        source(&mut naam, t, &groep.naam);
    } else {
        text(&mut naam, &groep.naam);
    }
    // The heading's own words are fixed texts; its name is escaped above.
    out.push_str(&(t.case_heading)(groep.aantal as usize, &naam));
    out.push_str(r#"</h2><p class="utrecht-paragraph app-case__meta">"#);
    text(&mut out, &(t.case_period)(&groep.van, &groep.tot));
    if let Some(afdeling) = &groep.afdeling {
        out.push_str("<br>");
        text(&mut out, t.department);
        out.push_str(": ");
        source(&mut out, t, afdeling);
    }
    out.push_str(r#"</p><details class="app-case__more""#);
    let own_page = open;
    // Staff look-ups stay in sight.
    let open = open || groep.medewerker;
    out.push_str(if open {
        " open><summary>"
    } else {
        "><summary>"
    });
    text(&mut out, t.case_open);
    out.push_str("</summary>");
    match &groep.uitleg {
        Some(u) => {
            out.push_str(r#"<p class="utrecht-paragraph"><strong>"#);
            text(&mut out, t.why);
            out.push_str(": </strong>");
            text(&mut out, &u.uitleg);
            out.push_str(r#"</p><p class="utrecht-paragraph"><strong>"#);
            text(&mut out, t.legal_basis);
            out.push_str(": </strong>");
            text(&mut out, &u.grondslag);
            if !u.wet.is_empty() {
                out.push_str(" (");
                source(&mut out, t, &u.wet);
                out.push(')');
            }
            out.push_str("</p>");
        }
        None => {
            out.push_str(r#"<p class="utrecht-paragraph">"#);
            text(&mut out, t.unknown_activity);
            out.push_str("</p>");
        }
    }
    if let (EntryLinks::Resident, false, Some(id)) = (links, own_page, &groep.verwerking_id) {
        out.push_str(r#"<p class="utrecht-paragraph">"#);
        let href = format!("/mijn/zaak/{}", super::encode_component(id));
        link(&mut out, &href, t.case_link);
        out.push_str("</p>");
    }
    out.push_str(r#"<ul class="app-entries">"#);
    for regel in &groep.regels {
        out.push_str(r#"<li class="app-entry">"#);
        write_entry(&mut out, t, regel, links);
        out.push_str("</li>");
    }
    out.push_str("</ul></details>");
    out
}

/// The inside of an entry's `<li class="app-entry">`.
pub fn entry(t: &Texts, regel: &Regel, links: &EntryLinks) -> String {
    let mut out = String::with_capacity(1000);
    write_entry(&mut out, t, regel, links);
    out
}

fn write_entry(out: &mut String, t: &Texts, regel: &Regel, links: &EntryLinks) {
    out.push_str(r#"<h3 class="utrecht-heading-4">"#);
    if regel.wat_van_bron {
        source(out, t, &regel.wat);
    } else {
        text(out, &regel.wat);
    }
    out.push_str(r#"</h3><dl class="utrecht-data-list utrecht-data-list--rows">"#);
    item(out, t.when, &regel.wanneer);
    item(
        out,
        t.by,
        if regel.automatisch {
            t.by_system
        } else {
            t.by_person
        },
    );
    if let Some(afdeling) = &regel.afdeling {
        source_item(out, t, t.department, afdeling);
    }
    if !regel.gegevens.is_empty() {
        source_item(out, t, t.data, &regel.gegevens.join(", "));
    }
    match (&regel.rol, &regel.rol_uitleg) {
        (Some(rol), Some(uitleg)) => item(out, t.role, &format!("{rol} — {uitleg}")),
        (Some(rol), None) => item(out, t.role, rol),
        _ => {}
    }
    if let Some(ontvanger) = &regel.ontvanger {
        source_item(out, t, t.recipient, ontvanger);
    }
    out.push_str("</dl>");
    if regel.opgeheven {
        out.push_str(r#"<p class="utrecht-paragraph">"#);
        text(out, t.lifted);
        out.push_str("</p>");
    }
    let id = super::encode_component(&regel.actie_id);
    // The resident's own: a link to the entry's page (unless on it) and the requests about it.
    let details = match links {
        EntryLinks::None => return,
        EntryLinks::OnBehalf(page) => {
            out.push_str(r#"<ul class="app-actions"><li>"#);
            link(
                out,
                &format!("{page}?over={id}#verzoek-namens"),
                t.on_behalf,
            );
            out.push_str("</li></ul>");
            return;
        }
        EntryLinks::Resident => Some((format!("/mijn/actie/{id}"), t.details)),
        EntryLinks::OwnPage => None,
    };
    let requests = [
        (
            format!("/mijn/verzoek?actie={id}&soort=herken_niet"),
            t.contest,
        ),
        (format!("/mijn/verzoek?actie={id}&soort=vraag"), t.ask),
    ];
    out.push_str(r#"<ul class="app-actions">"#);
    for (href, label) in details.into_iter().chain(requests) {
        out.push_str("<li>");
        link(out, &href, label);
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

/// One key and value of a data list, as [`super::mijn::Item`] renders it.
fn item(out: &mut String, key: &str, value: &str) {
    item_with(out, key, |out| text(out, value));
}

/// [`item`] for a value from the municipality's systems.
fn source_item(out: &mut String, t: &Texts, key: &str, value: &str) {
    item_with(out, key, |out| source(out, t, value));
}

fn item_with(out: &mut String, key: &str, value: impl FnOnce(&mut String)) {
    out.push_str(r#"<div class="utrecht-data-list__item"><dt>"#);
    text(out, key);
    out.push_str("</dt><dd>");
    value(out);
    out.push_str("</dd></div>");
}

/// A value as the municipality's systems recorded it (in Dutch), escaped;
/// on a page in another language marked `lang="nl"`, so a screen reader
/// reads it as Dutch.
fn source(out: &mut String, t: &Texts, value: &str) {
    match t.lang {
        Lang::Nl => text(out, value),
        _ => {
            out.push_str(r#"<span lang="nl">"#);
            text(out, value);
            out.push_str("</span>");
        }
    }
}

fn link(out: &mut String, href: &str, label: &str) {
    out.push_str(r#"<a class="utrecht-link utrecht-link--html-a" href=""#);
    attr(out, href);
    out.push_str(r#"">"#);
    text(out, label);
    out.push_str("</a>");
}

fn text(out: &mut String, value: &str) {
    html_escape::encode_text_to_string(value, out);
}

fn attr(out: &mut String, value: &str) {
    html_escape::encode_double_quoted_attribute_to_string(value, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn regel(wat: &str) -> Regel {
        Regel {
            actie_id: "a\"1".into(),
            wanneer: "1 mei 2026, 16.30 uur".into(),
            tijdstip_utc: 0,
            wat: wat.into(),
            wat_van_bron: true,
            stap: None,
            afdeling: Some("Burgerzaken & <Belastingen>".into()),
            gegevens: vec!["Adres".into(), "Inkomen".into()],
            rol: Some("Betrokkene".into()),
            rol_uitleg: Some("Het gaat over u.".into()),
            automatisch: true,
            ontvanger: None,
            opgeheven: true,
        }
    }

    #[test]
    fn values_from_the_log_cannot_become_markup() {
        let html = entry(
            Lang::Nl.texts(),
            &regel("<script>alert(1)</script>"),
            &EntryLinks::Resident,
        );
        assert!(!html.contains("<script>"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(
            html.contains("Burgerzaken &amp; &lt;Belastingen&gt;"),
            "{html}"
        );
        // The id is percent-encoded into the address, so no quote can end the attribute.
        assert!(html.contains(r#"href="/mijn/actie/a%221""#), "{html}");
        assert!(
            html.contains(r#"href="/mijn/verzoek?actie=a%221&amp;soort=vraag""#),
            "{html}"
        );
    }

    #[test]
    fn an_entry_shows_what_it_has_and_the_links_of_its_page() {
        let t = Lang::Nl.texts();
        let html = entry(t, &regel("Adres opgevraagd"), &EntryLinks::Resident);
        for shown in [
            "Adres opgevraagd",
            "<dt>Welke gegevens</dt><dd>Adres, Inkomen</dd>",
            "<dt>Uw rol</dt><dd>Betrokkene — Het gaat over u.</dd>",
            "<dt>Door wie</dt><dd>Automatisch, door een computersysteem van de gemeente</dd>",
            t.lifted,
            t.contest,
            t.ask,
        ] {
            assert!(html.contains(shown), "{shown} missing from {html}");
        }
        assert!(
            !html.contains(t.recipient),
            "no recipient was given: {html}"
        );
        let clerk = entry(
            t,
            &regel("a\"1"),
            &EntryLinks::OnBehalf("/medewerker/inwoner/x".into()),
        );
        assert_eq!(
            clerk.matches("<a ").count(),
            1,
            "only the request on behalf: {clerk}"
        );
        assert!(
            clerk.contains(r#"href="/medewerker/inwoner/x?over=a%221#verzoek-namens""#),
            "{clerk}"
        );
        let own_page = entry(t, &regel("Adres opgevraagd"), &EntryLinks::OwnPage);
        assert!(
            !own_page.contains("/mijn/actie/") && own_page.contains(t.contest),
            "{own_page}"
        );
        assert!(!entry(t, &regel("Adres opgevraagd"), &EntryLinks::None).contains("<a "));
    }

    #[test]
    fn a_case_lists_its_entries_under_its_heading() {
        let t = Lang::En.texts();
        let groep = Groep {
            verwerking_id: Some("zaak 7".into()),
            naam: "Parking <permit>".into(),
            naam_van_bron: true,
            afdeling: None,
            uitleg: None,
            aantal: 6,
            van: "2 May 2026".into(),
            tot: "4 June 2026".into(),
            medewerker: false,
            regels: vec![regel("One"), regel("Two")],
        };
        let html = case(t, &groep, &EntryLinks::Resident, false);
        assert!(
            html.starts_with(
                r#"<h2 class="utrecht-heading-3">Used 6 times for: <span lang="nl">Parking &lt;permit&gt;</span></h2>"#
            ),
            "{html}"
        );
        assert!(html.contains(t.unknown_activity), "{html}");
        // On an English page what the systems recorded is marked as Dutch; on a Dutch page nothing is.
        assert!(
            html.contains(r#"<h3 class="utrecht-heading-4"><span lang="nl">One</span></h3>"#),
            "{html}"
        );
        assert!(!case(Lang::Nl.texts(), &groep, &EntryLinks::Resident, false).contains("lang="));
        let unnamed = Regel {
            wat: "Data used".into(),
            wat_van_bron: false,
            ..regel("")
        };
        let ours = entry(t, &unnamed, &EntryLinks::Resident);
        assert!(
            ours.starts_with(r#"<h3 class="utrecht-heading-4">Data used</h3>"#),
            "Inzage's own words are English: {ours}"
        );
        // The count is of the whole period, with its days, not of the entries listed.
        assert!(html.contains("From 2 May 2026 to 4 June 2026"), "{html}");
        assert!(
            html.contains(r#"<details class="app-case__more">"#),
            "the entries fold away: {html}"
        );
        let own_page = case(t, &groep, &EntryLinks::Resident, true);
        assert!(
            !own_page.contains("/mijn/zaak/"),
            "no link to itself: {own_page}"
        );
        let looked = Groep {
            medewerker: true,
            ..groep
        };
        assert!(
            case(t, &looked, &EntryLinks::Resident, false)
                .contains(r#"<details class="app-case__more" open>"#),
            "staff look-ups stay in sight"
        );
        assert!(html.contains(r#"href="/mijn/zaak/zaak%207""#), "{html}");
        assert_eq!(
            html.matches(r#"<li class="app-entry">"#).count(),
            2,
            "{html}"
        );
        assert!(
            html.find("One").unwrap() < html.find("Two").unwrap(),
            "{html}"
        );
    }
}
