//! The second factor of local staff accounts, as a staff member and as
//! someone who has only the password meet it.

use crate::common::{between, TestApp, TestDb};

fn base32_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let (mut out, mut buffer, mut bits) = (Vec::new(), 0u32, 0);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        buffer = (buffer << 5) | ALPHABET.find(c).expect("base32") as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

/// The recovery codes on a page: "XXXX-XXXX-XXXX".
fn recovery_codes_in(html: &str) -> Vec<String> {
    let code = |w: &[u8]| {
        w.len() == 14
            && w.iter().enumerate().all(|(i, b)| {
                if i == 4 || i == 9 {
                    *b == b'-'
                } else {
                    b.is_ascii_uppercase() || b.is_ascii_digit()
                }
            })
    };
    let bytes = html.as_bytes();
    let mut codes: Vec<String> = Vec::new();
    for i in (0..bytes.len().saturating_sub(13)).filter(|i| code(&bytes[*i..i + 14])) {
        let found = html[i..i + 14].to_owned();
        // The page's hydration data holds them a second time.
        if !codes.contains(&found) {
            codes.push(found);
        }
    }
    codes
}

on_both_engines! {
    async fn local_staff_accounts_need_a_second_factor(t: TestDb) {
        inzage::server::staff_accounts::add(&t.db, "kees", "admin", Some("Kees"), Some("een-lang-wachtwoord".into())).await.unwrap();
        let app = TestApp::configured(t, |config| config.staff_require_2fa = true);
        let password = |cookie: String| {
            let app = app.clone();
            async move {
                let a = app.post("/medewerker/inloggen", &cookie, "naam=kees&wachtwoord=een-lang-wachtwoord").await;
                assert_eq!(a.header("location"), "/medewerker/tweede-stap", "the password alone is not enough");
                a.cookie()
            }
        };
        let cookie = password(String::new()).await;
        let beheer = app.get("/medewerker/beheer", &cookie).await;
        assert_eq!((beheer.status, beheer.header("location")), (302, "/medewerker/inloggen"), "not logged in yet");

        // Enrolment: a QR code and the key as text.
        let page = app.get("/medewerker/tweede-stap", &cookie).await.body;
        assert!(page.contains(r#"class="app-qr""#) && page.contains("<svg"), "a QR code");
        let secret = base32_decode(&between(&page, r#"<code class="app-secret">"#, "</code>"));
        assert_eq!(secret.len(), 20);
        let now = chrono::Utc::now().timestamp();
        let right = inzage::crypto::totp::code_at(&secret, now);
        let wrong = app.post("/medewerker/tweede-stap", &cookie, &format!("code={:06}", (right + 500_000) % 1_000_000)).await;
        assert!(wrong.header("location").ends_with("fout=code"), "{}", wrong.header("location"));
        let ok = app.post("/medewerker/tweede-stap", &cookie, &format!("code={right:06}")).await;
        assert_eq!(ok.header("location"), "/medewerker/herstelcodes");
        let cookie = ok.cookie();
        let codes_page = app.get("/medewerker/herstelcodes", &cookie).await.body;
        let codes = recovery_codes_in(&codes_page);
        assert_eq!(codes.len(), 10, "{codes_page}");
        assert!(!app.get("/medewerker/herstelcodes", &cookie).await.body.contains(&codes[0]), "shown once");
        assert_eq!(app.get("/medewerker/beheer", &cookie).await.status, 200);

        // The next login asks for a code, no enrolment; a recovery code works once.
        let cookie = password(String::new()).await;
        let page = app.get("/medewerker/tweede-stap", &cookie).await.body;
        assert!(!page.contains("app-qr") && !page.contains("app-secret"), "the key is never shown again");
        assert!(page.contains("Tweede stap: de code uit uw app"));
        let replay = app.post("/medewerker/tweede-stap", &cookie, &format!("code={right:06}")).await;
        assert!(replay.header("location").ends_with("fout=code"), "a code counts once");
        let recovered = app.post("/medewerker/tweede-stap", &cookie, &format!("code={}", codes[3].to_lowercase())).await;
        assert_eq!(recovered.header("location"), "/medewerker");
        let cookie = password(String::new()).await;
        let again = app.post("/medewerker/tweede-stap", &cookie, &format!("code={}", codes[3])).await;
        assert!(again.header("location").ends_with("fout=code"), "a recovery code works once");
        // Guessing codes is limited like guessing passwords.
        for _ in 0..6 {
            app.post("/medewerker/tweede-stap", &cookie, "code=123456").await;
        }
        let cookie = password(String::new()).await;
        let code = inzage::crypto::totp::code_at(&secret, chrono::Utc::now().timestamp());
        let blocked = app.post("/medewerker/tweede-stap", &cookie, &format!("code={code:06}")).await;
        assert!(blocked.header("location").ends_with("fout=geblokkeerd"), "{}", blocked.header("location"));

        // A lost phone: the admin resets the second factor, the next login enrols again.
        assert!(app.db.reset_second_factor("kees").await.unwrap());
        assert!(!app.db.reset_second_factor("niemand").await.unwrap());
        let cookie = password(String::new()).await;
        assert!(app.get("/medewerker/tweede-stap", &cookie).await.body.contains("app-qr"));
    }
}
