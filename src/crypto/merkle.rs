//! RFC 6962 / RFC 9162 Merkle tree over the log's leaves, computed from the
//! nodes the database keeps.
//!
//! Stored are the leaf hashes (level 0) and the hashes of complete subtrees
//! at levels that are multiples of [`STRIDE`]: node `(level, index)` covers
//! leaves `[index << level, (index + 1) << level)`. Every other hash is
//! computed. A computation comes in two halves so the database is read in
//! one go: `*_needs` lists the stored nodes it reads, the caller fetches
//! them, and the function of the same name runs synchronously on a lookup.
//! Both halves share one recursion, so they always agree.

use std::collections::BTreeSet;

use sha2::{Digest, Sha256};

/// A SHA-256 hash: of a leaf, of a node or of a tree.
pub type Hash = [u8; 32];

/// Levels above the leaves that are stored are multiples of this: a stored
/// node at level 4 covers 16 leaves, at level 8 256, and so on.
pub const STRIDE: u32 = 4;

/// A node of the tree: `level` 0 is a leaf, `index` counts from the left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId {
    pub level: u32,
    pub index: u64,
}

/// A stored node the computation needed was not in the lookup. Also used
/// for a leaf asked for beyond the tree's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("tree node {0:?} is missing")]
pub struct MissingNode(pub NodeId);

/// RFC 6962 leaf hash: SHA-256(0x00 || data).
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0x00u8]);
    h.update(data);
    h.finalize().into()
}

/// RFC 6962 interior node hash: SHA-256(0x01 || left || right).
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([0x01u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The root of the empty tree: SHA-256 of nothing.
pub fn empty_root() -> Hash {
    Sha256::digest(b"").into()
}

/// Whether nodes at `level` are stored.
pub fn is_stored_level(level: u32) -> bool {
    level % STRIDE == 0
}

/// Where the shared recursion gets stored nodes: either it records what it
/// would read, or it reads from a lookup.
trait Source {
    fn get(&mut self, id: NodeId) -> Result<Hash, MissingNode>;
}

/// Records the nodes asked for; the hashes it hands out are dummies.
struct Recorder<'a>(&'a mut BTreeSet<NodeId>);

impl Source for Recorder<'_> {
    fn get(&mut self, id: NodeId) -> Result<Hash, MissingNode> {
        self.0.insert(id);
        Ok([0; 32])
    }
}

/// Reads stored nodes from the caller's lookup.
struct Lookup<'a, F>(&'a F);

impl<F: Fn(NodeId) -> Option<Hash>> Source for Lookup<'_, F> {
    fn get(&mut self, id: NodeId) -> Result<Hash, MissingNode> {
        (self.0)(id).ok_or(MissingNode(id))
    }
}

/// The largest power of two smaller than `n` (RFC 6962's `k`); `n >= 2`.
fn split(n: u64) -> u64 {
    1 << (63 - (n - 1).leading_zeros())
}

/// MTH of leaves `[start, end)`.
fn range_with(start: u64, end: u64, src: &mut impl Source) -> Result<Hash, MissingNode> {
    if start >= end {
        return Ok(empty_root());
    }
    let n = end - start;
    // A whole subtree that is stored: read it. Only an aligned range is a
    // node of the tree; any other range is computed from its parts.
    if n.is_power_of_two() && is_stored_level(n.trailing_zeros()) && (start & (n - 1)) == 0 {
        let level = n.trailing_zeros();
        return src.get(NodeId {
            level,
            index: start >> level,
        });
    }
    let k = split(n);
    let left = range_with(start, start + k, src)?;
    let right = range_with(start + k, end, src)?;
    Ok(node_hash(&left, &right))
}

/// Adds to `out` the stored nodes [`range_hash`] reads for `[start, end)`.
pub fn range_needs(start: u64, end: u64, out: &mut BTreeSet<NodeId>) {
    // The recorder never fails.
    let _ = range_with(start, end, &mut Recorder(out));
}

/// The Merkle tree hash (MTH) of leaves `[start, end)`; the empty root when
/// the range is empty. Efficient for the ranges RFC 6962's recursion makes
/// (start a multiple of the largest power of two not above the length);
/// any other range is correct but reads more nodes.
pub fn range_hash(
    start: u64,
    end: u64,
    nodes: &impl Fn(NodeId) -> Option<Hash>,
) -> Result<Hash, MissingNode> {
    range_with(start, end, &mut Lookup(nodes))
}

