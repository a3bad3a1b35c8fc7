//! Group commit: creates that arrive together share one transaction, so a
//! burst of single POSTs costs one commit instead of one each. Every caller
//! is answered only after the commit that holds its rows.

use crate::store::{
    log::{ActieFields, Appended, IdempotencyKey, NewVersion, SealedObject, Wijziging},
    Db, StoreError,
};
use std::sync::Arc;
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
        let db = db.clone();
        tokio::spawn(async move {
            commit(&db, jobs).await;
            drop(slot);
        });
    }
}

/// One transaction for the jobs, each answered with its own outcomes.
async fn commit(db: &Db, mut jobs: Vec<Job>) {
    let all: Vec<NewVersion> = jobs
        .iter()
        .flat_map(|j| j.versions.iter().map(Owned::as_new))
        .collect();
    match db.append_versions(&all).await {
        Ok(mut outcomes) => {
            for job in jobs {
                let rest = outcomes.split_off(job.versions.len());
                let _ = job.reply.send(Ok(std::mem::replace(&mut outcomes, rest)));
            }
        }
        Err(e) if jobs.len() == 1 => {
            let _ = jobs.pop().expect("one job").reply.send(Err(e));
        }
        // One job spoiled the shared transaction: give each its own.
        Err(_) => {
            for job in jobs {
                let versions: Vec<NewVersion> = job.versions.iter().map(Owned::as_new).collect();
                let _ = job.reply.send(db.append_versions(&versions).await);
            }
        }
    }
}
