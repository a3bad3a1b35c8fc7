//! The municipality is configuration: its name, contact and theme on the
//! pages, and the files a site is expected to have.

use crate::common::{TestApp, TestDb};
use axum::http::StatusCode;
use inzage::config::{Logo, SecurityTxt, Theme};

fn teststad(t: TestDb) -> TestApp {
    TestApp::configured(t, |c| {
        c.organisation.name = "Gemeente Teststad".into();
        c.organisation.phone = "14 0999".into();
        c.theme = Theme {
            css: Some(".teststad-theme { --teststad-kleur: #123456; }".into()),
            class: "teststad-theme".into(),
            logo: Some(Logo {
                bytes: b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
                content_type: "image/svg+xml",
            }),
        };
        c.organisation.logo = Some(Logo::PATH.into());
        c.security_txt = Some(SecurityTxt {
            contact: "mailto:cert@teststad.example".into(),
            expires: chrono::Utc::now() + chrono::Duration::days(30),
        });
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_the_configured_name_contact_and_theme() {
    let app = teststad(TestDb::sqlite().await);
    let html = app.get("/", "").await.body;
    assert!(
        html.contains("<title>Inzage - Gemeente Teststad</title>"),
        "{html}"
    );
    assert!(
        html.contains(r#"class="utrecht-root teststad-theme""#),
        "{html}"
    );
    assert!(html.contains(r#"href="/huisstijl.css""#), "{html}");
    assert!(html.contains(r#"href="tel:140999""#), "{html}");
    assert!(
        !html.contains("Gemeente Voorbeeld"),
        "not the example municipality"
    );
    let css = app.get("/huisstijl.css", "").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.expect_header("content-type").starts_with("text/css"));
    assert!(css.body.contains("--teststad-kleur"));
    assert!(html.contains(r#"src="/huisstijl/logo" alt="""#), "{html}");
    let logo = app.get("/huisstijl/logo", "").await;
    assert_eq!(logo.expect_header("content-type"), "image/svg+xml");

    // Without a theme of its own: the example theme, and no /huisstijl.css.
    let example = TestApp::new(TestDb::sqlite().await);
    let html = example.get("/", "").await.body;
    assert!(html.contains(r#"href="/nlds/theme.css""#), "{html}");
    assert_eq!(
        example.get("/huisstijl.css", "").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        example.get("/huisstijl/logo", "").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_statements_and_help_are_public_pages() {
    let app = teststad(TestDb::sqlite().await);
    for (path, h1) in [
        ("/privacy", "Privacyverklaring van Inzage"),
        ("/toegankelijkheid", "Toegankelijkheidsverklaring"),
        ("/uitleg", "Uitleg en contact"),
    ] {
        let page = app.get(path, "").await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.body.contains(h1), "{path}: {}", page.body);
        assert!(page.body.contains(r#"href="/privacy""#), "footer on {path}");
        assert!(
            page.body.contains(r#"href="/toegankelijkheid""#),
            "footer on {path}"
        );
    }
    let privacy = app.get("/privacy", "").await.body;
    assert!(
        privacy.contains("15 minuten"),
        "the configured session limit"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn robots_and_security_txt() {
    let app = teststad(TestDb::sqlite().await);
    let robots = app.get("/robots.txt", "").await;
    assert_eq!(robots.status, StatusCode::OK);
    for path in ["/mijn", "/medewerker"] {
        assert!(
            robots.body.contains(&format!("Disallow: {path}\n")),
            "{}",
            robots.body
        );
    }
    let security = app.get("/.well-known/security.txt", "").await;
    assert_eq!(security.status, StatusCode::OK);
    assert!(security
        .body
        .starts_with("Contact: mailto:cert@teststad.example\nExpires: "));

    // Not configured, or expired: no file rather than a stale promise.
    let example = TestApp::new(TestDb::sqlite().await);
    assert_eq!(
        example.get("/.well-known/security.txt", "").await.status,
        StatusCode::NOT_FOUND
    );
    let expired = example.beside(|c| {
        c.security_txt = Some(SecurityTxt {
            contact: "mailto:cert@teststad.example".into(),
            expires: chrono::Utc::now() - chrono::Duration::days(1),
        })
    });
    assert_eq!(
        expired.get("/.well-known/security.txt", "").await.status,
        StatusCode::NOT_FOUND
    );
}
