//! `inzage verify`: recomputes the tree from the rows and checks it
//! against the signed checkpoints. It reports, each with its `seq`:
//! a row that differs from its leaf (an edited field, a swapped `seq`), a
//! row that is gone without retention removing it, a row that is not in
//! the tree although later rows are (inserted behind its back); and a
//! checkpoint whose signature or root does not hold (edited leaves).

use super::TreeError;
use crate::crypto::{
    merkle::{Frontier, Hash},
    note::{Checkpoint, NoteVerifier, SignedNote},
};
use crate::store::{
    leaf,
    log::{Removed, REMOVED_VERSIONS},
    tree::{SaltedAudit, Soort, StoredCheckpoint, StoredLeaf, VersionRow},
    Db,
};
use std::collections::{HashMap, HashSet, VecDeque};

/// Leaves checked per step.
const LEAVES_PER_STEP: i64 = 20_000;
/// Steps read and hashed at once, ahead of the one being added to the
/// tree: enough to keep both cores busy reading and hashing.
const STEPS_AHEAD: usize = 3;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The row no longer hashes to its leaf.
    Changed { soort: Soort, seq: i64, leaf: i64 },
    /// The row is gone, but retention did not remove it.
    Removed { soort: Soort, seq: i64, leaf: i64 },
    /// The row's salt is missing: it cannot be checked.
    Unreadable { soort: Soort, seq: i64, leaf: i64 },
    /// The row is not in the tree, although rows after it are.
    Added { soort: Soort, seq: i64 },
    /// The checkpoint's signature does not hold.
    Unsigned { size: i64 },
    /// The leaves do not make the root the checkpoint signed.
    Root { size: i64 },
    /// The version is marked removed by retention, but no removal in the
    /// audit trail names it.
    Unexplained { seq: i64, leaf: i64 },
    /// The log has leaves, but no signed checkpoint at all.
    NoCheckpoint { leaves: i64 },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Changed { soort, seq, leaf } => write!(
                f,
                "{} seq {seq} was changed: it no longer matches leaf {leaf}",
                soort.as_str()
            ),
            Problem::Removed { soort, seq, leaf } => write!(
                f,
                "{} seq {seq} was deleted (leaf {leaf}), not by retention",
                soort.as_str()
            ),
            Problem::Unreadable { soort, seq, leaf } => write!(
                f,
                "{} seq {seq} lost its leaf salt (leaf {leaf})",
                soort.as_str()
            ),
            Problem::Added { soort, seq } => write!(
                f,
                "{} seq {seq} was inserted: it is not in the tree, later rows are",
                soort.as_str()
            ),
            Problem::Unsigned { size } => {
                write!(f, "checkpoint {size}: the signature does not hold")
            }
            Problem::Root { size } => write!(
                f,
                "checkpoint {size}: the leaves no longer make the signed root (leaves were changed, \
                 removed, added or reordered)"
            ),
            Problem::Unexplained { seq, leaf } => write!(
                f,
                "actie seq {seq} (leaf {leaf}) is marked removed by retention, but no removal in \
                 the audit trail names it"
            ),
            Problem::NoCheckpoint { leaves } => write!(
                f,
                "the log has {leaves} leaves but no signed checkpoint: checkpoints were deleted"
            ),
        }
    }
}

/// What a run checked and found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Leaves checked, from `from`.
    pub from: i64,
    pub leaves: i64,
    pub checkpoints: usize,
    /// The newest checkpoint checked.
    pub latest: Option<i64>,
    pub problems: Vec<Problem>,
}

/// Checks the tree from the checkpoint of size `since` (0: from the
/// start) to the newest checkpoint, against `verifier`'s signatures.
pub async fn verify(db: &Db, verifier: &NoteVerifier, since: i64) -> Result<Report, TreeError> {
    let mut report = Report {
        from: since,
        ..Report::default()
    };
    let checkpoints = db.checkpoints_from(since).await?;
    let mut roots: HashMap<i64, Hash> = HashMap::new();
    for c in &checkpoints {
        match signed_root(c, verifier) {
            Some(root) => {
                roots.insert(c.grootte, root);
            }
            None => report.problems.push(Problem::Unsigned { size: c.grootte }),
        }
    }
    report.checkpoints = checkpoints.len();
    report.latest = checkpoints.last().map(|c| c.grootte);
    let end = report.latest.unwrap_or(0);

    let mut frontier = if since == 0 {
        Frontier::default()
    } else {
        let frontier = super::frontier_at(db, since as u64).await?;
        if roots.get(&since) != Some(&frontier.root()) {
            report.problems.push(Problem::Root { size: since });
        }
        frontier
    };
    let mut removed_by_retention: HashSet<i64> = HashSet::new();
    let mut marked_removed: Vec<(i64, i64)> = Vec::new();
    // Later steps are read and their rows hashed while this one is added.
    let mut queued = since;
    let mut ahead = VecDeque::new();
    loop {
        while ahead.len() < STEPS_AHEAD && queued < end {
            let to = (queued + LEAVES_PER_STEP).min(end);
            ahead.push_back(tokio::spawn(Step::check(db.clone(), queued, to)));
            queued = to;
        }
        let Some(step) = ahead.pop_front() else { break };
        let Step {
            leaves,
            problems,
            removed,
        } = step.await??;
        report.problems.extend(problems);
        removed_by_retention.extend(removed);
        for stored in &leaves {
            let hash = Hash::try_from(stored.hash.as_slice()).unwrap_or_default();
            if stored.gewist.is_some() && stored.soort == Soort::Actie {
                marked_removed.push((stored.seq, stored.idx));
            }
            frontier.push(hash);
            let size = frontier.size() as i64;
            if let Some(root) = roots.get(&size) {
                if *root != frontier.root() {
                    report.problems.push(Problem::Root { size });
                }
            }
        }
        report.leaves += leaves.len() as i64;
    }
    if (frontier.size() as i64) < end {
        report.problems.push(Problem::Root { size: end });
    }

    let head = db.tree_head().await?;
    if checkpoints.is_empty() && since == 0 && head.size > 0 {
        report
            .problems
            .push(Problem::NoCheckpoint { leaves: head.size });
    }
    // A removal's audit line may not be in the tree yet: it came after the leaf.
    let pending = db
        .audit_for_leaves(head.last_audit, i64::MAX, i64::MAX)
        .await?;
    removed_by_retention.extend(removed_versions(&pending));
    for (seq, leaf) in marked_removed {
        if !removed_by_retention.contains(&seq) {
            report.problems.push(Problem::Unexplained { seq, leaf });
        }
    }
    for soort in [Soort::Actie, Soort::Audit] {
        let upto = match soort {
            Soort::Actie => head.last_actie,
            Soort::Audit => head.last_audit,
        };
        for seq in db.rows_without_leaf(soort, upto).await? {
            report.problems.push(Problem::Added { soort, seq });
        }
    }
    Ok(report)
}

