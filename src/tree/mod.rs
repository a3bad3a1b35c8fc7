//! The verifiable log: every stored version and every audit line is a leaf
//! of an append-only Merkle tree (RFC 6962), whose size and root the portal
//! signs every few seconds as a checkpoint (C2SP tlog-checkpoint). Anyone
//! holding a checkpoint can check that an entry is in the log (an
//! inclusion proof) and that a later log still holds everything an earlier
//! one did (a consistency proof); `inzage verify` recomputes the whole tree
//! from the rows. See docs/architecture.md#the-verifiable-log.
//!
//! Leaves are appended by [`grow`], a step after the writing transactions:
//! it takes the rows that have committed, in `seq` order per table, and
//! never passes one by (`Db::committed`).

pub mod export;
pub mod proof;
pub mod purge;
pub mod upper;
pub mod verify;
pub mod witness;

use crate::crypto::{
    merkle::{self, Frontier, Hash, NodeId},
    note::{self, Checkpoint, NoteVerifier},
    LogKey,
};
use crate::store::{
    leaf,
    tree::{NewLeaf, Soort, StoredCheckpoint},
    Db, StoreError,
};
use std::{
    collections::{BTreeMap, BTreeSet},
    sync::Arc,
    time::Duration,
};

/// Rows read per step while growing the tree: small enough that appending
/// them holds SQLite's one writer only briefly and the server's memory stays low.
const ROWS_PER_STEP: i64 = 5_000;
/// How often the tree grows and, when it did, a checkpoint is signed.
pub const CHECKPOINT_EVERY: Duration = Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
pub enum TreeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Leaf(#[from] leaf::NoSalt),
    #[error(transparent)]
    Missing(#[from] merkle::MissingNode),
    #[error("a reading task stopped: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// Who signs the checkpoints: the log's name (origin) and key.
#[derive(Clone, Debug)]
pub struct Signer {
    pub origin: String,
    pub key: Arc<LogKey>,
}

impl Signer {
    /// The public key as a note verifier (`origin+id+key`), to publish.
    pub fn verifier(&self) -> NoteVerifier {
        NoteVerifier::from_signing(&self.origin, self.key.signing())
    }

    fn sign(&self, size: u64, root: Hash) -> String {
        let checkpoint = Checkpoint {
            origin: self.origin.clone(),
            size,
            root,
            extensions: Vec::new(),
        };
        note::sign(&checkpoint.body(), &self.origin, self.key.signing())
    }
}

/// The stored hashes a computation needs, fetched at once.
pub(crate) async fn fetch(
    db: &Db,
    needs: &BTreeSet<NodeId>,
) -> Result<BTreeMap<NodeId, Hash>, StoreError> {
    let ids = needs.iter().map(|n| (n.level, n.index)).collect();
    Ok(db
        .tree_nodes(&ids)
        .await?
        .into_iter()
        .map(|((level, index), hash)| (NodeId { level, index }, hash))
        .collect())
}

/// The compact range of the stored tree at `size`, to append to.
async fn frontier_at(db: &Db, size: u64) -> Result<Frontier, TreeError> {
    let mut needs = BTreeSet::new();
    merkle::frontier_needs(size, &mut needs);
    let nodes = fetch(db, &needs).await?;
    Ok(Frontier::from_nodes(size, &|id| nodes.get(&id).copied())?)
}

/// Appends every committed row that is not in the tree yet; returns the
/// tree's size. Another process appending at the same time is waited for.
pub async fn grow(db: &Db) -> Result<u64, TreeError> {
    let committed = db.committed().await?;
    db.salt_missing(db.tree_head().await?, committed).await?;
    loop {
        let head = db.tree_head().await?;
        let (versions, audits) = tokio::try_join!(
            db.version_hashes(head.last_actie, committed.actie, ROWS_PER_STEP),
            db.audit_for_leaves(head.last_audit, committed.audit, ROWS_PER_STEP),
        )?;
        if versions.is_empty() && audits.is_empty() {
            return Ok(head.size as u64);
        }
        let versions_len = versions.len();
        let mut leaves = Vec::with_capacity(versions.len() + audits.len());
        let mut unhashed = Vec::new();
        for (seq, hash) in versions {
            match hash.as_deref().map(Hash::try_from) {
                Some(Ok(hash)) => leaves.push(NewLeaf {
                    soort: Soort::Actie,
                    seq,
                    hash,
                }),
                _ => unhashed.push(seq),
            }
        }
        // Rows a writer stored without their hash (before the column was
        // there): read them and hash them here.
        for v in db.versions_by_seq(&unhashed).await? {
            leaves.push(NewLeaf {
                soort: Soort::Actie,
                seq: v.seq,
                hash: leaf::version_leaf(&v)?,
            });
        }
        if leaves.len() != versions_len {
            return Err(StoreError::Corrupt("a version left while the tree read it".into()).into());
        }
        leaves.sort_by_key(|l| l.seq);
        for a in &audits {
            leaves.push(NewLeaf {
                soort: Soort::Audit,
                seq: a.line.seq,
                hash: leaf::audit_leaf(a)?,
            });
        }
        let mut frontier = frontier_at(db, head.size as u64).await?;
        let mut nodes = Vec::new();
        for leaf in &leaves {
            for (id, hash) in frontier.push(leaf.hash) {
                nodes.push(((id.level, id.index), hash));
            }
        }
        // False: another process appended first; read the head again.
        db.append_leaves(head.size, &leaves, &nodes).await?;
    }
}

/// Signs a checkpoint of the tree as it is, unless the newest one has this
/// size already. Returns the newest checkpoint.
pub async fn checkpoint(db: &Db, signer: &Signer) -> Result<Option<StoredCheckpoint>, TreeError> {
    let size = db.tree_head().await?.size;
    let latest = db.latest_checkpoint().await?;
    if size == 0 || latest.as_ref().is_some_and(|c| c.grootte >= size) {
        return Ok(latest);
    }
    let root = root_at(db, size as u64).await?;
    let signed = StoredCheckpoint {
        grootte: size,
        wortel: root.to_vec(),
        notitie: signer.sign(size as u64, root),
        tijd: chrono::Utc::now().timestamp_micros(),
    };
    db.insert_checkpoint(&signed).await?;
    Ok(Some(signed))
}

/// The root of the stored tree at `size`.
pub async fn root_at(db: &Db, size: u64) -> Result<Hash, TreeError> {
    let mut needs = BTreeSet::new();
    merkle::root_needs(size, &mut needs);
    let nodes = fetch(db, &needs).await?;
    Ok(merkle::root(size, &|id| nodes.get(&id).copied())?)
}

/// Grows the tree and signs a checkpoint: what the background job does
/// each round, and what tests and commands call to be up to date.
pub async fn seal(db: &Db, signer: &Signer) -> Result<Option<StoredCheckpoint>, TreeError> {
    grow(db).await?;
    checkpoint(db, signer).await
}

/// The background job: seals every [`CHECKPOINT_EVERY`], and removes what
/// retention ends once a day.
pub fn spawn(db: Db, signer: Signer) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(CHECKPOINT_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut next_purge = tokio::time::Instant::now() + Duration::from_secs(60);
        loop {
            tick.tick().await;
            if let Err(e) = seal(&db, &signer).await {
                tracing::error!("the verifiable log could not grow: {e}");
            }
            if tokio::time::Instant::now() >= next_purge {
                next_purge += Duration::from_secs(24 * 3600);
                let now = chrono::Utc::now();
                match purge::purge(&db, now, purge::Mode::Remove).await {
                    Ok(report) => tracing::info!(
                        actions = report.actions,
                        versions = report.versions,
                        "retention: expired entries removed"
                    ),
                    Err(e) => tracing::error!("retention could not run: {e}"),
                }
            }
        }
    })
}
