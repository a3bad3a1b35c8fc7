//! `POST /verwerkingsacties/bulk`: many actions as NDJSON, one POST body per
//! line. Lines are committed in batches; the answer streams back one line
//! per input line, accepted with its `actieId` or rejected with its problem.
//! A line is stored whole or not at all.

use super::{auth::ApiCaller, dto::Links, problem::ApiError, request::require_content_type};
use crate::{
    domain::NewActie,
    ingest::{
        idempotency_key, scopes::Operation, BatchItem, BulkSlot, BulkSlots, Caller, LogError,
        PreparedBatch,
    },
    state::AppState,
};
use axum::{
    body::{Body, Bytes},
    extract::State,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use futures::StreamExt;
use lines::{LineReader, Next};
use serde_json::{json, Value};
use tokio::{sync::mpsc, task::JoinHandle};

/// Lines per transaction on SQLite: large enough to amortise the commit
/// (each commit writes every page it touched), small enough to keep memory
/// flat. PostgreSQL takes two transactions at once, so there a batch is
/// half as large and two store side by side.
pub const BATCH_LINES: usize = 10_000;
/// Longest accepted line.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;
/// A batch also ends at this many bytes of lines, so memory stays bounded
/// by bytes, not by lines: 10,000 lines of a megabyte would be 10 GB.
pub const BATCH_BYTES: usize = 4 * 1024 * 1024;
pub const NDJSON: &str = "application/x-ndjson";

mod lines;
#[doc(hidden)]
pub use lines::split_for_fuzzing;

pub async fn bulk(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let slot = admit(&state, &caller, &headers)?;
    // Two stages, so parsing the next batch overlaps with storing this one:
    // the reader splits the lines and has each batch parsed and sealed on a
    // blocking thread; the storer commits and answers, batch after batch in
    // input order, with as many on their way to the database as it takes at
    // once (PostgreSQL stores one while the next is sent).
    let (tx, rx) = mpsc::channel::<Bytes>(8);
    let (to_store, prepared) = mpsc::channel::<Stage>(1);
    let writers = state.db.writers();
    tokio::spawn(store_batches(state.clone(), slot, prepared, tx, writers));
    let mut lines = LineReader::new(body, state.config.bulk_max_bytes);
    lines.prime().await;
    tokio::spawn(read_batches(
        lines,
        state,
        caller,
        to_store,
        BATCH_LINES / writers,
    ));
    Ok(ndjson_response(rx))
}

/// The checks made before a byte of the body is read, and the client's
/// bulk slot: a client that may not log anything does not get to fill the
/// server's memory first.
fn admit(state: &AppState, caller: &Caller, headers: &HeaderMap) -> Result<BulkSlot, ApiError> {
    require_content_type(headers, NDJSON)?;
    if caller.scopes.level(Operation::Create).is_none() {
        return Err(ApiError::Forbidden(
            "this client may not log actions (create scope)",
        ));
    }
    let slot =
        BulkSlots::take(&state.bulk_slots, &caller.client_id).ok_or(ApiError::TooManyRequests)?;
    let limit = state.config.bulk_max_bytes;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(ApiError::PayloadTooLarge);
    }
    Ok(slot)
}

/// The storer: commits each batch once it is parsed and sends its answers
/// on, in input order, with `writers` batches under way at once.
async fn store_batches(
    state: AppState,
    slot: BulkSlot,
    prepared: mpsc::Receiver<Stage>,
    tx: mpsc::Sender<Bytes>,
    writers: usize,
) {
    let _slot = slot; // held until the last answer is out
    let stages = futures::stream::unfold(prepared, |mut stages| async move {
        stages.recv().await.map(|stage| (stage, stages))
    });
    let answers = stages
        .map(|stage| {
            let state = state.clone();
            async move {
                match stage {
                    Stage::Batch(parsing) => {
                        parsing
                            .await
                            .expect("parsing a batch neither panics nor is cancelled")
                            .store(&state)
                            .await
                    }
                    Stage::Failed(reason) => {
                        Bytes::from(format!("{}\n", json!({ "error": reason })))
                    }
                }
            }
        })
        .buffered(writers);
    let mut answers = std::pin::pin!(answers);
    while let Some(out) = answers.next().await {
        // An empty chunk would end a chunked response early.
        if !out.is_empty() && tx.send(out).await.is_err() {
            return; // the client went away; what was committed stays
        }
    }
}

