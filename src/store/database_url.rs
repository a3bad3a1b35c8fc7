//! Which database to use: the embedded SQLite file or a PostgreSQL server.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(String),
    Postgres(String),
}

impl DatabaseUrl {
    pub const DEFAULT: &'static str = "sqlite://data/inzage.db";

    pub fn parse(value: &str) -> Result<Self, String> {
        let value = value.trim();
        if value.starts_with("sqlite:") {
            Ok(DatabaseUrl::Sqlite(value.to_owned()))
        } else if value.starts_with("postgres://") || value.starts_with("postgresql://") {
            Ok(DatabaseUrl::Postgres(value.to_owned()))
        } else {
            Err("use sqlite://PATH or postgres://USER@HOST/DB".into())
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            DatabaseUrl::Sqlite(url) | DatabaseUrl::Postgres(url) => url,
        }
    }

    /// Safe to log: the password, if any, is hidden.
    pub fn redacted(&self) -> String {
        match url::Url::parse(self.as_str()) {
            Ok(mut url) if url.password().is_some() => {
                let _ = url.set_password(Some("***"));
                url.to_string()
            }
            _ => self.as_str().to_owned(),
        }
    }
}
