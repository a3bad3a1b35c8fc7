//! The `inzage` command line: `serve` (the default), `migrate`, `client`,
//! `staff`, `import`, `register` and `demo`; `--help` lists each one.

use super::{clients, http, import, log_commands, telemetry};
use crate::{config::Config, state::AppState};
use crate::{
    crypto::Keys,
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
    /// Manage staff accounts (clerk, privacy_officer, admin).
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Load processing-log records from NDJSON files or JSON arrays of
    /// POST bodies. Rejected records are reported with their line number;
    /// the exit code is 1 when any record was rejected. Safe to rerun.
    Import {
        /// The files to import.
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
    },
    /// The register of processing activities.
    #[command(subcommand)]
    Register(RegisterCommand),
    /// The demo municipality "Gemeente Voorbeeld".
    #[command(subcommand)]
    Demo(DemoCommand),
    /// Recompute the verifiable log from the database and check it against
    /// the signed checkpoints. Names every changed, deleted or inserted row
    /// by its seq; exit code 1 when anything was found.
    Verify {
        /// Check only what was added after the checkpoint of this size.
        #[arg(long, default_value_t = 0)]
        since: i64,
        /// The log's public key (default: the one of this installation).
        #[arg(long)]
        key: Option<String>,
    },
    /// Remove the actions whose retention has passed (the portal also does
    /// this once a day). Their leaves stay in the verifiable log.
    Purge {
        /// Only count what would be removed.
        #[arg(long)]
        dry_run: bool,
    },
    /// Check a resident's export (mijn-gegevensgebruik.json): its signature
    /// and that each entry is in the signed log. Exit code 1 when not.
    VerifyExport {
        file: std::path::PathBuf,
        /// The log's published key; without it the key in the file is used.
        #[arg(long)]
        key: Option<String>,
    },
    /// The verifiable log's signed checkpoints.
    #[command(subcommand)]
    Checkpoint(log_commands::CheckpointCommand),
    /// The configuration (settings listed under --help).
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Write a consistent copy of the SQLite database to FILE while the
    /// portal keeps running (PostgreSQL: pg_dump, see the README).
    Backup { file: std::path::PathBuf },
    /// Put a backup in the place of the SQLite database. Stop the portal
    /// first; an existing database is only replaced with --replace.
    Restore {
        file: std::path::PathBuf,
        /// Overwrite the existing database.
        #[arg(long)]
        replace: bool,
    },
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Print every setting's effective value (secrets as ***) and check
    /// them; exit code 2 when one is wrong.
    Check,
}

#[derive(Subcommand)]
enum RegisterCommand {
    /// Import activities from VNG VAR JSON, Logius register JSON or CSV
    /// (.csv). Every row is checked; a file with any bad row stores nothing.
    Import {
        file: std::path::PathBuf,
        /// The responsible organisation (OIN) for rows that name none, such
        /// as Logius register files. Default: the demo municipality.
        #[arg(long, default_value = crate::demo::catalogue::GEMEENTE.oin)]
        organisation: String,
    },
}

#[derive(Subcommand)]
enum DemoCommand {
    /// Write the demo register and about twelve months of log entries
    /// (only into a log that is still empty).
    Seed,
}

