//! Where every failed login ends: what went wrong in plain words, and a way
//! to try again. The reason code comes from the login routes.

use super::{page_title, texts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginFailed() -> impl IntoView {
    let t = texts();
    let query = use_query_map();
    let reason = move || (t.login_failed_reason)(&query.read().get("reden").unwrap_or_default());
    view! {
        <Title text=page_title(t.login_failed_title) />
        <h1 class="utrecht-heading-1">{t.login_failed_title}</h1>
        <p class="utrecht-paragraph">{reason}</p>
        <p class="utrecht-paragraph">
            <a
                class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
                rel="external"
                href="/auth/login"
            >
                {t.login_retry}
            </a>
        </p>
        <p class="utrecht-paragraph">
            <a class="utrecht-link utrecht-link--html-a" href="/">{t.not_found_back}</a>
        </p>
    }
}
