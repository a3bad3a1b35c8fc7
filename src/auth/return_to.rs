//! Where a resident returns after logging in: the page they were on when
//! their session ended. Only a path on the resident's own pages, so the
//! address can never send anyone to another site or into a logout.

use serde::{Deserialize, Serialize};
use tower_sessions::Session;

const KEY: &str = "terug";
const MAX_LEN: usize = 300;

/// A path under `/mijn`, with an optional query, of plain address characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnPath(String);

impl ReturnPath {
    pub fn parse(value: &str) -> Option<ReturnPath> {
        let path = value.split('?').next().unwrap_or_default();
        let own_page = path == "/mijn" || path.starts_with("/mijn/");
        let plain = value.len() <= MAX_LEN
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_./?=&%".contains(&b))
            && !value.contains("//")
            && !value.contains("..")
            // Encoded dots and slashes would make `..` or `//` once decoded.
            && !["%2e", "%2f", "%5c"].iter().any(|e| value.to_ascii_lowercase().contains(e));
        (own_page && plain).then(|| ReturnPath(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Keeps where to return after the login that starts now.
pub async fn remember(
    session: &Session,
    to: ReturnPath,
) -> Result<(), tower_sessions::session::Error> {
    session.insert(KEY, to).await
}

/// Whether a page's query says the session ended (`fout=sessie`, the text
/// kept, or `fout=uitgelogd`): that page renders to say so, instead of
/// sending the browser to the login.
pub fn reports_session_end(query: &str) -> bool {
    query
        .split('&')
        .any(|pair| pair == "fout=sessie" || pair == "fout=uitgelogd")
}

/// Where to go after a login: the remembered page, once, else the overview.
pub async fn take(session: &Session) -> String {
    match session.remove::<ReturnPath>(KEY).await {
        Ok(Some(to)) => to.0,
        _ => "/mijn".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::ReturnPath;

    #[test]
    fn the_residents_own_pages_are_kept() {
        for ok in [
            "/mijn",
            "/mijn/zaak/3f2a-77",
            "/mijn/verzoek?actie=a%20b&soort=vraag",
            "/mijn?periode=0",
        ] {
            assert_eq!(ReturnPath::parse(ok).map(|p| p.0), Some(ok.to_owned()));
        }
    }

    #[test]
    fn anything_else_is_refused() {
        for attack in [
            "https://evil.example/mijn",
            "//evil.example/mijn",
            "/mijn//evil.example",
            "/\\evil.example",
            "/mijnheer",
            "/auth/logout",
            "/mijn/../auth/logout",
            "/mijn/%2e%2e/medewerker",
            "/mijn/%2E%2E/auth/logout",
            "/mijn/%2f%2fevil.example",
            "/mijn\r\nSet-Cookie: x=1",
            "/mijn/<script>",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(ReturnPath::parse(attack), None, "{attack:?}");
        }
        assert_eq!(
            ReturnPath::parse(&format!("/mijn/{}", "a".repeat(400))),
            None
        );
    }
}
