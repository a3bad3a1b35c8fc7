//! The verifiable log's commands: `verify`, `purge`, `verify-export` and
//! `checkpoint key|cosign`. The checks themselves live in `tree`.

use crate::{
    config::Config,
    crypto::{merkle::Hash, note::NoteVerifier, LogKey},
    tree::{self, purge, witness, Signer},
};
use anyhow::Context;
use base64::{engine::general_purpose::STANDARD, Engine as _};
use clap::Subcommand;
use std::{path::PathBuf, process::ExitCode, sync::Arc};

#[derive(Subcommand)]
pub enum CheckpointCommand {
    /// Print the log's public key (a C2SP note verifier key), to publish.
    Key,
    /// As a witness: cosign the portal's newest checkpoint, only if it
    /// extends the last one this witness cosigned. Refuses a rollback or a
    /// fork with exit code 1. Prints the cosigned checkpoint.
    Cosign {
        /// The witness's own key file (64 hex characters; created if missing).
        #[arg(long)]
        key: PathBuf,
        /// The witness's name in its signature line.
        #[arg(long, default_value = "getuige")]
        name: String,
        /// The portal's address, such as https://inzage.voorbeeld.nl.
        #[arg(long)]
        log: String,
        /// The log's published key (`inzage checkpoint key`).
        #[arg(long)]
        log_key: String,
        /// Where the last cosigned checkpoint is kept.
        #[arg(long, default_value = "getuige.checkpoint")]
        state: PathBuf,
    },
}

pub fn log_key(config: &Config) -> anyhow::Result<Arc<LogKey>> {
    let key = LogKey::load(config.keys.signing.clone(), &config.key_dir)
        .context("loading the log's signing key (INZAGE_SIGNING_KEY or INZAGE_KEY_DIR)")?;
    Ok(Arc::new(key))
}

pub fn signer(config: &Config) -> anyhow::Result<Signer> {
    Ok(Signer {
        origin: config.log_origin(),
        key: log_key(config)?,
    })
}

/// `inzage verify`: exit code 1 when anything is wrong.
pub async fn verify(config: &Config, since: i64, key: Option<String>) -> anyhow::Result<ExitCode> {
    let verifier = match key {
        Some(key) => NoteVerifier::parse(&key).map_err(|e| anyhow::anyhow!("--key: {e}"))?,
        None => signer(config)?.verifier(),
    };
    let started = std::time::Instant::now();
    let db = super::cli::open(config).await?;
    let report = tree::verify::verify(&db, &verifier, since).await;
    db.close().await;
    let report = report?;
    for problem in &report.problems {
        println!("TAMPERED: {problem}");
    }
    let seconds = started.elapsed().as_secs_f64();
    match report.latest {
        None => println!("No signed checkpoint yet: nothing to verify."),
        Some(latest) => println!(
            "Checked leaves {} to {latest} against {} checkpoint(s) in {seconds:.1} s: {}.",
            report.from,
            report.checkpoints,
            if report.problems.is_empty() {
                "the log is unchanged".to_owned()
            } else {
                format!("{} problem(s)", report.problems.len())
            }
        ),
    }
    Ok(if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `inzage purge [--dry-run]`.
pub async fn purge(config: &Config, dry_run: bool) -> anyhow::Result<ExitCode> {
    let mode = if dry_run {
        purge::Mode::DryRun
    } else {
        purge::Mode::Remove
    };
    let db = super::cli::open(config).await?;
    let report = purge::purge(&db, chrono::Utc::now(), mode).await;
    db.close().await;
    let report = report?;
    let verb = if dry_run { "Would remove" } else { "Removed" };
    println!(
        "{verb} {} action(s) with {} version(s) whose retention has passed.",
        report.actions, report.versions
    );
    for (activity, actions) in &report.per_activity {
        println!("  {activity}: {actions}");
    }
    Ok(ExitCode::SUCCESS)
}

/// `inzage verify-export FILE [--key KEY]`.
pub fn verify_export(file: &std::path::Path, key: Option<String>) -> anyhow::Result<ExitCode> {
    let document =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let expected = match key {
        Some(key) => Some(NoteVerifier::parse(&key).map_err(|e| anyhow::anyhow!("--key: {e}"))?),
        None => None,
    };
    match tree::export::check(&document, expected.as_ref()) {
        Ok(checked) => {
            println!(
                "OK: {} entries, each in the log of {} entries signed by {}.",
                checked.entries, checked.size, checked.key
            );
            if expected.is_none() {
                println!("Check that this key is the one your municipality publishes.");
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            println!("NOT VALID: {e}");
            Ok(ExitCode::FAILURE)
        }
    }
}

pub async fn checkpoint(config: &Config, command: CheckpointCommand) -> anyhow::Result<ExitCode> {
    match command {
        CheckpointCommand::Key => {
            println!("{}", signer(config)?.verifier());
            Ok(ExitCode::SUCCESS)
        }
        CheckpointCommand::Cosign {
            key,
            name,
            log,
            log_key,
            state,
        } => cosign(&key, &name, &log, &log_key, &state).await,
    }
}

async fn cosign(
    key: &std::path::Path,
    name: &str,
    log: &str,
    log_key: &str,
    state: &std::path::Path,
) -> anyhow::Result<ExitCode> {
    let log_key = NoteVerifier::parse(log_key).map_err(|e| anyhow::anyhow!("--log-key: {e}"))?;
    let own =
        LogKey::load_file(key).with_context(|| format!("the witness key {}", key.display()))?;
    let last = match std::fs::read_to_string(state) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", state.display())),
    };
    let base = log.trim_end_matches('/');
    let http = reqwest::Client::new();
    let offered = http
        .get(format!("{base}/api/v1/checkpoint"))
        .send()
        .await?
        .error_for_status()?
        .text()
        .await?;
    let offered_size = witness::proof_from(Some(&offered));
    let proof: Vec<Hash> = match (witness::proof_from(last.as_deref()), offered_size) {
        (Some(from), Some(to)) if from < to => {
            #[derive(serde::Deserialize)]
            struct Consistency {
                bewijs: Vec<String>,
            }
            let answer: Consistency = http
                .get(format!(
                    "{base}/api/v1/checkpoint/consistentie?van={from}&tot={to}"
                ))
                .send()
                .await?
                .error_for_status()?
                .json()
                .await?;
            answer
                .bewijs
                .iter()
                .map(|h| {
                    STANDARD
                        .decode(h)
                        .ok()
                        .and_then(|h| Hash::try_from(h.as_slice()).ok())
                        .context("the consistency proof is malformed")
                })
                .collect::<anyhow::Result<_>>()?
        }
        _ => Vec::new(),
    };
    let witness = witness::Witness {
        name,
        key: own.signing(),
    };
    match witness::cosign(&log_key, &witness, last.as_deref(), &offered, &proof) {
        Ok(cosigned) => {
            let tmp = state.with_extension("tmp");
            std::fs::write(&tmp, &cosigned)
                .and_then(|()| std::fs::rename(&tmp, state))
                .with_context(|| format!("cannot write {}", state.display()))?;
            print!("{cosigned}");
            eprintln!(
                "Cosigned as {}.",
                NoteVerifier::from_signing(name, own.signing())
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(refusal) => {
            eprintln!("REFUSED: {refusal}");
            Ok(ExitCode::FAILURE)
        }
    }
}