/// The reader: cuts the body into batches of `batch_lines` lines (or
/// [`BATCH_BYTES`]) and starts parsing each before it goes to the storer.
async fn read_batches(
    mut lines: LineReader,
    state: AppState,
    caller: Caller,
    to_store: mpsc::Sender<Stage>,
    batch_lines: usize,
) {
    let mut batch = Batch::default();
    loop {
        let next = lines.next().await;
        let done = matches!(next, Next::End);
        match next {
            Next::Line(number, line) => batch.push(number, line),
            Next::TooLong(number) => batch.reject(number, line_problem("Deze regel is te lang.")),
            Next::Failed(reason) => batch.fail(reason),
            Next::End => {}
        }
        if batch.len() >= batch_lines
            || batch.bytes >= BATCH_BYTES
            || done
            || batch.failed.is_some()
        {
            let parsing = batch.prepare(&state, &caller);
            if to_store.send(Stage::Batch(parsing)).await.is_err() {
                return;
            }
        }
        if done || batch.failed.is_some() {
            if let Some(reason) = batch.failed.take() {
                let _ = to_store.send(Stage::Failed(reason)).await;
            }
            return;
        }
    }
}

/// The streamed answer: one line per input line, as the storer sends them.
fn ndjson_response(rx: mpsc::Receiver<Bytes>) -> Response {
    // Fused: the compression layer may poll once more after the end.
    let stream = futures::stream::unfold(rx, |mut rx| async move {
        rx.recv()
            .await
            .map(|chunk| (Ok::<_, std::io::Error>(chunk), rx))
    })
    .fuse();
    let mut response = (StatusCode::OK, Body::from_stream(stream)).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(NDJSON));
    response
}

/// Lines waiting for their transaction.
#[derive(Default)]
struct Batch {
    lines: Vec<(usize, Bytes)>,
    /// The bytes of `lines`.
    bytes: usize,
    rejected: Vec<(usize, Value)>,
    failed: Option<String>,
}

impl Batch {
    fn len(&self) -> usize {
        self.lines.len() + self.rejected.len()
    }

    fn push(&mut self, number: usize, line: Bytes) {
        self.bytes += line.len();
        self.lines.push((number, line));
    }

    fn reject(&mut self, number: usize, problem: Value) {
        self.rejected.push((number, problem));
    }

    fn fail(&mut self, reason: String) {
        self.failed = Some(reason);
    }

    /// Parses and seals every line, taking them out of the batch. Tens of
    /// milliseconds of CPU per thousand lines, so on blocking threads: the
    /// async workers keep serving pages and single POSTs meanwhile. A large
    /// batch is split over the cores, so a request's first batch, which the
    /// writer waits for, is ready sooner.
    fn prepare(&mut self, state: &AppState, caller: &Caller) -> JoinHandle<Pending> {
        let rejected = std::mem::take(&mut self.rejected);
        let client = caller.client_id.clone();
        let mut lines = std::mem::take(&mut self.lines);
        self.bytes = 0;
        let parts = lines.len().div_ceil(MIN_PART_LINES).clamp(1, *CORES);
        let size = lines.len().div_ceil(parts).max(1);
        let mut parsing = Vec::with_capacity(parts);
        while !lines.is_empty() {
            let rest = lines.split_off(size.min(lines.len()));
            let (state, caller) = (state.clone(), caller.clone());
            parsing.push(tokio::task::spawn_blocking(move || {
                parse_and_seal(lines, &state, &caller)
            }));
            lines = rest;
        }
        tokio::spawn(async move {
            let mut pending = Pending {
                answers: rejected,
                numbers: Vec::new(),
                prepared: None,
                client,
            };
            for part in parsing {
                pending.append(part.await.expect("parsing neither panics nor is cancelled"));
            }
            pending
        })
    }
}

/// The fewest lines worth a thread of their own.
const MIN_PART_LINES: usize = 1000;

static CORES: std::sync::LazyLock<usize> =
    std::sync::LazyLock::new(|| std::thread::available_parallelism().map_or(1, |n| n.get()));

