//! Proofs from the stored tree: that entries are in it (inclusion) and
//! that a larger tree holds a smaller one unchanged (consistency). The
//! hashes every proof needs are read in one go, the upper levels from memory.

use super::{upper::UpperLevels, TreeError};
use crate::crypto::merkle::{self, Hash};
use crate::store::Db;
use std::collections::BTreeSet;

/// For each leaf index, its inclusion proof in the tree of `size` leaves.
pub async fn inclusion(
    db: &Db,
    upper: &UpperLevels,
    indices: &[u64],
    size: u64,
) -> Result<Vec<Vec<Hash>>, TreeError> {
    let mut needs = BTreeSet::new();
    for index in indices {
        merkle::inclusion_needs(*index, size, &mut needs);
    }
    let nodes = upper.fetch(db, &needs).await?;
    let get = |id| nodes.get(&id).copied();
    indices
        .iter()
        .map(|index| Ok(merkle::inclusion_proof(*index, size, &get)?))
        .collect()
}

/// The proof that the tree of `new` leaves extends the one of `old`.
pub async fn consistency(
    db: &Db,
    upper: &UpperLevels,
    old: u64,
    new: u64,
) -> Result<Vec<Hash>, TreeError> {
    let mut needs = BTreeSet::new();
    merkle::consistency_needs(old, new, &mut needs);
    let nodes = upper.fetch(db, &needs).await?;
    Ok(merkle::consistency_proof(old, new, &|id| {
        nodes.get(&id).copied()
    })?)
}
