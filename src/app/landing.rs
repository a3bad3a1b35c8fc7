//! The public start page: what Inzage shows and why, in plain language.

use super::{error::PortalError, page_title, texts};
use leptos::prelude::*;
use leptos_meta::Title;

/// Whether the demo login is offered next to the real one.
#[server(prefix = "/api/portaal", endpoint = "demo-modus")]
pub async fn demo_mode() -> Result<bool, PortalError> {
    Ok(super::session::state()?.config.demo)
}

#[component]
pub fn Landing() -> impl IntoView {
    let t = texts();
    let list = |items: &'static [&'static str]| {
        view! {
            <ul class="utrecht-unordered-list">
                {items.iter().map(|item| view! { <li>{*item}</li> }).collect_view()}
            </ul>
        }
    };
    let demo = Resource::new(|| (), |_| demo_mode());
    let demo_link = move || {
        Suspend::new(async move {
            demo.await.unwrap_or(false).then(|| {
                view! {
                    <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="/auth/demo-login">
                        {t.demo_title}
                    </a>
                }
            })
        })
    };
    view! {
        <Title text=page_title(t.portal_name) />
        <h1 class="utrecht-heading-1">{t.landing_title}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t.landing_lead}</p>
        <p class="utrecht-paragraph">
            <a
                class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
                rel="external"
                href="/auth/login"
            >
                {t.login}
            </a>
            " "
            <Suspense fallback=|| ()>{demo_link}</Suspense>
        </p>
        <h2 class="utrecht-heading-2">{t.landing_what_title}</h2>
        {list(t.landing_what)}
        <h2 class="utrecht-heading-2">{t.landing_how_title}</h2>
        <ol class="utrecht-ordered-list">
            {t.landing_how.iter().map(|item| view! { <li>{*item}</li> }).collect_view()}
        </ol>
        <h2 class="utrecht-heading-2">{t.landing_why_title}</h2>
        <p class="utrecht-paragraph">{t.landing_why}</p>
        <h2 class="utrecht-heading-2">{t.landing_not_title}</h2>
        <p class="utrecht-paragraph">{t.landing_not}</p>
    }
}
