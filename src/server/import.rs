//! `inzage import FILE…`: loads POST bodies from NDJSON or a JSON array,
//! in committed batches. A rerun after an interruption skips what was
//! stored already: every record carries a key made from its content.

use crate::{
    crypto::hash_key,
    domain::NewActie,
    ingest::{idempotency_key, scopes::Scopes, BatchItem, Caller, Created, LogError, LogService},
};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use std::{
    collections::HashMap,
    io::{BufRead, BufReader, Read},
    path::Path,
};

/// Records per transaction, as many as a bulk API batch.
const BATCH: usize = 5000;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub accepted: u64,
    pub already_present: u64,
    pub rejected: u64,
}

/// The import acts as its own client, allowed to log any action a source
/// system may log.
pub fn import_caller() -> Caller {
    Caller {
        client_id: crate::store::clients::IMPORT_CLIENT.into(),
        organisation: String::new(),
        scopes: Scopes::parse("create:confidential").expect("valid scope"),
        portal: false,
    }
}

pub async fn run(log: &LogService, files: &[std::path::PathBuf]) -> anyhow::Result<Summary> {
    let mut total = Summary::default();
    for file in files {
        let summary = import_file(log, file).await?;
        eprintln!(
            "{}: {} stored, {} already present, {} rejected",
            file.display(),
            summary.accepted,
            summary.already_present,
            summary.rejected
        );
        total.accepted += summary.accepted;
        total.already_present += summary.already_present;
        total.rejected += summary.rejected;
    }
    Ok(total)
}

/// One record of a file: where it is (line or item number) and its text.
struct Record {
    place: String,
    bytes: Vec<u8>,
}

pub async fn import_file(log: &LogService, path: &Path) -> anyhow::Result<Summary> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    let progress = ProgressBar::new(size);
    progress.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} ({eta})")
            .expect("valid template")
            .progress_chars("=> "),
    );
    progress.set_message(path.display().to_string());
    let caller = import_caller();
    let mut summary = Summary::default();
    let mut seen: HashMap<[u8; 32], u32> = HashMap::new();
    let mut batch: Vec<Record> = Vec::with_capacity(BATCH);

    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut reader = BufReader::new(file);
    let is_array = reader.fill_buf()?.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    if is_array {
        let mut text = Vec::new();
        reader.read_to_end(&mut text)?;
        let items: Vec<serde_json::Value> = serde_json::from_slice(&text)
            .with_context(|| format!("{} is not a valid JSON array", path.display()))?;
        let step = size / items.len().max(1) as u64;
        for (index, item) in items.into_iter().enumerate() {
            batch.push(Record {
                place: format!("item {}", index + 1),
                bytes: item.to_string().into_bytes(),
            });
            if batch.len() == BATCH {
                flush(log, &caller, &mut batch, &mut seen, &mut summary).await?;
            }
            progress.inc(step);
        }
    } else {
        let mut number = 0usize;
        let mut line = Vec::new();
        loop {
            line.clear();
            let read = reader.read_until(b'\n', &mut line)?;
            if read == 0 {
                break;
            }
            number += 1;
            progress.inc(read as u64);
            while matches!(line.last(), Some(b'\n' | b'\r')) {
                line.pop();
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            batch.push(Record {
                place: format!("line {number}"),
                bytes: line.clone(),
            });
            if batch.len() == BATCH {
                flush(log, &caller, &mut batch, &mut seen, &mut summary).await?;
            }
        }
    }
    flush(log, &caller, &mut batch, &mut seen, &mut summary).await?;
    progress.finish_and_clear();
    Ok(summary)
}

/// Parses and stores one batch, reporting rejected records on stderr.
async fn flush(
    log: &LogService,
    caller: &Caller,
    batch: &mut Vec<Record>,
    seen: &mut HashMap<[u8; 32], u32>,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let mut items = Vec::new();
    let mut places = Vec::new();
    for record in batch.drain(..) {
        let parsed = serde_json::from_slice::<serde_json::Value>(&record.bytes)
            .map_err(|_| "not valid JSON".to_owned())
            .and_then(|value| NewActie::from_json(&value).map_err(describe));
        match parsed {
            Ok(actie) => {
                // The same record twice in one file is two records: number them.
                let digest = hash_key(&record.bytes);
                let occurrence = seen.entry(digest).or_insert(0);
                *occurrence += 1;
                let key = format!("import:{}:{}", hex::encode(digest), occurrence);
                items.push(BatchItem {
                    actie,
                    idempotency: Some(idempotency_key(&key, &record.bytes)),
                });
                places.push(record.place);
            }
            Err(reason) => {
                summary.rejected += 1;
                eprintln!("{}: rejected: {reason}", record.place);
            }
        }
    }
    if items.is_empty() {
        return Ok(());
    }
    let results = log
        .create_batch(caller, items)
        .await
        .context("storing a batch failed")?;
    for (place, result) in places.into_iter().zip(results) {
        match result {
            Ok(Created {
                replayed: false, ..
            }) => summary.accepted += 1,
            Ok(Created { replayed: true, .. }) => summary.already_present += 1,
            Err(e) => {
                summary.rejected += 1;
                eprintln!(
                    "{place}: rejected: {}",
                    match e {
                        LogError::Invalid(params) => describe(params),
                        other => other.to_string(),
                    }
                );
            }
        }
    }
    Ok(())
}

fn describe(params: Vec<crate::domain::InvalidParam>) -> String {
    params
        .iter()
        .map(|p| format!("{} ({}): {}", p.name, p.code, p.reason))
        .collect::<Vec<_>>()
        .join("; ")
}