/// Adds to `out` the stored nodes [`root`] reads.
pub fn root_needs(size: u64, out: &mut BTreeSet<NodeId>) {
    range_needs(0, size, out);
}

/// The root of the tree of the first `size` leaves.
pub fn root(size: u64, nodes: &impl Fn(NodeId) -> Option<Hash>) -> Result<Hash, MissingNode> {
    range_hash(0, size, nodes)
}

/// RFC 9162 §2.1.3.1 PATH(index, D[start:end]), appended to `out` from the
/// leaf upwards.
fn path_with(
    index: u64,
    start: u64,
    end: u64,
    src: &mut impl Source,
    out: &mut Vec<Hash>,
) -> Result<(), MissingNode> {
    let n = end - start;
    if n <= 1 {
        return Ok(());
    }
    let mid = start + split(n);
    if index < mid {
        path_with(index, start, mid, src, out)?;
        out.push(range_with(mid, end, src)?);
    } else {
        path_with(index, mid, end, src, out)?;
        out.push(range_with(start, mid, src)?);
    }
    Ok(())
}

fn inclusion_with(index: u64, size: u64, src: &mut impl Source) -> Result<Vec<Hash>, MissingNode> {
    if index >= size {
        return Err(MissingNode(NodeId { level: 0, index }));
    }
    let mut out = Vec::new();
    path_with(index, 0, size, src, &mut out)?;
    Ok(out)
}

/// Adds to `out` the stored nodes [`inclusion_proof`] reads.
pub fn inclusion_needs(index: u64, size: u64, out: &mut BTreeSet<NodeId>) {
    // Only an index beyond the tree fails, and then nothing is needed.
    let _ = inclusion_with(index, size, &mut Recorder(out));
}

/// The inclusion proof (audit path) of leaf `index` in the tree of `size`
/// leaves. An index at or beyond `size` is reported as that missing leaf.
pub fn inclusion_proof(
    index: u64,
    size: u64,
    nodes: &impl Fn(NodeId) -> Option<Hash>,
) -> Result<Vec<Hash>, MissingNode> {
    inclusion_with(index, size, &mut Lookup(nodes))
}

/// Whether `proof` shows that `leaf` (a leaf hash) is leaf `index` of the
/// tree of `size` leaves with root `root` (RFC 9162 §2.1.3.2).
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, proof: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut f, mut s) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s == 0 {
            return false;
        }
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            // Skip the levels where this node has no right sibling.
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    s == 0 && r == *root
}

/// RFC 9162 §2.1.4.1 SUBPROOF for the old tree ending at leaf `old`
/// (absolute), within `D[start:end]`.
fn subproof_with(
    old: u64,
    start: u64,
    end: u64,
    whole: bool,
    src: &mut impl Source,
    out: &mut Vec<Hash>,
) -> Result<(), MissingNode> {
    if old == end {
        // The verifier knows the old root, so that subtree is left out.
        if !whole {
            out.push(range_with(start, end, src)?);
        }
        return Ok(());
    }
    let mid = start + split(end - start);
    if old <= mid {
        subproof_with(old, start, mid, whole, src, out)?;
        out.push(range_with(mid, end, src)?);
    } else {
        subproof_with(old, mid, end, false, src, out)?;
        out.push(range_with(start, mid, src)?);
    }
    Ok(())
}

fn consistency_with(old: u64, new: u64, src: &mut impl Source) -> Result<Vec<Hash>, MissingNode> {
    if old > new {
        return Err(MissingNode(NodeId {
            level: 0,
            index: old - 1,
        }));
    }
    let mut out = Vec::new();
    if old > 0 && old < new {
        subproof_with(old, 0, new, true, src, &mut out)?;
    }
    Ok(out)
}

/// Adds to `out` the stored nodes [`consistency_proof`] reads.
pub fn consistency_needs(old: u64, new: u64, out: &mut BTreeSet<NodeId>) {
    // Only old > new fails, and then nothing is needed.
    let _ = consistency_with(old, new, &mut Recorder(out));
}

