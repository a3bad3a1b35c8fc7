//! The statements the law asks of a government site, linked from every
//! page's footer: the privacy statement about the portal's own processing
//! and the accessibility statement; and the contact block they share with
//! the help page.

use super::{error::PortalError, organisation, page_title};
use crate::i18n::{statements::Section, Lang};
use leptos::prelude::*;
use leptos_meta::Title;

/// A resident session's limits: idle minutes and hours in all.
#[server(prefix = "/api/portaal", endpoint = "sessieduur")]
pub async fn session_limits() -> Result<(i64, i64), PortalError> {
    let limits = super::session::state()?.config.resident_limits();
    Ok((limits.idle.num_minutes(), limits.max.num_hours()))
}

fn statement_texts() -> &'static crate::i18n::statements::StatementTexts {
    use_context::<Lang>().unwrap_or_default().statement_texts()
}

#[component]
pub fn Privacy() -> impl IntoView {
    let s = statement_texts();
    let limits = Resource::new(|| (), |_| session_limits());
    let sessions = move || {
        Suspend::new(async move {
            limits.await.ok().map(|(idle, hours)| {
                view! { <p class="utrecht-paragraph">{(s.privacy_sessions)(idle, hours)}</p> }
            })
        })
    };
    let org = organisation();
    let mailto = format!("mailto:{}", org.privacy_email);
    view! {
        <Title text=page_title(s.privacy_title) />
        <h1 class="utrecht-heading-1">{s.privacy_title}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{s.privacy_lead}</p>
        <Sections sections=s.privacy />
        <Suspense fallback=|| ()>{sessions}</Suspense>
        <h2 class="utrecht-heading-2">{s.privacy_contact_title}</h2>
        <p class="utrecht-paragraph">
            {s.privacy_contact}" "
            <a class="utrecht-link utrecht-link--html-a" href=mailto>{org.privacy_email.clone()}</a>
        </p>
        <p class="utrecht-paragraph">{s.privacy_complaint}</p>
    }
}

#[component]
pub fn Accessibility() -> impl IntoView {
    let s = statement_texts();
    view! {
        <Title text=page_title(s.accessibility_title) />
        <h1 class="utrecht-heading-1">{s.accessibility_title}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{s.accessibility_lead}</p>
        <h2 class="utrecht-heading-2">{s.accessibility_status_title}</h2>
        <p class="utrecht-paragraph">{s.accessibility_status}</p>
        <p class="utrecht-paragraph">{s.accessibility_date}</p>
        <Sections sections=s.accessibility />
        <h2 class="utrecht-heading-2">{s.accessibility_contact_title}</h2>
        <p class="utrecht-paragraph">{s.accessibility_contact}</p>
        <ContactDetails />
    }
}

#[component]
fn Sections(sections: &'static [Section]) -> impl IntoView {
    sections
        .iter()
        .map(|section| {
            view! {
                <h2 class="utrecht-heading-2">{section.title}</h2>
                {section
                    .body
                    .iter()
                    .map(|p| view! { <p class="utrecht-paragraph">{*p}</p> })
                    .collect_view()}
            }
        })
        .collect_view()
}

/// How to reach the organisation: phone and hours, address, its contact
/// form when it has one, and the privacy officer.
#[component]
pub fn ContactDetails() -> impl IntoView {
    let s = statement_texts();
    let lang = use_context::<Lang>().unwrap_or_default();
    let org = organisation();
    let phone = format!(
        "{} ({})",
        org.phone,
        lang.pick(&org.phone_hours, &org.phone_hours_en)
    );
    let form = org.contact_url.clone().map(|url| {
        view! {
            <div class="utrecht-data-list__item">
                <dt>{s.contact_form}</dt>
                <dd><a class="utrecht-link utrecht-link--html-a" href=url.clone()>{url.clone()}</a></dd>
            </div>
        }
    });
    view! {
        <dl class="utrecht-data-list utrecht-data-list--rows">
            <div class="utrecht-data-list__item">
                <dt>{s.contact_phone}</dt>
                <dd><a class="utrecht-link utrecht-link--html-a" href=org.phone_href()>{phone}</a></dd>
            </div>
            <div class="utrecht-data-list__item">
                <dt>{s.contact_address}</dt>
                <dd>{org.address.clone()}</dd>
            </div>
            {form}
            <div class="utrecht-data-list__item">
                <dt>{s.contact_privacy}</dt>
                <dd>
                    <a class="utrecht-link utrecht-link--html-a" href=format!("mailto:{}", org.privacy_email)>
                        {org.privacy_email.clone()}
                    </a>
                </dd>
            </div>
        </dl>
    }
}
