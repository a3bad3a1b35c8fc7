//! The page frame every page shares: skip link, header, main and footer.

use super::{organisation, texts};
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Page(children: Children) -> impl IntoView {
    let t = texts();
    view! {
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
            {t.skip_link}
        </a>
        <div class="utrecht-page-layout">
            {use_context::<super::DemoMode>().unwrap_or_default().0.then(|| view! {
                <p class="app-demo-banner" role="note">
                    <strong>{t.demo_banner_title}</strong>" "{t.demo_banner}
                </p>
            })}
            <Header />
            <main class="utrecht-page-body" id="main" tabindex="-1">
                <div class="utrecht-page-body__content">{children()}</div>
            </main>
            <Footer />
        </div>
    }
}

#[component]
fn Header() -> impl IntoView {
    let t = texts();
    let lang = use_context::<Lang>().unwrap_or_default();
    let org = organisation();
    let name = lang.pick(&org.name, &org.name_en).to_owned();
    view! {
        <header class="utrecht-page-header">
            <div class="utrecht-page-header__content app-header">
                <a class="app-logo utrecht-link utrecht-link--html-a" href="/">
                    {match org.logo.clone() {
                        // The name follows, so the image is decoration.
                        Some(src) => view! { <img class="app-logo__image" src=src alt="" height="40" /> }.into_any(),
                        None => view! {
                            <svg aria-hidden="true" focusable="false" width="40" height="40" viewBox="0 0 40 40">
                                <rect width="40" height="40" rx="4" fill="#5115ef"></rect>
                                <path d="M9 11h5l6 14 6-14h5L22 31h-4z" fill="#fff"></path>
                            </svg>
                        }.into_any(),
                    }}
                    <span class="app-logo__text">{name}</span>
                    <span class="app-logo__portal">{t.portal_name}</span>
                </a>
                <LanguageSwitch />
            </div>
        </header>
    }
}

/// A plain link, so switching language works without JavaScript: the server
/// sets the language cookie and sends the visitor back to this page.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let current = use_context::<Lang>().unwrap_or_default();
    let other = match current {
        Lang::Nl => Lang::En,
        Lang::En => Lang::Nl,
    };
    let location = use_location();
    let href = move || {
        let back = page_address(&location, &[]);
        format!("/taal/{}?terug={}", other.code(), encode_component(&back))
    };
    view! {
        <a
            class="utrecht-link utrecht-link--html-a app-lang"
            href=href
            rel="external"
            hreflang=other.code()
            lang=other.code()
        >
            {current.texts().switch_to_label}
        </a>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let t = texts();
    view! {
        <footer class="utrecht-page-footer">
            <div class="utrecht-page-footer__content app-footer">
                <section>
                    <h2 class="utrecht-heading-3">{t.footer_about_title}</h2>
                    <p class="utrecht-paragraph">{t.footer_about}</p>
                </section>
                <section>
                    <h2 class="utrecht-heading-3">{t.footer_contact_title}</h2>
                    <CallUs />
                    <p class="utrecht-paragraph">
                        <a class="utrecht-link utrecht-link--html-a" href="/uitleg#contact">{t.footer_contact_more}</a>
                    </p>
                </section>
                <nav aria-labelledby="footer-links">
                    <h2 class="utrecht-heading-3" id="footer-links">{t.footer_links}</h2>
                    <ul class="utrecht-link-list">
                        <FooterLink href="/uitleg" text=t.footer_glossary />
                        <FooterLink href="/privacy" text=t.footer_privacy />
                        <FooterLink href="/toegankelijkheid" text=t.footer_accessibility />
                    </ul>
                </nav>
            </div>
        </footer>
    }
}

#[component]
fn FooterLink(href: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <li class="utrecht-link-list__item">
            <a class="utrecht-link utrecht-link--html-a" href=href>{text}</a>
        </li>
    }
}

/// "Do you have a question? Call …", with the number as a link a phone
/// can dial and the hours it is answered.
#[component]
pub fn CallUs() -> impl IntoView {
    let t = texts();
    let lang = use_context::<Lang>().unwrap_or_default();
    let org = organisation();
    let hours = lang.pick(&org.phone_hours, &org.phone_hours_en).to_owned();
    view! {
        <p class="utrecht-paragraph">
            {t.footer_contact}" "
            <a class="utrecht-link utrecht-link--html-a" href=org.phone_href()>{org.phone.clone()}</a>
            " ("{hours}")."
        </p>
    }
}

/// The address of the page being shown (path and query), without the
/// query values named in `drop`.
pub fn page_address(location: &leptos_router::location::Location, drop: &[&str]) -> String {
    let path = location.pathname.get();
    let search = location.search.get();
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or_default();
            !pair.is_empty() && !drop.contains(&key)
        })
        .collect();
    if kept.is_empty() {
        path
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

/// Percent-encodes a URL query value (RFC 3986 unreserved characters and `/` pass).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encode_component;

    #[test]
    fn encodes_query_characters() {
        assert_eq!(
            encode_component("/mijn?a=1&b=é"),
            "/mijn%3Fa%3D1%26b%3D%C3%A9"
        );
    }
}