/// The root a stored checkpoint signed, if its note is signed by
/// `verifier` and says what the row says.
fn signed_root(c: &StoredCheckpoint, verifier: &NoteVerifier) -> Option<Hash> {
    let note = SignedNote::parse(&c.notitie).ok()?;
    if !note.verify(verifier) {
        return None;
    }
    let body = Checkpoint::parse_body(&note.body).ok()?;
    (body.size as i64 == c.grootte && body.root[..] == c.wortel[..]).then_some(body.root)
}

/// One step's leaves, with what is wrong with their rows.
struct Step {
    leaves: Vec<StoredLeaf>,
    problems: Vec<Problem>,
    /// The versions that removals among the step's audit lines name.
    removed: Vec<i64>,
}

impl Step {
    /// Reads leaves `from <= idx < to` and their rows, and hashes the rows.
    async fn check(db: Db, from: i64, to: i64) -> Result<Step, TreeError> {
        let leaves = db.leaves(from, to).await?;
        let rows = Rows::read(&db, &leaves).await?;
        Ok(tokio::task::spawn_blocking(move || {
            let problems = leaves
                .iter()
                .filter_map(|stored| {
                    let hash = Hash::try_from(stored.hash.as_slice()).unwrap_or_default();
                    rows.check(stored, &hash)
                })
                .collect();
            let removed = rows.removed_versions();
            Step {
                leaves,
                problems,
                removed,
            }
        })
        .await?)
    }
}

/// The rows behind one step's leaves.
struct Rows {
    versions: HashMap<i64, VersionRow>,
    audits: HashMap<i64, SaltedAudit>,
}

impl Rows {
    async fn read(db: &Db, leaves: &[StoredLeaf]) -> Result<Rows, TreeError> {
        let seqs = |soort| {
            let mut seqs: Vec<i64> = leaves
                .iter()
                .filter(|l| l.soort == soort)
                .map(|l| l.seq)
                .collect();
            seqs.sort_unstable();
            seqs
        };
        let (versions, audits) = (seqs(Soort::Actie), seqs(Soort::Audit));
        let audit_range = match (audits.first(), audits.last()) {
            (Some(first), Some(last)) => Some((first - 1, *last)),
            _ => None,
        };
        let (versions, audits) = tokio::try_join!(db.versions_by_seq(&versions), async {
            match audit_range {
                Some((after, upto)) => db.audit_for_leaves(after, upto, i64::MAX).await,
                None => Ok(Vec::new()),
            }
        })?;
        Ok(Rows {
            versions: versions.into_iter().map(|v| (v.seq, v)).collect(),
            audits: audits.into_iter().map(|a| (a.line.seq, a)).collect(),
        })
    }

    /// What is wrong with the row of this leaf, if anything.
    fn check(&self, stored: &StoredLeaf, hash: &Hash) -> Option<Problem> {
        let (soort, seq, leaf) = (stored.soort, stored.seq, stored.idx);
        let recomputed = match soort {
            Soort::Actie => self.versions.get(&seq).map(leaf::version_leaf),
            Soort::Audit => self.audits.get(&seq).map(leaf::audit_leaf),
        };
        match (recomputed, stored.gewist) {
            (None, Some(_)) => None,
            (None, None) => Some(Problem::Removed { soort, seq, leaf }),
            (Some(Err(_)), _) => Some(Problem::Unreadable { soort, seq, leaf }),
            (Some(Ok(h)), _) if h != *hash => Some(Problem::Changed { soort, seq, leaf }),
            (Some(Ok(_)), _) => None,
        }
    }

    /// The versions the removals among these audit lines name.
    fn removed_versions(&self) -> Vec<i64> {
        removed_versions(self.audits.values())
    }
}

/// The versions the removals among these audit lines name.
fn removed_versions<'a>(lines: impl IntoIterator<Item = &'a SaltedAudit>) -> Vec<i64> {
    lines
        .into_iter()
        .map(|a| &a.line)
        .filter(|a| a.actie == REMOVED_VERSIONS)
        .filter_map(|a| serde_json::from_str::<Removed>(a.details.as_deref()?).ok())
        .flat_map(|r| r.seqs)
        .collect()
}
