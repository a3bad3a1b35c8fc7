//! The `inzage` command line: `serve` (the default) and `migrate`.

use super::{clients, config::Config, http, import, telemetry, AppState};
use crate::{
    crypto::{Keys, ENCRYPTION_KEY_ENV, PSEUDONYM_KEY_ENV},
    ingest::LogService,
    store::{sessions::SessionBackend, Db},
};
use anyhow::Context;
use clap::{Parser, Subcommand};
use std::{process::ExitCode, sync::Arc, time::Duration};
use tower_sessions::session_store::ExpiredDeletion;

#[derive(Parser)]
#[command(
    name = "inzage",
    version,
    about = "Inzage: shows residents how their data was used"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the portal (the default). Applies pending migrations first.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage the API clients (source systems) and their tokens.
    #[command(subcommand)]
    Client(ClientCommand),
    /// Load processing-log records from NDJSON files or JSON arrays of
    /// POST bodies. Rejected records are reported with their line number;
    /// the exit code is 1 when any record was rejected. Safe to rerun.
    Import {
        /// The files to import.
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
    },
}

#[derive(Subcommand)]
enum ClientCommand {
    /// Add a client; prints its token once.
    Add {
        #[arg(long)]
        name: String,
        /// The client's organisation (OIN, 20 digits).
        #[arg(long)]
        organisation: String,
        /// Scopes, e.g. "create:normal,read:normal" (create|read|update|delete × normal|confidential).
        #[arg(long)]
        scopes: String,
    },
    /// List all clients.
    List,
    /// Revoke a client by name or id; its token stops working at once.
    Revoke { name_or_id: String },
}

pub async fn run() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("inzage: {e}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(config.log_format, &config.log_filter);
    let outcome = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => migrate(config).await,
        Command::Client(command) => client(config, command).await,
        Command::Import { files } => import_files(config, &files).await,
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e:#}");
            eprintln!("inzage: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn open(config: &Config) -> anyhow::Result<Db> {
    let db = Db::connect(&config.database, config.db_max_connections)
        .await
        .with_context(|| format!("INZAGE_DATABASE_URL={}", config.database.redacted()))?;
    db.migrate().await?;
    Ok(db)
}

async fn migrate(config: Config) -> anyhow::Result<()> {
    let db = open(&config).await?;
    println!("Migrations applied ({}).", db.engine());
    db.close().await;
    Ok(())
}

fn load_keys(config: &Config) -> anyhow::Result<Arc<Keys>> {
    let keys = Keys::load(
        std::env::var(PSEUDONYM_KEY_ENV).ok(),
        std::env::var(ENCRYPTION_KEY_ENV).ok(),
        &config.key_dir,
    )
    .context("loading the pseudonym and encryption keys (INZAGE_KEY_DIR)")?;
    Ok(Arc::new(keys))
}

async fn client(config: Config, command: ClientCommand) -> anyhow::Result<()> {
    let db = open(&config).await?;
    let outcome = match command {
        ClientCommand::Add {
            name,
            organisation,
            scopes,
        } => clients::add(&db, &name, &organisation, &scopes).await,
        ClientCommand::List => clients::list(&db).await,
        ClientCommand::Revoke { name_or_id } => clients::revoke(&db, &name_or_id).await,
    };
    db.close().await;
    outcome
}

async fn import_files(config: Config, files: &[std::path::PathBuf]) -> anyhow::Result<()> {
    let keys = load_keys(&config)?;
    let db = open(&config).await?;
    let summary = import::run(&LogService::new(db.clone(), keys), files).await;
    db.close().await;
    let summary = summary?;
    eprintln!(
        "import: {} stored, {} already present, {} rejected",
        summary.accepted, summary.already_present, summary.rejected
    );
    if summary.rejected > 0 {
        anyhow::bail!(
            "{} record(s) rejected; see the lines above",
            summary.rejected
        );
    }
    Ok(())
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let leptos_options = leptos::config::get_configuration(None)
        .or_else(|_| leptos::config::get_configuration(Some("Cargo.toml")))
        .context("reading the LEPTOS_* site settings")?
        .leptos_options;
    let addr = leptos_options.site_addr;
    let keys = load_keys(&config)?;
    let db = open(&config).await?;

    let sessions = SessionBackend::new(&db);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            if let Err(e) = sessions.delete_expired().await {
                tracing::warn!("could not delete expired sessions: {e}");
            }
        }
    });

    let state = AppState::new(leptos_options, db.clone(), config, keys);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr} (LEPTOS_SITE_ADDR)"))?;
    tracing::info!(database = db.engine(), "Inzage listens on http://{addr}");
    axum::serve(listener, http::router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Finishes the requests in flight on SIGTERM (what platforms send) or Ctrl-C.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