/// The consistency proof from the tree of `old` leaves to the tree of `new`
/// leaves; empty when `old` is 0 or equal to `new`. An `old` beyond `new`
/// is reported as leaf `old - 1` missing.
pub fn consistency_proof(
    old: u64,
    new: u64,
    nodes: &impl Fn(NodeId) -> Option<Hash>,
) -> Result<Vec<Hash>, MissingNode> {
    consistency_with(old, new, &mut Lookup(nodes))
}

/// Whether `proof` shows that the tree of `old_size` leaves with root
/// `old_root` is a prefix of the tree of `new_size` leaves with root
/// `new_root` (RFC 9162 §2.1.4.2).
pub fn verify_consistency(
    old_size: u64,
    new_size: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> bool {
    if old_size > new_size {
        return false;
    }
    if old_size == new_size {
        return proof.is_empty() && old_root == new_root;
    }
    if old_size == 0 {
        // The empty tree is a prefix of every tree.
        return proof.is_empty();
    }
    let Some((first, rest)) = proof.split_first() else {
        return false;
    };
    // An old tree that is a whole subtree is not in the proof: its root is.
    let (start, rest) = if old_size.is_power_of_two() {
        (old_root, proof)
    } else {
        (first, rest)
    };
    let (mut f, mut s) = (old_size - 1, new_size - 1);
    while f & 1 == 1 {
        f >>= 1;
        s >>= 1;
    }
    let (mut fr, mut sr) = (*start, *start);
    for c in rest {
        if s == 0 {
            return false;
        }
        if f & 1 == 1 || f == s {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f >>= 1;
        s >>= 1;
    }
    fr == *old_root && sr == *new_root && s == 0
}

/// Adds to `out` the stored nodes [`Frontier::from_nodes`] reads.
pub fn frontier_needs(size: u64, out: &mut BTreeSet<NodeId>) {
    for (start, end) in decomposition(size) {
        range_needs(start, end, out);
    }
}

/// The complete subtrees a tree of `size` leaves splits into, largest (left)
/// first: one per set bit of `size`.
fn decomposition(size: u64) -> impl Iterator<Item = (u64, u64)> {
    (0..64u32)
        .rev()
        .filter(move |&b| (size >> b) & 1 == 1)
        .map(move |b| {
            // The leaves before this subtree: the bits of size above b.
            let start = ((size >> b) >> 1 << 1) << b;
            (start, start + (1u64 << b))
        })
}

/// A compact range: the roots of the complete subtrees that make up the
/// tree so far, left to right. Holds at most 64 hashes, so a verifier can
/// stream millions of leaves through it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frontier {
    size: u64,
    /// (level, hash), levels strictly decreasing.
    stack: Vec<(u32, Hash)>,
}

impl Frontier {
    /// The frontier of the empty tree.
    pub fn new() -> Frontier {
        Frontier::default()
    }

    /// The frontier of the tree of `size` leaves, from stored nodes (see
    /// [`frontier_needs`]), to resume where an earlier pass stopped.
    pub fn from_nodes(
        size: u64,
        nodes: &impl Fn(NodeId) -> Option<Hash>,
    ) -> Result<Frontier, MissingNode> {
        let mut stack = Vec::new();
        for (start, end) in decomposition(size) {
            let level = (end - start).trailing_zeros();
            stack.push((level, range_hash(start, end, nodes)?));
        }
        Ok(Frontier { size, stack })
    }

    /// Appends a leaf hash. Returns the subtrees this completed at stored
    /// levels above the leaves (level >= [`STRIDE`]), lowest first, so the
    /// caller can compare them with, or write them to, the database.
    pub fn push(&mut self, leaf: Hash) -> Vec<(NodeId, Hash)> {
        // Index of this leaf; a subtree it completes at level l is node
        // `self.size >> l`.
        let last = self.size;
        let mut completed = Vec::new();
        let (mut level, mut hash) = (0u32, leaf);
        while let Some(&(top, left)) = self.stack.last() {
            if top != level {
                break;
            }
            self.stack.pop();
            hash = node_hash(&left, &hash);
            level += 1;
            if is_stored_level(level) {
                completed.push((
                    NodeId {
                        level,
                        index: last >> level,
                    },
                    hash,
                ));
            }
        }
        self.stack.push((level, hash));
        self.size += 1;
        completed
    }

    /// The number of leaves pushed (or resumed from).
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The RFC 6962 root of all leaves so far: the subtrees folded right to
    /// left.
    pub fn root(&self) -> Hash {
        let mut subtrees = self.stack.iter().rev();
        let Some(&(_, mut acc)) = subtrees.next() else {
            return empty_root();
        };
        for (_, left) in subtrees {
            acc = node_hash(left, &acc);
        }
        acc
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    // Test data of transparency-dev/merkle (testonly/constants.go and
    // proof/verify_test.go), the certificate-transparency test vectors.
    const LEAVES: [&str; 8] = [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ];

    const ROOTS: [&str; 9] = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    /// (leaf index, tree size, proof); the Go source counts leaves from 1.
    const INCLUSION: [(u64, u64, &[&str]); 5] = [
        (0, 1, &[]),
        (
            0,
            8,
            &[
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ],
        ),
        (
            5,
            8,
            &[
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ],
        ),
        (
            2,
            3,
            &["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
        ),
        (
            1,
            5,
            &[
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ],
        ),
    ];

    /// (old size, new size, proof).
    const CONSISTENCY: [(u64, u64, &[&str]); 5] = [
        (1, 1, &[]),
        (
            1,
            8,
            &[
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ],
        ),
        (
            6,
            8,
            &[
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ],
        ),
        (
            2,
            5,
            &[
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ],
        ),
        (
            6,
            7,
            &[
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ],
        ),
    ];

    fn h(s: &str) -> Hash {
        hex::decode(s).unwrap().try_into().unwrap()
    }

    fn hs(hexes: &[&str]) -> Vec<Hash> {
        hexes.iter().copied().map(h).collect()
    }

    /// The stored nodes of a tree of these leaf hashes: the leaves and the
    /// complete subtrees at stored levels, computed naively.
    fn stored_nodes(leaves: &[Hash]) -> HashMap<NodeId, Hash> {
        let mut map = HashMap::new();
        for (i, leaf) in leaves.iter().enumerate() {
            map.insert(
                NodeId {
                    level: 0,
                    index: i as u64,
                },
                *leaf,
            );
        }
        let mut level = STRIDE;
        while 1usize << level <= leaves.len() {
            let width = 1usize << level;
            for i in 0..leaves.len() / width {
                let id = NodeId {
                    level,
                    index: i as u64,
                };
                map.insert(id, naive_mth(&leaves[i * width..(i + 1) * width]));
            }
            level += STRIDE;
        }
        map
    }

    /// A lookup into `map` that refuses nodes not wholly inside the first
    /// `size` leaves, as the database of a tree of that size would.
    fn lookup(map: &HashMap<NodeId, Hash>, size: u64) -> impl Fn(NodeId) -> Option<Hash> + '_ {
        move |id: NodeId| {
            if (id.index + 1) << id.level <= size {
                map.get(&id).copied()
            } else {
                None
            }
        }
    }

    /// A lookup that serves only the nodes in `needs`.
    fn only<'a>(
        map: &'a HashMap<NodeId, Hash>,
        needs: &'a BTreeSet<NodeId>,
    ) -> impl Fn(NodeId) -> Option<Hash> + 'a {
        move |id: NodeId| {
            if needs.contains(&id) {
                map.get(&id).copied()
            } else {
                None
            }
        }
    }

    // RFC 6962 definitions on a slice, without stored nodes.
    fn naive_mth(leaves: &[Hash]) -> Hash {
        match leaves.len() {
            0 => empty_root(),
            1 => leaves[0],
            n => {
                let k = split(n as u64) as usize;
                node_hash(&naive_mth(&leaves[..k]), &naive_mth(&leaves[k..]))
            }
        }
    }

    fn naive_path(m: usize, leaves: &[Hash]) -> Vec<Hash> {
        let n = leaves.len();
        if n <= 1 {
            return Vec::new();
        }
        let k = split(n as u64) as usize;
        if m < k {
            let mut p = naive_path(m, &leaves[..k]);
            p.push(naive_mth(&leaves[k..]));
            p
        } else {
            let mut p = naive_path(m - k, &leaves[k..]);
            p.push(naive_mth(&leaves[..k]));
            p
        }
    }

    fn naive_subproof(m: usize, leaves: &[Hash], whole: bool) -> Vec<Hash> {
        let n = leaves.len();
        if m == n {
            return if whole {
                Vec::new()
            } else {
                vec![naive_mth(leaves)]
            };
        }
        let k = split(n as u64) as usize;
        if m <= k {
            let mut p = naive_subproof(m, &leaves[..k], whole);
            p.push(naive_mth(&leaves[k..]));
            p
        } else {
            let mut p = naive_subproof(m - k, &leaves[k..], false);
            p.push(naive_mth(&leaves[..k]));
            p
        }
    }

    fn test_leaves(n: u64) -> Vec<Hash> {
        (0..n).map(|i| leaf_hash(&i.to_be_bytes())).collect()
    }

    fn vector_leaves() -> Vec<Hash> {
        LEAVES
            .iter()
            .map(|x| leaf_hash(&hex::decode(x).unwrap()))
            .collect()
    }

    #[test]
    fn empty_root_is_sha256_of_nothing() {
        assert_eq!(empty_root(), h(ROOTS[0]));
        assert_eq!(root(0, &|_| None).unwrap(), h(ROOTS[0]));
        assert_eq!(Frontier::new().root(), h(ROOTS[0]));
    }

    #[test]
    fn ct_roots() {
        let leaves = vector_leaves();
        let map = stored_nodes(&leaves);
        let mut frontier = Frontier::new();
        for size in 1..=8u64 {
            frontier.push(leaves[size as usize - 1]);
            let want = h(ROOTS[size as usize]);
            assert_eq!(
                root(size, &lookup(&map, size)).unwrap(),
                want,
                "size {size}"
            );
            assert_eq!(frontier.root(), want, "frontier size {size}");
            assert_eq!(naive_mth(&leaves[..size as usize]), want);
        }
    }

    #[test]
    fn ct_inclusion_proofs() {
        let leaves = vector_leaves();
        let map = stored_nodes(&leaves);
        for (index, size, proof) in INCLUSION {
            let proof = hs(proof);
            let root_hash = h(ROOTS[size as usize]);
            let leaf = leaves[index as usize];
            assert_eq!(
                inclusion_proof(index, size, &lookup(&map, size)).unwrap(),
                proof
            );
            assert!(verify_inclusion(index, size, &leaf, &proof, &root_hash));
            // Probes from the Go tests: each must fail.
            assert!(!verify_inclusion(
                index + 1,
                size,
                &leaf,
                &proof,
                &root_hash
            ));
            assert!(!verify_inclusion(
                index ^ 2,
                size,
                &leaf,
                &proof,
                &root_hash
            ));
            assert!(!verify_inclusion(
                index,
                size * 2,
                &leaf,
                &proof,
                &root_hash
            ));
            assert!(!verify_inclusion(index, size, &leaf, &proof, &empty_root()));
            assert!(!verify_inclusion(
                index,
                size,
                &leaf_hash(b"WrongLeaf"),
                &proof,
                &root_hash
            ));
            let mut longer = proof.clone();
            longer.push(root_hash);
            assert!(!verify_inclusion(index, size, &leaf, &longer, &root_hash));
            let mut preceded = vec![root_hash];
            preceded.extend_from_slice(&proof);
            assert!(!verify_inclusion(index, size, &leaf, &preceded, &root_hash));
            if !proof.is_empty() {
                assert!(!verify_inclusion(
                    index,
                    size,
                    &leaf,
                    &proof[..proof.len() - 1],
                    &root_hash
                ));
            }
            for i in 0..proof.len() {
                let mut bad = proof.clone();
                bad[i][0] ^= 8;
                assert!(!verify_inclusion(index, size, &leaf, &bad, &root_hash));
            }
        }
    }

    #[test]
    fn ct_consistency_proofs() {
        let leaves = vector_leaves();
        let map = stored_nodes(&leaves);
        for (old, new, proof) in CONSISTENCY {
            let proof = hs(proof);
            let (r1, r2) = (h(ROOTS[old as usize]), h(ROOTS[new as usize]));
            assert_eq!(
                consistency_proof(old, new, &lookup(&map, new)).unwrap(),
                proof
            );
            assert!(verify_consistency(old, new, &r1, &r2, &proof));
            if proof.is_empty() {
                continue;
            }
            assert!(!verify_consistency(old - 1, new, &r1, &r2, &proof));
            assert!(!verify_consistency(old + 1, new, &r1, &r2, &proof));
            assert!(!verify_consistency(old ^ 2, new, &r1, &r2, &proof));
            assert!(!verify_consistency(old, new * 2, &r1, &r2, &proof));
            assert!(!verify_consistency(old, new / 2, &r1, &r2, &proof));
            assert!(!verify_consistency(old, new, &r2, &r1, &proof));
            assert!(!verify_consistency(old, new, &r1, &r2, &[]));
            assert!(!verify_consistency(
                old,
                new,
                &r1,
                &r2,
                &proof[..proof.len() - 1]
            ));
            let mut longer = proof.clone();
            longer.push(r2);
            assert!(!verify_consistency(old, new, &r1, &r2, &longer));
            let mut preceded = vec![proof[0]];
            preceded.extend_from_slice(&proof);
            assert!(!verify_consistency(old, new, &r1, &r2, &preceded));
            for i in 0..proof.len() {
                let mut bad = proof.clone();
                bad[i][0] ^= 16;
                assert!(!verify_consistency(old, new, &r1, &r2, &bad));
            }
        }
    }

    #[test]
    fn consistency_edge_cases() {
        let (a, b) = (leaf_hash(b"a"), leaf_hash(b"b"));
        assert!(verify_consistency(0, 0, &a, &a, &[]));
        assert!(!verify_consistency(0, 0, &a, &b, &[]));
        assert!(verify_consistency(0, 1, &a, &b, &[]));
        assert!(!verify_consistency(0, 1, &a, &b, &[a]));
        assert!(verify_consistency(1, 1, &b, &b, &[]));
        assert!(!verify_consistency(1, 1, &a, &b, &[]));
        assert!(!verify_consistency(1, 1, &a, &a, &[a]));
        assert!(!verify_consistency(1, 0, &a, &b, &[]));
        assert!(!verify_consistency(2, 1, &a, &b, &[]));
        assert!(!verify_consistency(1, 2, &a, &b, &[]));
        assert!(consistency_proof(0, 5, &|_| None).unwrap().is_empty());
        assert!(consistency_proof(5, 5, &|_| None).unwrap().is_empty());
        assert_eq!(
            consistency_proof(6, 5, &|_| None),
            Err(MissingNode(NodeId { level: 0, index: 5 }))
        );
        assert_eq!(
            inclusion_proof(5, 5, &|_| None),
            Err(MissingNode(NodeId { level: 0, index: 5 }))
        );
        assert!(!verify_inclusion(0, 0, &a, &[], &a));
    }

    const N: u64 = 300;

    #[test]
    fn roots_and_needs_agree_with_the_naive_tree() {
        let leaves = test_leaves(N);
        let map = stored_nodes(&leaves);
        for size in 0..=N {
            let want = naive_mth(&leaves[..size as usize]);
            assert_eq!(
                root(size, &lookup(&map, size)).unwrap(),
                want,
                "size {size}"
            );
            let mut needs = BTreeSet::new();
            root_needs(size, &mut needs);
            assert_eq!(
                root(size, &only(&map, &needs)).unwrap(),
                want,
                "needs of {size}"
            );
            // Stored levels keep the reads few.
            assert!(needs.len() <= 8 * 64, "size {size} needs {}", needs.len());
        }
        // A whole stored subtree is one read.
        let mut needs = BTreeSet::new();
        root_needs(256, &mut needs);
        assert_eq!(
            needs.into_iter().collect::<Vec<_>>(),
            [NodeId { level: 8, index: 0 }]
        );
        // A range that is not a node is still right, from its leaves.
        assert_eq!(
            range_hash(3, 19, &lookup(&map, N)).unwrap(),
            naive_mth(&leaves[3..19])
        );
        let missing = range_hash(0, 16, &|_| None).unwrap_err();
        assert_eq!(missing, MissingNode(NodeId { level: 4, index: 0 }));
    }

    #[test]
    fn every_inclusion_proof_verifies() {
        let leaves = test_leaves(N);
        let map = stored_nodes(&leaves);
        for size in 1..=N {
            let root_hash = naive_mth(&leaves[..size as usize]);
            let nodes = lookup(&map, size);
            for index in 0..size {
                let proof = inclusion_proof(index, size, &nodes).unwrap();
                let leaf = leaves[index as usize];
                assert!(
                    verify_inclusion(index, size, &leaf, &proof, &root_hash),
                    "{index} in {size}"
                );
                if size <= 70 {
                    assert_eq!(proof, naive_path(index as usize, &leaves[..size as usize]));
                    let mut needs = BTreeSet::new();
                    inclusion_needs(index, size, &mut needs);
                    assert_eq!(
                        inclusion_proof(index, size, &only(&map, &needs)).unwrap(),
                        proof
                    );
                }
                if let Some(first) = proof.first() {
                    let mut bad = proof.clone();
                    bad[0][31] ^= 1;
                    assert!(!verify_inclusion(index, size, &leaf, &bad, &root_hash));
                    assert!(!verify_inclusion(index, size, first, &proof, &root_hash));
                }
                let mut other = leaf;
                other[0] ^= 1;
                assert!(!verify_inclusion(index, size, &other, &proof, &root_hash));
            }
        }
    }

    #[test]
    fn every_consistency_proof_verifies() {
        let leaves = test_leaves(N);
        let map = stored_nodes(&leaves);
        let roots: Vec<Hash> = (0..=N as usize).map(|s| naive_mth(&leaves[..s])).collect();
        for new in 0..=N {
            let nodes = lookup(&map, new);
            // All old sizes for small trees; a spread for large ones.
            let step = if new <= 70 { 1 } else { 7 };
            let olds = (0..=new).step_by(step).chain([new.saturating_sub(1), new]);
            for old in olds {
                let proof = consistency_proof(old, new, &nodes).unwrap();
                let (r1, r2) = (roots[old as usize], roots[new as usize]);
                assert!(
                    verify_consistency(old, new, &r1, &r2, &proof),
                    "{old} to {new}"
                );
                if new <= 70 && old > 0 && old < new {
                    assert_eq!(
                        proof,
                        naive_subproof(old as usize, &leaves[..new as usize], true)
                    );
                    let mut needs = BTreeSet::new();
                    consistency_needs(old, new, &mut needs);
                    assert_eq!(
                        consistency_proof(old, new, &only(&map, &needs)).unwrap(),
                        proof
                    );
                }
                if !proof.is_empty() {
                    for i in 0..proof.len() {
                        let mut bad = proof.clone();
                        bad[i][7] ^= 0x40;
                        assert!(
                            !verify_consistency(old, new, &r1, &r2, &bad),
                            "{old} to {new}"
                        );
                    }
                    let mut other = r1;
                    other[0] ^= 1;
                    assert!(!verify_consistency(old, new, &other, &r2, &proof));
                    let mut other = r2;
                    other[0] ^= 1;
                    assert!(!verify_consistency(old, new, &r1, &other, &proof));
                }
            }
        }
    }

    #[test]
    fn frontier_matches_roots_and_reports_stored_nodes() {
        let leaves = test_leaves(N);
        let map = stored_nodes(&leaves);
        let mut frontier = Frontier::new();
        let mut reported = HashMap::new();
        for (i, leaf) in leaves.iter().enumerate() {
            for (id, hash) in frontier.push(*leaf) {
                assert!(id.level >= STRIDE && is_stored_level(id.level));
                assert!(reported.insert(id, hash).is_none(), "{id:?} twice");
            }
            assert_eq!(frontier.size(), i as u64 + 1);
            assert_eq!(frontier.root(), naive_mth(&leaves[..=i]), "size {}", i + 1);
        }
        let above_leaves: HashMap<NodeId, Hash> =
            map.into_iter().filter(|(id, _)| id.level > 0).collect();
        assert_eq!(reported, above_leaves);
        // 300 leaves: 18 nodes at level 4 and one at level 8.
        assert_eq!(reported.len(), 19);
    }

    #[test]
    fn frontier_resumes_from_stored_nodes() {
        let leaves = test_leaves(N);
        let map = stored_nodes(&leaves);
        let mut full = Frontier::new();
        let mut fulls = vec![full.clone()];
        for leaf in &leaves {
            full.push(*leaf);
            fulls.push(full.clone());
        }
        for size in 0..=N {
            let mut needs = BTreeSet::new();
            frontier_needs(size, &mut needs);
            let mut resumed = Frontier::from_nodes(size, &only(&map, &needs)).unwrap();
            assert_eq!(resumed, fulls[size as usize], "size {size}");
            assert_eq!(
                Frontier::from_nodes(size, &lookup(&map, size)).unwrap(),
                resumed
            );
            for leaf in &leaves[size as usize..] {
                resumed.push(*leaf);
            }
            assert_eq!(resumed.root(), full.root(), "resumed at {size}");
        }
    }
}
