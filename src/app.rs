//! The Leptos application: the HTML shell, the router and the pages.

mod alert;
mod demo_login;
mod detail;
mod entries_html;
pub mod error;
mod glossary;
mod landing;
mod layout;
mod logged_out;
mod login_failed;
pub(crate) mod mijn;
mod not_found;
mod organisation;
#[cfg(feature = "ssr")]
mod session;
mod staff;
mod statements;
pub(crate) mod verzoek;

pub use layout::encode_component;
pub use organisation::{organisation, page_title};

use crate::i18n::Lang;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet};
use leptos_router::{
    components::{Route, Router, Routes},
    ParamSegment, SsrMode, StaticSegment,
};

/// The HTML document around the app. Rendered on the server only, so this is
/// the one place for `<html lang>`, the stylesheets and the hydration scripts.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = request_lang();
    provide_context(lang);
    let demo = server_demo_mode();
    provide_context(demo);
    let csrf = server_csrf_token();
    provide_context(csrf.clone());
    let organisation = organisation::server_organisation();
    let organisation_json = serde_json::to_string(&organisation).unwrap_or_default();
    provide_context(organisation);
    let (theme_href, theme_class) = server_theme();
    view! {
        <!DOCTYPE html>
        <html
            lang=lang.code()
            dir="ltr"
            class=format!("utrecht-root {theme_class}")
            data-demo=demo.0.then_some("true")
            data-csrf=csrf.0
            data-organisation=organisation_json
        >
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.ico" />
                <link rel="stylesheet" href=theme_href />
                <link rel="stylesheet" href="/nlds/components.css" />
                <link rel="stylesheet" href="/theme-bridge.css" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body class="utrecht-body">
                <App />
            </body>
        </html>
    }
}

/// The theme's stylesheet and class: the organisation's own when configured
/// (served at `/huisstijl.css`), else the example theme.
fn server_theme() -> (&'static str, String) {
    const EXAMPLE_CSS: &str = "/nlds/theme.css";
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::state::AppState>()
            .map(|s| {
                let theme = &s.config.theme;
                let href = if theme.css.is_some() {
                    THEME_CSS_PATH
                } else {
                    EXAMPLE_CSS
                };
                (href, theme.class.clone())
            })
            .unwrap_or((EXAMPLE_CSS, String::new()))
    }
    #[cfg(not(feature = "ssr"))]
    {
        (EXAMPLE_CSS, String::new())
    }
}

/// Where the server serves a configured theme's CSS file.
pub const THEME_CSS_PATH: &str = "/huisstijl.css";

/// The language of this request: the language cookie, else Dutch.
fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .map(|parts| {
                let cookies = parts.headers.get_all(axum::http::header::COOKIE);
                Lang::from_cookie_headers(cookies.iter().filter_map(|v| v.to_str().ok()))
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Lang::default()
    }
}

/// Whether the portal runs as the demo (fictional data, passwordless
/// logins): every page then says so in a banner.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DemoMode(pub bool);

fn server_demo_mode() -> DemoMode {
    #[cfg(feature = "ssr")]
    {
        DemoMode(use_context::<crate::state::AppState>().is_some_and(|s| s.config.demo))
    }
    #[cfg(not(feature = "ssr"))]
    {
        DemoMode(false)
    }
}

/// In the browser, demo mode is read back from `<html data-demo>`, so
/// hydration renders the same banner.
fn page_demo_mode() -> DemoMode {
    #[cfg(feature = "hydrate")]
    {
        DemoMode(
            document()
                .document_element()
                .is_some_and(|el| el.has_attribute("data-demo")),
        )
    }
    #[cfg(not(feature = "hydrate"))]
    {
        DemoMode(false)
    }
}

/// The form token of this browser (`server::security::FormGuard`): the fallback
/// proof for browsers that send neither `Origin` nor `Sec-Fetch-Site`.
/// Every form carries it in a hidden field ([`CsrfField`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsrfToken(pub String);

fn server_csrf_token() -> CsrfToken {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<CsrfToken>().cloned())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        CsrfToken::default()
    }
}

/// In the browser, the token is read back from `<html data-csrf>`.
fn page_csrf_token() -> CsrfToken {
    #[cfg(feature = "hydrate")]
    {
        CsrfToken(
            document()
                .document_element()
                .and_then(|el| el.get_attribute("data-csrf"))
                .unwrap_or_default(),
        )
    }
    #[cfg(not(feature = "hydrate"))]
    {
        CsrfToken::default()
    }
}

/// The hidden field with the form token; every POST form has one.
#[component]
pub fn CsrfField() -> impl IntoView {
    let token = use_context::<CsrfToken>().unwrap_or_default().0;
    view! { <input type="hidden" name="csrf_token" value=token /> }
}

