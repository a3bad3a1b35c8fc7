//! The 404 page. The server's fallback handler sets the 404 status.

use super::{page_title, texts};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    let t = texts();
    view! {
        <Title text=page_title(t.not_found_title) />
        <h1 class="utrecht-heading-1">{t.not_found_title}</h1>
        <p class="utrecht-paragraph">{t.not_found_body}</p>
        <p class="utrecht-paragraph">
            <a class="utrecht-link utrecht-link--html-a" href="/">{t.not_found_back}</a>
        </p>
    }
}
