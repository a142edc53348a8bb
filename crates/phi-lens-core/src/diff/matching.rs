//! Which finding of one run is which finding of another: the stable fingerprint (rule, node,
//! column) and the matching that pairs findings by it, shared by `diff` and the baseline.
//!
//! The message text and any line number stay out of the fingerprint: a rename elsewhere in
//! the project rewrites messages that name the renamed model ("reached through …") without
//! changing what the finding is about. Where one node holds several findings of one rule on
//! one column, identical messages are paired first, the rest in order.

use std::collections::BTreeMap;

pub use crate::report::finding_fingerprint as fingerprint;

/// One side's finding as the matcher sees it: its fingerprint and its message.
pub(crate) struct Keyed<'a> {
    pub key: String,
    pub message: &'a str,
}

/// Pairs `head` with `base` by fingerprint: for each head finding, the index of its base
/// finding, or `None` when it is new. Base findings left unpaired are resolved. Deterministic:
/// within one fingerprint, equal messages pair first, then the rest in their given order.
pub(crate) fn pair(base: &[Keyed<'_>], head: &[Keyed<'_>]) -> Vec<Option<usize>> {
    let mut groups: BTreeMap<&str, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, b) in base.iter().enumerate() {
        groups.entry(b.key.as_str()).or_default().0.push(i);
    }
    for (i, h) in head.iter().enumerate() {
        groups.entry(h.key.as_str()).or_default().1.push(i);
    }
    let mut out = vec![None; head.len()];
    for (bases, heads) in groups.values() {
        if bases.is_empty() || heads.is_empty() {
            continue;
        }
        let mut taken = vec![false; bases.len()];
        let mut unpaired = Vec::new();
        for &h in heads {
            let same = bases
                .iter()
                .enumerate()
                .find(|(j, &b)| !taken[*j] && base.get(b).map(|k| k.message) == head.get(h).map(|k| k.message));
            match same {
                Some((j, &b)) => {
                    taken[j] = true;
                    out[h] = Some(b);
                }
                None => unpaired.push(h),
            }
        }
        let mut free = bases.iter().enumerate().filter(|(j, _)| !taken[*j]).map(|(_, &b)| b);
        for h in unpaired {
            match free.next() {
                Some(b) => out[h] = Some(b),
                None => break,
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k<'a>(key: &str, message: &'a str) -> Keyed<'a> {
        Keyed { key: key.to_string(), message }
    }

    #[test]
    fn the_column_is_compared_case_insensitively() {
        assert_eq!(fingerprint("PHI003", "model.p.m", Some("SSN")), "PHI003|model.p.m|ssn");
        assert_eq!(fingerprint("DOC001", "model.p.m", None), "DOC001|model.p.m|");
    }

    #[test]
    fn equal_messages_pair_first_then_the_rest_in_order() {
        let base = [k("a", "one"), k("a", "two"), k("b", "x")];
        let head = [k("a", "two"), k("a", "three"), k("a", "four"), k("c", "y")];
        assert_eq!(pair(&base, &head), vec![Some(1), Some(0), None, None]);
    }

    #[test]
    fn a_changed_message_does_not_make_a_finding_new() {
        let base = [k("PHI010|exposure.p.e|", "reached through model.p.old_name")];
        let head = [k("PHI010|exposure.p.e|", "reached through model.p.new_name")];
        assert_eq!(pair(&base, &head), vec![Some(0)]);
    }
}