/// In the browser the server already chose the language: read it back from
/// `<html lang>` so hydration renders the same texts.
fn page_lang() -> Lang {
    #[cfg(feature = "hydrate")]
    {
        document()
            .document_element()
            .and_then(|el| el.get_attribute("lang"))
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Lang::default()
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = use_context::<Lang>().unwrap_or_else(page_lang);
    provide_context(lang);
    let demo = use_context::<DemoMode>().unwrap_or_else(page_demo_mode);
    provide_context(demo);
    let csrf = use_context::<CsrfToken>().unwrap_or_else(page_csrf_token);
    provide_context(csrf);
    let organisation =
        use_context::<crate::model::Organisation>().unwrap_or_else(organisation::page_organisation);
    provide_context(organisation);

    // Marks the page once the WASM runs; the browser tests use it to prove
    // hydration, and it never appears without JavaScript.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Stylesheet id="leptos" href="/pkg/inzage.css" />
        <Router>
            <layout::Page>
                <Routes fallback=not_found::NotFound>
                    <Route path=StaticSegment("") view=landing::Landing ssr=SsrMode::Async />
                    <Route path=StaticSegment("mijn") view=mijn::Mijn ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("mijn"), StaticSegment("actie"), ParamSegment("id"))
                        view=detail::ActieDetail
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("mijn"), StaticSegment("zaak"), ParamSegment("id"))
                        view=detail::VerwerkingDetail
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("mijn"), StaticSegment("verzoek"))
                        view=verzoek::VerzoekForm
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("mijn"), StaticSegment("verzoeken"))
                        view=verzoek::Verzoeken
                        ssr=SsrMode::Async
                    />
                    <Route path=(StaticSegment("medewerker"), StaticSegment("inloggen")) view=staff::StaffLogin ssr=SsrMode::Async />
                    <Route path=(StaticSegment("medewerker"), StaticSegment("tweede-stap")) view=staff::SecondFactor ssr=SsrMode::Async />
                    <Route path=(StaticSegment("medewerker"), StaticSegment("herstelcodes")) view=staff::RecoveryCodes ssr=SsrMode::Async />
                    <Route path=StaticSegment("medewerker") view=staff::Home ssr=SsrMode::Async />
                    <Route path=(StaticSegment("medewerker"), StaticSegment("opzoeken")) view=staff::Lookup ssr=SsrMode::Async />
                    <Route path=(StaticSegment("medewerker"), StaticSegment("inwoner"), ParamSegment("id")) view=staff::ResidentView ssr=SsrMode::Async />
                    <Route path=(StaticSegment("medewerker"), StaticSegment("verzoeken")) view=staff::Queue ssr=SsrMode::Async />
                    <Route path=(StaticSegment("medewerker"), StaticSegment("verzoeken"), ParamSegment("id")) view=staff::CaseDetail ssr=SsrMode::Async />
                    <Route path=(StaticSegment("medewerker"), StaticSegment("onderzoek"), ParamSegment("id")) view=staff::Investigation ssr=SsrMode::Async />
                    <Route path=(StaticSegment("medewerker"), StaticSegment("onderzoek"), StaticSegment("persoon"), ParamSegment("id")) view=staff::PersonInvestigation ssr=SsrMode::Async />
                    <Route path=(StaticSegment("medewerker"), StaticSegment("beheer")) view=staff::Admin ssr=SsrMode::Async />
                    <Route path=(StaticSegment("medewerker"), StaticSegment("register")) view=staff::Register ssr=SsrMode::Async />
                    <Route path=(StaticSegment("medewerker"), StaticSegment("register"), ParamSegment("id")) view=staff::RegisterItem ssr=SsrMode::Async />
                    <Route path=StaticSegment("uitgelogd") view=logged_out::LoggedOut />
                    <Route path=StaticSegment("uitleg") view=glossary::Glossary />
                    <Route path=StaticSegment("privacy") view=statements::Privacy ssr=SsrMode::Async />
                    <Route path=StaticSegment("toegankelijkheid") view=statements::Accessibility />
                    <Route
                        path=(StaticSegment("inloggen"), StaticSegment("mislukt"))
                        view=login_failed::LoginFailed
                    />
                    <Route
                        path=(StaticSegment("auth"), StaticSegment("demo-login"))
                        view=demo_login::DemoLogin
                        ssr=SsrMode::Async
                    />
                </Routes>
            </layout::Page>
        </Router>
    }
}

/// The texts for the current page's language.
pub fn texts() -> &'static crate::i18n::Texts {
    use_context::<Lang>().unwrap_or_default().texts()
}