#[derive(Subcommand)]
enum StaffCommand {
    /// Add a local account. The password is read from the environment
    /// variable INZAGE_STAFF_PASSWORD when set; otherwise a random one is
    /// printed once.
    Add {
        /// Login name.
        #[arg(long)]
        name: String,
        /// clerk, privacy_officer or admin.
        #[arg(long)]
        role: String,
        /// The name shown in the audit trail and request history.
        #[arg(long)]
        display_name: Option<String>,
    },
    /// List all accounts.
    List,
    /// Disable an account; it can no longer log in.
    Disable { name: String },
    /// Forget an account's second factor (a lost phone): its next login
    /// enrols a new one. Its recovery codes stop working.
    ResetSecondFactor { name: String },
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

/// Start-up refused for a reason the operator has to fix: exit code 2, as
/// for a configuration error.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Refused(String);

pub async fn run() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let matches = Cli::command()
        .after_long_help(crate::config::settings::help())
        .get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    if let Some(Command::Config(ConfigCommand::Check)) = cli.command {
        return config_check();
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("inzage: {e}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(config.log_format, &config.log_filter);
    let command = cli.command.unwrap_or(Command::Serve);
    // The demo's log holds fictional records only: nothing real goes in.
    if config.demo
        && matches!(
            command,
            Command::Client(ClientCommand::Add { .. }) | Command::Import { .. }
        )
    {
        eprintln!("inzage: INZAGE_DEMO=1: the demo takes no API clients and no imports; use a database of its own");
        return ExitCode::from(2);
    }
    let done = |outcome: anyhow::Result<()>| outcome.map(|()| ExitCode::SUCCESS);
    let outcome = match command {
        Command::Serve => done(serve(config).await),
        Command::Migrate => done(migrate(config).await),
        Command::Client(command) => done(client(config, command).await),
        Command::Staff(command) => done(staff(config, command).await),
        Command::Import { files } => done(import_files(config, &files).await),
        Command::Register(RegisterCommand::Import { file, organisation }) => {
            done(register_import(config, &file, &organisation).await)
        }
        Command::Demo(DemoCommand::Seed) => done(demo_seed(config).await),
        Command::Verify { since, key } => log_commands::verify(&config, since, key).await,
        Command::Purge { dry_run } => log_commands::purge(&config, dry_run).await,
        Command::VerifyExport { file, key } => log_commands::verify_export(&file, key),
        Command::Checkpoint(command) => log_commands::checkpoint(&config, command).await,
        Command::Config(ConfigCommand::Check) => {
            unreachable!("handled before the configuration is read")
        }
        Command::Backup { file } => done(backup(config, &file).await),
        Command::Restore { file, replace } => done(restore(config, &file, replace).await),
    };
    match outcome {
        Ok(code) => code,
        Err(e) if e.downcast_ref::<Refused>().is_some() => {
            tracing::error!("{e}");
            eprintln!("inzage: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            tracing::error!("{e:#}");
            eprintln!("inzage: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `inzage config check`: what each setting is, then whether they hold.
fn config_check() -> ExitCode {
    let values = match Config::values_from_env() {
        Ok(values) => values,
        Err(e) => {
            eprintln!("inzage: {e}");
            return ExitCode::from(2);
        }
    };
    print!(
        "{}",
        crate::config::settings::describe(|name| values.get(name).cloned())
    );
    match Config::from_lookup(|name| values.get(name).cloned()) {
        Ok(_) => {
            println!("The configuration is valid.");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("inzage: {e}");
            ExitCode::from(2)
        }
    }
}

pub(super) async fn open(config: &Config) -> anyhow::Result<Db> {
    let db = Db::connect(&config.database, config.db_max_connections)
        .await
        .with_context(|| format!("INZAGE_DATABASE_URL={}", config.database.redacted()))?;
    db.migrate().await?;
    Ok(db)
}

async fn backup(config: Config, file: &std::path::Path) -> anyhow::Result<()> {
    let db = open(&config).await?;
    let started = std::time::Instant::now();
    db.backup_to(file).await?;
    db.close().await;
    println!(
        "Backup written to {} in {:.1} s.",
        file.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn restore(config: Config, file: &std::path::Path, replace: bool) -> anyhow::Result<()> {
    crate::store::backup::restore(file, &config.database, replace).await?;
    println!(
        "Restored {} to {}. Start the portal again.",
        file.display(),
        config.database.redacted()
    );
    Ok(())
}

async fn migrate(config: Config) -> anyhow::Result<()> {
    let db = open(&config).await?;
    println!("Migrations applied ({}).", db.engine());
    db.close().await;
    Ok(())
}

fn load_keys(config: &Config) -> anyhow::Result<Arc<Keys>> {
    let keys = Keys::load(
        config.keys.pseudonym.clone(),
        config.keys.encryption.clone(),
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

async fn staff(config: Config, command: StaffCommand) -> anyhow::Result<()> {
    let db = open(&config).await?;
    let outcome = match command {
        StaffCommand::Add {
            name,
            role,
            display_name,
        } => {
            let password = std::env::var("INZAGE_STAFF_PASSWORD")
                .ok()
                .filter(|p| !p.is_empty());
            super::staff_accounts::add(&db, &name, &role, display_name.as_deref(), password).await
        }
        StaffCommand::List => super::staff_accounts::list(&db).await,
        StaffCommand::Disable { name } => super::staff_accounts::disable(&db, &name).await,
        StaffCommand::ResetSecondFactor { name } => {
            super::staff_accounts::reset_second_factor(&db, &name).await
        }
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

async fn register_import(
    config: Config,
    file: &std::path::Path,
    organisation: &str,
) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let organisation = organisation
        .parse()
        .map_err(|_| anyhow::anyhow!("--organisation must be an OIN of 20 digits"))?;
    let name = file.to_string_lossy();
    let parsed = match crate::register::import::parse_file(&name, &bytes, &organisation) {
        Ok(parsed) => parsed,
        Err(errors) => {
            for e in &errors {
                eprintln!("{}: {e}", file.display());
            }
            anyhow::bail!("{} problem(s) found; nothing was stored", errors.len());
        }
    };
    let db = open(&config).await?;
    let now = chrono::Utc::now().timestamp_micros();
    let versions: Vec<_> = parsed
        .iter()
        .map(|p| crate::store::register::NewActivityVersion {
            activity: &p.activity,
            geldig_vanaf: p.geldig_vanaf.unwrap_or(now),
            actief: true,
        })
        .collect();
    let outcome = db.add_activity_versions(&versions, "register import").await;
    db.close().await;
    outcome?;
    println!(
        "{} activit{} stored from {}.",
        versions.len(),
        if versions.len() == 1 { "y" } else { "ies" },
        file.display()
    );
    Ok(())
}

async fn demo_seed(config: Config) -> anyhow::Result<()> {
    let keys = load_keys(&config)?;
    let db = open(&config).await?;
    let log = LogService::new(db.clone(), keys);
    let signer = log_commands::signer(&config)?;
    let report = crate::demo::seed(&db, &log, chrono::Utc::now().date_naive()).await;
    // Its tree and a signed checkpoint, as the portal makes them for real entries.
    let sealed = crate::tree::seal(&db, &signer).await;
    db.close().await;
    let report = report?;
    sealed?;
    if report.entries == 0 {
        println!("The log already has entries; the demo entries were not added.");
    } else {
        println!(
            "Demo municipality seeded: {} activities, {} entries in {:.1} s ({:.0} entries/s).",
            report.activities,
            report.entries,
            report.seconds,
            report.entries as f64 / report.seconds.max(0.001)
        );
    }
    Ok(())
}

async fn serve(config: Config) -> anyhow::Result<()> {
    // The LEPTOS_* variables over this build's defaults (.cargo/config.toml
    // names the output); Cargo.toml is not read at run time.
    let leptos_options = leptos::config::get_config_from_env()
        .context("reading the LEPTOS_* site settings")?
        .leptos_options;
    let addr = leptos_options.site_addr;
    let keys = load_keys(&config)?;
    let db = open(&config).await?;
    if config.demo && db.log_has_source_entries().await? {
        return Err(Refused(
            "INZAGE_DEMO=1, but the log holds records from API clients or a file import: \
             demo mode would let anyone read them. Use a separate database for the demo."
                .into(),
        )
        .into());
    }
    if config.demo && db.version_count().await? == 0 {
        let log = LogService::new(db.clone(), keys.clone());
        let report = crate::demo::seed(&db, &log, chrono::Utc::now().date_naive()).await?;
        tracing::info!(
            entries = report.entries,
            seconds = report.seconds,
            "demo municipality seeded"
        );
    }

    let sessions = SessionBackend::new(&db);
    let attempts = db.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            if let Err(e) = sessions.delete_expired().await {
                tracing::warn!("could not delete expired sessions: {e}");
            }
            if let Err(e) = crate::auth::password::forget_old_attempts(&attempts).await {
                tracing::warn!("could not forget old login attempts: {e}");
            }
        }
    });

    let signer = log_commands::signer(&config)?;
    // The demo's history enters the tree before the first page, so that
    // page has a checkpoint to show. A real log (millions of rows after an
    // upgrade) grows in the background job, with the portal already up.
    if config.demo {
        if let Err(e) = crate::tree::seal(&db, &signer).await {
            tracing::error!("the verifiable log could not grow: {e}");
        }
    }
    let tree_job = crate::tree::spawn(db.clone(), signer.clone());
    let state = AppState::new(leptos_options, db.clone(), config, keys, signer.key);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr} (LEPTOS_SITE_ADDR)"))?;
    if let Some(metrics_addr) = state.config.metrics.addr {
        let metrics_listener = tokio::net::TcpListener::bind(metrics_addr)
            .await
            .with_context(|| format!("cannot listen on {metrics_addr} (INZAGE_METRICS_ADDR)"))?;
        let metrics_router = axum::Router::new()
            .route("/metrics", axum::routing::get(super::metrics::scrape))
            .with_state(state.clone());
        tracing::info!("metrics on http://{metrics_addr}/metrics");
        tokio::spawn(async move { axum::serve(metrics_listener, metrics_router).await });
    }
    tracing::info!(database = db.engine(), "Inzage listens on http://{addr}");
    let timeouts = super::listen::Timeouts::default();
    super::listen::serve(listener, http::router(state), timeouts, shutdown_signal()).await;
    tree_job.abort();
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
