//! The integration tests, as one binary: one link per test run instead of
//! one per file, which is most of a test build on two cores. Each module is
//! one area; `common` holds the harness (`TestDb`, `on_both_engines!`,
//! `TestApp`) and comes first, so its macro is in scope in every module
//! after it. Run one area with
//! `cargo test --no-default-features --features ssr --test it portal::`.

// Test code may unwrap: a panic is a failed test.
#![allow(clippy::unwrap_used)]

#[macro_use]
mod common;

mod api;
mod backup;
mod bulk;
mod http;
mod import;
mod layers;
mod limits;
mod login;
mod operations;
mod organisation;
mod portal;
mod privacy;
mod register;
mod resident;
mod resources;
mod second_factor;
mod security;
mod staff;
mod store;
mod verifiable;
