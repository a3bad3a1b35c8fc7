//! Group commit: creates that arrive together share one transaction, so a
//! burst of single POSTs costs one commit instead of one each. Every caller
//! is answered only after the commit that holds its rows.

use crate::store::{
    log::{
        leaf_salt, ActieFields, Appended, IdempotencyKey, NewVersion, SealedObject, Wijziging,
        Writing,
    },
    Db, StoreError,
};
use std::sync::{Arc, Mutex};
use tokio::sync::{mpsc, oneshot, Semaphore};

/// Most rows one shared transaction takes before it commits.
const GROUP_ROWS: usize = 5000;

/// A version to create, owned so it can travel to the writer task.
pub struct Owned {
    pub actie_id: String,
    pub client_id: String,
    pub registratie_utc: i64,
    pub fields: ActieFields,
    pub objects: Vec<SealedObject>,
    pub idempotency: Option<IdempotencyKey>,
}

impl Owned {
    fn as_new(&self) -> NewVersion<'_> {
        NewVersion {
            actie_id: &self.actie_id,
            wijziging: Wijziging::Create,
            client_id: &self.client_id,
            registratie_utc: self.registratie_utc,
            fields: &self.fields,
            objects: &self.objects,
            idempotency: self.idempotency.clone(),
            replaces: None,
            leaf_salt: leaf_salt(),
        }
    }
}

struct Job {
    versions: Vec<Owned>,
    reply: oneshot::Sender<Result<Vec<Appended>, StoreError>>,
}

#[derive(Clone, Debug)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts the writer task (needs a Tokio runtime).
    pub fn start(db: Db) -> Writer {
        let (jobs, queue) = mpsc::channel(1024);
        tokio::spawn(run(db, queue));
        Writer { jobs }
    }

    pub async fn append(&self, versions: Vec<Owned>) -> Result<Vec<Appended>, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job { versions, reply })
            .await
            .map_err(|_| StoreError::WriterGone)?;
        answer.await.map_err(|_| StoreError::WriterGone)?
    }
}

async fn run(db: Db, mut queue: mpsc::Receiver<Job>) {
    let slots = Arc::new(Semaphore::new(db.writers()));
    let kept = Kept::default();
    while let Some(first) = queue.recv().await {
        // Wait for a free transaction before gathering: whatever arrives
        // meanwhile joins this one.
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let mut rows = first.versions.len();
        let mut jobs = vec![first];
        while rows < GROUP_ROWS {
            match queue.try_recv() {
                Ok(job) => {
                    rows += job.versions.len();
                    jobs.push(job);
                }
                Err(_) => break,
            }
        }
        let (db, kept) = (db.clone(), kept.clone());
        tokio::spawn(async move {
            match kept.take(&db).await {
                Ok(mut writing) => {
                    if commit(&mut writing, jobs).await {
                        kept.put(writing);
                    }
                }
                Err(e) => {
                    tracing::error!("the log writer has no database connection: {e}");
                    for job in jobs {
                        let _ = job.reply.send(Err(StoreError::Unavailable));
                    }
                }
            }
            drop(slot);
        });
    }
}

/// The writer's own connections, one per transaction at once, kept
/// between transactions.
#[derive(Clone, Default)]
struct Kept(Arc<Mutex<Vec<Writing>>>);

impl Kept {
    async fn take(&self, db: &Db) -> Result<Writing, StoreError> {
        let kept = self.0.lock().expect("never poisoned").pop();
        match kept {
            Some(writing) => Ok(writing),
            None => db.writing().await,
        }
    }

    fn put(&self, writing: Writing) {
        self.0.lock().expect("never poisoned").push(writing);
    }
}

/// One transaction for the jobs, each answered with its own outcomes.
/// Whether the connection is worth keeping: after an error it is closed,
/// and the next transaction takes a fresh one.
async fn commit(writing: &mut Writing, mut jobs: Vec<Job>) -> bool {
    let all: Vec<NewVersion<'_>> = jobs
        .iter()
        .flat_map(|j| j.versions.iter().map(Owned::as_new))
        .collect();
    match writing.append_versions(&all).await {
        Ok(mut outcomes) => {
            for job in jobs {
                let rest = outcomes.split_off(job.versions.len());
                let _ = job.reply.send(Ok(std::mem::replace(&mut outcomes, rest)));
            }
            true
        }
        Err(e) if jobs.len() == 1 => {
            let _ = jobs.pop().expect("one job").reply.send(Err(e));
            false
        }
        // One job spoiled the shared transaction: give each its own.
        Err(_) => {
            let mut fine = true;
            for job in jobs {
                let versions: Vec<NewVersion<'_>> =
                    job.versions.iter().map(Owned::as_new).collect();
                let result = writing.append_versions(&versions).await;
                fine &= result.is_ok();
                let _ = job.reply.send(result);
            }
            fine
        }
    }
}
