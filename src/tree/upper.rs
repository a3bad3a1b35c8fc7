//! The stored hashes of the tree's upper levels, kept in memory. Every
//! proof needs a few nodes of each level; the upper ones are shared by
//! many leaves and few in number (one per 256 leaves and fewer), and a
//! complete subtree's hash never changes once stored. Reading them from
//! memory leaves a proof two short reads per leaf.

use super::fetch;
use crate::crypto::merkle::{Hash, NodeId};
use crate::store::{Db, StoreError};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

/// The lowest level kept: 256 leaves a node, 1.3 MB at 10,000,000 leaves.
const LOWEST: u32 = 8;

/// Per kept level, its nodes from index 0 on, as far as read so far.
#[derive(Debug, Default)]
pub struct UpperLevels {
    levels: Mutex<BTreeMap<u32, Vec<Hash>>>,
}

impl UpperLevels {
    /// The stored hashes of `needs`: the upper levels from memory (read
    /// once, up to the highest index asked for), the rest from the database.
    pub async fn fetch(
        &self,
        db: &Db,
        needs: &BTreeSet<NodeId>,
    ) -> Result<BTreeMap<NodeId, Hash>, StoreError> {
        let (upper, lower): (BTreeSet<NodeId>, BTreeSet<NodeId>) =
            needs.iter().partition(|id| id.level >= LOWEST);
        let mut found = fetch(db, &lower).await?;
        let missing = self.take(&upper, &mut found);
        if missing.is_empty() {
            return Ok(found);
        }
        // Read each level on from what is kept, so it stays gapless.
        let mut reads = BTreeSet::new();
        {
            let levels = self.levels.lock().expect("never poisoned");
            for id in &missing {
                let kept = levels.get(&id.level).map_or(0, |nodes| nodes.len() as u64);
                reads.extend((kept..=id.index).map(|index| NodeId {
                    level: id.level,
                    index,
                }));
            }
        }
        let read = fetch(db, &reads).await?;
        {
            let mut levels = self.levels.lock().expect("never poisoned");
            for (id, hash) in &read {
                let nodes = levels.entry(id.level).or_default();
                // Another proof may have read it first; a gap stops the level.
                if nodes.len() as u64 == id.index {
                    nodes.push(*hash);
                }
            }
        }
        // What is still missing is missing from the database: the caller's
        // proof reports it.
        self.take(&missing, &mut found);
        Ok(found)
    }

    /// Copies the kept hashes among `ids` into `found`; returns the others.
    fn take<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a NodeId>,
        found: &mut BTreeMap<NodeId, Hash>,
    ) -> Vec<NodeId> {
        let levels = self.levels.lock().expect("never poisoned");
        let mut missing = Vec::new();
        for id in ids {
            match levels
                .get(&id.level)
                .and_then(|nodes| nodes.get(id.index as usize))
            {
                Some(hash) => {
                    found.insert(*id, *hash);
                }
                None => missing.push(*id),
            }
        }
        missing
    }
}