fn parse_and_seal(lines: Vec<(usize, Bytes)>, state: &AppState, caller: &Caller) -> Pending {
    let mut answers = Vec::new();
    let mut items = Vec::new();
    let mut numbers = Vec::new();
    for (number, line) in lines {
        match parse_line(&line) {
            Ok(item) => {
                items.push(item);
                numbers.push(number);
            }
            Err(problem) => answers.push((number, problem)),
        }
    }
    let prepared = (!items.is_empty()).then(|| state.log.prepare_batch(caller, items));
    Pending {
        answers,
        numbers,
        prepared,
        client: caller.client_id.clone(),
    }
}

enum Stage {
    Batch(JoinHandle<Pending>),
    Failed(String),
}

/// A batch parsed and sealed, waiting for its transaction.
struct Pending {
    /// Lines already answered (rejected before the store).
    answers: Vec<(usize, Value)>,
    /// The line number of every prepared item.
    numbers: Vec<usize>,
    prepared: Option<PreparedBatch>,
    /// The client's id, for the metrics.
    client: String,
}

impl Pending {
    /// Takes in the lines of a later part of the same batch.
    fn append(&mut self, later: Pending) {
        self.answers.extend(later.answers);
        self.numbers.extend(later.numbers);
        match (&mut self.prepared, later.prepared) {
            (Some(prepared), Some(more)) => prepared.append(more),
            (None, more) => self.prepared = more,
            (_, None) => {}
        }
    }

    /// Stores the batch and answers every line, in input order.
    async fn store(self, state: &AppState) -> Bytes {
        let Pending {
            mut answers,
            numbers,
            prepared,
            client,
        } = self;
        if let Some(prepared) = prepared {
            match state.log.store_batch(prepared).await {
                Ok(results) => {
                    for (number, result) in numbers.into_iter().zip(results) {
                        answers.push((number, answer(state, result)));
                    }
                }
                Err(e) => {
                    // Nothing of this batch was stored: say so for each line.
                    tracing::error!("bulk batch failed: {e}");
                    let problem = ApiError::Internal(String::new()).problem();
                    for number in numbers {
                        answers.push((number, json!({ "status": 500, "problem": problem })));
                    }
                }
            }
        }
        let rejected = answers
            .iter()
            .filter(|(_, answer)| answer.get("problem").is_some())
            .count();
        super::count_ingest(&client, answers.len() - rejected, rejected);
        answers.sort_by_key(|(number, _)| *number);
        let mut out = String::new();
        for (number, mut value) in answers {
            value["line"] = json!(number);
            out.push_str(&value.to_string());
            out.push('\n');
        }
        Bytes::from(out)
    }
}

fn parse_line(line: &[u8]) -> Result<BatchItem, Value> {
    let value: Value = serde_json::from_slice(line)
        .map_err(|_| line_problem("Deze regel is geen geldige JSON."))?;
    let idempotency = match value.get("idempotencyKey") {
        None | Some(Value::Null) => None,
        Some(Value::String(key)) if !key.is_empty() && key.len() <= 255 => {
            Some(idempotency_key(key, line))
        }
        Some(_) => {
            return Err(problem_value(ApiError::invalid(
                "idempotencyKey",
                "invalid",
                "Gebruik 1 tot 255 tekens.",
            )))
        }
    };
    let actie =
        NewActie::from_json(&value).map_err(|params| problem_value(ApiError::Invalid(params)))?;
    Ok(BatchItem { actie, idempotency })
}

fn line_problem(reason: &str) -> Value {
    problem_value(ApiError::invalid(
        crate::domain::NON_FIELD_ERRORS,
        "parse_error",
        reason,
    ))
}

fn problem_value(error: ApiError) -> Value {
    let problem = error.problem();
    json!({ "status": problem.status, "problem": problem })
}

fn answer(state: &AppState, result: Result<crate::ingest::Created, LogError>) -> Value {
    match result {
        Ok(created) => json!({
            "status": 201,
            "actieId": created.actie_id,
            "url": Links::of(state).actie(&created.actie_id),
            "replayed": created.replayed,
        }),
        Err(e) => problem_value(ApiError::from(e)),
    }
}
