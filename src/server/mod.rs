//! The HTTP server and the command line: routes, middleware, login routes,
//! commands and start-up. Only wiring: the rules live in the layers below.

pub mod auth;
pub mod cli;
pub mod clients;
pub mod export;
pub mod http;
pub mod import;
pub mod language;
pub mod listen;
pub mod log_commands;
pub mod metrics;
pub mod ops;
pub mod second_factor;
pub mod security;
pub mod site_files;
pub mod staff;
pub mod staff_accounts;
pub mod telemetry;
