//! Where "Uitloggen" ends: it says the session is over, and how to log in again.

use super::{
    alert::{Message, Tone},
    page_title, texts,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LoggedOut() -> impl IntoView {
    let t = texts();
    view! {
        <Title text=page_title(t.logged_out_title) />
        <h1 class="utrecht-heading-1">{t.logged_out_title}</h1>
        <Message tone=Tone::Ok text=t.logged_out_body />
        <p class="utrecht-paragraph">
            <a class="utrecht-link utrecht-link--html-a" rel="external" href="/auth/login">{t.login}</a>
        </p>
        <p class="utrecht-paragraph">
            <a class="utrecht-link utrecht-link--html-a" href="/">{t.not_found_back}</a>
        </p>
    }
}
