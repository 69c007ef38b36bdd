//! Test support: the inputs a reader of a file the app wrote must survive (`docs/security.md`,
//! every file read back is hostile input). Arbitrary bytes, and a valid file mutated: cut
//! short, one byte changed, bytes put in, a part repeated.

use proptest::prelude::*;

/// Arbitrary bytes, or `valid` damaged in one of the ways a disk, an editor or a crash damages
/// a file.
pub fn damaged(valid: Vec<u8>) -> BoxedStrategy<Vec<u8>> {
    let len = valid.len().max(1);
    let v1 = valid.clone();
    let v2 = valid.clone();
    let v3 = valid.clone();
    let v4 = valid;
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..600),
        (0..len).prop_map(move |at| v1[..at.min(v1.len())].to_vec()),
        (0..len, any::<u8>()).prop_map(move |(at, b)| {
            let mut v = v2.clone();
            if let Some(x) = v.get_mut(at) {
                *x = b;
            }
            v
        }),
        (0..len, proptest::collection::vec(any::<u8>(), 1..8)).prop_map(move |(at, bytes)| {
            let mut v = v3.clone();
            let at = at.min(v.len());
            v.splice(at..at, bytes);
            v
        }),
        (0..len, 0..len).prop_map(move |(a, b)| {
            let (a, b) = (a.min(b), a.max(b));
            let mut v = v4.clone();
            let part = v[a.min(v.len())..b.min(v.len())].to_vec();
            v.extend(part);
            v
        }),
    ]
    .boxed()
}

/// Every file under `dir` with its bytes, to prove a reader wrote nothing.
pub fn snapshot(dir: &std::path::Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if let Ok(b) = std::fs::read(&p) {
                out.insert(p, b);
            }
        }
    }
    out
}
