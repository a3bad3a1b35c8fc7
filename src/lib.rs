//! Inzage: shows residents which parts of their municipality used which of
//! their personal data, when, and why.
//!
//! Data flows one way: edge (HTTP, CLI) → `domain` (parsed types) → `store`
//! → role queries → server functions → `app` pages. Everything that touches
//! the database, secrets or the network is behind the `ssr` feature.
//! The layers are listed in docs/architecture.md#layers; a test keeps them.

#![forbid(unsafe_code)]

pub mod app;
pub mod i18n;
pub mod model;

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod crypto;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod domain;
#[cfg(feature = "ssr")]
pub mod ingest;
#[cfg(feature = "ssr")]
pub mod register;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod tree;
#[cfg(feature = "ssr")]
pub mod views;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
