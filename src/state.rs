//! What every handler and server function can reach: the one `AppState`.

use crate::{
    auth::{oidc, password},
    config,
    ingest::{BulkSlots, LogService},
    store::Db,
    tree,
    views::resident::ContextCache,
};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// What every handler and server function can reach.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub config: Arc<config::Config>,
    pub log: LogService,
    /// The public base address, for `url` fields and `Location` headers.
    #[from_ref(skip)]
    pub base_url: String,
    /// Resident login through OpenID Connect, when configured.
    #[from_ref(skip)]
    pub resident_oidc: Option<Arc<oidc::OidcClient>>,
    /// Staff login through OpenID Connect, when configured.
    #[from_ref(skip)]
    pub staff_oidc: Option<Arc<oidc::OidcClient>>,
    /// Bulk requests running per API client.
    #[from_ref(skip)]
    pub bulk_slots: Arc<BulkSlots>,
    /// Staff password checks that may run at once.
    #[from_ref(skip)]
    pub password_checks: Arc<tokio::sync::Semaphore>,
    /// The register as the resident's pages explain it, loaded once a minute.
    #[from_ref(skip)]
    pub register_context: Arc<ContextCache>,
    /// Signs the verifiable log's checkpoints and the residents' exports.
    #[from_ref(skip)]
    pub signer: tree::Signer,
    /// The tree's upper levels, for proofs.
    #[from_ref(skip)]
    pub upper_levels: Arc<tree::upper::UpperLevels>,
}

impl AppState {
    pub fn new(
        leptos_options: LeptosOptions,
        db: Db,
        config: config::Config,
        keys: Arc<crate::crypto::Keys>,
        log_key: Arc<crate::crypto::LogKey>,
    ) -> AppState {
        let base = config
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", leptos_options.site_addr));
        let client = |settings: &Option<config::OidcSettings>, path: &str| {
            settings
                .clone()
                .map(|s| Arc::new(oidc::OidcClient::new(s, format!("{base}{path}"))))
        };
        AppState {
            resident_oidc: client(&config.resident_oidc, "/auth/callback"),
            staff_oidc: client(&config.staff_oidc, "/medewerker/callback"),
            password_checks: password::password_checks(),
            bulk_slots: Arc::default(),
            register_context: Arc::default(),
            log: LogService::new(db.clone(), keys),
            signer: tree::Signer {
                origin: config.log_origin(),
                key: log_key,
            },
            upper_levels: Arc::default(),
            base_url: base,
            leptos_options,
            db,
            config: Arc::new(config),
        }
    }
}
