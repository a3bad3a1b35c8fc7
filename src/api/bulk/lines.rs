//! Cutting a streamed NDJSON body into numbered lines, each at most
//! [`MAX_LINE_BYTES`], without holding the body whole.

use super::MAX_LINE_BYTES;
use axum::body::{Body, Bytes};
use bytes::BytesMut;
use futures::StreamExt;

/// Runs the line reader over `input`, sent in chunks cut at `cuts`, and
/// checks what must hold whatever the input: it ends, line numbers rise,
/// and no line is longer than the limit. For `examples/fuzz.rs`.
#[doc(hidden)]
pub async fn split_for_fuzzing(input: &[u8], mut cuts: Vec<usize>) {
    cuts.extend([0, input.len()]);
    cuts.retain(|cut| *cut <= input.len());
    cuts.sort_unstable();
    cuts.dedup();
    let chunks: Vec<Result<Bytes, std::io::Error>> = cuts
        .windows(2)
        .map(|w| Ok(Bytes::copy_from_slice(&input[w[0]..w[1]])))
        .collect();
    let mut reader = LineReader::new(Body::from_stream(futures::stream::iter(chunks)), u64::MAX);
    reader.prime().await;
    let mut last = 0;
    for _ in 0..=input.len() + 1 {
        match reader.next().await {
            Next::Line(number, line) => {
                assert!(number > last && line.len() <= MAX_LINE_BYTES);
                last = number;
            }
            Next::TooLong(number) => {
                assert!(number > last);
                last = number;
            }
            Next::Failed(reason) => panic!("no limit, yet: {reason}"),
            Next::End => return,
        }
    }
    panic!("the reader gave more answers than the input has bytes");
}

pub(super) enum Next {
    Line(usize, Bytes),
    TooLong(usize),
    Failed(String),
    End,
}

/// Splits a streamed body into numbered lines without holding it whole.
pub(super) struct LineReader {
    body: axum::body::BodyDataStream,
    buffer: BytesMut,
    number: usize,
    read: u64,
    limit: u64,
    ended: bool,
    /// Inside a line longer than [`MAX_LINE_BYTES`], dropping its bytes.
    skipping: bool,
    /// What reading ahead in [`LineReader::prime`] found, to hand out first.
    primed: Option<Next>,
}

impl LineReader {
    pub(super) fn new(body: Body, limit: u64) -> Self {
        LineReader {
            body: body.into_data_stream(),
            buffer: BytesMut::new(),
            number: 0,
            read: 0,
            limit,
            ended: false,
            skipping: false,
            primed: None,
        }
    }

    /// Reads the first chunk of the body before the answer starts. A client
    /// that sent `Expect: 100-continue` gets its 100 Continue on that first
    /// read; once the 200 has gone out it cannot, and waits out its own
    /// timeout instead (curl: a whole second per request).
    pub(super) async fn prime(&mut self) {
        self.primed = self.pull().await;
    }

    pub(super) async fn next(&mut self) -> Next {
        if let Some(next) = self.primed.take() {
            return next;
        }
        loop {
            if !self.skipping {
                if let Some(end) = self.buffer.iter().position(|b| *b == b'\n') {
                    let mut line = self.buffer.split_to(end + 1);
                    line.truncate(end);
                    if line.last() == Some(&b'\r') {
                        line.truncate(end - 1);
                    }
                    self.number += 1;
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue; // blank lines are allowed
                    }
                    return Next::Line(self.number, line.freeze());
                }
                if self.buffer.len() > MAX_LINE_BYTES {
                    self.buffer.clear();
                    self.skipping = true;
                }
            }
            if self.ended {
                if std::mem::take(&mut self.skipping) {
                    self.number += 1;
                    return Next::TooLong(self.number);
                }
                if self.buffer.iter().all(u8::is_ascii_whitespace) {
                    return Next::End;
                }
                self.buffer.extend_from_slice(b"\n"); // a last line without newline
                continue;
            }
            if let Some(next) = self.pull().await {
                return next;
            }
        }
    }

    /// Takes the next chunk of the body into the buffer; `Some` when that
    /// already decides the next answer.
    async fn pull(&mut self) -> Option<Next> {
        match self.body.next().await {
            Some(Ok(chunk)) => {
                self.read += chunk.len() as u64;
                if self.read > self.limit {
                    return Some(Next::Failed(format!(
                        "request larger than {} bytes; the lines before this point were handled",
                        self.limit
                    )));
                }
                if !self.skipping {
                    self.buffer.extend_from_slice(&chunk);
                } else if let Some(end) = chunk.iter().position(|b| *b == b'\n') {
                    self.skipping = false;
                    self.number += 1;
                    self.buffer.extend_from_slice(&chunk[end + 1..]);
                    return Some(Next::TooLong(self.number));
                }
                None
            }
            Some(Err(_)) => Some(Next::Failed("the request body could not be read".into())),
            None => {
                self.ended = true;
                None
            }
        }
    }
}
