//! The HTTP server: configuration, routes, middleware and start-up.

pub mod cli;
pub mod config;
pub mod http;
pub mod language;
pub mod ops;
pub mod security;
pub mod telemetry;

use crate::store::Db;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// What every handler and server function can reach.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub config: Arc<config::Config>,
}
